/**
 * Consolidated orders (docs/file-formats.md#workbooks, plan stages 10, 11, 20, 21): the formed orders of a
 * municipality's schools, or of the whole region, per publisher — items as rows, schools (or
 * municipalities) as columns, quantity and sum in every cell, totals per item, per school, per
 * municipality, per publisher and for the whole scope.
 *
 * What is counted is each school's latest *formed* version (order-lifecycle.ts): a correction still
 * in draft never removes a school from the totals. Money is integer kopecks throughout; every total
 * is a sum of line sums (quantity × price of one school's line), so the regional total equals the sum
 * of the municipal totals equals the sum of the formed school orders, to the kopeck.
 *
 * A row is one item for one grade at one price: schools normally all order at the price-list price,
 * but an order formed against an older price list keeps its own price, and a row whose «price ×
 * quantity» did not hold for every school would make the workbook's formulas lie.
 *
 * Orders are added one at a time (`ConsolidationBuilder`), so a caller can read a whole country's
 * orders without holding them: what stays is the rows with their per-column totals and the school
 * lines in typed arrays (school-lines.ts).
 */
import type { CatalogueItem } from '../../core/model/catalogue.js';
import type { OrderLine } from '../../core/model/order.js';
import { assertKopecks, lineSum, sumKopecks, type OverflowEntity } from '../../core/money.js';
import { formedVersion, type OrderRecord } from '../../core/model/order-lifecycle.js';
import type { Registry } from '../../core/model/registry.js';
import { SchoolLines } from './school-lines.js';

export interface Totals {
  copies: number;
  sum_kopecks: number;
}

/** What consolidation needs of the catalogue (the Catalogue class has it). */
export interface ItemSource {
  byKey(publisher: string, key: string): CatalogueItem | undefined;
}

/** The describing fields of an item; `known: false` when the catalogue no longer has the key. */
export interface ItemInfo {
  known: boolean;
  fpu_code?: string;
  item_code?: string;
  isbn?: string;
  authors: string;
  title: string;
  vat_rate?: number;
}

/** One school's line as counted, in long format (the hidden data sheet's rows). */
export interface ConsolidatedLine {
  school: string;
  municipality: string;
  publisher: string;
  item_key: string;
  grade: number;
  quantity: number;
  price_kopecks: number;
  sum_kopecks: number;
  /** the school's formed version the line comes from */
  version: number;
  /** the line's row of the consolidation */
  row: ConsolidatedRow;
}

export interface ConsolidatedRow {
  /** identity of the row within its publisher: item key, grade and price */
  key: string;
  publisher: string;
  item_key: string;
  grade: number;
  price_kopecks: number;
  item: ItemInfo;
  /** column (school code for a municipality, municipality code for the region) → its quantity and sum */
  cells: Map<string, Totals>;
  total: Totals;
}

/**
 * A publisher's school lines, sorted like its rows, then by school (registry order). They are made
 * into objects one at a time as they are visited: a country has millions.
 */
export interface CountedLines {
  readonly length: number;
  /**
   * The lines in order, a batch of up to `size` at a time (so that a writer can wait for its output
   * between batches); only those of the municipalities given, when given.
   */
  batches(size?: number, municipalities?: ReadonlySet<string>): Iterable<ConsolidatedLine[]>;
  /** the lines as objects (tests, small scopes) */
  toArray(): ConsolidatedLine[];
  /**
   * The lines in order as three columns (only those of the municipalities given, when given), with the
   * tables their indices refer to: what another thread can take without an object per line.
   */
  compact(municipalities?: ReadonlySet<string>): CompactLines;
}

export interface CompactLines {
  /** the publisher's rows, by the index `row` holds */
  rows: readonly ConsolidatedRow[];
  /** the schools of these lines (no other), in the consolidation's order, by the index `school` holds */
  schools: readonly CountedSchool[];
  row: Uint32Array;
  school: Uint32Array;
  quantity: Uint32Array;
}

/**
 * The lines with only their own schools in `schools`, renumbered in the same order: a detail volume of
 * the country names a few thousand of its 40,000 schools, and the shared strings of its workbook and
 * the pieces its writers make per school are then those few thousand (bench/README.md).
 */
function onlyTheirSchools(lines: CompactLines): CompactLines {
  const index = new Int32Array(lines.schools.length).fill(-1);
  for (let k = 0; k < lines.school.length; k++) index[lines.school[k]!] = 0;
  const schools: CountedSchool[] = [];
  for (let i = 0; i < index.length; i++) if (index[i] === 0) index[i] = schools.push(lines.schools[i]!) - 1;
  if (schools.length === lines.schools.length) return lines;
  for (let k = 0; k < lines.school.length; k++) lines.school[k] = index[lines.school[k]!]!;
  return { ...lines, schools };
}

export interface PublisherConsolidation {
  publisher: string;
  /** the columns that ordered anything from this publisher, in registry order */
  columns: string[];
  rows: ConsolidatedRow[];
  /** column → its total */
  columnTotals: Map<string, Totals>;
  bySchool: Map<string, Totals>;
  byMunicipality: Map<string, Totals>;
  /** municipality → how many school lines it has (what splits the regional detail into volumes) */
  linesByMunicipality: Map<string, number>;
  total: Totals;
  lines: CountedLines;
}

export interface CountedSchool {
  code: string;
  municipality: string;
  /** the formed version counted */
  version: number;
}

export interface Consolidation {
  scope: 'municipality' | 'region';
  /** the municipality's code (scope municipality) */
  municipality?: string;
  /** publishers with at least one ordered copy, in name order */
  publishers: PublisherConsolidation[];
  /** schools whose formed order was counted, in registry order, then those the registry lacks */
  schools: CountedSchool[];
  /** schools of the scope in the registry without a formed order */
  missing: string[];
  bySchool: Map<string, Totals>;
  byMunicipality: Map<string, Totals>;
  total: Totals;
  /** 2 once any counted school's formed order is a corrected version (≥ 2), else 1 */
  round: 1 | 2;
}

export const ZERO: Totals = Object.freeze({ copies: 0, sum_kopecks: 0 }) as Totals;

export function addTotals(a: Totals, b: Totals, entity: OverflowEntity = {}): Totals {
  const copies = a.copies + b.copies;
  assertKopecks(copies, 'copies', entity);
  return { copies, sum_kopecks: sumKopecks([a.sum_kopecks, b.sum_kopecks], entity) };
}

/** Adds into a total kept in `map`, changing it in place (millions of lines: no object per addition). */
function addInto<K>(map: Map<K, Totals>, key: K, copies: number, sum: number): void {
  const t = map.get(key);
  if (t) {
    t.copies += copies;
    t.sum_kopecks += sum;
  } else map.set(key, { copies, sum_kopecks: sum });
}

/** Dotted fpu codes in list order (1.1.2 before 1.1.10); items without one last. */
export function compareFpu(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    if (Number.isFinite(nx) && Number.isFinite(ny) && nx !== ny) return nx - ny;
    if (x !== y) return x.localeCompare(y, 'ru');
  }
  return 0;
}

const byCode = (a: string, b: string) => a.localeCompare(b, 'ru', { numeric: true });

function itemInfo(items: ItemSource, publisher: string, key: string): ItemInfo {
  const it = items.byKey(publisher, key);
  if (!it) return { known: false, authors: '', title: key };
  const info: ItemInfo = { known: true, authors: it.authors, title: it.title, vat_rate: it.vat_rate };
  if (it.fpu_code) info.fpu_code = it.fpu_code;
  if (it.item_code) info.item_code = it.item_code;
  if (it.isbn) info.isbn = it.isbn;
  return info;
}

export function compareRows(a: ConsolidatedRow, b: ConsolidatedRow): number {
  return (
    compareFpu(a.item.fpu_code, b.item.fpu_code) ||
    a.item.title.localeCompare(b.item.title, 'ru') ||
    (a.item.item_code ?? '').localeCompare(b.item.item_code ?? '', 'ru', { numeric: true }) ||
    a.item_key.localeCompare(b.item_key) ||
    a.grade - b.grade ||
    a.price_kopecks - b.price_kopecks
  );
}

function orderedMunicipalities(registry: Registry, present: Iterable<string>): string[] {
  const set = new Set(present);
  const out = registry.municipalities.map((m) => m.code).filter((c) => set.has(c));
  for (const c of out) set.delete(c);
  return [...out, ...[...set].sort(byCode)];
}

/** `map` with its keys in the order of `keys` (those it has). */
function inOrder<V>(map: Map<string, V>, keys: readonly string[]): Map<string, V> {
  const out = new Map<string, V>();
  for (const k of keys) {
    const v = map.get(k);
    if (v !== undefined) out.set(k, v);
  }
  return out;
}

/**
 * A total added up in place (addInto) checked once at the end, as sumKopecks checks each step: every
 * amount added is ≥ 0 (a line's sum), so a total that passed the safe range once stays beyond it.
 * Beyond it is the data's fault (money.ts AmountOverflow), named by `entity`.
 */
function checked(t: Totals, what: string, entity: OverflowEntity = {}): Totals {
  assertKopecks(t.sum_kopecks, what, entity);
  assertKopecks(t.copies, 'copies', entity);
  return t;
}

interface PublisherAcc {
  publisher: string;
  /** rows in the order first seen; a line refers to its row by this index */
  rows: ConsolidatedRow[];
  /** item key → the indices of its rows (one per grade and price; usually one) */
  byItem: Map<string, number[]>;
  /**
   * Per row index, the column it last added to and that column's totals: a school's lines all go to
   * one column, and schools come by municipality, so the map of cells is rarely looked up.
   */
  lastColumn: (string | undefined)[];
  lastCell: (Totals | undefined)[];
  lines: SchoolLines;
}

/**
 * The consolidation of a scope, built one order at a time: `add` each school's order record (in any
 * order; records out of scope or without a formed version are passed over), then `finish`.
 */
export class ConsolidationBuilder {
  private readonly perPublisher = new Map<string, PublisherAcc>();
  /** counted schools in the order added; a line refers to its school by this index */
  private readonly schools: CountedSchool[] = [];
  private readonly schoolIndex = new Map<string, number>();
  private readonly seen = new Set<string>();
  private round: 1 | 2 = 1;

  constructor(
    readonly scope: 'municipality' | 'region',
    readonly municipality: string | undefined,
    private readonly items: ItemSource,
    private readonly registry: Registry,
  ) {}

  private inScope(m: string): boolean {
    return this.scope === 'region' || m === this.municipality;
  }

  /** Whether any order added, formed or not, belongs to the municipality `code`. */
  hasOrdersOf(code: string): boolean {
    return this.seen.has(code);
  }

  add(record: OrderRecord): void {
    this.addSchool(record.school, record.municipality, formedVersion(record));
  }

  /**
   * A school's order as counted: the number and lines of its latest formed version, none when it has
   * not formed one. What `add` takes of an order record (read-orders.ts counts the orders read on two threads this way).
   */
  addSchool(code: string, municipality: string, formed: { version: number; lines: readonly OrderLine[] } | undefined): void {
    this.seen.add(municipality);
    if (!this.inScope(municipality)) return;
    const v = formed;
    // A school's order is one state file; a second record of the same school (a copy by hand) is not counted twice.
    if (!v || this.schoolIndex.has(code)) return;
    const school = this.schools.length;
    this.schools.push({ code, municipality, version: v.version });
    this.schoolIndex.set(code, school);
    if (v.version >= 2) this.round = 2;
    let acc: PublisherAcc | undefined;
    const column = this.scope === 'region' ? municipality : code;
    for (const l of v.lines) {
      if (l.quantity === 0) continue;
      // lineSum's checks, with the line named only when one fails: a region has 250,000 lines, and an
      // object per line to name it cost more than the rest of the counting (bench/README.md).
      let sum = l.quantity * l.price_kopecks;
      if (!Number.isSafeInteger(sum) || !Number.isSafeInteger(l.quantity) || !Number.isSafeInteger(l.price_kopecks)) {
        sum = lineSum(l.quantity, l.price_kopecks, { municipality, school: code, publisher: l.publisher, item: l.item_key, grade: l.grade });
      }
      // an order's lines come grouped by publisher: the last one's accumulator is usually the one
      if (acc?.publisher !== l.publisher) {
        acc = this.perPublisher.get(l.publisher);
        if (!acc) this.perPublisher.set(l.publisher, (acc = { publisher: l.publisher, rows: [], byItem: new Map(), lastColumn: [], lastCell: [], lines: new SchoolLines() }));
      }
      // A row is found by its item, then its grade and price among the item's few rows: a key string
      // made and hashed for each of the country's 14.6 million lines cost seconds (bench/README.md).
      let rows = acc.byItem.get(l.item_key);
      if (!rows) acc.byItem.set(l.item_key, (rows = []));
      let row: number | undefined;
      for (const i of rows) {
        const r = acc.rows[i]!;
        if (r.grade === l.grade && r.price_kopecks === l.price_kopecks) {
          row = i;
          break;
        }
      }
      if (row === undefined) {
        row = acc.rows.length;
        rows.push(row);
        acc.lastColumn.push(undefined);
        acc.lastCell.push(undefined);
        acc.rows.push({
          key: `${l.item_key}\u0000${l.grade}\u0000${l.price_kopecks}`,
          publisher: l.publisher,
          item_key: l.item_key,
          grade: l.grade,
          price_kopecks: l.price_kopecks,
          item: itemInfo(this.items, l.publisher, l.item_key),
          cells: new Map(),
          total: { copies: 0, sum_kopecks: 0 },
        });
      }
      const r = acc.rows[row]!;
      if (acc.lastColumn[row] === column) {
        const cell = acc.lastCell[row]!;
        cell.copies += l.quantity;
        cell.sum_kopecks += sum;
      } else {
        addInto(r.cells, column, l.quantity, sum);
        acc.lastColumn[row] = column;
        acc.lastCell[row] = r.cells.get(column)!;
      }
      r.total.copies += l.quantity;
      r.total.sum_kopecks += sum;
      acc.lines.push(row, school, l.quantity);
    }
  }

  finish(): Consolidation {
    const { registry, scope } = this;
    // Schools in registry order, then those the registry lacks by municipality and code.
    const registryRank = new Map(registry.schools.map((s, i) => [s.code, i]));
    const bySchoolOrder = this.schools
      .map((s, i) => i)
      .sort((a, b) => {
        const sa = this.schools[a]!;
        const sb = this.schools[b]!;
        const ra = registryRank.get(sa.code);
        const rb = registryRank.get(sb.code);
        if (ra !== undefined || rb !== undefined) return (ra ?? Infinity) - (rb ?? Infinity);
        return byCode(sa.municipality, sb.municipality) || byCode(sa.code, sb.code);
      });
    const schoolRank = new Uint32Array(this.schools.length);
    bySchoolOrder.forEach((school, rank) => (schoolRank[school] = rank));
    const schools = bySchoolOrder.map((i) => this.schools[i]!);
    const missing = registry.schools.filter((s) => this.inScope(s.municipality) && !this.schoolIndex.has(s.code)).map((s) => s.code);

    const publishers: PublisherConsolidation[] = [];
    for (const acc of this.perPublisher.values()) {
      const p = this.publisherOf(acc, schoolRank, schools);
      if (p.total.copies !== 0) publishers.push(p);
    }
    publishers.sort((a, b) => a.publisher.localeCompare(b.publisher, 'ru'));

    const bySchool = new Map<string, Totals>();
    const byMunicipality = new Map<string, Totals>();
    for (const s of schools) {
      for (const p of publishers) {
        const t = p.bySchool.get(s.code);
        if (!t) continue;
        addInto(bySchool, s.code, t.copies, t.sum_kopecks);
        addInto(byMunicipality, s.municipality, t.copies, t.sum_kopecks);
      }
    }
    for (const [code, t] of bySchool) checked(t, 'total', { school: code });
    for (const [code, t] of byMunicipality) checked(t, 'total', { municipality: code });
    const whole = this.municipality !== undefined && scope === 'municipality' ? { municipality: this.municipality } : {};
    const total = checked(publishers.reduce((t, p) => addTotals(t, p.total, whole), ZERO), 'total', whole);
    return {
      scope,
      ...(this.municipality !== undefined && scope === 'municipality' ? { municipality: this.municipality } : {}),
      publishers,
      schools,
      missing,
      bySchool,
      byMunicipality: inOrder(byMunicipality, orderedMunicipalities(registry, byMunicipality.keys())),
      total,
      round: this.round,
    };
  }

  private publisherOf(acc: PublisherAcc, schoolRank: Uint32Array, schoolsInOrder: readonly CountedSchool[]): PublisherConsolidation {
    const rows = [...acc.rows].sort(compareRows);
    const rowRank = new Uint32Array(acc.rows.length);
    const index = new Map(acc.rows.map((r, i) => [r, i]));
    rows.forEach((r, rank) => (rowRank[index.get(r)!] = rank));
    for (const r of rows) checked(r.total, 'total', { publisher: acc.publisher, item: r.item_key, grade: r.grade, price_kopecks: r.price_kopecks });
    acc.lines.sort(rowRank, schoolRank);

    // Added up by school index, in arrays, and only then by code and municipality: three map lookups
    // a line cost seconds on the country's 14.6 million lines. The maps keep the order in which the
    // lines first name a school and a municipality.
    const schools = this.schools;
    const copies = new Float64Array(schools.length);
    const sums = new Float64Array(schools.length);
    const counts = new Uint32Array(schools.length);
    const firstSeen: number[] = [];
    const prices = acc.rows.map((r) => r.price_kopecks);
    acc.lines.forEach((row, school, quantity) => {
      const seen = counts[school]!;
      if (seen === 0) firstSeen.push(school);
      counts[school] = seen + 1;
      copies[school] = copies[school]! + quantity;
      sums[school] = sums[school]! + quantity * prices[row]!;
    });
    const bySchoolAny = new Map<string, Totals>();
    const byMunicipalityAny = new Map<string, Totals>();
    const linesByMunicipality = new Map<string, number>();
    for (const school of firstSeen) {
      const s = schools[school]!;
      addInto(bySchoolAny, s.code, copies[school]!, sums[school]!);
      addInto(byMunicipalityAny, s.municipality, copies[school]!, sums[school]!);
      linesByMunicipality.set(s.municipality, (linesByMunicipality.get(s.municipality) ?? 0) + counts[school]!);
    }
    const municipalities = orderedMunicipalities(this.registry, byMunicipalityAny.keys());
    const orderedSchools = schoolsInOrder.filter((s) => bySchoolAny.has(s.code)).map((s) => s.code);
    const columns = this.scope === 'region' ? municipalities : orderedSchools;
    const columnTotals = inOrder(this.scope === 'region' ? byMunicipalityAny : bySchoolAny, columns);
    for (const [code, t] of bySchoolAny) checked(t, 'total', { publisher: acc.publisher, school: code });
    for (const [code, t] of byMunicipalityAny) checked(t, 'total', { publisher: acc.publisher, municipality: code });
    const total = checked([...columnTotals.values()].reduce((a, b) => addTotals(a, b, { publisher: acc.publisher }), ZERO), 'total', { publisher: acc.publisher });
    const publisher = acc.publisher;
    const lines = acc.lines;
    // The lines of the municipalities last asked for: a writer goes through a part's lines three times.
    let selection: { only: ReadonlySet<string>; positions: Uint32Array } | undefined;
    const countedLines: CountedLines = {
      length: lines.length,
      *batches(size = 4096, only) {
        // The sum is quantity × price, checked a safe integer when the line was added (lineSum).
        const toLine = (row: number, school: number, quantity: number): ConsolidatedLine => {
          const s = schools[school]!;
          const r = acc.rows[row]!;
          return { school: s.code, municipality: s.municipality, publisher, item_key: r.item_key, grade: r.grade, quantity, price_kopecks: r.price_kopecks, sum_kopecks: quantity * r.price_kopecks, version: s.version, row: r };
        };
        if (only && selection?.only !== only) {
          selection = { only, positions: lines.positions(schools.map((s) => only.has(s.municipality))) };
        }
        const count = only ? selection!.positions.length : lines.length;
        for (let from = 0; from < count; from += size) {
          const batch: ConsolidatedLine[] = [];
          const visit = (row: number, school: number, quantity: number) => void batch.push(toLine(row, school, quantity));
          if (only) lines.forEachAt(selection!.positions, visit, from, from + size);
          else lines.forEach(visit, from, from + size);
          yield batch;
        }
      },
      toArray() {
        return [...this.batches(1 << 16)].flat();
      },
      compact(only) {
        const positions = only ? lines.positions(schools.map((s) => only.has(s.municipality))) : undefined;
        const n = positions ? positions.length : lines.length;
        const out: CompactLines = { rows: acc.rows, schools, row: new Uint32Array(n), school: new Uint32Array(n), quantity: new Uint32Array(n) };
        let k = 0;
        const visit = (row: number, school: number, quantity: number) => {
          out.row[k] = row;
          out.school[k] = school;
          out.quantity[k++] = quantity;
        };
        if (positions) lines.forEachAt(positions, visit);
        else lines.forEach(visit);
        return onlyTheirSchools(out);
      },
    };
    return {
      publisher,
      columns,
      rows,
      columnTotals,
      bySchool: inOrder(bySchoolAny, orderedSchools),
      byMunicipality: inOrder(byMunicipalityAny, municipalities),
      linesByMunicipality,
      total,
      lines: countedLines,
    };
  }

  /** The raw line columns of every publisher, in the order added: what tells one run from another (asked before `finish`, which sorts them). */
  *digestParts(): Generator<string | Uint8Array> {
    yield JSON.stringify([this.scope, this.municipality ?? null, this.schools.map((s) => [s.code, s.version])]);
    for (const acc of this.perPublisher.values()) {
      yield JSON.stringify(acc.rows.map((r) => r.key));
      yield* acc.lines.columns();
    }
  }
}

/** One publisher's totals as the JSON report and the state's runs give them. */
export interface PublisherSummary {
  publisher: string;
  copies: number;
  sum_kopecks: number;
  /** rows of the consolidated order (item × grade) */
  lines: number;
  /** schools that ordered from the publisher */
  schools: number;
}

export function summarize(c: Consolidation): PublisherSummary[] {
  return c.publishers.map((p) => ({ publisher: p.publisher, copies: p.total.copies, sum_kopecks: p.total.sum_kopecks, lines: p.rows.length, schools: p.bySchool.size }));
}
