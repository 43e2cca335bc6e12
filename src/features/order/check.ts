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

/**
 * One file's check as it goes: what the rows have added up to, and the row before (for its lookup).
 *
 * The row's check (`checkRow`) is kept small, and every finding is made by a function of its own
 * that only a faulty row calls. A region's validation runs this code for 350,000 rows on each of two
 * threads, and V8 optimizes it once those rows have run: a branch no row had taken before — the first
 * file with a wrong price, the first duplicate line — throws the optimized code away, and it is
 * compiled again. With the findings written inline, the function recompiled was the whole check with
 * everything it had inlined, 45–85 ms a time, ten times a thread: 1.2 s of the run's processor time
 * went to compiling it (bench/README.md, issue 20).
 */
interface CheckState {
  readonly catalogue: Catalogue;
  readonly file: string;
  readonly who: { school: string | undefined };
  readonly students: Record<string, number> | undefined;
  readonly reserve: number;
  readonly severityOverStudents: 'error' | 'warning';
  readonly findings: Finding[];
  readonly lines: OrderLine[];
  readonly firstRowOf: Map<string, number>;
  ordered: boolean;
  quantitiesReadable: boolean;
  totalCopies: number;
  totalKopecks: number;
  previous: OrderRowInput['values'] | undefined;
  previousResult: LookupResult | undefined;
}

export function validateOrder(input: ValidateOrderInput): OrderValidation {
  const { settings } = input;
  const schoolCode = input.school === undefined ? '' : cleanText(input.school);
  const school = schoolCode ? input.registry.schools.find((s) => s.code === schoolCode) : undefined;
  const s: CheckState = {
    catalogue: input.catalogue,
    file: input.file,
    who: { school: schoolCode || undefined },
    students: school?.students,
    reserve: settings.reserve_percent,
    severityOverStudents: settings.strict ? 'error' : 'warning',
    findings: [],
    lines: [],
    firstRowOf: new Map(),
    ordered: false,
    quantitiesReadable: true,
    totalCopies: 0,
    totalKopecks: 0,
    previous: undefined,
    previousResult: undefined,
  };

  if (!school) s.findings.push(finding('order-school-unknown', 'error', input.schoolAt ?? { file: input.file }, { school: schoolCode || '—' }, s.who));
  for (const r of input.rows) checkRow(s, r);
  if (input.totalRow && s.quantitiesReadable) checkTotals(s, input.totalRow);
  if (!s.ordered) s.findings.push(finding('order-empty', 'warning', { file: input.file }, {}, s.who));

  return { lines: s.lines, findings: s.findings, skipped: { students: s.students === undefined } };
}

function checkRow(s: CheckState, r: OrderRowInput): void {
  const v = r.values;
  const qty = parseWholeNumber(v.quantity ?? null);
  if (qty === null || qty === 0) return;
  s.ordered = true;

  let quantity: number | undefined;
  if (typeof qty === 'number' && qty <= MAX_LINE_COPIES) {
    quantity = qty;
    s.totalCopies += qty;
  } else {
    s.quantitiesReadable = false;
    quantityInvalid(s, r);
  }

  // An item for several grades has a row per grade, one under another: the same reference as the
  // row before is the same item (the cells hold the very same strings), without a lookup.
  const result = sameReference(v, s.previous) && s.previousResult ? s.previousResult : lookup(s.catalogue, v);
  s.previous = v;
  s.previousResult = result;
  const item = result.kind === 'found' ? result.item : undefined;
  if (result.kind !== 'found') itemNotFound(s, r, result);

  const filePrice = parseMoney(v.price ?? null);
  if (item && filePrice !== null && filePrice !== item.price_kopecks) priceMismatch(s, r, item, filePrice);

  let grade: number | undefined;
  if (item) {
    grade = gradeOf(s, r, item);
    if (item.not_in_fpu || !item.fpu_code) notInFpu(s, r, item);
  }

  if (quantity === undefined) return;

  const unitPrice = typeof filePrice === 'number' ? filePrice : item?.price_kopecks;
  const computed = unitPrice === undefined ? undefined : safeLineSum(quantity, unitPrice);
  const fileSum = parseMoney(v.sum ?? null);
  if (fileSum !== null && unitPrice !== undefined && fileSum !== computed) sumMismatch(s, r, item, { quantity, fileSum, unitPrice, computed });
  s.totalKopecks += typeof fileSum === 'number' ? fileSum : (computed ?? 0);

  if (!item || grade === undefined) return;
  // Keys are unique within a publisher only.
  const key = `${item.publisher}\u0000${item.key}\u0000${grade}`;
  const first = s.firstRowOf.get(key);
  if (first !== undefined) return duplicateLine(s, r, item, grade, first, quantity);
  s.firstRowOf.set(key, r.row);

  const count = s.students?.[String(grade)];
  if (count !== undefined) {
    const limit = Math.floor((count * (100 + s.reserve)) / 100);
    if (quantity > limit) overStudents(s, r, item, { grade, count, limit, quantity });
  }

  s.lines.push({ publisher: item.publisher, item_key: item.key, grade, quantity, price_kopecks: item.price_kopecks, row: r.row });
}

/** The line's grade: as written, or the item's only one when blank; a mismatch is reported (and a single grade kept). */
function gradeOf(s: CheckState, r: OrderRowInput, item: CatalogueItem): number | undefined {
  const range = itemGrades(item);
  const g = parseGrade(r.values.grade ?? null);
  if (g === null) {
    if (range.from === range.to) return range.from;
    gradeMismatch(s, r, item, range);
    return undefined;
  }
  if (g === 'invalid' || g.from !== g.to) {
    gradeMismatch(s, r, item, range);
    return undefined;
  }
  // An item without a grade is ordered without one, or for the one grade the line names.
  if (item.grade_from !== undefined && !gradeContains(range, g.from)) gradeMismatch(s, r, item, range);
  return g.from;
}

// The findings of a row, each made only when a row has it (see CheckState).

/** Who and what a row's finding is about: the item's key, else the reference as written. */
function itemInfo(s: CheckState, r: OrderRowInput, item: CatalogueItem | undefined): { school: string | undefined; item: string } {
  return { ...s.who, item: item?.key ?? referenceOf(r).described };
}

function quantityInvalid(s: CheckState, r: OrderRowInput): void {
  const written = text(r.values.quantity);
  s.findings.push(finding('order-qty-invalid', 'error', r.at('quantity'), { value: written, max: MAX_LINE_COPIES }, { ...s.who, actual: written }));
}

function itemNotFound(s: CheckState, r: OrderRowInput, result: Exclude<LookupResult, { kind: 'found' }>): void {
  const { at, described } = referenceOf(r);
  if (result.kind === 'none') {
    s.findings.push(finding('order-item-unknown', 'error', at, { reference: described }, { ...s.who, item: described }));
    return;
  }
  const params = { reference: described, candidates: candidateList(result.items), count: result.items.length };
  s.findings.push(finding('order-item-ambiguous', 'error', at, params, { ...s.who, item: described }));
}

function priceMismatch(s: CheckState, r: OrderRowInput, item: CatalogueItem, filePrice: number | 'invalid'): void {
  const v = r.values;
  const written = filePrice === 'invalid' ? asWritten('price', v.price) : rubles('price', filePrice);
  s.findings.push(
    finding(
      'order-price-mismatch',
      'error',
      r.at('price'),
      { title: item.title, publisher: item.publisher, ...written, ...rubles('list_price', item.price_kopecks) },
      { ...itemInfo(s, r, item), expected: item.price_kopecks, actual: filePrice === 'invalid' ? text(v.price) : filePrice },
    ),
  );
}

function gradeMismatch(s: CheckState, r: OrderRowInput, item: CatalogueItem, range: ReturnType<typeof itemGrades>): void {
  const [written, fits] = [text(r.values.grade), formatGrade(range)];
  const params = { grade: written || '—', title: item.title, range: fits };
  s.findings.push(finding('order-grade-mismatch', 'error', r.at('grade'), params, { ...itemInfo(s, r, item), expected: fits, actual: written }));
}

function notInFpu(s: CheckState, r: OrderRowInput, item: CatalogueItem): void {
  s.findings.push(finding('order-item-not-in-fpu', 'warning', referenceOf(r).at, { title: item.title, publisher: item.publisher }, itemInfo(s, r, item)));
}

function sumMismatch(
  s: CheckState,
  r: OrderRowInput,
  item: CatalogueItem | undefined,
  { quantity, fileSum, unitPrice, computed }: { quantity: number; fileSum: number | 'invalid'; unitPrice: number; computed: number | undefined },
): void {
  const v = r.values;
  const params = {
    quantity,
    ...(fileSum === 'invalid' ? asWritten('sum', v.sum) : rubles('sum', fileSum)),
    ...rubles('price', unitPrice),
    ...(computed === undefined ? asWritten('computed', '—') : rubles('computed', computed)),
  };
  s.findings.push(finding('order-sum-mismatch', 'error', r.at('sum'), params, { ...itemInfo(s, r, item), expected: computed, actual: fileSum === 'invalid' ? text(v.sum) : fileSum }));
}

function duplicateLine(s: CheckState, r: OrderRowInput, item: CatalogueItem, grade: number, first: number, quantity: number): void {
  s.findings.push(finding('order-duplicate-line', 'error', r.at('quantity'), { title: item.title, grade, first }, { ...itemInfo(s, r, item), actual: quantity }));
}

function overStudents(s: CheckState, r: OrderRowInput, item: CatalogueItem, { grade, count, limit, quantity }: { grade: number; count: number; limit: number; quantity: number }): void {
  s.findings.push(
    finding(
      'order-qty-exceeds-students',
      s.severityOverStudents,
      r.at('quantity'),
      { grade, students: count, reserve: s.reserve, title: item.title },
      { ...itemInfo(s, r, item), expected: limit, actual: quantity },
    ),
  );
}

/** The file's totals row against the sums of its lines (only when every quantity could be read). */
function checkTotals(s: CheckState, total: OrderTotalRowInput): void {
  const copiesText = text(total.values.quantity);
  const copies = parseWholeNumber(total.values.quantity ?? null);
  if (copies !== null && copies !== s.totalCopies)
    s.findings.push(
      finding(
        'order-total-mismatch',
        'error',
        total.at('quantity'),
        { total: copiesText, computed: s.totalCopies },
        { ...s.who, expected: s.totalCopies, actual: typeof copies === 'number' ? copies : copiesText },
      ),
    );
  const sum = parseMoney(total.values.sum ?? null);
  if (sum !== null && Number.isSafeInteger(s.totalKopecks) && sum !== s.totalKopecks)
    s.findings.push(
      finding(
        'order-total-mismatch',
        'error',
        total.at('sum'),
        { ...(sum === 'invalid' ? asWritten('total', total.values.sum) : rubles('total', sum)), ...rubles('computed', s.totalKopecks) },
        { ...s.who, expected: s.totalKopecks, actual: sum === 'invalid' ? text(total.values.sum) : sum },
      ),
    );
}
