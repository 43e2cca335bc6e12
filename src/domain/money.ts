/**
 * Money in kopecks, as integers, everywhere (PRODUCT.md §3): prices arrive as text («1 625.58» with a
 * no-break space, «60,5», «684,53 руб.», «684 руб. 53 коп.») or as raw doubles from xlsx with float
 * noise (243.98000000000002), and sums of float prices drift, so nothing here adds floats.
 */
import { cleanText, isBlankText } from './text.js';
import { decimalOfNumber, parseDecimal, type Decimal } from './values.js';

const CURRENCY_AFTER = /\s?(?:руб(?:\.|лей|ля|ль)?|р\.?|₽|rub\.?|rur)$/iu;
const CURRENCY_BEFORE = /^₽\s?/u;
const RUBLES_AND_KOPECKS = /^(.+?)\s?(?:руб(?:\.|лей|ля|ль)?|р\.?)\s?(\d{1,2})\s?коп(?:\.|еек|ейки|ейка)?$/iu;

// Rounds half away from zero at the kopeck on the decimal digits themselves: 1.005 → 101, where
// Math.round(1.005 * 100) gives 100 because 1.005 is stored as 1.00499999999999989…
function toKopecks(d: Decimal): number | 'invalid' {
  const frac = d.frac.padEnd(3, '0');
  const magnitude = Number(d.int) * 100 + Number(frac.slice(0, 2)) + (frac[2]! >= '5' ? 1 : 0);
  if (!Number.isSafeInteger(magnitude)) return 'invalid';
  return d.negative && magnitude !== 0 ? -magnitude : magnitude;
}

/** A price or a sum → kopecks; null when blank, 'invalid' when it is not an amount of money. */
export function parseMoney(v: string | number | null | undefined): number | null | 'invalid' {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? toKopecks(decimalOfNumber(v)) : 'invalid';
  if (isBlankText(v)) return null;
  const s = cleanText(v);
  const split = RUBLES_AND_KOPECKS.exec(s);
  if (split) {
    const rubles = parseDecimal(split[1]!);
    if (!rubles || rubles.frac !== '') return 'invalid';
    return toKopecks({ ...rubles, frac: split[2]!.padStart(2, '0') });
  }
  const d = parseDecimal(s.replace(CURRENCY_AFTER, '').replace(CURRENCY_BEFORE, ''));
  return d ? toKopecks(d) : 'invalid';
}

export function assertKopecks(x: number, what: string): void {
  if (!Number.isSafeInteger(x)) throw new RangeError(`${what} must be a safe integer (kopecks, copies): ${x}`);
}

/** «1 625,58» (no-break space between thousands) in Russian, «1,625.58» in English. */
export function formatMoney(kopecks: number, lang: 'ru' | 'en'): string {
  assertKopecks(kopecks, 'amount');
  const abs = Math.abs(kopecks);
  const rubles = Math.floor(abs / 100).toString();
  const cents = (abs % 100).toString().padStart(2, '0');
  const grouped = rubles.replace(/\B(?=(\d{3})+$)/gu, lang === 'ru' ? '\u00A0' : ',');
  return `${kopecks < 0 ? '-' : ''}${grouped}${lang === 'ru' ? ',' : '.'}${cents}`;
}

/** Sum of kopeck amounts; throws if any is not an integer, guarding «never a float in money». */
export function sumKopecks(xs: readonly number[]): number {
  let total = 0;
  for (const x of xs) {
    assertKopecks(x, 'amount');
    total += x;
    assertKopecks(total, 'sum');
  }
  return total;
}

/** A line's sum: quantity × price in kopecks. */
export function lineSum(qty: number, priceKopecks: number): number {
  assertKopecks(qty, 'quantity');
  assertKopecks(priceKopecks, 'price');
  const sum = qty * priceKopecks;
  assertKopecks(sum, 'line sum');
  return sum;
}
