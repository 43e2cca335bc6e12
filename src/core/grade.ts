/**
 * School grades (классы) 1–11 and ranges of them, as price lists write them in a «Класс» column —
 * `1`, `5-9`, ` 10 - 11`, `5–9`, `3- 4`, `1 класс`, `7-8 кл.`, Русское слово's `10(11)` — and, for
 * Мнемозина, which has no grade column, inside the title: «"Букварь". 1 кл. Учебник», «7 - 9 кл.»,
 * «учебник для 5 класса».
 */
import { cleanText, isBlankText } from './text.js';

export interface GradeRange {
  from: number;
  to: number;
}

const MIN_GRADE = 1;
const MAX_GRADE = 11;

const DASH = '[-–—−]';
const CLASS_WORD = '(?:кл\\.?|класс(?:а|ы|ов|ах)?)';
// «5-й», «5-го», «5-х»: ordinal endings after the number.
const NUMBER = '(\\d{1,2})(?:-?(?:й|го|м|х))?';

const RANGE = new RegExp(`^${NUMBER}(?: ?${DASH} ?${NUMBER})?(?: ?${CLASS_WORD})?$`, 'iu');
// «5,6», «5, 6, 7», «10(11)»: grades listed one by one.
const LIST = new RegExp(`^(\\d{1,2})((?: ?[,;] ?\\d{1,2})+| ?\\(\\d{1,2}\\))(?: ?${CLASS_WORD})?$`, 'iu');

function range(from: number, to: number): GradeRange | 'invalid' {
  return from >= MIN_GRADE && to <= MAX_GRADE && from <= to ? { from, to } : 'invalid';
}

// A list is a range only when it leaves no grade out: «5,6» is 5–6, «10(11)» (for 10, or 11) is
// 10–11, but «5,7» is not 5–7, which would claim grade 6 too.
function fromList(grades: number[]): GradeRange | 'invalid' {
  const sorted = [...grades].sort((a, b) => a - b);
  const consecutive = sorted.every((g, i) => i === 0 || g === sorted[i - 1]! + 1);
  return consecutive ? range(sorted[0]!, sorted[sorted.length - 1]!) : 'invalid';
}

/** A «Класс» cell → a range of grades; null when blank; 'invalid' outside 1–11 or unreadable. */
export function parseGrade(v: string | number | null | undefined): GradeRange | null | 'invalid' {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? range(v, v) : 'invalid';
  if (isBlankText(v)) return null;
  const s = cleanText(v);
  // The preparatory class of special (коррекционные) schools («подгот.», «подготовительный») learns
  // from first-grade books and is counted with the first grade.
  if (/^подгот/iu.test(s)) return { from: 1, to: 1 };
  let m = RANGE.exec(s);
  if (m) return range(Number(m[1]), Number(m[2] ?? m[1]));
  m = LIST.exec(s);
  if (m) return fromList([m[1]!, ...m[2]!.match(/\d+/gu)!].map(Number));
  return 'invalid';
}

// A grade in a title is a number (or two) followed by «кл.» or «класс…»; «В 2 ч.», «ч. 1» and years
// have no such word after them. The look-behind keeps «1.1 кл» or «2015 кл» from yielding a grade.
const IN_TITLE = new RegExp(
  `(?<![\\d.,])${NUMBER}(?: ?${DASH} ?${NUMBER})? ?${CLASS_WORD}(?![\\p{L}\\d])`,
  'giu',
);

/** The grade a title names («"Букварь". 1 кл. Учебник» → 1, «10-11 кл.» → 10–11); null when none. */
export function gradeFromTitle(title: string): GradeRange | null {
  for (const m of cleanText(title).matchAll(IN_TITLE)) {
    const r = range(Number(m[1]), Number(m[2] ?? m[1]));
    if (r !== 'invalid') return r;
  }
  return null;
}

/** `5–9` with an en dash, or `1`. */
export function formatGrade(r: GradeRange): string {
  return r.from === r.to ? String(r.from) : `${r.from}–${r.to}`;
}

export function gradeContains(r: GradeRange, grade: number): boolean {
  return grade >= r.from && grade <= r.to;
}
