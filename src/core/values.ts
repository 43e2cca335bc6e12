/**
 * Numbers as cells really hold them: numbers typed as text with a decimal comma and (no-break) spaces
 * between thousands («1 200», «60,5», «1.234,56»), float noise from formulas (12.000000000000002),
 * quantities with a unit («12 шт.»). Dates (Excel serials, «03.02.2025», ISO) are in dates.ts.
 */
import { cleanText, isBlankText } from './text.js';

/** A number exactly as written: sign, integer digits (no leading zeros), fraction digits (no trailing zeros). */
export interface Decimal {
  negative: boolean;
  int: string;
  frac: string;
}

const WITH_EXPONENT = /^(\d*[.,]?\d*)e([-+]?\d{1,3})$/iu;

/**
 * Reads a plain number written as text. Spaces are thousands separators and must group by three;
 * when both `,` and `.` occur, the last one is the decimal separator and the other groups thousands;
 * one kind occurring several times groups thousands; a single `,` or `.` is the decimal separator —
 * so «1,234» is 1.234, as a Russian reader takes it. Returns null for anything else.
 */
export function parseDecimal(text: string): Decimal | null {
  let s = cleanText(text);
  const sign = /^([-−+]) ?/u.exec(s);
  const negative = sign !== null && sign[1] !== '+';
  if (sign) s = s.slice(sign[0].length);

  let exponent = 0;
  const e = WITH_EXPONENT.exec(s);
  if (e) {
    s = e[1]!;
    exponent = Number(e[2]);
  }
  const parts = splitMantissa(s);
  if (!parts) return null;
  return shift(negative, parts[0], parts[1], exponent);
}

function splitMantissa(s: string): [string, string] | null {
  if (!/^[\d ,.]*\d[\d ,.]*$/u.test(s)) return null;
  const commas = s.split(',').length - 1;
  const dots = s.split('.').length - 1;
  let point: ',' | '.' | undefined;
  let group: ',' | '.' | undefined;
  if (commas > 0 && dots > 0) {
    point = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    group = point === ',' ? '.' : ',';
  } else if (commas > 0) {
    if (commas === 1) point = ',';
    else group = ',';
  } else if (dots > 0) {
    if (dots === 1) point = '.';
    else group = '.';
  }
  const at = point === undefined ? -1 : s.indexOf(point);
  if (point !== undefined && at !== s.lastIndexOf(point)) return null;
  const int = at < 0 ? s : s.slice(0, at);
  const frac = at < 0 ? '' : s.slice(at + 1);
  if (!/^\d*$/u.test(frac)) return null;
  if (s.includes(' ') && group !== undefined) return null;
  const groups = int.split(group ?? ' ');
  if (groups.length > 1 && !(/^\d{1,3}$/u.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/u.test(g))))
    return null;
  const digits = groups.join('');
  if (!/^\d*$/u.test(digits)) return null;
  return [digits, frac];
}

function shift(negative: boolean, int: string, frac: string, exponent: number): Decimal {
  const digits = int + frac;
  const point = int.length + exponent;
  let i: string;
  let f: string;
  if (point <= 0) [i, f] = ['', '0'.repeat(-point) + digits];
  else if (point >= digits.length) [i, f] = [digits + '0'.repeat(point - digits.length), ''];
  else [i, f] = [digits.slice(0, point), digits.slice(point)];
  i = i.replace(/^0+/u, '') || '0';
  f = f.replace(/0+$/u, '');
  return { negative: negative && (i !== '0' || f !== ''), int: i, frac: f };
}

const PLAIN_PRECISION = /^(-?)(\d+)(?:\.(\d+))?$/u;

/**
 * The decimal digits of a double as Excel shows them: 15 significant digits, which is Excel's own
 * precision, so binary noise (243.98000000000002, 12.344999999999999 for 12.345) is gone.
 */
export function decimalOfNumber(v: number): Decimal {
  // Integers carry no noise, and toPrecision(15) would round away the units of those over 10^15;
  // toFixed spells them digit for digit below 1e21 (above it, exponent notation, no units left anyway).
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return shift(v < 0, Math.abs(v).toFixed(0), '', 0);
  const text = v.toPrecision(15);
  // The usual «308.330000000000» read directly (every price and sum cell of every order file);
  // exponent forms go the long way.
  const plain = PLAIN_PRECISION.exec(text);
  if (plain) return shift(plain[1] === '-', plain[2]!, plain[3] ?? '', 0);
  const d = parseDecimal(text);
  if (!d) throw new RangeError(`not a finite number: ${v}`);
  return d;
}

// «1,000» and «1.000»: one separator with three digits after a short integer part reads as one
// (a decimal comma) or as a thousand (a thousands separator, English or German style). Neither
// guess is safe, so quantities and prices written so are refused (issue #22).
const AMBIGUOUS_THOUSANDS = /^[-−+]? ?[1-9]\d{0,2}[.,]\d{3}$/u;

/** Text whose reading as a number depends on a guess about its separator: «1,000», «1.000», «12,500». */
export function isAmbiguousThousands(text: string): boolean {
  return AMBIGUOUS_THOUSANDS.test(cleanText(text));
}

/** Text in exponent notation («5e-3», «1E3»): an export artefact, never how a quantity or a price is written. */
export function hasExponent(text: string): boolean {
  return /\d[.,]?\d*e[-+]?\d/iu.test(cleanText(text));
}

// The XML Schema `xsd:double` lexical form that a spreadsheet's `<v>` of a numeric cell holds; what
// JavaScript's Number() accepts beyond it («0x10» → 16, «0b1», « 12 », «Infinity») is not a number there.
const XSD_DOUBLE = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/u;

/**
 * The number a numeric cell's `<v>` text holds, or undefined when it is not one (the reader then
 * keeps the text, which the parsers below refuse at its cell): `0x10` is not 16.
 */
export function xmlNumber(text: string): number | undefined {
  if (!XSD_DOUBLE.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** «1 234,56» → 1234.56; null when the text is blank or not a number. */
export function parseNumberText(s: string): number | null {
  const d = parseDecimal(s);
  if (!d) return null;
  const n = Number(`${d.negative ? '-' : ''}${d.int}.${d.frac || '0'}`);
  return Number.isFinite(n) ? n : null;
}

/** `ambiguous`: «1,000» or «1.000», one copy or a thousand (see {@link isAmbiguousThousands}). */
export type WholeNumberProblem = 'fraction' | 'negative' | 'text' | 'too-large' | 'ambiguous';

// Order forms write the unit next to the count; «экз.» is what price lists put in «Ед. изм.».
const UNIT = /\s?(?:шт|экз)\.?$/iu;

/**
 * A quantity or a count: a whole number ≥ 0. Blank (or a dash) is null; everything else that is not
 * a whole number ≥ 0 says why. A raw double is taken at Excel's 15 digits (12.000000000000002 is 12);
 * text is taken as written, and text that can be read two ways is not read at all: «1,000» and
 * «1.000» are `ambiguous` (1 or 1000?), «1e3» is `text`; «1 000» and «1000» are 1000.
 */
export function parseWholeNumber(
  v: string | number | null | undefined,
): number | null | { invalid: WholeNumberProblem } {
  if (v === null || v === undefined) return null;
  let d: Decimal | null;
  if (typeof v === 'number') {
    // A whole number in a numeric cell, the usual quantity: what the digits below would say (`+ 0`: -0 is 0).
    if (Number.isSafeInteger(v)) return v < 0 ? { invalid: 'negative' } : v + 0;
    if (Number.isNaN(v)) return { invalid: 'text' };
    if (!Number.isFinite(v)) return { invalid: v < 0 ? 'negative' : 'too-large' };
    d = decimalOfNumber(v);
  } else {
    if (isBlankText(v)) return null;
    const bare = cleanText(v).replace(UNIT, '');
    if (isAmbiguousThousands(bare)) return { invalid: 'ambiguous' };
    if (hasExponent(bare)) return { invalid: 'text' };
    d = parseDecimal(bare);
    if (!d) return { invalid: 'text' };
  }
  if (d.negative) return { invalid: 'negative' };
  const n = Number(d.int);
  if (!Number.isSafeInteger(n)) return { invalid: 'too-large' };
  if (d.frac !== '') return { invalid: 'fraction' };
  return n;
}
