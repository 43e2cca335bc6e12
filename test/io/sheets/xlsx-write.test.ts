import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../../src/core/model/catalogue.js';
import type { School } from '../../../src/core/model/registry.js';
import { addDataSheet, DATA_SHEET_NAME, dataChecksum, readDataSheet } from '../../../src/io/sheets/data-sheet.js';
import { openWorkbook } from '../../../src/io/sheets/open.js';
import { DATA_COLUMNS, HEADER, writeOrderTemplate, type OrderTemplateInput } from '../../../src/features/order/template.js';
import type { SheetRow } from '../../../src/io/sheets/types.js';
import { autoWidth, newWorkbook, saveWorkbook, setPrintA4, wrappedRowHeight } from '../../../src/io/sheets/xlsx-write.js';
import { findTable } from '../../../src/io/sheets/table.js';
import { ORDER_FIELDS, ORDER_REQUIRED } from '../../../src/core/model/order.js';
import { writer } from '../../../src/core/i18n/messages/writer.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uchebnik-write-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function sheetRows(file: string, sheet: string | number): Promise<SheetRow[]> {
  const wb = await openWorkbook(file);
  try {
    const rows: SheetRow[] = [];
    for await (const row of (await wb.sheet(sheet)).rows()) rows.push(row);
    return rows;
  } finally {
    await wb.close();
  }
}

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const school: School = { code: '0412', short_name: 'СОШ № 12', full_name: 'МБОУ «Средняя общеобразовательная школа № 12»', municipality: '04' };

function item(over: Partial<CatalogueItem> & Pick<CatalogueItem, 'key' | 'grade_from' | 'grade_to' | 'price_kopecks'>): CatalogueItem {
  return { publisher: 'Просвещение', authors: 'Иванов И.И.', title: 'Учебник', vat_rate: 10, ...over };
}

const ITEMS: CatalogueItem[] = [
  item({ key: 'c:12345', item_code: '12345', fpu_code: '1.1.2.1.1.1', isbn: '9785090711111', title: 'Русский язык', grade_from: 5, grade_to: 9, price_kopecks: 64553 }),
  item({ key: 'c:02567', publisher: 'Русское слово', item_code: '02567', fpu_code: '1.1.1.1.4.1', title: 'Азбука. Ч. 1', grade_from: 1, grade_to: 1, price_kopecks: 24398 }),
  item({ key: 'f:x', publisher: 'ДРОФА', not_in_fpu: true, title: 'Рабочая тетрадь', authors: '', grade_from: 10, grade_to: 11, price_kopecks: 12000 }),
];

function templateInput(items = ITEMS): OrderTemplateInput {
  return { school, municipalityName: 'Глазовский район', campaign: { id: '2019-udm', year: 2019, region: 'Удмуртская Республика' }, items, lang: 'ru' };
}

describe('data sheet', () => {
  const columns = ['school', 'publisher', 'item_key', 'grade', 'quantity', 'price_kopecks'];
  const rows: (string | number)[][] = [
    ['0412', 'Просвещение', 'c:12345', 5, 27, 64553],
    ['0412', 'Русское слово', 'c:02567', 1, 30, 24398],
    // text that looks like a number, a blank, leading spaces and a formula-looking text stay as they are
    ['0007', ' ДРОФА', '=1+1', 10, 0, ''],
  ];

  async function written(): Promise<string> {
    const wb = await newWorkbook();
    wb.addWorksheet('Сводный');
    addDataSheet(wb, { kind: 'consolidation-municipality', campaign: '2019-udm', extra: { municipality: '04' } }, columns, rows);
    const file = path.join(dir, `data-${randomBytes(3).toString('hex')}.xlsx`);
    await saveWorkbook(wb, file);
    return file;
  }

  it('is a very hidden sheet that reads back losslessly with its metadata and a matching checksum', async () => {
    const file = await written();
    const book = await openWorkbook(file);
    expect(book.sheets.find((s) => s.name === DATA_SHEET_NAME)?.hidden).toBe(true);
    await book.close();
    expect((await readBack(file)).getWorksheet(DATA_SHEET_NAME)?.state).toBe('veryHidden');

    const data = readDataSheet(await sheetRows(file, DATA_SHEET_NAME));
    expect(data).not.toBeNull();
    expect(data!.columns).toEqual(columns);
    expect(data!.rows).toEqual(rows);
    expect(data!.checksumOk).toBe(true);
    expect(data!.meta).toMatchObject({ kind: 'consolidation-municipality', campaign: '2019-udm', schema: '1', municipality: '04', rows: '3' });
    expect(data!.meta['checksum']).toBe(dataChecksum(columns, rows));
    expect(Date.parse(data!.meta['written_at']!)).not.toBeNaN();
  });

  it('tells a hand edit: one changed value, a removed row, a renamed column', async () => {
    const file = await written();
    const wb = await readBack(file);
    const ws = wb.getWorksheet(DATA_SHEET_NAME)!;
    const rowsRead = await sheetRows(file, DATA_SHEET_NAME);
    const firstData = rowsRead.findIndex((r) => r.cells[0]?.value === 'school') + 2;
    ws.getRow(rowsRead[firstData - 1]!.row).getCell(5).value = 270;
    const edited = path.join(dir, 'data-edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const data = readDataSheet(await sheetRows(edited, DATA_SHEET_NAME))!;
    expect(data.rows[0]![4]).toBe(270);
    expect(data.checksumOk).toBe(false);

    const all = await sheetRows(file, DATA_SHEET_NAME);
    expect(readDataSheet(all.slice(0, -1))!.checksumOk).toBe(false);
    const renamed = all.map((r) => (r.cells[0]?.value === 'school' ? { ...r, cells: [{ value: 'школа' }, ...r.cells.slice(1)] } : r));
    expect(readDataSheet(renamed)!.checksumOk).toBe(false);
  });

  it('is null for a sheet that is not a data sheet', () => {
    expect(readDataSheet([])).toBeNull();
    expect(readDataSheet([{ row: 1, cells: [{ value: 'Код ОО' }, { value: 'Школа' }] }, { row: 2, cells: [{ value: '0412' }] }])).toBeNull();
  });

  it('refuses reserved metadata keys, rows wider than the columns and empty rows', async () => {
    const wb = await newWorkbook();
    expect(() => addDataSheet(wb, { kind: 'k', campaign: 'c', extra: { checksum: 'x' } }, ['a'], [])).toThrow(/reserved/);
    expect(() => addDataSheet(wb, { kind: 'k', campaign: 'c' }, ['a'], [[1, 2]])).toThrow(/columns/);
    expect(() => addDataSheet(wb, { kind: 'k', campaign: 'c' }, ['a', 'b'], [['', '']])).toThrow(/no values/);
  });
});

describe('order template', () => {
  let file: string;
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    file = path.join(dir, '0412.xlsx');
    await writeOrderTemplate(file, templateInput());
    wb = await readBack(file);
    ws = wb.getWorksheet('Заказ')!;
  });

  // 5 grades + 1 + 2: one row per item and grade
  const LINES = 8;
  const FIRST = 6;
  const LAST = FIRST + LINES - 1;

  it('names the school in labelled cells and has the exact header on row 5', () => {
    expect(ws.getCell('A2').value).toBe('Код ОО:');
    expect(ws.getCell('B2').value).toBe('0412');
    expect(ws.getCell('A3').value).toBe('Наименование ОО:');
    expect(ws.getCell('B3').value).toBe(school.full_name);
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual([...HEADER]);
    expect(HEADER).toEqual(['Издательство', '№ ФП', 'Код издательства', 'ISBN', 'Авторы', 'Наименование', 'Класс', 'Цена, руб.', 'Количество', 'Сумма, руб.']);
  });

  it('has one row per item and grade, codes as text, prices as money numbers, empty quantities', () => {
    const grades = [];
    for (let r = FIRST; r <= LAST; r++) grades.push(ws.getCell(`G${r}`).value);
    expect(grades).toEqual([5, 6, 7, 8, 9, 1, 10, 11]);
    expect(ws.getCell(`C${FIRST}`).value).toBe('12345');
    expect(ws.getCell(`C${FIRST + 5}`).value).toBe('02567');
    expect(ws.getCell(`B${FIRST + 6}`).value).toBeNull();
    expect(ws.getCell(`H${FIRST}`).value).toBe(645.53);
    expect(ws.getCell(`H${FIRST}`).numFmt).toBe('#,##0.00');
    for (let r = FIRST; r <= LAST; r++) expect(ws.getCell(`I${r}`).value).toBeNull();
  });

  it('validates every quantity cell as a whole number ≥ 0 with a message', () => {
    for (let r = FIRST; r <= LAST; r++) {
      const v = ws.getCell(`I${r}`).dataValidation;
      expect(v).toMatchObject({ type: 'whole', operator: 'between', showErrorMessage: true, errorStyle: 'stop' });
      expect(Number(v.formulae[0])).toBe(0);
      expect(v.error).toBeTruthy();
    }
    expect(ws.getCell(`I${LAST + 1}`).dataValidation).toBeUndefined();
    expect(ws.getCell(`H${FIRST}`).dataValidation).toBeUndefined();
  });

  it('has a sum formula per line and SUM formulas in the «Итого» row, cached as 0', async () => {
    expect(ws.getCell(`J${FIRST}`).formula).toBe(`H${FIRST}*I${FIRST}`);
    expect(ws.getCell(`J${LAST}`).formula).toBe(`H${LAST}*I${LAST}`);
    expect(ws.getCell(`A${LAST + 1}`).value).toBe('Итого');
    expect(ws.getCell(`I${LAST + 1}`).formula).toBe(`SUM(I${FIRST}:I${LAST})`);
    expect(ws.getCell(`J${LAST + 1}`).formula).toBe(`SUM(J${FIRST}:J${LAST})`);
    // exceljs reads a cached 0 back as no result; the reader the validator uses sees the stored <v>0</v>
    const rows = new Map((await sheetRows(file, 0)).map((r) => [r.row, r.cells]));
    expect(rows.get(FIRST)![9]).toEqual({ value: 0, formula: `H${FIRST}*I${FIRST}` });
    expect(rows.get(LAST + 1)![8]).toEqual({ value: 0, formula: `SUM(I${FIRST}:I${LAST})` });
    expect(rows.get(LAST + 1)![9]).toEqual({ value: 0, formula: `SUM(J${FIRST}:J${LAST})` });
  });

  it('freezes the header, filters the table, prints A4 landscape with the header on every page', () => {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.autoFilter).toBe(`A5:J${LAST}`);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '5:5' });
    expect(ws.getColumn(6).width).toBeGreaterThan(ws.getColumn(7).width!);
  });

  it('carries the data sheet: every table row with its item, grade and price, checksum intact', async () => {
    const data = readDataSheet(await sheetRows(file, DATA_SHEET_NAME))!;
    expect(data.meta).toMatchObject({ kind: 'order-template', campaign: '2019-udm', school: '0412', municipality: '04', year: '2019' });
    expect(data.columns).toEqual(DATA_COLUMNS);
    expect(data.rows).toHaveLength(LINES);
    expect(data.rows[0]).toEqual([FIRST, '0412', 'Просвещение', 'c:12345', 5, 64553]);
    expect(data.rows[5]).toEqual([FIRST + 5, '0412', 'Русское слово', 'c:02567', 1, 24398]);
    expect(data.checksumOk).toBe(true);
  });

  it('is read by the streaming reader: visible sheet first, values as written', async () => {
    const rows = await sheetRows(file, 0);
    const byRow = new Map(rows.map((r) => [r.row, r]));
    expect(byRow.get(2)!.cells.map((c) => c?.value)).toEqual(['Код ОО:', '0412']);
    expect(byRow.get(5)!.cells.map((c) => c?.value)).toEqual([...HEADER]);
  });

  it('is found by the order table layer: header on row 5, every field in its column, the totals row as totals', async () => {
    const book = await openWorkbook(file);
    try {
      const table = await findTable(book, { fields: ORDER_FIELDS, required: ORDER_REQUIRED });
      expect(table.headerRows).toEqual([5]);
      expect(ORDER_FIELDS.map((f) => table.column(f.key))).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J']);
      const kinds: string[] = [];
      for await (const row of table.rows()) kinds.push(row.kind);
      expect(kinds).toEqual([...Array<string>(LINES).fill('data'), 'total']);
    } finally {
      await book.close();
    }
  });

  it('gives rows with long authors or titles the height of their wrapped lines', () => {
    expect(ws.getRow(5).height).toBe(30);
    expect(ws.getRow(FIRST).height).toBe(15);
    expect(wrappedRowHeight([['Ладыженская Т.А., Баранов М.Т., Тростенцова Л.А. и др.', 26]])).toBe(30);
    expect(wrappedRowHeight([['короткое', 26], ['a\nb\nc', 40]])).toBe(45);
  });

  it('writes the form with no items: totals are plain zeros, no formula refers to itself', async () => {
    const empty = path.join(dir, 'empty.xlsx');
    await writeOrderTemplate(empty, templateInput([]));
    const s = (await readBack(empty)).getWorksheet('Заказ')!;
    expect(s.getCell('A6').value).toBe('Итого');
    expect(s.getCell('J6').value).toBe(0);
  });

  it('writes a catalogue of 2,000 items (one row per grade) fast enough', async () => {
    const many: CatalogueItem[] = [];
    for (let i = 0; i < 2000; i++) {
      const from = 1 + (i % 11);
      const to = Math.min(11, from + (i % 3));
      many.push(
        item({
          key: `c:${i}`,
          publisher: ['Просвещение', 'ДРОФА', 'Русское слово', 'БИНОМ'][i % 4]!,
          item_code: String(100000 + i),
          fpu_code: `1.1.${i % 9}.${i % 7}.${i % 5}.${i}`,
          isbn: `978509${String(i).padStart(7, '0')}`,
          title: `Учебник по предмету № ${i}. Часть ${1 + (i % 2)}`,
          authors: 'Петров П.П., Сидорова А.А.',
          grade_from: from,
          grade_to: to,
          price_kopecks: 30000 + i * 7,
        }),
      );
    }
    const rows = many.reduce((n, it) => n + it.grade_to - it.grade_from + 1, 0);
    const big = path.join(dir, 'big.xlsx');
    const started = performance.now();
    await writeOrderTemplate(big, templateInput(many));
    const ms = performance.now() - started;
    console.info(`order template: ${many.length} items, ${rows} rows in ${ms.toFixed(0)} ms (${(fs.statSync(big).size / 1024).toFixed(0)} KiB)`);
    expect(ms).toBeLessThan(15_000);
    const data = readDataSheet(await sheetRows(big, DATA_SHEET_NAME))!;
    expect(data.rows).toHaveLength(rows);
    expect(data.checksumOk).toBe(true);
  });
});

describe('xlsx-write helpers', () => {
  it('saves atomically: no temporary file is left beside the target, an existing file is replaced', async () => {
    const sub = path.join(dir, 'atomic', 'deeper');
    const target = path.join(sub, 'out.xlsx');
    for (const value of ['first', 'second']) {
      const wb = await newWorkbook();
      wb.addWorksheet('Лист1').getCell('A1').value = value;
      await saveWorkbook(wb, target);
    }
    expect(fs.readdirSync(sub)).toEqual(['out.xlsx']);
    expect((await readBack(target)).getWorksheet('Лист1')!.getCell('A1').value).toBe('second');
  });

  it('sizes columns by their longest text within bounds, and sets A4 print options', async () => {
    const wb = await newWorkbook();
    const ws = wb.addWorksheet('Лист1');
    ws.addRow(['№', 'Очень длинное наименование учебника, которое не помещается', 'x']);
    ws.addRow([1, 'короткое', 1234567.5]);
    autoWidth(ws, { min: 6, max: 40 });
    expect(ws.getColumn(1).width).toBe(6);
    expect(ws.getColumn(2).width).toBe(40);
    expect(ws.getColumn(3).width).toBe(14);
    setPrintA4(ws, { landscape: false, repeatRows: [1, 1] });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1, printTitlesRow: '1:1' });
  });

  it('has every writer label in both languages', () => {
    for (const [key, entry] of Object.entries(writer)) {
      expect(entry.ru, key).toBeTruthy();
      expect(entry.en, key).toBeTruthy();
    }
  });
});
