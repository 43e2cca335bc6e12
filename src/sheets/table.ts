/**
 * From raw rows to a table: finds the header among title rows and banners (PRODUCT.md §3), resolves
 * two-row headers made of merged cells, skips the row of column numbers under a header, honours
 * `--map field=COLUMN`, and classifies the rows that follow as data, totals or blank.
 * What a row *means* (a section row, an item, an order line) is left to the domain.
 */
import { InputError, UsageError } from '../errors.js';
import { columnIndex, columnLetter } from '../domain/finding.js';
import { normalizeHeader } from '../domain/text.js';
import { oneLine } from './one-line.js';
import type { Merge, SheetCell, SheetHandle, SheetRow, Workbook } from './types.js';

export interface FieldSpec {
  key: string;
  /** header texts that name this field, as people write them; matched after normalizeHeader */
  synonyms: string[];
  /** also accept header cells that merely start with a synonym (default true) */
  prefix?: boolean;
}

export interface TableSpec {
  fields: FieldSpec[];
  /** fields without which the table cannot be read; `a|b` means either will do */
  required: string[];
}

export interface TableOptions {
  /** field → column letter or header text (from --map) */
  map?: Record<string, string>;
  /** no header at all: these fields, in this order, are columns A, B, C… (e.g. --columns) */
  columns?: string[];
  /** how many leading rows may hold titles and banners before the header (default 30) */
  scanRows?: number;
}

export type RowKind = 'data' | 'total' | 'blank';

export interface TableRow {
  row: number;
  cells: SheetRow['cells'];
  kind: RowKind;
}

export interface Table {
  file: string;
  sheet: string;
  /** 1-based rows that make up the header (empty when read by --columns) */
  headerRows: number[];
  /** field → 0-based column */
  columns: Map<string, number>;
  /** the header label of each column, as matched (for messages and --map by text) */
  labels: string[];
  /** rows above the header (titles, banners, labelled cells such as «Код ОО: 0412») */
  preamble: SheetRow[];
  rows(): AsyncIterable<TableRow>;
  has(field: string): boolean;
  /** the column letter of a field (undefined when the table has no such column) */
  column(field: string): string | undefined;
  cell(row: TableRow, field: string): SheetCell | undefined;
  findings: SheetHandle['findings'];
}

export function cellText(cell: SheetCell | undefined): string {
  if (!cell || cell.value === null || cell.value === undefined) return '';
  return typeof cell.value === 'string' ? cell.value : String(cell.value);
}

function mergeAt(merges: Merge[], row: number, col: number): Merge | undefined {
  return merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

/** The text a person sees at (row, col): a merged range shows its top-left cell's text everywhere. */
function visibleText(rowsByNumber: Map<number, SheetRow>, merges: Merge[], row: number, col: number): string {
  const m = mergeAt(merges, row, col);
  const [r, c] = m ? [m.top, m.left] : [row, col];
  return cellText(rowsByNumber.get(r)?.cells[c]).trim();
}

interface Candidate {
  headerRows: number[];
  labels: string[][];
  display: string[];
  columns: Map<string, number>;
  score: number;
}

function quality(label: string, synonym: string, prefix: boolean): number {
  if (!label || !synonym) return 0;
  if (label === synonym) return 3;
  if (prefix && label.length > synonym.length && label.charCodeAt(synonym.length) === 32 && label.startsWith(synonym)) return 2;
  return 0;
}

interface Match {
  field: string;
  /** the field's place in the spec: ties go to the earlier field */
  index: number;
  /** 3 the label is a synonym, 2 it starts with one */
  q: number;
  /** the synonym's length */
  len: number;
}

/**
 * Per spec, what each normalized label matches: every row of the first 30 of every file is tried as a
 * header, so the same texts (header names, and titles and codes of the catalogue in data rows) are
 * matched against every synonym over and over — 70 million comparisons for a region's 700 orders.
 */
const matchesBySpec = new WeakMap<TableSpec, { fields: { f: FieldSpec; syns: string[] }[]; known: Map<string, Match[]> }>();

function matchesOf(spec: TableSpec, label: string): Match[] {
  let entry = matchesBySpec.get(spec);
  if (!entry) matchesBySpec.set(spec, (entry = { fields: spec.fields.map((f) => ({ f, syns: f.synonyms.map(normalizeHeader) })), known: new Map() }));
  let found = entry.known.get(label);
  if (found) return found;
  found = [];
  for (const [index, { f, syns }] of entry.fields.entries()) {
    let best = 0;
    let len = 0;
    for (const s of syns) {
      const q = quality(label, s, f.prefix !== false);
      if (q > best || (q === best && s.length > len)) [best, len] = [q, s.length];
    }
    if (best > 0) found.push({ field: f.key, index, q: best, len });
  }
  if (entry.known.size >= 50_000) entry.known.clear();
  entry.known.set(label, found);
  return found;
}

function assign(spec: TableSpec, labels: string[][]): Map<string, number> {
  const options: { field: string; col: number; q: number; len: number }[] = [];
  labels.forEach((cands, col) => {
    // per field, the best over the column's labels: the highest quality, then the longest synonym
    const best = new Map<string, Match>();
    for (const label of cands) {
      for (const m of matchesOf(spec, label)) {
        const b = best.get(m.field);
        if (!b || m.q > b.q || (m.q === b.q && m.len > b.len)) best.set(m.field, m);
      }
    }
    for (const m of [...best.values()].sort((a, b) => a.index - b.index)) options.push({ field: m.field, col, q: m.q, len: m.len });
  });
  // Exact names first, then the longest synonym: «Авторы, название учебника» is the title column
  // even though it also starts with «Авторы».
  options.sort((a, b) => b.q - a.q || b.len - a.len || a.col - b.col);
  const columns = new Map<string, number>();
  const used = new Set<number>();
  for (const o of options) {
    if (columns.has(o.field) || used.has(o.col)) continue;
    columns.set(o.field, o.col);
    used.add(o.col);
  }
  return columns;
}

function widthOf(rows: SheetRow[]): number {
  return rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
}

function candidates(buffer: SheetRow[], merges: Merge[], spec: TableSpec): Candidate[] {
  const byNumber = new Map(buffer.map((r) => [r.row, r]));
  const width = widthOf(buffer);
  const out: Candidate[] = [];
  for (const r of buffer) {
    const single = Array.from({ length: width }, (_, c) => visibleText(byNumber, merges, r.row, c));
    if (single.every((s) => s === '')) continue;
    const singleLabels = single.map((s) => [normalizeHeader(s)]);
    const one = assign(spec, singleLabels);
    out.push({ headerRows: [r.row], labels: singleLabels, display: single, columns: one, score: one.size });
    // A two-row header: a merged group title above, the column names below (or vice versa).
    const below = byNumber.get(r.row + 1);
    if (below) {
      const lower = Array.from({ length: width }, (_, c) => visibleText(byNumber, merges, r.row + 1, c));
      const labels = single.map((top, c) => {
        const bottom = lower[c]!;
        const parts = [bottom, top, top === bottom ? top : `${top} ${bottom}`];
        return [...new Set(parts.filter(Boolean).map(normalizeHeader))];
      });
      const display = single.map((top, c) => (lower[c] && lower[c] !== top ? `${top} / ${lower[c]}`.replace(/^ \/ /, '') : top));
      const two = assign(spec, labels);
      out.push({ headerRows: [r.row, r.row + 1], labels, display, columns: two, score: two.size - 0.5 });
    }
  }
  return out;
}

function isColumnNumberRow(row: SheetRow): boolean {
  const nums = row.cells
    .map((c) => cellText(c).trim())
    .filter((s) => s !== '')
    .map((s) => Number(s));
  if (nums.length < 3 || nums.some((n) => !Number.isInteger(n))) return false;
  let rising = 0;
  for (let i = 1; i < nums.length; i++) if (nums[i]! > nums[i - 1]!) rising++;
  return nums[0]! <= 2 && rising >= nums.length - 2;
}

const TOTAL = /^(итого|всего|total)/;
// What a total's first letter can be once normalized (lower case; punctuation and spaces before it go):
// a text without one of these letters is no total, and most cells are not worth normalizing.
const TOTAL_LETTER = /[ИиВвTt]/u;

export function classify(row: SheetRow): RowKind {
  let seen = 0;
  let total = false;
  for (const c of row.cells) {
    if (!c || c.value === null || c.value === undefined || c.value === '') continue;
    if (typeof c.value !== 'string') {
      seen++;
      continue;
    }
    const s = c.value.trim();
    if (s === '') continue;
    if (seen < 3 && TOTAL_LETTER.test(s) && TOTAL.test(normalizeHeader(s))) total = true;
    seen++;
    if (seen >= 3) break;
  }
  if (seen === 0) return 'blank';
  return total ? 'total' : 'data';
}

function resolveMap(
  map: Record<string, string>,
  spec: TableSpec,
  display: string[],
  file: string,
): Map<string, number> {
  const known = new Set(spec.fields.map((f) => f.key));
  const out = new Map<string, number>();
  for (const [field, target] of Object.entries(map)) {
    if (!known.has(field))
      throw new UsageError('table.map-unknown-field', { field, fields: [...known].join(', ') });
    const asLetter = /^[A-Za-z]{1,3}$/.test(target) ? columnIndex(target) : -1;
    const byText = display.findIndex((d) => d !== '' && normalizeHeader(d) === normalizeHeader(target));
    const col = byText >= 0 ? byText : asLetter;
    if (col < 0) throw new InputError('table.map-column-not-found', { file, field, column: target, seen: seen(display) });
    out.set(field, col);
  }
  return out;
}

function missingFields(spec: TableSpec, columns: Map<string, number>, map: Record<string, string> = {}): string[] {
  return spec.required.filter((alternatives) => !alternatives.split('|').some((f) => columns.has(f) || f in map));
}

function seen(display: string[]): string {
  return display
    .map((d, i) => (d ? `${columnLetter(i)}: «${d.replace(/\s+/g, ' ').slice(0, 40)}»` : ''))
    .filter(Boolean)
    .join(', ');
}

/**
 * Reads the table of one sheet. The iterator of the sheet is consumed once: the first rows are
 * buffered to find the header and then replayed, so a huge sheet is still streamed.
 */
export async function readTable(wb: Workbook, handle: SheetHandle, spec: TableSpec, opts: TableOptions = {}): Promise<Table> {
  const iterator = handle.rows()[Symbol.asyncIterator]();
  const scan = opts.scanRows ?? 30;
  const buffer: SheetRow[] = [];
  let pending: IteratorResult<SheetRow> | undefined;
  if (!opts.columns) {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      // Room for a second header row below row 30.
      if (next.value.row > scan + 1) {
        pending = next;
        break;
      }
      buffer.push(next.value);
    }
  }

  let headerRows: number[] = [];
  let columns = new Map<string, number>();
  let display: string[] = [];
  if (opts.columns) {
    opts.columns.forEach((field, i) => columns.set(field, i));
    display = opts.columns.slice();
  } else {
    const all = candidates(buffer.filter((r) => r.row <= scan + 1), handle.merges, spec);
    const complete = (c: Candidate) => missingFields(spec, c.columns, opts.map).length === 0;
    const best = all
      .filter((c) => c.headerRows[0]! <= scan)
      .sort((a, b) => Number(complete(b)) - Number(complete(a)) || b.score - a.score || a.headerRows[0]! - b.headerRows[0]!)[0];
    if (best && best.score > 0) {
      headerRows = best.headerRows;
      columns = best.columns;
      display = best.display;
    } else {
      // No header at all: --map by letter may still say where everything is.
      const widest = buffer.reduce<SheetRow | undefined>(
        (w, r) => (!w || r.cells.filter((c) => cellText(c)).length > w.cells.filter((c) => cellText(c)).length ? r : w),
        undefined,
      );
      display = (widest?.cells ?? []).map((c) => cellText(c).trim());
    }
  }
  if (opts.map) for (const [f, c] of resolveMap(opts.map, spec, display, wb.file)) columns.set(f, c);

  const missing = missingFields(spec, columns);
  if (missing.length) {
    await iterator.return?.();
    throw new InputError('table.header-not-found', {
      file: wb.file,
      sheet: oneLine(handle.name),
      missing: missing.join(', '),
      seen: seen(display) || '—',
      example: `--map ${missing[0]!.split('|')[0]}=C`,
    });
  }

  const lastHeader = headerRows.length ? headerRows[headerRows.length - 1]! : 0;
  let replay = buffer.filter((r) => r.row > lastHeader);
  const first = replay[0];
  if (first && headerRows.length && first.row === lastHeader + 1 && isColumnNumberRow(first)) replay = replay.slice(1);

  let consumed = false;
  const table: Table = {
    file: wb.file,
    sheet: handle.name,
    headerRows,
    columns,
    labels: display,
    preamble: headerRows.length ? buffer.filter((r) => r.row < headerRows[0]!) : [],
    findings: handle.findings,
    has: (field) => columns.has(field),
    column: (field) => {
      const c = columns.get(field);
      return c === undefined ? undefined : columnLetter(c);
    },
    cell: (row, field) => {
      const c = columns.get(field);
      return c === undefined ? undefined : row.cells[c];
    },
    async *rows() {
      if (consumed) throw new Error('table rows can be iterated once');
      consumed = true;
      for (const r of replay) yield { row: r.row, cells: r.cells, kind: classify(r) };
      if (pending && !pending.done) yield { row: pending.value.row, cells: pending.value.cells, kind: classify(pending.value) };
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield { row: next.value.row, cells: next.value.cells, kind: classify(next.value) };
      }
    },
  };
  return table;
}

/**
 * The first sheet (in tab order, visible ones first) whose header fits the spec; `--sheet` names one.
 * When none fits, the error shows what the first sheet's header looked like.
 */
export async function findTable(wb: Workbook, spec: TableSpec, opts: TableOptions & { sheet?: string } = {}): Promise<Table> {
  if (opts.sheet !== undefined) return readTable(wb, await wb.sheet(opts.sheet), spec, opts);
  const order = [...wb.sheets].sort((a, b) => Number(a.hidden) - Number(b.hidden) || a.index - b.index);
  let firstError: unknown;
  for (const info of order) {
    try {
      return await readTable(wb, await wb.sheet(info.index), spec, opts);
    } catch (err) {
      if (!(err instanceof InputError) || err.key !== 'table.header-not-found') throw err;
      firstError ??= err;
    }
  }
  throw firstError ?? new InputError('table.no-sheets', { file: wb.file });
}
