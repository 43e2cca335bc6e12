/**
 * Money in kopecks, as integers, everywhere (docs/file-formats.md#reading): prices arrive as text («1 625.58» with a
 * no-break space, «60,5», «684,53 руб.», «684 руб. 53 коп.») or as raw doubles from xlsx with float
 * noise (243.98000000000002), and sums of float prices drift, so nothing here adds floats.
 */
import { DataError, type MessageParams } from './errors.js';
import { finding, type Finding, type FindingParams } from './finding.js';
import { isValidIsbn } from './isbn.js';
import { cleanText, isBlankText } from './text.js';
import { decimalOfNumber, hasExponent, isAmbiguousThousands, parseDecimal, type Decimal } from './values.js';

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

/**
 * A price or a sum → kopecks; null when blank, 'invalid' when it is not an amount of money or can only
 * be read by a guess (issue #22):
 *  - text is taken as written, so it must not need rounding: «12,345» is 'invalid', not 12,35 ₽;
 *    «1,500» and «1.500» (one rouble fifty or fifteen hundred?) and «5e-3» are 'invalid' too;
 *    «350,9» is 350,90 ₽ and «1 625,58» 1 625,58 ₽; only a double written out by a program
 *    («243.98000000000002», 15 digits and more) is taken at Excel's 15 digits, as a number is;
 *  - a number from a numeric cell is taken at Excel's 15 digits (243.98000000000002 is 243,98 ₽) and
 *    a computed price (a formula with 10 % added) is rounded to the kopeck, but not where rounding
 *    makes a non-zero amount out of one that differs from it by more than 1 %: 0.005 is 'invalid',
 *    not 0,01 ₽.
 */
export function parseMoney(v: string | number | null | undefined): number | null | 'invalid' {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'invalid';
    // The common cell, an amount to the kopeck (308.33): a double that is exactly some k / 100 shows k
    // at Excel's 15 digits too, so the digits need not be spelled out (every price and sum of every
    // order file comes here). `+ 0` makes -0 the 0 the long way gives.
    if (Math.abs(v) < 1e12) {
      const k = Math.round(v * 100);
      if (k / 100 === v) return k + 0;
    }
    const kopecks = toKopecks(decimalOfNumber(v));
    // Rounding moves an amount by at most half a kopeck, which is under 1 % from 50 kopecks up.
    if (kopecks !== 'invalid' && kopecks !== 0 && Math.abs(kopecks - v * 100) > Math.abs(v * 100) / 100) return 'invalid';
    return kopecks;
  }
  if (isBlankText(v)) return null;
  const s = cleanText(v);
  const split = RUBLES_AND_KOPECKS.exec(s);
  if (split) {
    const rubles = parseDecimal(split[1]!);
    if (!rubles || rubles.frac !== '' || isAmbiguousThousands(split[1]!)) return 'invalid';
    return toKopecks({ ...rubles, frac: split[2]!.padStart(2, '0') });
  }
  const bare = s.replace(CURRENCY_AFTER, '').replace(CURRENCY_BEFORE, '');
  if (isAmbiguousThousands(bare) || hasExponent(bare)) return 'invalid';
  let d = parseDecimal(bare);
  if (d && d.frac.length > 2 && (d.int + d.frac).replace(/^0+/u, '').length >= NOISY_DIGITS) {
    const noise = decimalOfNumber(Number(`${d.negative ? '-' : ''}${d.int}.${d.frac}`));
    if (noise.frac.length <= 2) d = noise;
  }
  return d && d.frac.length <= 2 ? toKopecks(d) : 'invalid';
}

/** Significant digits from which a text amount is a double written out by a program, not typed. */
const NOISY_DIGITS = 16;

/**
 * The most a copy of a textbook may cost in a price list: 100 000 ₽ (a school atlas set costs a few
 * thousand). A price above it is a typo or a number from another column — an ISBN pasted into the
 * price column is 9 785 358 154 339 ₽ — and every sum it enters would be absurd or overflow.
 */
export const PRICE_CEILING_KOPECKS = 100_000 * 100;

export type ImplausiblePrice = 'isbn' | 'above-ceiling';

/**
 * Why a price read from a price list cannot be a price, or null when it can: `isbn` when the cell as
 * written (text or number) is a valid ISBN (the column next to it slipped), `above-ceiling` when it
 * is above `ceiling` kopecks ({@link PRICE_CEILING_KOPECKS} unless the workspace sets another).
 * The caller reports it at the price's cell (`price-implausible`) and leaves the item out.
 */
export function implausiblePrice(kopecks: number, raw: string | number | null | undefined, ceiling = PRICE_CEILING_KOPECKS): ImplausiblePrice | null {
  if (raw !== null && raw !== undefined && (typeof raw === 'number' ? Number.isSafeInteger(raw) && raw >= 1e9 : true) && isValidIsbn(raw)) return 'isbn';
  return kopecks > ceiling ? 'above-ceiling' : null;
}

/** The parameters of the `price-implausible` finding: the price as written and why, in both languages. */
export function implausiblePriceParams(reason: ImplausiblePrice, value: string, ceiling = PRICE_CEILING_KOPECKS): FindingParams {
  return reason === 'isbn'
    ? { value, reason, reason_ru: 'это ISBN — похоже, столбцы сдвинуты', reason_en: 'it is an ISBN: the columns seem to have slipped' }
    : {
        value,
        reason,
        ceiling: ceiling / 100,
        reason_ru: `больше предела ${formatMoney(ceiling, 'ru')} ₽ за экземпляр`,
        reason_en: `above the limit of ${formatMoney(ceiling, 'en')} RUB a copy`,
      };
}

/**
 * An amount or a count beyond what uchebnik can add up exactly (Number.MAX_SAFE_INTEGER kopecks,
 * 90 трлн ₽): the data's fault, never a bug (issue #22), so exit 1 with the entity that caused it.
 * `what` names the figure (`line sum`, `total`), the other parameters the entity: school,
 * publisher, item, municipality. Callers that know more catch it and add what they know.
 */
export class AmountOverflow extends DataError {
  constructor(readonly what: string, readonly entity: OverflowEntity = {}) {
    super('money.overflow', overflowParams(what, entity));
  }

  /** The same overflow with more of the entity named (what is already named stays). */
  within(entity: OverflowEntity): AmountOverflow {
    return new AmountOverflow(this.what, { ...entity, ...dropUndefined(this.entity) });
  }
}

/** The `amount-overflow` finding of an overflow, for a command's report (exit 1). */
export function overflowFinding(err: AmountOverflow): Finding {
  const { school, item } = err.entity;
  return finding('amount-overflow', 'error', {}, err.params as FindingParams, { school, item });
}

/** Who an overflowing figure belongs to. */
export interface OverflowEntity {
  school?: string;
  municipality?: string;
  publisher?: string;
  item?: string;
  grade?: number;
  quantity?: number;
  price_kopecks?: number;
}

const WHAT: Record<string, [string, string]> = {
  amount: ['сумма', 'amount'],
  sum: ['сумма', 'sum'],
  'line sum': ['сумма строки (количество × цена)', 'line sum (quantity × price)'],
  quantity: ['количество', 'quantity'],
  price: ['цена', 'price'],
  total: ['итог', 'total'],
  copies: ['число экземпляров', 'number of copies'],
};

const LABELS: [keyof OverflowEntity, string, string][] = [
  ['municipality', 'муниципалитет', 'municipality'],
  ['school', 'школа', 'school'],
  ['publisher', 'издательство', 'publisher'],
  ['item', 'позиция', 'item'],
  ['grade', 'класс', 'grade'],
  ['quantity', 'количество', 'quantity'],
  ['price_kopecks', 'цена', 'price'],
];

function dropUndefined(e: OverflowEntity): OverflowEntity {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as OverflowEntity;
}

/** The parameters of `money.overflow` and the `amount-overflow` finding, in both languages. */
export function overflowParams(what: string, entity: OverflowEntity): MessageParams {
  const [whatRu, whatEn] = WHAT[what] ?? [what, what];
  const shown = (k: keyof OverflowEntity, lang: 'ru' | 'en') => {
    const v = entity[k]!;
    return k === 'price_kopecks' && Number.isSafeInteger(v) ? `${formatMoney(v as number, lang)} ${lang === 'ru' ? '₽' : 'RUB'}` : `«${v}»`;
  };
  const present = LABELS.filter(([k]) => entity[k] !== undefined);
  const where = (lang: 'ru' | 'en') => present.map(([k, ru, en]) => `${lang === 'ru' ? ru : en} ${shown(k, lang)}`).join(', ') || (lang === 'ru' ? 'весь свод' : 'the whole consolidation');
  return {
    what,
    what_ru: whatRu[0]!.toUpperCase() + whatRu.slice(1),
    what_en: whatEn,
    where_ru: where('ru'),
    where_en: where('en'),
    ...Object.fromEntries(present.map(([k]) => [k, entity[k]])),
  };
}

/**
 * `x` is a whole amount (kopecks) or count: a fraction or NaN is a bug in uchebnik (RangeError); a
 * whole number beyond the safe range is the data's (AmountOverflow).
 */
export function assertKopecks(x: number, what: string, entity: OverflowEntity = {}): void {
  if (Number.isSafeInteger(x)) return;
  if (Number.isInteger(x) || x === Infinity || x === -Infinity) throw new AmountOverflow(what, entity);
  throw new RangeError(`${what} must be a safe integer (kopecks, copies): ${x}`);
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

/**
 * Sum of kopeck amounts; a fraction is a bug (RangeError, «never a float in money»), a total beyond
 * the safe range the data's ({@link AmountOverflow} naming `entity`).
 */
export function sumKopecks(xs: readonly number[], entity: OverflowEntity = {}): number {
  let total = 0;
  for (const x of xs) {
    assertKopecks(x, 'amount', entity);
    total += x;
    assertKopecks(total, 'sum', entity);
  }
  return total;
}

/** A line's sum: quantity × price in kopecks; beyond the safe range, an {@link AmountOverflow} naming the line. */
export function lineSum(qty: number, priceKopecks: number, entity: OverflowEntity = {}): number {
  const line = { ...entity, quantity: qty, price_kopecks: priceKopecks };
  assertKopecks(qty, 'quantity', line);
  assertKopecks(priceKopecks, 'price', line);
  const sum = qty * priceKopecks;
  assertKopecks(sum, 'line sum', line);
  return sum;
}
