/**
 * A publisher's price list (docs/file-formats.md#price-lists): the columns it may have and the catalogue items its rows
 * make. The table layer finds the header with PRICELIST_FIELDS and hands over each row's raw cells;
 * here a row becomes an item, a section heading, a banner, or findings at its cells.
 *
 * What happens to a row with a problem: an error in a value the campaign relies on — the fpu code,
 * the price, the grade, the VAT rate, the identity — keeps the row out of the catalogue, because an
 * item stored with a guessed value would be ordered, checked and paid at that guess. A bad ISBN, which
 * nothing relies on, is reported (as an error: the publisher must fix it) and the item is loaded
 * without it.
 */
import { normalizeItemCode, type CatalogueItem } from '../../core/model/catalogue.js';
import { finding, type Finding } from '../../core/finding.js';
import { parseFpuCode, parseSectionRow } from '../../core/fpu.js';
import { gradeFromTitle, parseGrade, type GradeRange } from '../../core/grade.js';
import { isbn10to13, isValidIsbn, normalizeIsbn } from '../../core/isbn.js';
import { implausiblePrice, implausiblePriceParams, parseMoney } from '../../core/money.js';
import { cleanText, isBlankText, normalizeTitle } from '../../core/text.js';
import { parseVatRate, vatStatedIn } from '../../core/vat.js';

export type FieldKey =
  | 'fpu_code'
  | 'item_code'
  | 'isbn'
  | 'authors'
  | 'title'
  | 'grade'
  | 'price'
  | 'vat_rate'
  | 'year'
  | 'series'
  | 'note';

export interface PriceListField {
  key: FieldKey;
  /** header texts as publishers write them; compared after normalizeHeader */
  synonyms: string[];
  /** a header also matches when it starts with a synonym followed by more words */
  prefix?: boolean;
}

/**
 * The columns of the real lists and where they go (headers as normalizeHeader leaves them):
 * - Просвещение: «порядковый номер учебника», «система» and «линия умк» (series: the longer synonym
 *   wins), «код 1с», «автор авторский коллектив» (authors — an exact synonym, so it beats
 *   «автор в 1с издательства просвещение», which only starts with «автор»), «наименование учебника»,
 *   «класс», «примечание», «год издания», «цена с ндс руб»;
 * - Мнемозина: «код» (its item codes, 201.401.0Д.ХХ), «автор», «наименование продукции», «фгос» (the
 *   fpu code under «ФГОС*»), «ндс», «цена руб»;
 * - Русское слово: «код издательсва» [sic], «фп», «авторы название учебника» (title), «класс»,
 *   «год изд», «цена с ндс руб», «примечание»;
 * - Владос: «по фп», «авторы наименование учебника», «класс», «год издания», «цена за единицу руб»;
 * - Бином: «фп 2014 2015у г» (a prefix match of «фп»), «код 1с», «авторы название учебника», «класс»,
 *   «цена».
 * The combined «Авторы, название учебника» is listed under title: an exact match ranks above the
 * authors' prefix match of «Авторы», so that column is the title and the authors stay unassigned.
 */
export const PRICELIST_FIELDS: PriceListField[] = [
  {
    key: 'fpu_code',
    synonyms: ['Порядковый номер учебника', '№ по ФП', '№ФП', '№ ФП', 'Код ФП', 'Код ФПУ', '№ ФПУ', 'Номер в ФП', 'Номер по ФП', 'ФГОС*'],
    prefix: true,
  },
  {
    key: 'item_code',
    // No prefix: «Код» would otherwise claim «Код ОКП», «Код по ОКВЭД» and the like.
    synonyms: ['Код 1С', 'Код заказа 1С', 'Код издательства', 'Код издательсва', 'Код товара', 'Код', 'Артикул'],
    prefix: false,
  },
  { key: 'isbn', synonyms: ['ISBN'], prefix: true },
  { key: 'authors', synonyms: ['Автор/авторский коллектив', 'Авторы', 'Автор'], prefix: true },
  {
    key: 'title',
    synonyms: [
      'Наименование учебника',
      'Наименование',
      'Наименование продукции',
      'Авторы, название учебника',
      'Авторы, наименование учебника',
      'Название учебника',
      'Название',
    ],
    prefix: true,
  },
  { key: 'grade', synonyms: ['Класс'], prefix: true },
  {
    key: 'price',
    synonyms: ['Цена с НДС, руб.', 'Цена с НДС', 'Цена с доставкой (в т.ч. НДС), руб.', 'Цена за единицу (руб.)', 'Цена, руб.', 'Цена'],
    prefix: true,
  },
  { key: 'vat_rate', synonyms: ['НДС', 'НДС %', 'Ставка НДС'], prefix: true },
  { key: 'year', synonyms: ['Год издания', 'год изд.'], prefix: true },
  { key: 'series', synonyms: ['Линия УМК', 'Система', 'УМК'], prefix: true },
  { key: 'note', synonyms: ['Примечание'], prefix: true },
];

/** A price list needs a price, something that names the book, and something that identifies the item. */
export const PRICELIST_REQUIRED: string[] = ['price', 'title|authors', 'fpu_code|item_code|isbn'];

export type PriceCell = string | number | null;

/** One data row of a price list: the raw cell values of its fields and the columns they are in. */
export interface PriceRowInput {
  /** 1-based row as the spreadsheet shows it */
  row: number;
  values: Partial<Record<FieldKey, PriceCell>>;
  /** field → column letter; a field the table has no column for is absent */
  columns: Partial<Record<FieldKey, string>>;
  /**
   * texts of the row's other cells (columns no field took), each with its column letter: a VAT rate
   * stated in words there («НДС 18%») is the item's rate when the list has no rate column for it
   */
  other?: { column: string; text: string }[];
}

export interface PriceListContext {
  file: string;
  sheet?: string;
  publisher: string;
  /** whole percent applied when an item has no rate of its own (default 10) */
  defaultVat?: number;
}

export interface PriceListStats {
  /** rows given */
  rows: number;
  /** items loaded */
  items: number;
  /** section headings («1.1.1.1. Русский язык (учебный предмет)», Мнемозина's «201 Русский язык») */
  sections: number;
  /** everything else: banners, subheadings, signature blocks, and rows not loaded because of an error */
  skipped: number;
}

export interface PriceListParse {
  items: CatalogueItem[];
  findings: Finding[];
  stats: PriceListStats;
}

export const DEFAULT_VAT_RATE = 10;

/**
 * The item's identity within its publisher: its item code, else its ISBN (an ISBN-10 as its ISBN-13,
 * the same book either way), else its fpu code with its title (parts 1 and 2 of one textbook, or a
 * book and its CD, share an fpu code).
 */
export function itemKey(ids: { item_code?: string; isbn?: string; fpu_code?: string; title: string }): string {
  if (ids.item_code) return `code:${ids.item_code}`;
  if (ids.isbn) return `isbn:${isbn10to13(ids.isbn) ?? ids.isbn}`;
  return `fpu:${ids.fpu_code ?? ''}:${normalizeTitle(ids.title)}`;
}

function text(v: PriceCell | undefined): string {
  if (v === null || v === undefined) return '';
  const s = cleanText(String(v));
  return isBlankText(s) ? '' : s;
}

// «Фамилия И.О.» (or «Фамилия И.»), the way publishers list authors before a title.
const NAME = String.raw`[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ]?[a-zа-яё]+)?\s?[A-ZА-ЯЁ]\.\s?(?:[A-ZА-ЯЁ]\.)?`;
const AUTHORS_THEN_TITLE = new RegExp(
  String.raw`^(${NAME}(?:\s?,?\s?${NAME})*(?:,?\s?и\s?др\.?)?` +
    String.raw`(?:\s?/?\s?[Пп]од\s?ред\.\s?${NAME}(?:(?:\s?,\s?|\sи\s)${NAME})*)?)` +
    // The title starts a word (a capital and a small letter) or a quotation — and is neither one more
    // name nor an editor the pattern could not take in (then the names are not a clean list).
    String.raw`,?\s?(?![A-ZА-ЯЁ][a-zа-яё]+\s?[A-ZА-ЯЁ]\.|[Пп]од\s?ред)((?:[A-ZА-ЯЁ][a-zа-яё]|["«„])[\s\S]*)$`,
  'u',
);

/**
 * Русское слово, Владос and Бином write «Авторы, название учебника» in one cell. When the cell starts
 * with a clean list of «Фамилия И.О.» names (with «и др.» and «Под ред. …» after them) the names are
 * the authors and the rest is the title; anything less regular stays whole as the title, because a
 * wrong split would put part of the title among the authors.
 */
export function splitAuthorsTitle(s: string): { authors: string; title: string } {
  const m = AUTHORS_THEN_TITLE.exec(s);
  return m ? { authors: m[1]!.trim(), title: m[2]!.trim() } : { authors: '', title: s };
}

// Дрофа writes the ОРКСЭ course as «4 (4-5)»: grade 4, in the federal list for grades 4–5.
const GRADE_AND_RANGE = /^(\d{1,2}) ?\((\d{1,2} ?[-–—−] ?\d{1,2})\)$/u;

/**
 * A «Класс» cell of a price list: what parseGrade reads, and also a grade with the federal list's
 * range after it in brackets, which is the item's grades taken together (4 and 4–5 → 4–5).
 */
export function parsePriceGrade(v: PriceCell | undefined): GradeRange | null | 'invalid' {
  const g = parseGrade(v ?? null);
  if (g !== 'invalid' || typeof v !== 'string') return g;
  const m = GRADE_AND_RANGE.exec(cleanText(v));
  if (!m) return g;
  const [one, range] = [parseGrade(m[1]!), parseGrade(m[2]!)];
  if (!one || !range || one === 'invalid' || range === 'invalid') return g;
  // Only grades that join up: «4 (7-9)» names two different things.
  if (one.to < range.from - 1 || one.from > range.to + 1) return g;
  return { from: Math.min(one.from, range.from), to: Math.max(one.to, range.to) };
}

// Мнемозина heads each subject with its catalogue group in the code column: «200», «201 Русский язык».
const GROUP_CODE = /^\d{1,4}$/u;

interface Previous {
  fpu: string;
  authors: string;
  title: string;
}

export function parsePriceRows(rows: PriceRowInput[], ctx: PriceListContext): PriceListParse {
  const items: CatalogueItem[] = [];
  const findings: Finding[] = [];
  const firstRowOf = new Map<string, { row: number; title: string }>();
  let sections = 0;
  let previous: Previous | undefined;
  const defaultVat = ctx.defaultVat ?? DEFAULT_VAT_RATE;

  for (const r of rows) {
    const at = (field: FieldKey) => ({ file: ctx.file, sheet: ctx.sheet, row: r.row, column: r.columns[field] });
    const fpuText = text(r.values.fpu_code);
    const itemCode = text(r.values.item_code);
    const isbnText = text(r.values.isbn);
    let authors = text(r.values.authors);
    let title = text(r.values.title);
    const named = title !== '' || authors !== '';

    const price = parseMoney(r.values.price ?? null);
    const priced = typeof price === 'number' && price > 0;
    // A section heading carries no item code and no price; «1.1.1.1.х.1» with a price is a mistyped code.
    if (!itemCode && !priced && (parseSectionRow(fpuText) || (!fpuText && parseSectionRow(title)))) {
      sections++;
      previous = undefined;
      continue;
    }
    const fpu = parseFpuCode(fpuText);
    const coded = fpu !== null && fpu !== 'invalid';
    // Without a code of the federal list, an ISBN or a price, a row is a heading, a banner or a
    // signature block («Заказчик:» sits in Бином's item-code column) — unless it names a book by an
    // item code, and then its missing price is the publisher's mistake.
    if (!coded && !priced && !isbnText) {
      if (!fpuText && GROUP_CODE.test(itemCode) && named) {
        sections++;
        previous = undefined;
        continue;
      }
      if (!itemCode || !named) continue;
    }
    // A number alone in the price column is a subtotal, not a book.
    if (!fpuText && !itemCode && !isbnText && !named) continue;

    if (!title && coded && previous?.fpu === fpu.code) {
      // Просвещение's part 2 repeats the fpu code and leaves authors and title to the row above.
      title = previous.title;
      authors ||= previous.authors;
    } else if (!authors && r.columns.authors === undefined) {
      ({ authors, title } = splitAuthorsTitle(title));
    }
    previous = coded ? { fpu: fpu.code, authors, title } : undefined;

    const rowFindings: Finding[] = [];
    let rejected = false;
    const reject = (f: Finding) => {
      rowFindings.push(f);
      rejected = true;
    };

    if (fpu === 'invalid') reject(finding('price-fpu-code-invalid', 'error', at('fpu_code'), { value: fpuText, title }, { actual: fpuText }));

    let isbn: string | undefined;
    if (isbnText) {
      const n = normalizeIsbn(isbnText);
      if (n !== null && isValidIsbn(n)) isbn = n;
      else rowFindings.push(finding('price-isbn-invalid', 'error', at('isbn'), { value: isbnText, title }, { actual: isbnText }));
    }
    if (!itemCode && !isbn && !fpuText)
      reject(finding('price-item-unidentified', 'error', at(r.columns.fpu_code ? 'fpu_code' : 'title'), { title }));

    if (!priced) {
      const value = text(r.values.price);
      reject(finding('price-invalid', 'error', at('price'), { value, title }, { actual: value }));
    }
    // An ISBN pasted into the price column, or a price no textbook has: refused at its cell, never
    // carried into orders and sums (money.ts implausiblePrice).
    const implausible = priced ? implausiblePrice(price, r.values.price) : null;
    if (implausible) {
      const value = text(r.values.price);
      reject(finding('price-implausible', 'error', at('price'), { ...implausiblePriceParams(implausible, value), title }, { actual: value }));
    }

    // A grade that is written and unreadable keeps the item out; no grade at all (a licence, a
    // preschool book) loads it without one, with a warning, and orders name it for «без класса».
    let grade: GradeRange | null = null;
    const inColumn = parsePriceGrade(r.values.grade);
    if (inColumn === 'invalid') {
      const value = text(r.values.grade);
      reject(finding('price-grade-invalid', 'error', at('grade'), { value, title }, { actual: value }));
    } else {
      grade = inColumn ?? gradeFromTitle(title);
      if (!grade) rowFindings.push(finding('price-grade-missing', 'warning', at(r.columns.grade ? 'grade' : 'title'), { title }));
    }

    // The rate: the rate column's, else one the row states in words (a note «НДС 18%»), else the default.
    let vat = parseVatRate(r.values.vat_rate ?? null);
    if (vat === 'invalid') {
      const value = text(r.values.vat_rate);
      reject(finding('price-vat-invalid', 'error', at('vat_rate'), { value, title, default_rate: defaultVat }, { actual: value }));
    } else {
      const statements = [...(r.values.note !== undefined ? [{ column: r.columns.note, text: text(r.values.note) }] : []), ...(r.other ?? [])]
        .map((o) => ({ column: o.column, rate: vatStatedIn(o.text), text: o.text }))
        .filter((o) => o.rate !== null);
      const stated = statements[0];
      if (vat === null && stated) vat = stated.rate;
      else if (typeof vat === 'number' && stated && stated.rate !== vat)
        rowFindings.push(
          finding('price-vat-conflict', 'warning', at('vat_rate'), { rate: vat, stated: stated.rate!, text: stated.text.slice(0, 80), column: stated.column ?? '', title }, { actual: vat, expected: stated.rate! }),
        );
    }

    let key: string | undefined;
    if (itemCode || isbn || coded) {
      key = itemKey({ item_code: itemCode || undefined, isbn, fpu_code: coded ? fpu.code : undefined, title });
      // Codes the catalogue would take for one another («02567» and «2567») are one item here too.
      const identity = itemCode ? `code:${normalizeItemCode(itemCode)}` : key;
      const first = firstRowOf.get(identity);
      if (first === undefined) firstRowOf.set(identity, { row: r.row, title: normalizeTitle(title) });
      else if (itemCode && first.title !== normalizeTitle(title)) {
        // Мнемозина reuses one code for two different books (a set in two parts and a single book, at
        // different prices). Both are real items: both are loaded, told apart by title, and the reuse is
        // reported so that orders naming only the code are checked by a person.
        key = `${key}:${normalizeTitle(title)}`;
        rowFindings.push(finding('price-duplicate-item', 'warning', at('item_code'), { key, first_row: first.row, title }, { item: key }));
      } else {
        const by: FieldKey = itemCode ? 'item_code' : isbn ? 'isbn' : 'fpu_code';
        reject(finding('price-duplicate-item', 'error', at(by), { key, first_row: first.row, title }, { item: key }));
      }
    }

    findings.push(...rowFindings);
    if (rejected || key === undefined || !priced) continue;

    const item: CatalogueItem = {
      key,
      publisher: ctx.publisher,
      authors,
      title,
      ...(grade ? { grade_from: grade.from, grade_to: grade.to } : {}),
      price_kopecks: price,
      vat_rate: typeof vat === 'number' ? vat : defaultVat,
      source_row: r.row,
    };
    if (coded) item.fpu_code = fpu.code;
    if (!coded || fpu.notInList) item.not_in_fpu = true;
    if (itemCode) item.item_code = itemCode;
    if (isbn) item.isbn = isbn;
    const year = text(r.values.year);
    const series = text(r.values.series);
    const note = text(r.values.note);
    if (year) item.year = year;
    if (series) item.series = series;
    if (note) item.note = note;
    items.push(item);
  }

  return {
    items,
    findings,
    stats: { rows: rows.length, items: items.length, sections, skipped: rows.length - items.length - sections },
  };
}

export interface PriceListSummary {
  items: number;
  /** distinct fpu codes of the federal list (items outside it not counted) */
  textbooks: number;
  /** the lowest and highest grade any item is for; null for an empty list */
  grades: GradeRange | null;
  price_min_kopecks: number | null;
  price_max_kopecks: number | null;
  /** the VAT rates in use, ascending */
  vat_rates: number[];
  /** items without a grade */
  ungraded: number;
}

export function summarizePriceList(items: readonly CatalogueItem[]): PriceListSummary {
  const codes = new Set<string>();
  const rates = new Set<number>();
  let grades: GradeRange | null = null;
  let ungraded = 0;
  let min: number | null = null;
  let max: number | null = null;
  for (const it of items) {
    if (it.fpu_code && !it.not_in_fpu) codes.add(it.fpu_code);
    rates.add(it.vat_rate);
    if (it.grade_from === undefined || it.grade_to === undefined) {
      ungraded++;
    } else grades = grades
      ? { from: Math.min(grades.from, it.grade_from), to: Math.max(grades.to, it.grade_to) }
      : { from: it.grade_from, to: it.grade_to };
    min = min === null ? it.price_kopecks : Math.min(min, it.price_kopecks);
    max = max === null ? it.price_kopecks : Math.max(max, it.price_kopecks);
  }
  return {
    items: items.length,
    textbooks: codes.size,
    grades,
    price_min_kopecks: min,
    price_max_kopecks: max,
    vat_rates: [...rates].sort((a, b) => a - b),
    ungraded,
  };
}
