import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../../src/core/model/catalogue.js';
import { finding, type Finding } from '../../../src/core/finding.js';
import { InputError, UsageError } from '../../../src/core/errors.js';
import { t } from '../../../src/core/i18n/index.js';
import { writer } from '../../../src/core/i18n/messages/writer.js';
import { ANNOTATION_STATE_SHEET, writeAnnotatedCopy } from '../../../src/io/sheets/annotate.js';
import { DATA_SHEET_NAME, readDataSheet } from '../../../src/io/sheets/data-sheet.js';
import { openWorkbook } from '../../../src/io/sheets/open.js';
import { writeOrderTemplate } from '../../../src/features/order/template.js';
import type { SheetRow } from '../../../src/io/sheets/types.js';

const SOFFICE = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();
if (!SOFFICE) console.warn('annotate: soffice is not on PATH; the annotated copy of an .ods source is NOT tested');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uchebnik-annotate-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** As the annotation renders it, whether or not the lead has wired the catalogue yet. */
function message(f: Finding): string {
  return t('ru', `finding.${f.code}`, { ...f.params, expected: f.expected, actual: f.actual });
}

const RED = 'FFFF8A80';
const YELLOW = 'FFFFE066';
const PALE_BLUE = 'FFDDEBF7';

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The findings sheet, found by structure: the visible sheet the source did not have. */
function findingsSheets(wb: ExcelJS.Workbook, sourceSheets: string[]): ExcelJS.Worksheet[] {
  return wb.worksheets.filter((ws) => ws.state === 'visible' && !sourceSheets.includes(ws.name));
}

function argb(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill;
  return fill?.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
}

function noteTexts(cell: ExcelJS.Cell): string[] {
  const note = cell.note;
  if (note === undefined) return [];
  return typeof note === 'string' ? [note] : (note.texts ?? []).map((r) => r.text);
}

/** A school's filled order, with the formatting a school gives it. */
async function schoolOrder(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Заказ');
  ws.addRow(['Заказ учебников']);
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getRow(3).values = ['Издательство', 'Наименование', 'Класс', 'Цена, руб.', 'Количество', 'Сумма, руб.'];
  for (let r = 4; r <= 14; r++) {
    ws.getRow(r).values = ['Просвещение', `Учебник ${r}`, 5, 645.53, r === 14 ? 'тридцать' : 10, 6455.3];
    const price = ws.getCell(`D${r}`);
    price.numFmt = '#,##0.00 "₽"';
    price.font = { bold: true };
    ws.getCell(`E${r}`).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: PALE_BLUE } };
  }
  ws.getCell('B5').note = 'Уточнить у завуча';
  ws.mergeCells('A16:C16');
  ws.getCell('A16').value = 'Итого';
  wb.addWorksheet('Пояснения').getCell('A1').value = 'Без пояснений';
  await wb.xlsx.writeFile(file);
}

const FINDINGS: Finding[] = [
  finding('order-qty-invalid', 'error', { file: 'school.xlsx', sheet: 'Заказ', row: 14, column: 'E' }, { value: 'тридцать', max: 1000000 }),
  finding('order-price-mismatch', 'error', { file: 'school.xlsx', sheet: 'Заказ', row: 6, column: 'D' }, { price: '645,53' }),
  finding('order-qty-exceeds-students', 'warning', { file: 'school.xlsx', sheet: 'Заказ', row: 6, column: 'D' }, { grade: 5 }, { expected: 29, actual: 31 }),
  finding('order-item-not-in-fpu', 'warning', { file: 'school.xlsx', sheet: 'Заказ', row: 5, column: 'B' }, { title: 'Учебник 5' }),
  // inside the merged A16:C16: marks the merge's first cell
  finding('order-total-mismatch', 'error', { file: 'school.xlsx', sheet: 'Заказ', row: 16, column: 'B' }),
  finding('order-duplicate-line', 'error', { file: 'school.xlsx', sheet: 'Заказ', row: 9 }, { first: 8 }),
  finding('order-empty', 'warning', { file: 'school.xlsx' }),
];

describe('annotated copy of an xlsx', () => {
  let source: string;
  let out: string;
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    source = path.join(dir, 'school.xlsx');
    await schoolOrder(source);
    out = path.join(dir, 'checked', 'school.checked.xlsx');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const started = performance.now();
    await writeAnnotatedCopy({ source, format: 'xlsx', out, findings: FINDINGS, lang: 'ru' });
    console.info(`annotated copy of a small workbook: ${(performance.now() - started).toFixed(0)} ms`);
    wb = await readBack(out);
    ws = wb.getWorksheet('Заказ')!;
  });

  it('fills each finding cell red (errors) or yellow (warnings); a cell with both is red', () => {
    expect(argb(ws.getCell('E14'))).toBe(RED);
    expect(argb(ws.getCell('D6'))).toBe(RED);
    expect(argb(ws.getCell('B5'))).toBe(YELLOW);
    expect(argb(ws.getCell('A16'))).toBe(RED);
  });

  it('keeps the school’s formatting: font and number format of the marked cell, cells sharing its style untouched', () => {
    expect(ws.getCell('D6').font).toMatchObject({ bold: true });
    expect(ws.getCell('D6').numFmt).toBe('#,##0.00 "₽"');
    expect(argb(ws.getCell('D7'))).toBeUndefined();
    expect(ws.getCell('D7').font).toMatchObject({ bold: true });
    expect(argb(ws.getCell('E13'))).toBe(PALE_BLUE);
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell('E14').value).toBe('тридцать');
    expect(wb.getWorksheet('Пояснения')!.getCell('A1').value).toBe('Без пояснений');
  });

  it('comments each marked cell: one comment for several findings, the school’s own comment kept under it', () => {
    const one = noteTexts(ws.getCell('E14'));
    expect(one[0]).toBe('uchebnik:');
    expect(one.join('')).toContain(message(FINDINGS[0]!));
    const two = noteTexts(ws.getCell('D6')).join('');
    expect(two.match(/\n• /g)).toHaveLength(2);
    expect(two).toContain(message(FINDINGS[1]!));
    expect(two).toContain(message(FINDINGS[2]!));
    expect(noteTexts(ws.getCell('B5')).join('')).toContain('Уточнить у завуча');
    expect(noteTexts(ws.getCell('D7'))).toEqual([]);
  });

  it('lists every finding on a findings sheet, with links to the cells, sorted by row', async () => {
    const sheets = findingsSheets(wb, ['Заказ', 'Пояснения']);
    expect(sheets).toHaveLength(1);
    const list = sheets[0]!;
    expect(list.rowCount).toBe(FINDINGS.length + 1);
    const codes = [];
    for (let r = 2; r <= list.rowCount; r++) codes.push(list.getCell(`D${r}`).value);
    expect(codes).toEqual([
      'order-empty',
      'order-item-not-in-fpu',
      'order-price-mismatch',
      'order-qty-exceeds-students',
      'order-duplicate-line',
      'order-qty-invalid',
      'order-total-mismatch',
    ]);
    expect(list.getCell('A2').value).toBe(1);
    expect(list.getCell('B2').value).toBeNull();
    expect(list.getCell('C2').value).toBeNull();
    expect(list.getCell('B7').value).toBe('Заказ');
    expect(list.getCell('C7').formula).toBe(`HYPERLINK("#'Заказ'!E14","E14")`);
    // a finding on a whole row links to its first cell
    expect(list.getCell('C6').formula).toMatch(/^HYPERLINK\("#'Заказ'!A9",/);
    expect(list.getCell('C8').formula).toBe(`HYPERLINK("#'Заказ'!B16","B16")`);
    expect(argb(list.getCell('E7'))).toBe(RED);
    expect(argb(list.getCell('E2'))).toBe(YELLOW);
    expect(list.getCell('F7').value).toBe(message(FINDINGS[0]!));

    // the reader sees the link's text as the cell value
    const book = await openWorkbook(out);
    const rows: SheetRow[] = [];
    for await (const row of (await book.sheet(list.name)).rows()) rows.push(row);
    await book.close();
    expect(rows.find((r) => r.row === 7)!.cells[2]!.value).toBe('E14');
  });

  it('re-annotating the copy replaces the findings sheet and undoes marks of findings that are gone', async () => {
    const again = path.join(dir, 'checked', 'school.checked-2.xlsx');
    const fewer = [FINDINGS[0]!, finding('order-grade-mismatch', 'warning', { sheet: 'Заказ', row: 10, column: 'C' }, { grade: 5 })];
    await writeAnnotatedCopy({ source: out, format: 'xlsx', out: again, findings: fewer, lang: 'ru' });
    const wb2 = await readBack(again);
    const ws2 = wb2.getWorksheet('Заказ')!;
    expect(findingsSheets(wb2, ['Заказ', 'Пояснения'])).toHaveLength(1);
    expect(findingsSheets(wb2, ['Заказ', 'Пояснения'])[0]!.rowCount).toBe(3);
    expect(wb2.worksheets.filter((s) => s.name === ANNOTATION_STATE_SHEET)).toHaveLength(1);
    // still flagged
    expect(argb(ws2.getCell('E14'))).toBe(RED);
    expect(noteTexts(ws2.getCell('E14'))[0]).toBe('uchebnik:');
    expect(argb(ws2.getCell('C10'))).toBe(YELLOW);
    // no longer flagged: the school's own fill and comment are back, ours are gone
    expect(argb(ws2.getCell('D6'))).toBeUndefined();
    expect(ws2.getCell('D6').font).toMatchObject({ bold: true });
    expect(noteTexts(ws2.getCell('D6'))).toEqual([]);
    expect(noteTexts(ws2.getCell('B5'))).toEqual(['Уточнить у завуча']);
    expect(argb(ws2.getCell('B5'))).toBeUndefined();
  });

  it('recognises its findings sheet by the header when the hidden record was lost', async () => {
    const stripped = path.join(dir, 'stripped.xlsx');
    const wb1 = await readBack(out);
    wb1.removeWorksheet(wb1.getWorksheet(ANNOTATION_STATE_SHEET)!.id);
    await wb1.xlsx.writeFile(stripped);
    const again = path.join(dir, 'checked', 'stripped.checked.xlsx');
    await writeAnnotatedCopy({ source: stripped, format: 'xlsx', out: again, findings: FINDINGS.slice(0, 2), lang: 'ru' });
    expect(findingsSheets(await readBack(again), ['Заказ', 'Пояснения'])).toHaveLength(1);
  });

  it('keeps a sheet of the school’s own that has the findings sheet’s name', async () => {
    const name = t('ru', 'writer.findings-sheet');
    const own = path.join(dir, 'own-sheet.xlsx');
    const wb1 = new ExcelJS.Workbook();
    wb1.addWorksheet('Заказ').getCell('A1').value = 'x';
    wb1.addWorksheet(name).getCell('A1').value = 'Замечания директора';
    await wb1.xlsx.writeFile(own);
    const copy = path.join(dir, 'checked', 'own-sheet.checked.xlsx');
    await writeAnnotatedCopy({ source: own, format: 'xlsx', out: copy, findings: [FINDINGS[0]!], lang: 'ru' });
    const back = await readBack(copy);
    expect(back.getWorksheet(name)!.getCell('A1').value).toBe('Замечания директора');
    expect(back.getWorksheet(`${name} (2)`)).toBeDefined();
    expect(writer['writer.findings-sheet']!.ru).toBe('Замечания');
  });

  it('refuses to overwrite the checked file and reports a file exceljs cannot open as an input error', async () => {
    await expect(writeAnnotatedCopy({ source, format: 'xlsx', out: source, findings: [], lang: 'ru' })).rejects.toBeInstanceOf(UsageError);
    const broken = path.join(dir, 'broken.xlsx');
    fs.writeFileSync(broken, 'PK\u0003\u0004 not really a zip');
    await expect(writeAnnotatedCopy({ source: broken, format: 'xlsx', out: path.join(dir, 'x.xlsx'), findings: [], lang: 'ru' })).rejects.toBeInstanceOf(InputError);
    expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  });

  it.runIf(SOFFICE)('annotates an .ods source through LibreOffice, as the reader reads it', async () => {
    // test/support/files/school-order.ods: this file's schoolOrder() converted by LibreOffice 7.4
    // (`soffice --convert-to ods`), kept rather than made on each run: a LibreOffice start costs ≈5 s
    // on the 2-core machine, and the annotated copy converts it once more.
    const odsDir = path.join(dir, 'ods');
    fs.mkdirSync(odsDir);
    const ods = path.join(odsDir, 'school.ods');
    fs.copyFileSync(fileURLToPath(new URL('../../support/files/school-order.ods', import.meta.url)), ods);
    const copy = path.join(dir, 'checked', 'school-ods.checked.xlsx');
    await writeAnnotatedCopy({ source: ods, format: 'xlsx', out: copy, findings: [FINDINGS[0]!], lang: 'ru' });
    const back = await readBack(copy);
    expect(back.getWorksheet('Заказ')!.getCell('E14').value).toBe('тридцать');
    expect(argb(back.getWorksheet('Заказ')!.getCell('E14'))).toBe(RED);
    expect(findingsSheets(back, ['Заказ', 'Пояснения'])).toHaveLength(1);
  });
});

describe('annotated copy of an order template', () => {
  it('keeps the hidden data sheet intact and is fast on a large form', async () => {
    const items: CatalogueItem[] = [];
    for (let i = 0; i < 2000; i++) {
      const from = 1 + (i % 11);
      items.push({ key: `c:${i}`, publisher: 'Просвещение', item_code: String(100000 + i), authors: 'Петров П.П.', title: `Учебник № ${i}`, grade_from: from, grade_to: Math.min(11, from + (i % 3)), price_kopecks: 30000 + i, vat_rate: 10 });
    }
    const template = path.join(dir, '0412.xlsx');
    await writeOrderTemplate(template, {
      school: { code: '0412', short_name: 'СОШ № 12', full_name: 'МБОУ СОШ № 12', municipality: '04' },
      municipalityName: 'Глазовский район',
      campaign: { id: '2019-udm', year: 2019, region: 'Удмуртская Республика' },
      items,
      lang: 'ru',
    });
    const findings: Finding[] = [];
    for (let r = 6; r < 3000; r += 60) findings.push(finding('order-qty-invalid', 'error', { sheet: 'Заказ', row: r, column: 'I' }, { value: '-1' }));
    const out = path.join(dir, 'checked', '0412.checked.xlsx');
    const started = performance.now();
    await writeAnnotatedCopy({ source: template, format: 'xlsx', out, findings, lang: 'ru' });
    const ms = performance.now() - started;
    console.info(`annotated copy of a 3,758-row template with ${findings.length} findings: ${ms.toFixed(0)} ms`);
    // ≈0.7 s on an idle 2-core machine: exceljs reads and rewrites the whole workbook
    expect(ms).toBeLessThan(20_000);

    const wb = await readBack(out);
    const ws = wb.getWorksheet('Заказ')!;
    expect(argb(ws.getCell('I6'))).toBe(RED);
    expect(ws.getCell('I7').dataValidation).toMatchObject({ type: 'whole' });
    expect(wb.getWorksheet(DATA_SHEET_NAME)!.state).toBe('veryHidden');
    expect(wb.getWorksheet(ANNOTATION_STATE_SHEET)!.state).toBe('veryHidden');

    const book = await openWorkbook(out);
    expect(book.sheets.filter((s) => !s.hidden).map((s) => s.name)[0]).toBe('Заказ');
    const rows: SheetRow[] = [];
    for await (const row of (await book.sheet(DATA_SHEET_NAME)).rows()) rows.push(row);
    await book.close();
    expect(readDataSheet(rows)!.checksumOk).toBe(true);
  });
});

describe('annotated copy of a CSV', () => {
  // rows as the reader gives them: line numbers, a record spanning two lines (so line 4 is absent)
  const rows: SheetRow[] = [
    { row: 1, cells: [{ value: 'Код ОО' }, { value: 'Наименование учебника' }, { value: 'Класс' }, { value: 'Цена, руб.' }, { value: 'Количество' }] },
    { row: 2, cells: [{ value: '0412' }, { value: 'Азбука' }, { value: '1' }, { value: '243,98' }, { value: '30' }] },
    { row: 3, cells: [{ value: '0412' }, { value: 'Русский язык\n5 класс' }, { value: '5' }, { value: '645,53' }, { value: '-2' }] },
    { row: 5, cells: [{ value: '0412' }, { value: 'Математика' }, undefined, { value: '700' }, { value: '1,5' }] },
  ];
  const findings: Finding[] = [
    finding('order-qty-invalid', 'error', { file: 'order.csv', sheet: 'order', row: 3, column: 'E' }, { value: '-2' }),
    finding('order-qty-invalid', 'error', { file: 'order.csv', sheet: 'order', row: 5, column: 'E' }, { value: '1,5' }),
    finding('order-grade-mismatch', 'warning', { file: 'order.csv', sheet: 'order', row: 5, column: 'C' }),
  ];

  it('puts the rows at their line numbers and columns, so the findings’ addresses hold', async () => {
    const source = path.join(dir, 'order.csv');
    fs.writeFileSync(source, 'unused: the rows are given');
    const out = path.join(dir, 'checked', 'order.checked.xlsx');
    await writeAnnotatedCopy({ source, format: 'csv', out, findings, lang: 'ru', csvRows: rows });
    const wb = await readBack(out);
    const ws = wb.getWorksheet('order')!;
    expect(ws.getCell('B3').value).toBe('Русский язык\n5 класс');
    expect(ws.getCell('E5').value).toBe('1,5');
    expect(ws.getCell('A4').value).toBeNull();
    expect(ws.getCell('A2').value).toBe('0412');
    expect(argb(ws.getCell('E3'))).toBe(RED);
    expect(argb(ws.getCell('C5'))).toBe(YELLOW);
    expect(noteTexts(ws.getCell('E5'))[0]).toBe('uchebnik:');
    const list = findingsSheets(wb, ['order'])[0]!;
    expect(list.rowCount).toBe(4);
    expect(list.getCell('C2').formula).toBe(`HYPERLINK("#'order'!E3","E3")`);
    expect(wb.getWorksheet(ANNOTATION_STATE_SHEET)).toBeUndefined();
  });

  it('reads the CSV itself when the rows are not given, and names the sheet within Excel’s rules', async () => {
    const source = path.join(dir, 'заказ [школа 0412] от 01.02.2019 — окончательный.csv');
    fs.writeFileSync(source, 'Класс;Количество\r\n5;-2\r\n');
    const out = path.join(dir, 'checked', 'long.checked.xlsx');
    await writeAnnotatedCopy({
      source,
      format: 'csv',
      out,
      findings: [finding('order-qty-invalid', 'error', { sheet: path.basename(source, '.csv'), row: 2, column: 'B' })],
      lang: 'en',
    });
    const wb = await readBack(out);
    const data = wb.worksheets.find((s) => s.getCell('A1').value === 'Класс')!;
    expect(data.name.length).toBeLessThanOrEqual(31);
    expect(data.name).not.toMatch(/[[\]:*?/\\]/);
    expect(data.getCell('B2').value).toBe('-2');
    expect(argb(data.getCell('B2'))).toBe(RED);
  });
});
