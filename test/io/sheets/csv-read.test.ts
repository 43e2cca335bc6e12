import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse';
import { detectDelimiter, MAX_BREAKS_IN_CELL, MAX_FIELDS, openCsv, skipFieldCountCheck } from '../../../src/io/sheets/csv-read.js';
import type { OpenOptions, SheetRow } from '../../../src/io/sheets/types.js';
import { InputError, UsageError } from '../../../src/core/errors.js';
import { hasMessage, t } from '../../../src/core/i18n/index.js';
import { makeFixtureDir, writeCsvFixture, type CsvFixtureName } from '../../support/csv-fixtures.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const realData = path.resolve(repoRoot, '../shared/real-data');
const haveRealData = fs.existsSync(realData);
if (!haveRealData) console.warn(`csv-read: ${realData} is absent; the real-data tests are NOT run`);

let dir: string;
beforeAll(() => {
  dir = makeFixtureDir();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const fixture = (name: CsvFixtureName) => writeCsvFixture(dir, name);
const values = (row: SheetRow) => row.cells.map((c) => c?.value);

async function read(file: string, opts: OpenOptions = {}) {
  const wb = await openCsv(file, opts);
  const sheet = await wb.sheet();
  const rows: SheetRow[] = [];
  for await (const row of sheet.rows()) rows.push(row);
  await wb.close();
  return { wb, sheet, rows, findings: sheet.findings };
}

async function readError(file: string, opts: OpenOptions = {}): Promise<unknown> {
  try {
    await read(file, opts);
  } catch (err) {
    return err;
  }
  throw new Error(`reading ${file} did not fail`);
}

const ORDER_ROWS = [
  ['Код ОО', 'Наименование учебника', 'Класс', 'Цена, руб.', 'Количество'],
  ['0412', 'Горецкий В.Г., Кирюшкин В.А. Азбука. В 2-х частях', '1', '243,98', '27'],
  ['0412', 'Моро М.И. Математика. Учебник для 1 класса. Ч. 1', '1', '308,33', '27'],
];

describe('encodings', () => {
  it.each([
    ['utf8.csv', 'utf-8'],
    ['utf8-bom.csv', 'utf-8'],
    ['windows-1251.csv', 'windows-1251'],
    ['koi8-r.csv', 'koi8-r'],
    ['mac-cyrillic.csv', 'x-mac-cyrillic'],
  ] as const)('%s is read as %s', async (name, encoding) => {
    const { wb, rows } = await read(fixture(name));
    expect(wb.encoding).toBe(encoding);
    expect(wb.delimiter).toBe(';');
    expect(rows.map(values)).toEqual(ORDER_ROWS);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it.each([
    ['windows-1251-short.csv', 'windows-1251'],
    ['koi8-r-short.csv', 'koi8-r'],
    ['mac-cyrillic-short.csv', 'x-mac-cyrillic'],
  ] as const)('a one-line header %s is read as %s', async (name, encoding) => {
    const { wb, rows } = await read(fixture(name));
    expect(wb.encoding).toBe(encoding);
    expect(rows.map(values)).toEqual([['ИТОГО:', 'Класс', 'Цена', 'Ед. изм.']]);
  });

  it('lowercase MacCyrillic without «я» decodes the same as Windows-1251, so the text comes out right', async () => {
    const { wb, rows } = await read(fixture('mac-cyrillic-lowercase.csv'));
    expect(wb.encoding).toBe('windows-1251');
    expect(rows.map(values)).toEqual([['школа', 'учебник', 'класс']]);
  });

  it('reads Excel «Unicode text»: UTF-16LE with a BOM, tab-separated', async () => {
    const { wb, rows } = await read(fixture('utf-16le-bom.csv'));
    expect(wb.encoding).toBe('utf-16le');
    expect(wb.delimiter).toBe('\t');
    expect(rows.map(values)).toEqual(ORDER_ROWS);
  });

  it('refuses UTF-16 without a BOM, naming the file and --encoding; --encoding utf-16le reads it', async () => {
    const file = fixture('utf-16le-no-bom.csv');
    const err = await readError(file);
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ key: 'csv.encoding-unknown', params: { file }, exitCode: 3 });
    const message = t('ru', (err as InputError).key, (err as InputError).params);
    expect(message).toContain(file);
    expect(message).toContain('--encoding');
    const { rows } = await read(file, { encoding: 'utf16le' });
    expect(rows.map(values)).toEqual(ORDER_ROWS);
  });

  it('refuses bytes that read as Russian in no encoding', async () => {
    const err = await readError(fixture('random-high-bytes.csv'));
    expect(err).toMatchObject({ key: 'csv.encoding-unknown' });
  });

  it('refuses a binary file (NUL bytes) as not CSV', async () => {
    const file = fixture('binary-nul.csv');
    const err = await readError(file);
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ key: 'csv.binary', params: { file } });
  });

  it('--encoding overrides detection, under any of its usual names', async () => {
    const file = fixture('koi8-r.csv');
    for (const name of ['koi8-r', 'KOI8R', 'koi8']) {
      const { wb, rows } = await read(file, { encoding: name });
      expect(wb.encoding).toBe('koi8-r');
      expect(values(rows[1]!)).toEqual(ORDER_ROWS[1]);
    }
    // forcing the wrong one is obeyed: the user asked for it
    const forced = await read(file, { encoding: 'cp1251' });
    expect(forced.wb.encoding).toBe('windows-1251');
    expect(values(forced.rows[0]!)[0]).not.toBe('Код ОО');
  });

  it('an unknown --encoding is a usage error listing the known ones', async () => {
    const err = await openCsv(fixture('utf8.csv'), { encoding: 'latin-cyrillic' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toMatchObject({ key: 'csv.encoding-bad-name', exitCode: 2, params: { name: 'latin-cyrillic' } });
    expect(t('en', 'csv.encoding-bad-name', (err as UsageError).params)).toContain('koi8-r');
  });

  it('keeps Cyrillic whole where UTF-8 characters straddle read chunks', async () => {
    const { rows } = await read(fixture('utf8-long-cyrillic.csv'));
    expect(rows).toHaveLength(3000);
    expect(rows.every((r) => !values(r).join('').includes('\ufffd'))).toBe(true);
    expect(values(rows[2999]!)).toEqual(['3000', 'Литературное чтение. Учебник для начальной школы', 'ё']);
  });
});

describe('dialect', () => {
  it.each([
    ['comma-delimited.csv', ','],
    ['tab-delimited.csv', '\t'],
    ['utf8.csv', ';'],
  ] as const)('detects the delimiter of %s', async (name, delimiter) => {
    const { wb, rows } = await read(fixture(name));
    expect(wb.delimiter).toBe(delimiter);
    expect(rows.every((r) => r.cells.length === 5)).toBe(true);
  });

  it('a banner with commas does not choose the delimiter', async () => {
    const { wb, rows } = await read(fixture('banner-with-commas.csv'));
    expect(wb.delimiter).toBe(';');
    expect(rows[0]).toEqual({ row: 1, cells: [{ value: 'Прайс-лист, 2016 г., цены с НДС, руб.' }] });
    expect(rows[1]!.row).toBe(3);
  });

  it('--delimiter overrides detection; `tab` names a tab; a quote is refused', async () => {
    const file = fixture('utf8.csv');
    const { wb, rows } = await read(file, { delimiter: ',' });
    expect(wb.delimiter).toBe(',');
    expect(values(rows[1]!)).toEqual(['0412;Горецкий В.Г.', ' Кирюшкин В.А. Азбука. В 2-х частях;1;243', '98;27']);
    expect((await openCsv(fixture('tab-delimited.csv'), { delimiter: 'tab' })).delimiter).toBe('\t');
    await expect(openCsv(file, { delimiter: '"' })).rejects.toMatchObject({ key: 'csv.delimiter-bad', exitCode: 2 });
    await expect(openCsv(file, { delimiter: ';;' })).rejects.toBeInstanceOf(UsageError);
  });

  it('detectDelimiter ignores delimiters inside quotes and prefers ; on a tie', () => {
    expect(detectDelimiter('"a;b",c,d\r\n"e;f",g,h\r\n')).toBe(',');
    expect(detectDelimiter('a;b,c\r\nd;e,f\r\n')).toBe(';');
    expect(detectDelimiter('одна колонка\r\nещё строка\r\n')).toBe(';');
  });

  it('detectDelimiter counts records, not lines: the commas of authors listed over several lines in a quoted cell do not vote', () => {
    const record = (isbn: string) => `${isbn};0,1;"Матвеева Т.П.,\nЛадыженская Н.Е., Моро А.В.,\nПетров П.П. Русский язык";1 234,50;;1;шт.\r\n`;
    const text = 'Код ISBN;НДС;Автор, название;Цена;;п/п;Ед. изм.\r\n' + ['978-5-14-571784-6', '978-5-28-522303-0', '978-5-62-158841-0'].map(record).join('');
    expect(detectDelimiter(text)).toBe(';');
    // A tab-separated list whose every row has one decimal comma: the tab makes more fields.
    expect(detectDelimiter('1\tАзбука\t1 627,41\tэкз.\r\n2\tБуквы\t134,43\tэкз.\r\n')).toBe('\t');
    // An unclosed quote spoils its own record, not the vote of the lines after it.
    expect(detectDelimiter('a;"b;c\r\n' + 'd;e;f\r\n'.repeat(12))).toBe(';');
  });

  it('quoted cells keep their line breaks and the rows after them are numbered by record, as a spreadsheet shows them', async () => {
    const { rows, findings } = await read(fixture('multiline-cells.csv'));
    // lines 1, 2, 5, 7 of the text; rows 1–4 in LibreOffice and Excel
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(values(rows[1]!)).toEqual(['1', 'Адрес доставки:\nг. Томск,\nул. Ленина, 1', '100']);
    expect(values(rows[2]!)).toEqual(['2', '"Букварь"\nчасть 2', '200']);
    expect(findings).toEqual([]);
  });

  it('undoubles doubled quotes', async () => {
    const { rows } = await read(fixture('doubled-quotes.csv'));
    expect(values(rows[1]!)).toEqual(['1', 'ООО "Бином. Лаборатория знаний"']);
    expect(values(rows[2]!)).toEqual(['2', '"']);
  });

  it.each(['cr-only.csv', 'lf-only.csv', 'mixed-line-endings.csv'] as const)('splits lines of %s', async (name) => {
    const { rows } = await read(fixture(name));
    expect(rows.map((r) => r.row)).toEqual(name === 'mixed-line-endings.csv' ? [1, 2, 3, 4] : [1, 2, 3]);
    expect(values(rows[1]!)).toEqual(['c', 'd']);
  });

  it('a quote inside an unquoted field is a literal character', async () => {
    const { rows, findings } = await read(fixture('stray-quote.csv'));
    expect(rows.map(values)).toEqual([
      ['1', 'МБОУ "СОШ № 5"', 'Томск'],
      ['2', 'Размер 5"', 'x'],
      ['3', 'а"б"в', 'г'],
    ]);
    expect(findings).toEqual([]);
  });

  it('ragged rows cost csv-parse no error object each (the hook on its internals still works)', async () => {
    const parser = parse({ delimiter: ';', relax_column_count: true });
    skipFieldCountCheck(parser);
    parser.end('Прайс-лист\na;b;c\nd;e\n');
    const records: string[][] = [];
    for await (const r of parser) records.push(r as string[]);
    expect(records).toEqual([['Прайс-лист'], ['a', 'b', 'c'], ['d', 'e']]);
    expect(parser.info.invalid_field_length).toBe(0);
  });

  it('cells are raw text, untrimmed; empty fields are missing cells; blank lines are no rows', async () => {
    const file = path.join(dir, 'raw-cells.csv');
    fs.writeFileSync(file, ' a ;;" ";c;;\r\n;;;\r\n\r\nx\r\n');
    const { rows } = await read(file);
    expect(rows).toEqual([
      { row: 1, cells: [{ value: ' a ' }, undefined, { value: ' ' }, { value: 'c' }] },
      { row: 4, cells: [{ value: 'x' }] },
    ]);
  });
});

describe('unclosed quotes', () => {
  it('a quote that never closes is a finding at its line, and the rest of the file is still read', async () => {
    const file = fixture('unclosed-quote.csv');
    const { rows, findings } = await read(file);
    expect(rows).toHaveLength(1000);
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(values(rows[9]!)).toEqual(['10', '"Учебник без закрывающей кавычки', '1', '250,00']);
    expect(values(rows[10]!)[0]).toBe('11');
    expect(findings).toEqual([
      { code: 'csv-unclosed-quote', severity: 'error', file, row: 10, column: 'B', params: { row: 10, column: 'B', line: 10 } },
    ]);
    const message = t('ru', `finding.${findings[0]!.code}`, findings[0]!.params);
    expect(message).toBe(
      'Строка 10, столбец B (в тексте файла — строка 10): кавычка открыта и не закрыта — остаток строки прочитан как текст, следующие строки прочитаны отдельно.',
    );
  });

  it('a quote "closed" in mid-word by a later cell’s quote is unclosed too', async () => {
    const { rows, findings } = await read(fixture('unclosed-quote-closed-by-stray.csv'));
    expect(rows.map(values)).toEqual([
      ['1', 'Азбука', '1'],
      ['2', 'Букварь', '1'],
      ['3', '"Математика', '2'],
      ['4', 'Окружающий мир', '2'],
      ['5', 'Школа "Радуга"', '3'],
      ['6', 'Музыка', '4'],
    ]);
    expect(findings.map((f) => [f.row, f.column])).toEqual([[3, 'B']]);
  });

  it(`a quoted cell spanning more than ${MAX_BREAKS_IN_CELL} line breaks is taken for an unclosed quote`, async () => {
    const { rows, findings } = await read(fixture('unclosed-quote-long-cell.csv'));
    expect(findings.map((f) => [f.row, f.column])).toEqual([[2, 'B']]);
    expect(rows).toHaveLength(152);
    expect(values(rows[150]!)).toEqual(['x"', 'end']);
    expect(rows.at(-1)).toEqual({ row: 152, cells: [{ value: '200' }, { value: 'last' }] });
  });

  it('a multi-line cell whose text starts with a quote is legitimate', async () => {
    const { rows, findings } = await read(fixture('multiline-cell-starting-with-quote.csv'));
    expect(findings).toEqual([]);
    expect(rows.map((r) => [r.row, ...values(r)])).toEqual([
      [1, '1', '"Букварь"\r\nчасть 1', '2'],
      [2, '2', 'б', '3'],
    ]);
  });

  it('each unclosed quote is found, one after another', async () => {
    const { rows, findings } = await read(fixture('unclosed-quotes-two.csv'));
    expect(findings.map((f) => [f.row, f.column])).toEqual([
      [1, 'B'],
      [3, 'C'],
    ]);
    expect(rows.map(values)).toEqual([
      ['1', '"a', 'b'],
      ['2', 'd', 'e'],
      ['3', 'f', '"g'],
      ['4', 'h', 'i'],
    ]);
  });

  it('an unclosed quote in a file larger than csv-parse’s record limit is found without reading the file into one cell', async () => {
    const { rows, findings } = await read(fixture('unclosed-quote-large.csv'));
    expect(findings.map((f) => [f.row, f.column])).toEqual([[10, 'B']]);
    expect(rows).toHaveLength(30000);
    expect(values(rows[9]!)).toEqual(['10', '"open', 'x']);
    expect(rows.at(-1)!.row).toBe(30000);
  });

  it('pattern 8: an unclosed quote after multi-line cells is at its record’s row, and the message names the line of the text', async () => {
    const file = path.join(dir, 'unclosed-after-multiline.csv');
    // records: 1 (line 1), 2 (lines 2–4), 3 (line 5), 4 (lines 6–7), 5 with the open quote (line 8), 6 (line 9)
    fs.writeFileSync(file, 'a;b;c\r\n1;"x\r\ny\r\nz";2\r\n3;w;4\r\n5;"p\nq";6\r\n7;"open;8\r\n9;v;10\r\n');
    const { rows, findings } = await read(file);
    expect(rows.map((r) => [r.row, values(r)[0]])).toEqual([
      [1, 'a'],
      [2, '1'],
      [3, '3'],
      [4, '5'],
      [5, '7'],
      [6, '9'],
    ]);
    expect(findings).toEqual([
      { code: 'csv-unclosed-quote', severity: 'error', file, row: 5, column: 'B', params: { row: 5, column: 'B', line: 8 } },
    ]);
    expect(t('en', 'finding.csv-unclosed-quote', findings[0]!.params)).toMatch(/^Row 5, column B \(line 8 of the file's text\)/);
  });

  it('works in UTF-16, where a quote is two bytes', async () => {
    const { rows, findings } = await read(fixture('unclosed-quote-utf-16le.csv'));
    expect(findings.map((f) => [f.row, f.column])).toEqual([[2, 'B']]);
    expect(rows.map(values)).toEqual([
      ['1', 'Азбука'],
      ['2', '"Букварь'],
      ['3', 'Математика'],
      ['4', 'Музыка'],
    ]);
  });

  it('iterating the rows again gives the same rows and findings, not twice the findings', async () => {
    const wb = await openCsv(fixture('unclosed-quotes-two.csv'));
    const sheet = await wb.sheet();
    for (let pass = 0; pass < 2; pass++) {
      let n = 0;
      for await (const _row of sheet.rows()) n++;
      expect(n).toBe(4);
      expect(sheet.findings).toHaveLength(2);
    }
    await wb.close();
  });
});

describe('refusals and limits', () => {
  it('a file of blank lines and delimiters is empty', async () => {
    const file = fixture('blank-lines-only.csv');
    await expect(openCsv(file)).rejects.toMatchObject({ key: 'csv.empty', params: { file } });
  });

  it('blank lines beyond the sampled 64 KiB are found empty once read', async () => {
    const file = fixture('blank-lines-long.csv');
    expect(fs.statSync(file).size).toBeGreaterThan(64 * 1024);
    expect(await readError(file)).toMatchObject({ key: 'csv.empty', params: { file } });
  });

  it('a zero-byte file is refused before reading', async () => {
    const file = path.join(dir, 'zero.csv');
    fs.writeFileSync(file, '');
    await expect(openCsv(file)).rejects.toBeInstanceOf(InputError);
  });

  it('a record of over 1 MiB without a quote is refused', async () => {
    const err = await readError(fixture('record-too-large.csv'));
    expect(err).toMatchObject({ key: 'csv.record-too-large', params: { row: 1, line: 1 } });
  });

  it('a record of more fields than Excel has columns is refused at its row, before csv-parse holds them', async () => {
    const file = path.join(dir, 'too-many-fields.csv');
    // 20 rows of 1,000 fields each (more delimiters in all than the limit, line ends of every kind), then one too wide
    const row = (n: number) => Array.from({ length: n }, (_, i) => `${i}`).join(';');
    fs.writeFileSync(file, ['а;б', ...Array.from({ length: 20 }, () => row(1000))].join('\r\n') + '\r' + row(10) + '\n' + ';'.repeat(MAX_FIELDS) + '\n');
    expect(await readError(file)).toMatchObject({ key: 'csv.too-many-columns', params: { row: 23, limit: MAX_FIELDS } });
    // a cell may hold delimiters in quotes: they are no fields
    const quoted = path.join(dir, 'many-delimiters-quoted.csv');
    fs.writeFileSync(quoted, `а;б\n"${';'.repeat(MAX_FIELDS * 2)}";2\n`);
    const { rows } = await read(quoted);
    expect(rows.map((r) => r.cells.length)).toEqual([2, 2]);
  });

  it('maxRows refuses a longer file and accepts one of that length', async () => {
    const file = fixture('rows-300.csv');
    expect(await readError(file, { limits: { maxRows: 299 } })).toMatchObject({
      key: 'csv.too-many-rows',
      params: { file, limit: 299 },
    });
    expect((await read(file, { limits: { maxRows: 300 } })).rows).toHaveLength(300);
  });

  it('maxFileBytes refuses the file before reading it', async () => {
    await expect(openCsv(fixture('rows-300.csv'), { limits: { maxFileBytes: 1000 } })).rejects.toBeInstanceOf(InputError);
  });

  it('names the file as displayName says', async () => {
    const file = fixture('binary-nul.csv');
    await expect(openCsv(file, { displayName: 'incoming/school.csv' })).rejects.toMatchObject({
      params: { file: 'incoming/school.csv' },
    });
  });
});

describe('the workbook', () => {
  it('is one sheet named after the file, with the encoding and delimiter it used', async () => {
    const wb = await openCsv(fixture('windows-1251.csv'));
    expect(wb).toMatchObject({ format: 'csv', encoding: 'windows-1251', delimiter: ';' });
    expect(wb.sheets).toEqual([{ name: 'windows-1251', index: 0, hidden: false }]);
    expect((await wb.sheet('windows-1251')).merges).toEqual([]);
    expect(await wb.sheet(0)).toBe(await wb.sheet());
    await expect(wb.sheet('Лист2')).rejects.toMatchObject({ key: 'csv.sheet-not-found' });
    await wb.close();
  });

  it('stops reading when the consumer stops', async () => {
    const wb = await openCsv(fixture('unclosed-quote.csv'));
    const sheet = await wb.sheet();
    let n = 0;
    for await (const _row of sheet.rows()) if (++n === 5) break;
    expect(n).toBe(5);
    await wb.close();
  });

  it('every message it can raise exists in Russian and English', () => {
    for (const key of [
      'csv.encoding-unknown',
      'csv.encoding-bad-name',
      'csv.delimiter-bad',
      'csv.binary',
      'csv.empty',
      'csv.too-many-rows',
      'csv.record-too-large',
      'csv.sheet-not-found',
    ]) {
      expect(hasMessage(key), key).toBe(true);
      expect(t('en', key, {}), key).not.toMatch(/[а-яё]/i);
    }
  });
});

describe('real files', () => {
  const pricelists = path.join(realData, 'pricelists');
  // counted by hand from the files: lines minus blank lines and lines of delimiters only
  const expected: Record<string, { rows: number; lastRow: number }> = {
    'binom.csv': { rows: 59, lastRow: 66 },
    'mnemo.csv': { rows: 188, lastRow: 190 },
    'prosv.csv': { rows: 579, lastRow: 582 },
    'russlovo.csv': { rows: 99, lastRow: 103 },
    'vlados.csv': { rows: 23, lastRow: 31 },
  };

  it.runIf(haveRealData)('reads every price list as Windows-1251 with ; and the right number of rows', async () => {
    const files = fs.readdirSync(pricelists).filter((f) => f.endsWith('.csv'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    for (const name of files) {
      const { wb, rows, findings } = await read(path.join(pricelists, name));
      expect([name, wb.encoding, wb.delimiter]).toEqual([name, 'windows-1251', ';']);
      expect([name, rows.length, rows.at(-1)!.row]).toEqual([name, expected[name]!.rows, expected[name]!.lastRow]);
      expect(findings).toEqual([]);
    }
  });

  it.runIf(haveRealData)('puts the cells where Excel shows them', async () => {
    const cell = (rows: SheetRow[], row: number, col: number) => rows.find((r) => r.row === row)?.cells[col]?.value;
    const prosv = (await read(path.join(pricelists, 'prosv.csv'))).rows;
    expect(cell(prosv, 5, 0)).toBe('Порядковый номер учебника');
    expect(cell(prosv, 5, 6)).toBe('Автор в 1С издательства "Просвещение"');
    expect(cell(prosv, 9, 0)).toBe('1.1.1.1. Русский язык (учебный предмет)');
    expect(prosv.find((r) => r.row === 11)!.cells.slice(0, 6).map((c) => c?.value)).toEqual([
      '1.1.1.1.4.1',
      'Школа России',
      '04-0053-09',
      undefined,
      undefined,
      '1',
    ]);
    const vlados = (await read(path.join(pricelists, 'vlados.csv'))).rows;
    expect(cell(vlados, 5, 8)).toBe('Цена за единицу (руб.)');
    expect(cell(vlados, 9, 8)).toBe('1 625.58');
    const mnemo = (await read(path.join(pricelists, 'mnemo.csv'))).rows;
    expect(cell(mnemo, 7, 2)).toBe('"Букварь". 1 кл. Учебник . В 2 ч. + электронное приложение');
    expect(cell(mnemo, 7, 6)).toBe('18%');
  });

  it.runIf(haveRealData)('reads the Tomsk school list: 325 lines of municipality; short name; full name', async () => {
    const { wb, rows } = await read(path.join(realData, 'registry', 'tomsk_schools.csv'));
    expect([wb.encoding, wb.delimiter]).toEqual(['windows-1251', ';']);
    expect(rows).toHaveLength(325);
    expect(rows.every((r) => r.cells.length === 3)).toBe(true);
    expect(values(rows[0]!)).toEqual([
      '124',
      'МКОУ В(С)ОШ №4 г. Томска',
      'Муниципальное казенное общеобразовательное учреждение вечерняя (сменная) общеобразовательная школа №4 г. Томска',
    ]);
    expect(values(rows[11]!)[1]).toBe('МБОУ прогимназия "Кристина"');
  });

  it.runIf(haveRealData)('reads the same price list re-encoded as KOI8-R, MacCyrillic, UTF-8 and UTF-16LE', async () => {
    const original = await read(path.join(pricelists, 'prosv.csv'));
    const text = iconv.decode(fs.readFileSync(path.join(pricelists, 'prosv.csv')), 'win1251');
    for (const [encoding, bytes] of [
      ['koi8-r', iconv.encode(text, 'koi8-r')],
      ['x-mac-cyrillic', iconv.encode(text, 'maccyrillic')],
      ['utf-8', Buffer.from(text, 'utf8')],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])],
    ] as const) {
      const file = path.join(dir, `prosv-${encoding}.csv`);
      fs.writeFileSync(file, bytes);
      const copy = await read(file);
      expect(copy.wb.encoding).toBe(encoding);
      expect(copy.rows).toEqual(original.rows);
    }
  });
});
