import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/domain/finding.js';
import { writeAnnotatedCopies } from '../../src/sheets/annotate.js';
import { tempDir } from '../support/cli.js';

describe('annotated copies of many files', () => {
  it('a file the writer cannot rewrite is reported and the others are still written', async () => {
    const dir = tempDir();
    const broken = path.join(dir, 'broken.xlsx');
    fs.writeFileSync(broken, 'not a workbook at all');
    const csv = path.join(dir, 'school-own.csv');
    // A semicolon file in Windows-1251 that detection alone would read fine; the given options must be used.
    fs.writeFileSync(csv, iconv.encode('Код 1С;Класс;Количество\r\n04-0052-11;1;десять\r\n', 'win1251'));
    const bad = finding('order-qty-invalid', 'error', { file: csv, row: 2, column: 'C' }, { value: 'десять' });
    const out = path.join(dir, 'checked');
    const copies = await writeAnnotatedCopies(
      [
        { source: broken, format: 'xlsx', findings: [], lang: 'ru' },
        { source: csv, format: 'csv', findings: [bad], lang: 'ru', read: { encoding: 'windows-1251', delimiter: ';' } },
      ],
      out,
    );
    expect(copies.failed.map((f) => f.file)).toEqual([broken]);
    expect(copies.written).toEqual([{ file: csv, out: path.join(out, 'school-own.checked.xlsx') }]);
    expect(fs.existsSync(path.join(out, 'school-own.checked.xlsx'))).toBe(true);
  });
});
