/**
 * The hidden machine-readable sheet every workbook uchebnik writes carries (docs/file-formats.md#data-sheet), so that
 * `uchebnik import` in another workspace reads back exactly what was written, whatever a person did
 * to the visible sheets.
 *
 * Layout of the sheet `_uchebnik` (state veryHidden: not listed under Excel's «Unhide»):
 *
 *     kind        | order-template            key/value metadata in A:B, all text;
 *     campaign    | 2019-udm                  the caller's extra keys come after written_at,
 *     schema      | 1                         `checksum` is always the last key
 *     written_at  | 2019-02-01T09:30:00.000Z
 *     …           | …
 *     rows        | 2345
 *     checksum    | <sha256 hex>
 *     school | publisher | item_key | …        the header row: the caller's column names
 *     0412   | Просвещение | …                 data rows, long format, text or numbers
 *
 * The checksum is the sha256 of the canonical JSON `[columns, ...rows]` (an empty cell is ""), so
 * editing, adding or removing a data row or renaming a column by hand shows as `checksumOk: false`.
 */
import { createHash } from 'node:crypto';
import type { Workbook } from 'exceljs';
import type { CellScalar, SheetRow } from './types.js';

export const DATA_SHEET_NAME = '_uchebnik';
export const DATA_SCHEMA = 1;

export type DataValue = string | number;

export interface DataSheetMeta {
  /** what the workbook is: order-template, consolidation-municipality, … */
  kind: string;
  campaign: string;
  extra?: Record<string, string>;
}

export interface DataSheet {
  meta: Record<string, string>;
  columns: string[];
  rows: DataValue[][];
  /** false when the data rows (or columns) are not what was written: edited by hand or truncated */
  checksumOk: boolean;
}

const RESERVED = new Set(['kind', 'campaign', 'schema', 'written_at', 'rows', 'checksum']);

export function dataChecksum(columns: readonly string[], rows: readonly (readonly DataValue[])[]): string {
  const sum = new DataChecksum(columns);
  for (const r of rows) sum.add(r);
  return sum.digest();
}

/**
 * The checksum of `dataChecksum` taken a row at a time, for sheets whose rows are never all in memory
 * (a country's consolidation): the same canonical JSON, hashed in pieces of about 64 KB.
 */
export class DataChecksum {
  private readonly hash = createHash('sha256');
  /** what is not hashed yet: text (`add`), or UTF-8 bytes as a one-byte string (`addJson`) */
  private pending: string;
  private pendingBytes = false;
  private count = 0;

  constructor(private readonly columns: readonly string[]) {
    this.pending = `[${JSON.stringify(columns)}`;
  }

  get rows(): number {
    return this.count;
  }

  add(row: readonly DataValue[]): void {
    this.append(`,${JSON.stringify(this.columns.map((_, i) => row[i] ?? ''))}`, false);
  }

  /**
   * A row given as its canonical JSON, `JSON.stringify` of its values, one per column: the UTF-8 bytes
   * as a one-byte string (sheet-xml.ts `utf8Bytes`). For a writer that makes it from pieces made once
   * (src/features/consolidate/data-part.ts): the same checksum as `add`, without an array per row.
   */
  addJson(json: string): void {
    this.append(`,${json}`, true);
  }

  private append(s: string, bytes: boolean): void {
    this.count++;
    if (bytes !== this.pendingBytes) {
      this.flush();
      this.pendingBytes = bytes;
    }
    this.pending += s;
    // Hashed every 16 K characters, so that the pending text stays a small string (see sheet-xml.ts DeflatingPart).
    if (this.pending.length >= 1 << 14) this.flush();
  }

  private flush(): void {
    this.hash.update(this.pending, this.pendingBytes ? 'latin1' : 'utf8');
    this.pending = '';
  }

  digest(): string {
    this.pending += ']'; // ASCII: the same byte either way
    this.flush();
    return this.hash.digest('hex');
  }
}

/** A row a writer must refuse, as it would not read back: longer than the header, a non-finite number, no values. */
export function checkDataRow(r: readonly DataValue[], columns: number): void {
  if (r.length > columns) throw new RangeError(`data sheet: a row has ${r.length} values for ${columns} columns`);
  if (r.some((v) => typeof v === 'number' && !Number.isFinite(v))) throw new RangeError('data sheet: a value is not a finite number');
  if (r.every((v) => v === '')) throw new RangeError('data sheet: a row has no values');
}

/**
 * The sheet's rows as written: the metadata, the header, the data rows (an empty string is a missing
 * cell: it reads back as "" too). Checks what would not read back: a reserved key, and each row (see
 * `checkDataRow`: a row a reader does not see would fail the checksum).
 */
export function dataSheetRows(meta: DataSheetMeta, columns: string[], rows: DataValue[][], writtenAt: Date = new Date()): DataValue[][] {
  for (const r of rows) checkDataRow(r, columns.length);
  return [...dataSheetHead(meta, columns, { rows: rows.length, checksum: dataChecksum(columns, rows) }, writtenAt), ...rows];
}

/** The metadata and the header row, for rows written after them (their count and checksum known). */
export function dataSheetHead(meta: DataSheetMeta, columns: string[], data: { rows: number; checksum: string }, writtenAt: Date = new Date()): DataValue[][] {
  for (const key of Object.keys(meta.extra ?? {})) {
    if (RESERVED.has(key)) throw new RangeError(`data sheet: "${key}" is a reserved metadata key`);
  }
  const entries: [string, string][] = [
    ['kind', meta.kind],
    ['campaign', meta.campaign],
    ['schema', String(DATA_SCHEMA)],
    ['written_at', writtenAt.toISOString()],
    ...Object.entries(meta.extra ?? {}),
    ['rows', String(data.rows)],
    ['checksum', data.checksum],
  ];
  return [...entries, columns];
}

/** Adds the sheet to a workbook being built, plain or streaming (see xlsx-write.ts). */
export function addDataSheet(workbook: Workbook, meta: DataSheetMeta, columns: string[], rows: DataValue[][]): void {
  const all = dataSheetRows(meta, columns, rows); // checks first: a refused sheet is not added at all
  const ws = workbook.addWorksheet(DATA_SHEET_NAME, { state: 'veryHidden' });
  // Row by row with a commit each: on a streaming workbook this keeps memory flat (on a plain one
  // commit does nothing).
  for (const r of all) ws.addRow(r.map((v) => (v === '' ? null : v))).commit();
}

function value(v: CellScalar | undefined): DataValue {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? v : String(v);
}

/**
 * The data sheet from the rows of a `_uchebnik` sheet as the reader gives them; null when the rows are
 * not a data sheet (no kind, schema or checksum before the header). A newer `meta.schema` than
 * DATA_SCHEMA is the caller's to refuse.
 */
export function readDataSheet(rows: SheetRow[]): DataSheet | null {
  const meta: Record<string, string> = {};
  let i = 0;
  for (; i < rows.length; i++) {
    const cells = rows[i]!.cells;
    const key = value(cells[0]?.value);
    if (key === '') continue;
    meta[String(key)] = String(value(cells[1]?.value));
    if (key === 'checksum') break;
  }
  if (i >= rows.length || meta['kind'] === undefined || meta['schema'] === undefined) return null;
  const header = rows[i + 1];
  const columns = header ? header.cells.map((c) => String(value(c?.value))) : [];
  while (columns.length > 0 && columns[columns.length - 1] === '') columns.pop();
  const data = rows.slice(i + 2).map((r) => columns.map((_, c) => value(r.cells[c]?.value)));
  return { meta, columns, rows: data, checksumOk: dataChecksum(columns, data) === meta['checksum'] };
}
