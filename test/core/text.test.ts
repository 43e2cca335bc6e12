import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, isBlankText, normalizeHeader, normalizeTitle } from '../../src/core/text.js';

describe('cleanText', () => {
  it('collapses every kind of space into one and trims', () => {
    expect(cleanText('  Граник Г.Г.,\u00A0\u00A0      Крюкова Т.Ш. ')).toBe('Граник Г.Г., Крюкова Т.Ш.');
    expect(cleanText('1\u202F625\u2009,58\t')).toBe('1 625 ,58');
  });

  it('turns Windows and Mac line breaks into \\n without spaces around them', () => {
    expect(cleanText('Цена с НДС, \r\n руб.')).toBe('Цена с НДС,\nруб.');
    expect(cleanText('a\rb\u2028c')).toBe('a\nb\nc');
  });

  it('drops invisible characters and composes decomposed letters', () => {
    expect(cleanText('\uFEFFКод\u200B 1С')).toBe('Код 1С');
    expect(cleanText('Зои\u0306ка е\u0308ж')).toBe('Зойка ёж');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => cleanText(cleanText(s)) === cleanText(s)));
  });
});

describe('normalizeHeader', () => {
  it.each([
    ['Цена с НДС,\nруб.', 'цена  с ндс руб'],
    ['№ ФП', '№ФП'],
    ['Цена с доставкой (в т.ч. НДС), руб.', 'цена с доставкой в т ч ндс руб'],
    ['Наименование учебника', 'НАИМЕНОВАНИЕ  УЧЕБНИКА'],
    ['Линия УМК / Система', 'линия умк система'],
    ['Год издания', 'Год\u00A0издания'],
    ['Ёмкость', 'емкость'],
    ['Код 1С', 'код 1с'],
    ['ФГОС*', 'ФГОС'],
    ['НДС%', 'НДС'],
  ])('%j and %j give the same key', (a, b) => {
    expect(normalizeHeader(a)).toBe(normalizeHeader(b));
  });

  it('keeps letters and digits, one space between words', () => {
    expect(normalizeHeader('Цена с НДС,\nруб.')).toBe('цена с ндс руб');
    expect(normalizeHeader('№ ФП 2014/ 2015у.г')).toBe('фп 2014 2015у г');
    expect(normalizeHeader('Кол-во, шт.')).toBe('кол во шт');
    expect(normalizeHeader('ISBN')).toBe('isbn');
    expect(normalizeHeader(' ;:!? ')).toBe('');
  });

  it('tells different headers apart', () => {
    expect(normalizeHeader('Цена, руб.')).not.toBe(normalizeHeader('Сумма, руб.'));
    expect(normalizeHeader('Класс')).not.toBe(normalizeHeader('Код'));
  });

  it('gives only lower-case words of letters and digits separated by single spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const k = normalizeHeader(s);
        return (
          k === normalizeHeader(k) && k === k.toLowerCase() && /^(?:[0-9\p{L}]+(?: [0-9\p{L}]+)*)?$/u.test(k)
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe('normalizeTitle', () => {
  it.each([
    ['Азбука. 1 класс. В 2-х ч. Ч. 1', 'Азбука. 1 кл. В 2 частях. Часть 1'],
    ['Информатика (в двух частях)', 'Информатика, в 2-х частях'],
    ['Русский язык. Ч.2', 'русский язык часть 2'],
    ['"Букварь". 1 кл.', '«Букварь» 1 класс'],
    ['Русский язык. 3 кл. В 3 кн.', 'Русский язык 3 класс в 3-х книгах'],
  ])('%j matches %j', (a, b) => {
    expect(normalizeTitle(a)).toBe(normalizeTitle(b));
  });

  it('keeps what tells titles apart', () => {
    expect(normalizeTitle('Азбука. Ч. 1')).not.toBe(normalizeTitle('Азбука. Ч. 2'));
    expect(normalizeTitle('Физика 7 кл.')).not.toBe(normalizeTitle('Физика 8 кл.'));
    // the format «70х100» is not an ordinal ending
    expect(normalizeTitle('Формат 70х100')).toBe('формат 70х100');
    expect(normalizeTitle('Ч. 1 и 2')).toBe('ч 1 и 2');
  });
});

describe('isBlankText', () => {
  it.each(['', '   ', '\u00A0', '-', ' — ', '\n'])('%j is blank', (s) => expect(isBlankText(s)).toBe(true));
  it.each(['0', 'нет', '-5', 'a'])('%j is not blank', (s) => expect(isBlankText(s)).toBe(false));
});
