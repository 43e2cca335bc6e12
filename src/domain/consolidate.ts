/**
 * Consolidated orders (PRODUCT.md §4.4, plan stages 10, 11, 20, 21): the formed orders of a
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
 */
import type { CatalogueItem } from './catalogue.js';
import { lineSum, sumKopecks } from './money.js';
import { formedVersion, type OrderRecord } from './order-lifecycle.js';
import type { Registry } from './registry.js';

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
}

export interface ConsolidatedRow {
  /** identity of the row: publisher, item key, grade and price */
  key: string;
  publisher: string;
  item_key: string;
  grade: number;
  price_kopecks: number;
  item: ItemInfo;
  /** column (school code for a municipality, municipality code for the region) → its quantity and sum */
  cells: Map<string, Totals>;
  /** school code → quantity and sum (the per-school detail; equals `cells` for a municipality) */
  schools: Map<string, Totals>;
  total: Totals;
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
  total: Totals;
  /** the school lines counted, sorted like the rows, then by municipality and school */
  lines: ConsolidatedLine[];
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
  /** schools whose formed order was counted */
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

export function addTotals(a: Totals, b: Totals): Totals {
  return { copies: a.copies + b.copies, sum_kopecks: sumKopecks([a.sum_kopecks, b.sum_kopecks]) };
}

function addInto<K>(map: Map<K, Totals>, key: K, t: Totals): void {
  map.set(key, addTotals(map.get(key) ?? ZERO, t));
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

/** The schools of the scope with a formed order, in registry order, then schools the registry lacks. */
function counted(records: readonly OrderRecord[], registry: Registry, inScope: (municipality: string) => boolean): { records: OrderRecord[]; missing: string[] } {
  const bySchool = new Map<string, OrderRecord>();
  for (const r of records) if (inScope(r.municipality) && formedVersion(r)) bySchool.set(r.school, r);
  const out: OrderRecord[] = [];
  const missing: string[] = [];
  for (const s of registry.schools) {
    if (!inScope(s.municipality)) continue;
    const r = bySchool.get(s.code);
    if (r) {
      out.push(r);
      bySchool.delete(s.code);
    } else missing.push(s.code);
  }
  const orphans = [...bySchool.values()].sort((a, b) => byCode(a.municipality, b.municipality) || byCode(a.school, b.school));
  return { records: [...out, ...orphans], missing };
}

function orderedMunicipalities(registry: Registry, present: Iterable<string>): string[] {
  const set = new Set(present);
  const out = registry.municipalities.map((m) => m.code).filter((c) => set.has(c));
  for (const c of out) set.delete(c);
  return [...out, ...[...set].sort(byCode)];
}

function consolidate(
  scope: 'municipality' | 'region',
  municipality: string | undefined,
  records: readonly OrderRecord[],
  items: ItemSource,
  registry: Registry,
): Consolidation {
  const inScope = (m: string) => scope === 'region' || m === municipality;
  const { records: included, missing } = counted(records, registry, inScope);
  const schoolOrder = new Map(included.map((r, i) => [r.school, i]));

  interface Acc {
    rows: Map<string, ConsolidatedRow>;
    /** each line with the key of its row, sorted once the rows are */
    lines: { line: ConsolidatedLine; row: string }[];
  }
  const perPublisher = new Map<string, Acc>();
  const schools: CountedSchool[] = [];
  let round: 1 | 2 = 1;

  for (const record of included) {
    const v = formedVersion(record)!;
    schools.push({ code: record.school, municipality: record.municipality, version: v.version });
    if (v.version >= 2) round = 2;
    for (const l of v.lines) {
      if (l.quantity === 0) continue;
      const sum = lineSum(l.quantity, l.price_kopecks);
      let acc = perPublisher.get(l.publisher);
      if (!acc) perPublisher.set(l.publisher, (acc = { rows: new Map(), lines: [] }));
      const key = JSON.stringify([l.publisher, l.item_key, l.grade, l.price_kopecks]);
      let row = acc.rows.get(key);
      if (!row) {
        row = {
          key,
          publisher: l.publisher,
          item_key: l.item_key,
          grade: l.grade,
          price_kopecks: l.price_kopecks,
          item: itemInfo(items, l.publisher, l.item_key),
          cells: new Map(),
          schools: new Map(),
          total: ZERO,
        };
        acc.rows.set(key, row);
      }
      const t: Totals = { copies: l.quantity, sum_kopecks: sum };
      addInto(row.cells, scope === 'region' ? record.municipality : record.school, t);
      addInto(row.schools, record.school, t);
      row.total = addTotals(row.total, t);
      const line: ConsolidatedLine = {
        school: record.school,
        municipality: record.municipality,
        publisher: l.publisher,
        item_key: l.item_key,
        grade: l.grade,
        quantity: l.quantity,
        price_kopecks: l.price_kopecks,
        sum_kopecks: sum,
        version: v.version,
      };
      acc.lines.push({ line, row: key });
    }
  }

  const publishers: PublisherConsolidation[] = [];
  for (const [publisher, acc] of perPublisher) {
    const rows = [...acc.rows.values()].sort(compareRows);
    const rank = new Map(rows.map((r, i) => [r.key, i]));
    const lines = acc.lines
      .map((l) => ({ line: l.line, row: rank.get(l.row)!, school: schoolOrder.get(l.line.school)! }))
      .sort((a, b) => a.row - b.row || a.school - b.school)
      .map((l) => l.line);
    const bySchool = new Map<string, Totals>();
    const byMunicipality = new Map<string, Totals>();
    for (const l of lines) {
      const t = { copies: l.quantity, sum_kopecks: l.sum_kopecks };
      addInto(bySchool, l.school, t);
      addInto(byMunicipality, l.municipality, t);
    }
    const orderedSchools = [...bySchool.keys()].sort((a, b) => schoolOrder.get(a)! - schoolOrder.get(b)!);
    const columns = scope === 'region' ? orderedMunicipalities(registry, byMunicipality.keys()) : orderedSchools;
    const source = scope === 'region' ? byMunicipality : bySchool;
    const columnTotals = new Map(columns.map((c) => [c, source.get(c)!]));
    const total = [...columnTotals.values()].reduce(addTotals, ZERO);
    if (total.copies === 0) continue;
    publishers.push({
      publisher,
      columns,
      rows,
      columnTotals,
      bySchool: new Map(orderedSchools.map((s) => [s, bySchool.get(s)!])),
      byMunicipality: new Map(orderedMunicipalities(registry, byMunicipality.keys()).map((m) => [m, byMunicipality.get(m)!])),
      total,
      lines,
    });
  }
  publishers.sort((a, b) => a.publisher.localeCompare(b.publisher, 'ru'));

  const bySchool = new Map<string, Totals>();
  const byMunicipality = new Map<string, Totals>();
  for (const s of schools) {
    for (const p of publishers) {
      const t = p.bySchool.get(s.code);
      if (!t) continue;
      addInto(bySchool, s.code, t);
      addInto(byMunicipality, s.municipality, t);
    }
  }
  const total = publishers.reduce((t, p) => addTotals(t, p.total), ZERO);
  return {
    scope,
    ...(municipality !== undefined ? { municipality } : {}),
    publishers,
    schools,
    missing,
    bySchool,
    byMunicipality: new Map(orderedMunicipalities(registry, byMunicipality.keys()).map((m) => [m, byMunicipality.get(m)!])),
    total,
    round,
  };
}

/** The formed orders of one municipality's schools (stage 10, and 20 after corrections). */
export function consolidateMunicipality(code: string, records: readonly OrderRecord[], items: ItemSource, registry: Registry): Consolidation {
  return consolidate('municipality', code, records, items, registry);
}

/** The formed orders of every school: items × municipalities with the per-school detail (stages 11, 21). */
export function consolidateRegion(records: readonly OrderRecord[], items: ItemSource, registry: Registry): Consolidation {
  return consolidate('region', undefined, records, items, registry);
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
