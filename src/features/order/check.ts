/**
 * Checks one school's order sheet against the registry and the catalogue (docs/file-formats.md#orders) and turns
 * its ordered rows into order lines. Every finding sits at the cell a person has to change.
 *
 * Decisions the spec leaves open:
 * - A row with a blank or zero quantity is not ordered and is not checked at all: the template lists
 *   every item of every price list, and a school fills a few hundred of its lines.
 * - A quantity must be a whole number from 1 to MAX_LINE_COPIES; 0 means «not ordered».
 * - A row whose quantity is unreadable is still checked for its item, price and grade, so that one
 *   round of corrections fixes everything; it yields no line, and the totals row is not compared
 *   until the quantities are fixed (the file's own total cannot agree with rows that are not numbers).
 * - Money in `expected`/`actual` and in the `*_kopecks` params is integer kopecks, as everywhere in the
 *   JSON; the message shows `{price}` from `price_kopecks` as money in the reader's language, or the
 *   cell's text as written (`price`) when it holds no amount.
 * - A line's sum is checked against quantity × the file's own price when the file gives a readable one
 *   (the sum check is about arithmetic; a differing price is its own finding), else the catalogue's.
 * - The totals row is compared with the file's own line sums where given, else the computed ones.
 * - The grade limit is floor(students × (100 + reserve) / 100): 27 students with 10 % allow 29 copies.
 *   Grades without a count in the registry are not checked; a school without any counts is reported
 *   as `skipped.students`.
 * - A blank grade is the item's grade when the item is for one grade only. A range («5-9») or an
 *   unreadable grade is `order-grade-mismatch`: a line orders for one grade.
 * - Lines keep the catalogue's price. A line whose grade is outside the item's range is kept (its
 *   item and grade are known); a duplicate (same item and grade) is not, so no consumer sees two
 *   lines with one key.
 */
import { itemGrades, type Catalogue, type CatalogueItem, type ItemReference, type LookupResult } from '../../core/model/catalogue.js';
import { finding, type CellAddress, type Finding, type FindingParams } from '../../core/finding.js';
import { formatGrade, gradeContains, parseGrade } from '../../core/grade.js';
import { normalizeIsbn } from '../../core/isbn.js';
import { lineSum, parseMoney } from '../../core/money.js';
import type { OrderField, OrderLine } from '../../core/model/order.js';
import type { Registry } from '../../core/model/registry.js';
import { cleanText } from '../../core/text.js';
import { parseWholeNumber } from '../../core/values.js';

export type RawValue = string | number | null;

export interface OrderRowInput {
  row: number;
  values: Partial<Record<OrderField, RawValue>>;
  at(field: OrderField): CellAddress;
}

export interface OrderTotalRowInput {
  row: number;
  values: { quantity?: RawValue; sum?: RawValue };
  at(field: 'quantity' | 'sum'): CellAddress;
}

export interface OrderSettings {
  /** the reserve over a grade's students, in percent (default 10) */
  reserve_percent: number;
  /** `--strict`: more copies than students plus reserve is an error, not a warning */
  strict: boolean;
}

export interface ValidateOrderInput {
  rows: Iterable<OrderRowInput>;
  totalRow?: OrderTotalRowInput;
  /** the school code the file names (or `--school`) */
  school: string | undefined;
  /** where the file names the school */
  schoolAt?: CellAddress;
  registry: Registry;
  catalogue: Catalogue;
  settings: OrderSettings;
  file: string;
}

export interface OrderValidation {
  lines: OrderLine[];
  findings: Finding[];
  skipped: { students: boolean };
}

/**
 * No school orders a million copies of one book: a count above this is a typo, and refusing it keeps
 * every sum of catalogue prices an exact integer of kopecks.
 */
export const MAX_LINE_COPIES = 1_000_000;

const REFERENCE_FIELDS = ['item_code', 'isbn', 'fpu_code'] as const;

function text(v: RawValue | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? String(v) : cleanText(v);
}

/** An amount for a message: `{name}` shows it as money in the reader's language (src/core/i18n/index.ts). */
function rubles(name: string, kopecks: number): FindingParams {
  return { [`${name}_kopecks`]: kopecks };
}

function asWritten(name: string, raw: RawValue | undefined): FindingParams {
  const s = text(raw);
  return { [name]: s };
}

/** quantity × price, or undefined when a typo makes it too large for exact integer kopecks. */
function safeLineSum(quantity: number, priceKopecks: number): number | undefined {
  return Number.isSafeInteger(quantity * priceKopecks) ? lineSum(quantity, priceKopecks) : undefined;
}

/**
 * Lookups per catalogue. The order files of a campaign are copies of one template with a row per
 * grade of each item, so the same references recur within a file and across hundreds of files; a
 * catalogue does not change once built. Keyed by the cell values in nested maps rather than by one
 * joined string: a cell's text is the same string in every row that shows it (the shared-strings
 * table), so its hash is computed once, where a joined key is a new string to hash on every row.
 * The title, the longest text, is a key only where it can change the answer: a title chooses among
 * several items a reference matches (Catalogue.lookup), so a reference that matches one item, or
 * none, without a title means the same with any. Bounded so that free-form files cannot grow it
 * without end.
 */
interface ByReference {
  /** the answer whatever the title, when the title cannot change it */
  any?: LookupResult;
  byTitle?: Map<RawValue | undefined, LookupResult>;
}
interface LookupCache {
  size: number;
  root: Map<RawValue | undefined, unknown>;
}
const lookups = new WeakMap<Catalogue, LookupCache>();
const MAX_CACHED_LOOKUPS = 200_000;

function lookup(catalogue: Catalogue, v: OrderRowInput['values']): LookupResult {
  let cache = lookups.get(catalogue);
  if (!cache || cache.size >= MAX_CACHED_LOOKUPS) lookups.set(catalogue, (cache = { size: 0, root: new Map() }));
  let level = cache.root;
  for (const key of [v.publisher, v.item_code, v.isbn] as const) {
    let next = level.get(key) as Map<RawValue | undefined, unknown> | undefined;
    if (!next) level.set(key, (next = new Map()));
    level = next;
  }
  let entry = level.get(v.fpu_code) as ByReference | undefined;
  if (!entry) {
    cache.size++;
    const untitled = catalogue.lookup(reference(v, false));
    level.set(v.fpu_code, (entry = untitled.kind === 'ambiguous' ? { byTitle: new Map() } : { any: untitled }));
  }
  if (entry.any) return entry.any;
  let result = entry.byTitle!.get(v.title);
  if (result === undefined) {
    cache.size++;
    result = catalogue.lookup(reference(v, true));
    entry.byTitle!.set(v.title, result);
  }
  return result;
}

/** What the catalogue is asked: the row's references as text, with its title or without. */
function reference(v: OrderRowInput['values'], titled: boolean): ItemReference {
  const isbn = v.isbn === null || v.isbn === undefined ? '' : (normalizeIsbn(v.isbn) ?? text(v.isbn));
  return {
    publisher: text(v.publisher) || undefined,
    item_code: text(v.item_code) || undefined,
    isbn: isbn || undefined,
    fpu_code: text(v.fpu_code) || undefined,
    title: (titled && text(v.title)) || undefined,
  };
}

/** Do two rows name their item with the same five values? */
function sameReference(a: OrderRowInput['values'], b: OrderRowInput['values'] | undefined): boolean {
  return b !== undefined && a.publisher === b.publisher && a.item_code === b.item_code && a.isbn === b.isbn && a.fpu_code === b.fpu_code && a.title === b.title;
}

/**
 * The cell naming the row's item — its item code, else its ISBN, else its fpu code; when all are
 * blank, the first of those columns the sheet has — and the reference as written, for messages.
 */
function referenceOf(r: OrderRowInput): { at: CellAddress; described: string } {
  const field = REFERENCE_FIELDS.find((f) => text(r.values[f]) !== '');
  const at = field ? r.at(field) : (REFERENCE_FIELDS.map((f) => r.at(f)).find((a) => a.column !== undefined) ?? r.at('quantity'));
  const described = [field ? text(r.values[field]) : '', text(r.values.title)].filter(Boolean).join(' ') || '—';
  return { at, described };
}

function candidateList(items: CatalogueItem[]): string {
  return items.map((i) => `«${i.title}» (${i.publisher}, ${i.item_code ?? i.isbn ?? i.fpu_code ?? i.key})`).join('; ');
}

export function validateOrder(input: ValidateOrderInput): OrderValidation {
  const { catalogue, settings } = input;
  const findings: Finding[] = [];
  const lines: OrderLine[] = [];
  const schoolCode = input.school === undefined ? '' : cleanText(input.school);
  const school = schoolCode ? input.registry.schools.find((s) => s.code === schoolCode) : undefined;
  const students = school?.students;
  const severityOverStudents = settings.strict ? 'error' : 'warning';
  const who = { school: schoolCode || undefined };

  if (!school)
    findings.push(
      finding('order-school-unknown', 'error', input.schoolAt ?? { file: input.file }, { school: schoolCode || '—' }, who),
    );

  const firstRowOf = new Map<string, number>();
  let ordered = false;
  let quantitiesReadable = true;
  let totalCopies = 0;
  let totalKopecks = 0;

  let previous: OrderRowInput['values'] | undefined;
  let previousResult: LookupResult | undefined;
  for (const r of input.rows) {
    const v = r.values;
    const qty = parseWholeNumber(v.quantity ?? null);
    if (qty === null || qty === 0) continue;
    ordered = true;

    let quantity: number | undefined;
    if (typeof qty === 'number' && qty <= MAX_LINE_COPIES) {
      quantity = qty;
      totalCopies += qty;
    } else {
      quantitiesReadable = false;
      const written = text(v.quantity);
      findings.push(finding('order-qty-invalid', 'error', r.at('quantity'), { value: written, max: MAX_LINE_COPIES }, { ...who, actual: written }));
    }

    // An item for several grades has a row per grade, one under another: the same reference as the
    // row before is the same item (the cells hold the very same strings), without a lookup.
    const result = sameReference(v, previous) && previousResult ? previousResult : lookup(catalogue, v);
    previous = v;
    previousResult = result;
    // Where the row names its item and how, for the findings that need it (rarely: kept lazy).
    let ref: { at: CellAddress; described: string } | undefined;
    const reference = () => (ref ??= referenceOf(r));

    let item: CatalogueItem | undefined;
    if (result.kind === 'found') item = result.item;
    else if (result.kind === 'none') {
      const { at, described } = reference();
      findings.push(finding('order-item-unknown', 'error', at, { reference: described }, { ...who, item: described }));
    } else {
      const { at, described } = reference();
      const params = { reference: described, candidates: candidateList(result.items), count: result.items.length };
      findings.push(finding('order-item-ambiguous', 'error', at, params, { ...who, item: described }));
    }
    const itemInfo = () => ({ ...who, item: item?.key ?? reference().described });

    const filePrice = parseMoney(v.price ?? null);
    if (item && filePrice !== null && filePrice !== item.price_kopecks) {
      const written = filePrice === 'invalid' ? asWritten('price', v.price) : rubles('price', filePrice);
      findings.push(
        finding(
          'order-price-mismatch',
          'error',
          r.at('price'),
          { title: item.title, publisher: item.publisher, ...written, ...rubles('list_price', item.price_kopecks) },
          { ...itemInfo(), expected: item.price_kopecks, actual: filePrice === 'invalid' ? text(v.price) : filePrice },
        ),
      );
    }

    let grade: number | undefined;
    if (item) {
      const range = itemGrades(item);
      const g = parseGrade(v.grade ?? null);
      // An item without a grade is ordered without one, or for the one grade the line names.
      const ungraded = item.grade_from === undefined;
      const mismatch = () => {
        const [written, fits] = [text(v.grade), formatGrade(range)];
        const params = { grade: written || '—', title: item.title, range: fits };
        findings.push(finding('order-grade-mismatch', 'error', r.at('grade'), params, { ...itemInfo(), expected: fits, actual: written }));
      };
      if (g === null) {
        if (range.from === range.to) grade = range.from;
        else mismatch();
      } else if (g === 'invalid' || g.from !== g.to) mismatch();
      else {
        grade = g.from;
        if (!ungraded && !gradeContains(range, grade)) mismatch();
      }

      if (item.not_in_fpu || !item.fpu_code)
        findings.push(finding('order-item-not-in-fpu', 'warning', reference().at, { title: item.title, publisher: item.publisher }, itemInfo()));
    }

    if (quantity === undefined) continue;

    const unitPrice = typeof filePrice === 'number' ? filePrice : item?.price_kopecks;
    const computed = unitPrice === undefined ? undefined : safeLineSum(quantity, unitPrice);
    const fileSum = parseMoney(v.sum ?? null);
    if (fileSum !== null && unitPrice !== undefined && fileSum !== computed) {
      const params = {
        quantity,
        ...(fileSum === 'invalid' ? asWritten('sum', v.sum) : rubles('sum', fileSum)),
        ...rubles('price', unitPrice),
        ...(computed === undefined ? asWritten('computed', '—') : rubles('computed', computed)),
      };
      findings.push(
        finding('order-sum-mismatch', 'error', r.at('sum'), params, { ...itemInfo(), expected: computed, actual: fileSum === 'invalid' ? text(v.sum) : fileSum }),
      );
    }
    totalKopecks += typeof fileSum === 'number' ? fileSum : (computed ?? 0);

    if (!item || grade === undefined) continue;
    // Keys are unique within a publisher only.
    const key = `${item.publisher}\u0000${item.key}\u0000${grade}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      findings.push(finding('order-duplicate-line', 'error', r.at('quantity'), { title: item.title, grade, first }, { ...itemInfo(), actual: quantity }));
      continue;
    }
    firstRowOf.set(key, r.row);

    const count = students?.[String(grade)];
    if (count !== undefined) {
      const limit = Math.floor((count * (100 + settings.reserve_percent)) / 100);
      if (quantity > limit)
        findings.push(
          finding(
            'order-qty-exceeds-students',
            severityOverStudents,
            r.at('quantity'),
            { grade, students: count, reserve: settings.reserve_percent, title: item.title },
            { ...itemInfo(), expected: limit, actual: quantity },
          ),
        );
    }

    lines.push({ publisher: item.publisher, item_key: item.key, grade, quantity, price_kopecks: item.price_kopecks, row: r.row });
  }

  const total = input.totalRow;
  if (total && quantitiesReadable) {
    const copiesText = text(total.values.quantity);
    const copies = parseWholeNumber(total.values.quantity ?? null);
    if (copies !== null && copies !== totalCopies)
      findings.push(
        finding(
          'order-total-mismatch',
          'error',
          total.at('quantity'),
          { total: copiesText, computed: totalCopies },
          { ...who, expected: totalCopies, actual: typeof copies === 'number' ? copies : copiesText },
        ),
      );
    const sum = parseMoney(total.values.sum ?? null);
    if (sum !== null && Number.isSafeInteger(totalKopecks) && sum !== totalKopecks)
      findings.push(
        finding(
          'order-total-mismatch',
          'error',
          total.at('sum'),
          { ...(sum === 'invalid' ? asWritten('total', total.values.sum) : rubles('total', sum)), ...rubles('computed', totalKopecks) },
          { ...who, expected: totalKopecks, actual: sum === 'invalid' ? text(total.values.sum) : sum },
        ),
      );
  }

  if (!ordered) findings.push(finding('order-empty', 'warning', { file: input.file }, {}, who));

  return { lines, findings, skipped: { students: students === undefined } };
}
