/**
 * Codes of the federal list of textbooks (ФПУ): dotted integers of 5–7 levels as price lists write
 * them («1.1.1.1.4.1», «1.1.1.2.1.3.61», «2.1.2.2.6.1 », «1.1.1.1.4.1.»), `99.99.99.99.99.99` for
 * an item that is not in the list, and the numbered section rows between items
 * («1.1.1.1. Русский язык (учебный предмет)», «1.1. Начальное общее образование»).
 */
import { cleanText, isBlankText } from './text.js';

export interface FpuCode {
  code: string;
  /** `99.99.99.99.99.99`: the publisher marks the item as outside the federal list */
  notInList: boolean;
}

const CODE = /^\d{1,3}(?:\.\d{1,3}){4,6}$/u;
const NOT_IN_LIST = '99';

/** A code cell → the code with its levels as plain numbers; null when blank. */
export function parseFpuCode(s: string | number | null | undefined): FpuCode | 'invalid' | null {
  if (s === null || s === undefined) return null;
  const text = String(s);
  if (isBlankText(text)) return null;
  const compact = cleanText(text)
    .replace(/ ?\. ?/gu, '.')
    .replace(/\.$/u, '');
  if (!CODE.test(compact)) return 'invalid';
  const levels = compact.split('.').map((l) => String(Number(l)));
  return { code: levels.join('.'), notInList: levels.every((l) => l === NOT_IN_LIST) };
}

export interface SectionRow {
  code: string;
  title: string;
  level: number;
}

// A section's number ends with a dot when it has one level («1. Учебники…»), so that «1 класс» is
// not taken for a section; deeper numbers may omit it («1.1 Начальное общее образование»).
// The title starts with a letter or an opening quote.
const SECTION = /^(\d{1,3}\.(?:\d{1,3}\.){0,5}|\d{1,3}(?:\.\d{1,3}){1,5}) ?([\p{L}«"][\s\S]*)$/u;

/**
 * A section heading written in one cell → its number and title. Up to six levels are accepted,
 * because a 7-level list has 6-level sections; an item whose code and title share a cell looks
 * the same, so the caller also checks that the row carries no price or item code.
 */
export function parseSectionRow(text: string): SectionRow | null {
  const m = SECTION.exec(cleanText(text));
  if (!m) return null;
  const code = m[1]!.replace(/\.$/u, '');
  return { code, title: m[2]!.trim(), level: code.split('.').length };
}

/** The level of a section heading («1.1.1.1. Русский язык» → 4); null when the text is not one. */
export function isSectionCode(s: string): number | null {
  return parseSectionRow(s)?.level ?? null;
}
