/**
 * A cell's text as a person reads it. Its own module, apart from table.ts, so that what needs only this
 * (a requisite's cell, src/features/registry/requisite-cell.ts) does not load the column recogniser
 * with it: a command's modules are most of its start (bench/README.md, issue 20).
 */
import type { SheetCell } from './types.js';

export function cellText(cell: SheetCell | undefined): string {
  if (!cell || cell.value === null || cell.value === undefined) return '';
  return typeof cell.value === 'string' ? cell.value : String(cell.value);
}
