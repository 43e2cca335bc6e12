/**
 * VAT (НДС). Price lists are VAT-inclusive and mark the rate per item when it is not the usual 10 %
 * for books: Мнемозина writes «18%» for book + CD and «10%», percent-formatted xlsx cells give 0.1,
 * invoices write the calculated rate «10/110», and some suppliers sell «Без НДС».
 */
import { cleanText, isBlankText } from './text.js';
import { decimalOfNumber, parseDecimal, type Decimal } from './values.js';

// «Без НДС», «Без НДС (УСН)», «НДС не облагается», «Не облаг.».
const NO_VAT = /^(?:без ндс|(?:ндс )?не облаг)/u;
// «10/110»: the calculated rate invoices use for VAT contained in a price.
const CALCULATED = /^(\d{1,2}) ?\/ ?(\d{3})$/u;

// A rate is a whole percent below 100. A share such as 0.1 — how a percent-formatted cell stores
// 10 % — becomes one when `share` allows it.
function wholePercent(d: Decimal, share: boolean): number | 'invalid' {
  if (d.negative) return 'invalid';
  const isShare = share && d.int === '0' && d.frac !== '';
  const [int, frac] = isShare ? [d.frac.slice(0, 2).padEnd(2, '0'), d.frac.slice(2)] : [d.int, d.frac];
  const n = Number(int);
  return frac === '' && n < 100 ? n : 'invalid';
}

/**
 * A VAT rate → whole percent: «10%», «10», «18 %», «НДС 20%», 0.1, «0,1», «10/110», «Без НДС» → 0.
 * A number strictly between 0 and 1 is a fraction (0.18 → 18); 1 and above are percents.
 * Blank is null (the caller applies the default rate).
 */
export function parseVatRate(v: string | number | null | undefined): number | null | 'invalid' {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? wholePercent(decimalOfNumber(v), true) : 'invalid';
  if (isBlankText(v)) return null;
  const s = cleanText(v).toLowerCase().replace(/ё/gu, 'е');
  if (NO_VAT.test(s)) return 0;
  const bare = s.replace(/^ндс /u, '').replace(/ ?%$/u, '');
  const calculated = CALCULATED.exec(bare);
  if (calculated) {
    const rate = Number(calculated[1]);
    return Number(calculated[2]) === 100 + rate ? rate : 'invalid';
  }
  const d = parseDecimal(bare);
  return d ? wholePercent(d, !s.endsWith('%')) : 'invalid';
}

const VAT_RATES = new Set([0, 5, 7, 10, 18, 20]);

/**
 * A rate a text states in words — «НДС 18%», «в т.ч. НДС 10 %», «18% НДС», «Без НДС» — as a note
 * column or a title writes it (a price list that marks book + CD at 18 % in «Примечание»); null when
 * the text states none.
 */
export function vatStatedIn(s: string): number | null {
  const text = cleanText(s).toLowerCase().replace(/ё/gu, 'е');
  if (/без\s?ндс|ндс не облаг/u.test(text)) return 0;
  const m = /ндс\D{0,12}?(\d{1,2})\s?%|(\d{1,2})\s?%\s?ндс/u.exec(text);
  if (!m) return null;
  const rate = Number(m[1] ?? m[2]);
  return VAT_RATES.has(rate) ? rate : null;
}

/**
 * The VAT contained in a VAT-inclusive amount, in kopecks: gross × rate / (100 + rate), rounded half
 * up at the kopeck (half away from zero for a negative amount), in integer arithmetic.
 *
 * Apply it to a line's sum, not to the unit price: a счёт-фактура states «в т.ч. НДС» per line
 * (column 8) from the line's cost, and the document's VAT at each rate is the sum of those line
 * VATs, not the VAT of the rate's total. Multiplying a rounded unit VAT by the quantity drifts by
 * up to half a kopeck per copy.
 */
export function vatIncluded(grossKopecks: number, ratePercent: number): number {
  if (!Number.isSafeInteger(grossKopecks)) throw new RangeError(`amount must be whole kopecks: ${grossKopecks}`);
  if (!Number.isInteger(ratePercent) || ratePercent < 0 || ratePercent >= 100)
    throw new RangeError(`VAT rate must be a whole percent: ${ratePercent}`);
  const gross = BigInt(Math.abs(grossKopecks));
  const rate = BigInt(ratePercent);
  const denominator = 100n + rate;
  const vat = Number((2n * gross * rate + denominator) / (2n * denominator));
  return grossKopecks < 0 && vat !== 0 ? -vat : vat;
}
