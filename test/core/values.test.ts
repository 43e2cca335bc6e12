import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/core/dates.js';
import { decimalOfNumber, isAmbiguousThousands, parseDecimal, parseNumberText, parseWholeNumber, xmlNumber } from '../../src/core/values.js';

describe('parseDecimal', () => {
  it.each<[string, { negative: boolean; int: string; frac: string } | null]>([
    ['1 234,50', { negative: false, int: '1234', frac: '5' }],
    ['-0,000', { negative: false, int: '0', frac: '' }],
    ['007', { negative: false, int: '7', frac: '' }],
    ['1.5e3', { negative: false, int: '1500', frac: '' }],
    ['25E-3', { negative: false, int: '0', frac: '025' }],
    ['− 12.', { negative: true, int: '12', frac: '' }],
    ['1 2', null],
    ['1 234.567,8', null],
    ['1,2.3,4', null],
    ['e5', null],
    ['', null],
  ])('%j → %j', (text, d) => {
    expect(parseDecimal(text)).toEqual(d);
  });

  it('takes doubles at Excel’s 15 significant digits', () => {
    expect(decimalOfNumber(243.98000000000002)).toEqual({ negative: false, int: '243', frac: '98' });
    expect(decimalOfNumber(12.344999999999999)).toEqual({ negative: false, int: '12', frac: '345' });
    expect(decimalOfNumber(9007199254740991)).toEqual({ negative: false, int: '9007199254740991', frac: '' });
    expect(decimalOfNumber(-1e-7)).toEqual({ negative: true, int: '0', frac: '0000001' });
    expect(decimalOfNumber(1e30).int).toBe(`1${'0'.repeat(30)}`);
  });
});

describe('parseNumberText', () => {
  it.each<[string, number | null]>([
    ['1 234,56', 1234.56],
    ['1\u00A0234.56', 1234.56],
    ['60,5', 60.5],
    ['-5', -5],
    ['0,1', 0.1],
    ['1.234,5', 1234.5],
    ['-0', 0],
    ['abc', null],
    ['', null],
    ['12 шт', null],
  ])('%j → %j', (text, n) => {
    expect(parseNumberText(text)).toBe(n);
  });

  it('reads back any double written with a decimal comma', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), (x) => {
        const text = x.toFixed(6).replace('.', ',');
        expect(parseNumberText(text)).toBe(Number(x.toFixed(6)) + 0);
      }),
    );
  });
});

describe('xmlNumber', () => {
  it('reads only what a numeric cell may hold', () => {
    expect(xmlNumber('16')).toBe(16);
    expect(xmlNumber('-1.5E3')).toBe(-1500);
    expect(xmlNumber('243.98000000000002')).toBe(243.98000000000002);
    expect(xmlNumber('.5')).toBe(0.5);
    for (const bad of ['0x10', '0b1', '0o7', ' 12', '12 ', '', 'Infinity', 'NaN', '1e999', '1,5']) expect(xmlNumber(bad)).toBeUndefined();
  });
});

describe('isAmbiguousThousands', () => {
  it.each([
    ['1,000', true],
    ['1.000', true],
    ['999,999', true],
    ['1 000', false],
    ['1000', false],
    ['0,500', false],
    ['1,00', false],
    ['1.000,00', false],
    ['1,000,000', false],
  ])('%j → %s', (text, ambiguous) => {
    expect(isAmbiguousThousands(text)).toBe(ambiguous);
  });
});

describe('parseWholeNumber', () => {
  it.each<[string | number, number]>([
    [12, 12],
    [12.0, 12],
    ['12', 12],
    [' 12 ', 12],
    ['1 200', 1200],
    ['1\u00A0200', 1200],
    ['12,0', 12],
    ['12.00', 12],
    ['12 шт.', 12],
    ['12 экз', 12],
    ['0', 0],
    ['-0', 0],
    [-0, 0],
    [12.000000000000002, 12], // a formula's float noise
    [0.1 * 3 * 10, 3],
  ])('%j is %i', (v, n) => {
    expect(Object.is(parseWholeNumber(v), n)).toBe(true);
  });

  it.each(['', '   ', '-', '—', null, undefined])('%j is blank', (v) => {
    expect(parseWholeNumber(v)).toBeNull();
  });

  it.each<[string | number, string]>([
    ['12.5', 'fraction'],
    ['12,5', 'fraction'],
    [12.5, 'fraction'],
    ['1,200', 'ambiguous'], // 1.2 to a Russian reader, 1200 to an English one: not guessed (issue #22)
    ['1,000', 'ambiguous'],
    ['1.000', 'ambiguous'],
    ['-1,000', 'ambiguous'],
    ['1.000 шт.', 'ambiguous'],
    ['0,500', 'fraction'], // a zero before the comma groups no thousands
    ['1e3', 'text'],
    ['-1', 'negative'],
    [-1, 'negative'],
    ['-1.5', 'negative'],
    [Number.NEGATIVE_INFINITY, 'negative'],
    ['abc', 'text'],
    ['12 кг', 'text'],
    ['шт.', 'text'],
    [Number.NaN, 'text'],
    ['1e30', 'text'],
    [1e30, 'too-large'],
    ['9007199254740992', 'too-large'],
    [Number.POSITIVE_INFINITY, 'too-large'],
  ])('%j is invalid: %s', (v, reason) => {
    expect(parseWholeNumber(v)).toEqual({ invalid: reason });
  });

  it('reads back every non-negative safe integer, as a number or as text with spaces', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(parseWholeNumber(n)).toBe(n);
        expect(parseWholeNumber(n.toLocaleString('ru-RU'))).toBe(n);
        expect(parseWholeNumber(`${n},0`)).toBe(n);
      }),
    );
  });
});

describe('parseDate', () => {
  it('converts Excel serials of the 1900 system, fake leap day included', () => {
    expect(parseDate(45691)).toBe('2025-02-03');
    expect(parseDate(45691.75)).toBe('2025-02-03');
    expect(parseDate(43147)).toBe('2018-02-16');
    expect(parseDate(1, { date: true })).toBe('1900-01-01');
    expect(parseDate(59, { date: true })).toBe('1900-02-28');
    expect(parseDate(60, { date: true })).toBe('invalid'); // 29 Feb 1900 never was
    expect(parseDate(61, { date: true })).toBe('1900-03-01');
    expect(parseDate(2958465, { date: true })).toBe('9999-12-31');
    expect(parseDate(2958466, { date: true })).toBe('invalid');
    expect(parseDate(0, { date: true })).toBe('invalid');
    expect(parseDate(Number.NaN, { date: true })).toBe('invalid');
  });

  it('takes a bare number for a date only in plausible years unless the cell is date-formatted', () => {
    expect(parseDate(5)).toBe('invalid');
    expect(parseDate(5, { date: true })).toBe('1900-01-05');
    expect(parseDate(32874)).toBe('1990-01-01');
    expect(parseDate(73415)).toBe('2100-12-31');
    expect(parseDate(73416)).toBe('invalid');
  });

  it('agrees with day counting from 1899-12-30 for every serial from March 1900 on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        const expected = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
        expect(parseDate(serial, { date: true })).toBe(expected);
      }),
    );
  });

  it.each<[string, string]>([
    ['03.02.2025', '2025-02-03'],
    ['3.2.2025', '2025-02-03'],
    ['03.02.25', '2025-02-03'],
    ['27.12.2019 г.', '2019-12-27'],
    ['29.02.2024', '2024-02-29'],
    ['03.02.2025 14:30', '2025-02-03'],
    ['2025-02-03', '2025-02-03'],
    ['2025-02-03T23:30:00', '2025-02-03'],
    ['2025-02-03 23:30', '2025-02-03'],
    ['2025-02-03T23:30:00.000+03:00', '2025-02-03'],
    ['2025-02-03T23:30:00Z', '2025-02-03'],
    [' 18.11.2015 ', '2015-11-18'],
  ])('%j is %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each(['31.02.2025', '29.02.2023', '00.01.2025', '2025-13-01', '2025-02-30', '03.02.2025 25:00', '2025/02/03', '02/03/2025', 'вчера', '45691'])(
    '%j is invalid',
    (text) => {
      expect(parseDate(text)).toBe('invalid');
    },
  );

  it('reads a Date as its UTC day (how exceljs gives date cells) and treats blanks as null', () => {
    expect(parseDate(new Date(Date.UTC(2025, 1, 3)))).toBe('2025-02-03');
    expect(parseDate(new Date(Number.NaN))).toBe('invalid');
    expect(parseDate('')).toBeNull();
    expect(parseDate('  ')).toBeNull();
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeNull();
  });

  it('reads back every real day written as ДД.ММ.ГГГГ', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-');
        expect(parseDate(`${day}.${m}.${y}`)).toBe(iso);
        expect(parseDate(iso)).toBe(iso);
      }),
    );
  });
});

describe('decimalOfNumber fast path', () => {
  it('reads a double exactly as the general parser reads its 15 significant digits (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        fc.pre(!Number.isInteger(v));
        expect(decimalOfNumber(v)).toEqual(parseDecimal(v.toPrecision(15)));
      }),
      { numRuns: 5000 },
    );
    for (const v of [308.33, -0.5, 1e-7, 123456789.125, -1.5e-300, 2.5e20]) expect(decimalOfNumber(v)).toEqual(parseDecimal(v.toPrecision(15)));
  });
});
