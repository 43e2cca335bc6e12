import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONSOLIDATION_COLUMNS, dataRow, writeDataPart, type DataPartTask } from '../../../src/features/consolidate/data-part.js';
import { DataChecksum, dataSheetHead } from '../../../src/io/sheets/data-sheet.js';
import { NS_MAIN, NS_REL, XML_HEAD, dataSheetBody } from '../../../src/io/sheets/sheet-xml.js';
import { crc32 } from '../../../src/io/sheets/zip.js';

// Texts that escape, keep their spaces, lose what XML forbids, take two or four bytes, or are empty.
const rows: DataPartTask['rows'] = [
  ['code:PR1', 1, 45260, '1.1.1.1.1.1', 'PR1', 'Азбука. Учебник для 1 класса'],
  ['code:A&B', 11, 1, '', 'A&B <1>', ' "Кавычки" и пробелы '],
  ['title:Без кода\nвторая строка', 5, 99999999, '2.1', '', ''],
  ['code:😀', 7, 0, '3.1.2', '😀', 'управляющий\u0001знак'],
];
const schools: DataPartTask['schools'] = [
  ['0101', '01', 1],
  ['Школа №2', 'Район & Ко', 2],
  ['0303', '03', 12],
];

function task(n: number): DataPartTask {
  const row = new Uint32Array(n);
  const school = new Uint32Array(n);
  const quantity = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    row[k] = (k * 7) % rows.length;
    school[k] = k % schools.length;
    quantity[k] = (k * 13) % 1000;
  }
  return { meta: { kind: 'consolidation-region', campaign: 'c', extra: { publisher: 'Дрофа' } }, writtenAt: '2019-02-01T09:30:00.000Z', part: 'xl/worksheets/sheet4.xml', publisher: 'Дрофа', rows, schools, row, school, quantity };
}

/** The part as the general writers make it: every row as values, `DataChecksum.add`, `dataSheetBody`. */
function general(t: DataPartTask): Buffer {
  const values = Array.from({ length: t.row.length }, (_, k) => dataRow(t, k));
  const sum = new DataChecksum(CONSOLIDATION_COLUMNS);
  for (const r of values) sum.add(r);
  const head = dataSheetHead(t.meta, CONSOLIDATION_COLUMNS, { rows: sum.rows, checksum: sum.digest() }, new Date(t.writtenAt));
  const xml = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetData>${dataSheetBody(head)}${dataSheetBody(values, 0, values.length, undefined, head.length)}</sheetData></worksheet>`;
  return Buffer.from(xml, 'utf8');
}

describe('consolidation data part', () => {
  it('writes, from pieces made once, exactly the bytes of the general writers, over several megabytes', async () => {
    const t = task(9000); // ≈5 MB of XML: several of DeflatingPart's chunks
    const entry = await writeDataPart(t);
    const expected = general(t);
    expect(expected.length).toBeGreaterThan(3 << 20);
    const bytes = zlib.inflateRawSync(entry.data);
    expect(bytes.equals(expected)).toBe(true);
    expect(entry.size).toBe(expected.length);
    expect(entry.crc).toBe(crc32(expected, 0));
  });

  it('DataChecksum: rows given as canonical JSON bytes hash as the same rows given as values, in any mix', () => {
    const t = task(50);
    const values = Array.from({ length: 50 }, (_, k) => dataRow(t, k));
    const plain = new DataChecksum(CONSOLIDATION_COLUMNS);
    const mixed = new DataChecksum(CONSOLIDATION_COLUMNS);
    values.forEach((r, k) => {
      plain.add(r);
      if (k % 3 === 0) mixed.add(r);
      else mixed.addJson(Buffer.from(JSON.stringify(r), 'utf8').toString('latin1'));
    });
    expect(mixed.rows).toBe(50);
    expect(mixed.digest()).toBe(plain.digest());
  });
});
