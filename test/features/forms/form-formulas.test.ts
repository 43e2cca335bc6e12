/**
 * The formulas a publisher's form totals its recipients with (issue 16, patterns 9 and 10): which
 * columns they add (src/features/forms/added-columns.ts) and how they are made to add more
 * (src/features/forms/fill.ts `extendTotal`).
 */
import { describe, expect, it } from 'vitest';
import { columnIndex, columnLetter } from '../../../src/core/finding.js';
import { extendTotal } from '../../../src/features/forms/fill.js';
import { addedColumns } from '../../../src/features/forms/added-columns.js';

const letters = (cols: number[] | undefined) => cols?.map(columnLetter).join(' ');
const idx = (s: string) => s.split(' ').map(columnIndex);

describe('addedColumns', () => {
  it('reads SUM ranges and lists, plus-lists and SUMPRODUCT over every other column, on the row itself only', () => {
    expect(letters(addedColumns('SUM(O11:S11)', 11))).toBe('O P Q R S');
    expect(letters(addedColumns('=SUM($O11:$Q11;U11)', 11))).toBe('O P Q U');
    expect(letters(addedColumns('N7+P7+R7', 7))).toBe('N P R');
    expect(letters(addedColumns('SUMPRODUCT((MOD(COLUMN(O7:V7),2)=1)*O7:V7)', 7))).toBe('O Q S U');
    expect(letters(addedColumns('SUMPRODUCT((MOD(COLUMN(O7:V7),2)=0)*O7:V7)', 7))).toBe('P R T V');
    expect(letters(addedColumns('SUMPRODUCT(--(MOD(COLUMN(O7:V7),2)=1)*(O7:V7))', 7))).toBe('O Q S U');
  });

  it('is undefined for anything else: another row, one column, a product, a repeated column, other functions', () => {
    for (const f of ['SUM(O12:S12)', 'N7', 'Z7*AA7', 'N7+N7', 'ROUND(N7+P7,0)', 'SUM(O7:S9)', 'SUMPRODUCT((MOD(COLUMN(O7:V7),2)=1)*P7:W7)', 'N7-P7']) {
      expect(addedColumns(f, 7), f).toBeUndefined();
    }
  });
});

describe('extendTotal', () => {
  it('moves a range end when the missing columns continue it, else adds the references', () => {
    expect(extendTotal('SUM(O11:BS11)', 11, addedColumns('SUM(O11:BS11)', 11)!, idx('BT BU BV'))).toBe('SUM(O11:BV11)');
    expect(extendTotal('SUM(O11:Q11)', 11, idx('O P Q'), idx('S U'))).toBe('SUM(O11:Q11,S11,U11)');
    expect(extendTotal('N7+P7', 7, idx('N P'), idx('R T'))).toBe('N7+P7+R7+T7');
    expect(extendTotal('$N7+$P7', 7, idx('N P'), idx('L'))).toBe('$N7+$P7+L7');
  });

  it('moves both ranges of a SUMPRODUCT on to the last added pair, keeping its parity', () => {
    const f = 'SUMPRODUCT((MOD(COLUMN(O7:R7),2)=1)*O7:R7)';
    const out = extendTotal(f, 7, addedColumns(f, 7)!, idx('S U'));
    expect(out).toBe('SUMPRODUCT((MOD(COLUMN(O7:V7),2)=1)*O7:V7)');
    expect(letters(addedColumns(out, 7))).toBe('O Q S U');
  });

  it('is undefined when the result would not add exactly the old and the missing columns', () => {
    const f = 'SUMPRODUCT((MOD(COLUMN(O7:R7),2)=1)*O7:R7)';
    // T has the other parity: no range end makes the SUMPRODUCT add it and not S.
    expect(extendTotal(f, 7, addedColumns(f, 7)!, idx('T'))).toBeUndefined();
  });
});
