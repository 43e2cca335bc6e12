/**
 * The sheet scanner reads the common cell in place (src/io/sheets/xml-scan.ts): `<v>text</v></c>`
 * without searching for the cell's end (valueOnly), numbers without a string and Number() (decimalAt,
 * numberAt). Each must give exactly what the general way gives: Number() and xmlNumber
 * (src/core/values.ts) for numbers, -0 and the last bit of a double included, and the same refusals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlNumber } from '../../../src/core/values.js';
import { SheetScanner } from '../../../src/io/sheets/xml-scan.js';
import type { CellScalar, SheetCell, SheetRow } from '../../../src/io/sheets/types.js';

const HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const TAIL = '</sheetData></worksheet>';

/** The rows of a sheet whose <sheetData> holds `rows`. */
function scanRows(rows: string, head = HEAD, tail = TAIL): SheetRow[] {
  const scanner = new SheetScanner({ sst: ['ноль'], dateStyles: [false, true], date1904: false });
  const out: SheetRow[] = [];
  scanner.push(head + rows + tail, out);
  scanner.finish();
  return out;
}

/** The cells of one row, each `<c>` given its attributes and its `<v>` text. */
function scan(cells: { attrs?: string; v: string }[], sst: string[] = [], dateStyles: boolean[] = []): (SheetCell | undefined)[] {
  const xml = cells.map((c, i) => `<c r="${column(i)}1"${c.attrs ?? ''}><v>${c.v}</v></c>`).join('');
  const scanner = new SheetScanner({ sst, dateStyles, date1904: false });
  const out: SheetRow[] = [];
  scanner.push(`${HEAD}<row r="1">${xml}</row>${TAIL}`, out);
  scanner.finish();
  return cells.map((_, i) => out[0]?.cells[i]);
}

function column(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : column(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));
}

/** What the general rule makes of a numeric cell's text: the number, or the text itself. */
const general = (text: string): CellScalar | undefined => (text.trim() === '' ? undefined : (xmlNumber(text) ?? text));

describe('numbers read in place are the numbers Number() reads', () => {
  it('plain decimals of up to 20 digits, signs and points anywhere', () => {
    const decimal = fc
      .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{0,20}$/), fc.option(fc.stringMatching(/^\d{0,20}$/)))
      .map(([sign, int, frac]) => sign + int + (frac === null ? '' : `.${frac}`));
    fc.assert(
      fc.property(fc.array(decimal, { minLength: 1, maxLength: 40 }), (texts) => {
        const got = scan(texts.map((v) => ({ v }))).map((c) => c?.value);
        texts.forEach((text, i) => expect(Object.is(got[i], general(text)) || got[i] === general(text), `«${text}»: ${String(got[i])}`).toBe(true));
      }),
      { numRuns: 200 },
    );
  });

  it('the edges: -0, a bare point, 15 and 16 digits, 2^53 + 1, exponents and what is not a number', () => {
    const texts = ['-0', '0', '.', '-', '5.', '.5', '-.5', '007', '0.1', '0.30000000000000004', '139.82', '2408100.6200000015', '123456789012345', '1234567890123456', '9007199254740993', '999999999999999.9', '1e5', '+5', ' 5', '0x10', 'Infinity', '1.2.3'];
    const got = scan(texts.map((v) => ({ v }))).map((c) => c?.value);
    texts.forEach((text, i) => expect(Object.is(got[i], general(text)), `«${text}»`).toBe(true));
  });

  it('shared-string and style indexes: digits read in place, anything else as Number() reads it', () => {
    const sst = ['ноль', 'один', 'два'];
    const got = scan(
      [{ attrs: ' t="s"', v: '1' }, { attrs: ' t="s"', v: '02' }, { attrs: ' t="s"', v: '' }, { attrs: ' t="s"', v: ' 1' }, { attrs: ' t="s"', v: '1.0' }, { attrs: ' s="1"', v: '43101' }, { attrs: ' s=" 1"', v: '43101' }, { attrs: ' s="0"', v: '43101' }],
      sst,
      [false, true],
    );
    expect(got.map((c) => c?.value)).toEqual(['один', 'два', 'ноль', 'один', 'один', 43101, 43101, 43101]);
    expect(got.map((c) => c?.date === true)).toEqual([false, false, false, false, false, true, true, false]);
    expect(() => scan([{ attrs: ' t="s"', v: '3' }], sst)).toThrow(/refers to shared string 3, but there are 3/);
  });
});

describe('the common cell read without searching for its end is the cell the general way reads', () => {
  it.each([
    ['<c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" s=\'1\'><v>43101</v></c>', [{ value: 1 }, { value: 'ноль' }, { value: 43101, date: true }]],
    ['<c r="A1"><v>1</v><extLst/></c><c r="B1"><v >2</v></c><c r="C1"><f>A1+B1</f><v>3</v></c>', [{ value: 1 }, { value: 2 }, { value: 3, formula: 'A1+B1' }]],
    ['<c r="A1"><v></v></c><c r="B1"><v> </v></c><c r="C1" t="str"><v>a &amp; b</v></c>', [undefined, undefined, { value: 'a & b' }]],
  ])('%s', (cells, expected) => {
    expect(scanRows(`<row r="1">${cells}</row>`)[0]?.cells ?? []).toEqual(expected);
  });

  it('the same with a namespace prefix on every element', () => {
    const head = '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>';
    const rows = scanRows('<x:row r="2"><x:c r="B2"><x:v>5</x:v></x:c><x:c r="C2" t="s"><x:v>0</x:v></x:c></x:row>', head, '</x:sheetData></x:worksheet>');
    expect(rows[0]!.cells).toEqual([undefined, { value: 5 }, { value: 'ноль' }]);
  });

  it.each([
    ['a <v> closed by the next cell', '<c r="A1"><v>1</c><c r="B1"><v>2</v></c>', /cell A1: unterminated <v>/],
    ['a cell not closed before </row>', '<c r="A1"><v>1</v>', /row 1: unterminated cell/],
    ['an attribute without its closing quote', '<c r="A1 s="1"><v>1</v></c>', /row 1: malformed cell tag/],
  ])('refused as before: %s', (_, cells, message) => {
    expect(() => scanRows(`<row r="1">${cells}</row>`)).toThrow(message);
  });
});
