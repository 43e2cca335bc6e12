/**
 * The seed plans as table rows, the way a spreadsheet reader would give them. The seeds live beside
 * the repository (../shared/seeds); tests that need them run only when they are there.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanTableRow } from '../../../src/features/plan/table.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const TEXTBOOKS = path.join(seedsDir, '000_e16074e7cd54a95d.txt');
const FIRST_GRADE = path.join(seedsDir, '003_e976c36ef92e48f7.txt');

export const seedsPresent = existsSync(TEXTBOOKS) && existsSync(FIRST_GRADE);
if (!seedsPresent) {
  console.warn(`seed plans not found in ${seedsDir}: the comparisons of the templates with the seed texts are not run`);
}

/** Seed 000: one line per row, cells separated by tabs. */
export function textbooksSeedRows(): PlanTableRow[] {
  return readFileSync(TEXTBOOKS, 'utf8')
    .split('\n')
    .map((line, i) => ({ row: i + 1, cells: line.split('\t') }));
}

/**
 * Seed 003: title lines, then a four-column table whose every cell starts with a tab and may span
 * lines (so column A is empty), then the notes on abbreviations after a blank line.
 */
export function firstGradeSeedRows(): PlanTableRow[] {
  const [title = '', ...cells] = readFileSync(FIRST_GRADE, 'utf8').split('\t');
  const rows: PlanTableRow[] = [];
  const add = (c: string[]): number => rows.push({ row: rows.length + 1, cells: c });
  for (const line of title.split('\n')) add([line]);
  for (let i = 0; i < cells.length; i += 4) {
    const group = cells.slice(i, i + 4);
    const [last = '', ...after] = (group[3] ?? '').split(/\n[ \t]*\n/u);
    add(['', ...group.slice(0, 3), last]);
    // «[bookmark: _GoBack]» is left over from the conversion of the Word document to text.
    for (const line of after.join('\n').split('\n')) add([line.replace(/\[bookmark:[^\]]*\]/gu, '')]);
  }
  return rows;
}
