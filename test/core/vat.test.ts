import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVatRate, vatIncluded } from '../../src/core/vat.js';

describe('parseVatRate', () => {
  it.each<[string | number, number]>([
    ['10%', 10],
    ['18%', 18],
    ['18 %', 18],
    ['10', 10],
    ['0.1', 10],
    ['0,18', 18],
    ['НДС 20%', 20],
    ['10/110', 10],
    ['18/118', 18],
    ['Без НДС', 0],
    ['без НДС (УСН)', 0],
    ['НДС не облагается', 0],
    ['0%', 0],
    [0.1, 10],
    [0.18, 18],
    [0.05, 5],
    [10, 10],
    [0, 0],
    [0.1 * 3, 30], // percent cells computed by formulas carry float noise
  ])('%j is %i %', (v, rate) => {
    expect(parseVatRate(v)).toBe(rate);
  });

  it.each(['', ' ', '-', null, undefined])('%j is blank: the default rate applies', (v) => {
    expect(parseVatRate(v)).toBeNull();
  });

  it.each<string | number>(['abc', '-10%', '10.5%', '0.5 %', '100%', '150', '10/120', 0.105, -0.1, Number.NaN, 12.5])(
    '%j is invalid',
    (v) => {
      expect(parseVatRate(v)).toBe('invalid');
    },
  );
});

describe('vatIncluded', () => {
  it('gives the VAT of real Мнемозина prices', () => {
    // «Букварь» + CD: 917.61 × 18 / 118 = 139.9744… → 139.97
    expect(vatIncluded(91761, 18)).toBe(13997);
    // «Букварь», book only: 630.58 × 10 / 110 = 57.3254… → 57.33
    expect(vatIncluded(63058, 10)).toBe(5733);
  });

  it('rounds half up at the kopeck, and symmetrically for negative amounts', () => {
    expect(vatIncluded(55, 10)).toBe(5); // 5.0
    expect(vatIncluded(11, 10)).toBe(1); // 1.0
    expect(vatIncluded(6, 10)).toBe(1); // 0.545… → 1
    expect(vatIncluded(5, 10)).toBe(0); // 0.4545… → 0
    expect(vatIncluded(59, 18)).toBe(9); // 9.0
    expect(vatIncluded(-63058, 10)).toBe(-5733);
    expect(vatIncluded(0, 10)).toBe(0);
    expect(vatIncluded(63058, 0)).toBe(0);
  });

  it('is computed on the line sum: 27 copies differ from 27 × the unit VAT', () => {
    const unitVat = vatIncluded(63058, 10); // 5732.545… rounded up to 5733
    expect(vatIncluded(27 * 63058, 10)).toBe(154779); // 154778.7…
    expect(27 * unitVat).toBe(154791);
  });

  it('equals round(gross × rate / (100 + rate)) and never exceeds the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom(0, 5, 7, 10, 18, 20, 22), (gross, rate) => {
        const vat = vatIncluded(gross, rate);
        // exact check in integers: vat − gross·rate/(100+rate) lies in (−1/2, 1/2]
        const diff = 2 * (vat * (100 + rate) - gross * rate);
        expect(diff).toBeGreaterThan(-(100 + rate));
        expect(diff).toBeLessThanOrEqual(100 + rate);
        expect(vat).toBeLessThanOrEqual(gross);
      }),
    );
  });

  it('stays exact where a float product would not', () => {
    expect(vatIncluded(Number.MAX_SAFE_INTEGER, 20)).toBe(1501199875790165);
  });

  it('refuses float amounts and rates that are not whole percents', () => {
    expect(() => vatIncluded(917.61, 18)).toThrow(RangeError);
    expect(() => vatIncluded(100, 0.1)).toThrow(RangeError);
    expect(() => vatIncluded(100, 100)).toThrow(RangeError);
  });
});
