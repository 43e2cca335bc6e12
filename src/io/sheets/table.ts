/**
 * From raw rows to a table: the recogniser (recognise/recognise.ts) finds the header among title rows
 * and banners — or that there is none — and the columns by header words and content; here the rows are
 * buffered and replayed, `--map field=COLUMN` is honoured, a file that cannot be read right is refused
 * with the options that would read it, and the rows that follow are classified as data, totals or blank.
 * What a row *means* (a section row, an item, an order line) is left to the domain.
 */
import { InputError, UsageError } from '../../core/errors.js';
import { columnIndex, columnLetter } from '../../core/finding.js';
import { normalizeHeader } from '../../core/text.js';
import { oneLine } from './one-line.js';
import { columnLabel, isColumnNumberRow, recognise, type Recognition, type TableSpec } from './recognise/recognise.js';
import { dominantKind, SAMPLE_ROWS } from './recognise/profile.js';
import type { SheetCell, SheetHandle, SheetRow, Workbook } from './types.js';

export type { FieldSpec, TableSpec } from './recognise/recognise.js';

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
  /** how the header and the columns were found (absent when read by --columns) */
  recognition?: Recognition;
  /** the fields the user placed with --map */
  mapped: string[];
}

export { cellText } from './cell-text.js';

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
    // display may be sparse (a header-less file's widest row): a hole is no header text.
    const byText = display.findIndex((d) => typeof d === 'string' && d !== '' && normalizeHeader(d) === normalizeHeader(target));
    const col = byText >= 0 ? byText : asLetter;
    if (col < 0) throw new InputError('table.map-column-not-found', { file, field, column: target, seen: seen(display) });
    out.set(field, col);
  }
  return out;
}

function missingFields(spec: TableSpec, columns: Map<string, number>): string[] {
  return spec.required.filter((alternatives) => !alternatives.split('|').some((f) => columns.has(f)));
}

function seen(display: string[]): string {
  return display
    .map((d, i) => (d ? `${columnLetter(i)}: «${d.replace(/\s+/g, ' ').slice(0, 40)}»` : ''))
    .filter(Boolean)
    .join(', ');
}

/**
 * What to add to the command line to read the file after all: for each missing field the column whose
 * cells fit it best (or the column the header words pointed at and something ruled out), for an
 * ambiguous one the column with the larger values (a price with VAT is the larger one). The user is
 * told to check it; the refusal stands either way.
 */
function suggestMap(spec: TableSpec, rec: Recognition, missing: string[]): string[] {
  const out: string[] = [];
  const taken = new Set(rec.columns.values());
  for (const { field, columns } of rec.ambiguous) {
    if (out.some((o) => o.startsWith(`--map ${field}=`))) continue;
    const larger = [...columns].sort((a, b) => (rec.profiles[b]?.max ?? 0) - (rec.profiles[a]?.max ?? 0) || a - b)[0]!;
    out.push(`--map ${field}=${columnLetter(larger)}`);
    taken.add(larger);
  }
  for (const alternatives of missing) {
    let found: string | undefined;
    for (const key of alternatives.split('|')) {
      const f = spec.fields.find((x) => x.key === key);
      if (!f) continue;
      const refused = rec.decisions.find((d) => !taken.has(d.column) && d.refused.some((r) => r.field === key && r.why !== 'yield'));
      let col = refused?.column;
      // A column is suggested by its content only where the content says something specific: «any text»
      // (a registry's names) would make a command line that reads the wrong column.
      if (col === undefined && f.content?.some((k) => k !== 'text')) {
        // The column whose cells are clearly of the field's kind, else the one most of whose cells fit;
        // of amounts the one with kopecks («1» and «2» fit a price as well as a grade).
        let best = 0;
        rec.profiles.forEach((p, c) => {
          if (taken.has(c) || p.samples === 0) return;
          const kind = dominantKind(p);
          const fit = Math.max(...f.content!.filter((k) => k !== 'text').map((k) => p.fit[k])) + (kind && f.content!.includes(kind) ? 1 : 0) + (f.content!.includes('money') && p.decimals ? 0.5 : 0);
          if (fit > best) [best, col] = [fit, c];
        });
      }
      if (col !== undefined) {
        taken.add(col);
        found = `--map ${key}=${columnLetter(col)}`;
        break;
      }
    }
    // A command line that reads only part of the file is no answer: all or nothing.
    if (!found) return [];
    out.push(found);
  }
  return out;
}

/**
 * A refusal with the reading options that would read the file (`suggest`: src/main.ts prints the
 * whole command line with them), or, when nothing fits, an example of the option's form only.
 */
function refusal(key: string, params: Record<string, string | number>, suggest: string[], example: string): InputError {
  return new InputError(key, { ...params, file: String(params.file), example: suggest.join(' ') || example, ...(suggest.length ? { suggest: suggest.join(' ') } : {}) });
}

/**
 * Reads the table of one sheet. The iterator of the sheet is consumed once: the first rows are
 * buffered to find the header (and, for a spec with content kinds, a sample of the rows below it) and
 * then replayed, so a huge sheet is still streamed.
 */
export async function readTable(wb: Workbook, handle: SheetHandle, spec: TableSpec, opts: TableOptions = {}): Promise<Table> {
  const iterator = handle.rows()[Symbol.asyncIterator]();
  const scan = opts.scanRows ?? 30;
  const sample = spec.fields.some((f) => f.content?.length) ? SAMPLE_ROWS : 0;
  const buffer: SheetRow[] = [];
  let pending: IteratorResult<SheetRow> | undefined;
  if (!opts.columns) {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      // Room for a second header row below row 30, and for the sample the content is judged by.
      if (next.value.row > scan + 1 + sample) {
        pending = next;
        break;
      }
      buffer.push(next.value);
    }
  }

  let headerRows: number[] = [];
  let columns = new Map<string, number>();
  let display: string[] = [];
  let recognition: Recognition | undefined;
  if (opts.columns) {
    opts.columns.forEach((field, i) => columns.set(field, i));
    display = opts.columns.slice();
  } else {
    recognition = recognise(buffer, handle.merges, spec, { scanRows: scan, mapped: Object.keys(opts.map ?? {}) });
    headerRows = recognition.headerRows;
    columns = new Map(recognition.columns);
    display = recognition.display;
  }
  const mapped = opts.map ? resolveMap(opts.map, spec, display, wb.file) : new Map<string, number>();
  for (const [f, c] of mapped) {
    // A column placed by --map is that field only: another field the recogniser gave it moves off.
    for (const [g, d] of columns) if (d === c && g !== f) columns.delete(g);
    columns.set(f, c);
  }

  const missing = missingFields(spec, columns);
  const ambiguous = (recognition?.ambiguous ?? []).filter((a) => !mapped.has(a.field));
  if (missing.length || ambiguous.length) {
    await iterator.return?.();
    const suggest = recognition ? suggestMap(spec, { ...recognition, ambiguous, columns }, missing) : [];
    if (ambiguous.length && !missing.length) {
      const a = ambiguous[0]!;
      throw refusal('table.ambiguous', { file: wb.file, sheet: oneLine(handle.name), field: a.field, columns: a.columns.map((c) => columnLabel(c, display[c] ?? '')).join(', ') }, suggest, `--map ${a.field}=${columnLetter(a.columns[0]!)}`);
    }
    throw refusal(
      headerRows.length || opts.columns ? 'table.header-not-found' : 'table.no-header-row',
      { file: wb.file, sheet: oneLine(handle.name), missing: missing.join(', '), seen: seen(display) || '—' },
      suggest,
      `--map ${missing[0]!.split('|')[0]}=C`,
    );
  }

  const lastHeader = headerRows.length ? headerRows[headerRows.length - 1]! : 0;
  let replay = buffer.filter((r) => r.row > lastHeader);
  // The row of column numbers under a header (1, 2, 3 …), after blank rows too, is no item.
  const first = replay.find((r) => classify(r) !== 'blank');
  if (first && headerRows.length && isColumnNumberRow(first)) replay = replay.filter((r) => r !== first);

  let consumed = false;
  const table: Table = {
    file: wb.file,
    sheet: handle.name,
    headerRows,
    columns,
    labels: display,
    preamble: headerRows.length ? buffer.filter((r) => r.row < headerRows[0]!) : [],
    findings: handle.findings,
    ...(recognition ? { recognition: { ...recognition, columns } } : {}),
    mapped: [...mapped.keys()],
    has: (field) => columns.has(field),
    column: (field) => {
      const c = columns.get(field);
      return c === undefined ? undefined : columnLetter(c);
    },
    cell: (row, field) => {
      const c = columns.get(field);
      return c === undefined ? undefined : row.cells[c];
    },
    rows() {
      if (consumed) throw new Error('table rows can be iterated once');
      consumed = true;
      // The buffered rows, the one read past them, then the sheet's own; a plain iterator rather than an
      // async generator, whose machinery cost more than the row itself (issue 20: 500 rows × 700 files).
      const buffered = pending && !pending.done ? [...replay, pending.value] : replay;
      let i = 0;
      const tableRow = (r: SheetRow): TableRow => ({ row: r.row, cells: r.cells, kind: classify(r) });
      const rows: AsyncIterableIterator<TableRow> = {
        [Symbol.asyncIterator]: () => rows,
        async next(): Promise<IteratorResult<TableRow>> {
          if (i < buffered.length) return { value: tableRow(buffered[i++]!), done: false };
          const next = await iterator.next();
          return next.done ? { value: undefined, done: true } : { value: tableRow(next.value), done: false };
        },
        async return(): Promise<IteratorResult<TableRow>> {
          await iterator.return?.();
          return { value: undefined, done: true };
        },
      };
      return rows;
    },
  };
  return table;
}

const REFUSALS = new Set(['table.header-not-found', 'table.no-header-row', 'table.ambiguous']);

/**
 * The first sheet (in tab order, visible ones first) whose header fits the spec; `--sheet` names one.
 * When none fits, the error shows what the first sheet's header looked like.
 */
export async function findTable(wb: Workbook, spec: TableSpec, opts: TableOptions & { sheet?: string } = {}): Promise<Table> {
  if (opts.sheet !== undefined) return readTable(wb, await wb.sheet(opts.sheet), spec, opts);
  const order = [...wb.sheets].sort((a, b) => Number(a.hidden) - Number(b.hidden) || a.index - b.index);
  // The refusal shown is the first sheet's, unless a later sheet came near enough to be read with
  // options (an instructions sheet before the data must not hide the data sheet's command line).
  let refusal: InputError | undefined;
  for (const info of order) {
    try {
      return await readTable(wb, await wb.sheet(info.index), spec, opts);
    } catch (err) {
      if (!(err instanceof InputError) || !REFUSALS.has(err.key)) throw err;
      if (!refusal || (!refusal.params.suggest && err.params.suggest)) refusal = err;
    }
  }
  throw refusal ?? new InputError('table.no-sheets', { file: wb.file });
}
