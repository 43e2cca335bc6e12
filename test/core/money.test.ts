import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmountOverflow, formatMoney, implausiblePrice, implausiblePriceParams, lineSum, overflowFinding, parseMoney, PRICE_CEILING_KOPECKS, sumKopecks } from '../../src/core/money.js';
import { DataError, UchebnikError } from '../../src/core/errors.js';
import { t } from '../../src/core/i18n/index.js';

describe('parseMoney', () => {
  it.each<[string, number]>([
    ['684.53', 68453],
    ['1 625.58', 162558],
    ['1\u00A0625,58', 162558],
    ['1\u202F625,58', 162558],
    ['1 083.72', 108372],
    ['60,5', 6050],
    ['684.53 р.', 68453],
    ['684,53 руб.', 68453],
    ['684,53 руб', 68453],
    ['684,53 рублей', 68453],
    ['684,53₽', 68453],
    ['₽ 684,53', 68453],
    ['684 руб. 53 коп.', 68453],
    ['684 р. 5 коп.', 68405],
    ['243.98000000000002', 24398],
    ['1,234.56', 123456],
    ['1.234,56', 123456],
    ['1 234 567,89', 123456789],
    ['1.234.567', 123456700],
    ['-5', -500],
    ['−5,10', -510],
    ['0.00', 0],
    ['517', 51700],
    [',5', 50],
    ['350,9', 35090],
    ['1 000', 100000],
    ['1000', 100000],
    ['1625.580', 162558], // four integer digits: the dot cannot group thousands
    ['-243.98000000000002', -24398],
  ])('%j is %i kopecks', (text, kopecks) => {
    expect(parseMoney(text)).toBe(kopecks);
  });

  it.each(['', '   ', '\u00A0', '-', null, undefined])('%j is blank', (v) => {
    expect(parseMoney(v)).toBeNull();
  });

  it.each(['abc', '12 шт', '1,2,3.4,5', '12 5', '1 23,45', '1.234,567,8', '5 руб. 123 коп.', '1,5 руб. 20 коп.'])(
    '%j is invalid',
    (text) => {
      expect(parseMoney(text)).toBe('invalid');
    },
  );

  // Issue #22: text that needs a guess or a rounding to be read is not read — the caller reports it at its cell.
  it.each(['12,345', '12.345', '1.005', '1.004999', '-1.005', '1,500', '1.500', '1,000 руб.', '5e-3', '5E-3', '1e3', '1,000 руб. 50 коп.'])(
    '%j is invalid: it would be a guess',
    (text) => {
      expect(parseMoney(text)).toBe('invalid');
    },
  );

  it('refuses a tiny number that rounding would turn into a different non-zero amount', () => {
    expect(parseMoney(0.005)).toBe('invalid'); // 5e-3 in a numeric cell is not 0,01 ₽
    expect(parseMoney(0.015)).toBe('invalid');
    expect(parseMoney(0.5)).toBe(50);
    expect(parseMoney(0.505)).toBe(51); // 1 % off: the edge that is still taken
    expect(parseMoney(1122.34 * 1.1)).toBe(123457); // a computed price with VAT added, 1234.574
  });

  it('rounds raw doubles half away from zero on their decimal digits, not via float maths', () => {
    expect(parseMoney(243.98000000000002)).toBe(24398);
    expect(parseMoney(0.1 + 0.2)).toBe(30);
    expect(Math.round(1.005 * 100)).toBe(100); // the trap
    expect(parseMoney(1.005)).toBe(101);
    expect(parseMoney(-1.005)).toBe(-101);
    expect(parseMoney(1.15 * 3)).toBe(345); // 3.4499999999999997, Excel shows 3.45
    expect(parseMoney(12.345 * 1)).toBe(1235);
    expect(parseMoney(917.61)).toBe(91761);
    expect(parseMoney(1e-9)).toBe(0);
    expect(parseMoney(-0)).toBe(0);
    expect(Object.is(parseMoney(-0.001), 0)).toBe(true);
  });

  it('refuses what is not a safe amount', () => {
    expect(parseMoney(Number.NaN)).toBe('invalid');
    expect(parseMoney(Number.POSITIVE_INFINITY)).toBe('invalid');
    expect(parseMoney(1e20)).toBe('invalid');
    expect(parseMoney('100000000000000000000')).toBe('invalid');
  });

  it('reads back every amount it formats, in both languages', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (k) => {
        expect(parseMoney(formatMoney(k, 'ru'))).toBe(k);
        expect(parseMoney(formatMoney(k, 'en'))).toBe(k);
      }),
    );
  });

  it('reads a price stored as a double to the kopeck it was typed with', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), (k) => {
        expect(parseMoney(k / 100)).toBe(k);
        expect(parseMoney(String(k / 100))).toBe(k);
        expect(parseMoney(String(k / 100).replace('.', ','))).toBe(k);
      }),
    );
  });

  it('reads a double at Excel\'s 15 digits, whether or not it is a whole number of kopecks', () => {
    expect(Object.is(parseMoney(-0), 0)).toBe(true);
    expect(parseMoney(243.98000000000002)).toBe(24398);
    expect(parseMoney(12.345)).toBe(1235);
    expect(parseMoney(99999999999.99)).toBe(9999999999999);
    expect(parseMoney(0.005)).toBe('invalid');
  });

  it('turns the float drift of a sum of prices back into the exact kopecks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 1, maxLength: 200 }), (prices) => {
        const floatSum = prices.reduce((s, k) => s + k / 100, 0);
        expect(parseMoney(floatSum)).toBe(sumKopecks(prices));
      }),
    );
  });
});

describe('formatMoney', () => {
  it('groups thousands with a no-break space in Russian and a comma in English', () => {
    expect(formatMoney(162558, 'ru')).toBe('1\u00A0625,58');
    expect(formatMoney(162558, 'en')).toBe('1,625.58');
    expect(formatMoney(123456789012, 'ru')).toBe('1\u00A0234\u00A0567\u00A0890,12');
    expect(formatMoney(0, 'ru')).toBe('0,00');
    expect(formatMoney(5, 'en')).toBe('0.05');
    expect(formatMoney(-51700, 'ru')).toBe('-517,00');
    expect(formatMoney(100000, 'en')).toBe('1,000.00');
  });

  it('refuses anything but whole kopecks', () => {
    expect(() => formatMoney(1.5, 'ru')).toThrow(RangeError);
  });
});

function thrownBy(fn: () => unknown): UchebnikError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UchebnikError);
    return err as UchebnikError;
  }
  throw new Error('expected an error');
}

describe('sumKopecks', () => {
  it('adds whole kopecks exactly', () => {
    expect(sumKopecks([])).toBe(0);
    expect(sumKopecks([24398, 24398, 68453])).toBe(117249);
  });

  it('throws on a float or NaN (a bug: money never holds a float), and an AmountOverflow on an unsafe total (the data)', () => {
    expect(() => sumKopecks([100, 243.98])).toThrow(RangeError);
    expect(() => sumKopecks([Number.NaN])).toThrow(RangeError);
    expect(() => sumKopecks([Number.MAX_SAFE_INTEGER, 1])).toThrow(AmountOverflow);
    const err = thrownBy(() => sumKopecks([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER], { publisher: 'Дрофа', school: '0101' }));
    expect(err).toBeInstanceOf(DataError);
    expect(err.exitCode).toBe(1);
    expect(err.params).toMatchObject({ what: 'sum', school: '0101', publisher: 'Дрофа' });
    expect(t('ru', err.key, err.params)).toMatch(/^Сумма выходит за пределы точного счёта.*: школа «0101», издательство «Дрофа»\. Это ошибка в данных/u);
    expect(t('en', err.key, err.params)).toMatch(/^the sum is beyond exact counting.*: school «0101», publisher «Дрофа»\./u);
  });

  it('does not depend on the order of the amounts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 })), (xs) => {
        expect(sumKopecks([...xs].reverse())).toBe(sumKopecks(xs));
      }),
    );
  });
});

describe('lineSum', () => {
  it('is quantity × price in kopecks', () => {
    expect(lineSum(27, 24398)).toBe(658746);
    expect(lineSum(0, 24398)).toBe(0);
  });

  it('refuses a fractional quantity or price (a bug) and an unsafe product (the data, naming the line)', () => {
    expect(() => lineSum(1.5, 100)).toThrow(RangeError);
    expect(() => lineSum(2, 243.98)).toThrow(RangeError);
    const err = thrownBy(() => lineSum(1e9, 1e9, { school: '0101', item: 'EV-2' }));
    expect(err).toBeInstanceOf(AmountOverflow);
    expect(err.params).toMatchObject({ what: 'line sum', school: '0101', item: 'EV-2', quantity: 1e9, price_kopecks: 1e9 });
    const wider = (err as AmountOverflow).within({ municipality: '01', school: 'другая' });
    expect(wider.params).toMatchObject({ municipality: '01', school: '0101' });
    expect(overflowFinding(wider)).toMatchObject({ code: 'amount-overflow', severity: 'error', school: '0101', item: 'EV-2' });
  });
});

describe('implausiblePrice', () => {
  it('calls an ISBN in the price column an ISBN, as text or as a number', () => {
    expect(implausiblePrice(978535815433900, '9785358154339')).toBe('isbn');
    expect(implausiblePrice(978535815433900, 9785358154339)).toBe('isbn');
    expect(implausiblePrice(978535815433900, '978-5-358-15433-9')).toBe('isbn');
    expect(implausiblePrice(978535815433800, '9785358154338')).toBe('above-ceiling'); // a wrong check digit: not an ISBN, still absurd
  });

  it('refuses a price above 100 000 ₽ a copy, or a ceiling given', () => {
    expect(PRICE_CEILING_KOPECKS).toBe(10_000_000);
    expect(implausiblePrice(10_000_000, '100 000,00')).toBeNull();
    expect(implausiblePrice(10_000_001, '100 000,01')).toBe('above-ceiling');
    expect(implausiblePrice(50_000, 500)).toBeNull();
    expect(implausiblePrice(50_000, '500', 40_000)).toBe('above-ceiling');
    expect(implausiblePrice(0, null)).toBeNull();
  });

  it('gives the finding its message in both languages', () => {
    const isbn = implausiblePriceParams('isbn', '9785358154339');
    expect(t('ru', 'finding.price-implausible', isbn)).toBe('цена «9785358154339» не может быть ценой экземпляра: это ISBN — похоже, столбцы сдвинуты; позиция не загружена');
    expect(t('en', 'finding.price-implausible', implausiblePriceParams('above-ceiling', '250000'))).toBe(
      'price "250000" cannot be the price of a copy: above the limit of 100,000.00 RUB a copy; the item is not loaded',
    );
  });
});
