/**
 * The total in words, as a specification to a contract writes it under the figures (docs/file-formats.md#specifications):
 * «Двенадцать тысяч триста сорок пять рублей 60 копеек» — rubles in words, kopecks as two digits.
 */

/** The Russian plural form for n: 1, 21 → one; 2–4, 22 → few; 5–20, 11–14, 111 → many; fractions → few. */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  // «1,5 рубля»: a fraction takes the genitive singular, the same form as 2–4.
  if (!Number.isInteger(n)) return few;
  const abs = Math.abs(n);
  const lastTwo = abs % 100;
  const last = abs % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

const ONES_MASCULINE = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const ONES_FEMININE = ['', 'одна', 'две', ...ONES_MASCULINE.slice(3)];
const TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
];
const TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];

interface Scale {
  forms: [string, string, string];
  feminine: boolean;
}

// From the smallest: rubles themselves (masculine), then thousands (feminine: «одна тысяча»,
// «две тысячи»), millions, billions, trillions — enough for every safe integer of kopecks.
const SCALES: Scale[] = [
  { forms: ['', '', ''], feminine: false },
  { forms: ['тысяча', 'тысячи', 'тысяч'], feminine: true },
  { forms: ['миллион', 'миллиона', 'миллионов'], feminine: false },
  { forms: ['миллиард', 'миллиарда', 'миллиардов'], feminine: false },
  { forms: ['триллион', 'триллиона', 'триллионов'], feminine: false },
];

function triad(n: number, feminine: boolean): string[] {
  const words = [HUNDREDS[Math.floor(n / 100)]!];
  const rest = n % 100;
  if (rest >= 10 && rest < 20) words.push(TEENS[rest - 10]!);
  else words.push(TENS[Math.floor(rest / 10)]!, (feminine ? ONES_FEMININE : ONES_MASCULINE)[rest % 10]!);
  return words.filter(Boolean);
}

/** A whole number in words, masculine («один», «два») — how rubles are counted. */
function numberInWords(n: number): string {
  if (n === 0) return 'ноль';
  // Triads from the lowest, split off exactly: n / 1000 ** i in floats can round up near 2^53.
  const parts: number[] = [];
  for (let rest = n; rest > 0; rest = (rest - (rest % 1000)) / 1000) parts.push(rest % 1000);
  const words: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    if (part === 0) continue;
    const scale = SCALES[i]!;
    words.push(...triad(part, scale.feminine));
    if (i > 0) words.push(pluralRu(part, ...scale.forms));
  }
  return words.join(' ');
}

/** «Двенадцать тысяч триста сорок пять рублей 60 копеек»; throws on a negative or non-integer amount. */
export function amountInWords(kopecks: number): string {
  if (!Number.isSafeInteger(kopecks) || kopecks < 0)
    throw new RangeError(`amount must be whole non-negative kopecks: ${kopecks}`);
  const rubles = Math.floor(kopecks / 100);
  const cents = kopecks % 100;
  const text =
    `${numberInWords(rubles)} ${pluralRu(rubles, 'рубль', 'рубля', 'рублей')} ` +
    `${String(cents).padStart(2, '0')} ${pluralRu(cents, 'копейка', 'копейки', 'копеек')}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
