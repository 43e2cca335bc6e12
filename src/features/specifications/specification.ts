/**
 * Specifications to the supply contracts (docs/file-formats.md#specifications, plan stage 22): for every school and
 * publisher with a formed order, the numbered lines the school signs for, their totals, the VAT they
 * include per rate and the total in words. Everything here is pure: lines and catalogue facts in,
 * the document's figures and phrases out. The workbook is drawn in src/features/specifications/workbook.ts.
 *
 * The figures are the consolidation's: each line is quantity × the price the order was formed at, the
 * totals are sums of those integers, so a publisher's specifications add up to its regional order to
 * the kopeck. VAT is computed on each line's sum and summed per rate (src/core/vat.ts says why).
 */
import { assertKopecks, lineSum, sumKopecks, type OverflowEntity } from '../../core/money.js';
import type { OrderLine } from '../../core/model/order.js';
import { vatIncluded } from '../../core/vat.js';
import { amountInWords } from '../../core/words.js';

/** The rate a line gets when its item is no longer in any loaded price list (the usual rate for books). */
export const DEFAULT_VAT_RATE = 10;

/** What a specification shows of a catalogue item besides the order line's own figures. */
export interface SpecificationItem {
  fpu_code?: string;
  item_code?: string;
  isbn?: string;
  authors: string;
  title: string;
  /** whole percent */
  vat_rate: number;
}

export interface SpecificationLine {
  /** 1-based number of the line in the document */
  n: number;
  item_key: string;
  fpu_code?: string;
  item_code?: string;
  isbn?: string;
  authors: string;
  title: string;
  grade: number;
  quantity: number;
  price_kopecks: number;
  sum_kopecks: number;
  vat_rate: number;
  /** VAT included in this line's sum */
  vat_kopecks: number;
  /** false when no loaded price list (current or older version) has the item: title and codes are unknown */
  known: boolean;
}

export interface VatAtRate {
  rate: number;
  /** the sum of the lines at this rate (VAT included) */
  sum_kopecks: number;
  /** the VAT those lines include: the sum of their line VATs */
  vat_kopecks: number;
}

export interface SpecificationTotals {
  lines: number;
  copies: number;
  sum_kopecks: number;
  vat_kopecks: number;
  /** one entry per rate present, ascending */
  by_rate: VatAtRate[];
}

export interface Specification {
  school: string;
  municipality: string;
  publisher: string;
  lines: SpecificationLine[];
  totals: SpecificationTotals;
}

export interface FormedOrder {
  school: string;
  municipality: string;
  /** the lines of the latest formed version (order-lifecycle formedLines) */
  lines: readonly OrderLine[];
}

export type ItemLookup = (publisher: string, itemKey: string) => SpecificationItem | undefined;

/** «1.1.1.2.10» after «1.1.1.2.9»; codes before items without one. */
export function compareFpuCodes(a: string | undefined, b: string | undefined): number {
  return compareLevels(fpuLevels(a), fpuLevels(b));
}

// A code as numbers level by level (non-numeric levels, which a valid code has none of, as NaN → compared as text).
// Parsed once per code in a process: a country's package sorts 14 million lines of a few hundred items
// (parsing them was a tenth of `export specifications --manifest-only`, bench/README.md).
const parsedCodes = new Map<string, (number | string)[]>();
function fpuLevels(code: string | undefined): (number | string)[] | undefined {
  if (code === undefined) return undefined;
  let levels = parsedCodes.get(code);
  if (levels === undefined) {
    if (parsedCodes.size >= 100_000) parsedCodes.clear();
    parsedCodes.set(code, (levels = code.split('.').map((l) => (/^\d+$/u.test(l) ? Number(l) : l))));
  }
  return levels;
}

/** `byRu`, without the collator for the same text (lines of one item in several grades). */
const sameOrByRu = (a: string, b: string) => (a === b ? 0 : byRu(a, b));

function compareLevels(x: (number | string)[] | undefined, y: (number | string)[] | undefined): number {
  if (x === y) return 0;
  if (x === undefined) return 1;
  if (y === undefined) return -1;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const a = x[i];
    const b = y[i];
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    if (a === b) continue;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a) < String(b) ? -1 : 1;
  }
  return 0;
}

// One collator: localeCompare with options builds one per call (1.2 million calls for a country's package).
const byRu = new Intl.Collator('ru', { numeric: true }).compare;

/**
 * One specification per publisher of a school's formed order, publishers in Russian alphabetical order.
 * Lines with no copies are left out; lines of one item, grade and price (a duplicate stored with
 * --force) become one line with their quantities added — the sums are the same either way. Lines are
 * numbered in the order of the federal list (fpu code), then title, then grade.
 */
export function specificationsOf(order: FormedOrder, itemOf: ItemLookup): Specification[] {
  const byPublisher = new Map<string, OrderLine[]>();
  let last: OrderLine[] | undefined;
  for (const line of order.lines) {
    if (line.quantity <= 0) continue;
    // an order's lines come grouped by publisher: the last one's list is usually the one
    if (last?.[0]?.publisher !== line.publisher) {
      last = byPublisher.get(line.publisher);
      if (!last) byPublisher.set(line.publisher, (last = []));
    }
    last.push(line);
  }
  const result: Specification[] = [];
  const entity = { municipality: order.municipality, school: order.school };
  for (const publisher of [...byPublisher.keys()].sort(byRu)) {
    // Each item looked up and its fpu code parsed once a line, not at every comparison.
    const entries = byPublisher.get(publisher)!.map((line) => {
      const item = itemOf(publisher, line.item_key);
      return { line, item, levels: fpuLevels(item?.fpu_code), title: item?.title ?? line.item_key };
    });
    entries.sort(
      (a, b) =>
        compareLevels(a.levels, b.levels) ||
        sameOrByRu(a.title, b.title) ||
        a.line.grade - b.line.grade ||
        sameOrByRu(a.line.item_key, b.line.item_key) ||
        a.line.price_kopecks - b.line.price_kopecks,
    );
    // Lines of one item, grade and price are side by side now (every key of the order is equal): they
    // become one line, with the first one's figures and their quantities added. Found so, not by a key
    // made for each line: a text and a map entry a line were a quarter of a country's package.
    const lines: SpecificationLine[] = [];
    for (let i = 0; i < entries.length; ) {
      const { line, item } = entries[i]!;
      let quantity = line.quantity;
      let j = i + 1;
      for (; j < entries.length; j++) {
        const other = entries[j]!.line;
        if (other.item_key !== line.item_key || other.grade !== line.grade || other.price_kopecks !== line.price_kopecks) break;
        quantity += other.quantity;
      }
      const l = specLine(publisher, line, quantity, item, entity);
      l.n = lines.push(l);
      i = j;
    }
    result.push({ school: order.school, municipality: order.municipality, publisher, lines, totals: totalsOf(lines, { ...entity, publisher }) });
  }
  return result;
}

function specLine(publisher: string, line: OrderLine, quantity: number, item: SpecificationItem | undefined, entity: OverflowEntity): SpecificationLine {
  const vat_rate = item?.vat_rate ?? DEFAULT_VAT_RATE;
  // Quantities of one item added up above (a duplicate stored with --force) are a count like any other.
  // lineSum's checks, with the line named only when one fails (an object per line to name it was a
  // tenth of the package's reading, as in src/features/consolidate/consolidate.ts).
  let sum_kopecks = quantity * line.price_kopecks;
  if (!Number.isSafeInteger(sum_kopecks) || !Number.isSafeInteger(quantity) || !Number.isSafeInteger(line.price_kopecks)) {
    sum_kopecks = lineSum(quantity, line.price_kopecks, { ...entity, publisher, item: line.item_key, grade: line.grade });
  }
  return {
    n: 0,
    item_key: line.item_key,
    ...(item?.fpu_code ? { fpu_code: item.fpu_code } : {}),
    ...(item?.item_code ? { item_code: item.item_code } : {}),
    ...(item?.isbn ? { isbn: item.isbn } : {}),
    authors: item?.authors ?? '',
    title: item?.title ?? line.item_key,
    grade: line.grade,
    quantity,
    price_kopecks: line.price_kopecks,
    sum_kopecks,
    vat_rate,
    vat_kopecks: vatIncluded(sum_kopecks, vat_rate),
    known: item !== undefined,
  };
}

/**
 * Totals of a specification's lines: VAT per rate is the sum of the lines' VAT at that rate. A total
 * beyond the safe range is money.ts AmountOverflow naming `entity` (the school and publisher).
 */
export function totalsOf(lines: readonly SpecificationLine[], entity: OverflowEntity = {}): SpecificationTotals {
  const rates = new Map<number, { sums: number[]; vats: number[] }>();
  for (const l of lines) {
    let r = rates.get(l.vat_rate);
    if (!r) rates.set(l.vat_rate, (r = { sums: [], vats: [] }));
    r.sums.push(l.sum_kopecks);
    r.vats.push(l.vat_kopecks);
  }
  const by_rate = [...rates.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rate, r]) => ({ rate, sum_kopecks: sumKopecks(r.sums, entity), vat_kopecks: sumKopecks(r.vats, entity) }));
  const copies = lines.reduce((n, l) => n + l.quantity, 0);
  assertKopecks(copies, 'copies', entity);
  return {
    lines: lines.length,
    copies,
    sum_kopecks: sumKopecks(lines.map((l) => l.sum_kopecks), entity),
    vat_kopecks: sumKopecks(by_rate.map((r) => r.vat_kopecks), entity),
    by_rate,
  };
}

// ---------------------------------------------------------------------------------------------------
// Phrases of the document. It is a Russian contract document whatever language the operator reads.

/** «1 234,56» with a no-break space between thousands, as amounts are written in the text. */
export function rubles(kopecks: number): string {
  const abs = Math.abs(kopecks);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+$)/gu, '\u00A0');
  return `${kopecks < 0 ? '-' : ''}${whole},${String(abs % 100).padStart(2, '0')}`;
}

/** The label of a VAT row under the table: «в т.ч. НДС 10 %», or «Без НДС» for the lines at 0 %. */
export function vatLabel(rate: number): string {
  return rate === 0 ? 'Без НДС' : `в т.ч. НДС ${rate}\u00A0%`;
}

/** «В т.ч. НДС 10 %: 1 234,56 руб.; НДС 18 %: 45,00 руб.» — the VAT sentence under the total in words. */
export function vatSentence(byRate: readonly VatAtRate[]): string {
  const taxed = byRate.filter((r) => r.rate > 0);
  if (taxed.length === 0) return 'НДС не облагается.';
  const parts = taxed.map((r, i) => `${i === 0 ? 'В т.ч. ' : ''}НДС ${r.rate}\u00A0%: ${rubles(r.vat_kopecks)} руб.`);
  const untaxed = byRate.some((r) => r.rate === 0) ? '; остальные позиции НДС не облагаются.' : '';
  return parts.join('; ') + untaxed;
}

/** «Всего наименований 12, экземпляров 345, на сумму 12 345,60 руб.» */
export function totalSentence(t: SpecificationTotals): string {
  return `Всего наименований ${t.lines}, экземпляров ${t.copies}, на сумму ${rubles(t.sum_kopecks)} руб.`;
}

/** «Двенадцать тысяч триста сорок пять рублей 60 копеек» */
export function totalInWords(t: SpecificationTotals): string {
  return amountInWords(t.sum_kopecks);
}

export interface ContractDate {
  day: number;
  month: number;
  year: number;
}

const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** `ДД.ММ.ГГГГ` (`15.03.2019`) or ISO `2019-03-15`; null when it is not a real calendar date. */
export function parseContractDate(s: string): ContractDate | null {
  const text = s.trim();
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/u.exec(text) ?? /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  if (!m) return null;
  const [day, month, year] = text.includes('-') ? [Number(m[3]), Number(m[2]), Number(m[1])] : [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last ? { day, month, year } : null;
}

/** «15» марта 2019 г. — as contracts write their date. */
export function formatContractDate(d: ContractDate): string {
  return `«${d.day}» ${MONTHS_GENITIVE[d.month - 1]} ${d.year}\u00A0г.`;
}

/** Blanks long enough to write a number and a date by hand on the printed page. */
export const BLANK_NUMBER = '_______________';
export const BLANK_DATE = '«____» _______________ 20____\u00A0г.';

/** «Спецификация к договору № 14-П от «15» марта 2019 г.», with blanks for what is not given. */
export function specificationTitle(number: string | undefined, date: ContractDate | undefined): string {
  const n = number && number.trim() !== '' ? number.trim() : BLANK_NUMBER;
  return `Спецификация к договору №\u00A0${n} от ${date ? formatContractDate(date) : BLANK_DATE}`;
}

/** What `{name}` placeholders of a `--contract-number` template can say. */
export const TEMPLATE_FIELDS = ['n', 'school', 'municipality', 'publisher', 'inn', 'year'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** The placeholders of a template that are not TEMPLATE_FIELDS (empty when the template is good). */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(TEMPLATE_FIELDS);
  return [...template.matchAll(/\{([^{}]*)\}/gu)].map((m) => m[1]!).filter((name) => !known.has(name));
}

/** The template with each `{field}` replaced; a field without a value becomes empty. */
export function fillTemplate(template: string, values: Partial<Record<TemplateField, string | number>>): string {
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) return whole;
    const v = values[name as TemplateField];
    return v === undefined ? '' : String(v);
  });
}

// ---------------------------------------------------------------------------------------------------
// The package's summary.

export interface ManifestRow {
  municipality: string;
  school: string;
  publisher: string;
  /** path inside the package, with forward slashes */
  file: string;
  lines: number;
  copies: number;
  sum_kopecks: number;
  vat_kopecks: number;
  /** VAT per rate, for the per-publisher summary */
  by_rate: VatAtRate[];
  sha256: string;
}

export interface PublisherSummary {
  publisher: string;
  schools: number;
  files: number;
  lines: number;
  copies: number;
  sum_kopecks: number;
  vat_kopecks: number;
  by_rate: VatAtRate[];
}

export interface PackageSummary {
  publishers: PublisherSummary[];
  total: { files: number; copies: number; sum_kopecks: number; vat_kopecks: number };
}

/** The manifest's rows added up per publisher and overall. */
export function summarize(rows: readonly ManifestRow[]): PackageSummary {
  const acc = new Map<string, { schools: Set<string>; rows: ManifestRow[] }>();
  for (const r of rows) {
    let a = acc.get(r.publisher);
    if (!a) acc.set(r.publisher, (a = { schools: new Set(), rows: [] }));
    a.schools.add(r.school);
    a.rows.push(r);
  }
  const publishers = [...acc.keys()].sort(byRu).map((publisher): PublisherSummary => {
    const mine = acc.get(publisher)!.rows;
    // Added to in place: copying a growing list per row was quadratic (150 s for 40,000 rows of a publisher).
    const rates = new Map<number, VatAtRate[]>();
    for (const r of mine) {
      for (const v of r.by_rate) {
        const list = rates.get(v.rate);
        if (list) list.push(v);
        else rates.set(v.rate, [v]);
      }
    }
    return {
      publisher,
      schools: acc.get(publisher)!.schools.size,
      files: mine.length,
      lines: mine.reduce((n, r) => n + r.lines, 0),
      copies: mine.reduce((n, r) => n + r.copies, 0),
      sum_kopecks: sumKopecks(mine.map((r) => r.sum_kopecks), { publisher }),
      vat_kopecks: sumKopecks(mine.map((r) => r.vat_kopecks), { publisher }),
      by_rate: [...rates.entries()]
        .sort(([a], [b]) => a - b)
        .map(([rate, vs]) => ({ rate, sum_kopecks: sumKopecks(vs.map((v) => v.sum_kopecks), { publisher }), vat_kopecks: sumKopecks(vs.map((v) => v.vat_kopecks), { publisher }) })),
    };
  });
  return {
    publishers,
    total: {
      files: rows.length,
      copies: publishers.reduce((n, p) => n + p.copies, 0),
      sum_kopecks: sumKopecks(publishers.map((p) => p.sum_kopecks)),
      vat_kopecks: sumKopecks(publishers.map((p) => p.vat_kopecks)),
    },
  };
}

/** Manifest rows in the package's order: municipality, school, publisher. */
export function compareManifestRows(a: ManifestRow, b: ManifestRow): number {
  return byRu(a.municipality, b.municipality) || byRu(a.school, b.school) || byRu(a.publisher, b.publisher);
}
