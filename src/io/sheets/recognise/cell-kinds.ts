/**
 * What a cell holds, judged by its content alone: the evidence the column recogniser
 * (recognise.ts) weighs against header words. Each test is a pure function of one cell value and
 * reuses the parsers the domain applies later, so «looks like a price» here means exactly «parseMoney
 * will read it as a price» there — the recogniser never accepts a column its reader would refuse.
 */
import { parseFpuCode, parseSectionRow } from '../../../core/fpu.js';
import { parseGrade } from '../../../core/grade.js';
import { isValidIsbn, normalizeIsbn } from '../../../core/isbn.js';
import { parseMoney } from '../../../core/money.js';
import { cleanText, isBlankText } from '../../../core/text.js';
import { parseVatRate } from '../../../core/vat.js';
import type { CellScalar } from '../types.js';

/**
 * The kinds of content a column can be recognised by. `text` is any text with letters (names,
 * titles); `title` is a long text of several words; `authors` a list of «Фамилия И.О.» names;
 * `authors_title` such names followed by a title in one cell; `code` an identifier without spaces.
 */
export type CellKind =
  | 'fpu'
  | 'isbn'
  | 'code'
  | 'money'
  | 'grade'
  | 'vat'
  | 'year'
  | 'whole'
  | 'shortcode'
  | 'inn'
  | 'kpp'
  | 'authors'
  | 'authors_title'
  | 'title'
  | 'text';

export const CELL_KINDS: readonly CellKind[] = ['fpu', 'isbn', 'code', 'money', 'grade', 'vat', 'year', 'whole', 'shortcode', 'inn', 'kpp', 'authors', 'authors_title', 'title', 'text'];

/**
 * Texts as cellString gives them. The recogniser asks for the same cells again and again (as a header
 * candidate, as the line below one, in each profile), and a region's files share most of their texts:
 * each is cleaned once. Bounded like the header memo of src/core/text.ts.
 */
const cleaned = new Map<string, string>();

export function cellString(v: CellScalar | undefined): string {
  if (v === null || v === undefined || typeof v === 'boolean') return '';
  if (typeof v !== 'string') {
    const s = String(v);
    return isBlankText(s) ? '' : s;
  }
  let s = cleaned.get(v);
  if (s === undefined) {
    if (cleaned.size >= 50_000) cleaned.clear();
    s = cleanText(v);
    if (isBlankText(s)) s = '';
    cleaned.set(v, s);
  }
  return s;
}

// «Фамилия И.О.», «Фамилия И. О.», «И.О. Фамилия», the way publishers list authors.
const SURNAME_INITIALS = String.raw`[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ]?[a-zа-яё]+)?\s?[A-ZА-ЯЁ]\.\s?(?:[A-ZА-ЯЁ]\.)?`;
const INITIALS_SURNAME = String.raw`[A-ZА-ЯЁ]\.\s?(?:[A-ZА-ЯЁ]\.)?\s?[A-ZА-ЯЁ][a-zа-яё]+`;
const NAME = `(?:${SURNAME_INITIALS}|${INITIALS_SURNAME})`;
// Names are joined by a comma, a semicolon or «и»: «Сидоров В.В. Математика» is a name and a title,
// not the names «Сидоров В.» and «В. Математика».
const AUTHORS = new RegExp(String.raw`^${NAME}(?:(?:\s?[,;]\s?|\sи\s)${NAME})*(?:,?\s?и\s?др\.?)?(?:\s?/?\s?[Пп]од\s?ред\.?.*)?$`, 'u');
const STARTS_WITH_NAME = new RegExp(String.raw`^${NAME}(?:\s?,?\s?${NAME})*,?\s?(?:и\s?др\.?,?\s?)?\S`, 'u');

const LETTER = /\p{L}/u;
const CODE = /^[\p{L}\d][\p{L}\d./_\-]{2,31}$/u;
const DIGITS = /^\d+$/u;
const VAT_TEXT = /^(?:\d{1,2}(?:[.,]\d+)?\s?%|0[.,](?:1|18|2|20|05)|10|18|20|0|без ндс.*|ндс не облаг.*|не облаг.*)$/iu;
const VAT_RATES = new Set([0, 5, 7, 10, 18, 20]);

function isMoney(v: CellScalar, s: string): boolean {
  if (typeof v === 'number') return v > 0 && v < 10_000_000;
  // A price is written with at most two decimals; «1.2.3» or an fpu code is not one.
  if (!/^\d[\d\s.,]*(?:\s?(?:р|руб|₽)\.?)?$/iu.test(s)) return false;
  const k = parseMoney(s);
  return typeof k === 'number' && k > 0;
}

/** Does one cell value fit a kind? Blank cells fit nothing (the caller does not count them). */
export function fits(kind: CellKind, v: CellScalar, s: string = cellString(v)): boolean {
  if (s === '') return false;
  switch (kind) {
    case 'fpu': {
      const f = parseFpuCode(s);
      return f !== null && f !== 'invalid';
    }
    case 'isbn':
      // A number cell drops an ISBN-10's leading zero, but 0 (an empty sum) padded to «0000000000»
      // passes the checksum too: a number must have at least nine digits.
      if (typeof v === 'number' && !(v >= 1e8)) return false;
      return normalizeIsbn(typeof v === 'number' ? v : s) !== null && isValidIsbn(typeof v === 'number' ? v : s);
    case 'code':
      return (CODE.test(s) && !fits('fpu', v, s) && !(DIGITS.test(s) && s.length < 4)) || (typeof v === 'number' && Number.isInteger(v) && v >= 1000);
    case 'money':
      return isMoney(v, s);
    case 'grade': {
      const g = parseGrade(typeof v === 'number' ? v : s);
      return g !== null && g !== 'invalid';
    }
    case 'vat': {
      if (typeof v === 'number') {
        const r = parseVatRate(v);
        return typeof r === 'number' && VAT_RATES.has(r);
      }
      if (!VAT_TEXT.test(s)) return false;
      const r = parseVatRate(s);
      return typeof r === 'number' && VAT_RATES.has(r);
    }
    case 'year': {
      const n = typeof v === 'number' ? v : DIGITS.test(s) ? Number(s) : NaN;
      return Number.isInteger(n) && n >= 1990 && n <= 2040;
    }
    case 'whole': {
      const n = typeof v === 'number' ? v : DIGITS.test(s.replace(/\s/gu, '')) ? Number(s.replace(/\s/gu, '')) : NaN;
      return Number.isInteger(n) && n >= 0;
    }
    case 'shortcode':
      // A municipality's or a school's code: «101», «M1», «KEM_0001», «04-12» — no spaces, short.
      return /^[\p{L}\d][\p{L}\d._\-/]{0,15}$/u.test(s) && !fits('fpu', v, s);
    case 'inn':
      return /^\d{10}(?:\d{2})?$/u.test(s);
    case 'kpp':
      return /^\d{4}[\dA-Z]{2}\d{3}$/u.test(s);
    case 'authors':
      return AUTHORS.test(s);
    case 'authors_title':
      return STARTS_WITH_NAME.test(s) && !AUTHORS.test(s) && s.length >= 12;
    case 'title':
      return LETTER.test(s) && s.length >= 8 && s.includes(' ') && parseSectionRow(s) === null && !AUTHORS.test(s);
    case 'text':
      return LETTER.test(s);
  }
}

/** A section heading («1.1.1.1. Русский язык (учебный предмет)») fits no column and counts against none. */
export function isSectionText(s: string): boolean {
  // «201.401.0Д.ХХ» is an item code, not section 201.401.0 titled «Д.ХХ»: a heading's title has words.
  const section = parseSectionRow(s);
  return section !== null && /\p{Ll}{3}/u.test(section.title);
}
