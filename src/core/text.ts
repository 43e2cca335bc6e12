/**
 * Text as it arrives in cells: no-break and thin spaces from Word and 1C, Windows line breaks inside
 * header cells («Цена с НДС,\r\nруб.»), zero-width characters from copy-paste, decomposed «й»/«ё»
 * from macOS. `normalizeHeader` is the key header matching compares (docs/file-formats.md#reading); `normalizeTitle`
 * compares textbook titles that publishers and schools spell differently («Ч. 1» / «часть 1»).
 */

// Horizontal whitespace: space, tab, vertical tab, form feed, NBSP, the Unicode spaces U+2000–U+200A
// (thin, hair, figure…), narrow NBSP U+202F, medium math space, ideographic space.
const SPACES = /[ \t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/gu;
const LINE_BREAKS = /\r\n|[\r\u0085\u2028\u2029]/gu;
// Zero-width space/joiners, word joiner, BOM and soft hyphen are invisible in Excel yet break equality.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;

/** Trim, one space for any run of spaces, `\n` for any line break, no spaces around line breaks. */
export function cleanText(s: string): string {
  return s
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(LINE_BREAKS, '\n')
    .replace(SPACES, ' ')
    .replace(/ ?\n ?/gu, '\n')
    .trim();
}

// Latin and Cyrillic letters and ASCII digits are what header and title words are made of; everything
// else (punctuation, №, %, quotes, line breaks, Roman-numeral signs, other scripts) only separates words.
const NOT_LETTER_OR_DIGIT = /[^0-9\p{L}]+/gu;
const OTHER_SCRIPT = /[^0-9 \p{Script=Latin}\p{Script=Cyrillic}]+/gu;

function words(s: string): string {
  return cleanText(s)
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .replace(OTHER_SCRIPT, ' ')
    .replace(/ +/gu, ' ')
    .trim();
}

// Header texts repeat from file to file (700 schools' forms share one template), and header search
// normalizes every cell of the first rows against every synonym: remembered, not recomputed.
const headerCache = new Map<string, string>();

/** «Цена с НДС,\nруб.» and «цена  с ндс руб» → «цена с ндс руб». */
export function normalizeHeader(s: string): string {
  let n = headerCache.get(s);
  if (n === undefined) {
    if (headerCache.size >= 50_000) headerCache.clear();
    headerCache.set(s, (n = words(s)));
  }
  return n;
}

// Word forms that mean the same in a title, each reduced to one spelling.
const TITLE_WORDS: Record<string, string> = {
  часть: 'ч',
  части: 'ч',
  частях: 'ч',
  частей: 'ч',
  класс: 'кл',
  класса: 'кл',
  классы: 'кл',
  классов: 'кл',
  книга: 'кн',
  книги: 'кн',
  книгах: 'кн',
  двух: '2',
  трех: '3',
  четырех: '4',
};

/**
 * A title reduced for comparison: as `normalizeHeader`, and also «часть 1» = «Ч.1» = «ч 1»,
 * «В 2-х частях» = «в 2 ч» = «в двух частях», «1 класс» = «1 кл.».
 */
export function normalizeTitle(s: string): string {
  // «2-х», «3-ти», «2х»: the ordinal ending after a digit adds nothing.
  const base = words(s.replace(/(\d)(?:\s*-\s*)?(?:х|x|ух|ех|ёх|ти|и)(?![\p{L}\d])/giu, '$1'));
  return base
    .split(' ')
    .map((w) => TITLE_WORDS[w] ?? w)
    .join(' ');
}

/** An empty cell as tables write it: nothing, spaces, or a lone dash («-», «—») meaning «none». */
export function isBlankText(s: string): boolean {
  return /^[-–—]*$/u.test(cleanText(s));
}
