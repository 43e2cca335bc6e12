/**
 * The one CSV writer of uchebnik (issue #11): every CSV file uchebnik writes for people — the
 * specification package's manifest.csv and summary.csv today — is made here, so that quoting and the
 * defence against formula injection are the same everywhere.
 *
 * Formula injection (OWASP «CSV Injection»): a spreadsheet opening a CSV runs a cell starting with
 * `=`, `+`, `-` or `@` as a formula (and Excel also after a leading tab or carriage return), so a
 * school code or publisher name such as `=HYPERLINK("http://…")` coming from a loaded file would
 * become a live formula on the ministry's computer. Such a text cell is written with a single quote
 * `'` in front, which spreadsheets show as text and do not evaluate. Only text is neutralised:
 * numbers (counts, kopecks, a negative correction such as -5) are passed as numbers and stay numbers.
 *
 * Dialect: what Excel with Russian settings opens by a double click without garbling — UTF-8 with a
 * BOM, `;` between cells, CRLF line ends, a cell quoted (`"…"`, inner quotes doubled) when it holds
 * the delimiter, a quote or a line break.
 */

/** A cell: text is neutralised against formula injection, a number is written as is, empty for null/undefined. */
export type CsvCell = string | number | null | undefined;

export interface CsvOptions {
  /** default `;` */
  delimiter?: string;
  /** a UTF-8 byte-order mark first; default true */
  bom?: boolean;
}

/** The characters that make a spreadsheet treat a text cell as a formula (OWASP). */
const FORMULA_LEAD = /^[=+\-@\t\r]/u;

/** `text` made safe to open in a spreadsheet: prefixed with `'` when it would start a formula. */
export function neutralizeFormula(text: string): string {
  return FORMULA_LEAD.test(text) ? `'${text}` : text;
}

/** One cell as written: neutralised when it is text, then quoted when the dialect needs it. */
export function csvCell(value: CsvCell, delimiter = ';'): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') {
    // A count or a sum that is not a finite number is a bug upstream, not something to write.
    if (!Number.isFinite(value)) throw new Error(`CSV cell: not a finite number: ${value}`);
    text = String(value);
  } else {
    text = neutralizeFormula(value);
  }
  const needsQuotes = text.includes(delimiter) || /["\r\n]/u.test(text);
  return needsQuotes ? `"${text.replace(/"/gu, '""')}"` : text;
}

/** One record, without its line end. */
export function csvLine(cells: readonly CsvCell[], delimiter = ';'): string {
  return cells.map((c) => csvCell(c, delimiter)).join(delimiter);
}

/** A whole file: every record ends with CRLF, the BOM first unless `bom: false`. */
export function csvDocument(rows: readonly (readonly CsvCell[])[], opts: CsvOptions = {}): string {
  const delimiter = opts.delimiter ?? ';';
  const body = rows.map((r) => csvLine(r, delimiter) + '\r\n').join('');
  return (opts.bom === false ? '' : '\uFEFF') + body;
}
