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
 * Per fragment (issue #22): a spreadsheet set to another separator — English Excel and LibreOffice
 * with «comma» ticked split on `,`, others on tab — does not see our quotes (they are not at the start
 * of its fields), so a publisher named `Изд,=1+1` becomes the cells `Изд` and `=1+1`, a live formula.
 * So every fragment that follows a separator of any common locale (`;`, `,`, tab), a line break or a
 * quote, and that would start a formula (spaces before it included, for «trim spaces»), gets the `'`
 * too: `Изд,'=1+1`.
 *
 * Dialect: what Excel with Russian settings opens by a double click without garbling — UTF-8 with a
 * BOM, `;` between cells, CRLF line ends, a cell quoted (`"…"`, inner quotes doubled) when it holds
 * a separator of any common locale (`;`, `,`, tab), a quote or a line break, so that a reader set to
 * `,` or tab that honours quotes keeps it one cell as well.
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

/**
 * A formula lead at the start of a fragment: after a separator of any common locale, a line break or
 * a quote, past any spaces (LibreOffice's «trim spaces» would drop them); also at the very start past
 * spaces.
 */
const FRAGMENT_LEAD = /(^|[;,\t\r\n"])([ \u00A0]*)(?=[=+\-@])/gu;

/** Characters that make a cell need quotes: the separators of every common locale, a quote, a line break. */
const NEEDS_QUOTES = /[;,\t"\r\n]/u;

/**
 * `text` made safe to open in a spreadsheet, whatever separator it splits on: prefixed with `'` when
 * it would start a formula, and `'` put before every fragment inside it that would.
 */
export function neutralizeFormula(text: string): string {
  const lead = FORMULA_LEAD.test(text) ? `'${text}` : text;
  return lead.replace(FRAGMENT_LEAD, "$1$2'");
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
  const needsQuotes = text.includes(delimiter) || NEEDS_QUOTES.test(text);
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
