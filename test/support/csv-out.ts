/** Reading back the CSV files uchebnik writes (manifest.csv, summary.csv): UTF-8 with BOM, CRLF, `;`. */
import fs from 'node:fs';
import { expect } from 'vitest';

/** The file as rows of cells, header first (the BOM and CRLF line ends checked). */
export function csvRows(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((l) => l.split(';'));
}
