/**
 * What the spreadsheet reader hands to the rest of the program: rows of raw cells with the addresses
 * a person sees in Excel. Interpretation (headers, money, grades) happens later, in sheets/table.ts
 * and the domain; the reader only decodes files faithfully and within limits.
 */
import type { Finding } from '../../core/finding.js';

export type CellScalar = string | number | boolean | null;

export interface SheetCell {
  /** the value; for a formula its cached result, or null when the file stored none */
  value: CellScalar;
  /** formula text without the leading '=' when the cell holds one */
  formula?: string;
  /** the cell's number format is a date/time format, so a numeric value is an Excel serial date */
  date?: boolean;
  /** an error value such as #DIV/0! or #REF! */
  error?: string;
}

export interface SheetRow {
  /**
   * 1-based row number as the spreadsheet shows it. For CSV: the record's number, blank records
   * counted, as LibreOffice and Excel show it — not the line it starts on, which differs after a
   * quoted cell with line breaks.
   */
  row: number;
  /** cells[0] is column A; sparse: missing cells are undefined */
  cells: (SheetCell | undefined)[];
}

/** A merged range: 1-based rows, 0-based columns, inclusive. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetInfo {
  name: string;
  /** 0-based position in the workbook's tab order */
  index: number;
  hidden: boolean;
}

export interface SheetHandle {
  name: string;
  /** merged ranges of the sheet (known before rows are iterated) */
  merges: Merge[];
  /** the rows in order; may be iterated once */
  rows(): AsyncIterable<SheetRow>;
  /**
   * problems the reader found in the data while iterating that are not fatal, addressed to their line/cell
   * (e.g. `csv-unclosed-quote`); complete once rows() has been iterated to the end
   */
  findings: Finding[];
}

export type SourceFormat = 'xlsx' | 'csv';

export interface Workbook {
  /** the path as the user named it (used in findings and messages) */
  file: string;
  format: SourceFormat;
  /** the original format when the file was converted (xls, ods) */
  convertedFrom?: 'xls' | 'ods';
  sheets: SheetInfo[];
  /** CSV only: the encoding and delimiter used, detected or given */
  encoding?: string;
  delimiter?: string;
  /** a sheet by name or 0-based index; default: the first visible sheet */
  sheet(which?: string | number): Promise<SheetHandle>;
  close(): Promise<void>;
}

export interface ReadLimits {
  /** a file larger than this is refused before reading (default 50 MiB) */
  maxFileBytes: number;
  /** a sheet with more rows is refused when the reader reaches the limit (default 1,000,000) */
  maxRows: number;
  /** an xlsx whose parts unpack to more than this in total is refused (default 500 MiB) */
  maxUnpackedBytes: number;
  /** an xlsx that unpacks to more than this multiple of its packed size is refused (default 100) */
  maxRatio: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxRows: 1_000_000,
  maxUnpackedBytes: 500 * 1024 * 1024,
  maxRatio: 100,
};

export interface OpenOptions {
  /** how the file is named in findings and messages (default: the path given) */
  displayName?: string;
  limits?: Partial<ReadLimits>;
  /** CSV: force an encoding ('utf-8', 'windows-1251', 'koi8-r', 'x-mac-cyrillic') */
  encoding?: string;
  /** CSV: force a delimiter */
  delimiter?: string;
  /**
   * xlsx: a file up to this many bytes is read with one read and its parts of up to 8 MiB inflated
   * in one call; a larger one is streamed (default 32 MiB, src/io/sheets/zip.ts). Both ways give the
   * same rows and refusals; 0 streams every file, which is how the tests check that.
   */
  readWholeUpTo?: number;
}
