import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  detectEncoding,
  iconvName,
  looksBinary,
  normalizeEncodingName,
  trimPartialUtf8,
  type CsvEncoding,
} from '../../../src/io/sheets/encoding.js';
import { UsageError } from '../../../src/core/errors.js';
import { csvFixtures, ORDER_TEXT } from '../../support/csv-fixtures.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const realData = path.resolve(repoRoot, '../shared/real-data');
const haveRealData = fs.existsSync(realData);
if (!haveRealData) console.warn(`encoding: ${realData} is absent; the real-data tests are NOT run`);

const SINGLE_BYTE: CsvEncoding[] = ['windows-1251', 'koi8-r', 'x-mac-cyrillic'];

describe('detectEncoding', () => {
  it.each([
    ['utf8.csv', 'utf-8', false],
    ['utf8-bom.csv', 'utf-8', true],
    ['windows-1251.csv', 'windows-1251', false],
    ['koi8-r.csv', 'koi8-r', false],
    ['mac-cyrillic.csv', 'x-mac-cyrillic', false],
    ['windows-1251-short.csv', 'windows-1251', false],
    ['koi8-r-short.csv', 'koi8-r', false],
    ['mac-cyrillic-short.csv', 'x-mac-cyrillic', false],
    ['utf-16le-bom.csv', 'utf-16le', true],
  ] as const)('%s → %s', (name, encoding, bom) => {
    expect(detectEncoding(csvFixtures[name](), { complete: true })).toEqual({ encoding, bom });
  });

  it('pure ASCII is UTF-8', () => {
    expect(detectEncoding(Buffer.from('code;price\r\n1;243.98\r\n'))).toEqual({ encoding: 'utf-8', bom: false });
  });

  it.each(['utf-16le-no-bom.csv', 'random-high-bytes.csv', 'binary-nul.csv'] as const)('%s → null', (name) => {
    expect(detectEncoding(csvFixtures[name]())).toBeNull();
  });

  it('text in a Western encoding is not taken for Russian', () => {
    expect(detectEncoding(iconv.encode('Größe;Straße\r\nÄpfel;Übung;Café\r\n', 'win1252'))).toBeNull();
  });

  it('a UTF-8 character cut by the end of the sample does not make the sample invalid', () => {
    const bytes = Buffer.from(ORDER_TEXT, 'utf8');
    const cut = bytes.subarray(0, bytes.indexOf(Buffer.from('Азбука', 'utf8')) + 1); // half of «А»
    expect(detectEncoding(cut)).toEqual({ encoding: 'utf-8', bom: false });
    // …but when that is the whole file, the half character is simply invalid UTF-8
    expect(detectEncoding(cut, { complete: true })?.encoding).not.toBe('utf-8');
    expect(trimPartialUtf8(cut)).toEqual(cut.subarray(0, cut.length - 1));
    expect(trimPartialUtf8(bytes)).toBe(bytes);
  });

  it('decodes Russian phrases right in every single-byte encoding, whatever they are made of', () => {
    const words = [
      'Азбука', 'учебник', 'для', 'класса', 'Русский', 'язык', 'Математика', 'часть', 'Литературное', 'чтение',
      'Моро', 'М.И.', 'Горецкий', 'В.Г.', 'в', '2-х', 'частях', 'ФГОС', 'Просвещение', 'цена', 'с', 'НДС',
      'Школа', 'России', 'общеобразовательных', 'организаций', 'Итого', 'количество', 'экз.', 'моя', 'семья',
      'Окружающий', 'мир', 'Плешаков', 'А.А.', 'Биология', 'Растения', 'Бактерии', 'Грибы', 'лишайники',
    ];
    const phrase = fc.array(fc.constantFrom(...words), { minLength: 8, maxLength: 30 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(phrase, fc.constantFrom(...SINGLE_BYTE), (text, encoding) => {
        const bytes = iconv.encode(text, iconvName(encoding));
        const found = detectEncoding(bytes, { complete: true });
        // MacCyrillic and 1251 decode lowercase text without «я» alike: the text is what must come out right
        expect(found && iconv.decode(bytes, iconvName(found.encoding))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    'Физика;7',
    'Чтение;5',
    'Французский язык',
    'Углубленный уровень',
    '1.3. Среднее общее образование',
    'Учебники, рекомендуемые к использованию',
    'Английский;;;',
    'Класс;Цена за единицу (руб.)',
    'в язык чтение',
    'Язык обучения',
  ])('one short cell «%s» decodes right in every single-byte encoding', (text) => {
    for (const encoding of SINGLE_BYTE) {
      const bytes = iconv.encode(text, iconvName(encoding));
      const found = detectEncoding(bytes, { complete: true });
      expect([encoding, found && iconv.decode(bytes, iconvName(found.encoding))]).toEqual([encoding, text]);
    }
  });

  it.runIf(haveRealData)('decodes every line of the real price lists right on its own, in every single-byte encoding', () => {
    const misses: string[] = [];
    let tried = 0;
    for (const name of fs.readdirSync(path.join(realData, 'pricelists'))) {
      const text = iconv.decode(fs.readFileSync(path.join(realData, 'pricelists', name)), 'win1251');
      for (const line of text.split('\r\n')) {
        // a line needs a few words to be judged: «м.п.» alone is as Russian in KOI8-R as in 1251
        if ((line.match(/[а-яё]/gi) ?? []).length < 12) continue;
        for (const encoding of SINGLE_BYTE) {
          tried++;
          const bytes = iconv.encode(line, iconvName(encoding));
          // KOI8-R has no «№»: compare with what the line's own encoding gives back
          const truth = iconv.decode(bytes, iconvName(encoding));
          const found = detectEncoding(bytes, { complete: true });
          if (!found || iconv.decode(bytes, iconvName(found.encoding)) !== truth) misses.push(`${encoding}: ${line}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(2700);
    expect(misses).toEqual([]);
  });

  it.runIf(haveRealData)('reads every real file as Windows-1251, and the same text re-encoded as KOI8-R and MacCyrillic', () => {
    const files = [
      ...fs.readdirSync(path.join(realData, 'pricelists')).map((f) => path.join(realData, 'pricelists', f)),
      path.join(realData, 'registry', 'tomsk_schools.csv'),
    ];
    for (const file of files) {
      const sample = fs.readFileSync(file).subarray(0, 64 * 1024);
      expect([file, detectEncoding(sample)?.encoding]).toEqual([file, 'windows-1251']);
      const text = iconv.decode(sample, 'win1251');
      for (const encoding of ['koi8-r', 'x-mac-cyrillic'] as const) {
        expect([file, detectEncoding(iconv.encode(text, iconvName(encoding)))?.encoding]).toEqual([file, encoding]);
      }
    }
  });
});

describe('looksBinary', () => {
  it('NUL bytes are binary, unless they make the pattern of UTF-16', () => {
    expect(looksBinary(csvFixtures['binary-nul.csv']())).toBe(true);
    expect(looksBinary(csvFixtures['utf-16le-no-bom.csv']())).toBe(false);
    expect(looksBinary(csvFixtures['utf-16le-bom.csv']())).toBe(false);
  });

  it('text with a stray control character is not binary; text full of them is', () => {
    expect(looksBinary(Buffer.from('a;b\x1a\r\nc;d\x07\r\n'))).toBe(false);
    expect(looksBinary(Buffer.from('\x01\x02\x03\x04\x05\x06\x07\x08a;b\x0e\x0f\x10\x11'))).toBe(true);
    expect(looksBinary(csvFixtures['windows-1251.csv']())).toBe(false);
  });
});

describe('normalizeEncodingName', () => {
  it.each([
    ['utf8', 'utf-8'],
    ['UTF-8', 'utf-8'],
    ['cp1251', 'windows-1251'],
    ['Windows-1251', 'windows-1251'],
    ['win1251', 'windows-1251'],
    ['koi8-r', 'koi8-r'],
    ['koi8r', 'koi8-r'],
    ['mac-cyrillic', 'x-mac-cyrillic'],
    ['x-mac-cyrillic', 'x-mac-cyrillic'],
    ['utf-16le', 'utf-16le'],
    ['utf16be', 'utf-16be'],
  ] as const)('%s → %s', (name, encoding) => {
    expect(normalizeEncodingName(name)).toBe(encoding);
  });

  it('an unknown name is a usage error', () => {
    expect(() => normalizeEncodingName('cp866')).toThrow(UsageError);
    try {
      normalizeEncodingName('cp866');
    } catch (err) {
      expect(err).toMatchObject({ key: 'csv.encoding-bad-name', params: { name: 'cp866' } });
    }
  });
});
