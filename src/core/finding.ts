/**
 * A finding is one thing wrong (or suspicious) in the data, addressed to the cell it comes from.
 * Domain checks produce findings with a stable English `code` of the findings registry
 * (src/core/findings/) and the parameters of its message; the report layer renders `message` and
 * `title` in the user's language from the registry.
 */
import type { FindingCode, Severity } from './findings/index.js';

export type { FindingCode, Severity } from './findings/index.js';

export interface CellAddress {
  file?: string;
  sheet?: string;
  /** 1-based row as the spreadsheet shows it */
  row?: number;
  /** column letter(s) as the spreadsheet shows them: A, B, …, AA */
  column?: string;
}

/** A param named `*_kopecks` is an amount in kopecks, shown as money in the reader's language. */
export type FindingParams = Record<string, string | number | undefined>;

export interface Finding extends CellAddress {
  code: FindingCode;
  severity: Severity;
  /** values that fill the message template */
  params?: FindingParams;
  school?: string;
  item?: string;
  expected?: string | number;
  actual?: string | number;
}

export function finding(
  code: FindingCode,
  severity: Severity,
  at: CellAddress,
  params: FindingParams = {},
  extra: Pick<Finding, 'school' | 'item' | 'expected' | 'actual'> = {},
): Finding {
  const f: Finding = { code, severity, ...at, params, ...extra };
  for (const k of Object.keys(f) as (keyof Finding)[]) if (f[k] === undefined) delete f[k];
  return f;
}

/** 0-based column index → spreadsheet letters (0 → A, 25 → Z, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Spreadsheet letters → 0-based column index (A → 0, AA → 26); -1 when not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellRef(at: CellAddress): string | undefined {
  return at.column && at.row ? `${at.column}${at.row}` : undefined;
}
