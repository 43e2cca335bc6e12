/**
 * The catalogue: every orderable item of every publisher's current price list (docs/file-formats.md#price-lists).
 * An item is identified by publisher + item code, else publisher + ISBN, else publisher + fpu code +
 * title (parts 1 and 2 of one textbook share an fpu code). Orders are checked against this.
 */
import { parseFpuCode } from '../fpu.js';
import type { GradeRange } from '../grade.js';
import { isbn10to13, normalizeIsbn } from '../isbn.js';
import { cleanText, normalizeHeader, normalizeTitle } from '../text.js';

export interface CatalogueItem {
  /** stable identity within the catalogue, see itemKey() */
  key: string;
  publisher: string;
  /** federal list code, dotted (absent when the price list has none) */
  fpu_code?: string;
  /** true when the list marks the item as not in the federal list (99.99.99.99.99.99) or it has no code */
  not_in_fpu?: boolean;
  item_code?: string;
  /** normalised: digits (and X), no hyphens */
  isbn?: string;
  authors: string;
  title: string;
  /** the grades the item is for; both absent for an item without a grade (a licence, a preschool book) */
  grade_from?: number;
  grade_to?: number;
  price_kopecks: number;
  /** whole percent, e.g. 10 or 18 */
  vat_rate: number;
  year?: string;
  series?: string;
  note?: string;
  /** row of the price list it came from */
  source_row?: number;
}

/**
 * An item's grades as a range. An item without a grade is ordered for «grade 0», which stands for
 * «без класса» in order lines, consolidations and specifications: no students to check it against,
 * and no grade range to fall outside of.
 */
export function itemGrades(item: Pick<CatalogueItem, 'grade_from' | 'grade_to'>): GradeRange {
  return item.grade_from === undefined || item.grade_to === undefined ? { from: NO_GRADE, to: NO_GRADE } : { from: item.grade_from, to: item.grade_to };
}

/** The grade of an order line for an item without a grade. */
export const NO_GRADE = 0;

/** «Иванов И.И. Азбука» as a table shows an item: authors before the title, one full stop between. */
export function authorsAndTitle(item: Pick<CatalogueItem, 'authors' | 'title'>): string {
  if (!item.authors) return item.title;
  return `${item.authors}${item.authors.endsWith('.') ? '' : '.'} ${item.title}`;
}

/** How an order line (or a recommendation) names an item. */
export interface ItemReference {
  publisher?: string;
  item_code?: string;
  isbn?: string;
  fpu_code?: string;
  title?: string;
}

export type LookupResult =
  | { kind: 'found'; item: CatalogueItem; by: 'item_code' | 'isbn' | 'fpu_code' }
  | { kind: 'ambiguous'; items: CatalogueItem[] }
  | { kind: 'none' };

// Item codes are typed by people: 1C codes mix Cyrillic and Latin look-alikes (Мнемозина's
// «201.401.0К.ХХ» looks the same typed with a Latin K and X), and a numeric code loses its leading
// zero in an xlsx number cell (Русское слово's «02567» comes back as 2567).
const LOOK_ALIKES: Record<string, string> = { А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X' };

/** An item code as lookups compare it: Latin look-alikes, upper case, no spaces, no leading zeros. */
export function normalizeItemCode(code: string | number): string {
  const s = cleanText(String(code))
    .toUpperCase()
    .replace(/\s/gu, '')
    .replace(/[АВЕКМНОРСТУХ]/gu, (ch) => LOOK_ALIKES[ch]!);
  return /^\d+$/u.test(s) ? s.replace(/^0+(?=\d)/u, '') : s;
}

/** ISBN-10 and ISBN-13 of one book are one key: the 13-digit form. */
function isbnKey(isbn: string | number): string | undefined {
  const n = normalizeIsbn(isbn);
  if (n === null) return undefined;
  return n.length === 10 ? (isbn10to13(n) ?? n) : n;
}

function fpuKey(code: string | number): string {
  const parsed = parseFpuCode(code);
  return parsed && parsed !== 'invalid' ? parsed.code : cleanText(String(code));
}

function publisherKey(name: string): string {
  return normalizeHeader(name);
}

// «Ч. 1», «часть 2», «Книга 1» after normalizeTitle: «ч 1», «кн 1» (and not the «в 2 ч» of «В 2-х частях»).
const PART = /(?:^| )(?:ч|кн) (\d{1,2})(?= |$)/gu;

function parts(normalizedTitle: string): string {
  return [...normalizedTitle.matchAll(PART)].map((m) => Number(m[1])).sort((a, b) => a - b).join(',');
}

interface Titles {
  /** the title, and the authors followed by the title (how a combined column writes it) */
  forms: string[];
  parts: string;
}

/** An item's references as the indexes hold them. */
interface Keys {
  publisher: string;
  isbn?: string;
  fpu?: string;
}

const MAX_MEMO = 100_000;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Every item of the loaded price lists, indexed once for lookups by item code, ISBN and fpu code.
 * An order of 300,000 lines looks each one up, so a lookup is a few Map reads; the references and
 * titles of the lines are normalised once per distinct text (orders repeat a few thousand of them),
 * and the items' titles only when one reference leaves several items to choose from.
 */
export class Catalogue {
  private readonly byPublisherKey = new Map<string, CatalogueItem>();
  private readonly byCode = new Map<string, CatalogueItem[]>();
  private readonly byIsbn = new Map<string, CatalogueItem[]>();
  private readonly byFpu = new Map<string, CatalogueItem[]>();
  private readonly keys = new Map<CatalogueItem, Keys>();
  private readonly titles = new Map<CatalogueItem, Titles>();
  private readonly normalized = { publisher: new Map(), code: new Map(), isbn: new Map(), fpu: new Map(), title: new Map() } satisfies Record<
    string,
    Map<string, string | undefined>
  >;
  private readonly publisherNames: string[];

  constructor(private readonly items: readonly CatalogueItem[]) {
    const names = new Set<string>();
    for (const it of items) {
      names.add(it.publisher);
      const k: Keys = { publisher: this.norm('publisher', it.publisher, publisherKey) ?? '' };
      if (it.isbn) k.isbn = isbnKey(it.isbn);
      if (it.fpu_code) k.fpu = fpuKey(it.fpu_code);
      this.keys.set(it, k);
      this.byPublisherKey.set(`${k.publisher}\u0000${it.key}`, it);
      if (it.item_code) push(this.byCode, normalizeItemCode(it.item_code), it);
      if (k.isbn) push(this.byIsbn, k.isbn, it);
      if (k.fpu) push(this.byFpu, k.fpu, it);
    }
    this.publisherNames = [...names].sort((a, b) => a.localeCompare(b, 'ru'));
  }

  get size(): number {
    return this.items.length;
  }

  byKey(publisher: string, key: string): CatalogueItem | undefined {
    return this.byPublisherKey.get(`${publisherKey(publisher)}\u0000${key}`);
  }

  publishers(): string[] {
    return [...this.publisherNames];
  }

  /**
   * The item an order line means: by item code (within the line's publisher when it names one; an
   * item code shared by two publishers is otherwise ambiguous), else by ISBN, else by fpu code. The
   * first reference that matches anything decides; when it matches several items, the line's other
   * references and then its title choose among them — equal normalised titles, then the titles
   * sharing the most words with it (one containing the other), then the part numbers («ч. 1», «книга 2»).
   */
  lookup(ref: ItemReference): LookupResult {
    const publisher = this.norm('publisher', ref.publisher, publisherKey);
    const line: Line = {
      isbn: this.norm('isbn', ref.isbn, isbnKey),
      fpu: this.norm('fpu', ref.fpu_code, fpuKey),
      title: this.norm('title', ref.title, normalizeTitle) ?? '',
    };
    const attempts: [by: 'item_code' | 'isbn' | 'fpu_code', index: Map<string, CatalogueItem[]>, key: string | undefined][] = [
      ['item_code', this.byCode, this.norm('code', ref.item_code, normalizeItemCode)],
      ['isbn', this.byIsbn, line.isbn],
      ['fpu_code', this.byFpu, line.fpu],
    ];
    for (const [by, index, key] of attempts) {
      if (!key) continue;
      let candidates = index.get(key) ?? [];
      if (publisher) candidates = candidates.filter((it) => this.keys.get(it)!.publisher === publisher);
      if (candidates.length === 0) continue;
      const chosen = candidates.length === 1 ? candidates : this.narrow(candidates, line);
      return chosen.length === 1 ? { kind: 'found', item: chosen[0]!, by } : { kind: 'ambiguous', items: chosen };
    }
    return { kind: 'none' };
  }

  private norm(kind: keyof Catalogue['normalized'], raw: string | undefined, fn: (s: string) => string | undefined): string | undefined {
    if (!raw) return undefined;
    const memo = this.normalized[kind];
    if (memo.has(raw)) return memo.get(raw);
    const value = fn(raw) || undefined;
    // Free-form files could name endless distinct texts; a full memo starts over rather than grow.
    if (memo.size >= MAX_MEMO) memo.clear();
    memo.set(raw, value);
    return value;
  }

  private titlesOf(it: CatalogueItem): Titles {
    let t = this.titles.get(it);
    if (!t) {
      const title = normalizeTitle(it.title);
      const forms = [title];
      if (it.authors) forms.push(normalizeTitle(`${it.authors} ${it.title}`));
      t = { forms: forms.filter(Boolean), parts: parts(title) };
      this.titles.set(it, t);
    }
    return t;
  }

  private narrow(candidates: CatalogueItem[], line: Line): CatalogueItem[] {
    let left = candidates;
    const keep = (pred: (it: CatalogueItem) => boolean) => {
      const next = left.filter(pred);
      if (next.length > 0) left = next;
      return left.length === 1;
    };
    if (line.isbn && keep((it) => this.keys.get(it)!.isbn === line.isbn)) return left;
    if (line.fpu && keep((it) => this.keys.get(it)!.fpu === line.fpu)) return left;

    const title = line.title;
    if (!title) return left;
    const forms = (it: CatalogueItem) => this.titlesOf(it).forms;
    if (keep((it) => forms(it).includes(title))) return left;
    // Of the titles containing the line's or contained in it, the ones sharing the most words: «Букварь
    // … + электронное приложение (комплект)» is the book + CD, not the book its title also contains.
    const padded = ` ${title} `;
    const shared = (it: CatalogueItem) =>
      Math.max(0, ...forms(it).map((f) => (padded.includes(` ${f} `) ? f.length : ` ${f} `.includes(padded) ? title.length : 0)));
    const best = Math.max(...left.map(shared));
    if (best > 0 && keep((it) => shared(it) === best)) return left;
    const wanted = parts(title);
    if (wanted) keep((it) => this.titlesOf(it).parts === wanted);
    return left;
  }
}

/** An order line's references, normalised. */
interface Line {
  isbn?: string;
  fpu?: string;
  title: string;
}
