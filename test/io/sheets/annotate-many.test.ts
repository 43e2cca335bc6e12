import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { finding } from '../../../src/core/finding.js';
import { writeAnnotatedCopies } from '../../../src/io/sheets/annotate.js';
import { tempDir } from '../../support/cli.js';
import * as fx from '../../support/xlsx-fixtures.js';

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

describe('annotated copies within bounds (issue 22)', () => {
  it('a 1 KB order with one merge to XFD1048576 is refused at once, in bounded memory, and the others are written; two inputs of one name get two copies', async () => {
    const dir = tempDir();
    const bomb = fx.writeWorkbook(dir, 'bomb.xlsx', {
      sheets: [{ name: 'Заказ', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>Код 1С</t></is></c></row>', after: '<mergeCells count="1"><mergeCell ref="K1:XFD1048576"/></mergeCells>' }],
    });
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    for (const d of [a, b]) fs.writeFileSync(path.join(d, 'order.csv'), 'Код 1С;Класс;Количество\r\n04-0052-11;1;10\r\n');
    const out = path.join(dir, 'checked');
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const copies = await writeAnnotatedCopies(
      [
        { source: bomb, format: 'xlsx', findings: [], lang: 'ru' },
        { source: path.join(a, 'order.csv'), format: 'csv', findings: [], lang: 'ru' },
        { source: path.join(b, 'order.csv'), format: 'csv', findings: [], lang: 'ru' },
      ],
      out,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
    expect(copies.failed.map((f) => [f.file, f.error.key])).toEqual([[bomb, 'writer.annotate-too-large']]);
    expect(copies.written.map((w) => path.basename(w.out))).toEqual(['order.checked.xlsx', 'order-2.checked.xlsx']);
  });
});
