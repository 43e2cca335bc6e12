/**
 * A column's content in numbers: of its non-blank cells below a header, how many fit each kind
 * (cell-kinds.ts), how many distinct values, how long the texts, whether it counts rows (1, 2, 3 …).
 * Section headings and totals rows are not counted: they say nothing about the column's role.
 */
import { CELL_KINDS, cellString, fits, isSectionText, type CellKind } from './cell-kinds.js';
import type { SheetRow } from '../types.js';

export interface ColumnProfile {
  /** non-blank cells looked at */
  samples: number;
  /** kind → share of the samples that fit it (0…1) */
  fit: Record<CellKind, number>;
  /** share of distinct values among the samples */
  distinct: number;
  /** mean length of the texts */
  meanLength: number;
  /** the values rise by one from row to row: a «№ п/п» column */
  ordinal: boolean;
  /** some values are numbers with a fraction or text with a decimal separator */
  decimals: boolean;
  /** the largest numeric value seen (NaN when none) */
  max: number;
  /** some cell says what a VAT rate is in words (%, «без НДС») or as a share (0,1) */
  vatMarked: boolean;
  /** the samples' raw values (numbers as numbers), for comparing two columns row by row */
  values: Map<number, number>;
}

export const SAMPLE_ROWS = 150;

function numeric(v: unknown, s: string): number {
  if (typeof v === 'number') return v;
  const t = s.replace(/[\s\u00A0]/gu, '').replace(/(?:р|руб|₽)\.?$/iu, '').replace(',', '.');
  return /^\d+(?:\.\d+)?$/u.test(t) ? Number(t) : NaN;
}

/** Profiles of columns 0…width-1 over the given data rows. */
export function profileColumns(rows: readonly SheetRow[], width: number, kinds: readonly CellKind[] = CELL_KINDS): ColumnProfile[] {
  const out: ColumnProfile[] = [];
  for (let c = 0; c < width; c++) {
    const counts = Object.fromEntries(CELL_KINDS.map((k) => [k, 0])) as Record<CellKind, number>;
    const seen = new Set<string>();
    const values = new Map<number, number>();
    let samples = 0;
    let length = 0;
    let rising = 0;
    let previous = NaN;
    let decimals = false;
    let max = NaN;
    let vatMarked = false;
    for (const r of rows) {
      const v = r.cells[c]?.value ?? null;
      const s = cellString(v);
      if (s === '' || isSectionText(s)) continue;
      samples++;
      seen.add(s);
      length += s.length;
      for (const k of kinds) if (fits(k, v, s)) counts[k]++;
      const n = numeric(v, s);
      if (!Number.isNaN(n)) {
        values.set(r.row, n);
        if (n === previous + 1) rising++;
        previous = n;
        if (!Number.isInteger(n)) decimals = true;
        if (!(n <= max)) max = n;
        if (n > 0 && n < 1) vatMarked = true;
      } else previous = NaN;
      if (/%|без\s?ндс|не\s?облаг/iu.test(s)) vatMarked = true;
    }
    const fit = Object.fromEntries(CELL_KINDS.map((k) => [k, samples ? counts[k] / samples : 0])) as Record<CellKind, number>;
    out.push({
      samples,
      fit,
      distinct: samples ? seen.size / samples : 0,
      meanLength: samples ? length / samples : 0,
      ordinal: samples >= 3 && rising >= (samples - 1) * 0.8,
      decimals,
      max,
      vatMarked,
      values,
    });
  }
  return out;
}

/**
 * The one kind a column is, judged by content alone, or undefined when it is none clearly. The order
 * of the tests is the order of how specific a kind is: an fpu code is also a code, a grade is also a
 * whole number and a price, a year is also a price.
 */
export function dominantKind(p: ColumnProfile): CellKind | undefined {
  // A «№ п/п» column counts rows 1, 2, 3 …: it is no grade, price or code, whatever its numbers fit.
  if (p.samples < 2 || p.ordinal) return undefined;
  const f = p.fit;
  // A heading without a number may sit in the code column now and then.
  if (f.fpu >= 0.7) return 'fpu';
  if (f.isbn >= 0.8) return 'isbn';
  if (f.inn >= 0.9 && !p.decimals) return 'inn';
  if (f.kpp >= 0.9 && !p.decimals) return 'kpp';
  if (f.authors_title >= 0.5 && f.authors_title + f.authors >= 0.7 && p.meanLength >= 20) return 'authors_title';
  if (f.authors >= 0.7) return 'authors';
  if (f.year >= 0.95) return 'year';
  if (f.vat >= 0.95 && (p.vatMarked || (p.max > 11 && p.max <= 20))) return 'vat';
  if (f.grade >= 0.9 && !p.decimals && !(p.max > 11)) return 'grade';
  // An item code: identifiers without spaces, nearly all different, not amounts with kopecks.
  if (f.code >= 0.9 && p.distinct >= 0.9 && !p.decimals && (f.money < 0.9 || p.max >= 10_000)) return 'code';
  if (f.money >= 0.9) return 'money';
  if (f.title >= 0.6 && p.meanLength >= 12) return 'title';
  if (f.text >= 0.8) return 'text';
  return undefined;
}
