import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { hasMessage, t } from '../../../src/core/i18n/index.js';
import { openXlsx } from '../../../src/io/sheets/xlsx-read.js';
import { shiftFormula } from '../../../src/io/sheets/xml-scan.js';
import { isDateFormatCode } from '../../../src/io/sheets/xlsx-styles.js';
import type { Merge, OpenOptions, SheetCell, SheetHandle, SheetRow } from '../../../src/io/sheets/types.js';
import * as fx from '../../support/xlsx-fixtures.js';
import { rezip, unzip } from '../../fuzz/support/zip.js';

let dir: string;
beforeAll(() => {
  dir = fx.tempDir();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function read(
  file: string,
  which?: string | number,
  opts?: OpenOptions,
): Promise<{ sheet: SheetHandle; rows: SheetRow[]; byRow: Map<number, SheetRow> }> {
  const wb = await openXlsx(file, opts);
  try {
    const sheet = await wb.sheet(which);
    const rows: SheetRow[] = [];
    for await (const row of sheet.rows()) rows.push(row);
    return { sheet, rows, byRow: new Map(rows.map((r) => [r.row, r])) };
  } finally {
    await wb.close();
  }
}

function cell(rows: Map<number, SheetRow>, ref: string): SheetCell | undefined {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return rows.get(Number(m[2]))?.cells[col - 1];
}

/** The InputError a promise rejects with (fails the test when it resolves or throws anything else). */
async function refusal(promise: Promise<unknown>): Promise<InputError> {
  let result: unknown;
  try {
    result = await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(hasMessage(e.key), `catalogue entry for ${e.key}`).toBe(true);
    expect(t('ru', e.key, e.params)).not.toMatch(/\{\w+\}/);
    expect(t('en', e.key, e.params)).not.toMatch(/\{\w+\}/);
    return e;
  }
  throw new Error(`expected an InputError, got ${JSON.stringify(result)}`);
}

async function iterate(file: string, which?: string | number, opts?: OpenOptions): Promise<void> {
  await read(file, which, opts);
}

/** The two ways a package is read (src/io/sheets/zip.ts): whole, with one read and one inflate a part, and streamed. */
const MODES: [string, OpenOptions][] = [
  ['read whole', {}],
  ['streamed', { readWholeUpTo: 0 }],
];

describe.each(MODES)('cyrillic-chunk-boundary regression: Cyrillic split between inflated chunks reads back exactly (docs/library-pitfalls.md#p1, exceljs #2063/#2084/#2316), %s', (_, mode) => {
  function mismatches(written: (string | number)[][], rows: SheetRow[]): string[] {
    const out: string[] = [];
    written.forEach((expected, i) => {
      const got = rows[i]?.cells.map((c) => c?.value);
      if (rows[i]?.row !== i + 1 || JSON.stringify(got) !== JSON.stringify(expected)) {
        out.push(`row ${i + 1}: ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)}`);
      }
    });
    return out.slice(0, 5);
  }

  it('20,000 rows of Cyrillic shared strings written by exceljs: every cell as written', async () => {
    const written = await fx.cyrillicChunkBoundaryShared(dir);
    const { rows } = await read(written.file, undefined, mode);
    expect(rows).toHaveLength(20_000);
    expect(mismatches(written.rows, rows)).toEqual([]);
    const publishers = new Set(rows.map((r) => r.cells[0]?.value));
    expect([...publishers].sort()).toEqual([...fx.PUBLISHERS].sort());
  });

  it('long Cyrillic inline strings in the sheet part: every cell as written', async () => {
    const written = fx.cyrillicChunkBoundaryInline(dir);
    const { rows } = await read(written.file, undefined, mode);
    expect(rows).toHaveLength(written.rows.length);
    expect(mismatches(written.rows, rows)).toEqual([]);
  });

  it('stored shared strings read in fixed chunks, each boundary inside a two-byte letter', async () => {
    const written = fx.cyrillicChunkBoundaryStored(dir);
    // the fixture really splits letters at the usual chunk sizes: these bytes are continuation bytes
    for (const boundary of [16384, 65536, 131072]) expect(written.sst[boundary]! & 0xc0).toBe(0x80);
    const { rows } = await read(written.file, undefined, mode);
    expect(mismatches(written.rows, rows)).toEqual([]);
  });
});

describe('cell values', () => {
  it('reads numbers as raw doubles, booleans, errors, formula strings and inline strings', async () => {
    const file = fx.writeWorkbook(dir, 'value-types.xlsx', {
      sheets: [
        {
          name: 'Лист1',
          rows:
            '<row r="1">' +
            '<c r="A1"><v>243.98000000000002</v></c>' +
            '<c r="B1" t="b"><v>1</v></c><c r="C1" t="b"><v>0</v></c>' +
            '<c r="D1" t="e"><v>#DIV/0!</v></c>' +
            '<c r="E1" t="str"><f>A1&amp;"р."</f><v>243.98р.</v></c>' +
            '<c r="F1" t="n"><v>-1.5E-3</v></c>' +
            fx.inlineCell('G1', '  Учебник  ') +
            '<c r="H1" t="s"><v>0</v></c>' +
            '<c r="I1"><v>12292113944.179714</v></c>' +
            '</row>',
        },
      ],
      sharedStrings: ['Просвещение'],
    });
    const { byRow } = await read(file);
    expect(byRow.get(1)!.cells).toEqual([
      { value: 243.98000000000002 },
      { value: true },
      { value: false },
      { value: null, error: '#DIV/0!' },
      { value: '243.98р.', formula: 'A1&"р."' },
      { value: -0.0015 },
      { value: '  Учебник  ' },
      { value: 'Просвещение' },
      { value: 12292113944.179714 },
    ]);
  });

  it('a numeric cell whose text is no spreadsheet number («0x10», «Infinity», «NaN») stays text, never 16 or NaN', async () => {
    const file = fx.writeWorkbook(dir, 'not-numbers.xlsx', {
      sheets: [{ name: 'Лист1', rows: '<row r="1"><c r="A1"><v>0x10</v></c><c r="B1"><v>Infinity</v></c><c r="C1"><v>NaN</v></c><c r="D1"><v>1e3</v></c><c r="E1"><v> 12 </v></c></row>' }],
    });
    const { byRow } = await read(file);
    expect(byRow.get(1)!.cells).toEqual([{ value: '0x10' }, { value: 'Infinity' }, { value: 'NaN' }, { value: 1000 }, { value: ' 12 ' }]);
  });

  it('joins rich-text runs and leaves out phonetic runs', async () => {
    const file = fx.writeWorkbook(dir, 'rich-text.xlsx', {
      sheets: [
        {
          name: 'Лист1',
          rows:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
            '<c r="D1" t="inlineStr"><is><r><t>H</t></r><r><rPr><vertAlign val="subscript"/></rPr><t>2</t></r><r><t>O</t></r></is></c></row>',
        },
      ],
      sharedStringItems: [
        '<si><r><rPr><b/><sz val="11"/></rPr><t>Рус</t></r><r><rPr><i/></rPr><t xml:space="preserve">ское слово </t></r><r><t>— учебник</t></r></si>',
        '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
        '<si><t/></si>',
      ],
    });
    const { byRow } = await read(file);
    expect(byRow.get(1)!.cells.map((c) => c?.value)).toEqual(['Русское слово — учебник', '漢字', '', 'H2O']);
  });

  it('decodes entities, character references, line breaks and _xHHHH_ escapes', async () => {
    const file = fx.writeWorkbook(dir, 'entities-and-line-breaks.xlsx', {
      sheets: [
        {
          name: 'Цены & скидки',
          rows:
            '<row r="1">' +
            '<c r="A1" t="inlineStr"><is><t>Цена с НДС,&#10;руб.</t></is></c>' +
            '<c r="B1" t="inlineStr"><is><t>&lt;&gt; &amp; &quot;Дрофа&quot; &apos;&#x416;&#1046;</t></is></c>' +
            '<c r="C1" t="s"><v>0</v></c>' +
            '<c r="D1" t="inlineStr"><is><t>строка\r\nвторая</t></is></c>' +
            '<c r="E1" t="inlineStr"><is><t>&amp;amp; &unknown;</t></is></c>' +
            '</row>',
        },
      ],
      sharedStringItems: ['<si><t>Итого_x000D_\nвсего _x005F_x000D_</t></si>'],
    });
    const wb = await openXlsx(file);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Цены & скидки']);
    await wb.close();
    const { byRow } = await read(file);
    expect(byRow.get(1)!.cells.map((c) => c?.value)).toEqual([
      'Цена с НДС,\nруб.',
      '<> & "Дрофа" \'ЖЖ',
      'Итого\r\nвсего _x000D_',
      'строка\nвторая',
      '&amp; &unknown;',
    ]);
  });

  it('reads element names with a namespace prefix, as .NET writers make them', async () => {
    const file = fx.writeWorkbook(dir, 'namespace-prefix.xlsx', {
      prefix: 'x',
      sheets: [{ name: 'Лист1', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45691</v></c></row>', after: '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>' }],
      sharedStrings: ['Просвещение'],
      cellXfs: [0, 14],
    });
    const { rows, sheet } = await read(file);
    expect(rows[0]!.cells).toEqual([{ value: 'Просвещение' }, { value: 45691, date: true }]);
    expect(sheet.merges).toEqual([{ top: 1, bottom: 1, left: 0, right: 1 }]);
  });
});

describe('formulas', () => {
  it('keeps the cached result, null when the file stored none, and moves shared formulas to each cell', async () => {
    const file = fx.writeWorkbook(dir, 'formulas-cached-missing-shared.xlsx', {
      sheets: [
        {
          name: 'Лист1',
          rows:
            '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>10</v></c></row>' +
            '<row r="2"><c r="A2"><v>2</v></c><c r="C2"><f>SUM(A1:A2)</f><v>3</v></c><c r="D2"><f>SUM(A1:A2)</f></c>' +
            '<c r="E2"><f t="shared" ref="E2:F4" si="0">A2*$B$1+SUM(A$1:A2)&amp;"A1"</f><v>23</v></c>' +
            '<c r="F2"><f t="shared" si="0"/><v>0</v></c></row>' +
            '<row r="3"><c r="E3"><f t="shared" si="0"/><v>33</v></c><c r="F3"><f t="shared" si="0"/></c></row>' +
            '<row r="4"><c r="M4"><f t="shared" si="7"/><v>5</v></c></row>',
        },
      ],
    });
    const { byRow } = await read(file);
    expect(cell(byRow, 'C2')).toEqual({ value: 3, formula: 'SUM(A1:A2)' });
    expect(cell(byRow, 'D2')).toEqual({ value: null, formula: 'SUM(A1:A2)' });
    expect(cell(byRow, 'E2')).toEqual({ value: 23, formula: 'A2*$B$1+SUM(A$1:A2)&"A1"' });
    expect(cell(byRow, 'F2')).toEqual({ value: 0, formula: 'B2*$B$1+SUM(B$1:B2)&"A1"' });
    expect(cell(byRow, 'E3')).toEqual({ value: 33, formula: 'A3*$B$1+SUM(A$1:A3)&"A1"' });
    expect(cell(byRow, 'F3')).toEqual({ value: null, formula: 'B3*$B$1+SUM(B$1:B3)&"A1"' });
    // a shared-formula cell whose master is unknown keeps its value and has no formula
    expect(cell(byRow, 'M4')).toEqual({ value: 5 });
  });

  it.each([
    ['SUM(O11:BS11)', 1, 0, 'SUM(O12:BS12)'],
    ['A1+$A1+A$1+$A$1', 2, 3, 'D3+$A3+D$1+$A$1'],
    ['LOG10(A1)+ATAN2(B2,C3)', 1, 1, 'LOG10(B2)+ATAN2(C3,D4)'],
    ['\'Лист 1\'!B2+Лист2!C3+"B2"', 1, 0, '\'Лист 1\'!B3+Лист2!C4+"B2"'],
    ['SUM(A:A)+SUM($B:C)+SUM(2:3)', 1, 1, 'SUM(B:B)+SUM($B:D)+SUM(3:4)'],
    ['Table1[[#This Row],[B1]]*2', 1, 0, 'Table1[[#This Row],[B1]]*2'],
    ['#REF!+TRUE', 5, 5, '#REF!+TRUE'],
  ])('shiftFormula(%j, %i, %i) = %j', (formula, dRow, dCol, expected) => {
    expect(shiftFormula(formula, dRow, dCol)).toBe(expected);
  });

  it('gives no formula when a moved reference would fall off the sheet', () => {
    expect(shiftFormula('A1+1', -1, 0)).toBeUndefined();
    expect(shiftFormula('XFD1', 0, 1)).toBeUndefined();
  });
});

describe('dates', () => {
  it.each([
    ['dd.mm.yyyy', true],
    ['[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy', true],
    ['[h]:mm:ss', true],
    ['mm:ss.0', true],
    ['DD/MM/YY', true],
    ['#,##0.00\\ "руб."', false],
    ['0 "дней"', false],
    ['[Red]#,##0;[Blue]-#,##0', false],
    ['_-* #,##0.00\\ _₽_-;\\-* #,##0.00\\ _₽_-;_-* "-"??\\ _₽_-;_-@_-', false],
    ['General', false],
    ['0.00E+00', false],
    ['@', false],
  ])('format code %j is a date: %s', (code, expected) => {
    expect(isDateFormatCode(code)).toBe(expected);
  });

  it('marks numeric cells with built-in and custom date formats as dates, and no others', async () => {
    const file = fx.writeWorkbook(dir, 'date-formats.xlsx', {
      numFmts: [
        { id: 164, code: 'dd/mm/yyyy;@' },
        { id: 165, code: '#,##0.00\\ "руб."' },
        { id: 14, code: '0.00' }, // a workbook may redefine a built-in id: its code wins
      ],
      cellXfs: [0, 22, 164, 165, 4, 14, 47],
      sheets: [
        {
          name: 'Лист1',
          rows:
            '<row r="1"><c r="A1" s="1"><v>45691.5</v></c><c r="B1" s="2"><v>45691</v></c><c r="C1" s="3"><v>45691</v></c>' +
            '<c r="D1" s="4"><v>45691</v></c><c r="E1" s="5"><v>45691</v></c><c r="F1" s="6"><v>0.5</v></c>' +
            '<c r="G1" s="2" t="inlineStr"><is><t>01.02.2025</t></is></c><c r="H1" t="d"><v>2025-02-03T12:00:00</v></c>' +
            '<c r="I1" s="2"><f>TODAY()</f><v>45700</v></c></row>',
        },
      ],
    });
    const { byRow } = await read(file);
    expect(byRow.get(1)!.cells).toEqual([
      { value: 45691.5, date: true },
      { value: 45691, date: true },
      { value: 45691 },
      { value: 45691 },
      { value: 45691 },
      { value: 0.5, date: true },
      { value: '01.02.2025' },
      { value: 45691.5, date: true },
      { value: 45700, date: true, formula: 'TODAY()' },
    ]);
  });

  it('shifts date serials of a 1904-system workbook to the 1900 system, and leaves other numbers', async () => {
    const file = fx.writeWorkbook(dir, 'date1904.xlsx', {
      date1904: true,
      cellXfs: [0, 14],
      sheets: [{ name: 'Лист1', rows: '<row r="1"><c r="A1" s="1"><v>44229</v></c><c r="B1"><v>44229</v></c></row>' }],
    });
    const { byRow } = await read(file);
    // 2025-02-03 is 44229 in the 1904 system and 45691 in the 1900 system
    expect(byRow.get(1)!.cells).toEqual([{ value: 45691, date: true }, { value: 44229 }]);
  });
});

describe('layout', () => {
  it('keeps row numbers across skipped rows, places cells by reference and numbers cells without one in sequence', async () => {
    const file = fx.writeWorkbook(dir, 'sparse-rows-missing-refs.xlsx', {
      sheets: [
        {
          name: 'Лист1',
          rows:
            '<row r="2" spans="1:4" ht="30" customHeight="1"><c r="B2"><v>1</v></c><c r="D2" s="0"><v>2</v></c></row>' +
            '<row r="5"><c r="A5" s="3"/><c r="C5"><v>3</v></c></row>' +
            '<row><c><v>4</v></c><c><v>5</v></c></row>' +
            '<row r="8"/>' +
            '<row r="9" ht="12"><c r="A9" s="2"/><c r="B9" s="2"/></row>' +
            '<row r="10"><c r="C10" s="1"/><c><v>6</v></c></row>',
        },
      ],
    });
    const { rows, byRow } = await read(file);
    // rows 8 (empty) and 9 (styled but empty cells) hold nothing and are not given
    expect(rows.map((r) => r.row)).toEqual([2, 5, 6, 10]);
    expect(byRow.get(2)!.cells).toEqual([undefined, { value: 1 }, undefined, { value: 2 }]);
    expect(byRow.get(5)!.cells).toEqual([undefined, undefined, { value: 3 }]);
    expect(byRow.get(6)!.cells).toEqual([{ value: 4 }, { value: 5 }]);
    expect(cell(byRow, 'D10')).toEqual({ value: 6 });
  });

  it('knows the merged ranges, a two-row header among them, before the rows are read', async () => {
    const file = fx.writeWorkbook(dir, 'merged-two-row-header.xlsx', {
      sheets: [
        {
          name: 'Заказ',
          rows:
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Сводный заказ</t></is></c><c r="B1" s="1"/></row>' +
            '<row r="2"><c r="A2" t="inlineStr"><is><t>Код</t></is></c><c r="B2" t="inlineStr"><is><t>Получатель №1</t></is></c></row>' +
            '<row r="3"><c r="B3" t="inlineStr"><is><t>Кол-во, шт.</t></is></c><c r="C3" t="inlineStr"><is><t>Стоимость</t></is></c></row>',
          after: '<mergeCells count="3"><mergeCell ref="A1:F1"/><mergeCell ref="A2:A3"/><mergeCell ref="B2:C2"/></mergeCells><pageMargins left="0.7"/>',
        },
      ],
    });
    const wb = await openXlsx(file);
    const sheet = await wb.sheet('Заказ');
    expect(sheet.merges).toEqual([
      { top: 1, bottom: 1, left: 0, right: 5 },
      { top: 2, bottom: 3, left: 0, right: 0 },
      { top: 2, bottom: 2, left: 1, right: 2 },
    ]);
    const rows: SheetRow[] = [];
    for await (const r of sheet.rows()) rows.push(r);
    await wb.close();
    expect(rows.map((r) => r.cells.map((c) => c?.value))).toEqual([
      ['Сводный заказ'],
      ['Код', 'Получатель №1'],
      [undefined, 'Кол-во, шт.', 'Стоимость'],
    ]);
  });

  it('finds merges that stand after megabytes of rows', async () => {
    let rows = '';
    for (let r = 1; r <= 40_000; r++) rows += `<row r="${r}"><c r="A${r}"><v>${r}</v></c>${fx.inlineCell(`B${r}`, 'Издательство «Просвещение»')}</row>`;
    const file = fx.writeWorkbook(dir, 'merges-after-large-sheet.xlsx', {
      sheets: [{ name: 'Лист1', rows, after: '<mergeCells count="1"><mergeCell ref="$C$39999:D40000"/></mergeCells>' }],
    });
    const { sheet, rows: read_ } = await read(file);
    expect(sheet.merges).toEqual([{ top: 39999, bottom: 40000, left: 2, right: 3 }]);
    expect(read_).toHaveLength(40_000);
  });

  it('takes sheet names, order and visibility from the workbook, not from the part names', async () => {
    const file = fx.writeWorkbook(dir, 'sheet-order-hidden-absolute-targets.xlsx', {
      absoluteTargets: true,
      sheets: [
        { name: 'Служебный', state: 'veryHidden', part: 'worksheets/sheet1.xml', rows: '<row r="1"><c r="A1"><v>0</v></c></row>' },
        { name: 'Титул', part: 'worksheets/sheet3.xml', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        { name: 'Заказ', part: 'worksheets/sheet2.xml', rows: '<row r="1"><c r="A1"><v>2</v></c></row>' },
        { name: 'Скрытый', state: 'hidden', part: 'worksheets/sheet4.xml', rows: '<row r="1"><c r="A1"><v>3</v></c></row>' },
      ],
    });
    const wb = await openXlsx(file);
    expect(wb.format).toBe('xlsx');
    expect(wb.sheets).toEqual([
      { name: 'Служебный', index: 0, hidden: true },
      { name: 'Титул', index: 1, hidden: false },
      { name: 'Заказ', index: 2, hidden: false },
      { name: 'Скрытый', index: 3, hidden: true },
    ]);
    await wb.close();
    const value = async (which?: string | number) => (await read(file, which)).rows[0]!.cells[0]!.value;
    expect(await value()).toBe(1); // the first visible sheet
    expect(await value('Заказ')).toBe(2);
    expect(await value('заказ')).toBe(2);
    expect(await value(3)).toBe(3);
    expect(await value(0)).toBe(0);
  });

  it.runIf(fs.existsSync('/proc/self/fd'))('close() releases the file, also after an iteration stopped early', async () => {
    const file = fx.numberedRows(dir, 20_000, 'close-releases-file.xlsx');
    const openFiles = () => fs.readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false;
      }
    }).length;
    const wb = await openXlsx(file, { readWholeUpTo: 0 });
    expect(openFiles()).toBe(1);
    const sheet = await wb.sheet();
    for await (const row of sheet.rows()) if (row.row === 3) break;
    await wb.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(openFiles()).toBe(0);
    // read whole, the file is not kept open at all
    const whole = await openXlsx(file);
    expect(openFiles()).toBe(0);
    await whole.close();
  });

  it('refuses an unknown sheet, listing the sheets there are', async () => {
    const file = fx.writeWorkbook(dir, 'unknown-sheet.xlsx', fx.simpleSpec());
    const wb = await openXlsx(file, { displayName: 'incoming/школа.xlsx' });
    const e = await refusal(wb.sheet('Заказ'));
    expect(e.key).toBe('reader.sheet-not-found');
    expect(e.params).toMatchObject({ file: 'incoming/школа.xlsx', sheet: 'Заказ', sheets: '«Лист1»' });
    expect((await refusal(wb.sheet(5))).key).toBe('reader.sheet-not-found');
    await wb.close();
  });
});

describe.each(MODES)('broken files are refused with a reason and the file named, %s', (_mode, mode) => {
  it.each([
    ['an empty file', fx.emptyFile, 'reader.empty'],
    ['random bytes named .xlsx', fx.randomBytesXlsx, 'reader.corrupt'],
    ['the first half of a good xlsx', fx.truncatedXlsx, 'reader.corrupt'],
    ['a zip that is not a workbook', fx.zipNotWorkbook, 'reader.not-xlsx'],
    ['Windows-1251 bytes in the shared strings', fx.invalidUtf8, 'reader.corrupt'],
  ])('%s', async (_, build, key) => {
    const file = build(dir);
    const e = await refusal(openXlsx(file, mode));
    expect(e.key).toBe(key);
    expect(e.params.file).toBe(file);
    expect(t('ru', e.key, e.params)).toContain(file);
  });

  it.each([
    ['a damaged deflate stream', fx.badDeflate],
    ['a CRC that does not match', fx.crcMismatch],
  ])('%s in the sheet part', async (_, build) => {
    const file = build(dir);
    const wb = await openXlsx(file, { ...mode, displayName: 'школа-0412.xlsx' });
    const e = await refusal(wb.sheet());
    await wb.close();
    expect(e.key).toBe('reader.corrupt');
    expect(e.params.file).toBe('школа-0412.xlsx');
    expect(String(e.params.detail)).toContain('xl/worksheets/sheet1.xml');
  });

  it('a package with two entries of one name (a second sheet1.xml) is ambiguous and refused', async () => {
    const good = fx.writeWorkbook(dir, 'one-sheet.xlsx', { sheets: [{ name: 'Лист1', rows: '<row r="1"><c r="A1"><v>100</v></c></row>' }] });
    const parts = unzip(fs.readFileSync(good));
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    const twice = path.join(dir, 'two-sheet1.xlsx');
    fs.writeFileSync(twice, rezip([...parts, { name: sheet.name, data: Buffer.from(sheet.data.toString('utf8').replace('<v>100</v>', '<v>1</v>')) }]));
    await expect(iterate(good, undefined, mode)).resolves.toBeUndefined();
    const e = await refusal(openXlsx(twice, { ...mode, displayName: 'прайс.xlsx' }));
    expect(e.key).toBe('reader.corrupt');
    expect(e.params.file).toBe('прайс.xlsx');
    expect(String(e.params.detail)).toContain('two entries named xl/worksheets/sheet1.xml');
  });

  it('a shared-string index past the end of the table', async () => {
    const file = fx.writeWorkbook(dir, 'shared-string-out-of-range.xlsx', {
      sheets: [{ name: 'Лист1', rows: '<row r="1"><c r="A1" t="s"><v>7</v></c></row>' }],
      sharedStrings: ['один'],
    });
    const e = await refusal(iterate(file, undefined, mode));
    expect(e.key).toBe('reader.corrupt');
    expect(String(e.params.detail)).toMatch(/A1.*shared string 7/);
  });

  it('zip-bomb: a part declared at 520 MiB is refused before anything is inflated', async () => {
    const file = fx.zipBomb(dir);
    expect(fs.statSync(file).size).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const e = await refusal(openXlsx(file, mode));
    expect(performance.now() - started).toBeLessThan(500);
    expect(e.key).toBe('reader.zip-bomb');
    expect(e.params).toMatchObject({ file, limit: '500' });
  });

  it('a package that unpacks to more than 100 times its size is refused before inflating', async () => {
    const file = fx.zipBomb(dir);
    const e = await refusal(openXlsx(file, { ...mode, limits: { maxUnpackedBytes: 2 ** 40 } }));
    expect(e.key).toBe('reader.zip-ratio');
    expect(e.params).toMatchObject({ file, limit: 100 });
    expect(Number(e.params.ratio)).toBeGreaterThan(100);
  });

  it('lying-central-directory: inflated bytes are counted and the part is stopped at the limit', async () => {
    const file = fx.lyingCentralDirectory(dir);
    const wb = await openXlsx(file, { ...mode, limits: { maxUnpackedBytes: 1024 * 1024 } });
    const e = await refusal(wb.sheet());
    await wb.close();
    expect(e.key).toBe('reader.zip-bomb');
    expect(e.params).toMatchObject({ file, limit: '1' });
  });

  it('lying-central-directory within the limits: the size mismatch is damage', async () => {
    const file = fx.lyingCentralDirectory(dir);
    const wb = await openXlsx(file, mode);
    const e = await refusal(wb.sheet());
    await wb.close();
    expect(e.key).toBe('reader.corrupt');
    expect(String(e.params.detail)).toMatch(/unpacked.*2000/);
  });

  it('too-many-rows: counted while streaming, the limit itself allowed', async () => {
    const file = fx.numberedRows(dir, 50);
    await expect(iterate(file, undefined, { ...mode, limits: { maxRows: 50 } })).resolves.toBeUndefined();
    const e = await refusal(iterate(file, undefined, { ...mode, limits: { maxRows: 10 }, displayName: 'big.xlsx' }));
    expect(e.key).toBe('reader.too-many-rows');
    expect(e.params).toEqual({ file: 'big.xlsx', sheet: 'Лист1', limit: 10 });
  });

  it('a file over the size limit is refused before it is opened', async () => {
    const file = fx.writeWorkbook(dir, 'over-size-limit.xlsx', fx.simpleSpec());
    const e = await refusal(openXlsx(file, { ...mode, limits: { maxFileBytes: 100 } }));
    expect(e.key).toBe('reader.too-large');
    expect(e.params.file).toBe(file);
  });
});

describe('a package read whole gives exactly what the streaming reader gives (src/io/sheets/zip.ts)', () => {
  type Outcome = { refused: { key: string; params: unknown } } | { sheets: { merges: Merge[]; rows: SheetRow[] }[] };

  /** Every sheet's merges and rows, or the refusal. */
  async function outcome(file: string, mode: OpenOptions): Promise<Outcome> {
    try {
      const wb = await openXlsx(file, mode);
      try {
        const sheets: { merges: Merge[]; rows: SheetRow[] }[] = [];
        for (const info of wb.sheets) {
          const sheet = await wb.sheet(info.index);
          const rows: SheetRow[] = [];
          for await (const r of sheet.rows()) rows.push(r);
          sheets.push({ merges: sheet.merges, rows });
        }
        return { sheets };
      } finally {
        await wb.close();
      }
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return { refused: { key: err.key, params: err.params } };
    }
  }

  /** A workbook of `rows` rows whose sheet part is rewritten by `change`. */
  function changedSheet(name: string, rows: number, change: (xml: string) => Buffer | string): string {
    let xml = '';
    for (let r = 1; r <= rows; r++) xml += `<row r="${r}"><c r="A${r}"><v>${r}</v></c>${fx.inlineCell(`B${r}`, 'Просвещение')}</row>`;
    const entries = fx.workbookEntries({ sheets: [{ name: 'Лист1', rows: xml, after: '<headerFooter><oddFooter>FOOTER</oddFooter></headerFooter>' }] });
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    sheet.data = change(sheet.data as string);
    return fx.writeFile(dir, `${name}.xlsx`, fx.zipBuffer(entries));
  }

  /** A byte that is not UTF-8 after </sheetData>, which the streaming reader sees only when it shares a chunk with rows. */
  const badByteAfterRows = (rows: number) =>
    changedSheet(`bad-byte-after-${rows}-rows`, rows, (xml) => {
      const [before, after] = xml.split('FOOTER');
      return Buffer.concat([Buffer.from(before!, 'utf8'), Buffer.from([0xff]), Buffer.from(after!, 'utf8')]);
    });

  const rich: fx.WorkbookSpec = {
    sheets: [
      {
        name: 'Заказ',
        rows:
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>43101</v></c><c r="C1" t="b"><v>1</v></c></row>' +
          '<row r="3"><c r="A3"><f t="shared" ref="A3:A4" si="0">B3*2</f><v>4</v></c><c r="B3" t="e"><v>#DIV/0!</v></c></row>' +
          '<row r="4"><c r="A4"><f t="shared" si="0"/><v>6</v></c>' + fx.inlineCell('B4', 'Учебник &amp; «пособие»') + '</row>',
        after: '<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B3:B4"/></mergeCells>',
      },
      { name: 'Второй', rows: '<row r="2"><c r="B2" t="s"><v>1</v></c></row>' },
    ],
    sharedStrings: ['Издательство «Просвещение»', 'ёлка'],
    numFmts: [{ id: 164, code: 'dd.mm.yyyy' }],
    cellXfs: [0, 164],
  };

  it.each([
    ['Cyrillic inline strings over many chunks', () => fx.cyrillicChunkBoundaryInline(dir).file],
    ['values, shared formulas, dates, merges, two sheets', () => fx.writeWorkbook(dir, 'same-rich.xlsx', rich)],
    ['the same with a namespace prefix on every element', () => fx.writeWorkbook(dir, 'same-prefixed.xlsx', { ...rich, prefix: 'x' })],
    ['the same stored uncompressed', () => fx.writeWorkbook(dir, 'same-stored.xlsx', { ...rich, store: true })],
    ['a damaged deflate stream', () => fx.badDeflate(dir)],
    ['a CRC that does not match', () => fx.crcMismatch(dir)],
    ['shared strings that are not UTF-8', () => fx.invalidUtf8(dir)],
    ['a part longer than its entry declares', () => fx.lyingCentralDirectory(dir)],
    ['a truncated package', () => fx.truncatedXlsx(dir)],
    ['a byte that is not UTF-8 after the rows of a small sheet', () => badByteAfterRows(3)],
    ['a byte that is not UTF-8 after 3,000 rows', () => badByteAfterRows(3000)],
    ['rows cut off before </sheetData>', () => changedSheet('no-end-of-rows', 30, (xml) => xml.slice(0, xml.indexOf('</sheetData>')))],
    ['a row cut off before </sheetData>', () => changedSheet('row-cut-off', 30, (xml) => xml.replace('</row></sheetData>', '</sheetData>'))],
    ['a comment holding </sheetData> after the rows', () => changedSheet('comment-after-rows', 30, (xml) => xml.replace('FOOTER', '<!-- </sheetData> -->'))],
    ['a UTF-8 byte order mark', () => changedSheet('utf-8-bom', 30, (xml) => '\uFEFF' + xml)],
    ['a sheet part in UTF-16 with its byte order mark', () => changedSheet('utf-16', 30, (xml) => Buffer.from('\uFEFF' + xml, 'utf16le'))],
    ['more rows than the limit allows', () => fx.numberedRows(dir, 50, 'same-too-many-rows.xlsx'), { limits: { maxRows: 10 } }],
    // 9 MiB of sheet XML: over the 8 MiB read at once, so streamed from the file read whole
    ['a sheet part too large to read at once', () => fx.numberedRows(dir, 180_000, 'same-large-part.xlsx')],
  ])('%s', async (_, build, opts: OpenOptions = {}) => {
    const file = build();
    const whole = await outcome(file, opts);
    expect(whole).toEqual(await outcome(file, { ...opts, readWholeUpTo: 0 }));
    if ('sheets' in whole) expect(whole.sheets[0]!.rows.length).toBeGreaterThan(0);
  });
});

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const realData = path.resolve(repoRoot, '../shared/real-data');
const haveRealData = fs.existsSync(path.join(realData, 'forms'));
if (!haveRealData) console.warn(`real-data tests of the xlsx reader NOT RUN: ${realData} is absent`);

describe('real publisher forms (../shared/real-data/forms)', () => {
  it.runIf(haveRealData)('Просвещение: header on row 6, raw float-noise prices, quantity formulas', async () => {
    const file = path.join(realData, 'forms/prosv_svod_56_63890.xlsx');
    const wb = await openXlsx(file);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Новосибирск', 'Реквизиты заказчика']);
    await wb.close();
    const { byRow, sheet } = await read(file);
    expect(sheet.merges).toContainEqual({ top: 2, bottom: 2, left: 0, right: 10 });
    const header = byRow.get(6)!.cells.map((c) => c?.value);
    expect(header[0]).toBe('Порядковый номер учебника');
    expect(header.find((v) => typeof v === 'string' && v.startsWith('Цена'))).toBe('Цена с НДС, руб. ');
    expect(cell(byRow, 'L11')).toEqual({ value: 243.98000000000002 });
    expect(cell(byRow, 'M11')).toEqual({ value: 0, formula: 'SUM(O11:BS11)' });
    // M12 is the master of a shared formula over M12:M75; M13 is one of its cells
    expect(cell(byRow, 'M13')).toEqual({ value: 0, formula: 'SUM(O13:BS13)' });
    expect(cell(byRow, 'C11')?.value).toBe('04-0052-11');
  });

  it.runIf(haveRealData)('Дрофа: 252 columns wide, item codes, recipient pairs under merged cells', async () => {
    const file = path.join(realData, 'forms/drofa_svod_56_63890.xlsx');
    const wb = await openXlsx(file);
    expect(wb.sheets.map((s) => s.name)).toEqual(['2015 2016', 'РЕКВИЗИТЫ Заказчика']);
    await wb.close();
    const { rows, sheet } = await read(file);
    // the sheet spans A:IR (252 columns: dimension and styled cells); values reach column FZ (182)
    expect(Math.max(...rows.map((r) => r.cells.length))).toBe(182);
    expect(sheet.merges.some((m) => m.right >= 170 && m.top === 5 && m.right - m.left === 1)).toBe(true);
    const codes = rows.flatMap((r) => r.cells.map((c) => c?.value)).filter((v) => typeof v === 'string' && v.startsWith('DRF'));
    expect(codes).toContain('DRF000000000412069');
    const header = rows.find((r) => r.row === 6)!.cells.map((c) => c?.value);
    expect(header).toContain('Кол-во, шт.');
  });
});

describe('without zlib.crc32 (Node 20 before 20.15)', () => {
  it('checks CRC-32 with its own table: good parts pass, a wrong checksum is damage', async () => {
    vi.resetModules();
    vi.doMock('node:zlib', async (importOriginal) => {
      const zlib = await importOriginal<typeof import('node:zlib')>();
      const withoutCrc = { ...zlib, crc32: undefined };
      return { ...withoutCrc, default: withoutCrc };
    });
    try {
      const { openXlsx: openWithTable } = await import('../../../src/io/sheets/xlsx-read.js');
      const { default: zlib } = await import('node:zlib');
      expect((zlib as { crc32?: unknown }).crc32).toBeUndefined();
      const good = await fx.cyrillicChunkBoundaryShared(dir);
      const wb = await openWithTable(good.file);
      let n = 0;
      for await (const row of (await wb.sheet()).rows()) n += row.cells.length;
      await wb.close();
      expect(n).toBe(60_000);
      // the modules were loaded afresh, InputError with them
      const { InputError: FreshInputError } = await import('../../../src/core/errors.js');
      const bad = await openWithTable(fx.crcMismatch(dir));
      const e = await bad.sheet().catch((err: unknown) => err);
      await bad.close();
      expect(e).toBeInstanceOf(FreshInputError);
      expect(e).toMatchObject({ key: 'reader.corrupt', params: { detail: expect.stringMatching(/CRC-32/) } });
    } finally {
      vi.doUnmock('node:zlib');
      vi.resetModules();
    }
  });
});
