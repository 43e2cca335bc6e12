import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CompactLines } from '../../../src/features/consolidate/consolidate.js';
import { CONSOLIDATION_COLUMNS, dataPartTask, dataRow, writeDataPart, type DataPartTask } from '../../../src/features/consolidate/data-part.js';
import { DataChecksum, dataSheetHead } from '../../../src/io/sheets/data-sheet.js';
import { NS_MAIN, NS_REL, SharedStrings, XML_HEAD, dataSheetBody } from '../../../src/io/sheets/sheet-xml.js';
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

function task(n: number, strings = new SharedStrings()): DataPartTask {
  const row = new Uint32Array(n);
  const school = new Uint32Array(n);
  const quantity = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    row[k] = (k * 7) % rows.length;
    school[k] = k % schools.length;
    quantity[k] = (k * 13) % 1000;
  }
  const lines: CompactLines = {
    rows: rows.map(([item_key, grade, price_kopecks, fpu_code, item_code, title]) => ({ key: '', publisher: 'Дрофа', item_key, grade, price_kopecks, item: { known: title !== '', title, authors: '', ...(fpu_code ? { fpu_code } : {}), ...(item_code ? { item_code } : {}) }, cells: new Map(), total: { copies: 0, sum_kopecks: 0 } })),
    schools: schools.map(([code, municipality, version]) => ({ code, municipality, version })),
    row,
    school,
    quantity,
  };
  return dataPartTask({ kind: 'consolidation-region', campaign: 'c', extra: { publisher: 'Дрофа' } }, 'Дрофа', lines, 'xl/worksheets/sheet4.xml', new Date('2019-02-01T09:30:00.000Z'), strings);
}

/** The shared strings' texts, read back from their part. */
function sharedTexts(strings: SharedStrings): string[] {
  const xml = zlib.inflateRawSync(strings.part().data).toString('utf8');
  return [...xml.matchAll(/<si>(<t(?: xml:space="preserve")?>.*?<\/t>)<\/si>/gsu)].map((m) => m[1]!);
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
  it('writes, from pieces made once, the general writers\' sheet with its texts as shared strings, over several megabytes', async () => {
    const strings = new SharedStrings();
    const t = task(9000, strings); // ≈3 MB of XML: several of DeflatingPart's chunks
    const entry = await writeDataPart(t);
    const bytes = zlib.inflateRawSync(entry.data);
    expect(bytes.length).toBeGreaterThan(2 << 20);
    expect(entry.size).toBe(bytes.length);
    expect(entry.crc).toBe(crc32(bytes, 0));
    // each shared-string cell is the inline cell of its text
    const texts = sharedTexts(strings);
    const inline = bytes.toString('utf8').replace(/ t="s"><v>(\d+)<\/v><\/c>/gu, (_, i: string) => ` t="inlineStr"><is>${texts[Number(i)]}</is></c>`);
    expect(inline).toBe(general(t).toString('utf8'));
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
