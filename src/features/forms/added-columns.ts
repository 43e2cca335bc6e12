/**
 * Which columns a publisher form's total formula adds up: how the layout is found (layout.ts) and how
 * a total is extended to the columns a fill adds (fill.ts). Its own module so that filling a form —
 * which `consolidate` does for every publisher — does not load the layout detector and, with it, the
 * whole sheet reader (bench/README.md, issue 20: a command's modules are most of its start).
 */
import { columnIndex } from '../../core/finding.js';

/** The columns an additive formula of row `row` adds up; undefined for any other formula. */
export function addedColumns(formula: string | undefined, row: number): number[] | undefined {
  if (!formula) return undefined;
  const f = formula.replace(/\s|\$/gu, '').replace(/^=/u, '').toUpperCase();
  const ref = (s: string): number | undefined => {
    const m = /^([A-Z]{1,3})(\d+)$/u.exec(s);
    return m && Number(m[2]) === row ? columnIndex(m[1]!) : undefined;
  };
  const range = (s: string): number[] | undefined => {
    const [a, b] = s.split(':');
    const from = ref(a ?? '');
    if (from === undefined) return undefined;
    if (b === undefined) return [from];
    const to = ref(b);
    if (to === undefined || to < from) return undefined;
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  };
  const collect = (parts: string[]): number[] | undefined => {
    const cols: number[] = [];
    for (const p of parts) {
      const r = range(p);
      if (!r) return undefined;
      cols.push(...r);
    }
    return cols;
  };
  let cols: number[] | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^SUM\(([A-Z0-9:,;]+)\)$/u.exec(f))) cols = collect(m[1]!.split(/[,;]/u));
  else if (/^[A-Z]{1,3}\d+(\+[A-Z]{1,3}\d+)+$/u.test(f)) cols = collect(f.split('+'));
  else if ((m = /^SUMPRODUCT\(-*\(MOD\(COLUMN\(([A-Z]{1,3}\d+:[A-Z]{1,3}\d+)\)[,;]2\)=([01])\)\*\(?([A-Z]{1,3}\d+:[A-Z]{1,3}\d+)\)?\)$/u.exec(f))) {
    const all = range(m[1]!);
    const same = range(m[3]!);
    // COLUMN() counts from 1: column index c (0-based) is COLUMN c + 1.
    if (all && same && all.join() === same.join()) cols = all.filter((c) => (c + 1) % 2 === Number(m![2]));
  }
  if (!cols || cols.length < 2) return undefined;
  const sorted = [...new Set(cols)].sort((a, b) => a - b);
  return sorted.length === cols.length ? sorted : undefined;
}
