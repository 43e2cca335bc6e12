/**
 * CSV fixtures, generated: each builder makes the bytes of one file named after what it exercises
 * (an encoding, a dialect or a defect). Tests write them into a temporary directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';

/** Three lines of a school's order as Excel exports them. */
export const ORDER_TEXT =
  'Код ОО;Наименование учебника;Класс;Цена, руб.;Количество\r\n' +
  '0412;Горецкий В.Г., Кирюшкин В.А. Азбука. В 2-х частях;1;243,98;27\r\n' +
  '0412;Моро М.И. Математика. Учебник для 1 класса. Ч. 1;1;308,33;27\r\n';

/** A header line short enough to be hard: capitals and two words. */
export const SHORT_TEXT = 'ИТОГО:;Класс;Цена;Ед. изм.\r\n';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);

const enc = (text: string, encoding: string) => iconv.encode(text, encoding);
const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i + 1)).join('');

/** A deterministic stream of bytes (a linear congruential generator), so a failing case can be reproduced. */
function pseudoRandomBytes(n: number, seed: number, map: (b: number) => number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = map((x >>> 16) & 0xff);
  }
  return out;
}

/** Order line `i` of a long file: its number is its line number, so a test sees at once where a row came from. */
const orderLine = (i: number) => `${i};Учебник «Русский язык» для ${(i % 11) + 1} класса;${(i % 11) + 1};${200 + (i % 300)},50\r\n`;

export const csvFixtures = {
  'utf8.csv': () => Buffer.from(ORDER_TEXT, 'utf8'),
  'utf8-bom.csv': () => Buffer.concat([UTF8_BOM, Buffer.from(ORDER_TEXT, 'utf8')]),
  'windows-1251.csv': () => enc(ORDER_TEXT, 'win1251'),
  'koi8-r.csv': () => enc(ORDER_TEXT, 'koi8-r'),
  'mac-cyrillic.csv': () => enc(ORDER_TEXT, 'maccyrillic'),
  'windows-1251-short.csv': () => enc(SHORT_TEXT, 'win1251'),
  'koi8-r-short.csv': () => enc(SHORT_TEXT, 'koi8-r'),
  'mac-cyrillic-short.csv': () => enc(SHORT_TEXT, 'maccyrillic'),
  /** lowercase without «я» reads the same in MacCyrillic and Windows-1251 */
  'mac-cyrillic-lowercase.csv': () => enc('школа;учебник;класс\r\n', 'maccyrillic'),
  /** Excel's «Unicode text»: UTF-16LE with a BOM, tab-separated */
  'utf-16le-bom.csv': () => Buffer.concat([UTF16LE_BOM, enc(ORDER_TEXT.replaceAll(';', '\t'), 'utf-16le')]),
  'utf-16le-no-bom.csv': () => enc(ORDER_TEXT, 'utf-16le'),
  /** high bytes only, no NULs or control characters: text in no encoding we know */
  'random-high-bytes.csv': () => pseudoRandomBytes(4000, 7, (b) => 0x80 | b),
  /** the first bytes of a PNG image followed by noise */
  'binary-nul.csv': () =>
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), pseudoRandomBytes(2000, 11, (b) => b)]),
  'comma-delimited.csv': () => Buffer.from(ORDER_TEXT.replaceAll(',', '.').replaceAll(';', ','), 'utf8'),
  'tab-delimited.csv': () => Buffer.from(ORDER_TEXT.replaceAll(';', '\t'), 'utf8'),
  /** a banner with commas above `;` data: the banner must not choose the delimiter */
  'banner-with-commas.csv': () =>
    enc('Прайс-лист, 2016 г., цены с НДС, руб.\r\n\r\n' + ORDER_TEXT + ORDER_TEXT.split('\r\n').slice(1).join('\r\n'), 'win1251'),
  /** quoted cells holding line breaks (LF inside, CRLF between records, as Excel writes them) */
  'multiline-cells.csv': () =>
    Buffer.from(
      'Код;Примечание;Цена\r\n' +
        '1;"Адрес доставки:\nг. Томск,\nул. Ленина, 1";100\r\n' +
        '2;"""Букварь""\nчасть 2";200\r\n' +
        '3;без примечания;300\r\n',
      'utf8',
    ),
  'doubled-quotes.csv': () => Buffer.from('Код;Наименование\r\n1;"ООО ""Бином. Лаборатория знаний"""\r\n2;""""\r\n', 'utf8'),
  'cr-only.csv': () => Buffer.from('a;b\rc;d\re;f\r', 'utf8'),
  'lf-only.csv': () => Buffer.from('a;b\nc;d\ne;f\n', 'utf8'),
  'mixed-line-endings.csv': () => Buffer.from('a;b\r\nc;d\ne;f\rg;h', 'utf8'),
  /** quotes inside unquoted fields, as 1C writes school names */
  'stray-quote.csv': () => enc('1;МБОУ "СОШ № 5";Томск\r\n2;Размер 5";x\r\n3;а"б"в;г\r\n', 'win1251'),
  /** 1,000 order lines; line 10's title opens a quote that never closes */
  'unclosed-quote.csv': () =>
    enc(lines(1000, (i) => (i === 10 ? `10;"Учебник без закрывающей кавычки;1;250,00\r\n` : orderLine(i))), 'win1251'),
  /** the unclosed quote on line 3 meets line 5's «"Радуга"», which "closes" it in the middle of a word */
  'unclosed-quote-closed-by-stray.csv': () =>
    Buffer.from(
      '1;Азбука;1\r\n2;Букварь;1\r\n3;"Математика;2\r\n4;Окружающий мир;2\r\n5;Школа "Радуга";3\r\n6;Музыка;4\r\n',
      'utf8',
    ),
  /** the quote on line 2 is closed properly, but only 150 lines later */
  'unclosed-quote-long-cell.csv': () =>
    Buffer.from('1;a\r\n2;"start\r\n' + lines(148, (i) => `${i + 2};text\r\n`) + 'x";end\r\n' + '200;last\r\n', 'utf8'),
  /** a legitimate multi-line cell whose text starts with a quote: not an unclosed quote */
  'multiline-cell-starting-with-quote.csv': () => Buffer.from('1;"""Букварь""\r\nчасть 1";2\r\n2;б;3\r\n', 'utf8'),
  /** two unclosed quotes: line 1's runs into line 3's, which runs to the end of the file */
  'unclosed-quotes-two.csv': () => Buffer.from('1;"a;b\r\n2;d;e\r\n3;f;"g\r\n4;h;i\r\n', 'utf8'),
  /** an unclosed quote on line 10 of a file larger than csv-parse's record limit (1 MiB) */
  'unclosed-quote-large.csv': () =>
    Buffer.from(lines(30000, (i) => (i === 10 ? '10;"open;x\r\n' : `${i};строка данных для объёма файла\r\n`)), 'utf8'),
  'unclosed-quote-utf-16le.csv': () =>
    Buffer.concat([UTF16LE_BOM, enc('1\tАзбука\r\n2\t"Букварь\r\n3\tМатематика\r\n4\tМузыка\r\n', 'utf-16le')]),
  /** one line of 1.5 MiB without a line break or a quote */
  'record-too-large.csv': () => Buffer.from('a;' + 'x'.repeat(1536 * 1024) + '\r\n', 'utf8'),
  'blank-lines-only.csv': () => Buffer.from('\r\n;;;;\r\n  ; ;\r\n\r\n"";""\r\n', 'utf8'),
  /** blank lines beyond the 64 KiB the reader samples at open */
  'blank-lines-long.csv': () => Buffer.from(';;;;;;\r\n'.repeat(20000), 'utf8'),
  /** more than 64 KiB of Cyrillic UTF-8, so multi-byte characters straddle every read chunk */
  'utf8-long-cyrillic.csv': () => Buffer.from(lines(3000, (i) => `${i};Литературное чтение. Учебник для начальной школы;ё\r\n`), 'utf8'),
  /** 300 order lines, for the row limit */
  'rows-300.csv': () => enc(lines(300, orderLine), 'win1251'),
} satisfies Record<string, () => Buffer>;

export type CsvFixtureName = keyof typeof csvFixtures;

/** A fresh temporary directory for fixtures; the caller removes it. */
export function makeFixtureDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'uchebnik-csv-'));
}

/** Writes the fixture into `dir` and returns its path. */
export function writeCsvFixture(dir: string, name: CsvFixtureName): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, csvFixtures[name]());
  return file;
}
