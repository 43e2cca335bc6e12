/**
 * The ministry's recommendations on the regional order (docs/file-formats.md#recommendations, plan stages 13–17): the
 * columns a recommendations file may have, reading its rows into recommendations checked against the
 * registry, the catalogue and the schools' orders, and — after the schools re-submit — whether each
 * recommendation was applied. Pure: no files, no workspace.
 *
 * Decisions the spec leaves open:
 * - An item is named by item code, ISBN or fpu code, in one column («Позиция»). An fpu code names a
 *   textbook of the federal list, which may be several orderable items (parts 1 and 2): the
 *   recommendation is about all of them, and it counts as applied when it is applied to every part.
 *   Optional «Издательство» and «Наименование» columns narrow a reference that fits several items.
 * - The grade is required unless every item is for one grade only (a line orders for one grade).
 * - A recommendation is measured against the school's order as it stood when the recommendations
 *   were loaded (its formed version, else its latest): that is the `baseline`. Re-submitted versions
 *   are compared with it.
 * - A municipality-wide row (no school) applies to each school of the municipality that ordered the
 *   item for that grade and is not already within the recommendation («уменьшить до 20» skips a
 *   school that ordered 15). «Добавить» needs a school: nobody ordered the item, so there is no one to
 *   apply it to. A school's own row for the same item and grade takes precedence over its
 *   municipality's row.
 * - Quantities: «уменьшить», «увеличить» and «добавить» need the recommended number of copies per
 *   school; «заменить» may give the copies of the replacement (default: the copies of the replaced
 *   item); «исключить» takes none (0 or blank). «уменьшить до 0» is allowed and means «исключить».
 * - A school row whose recommendation is already met by the order (nothing ordered to exclude, a
 *   decrease to more than was ordered) is a warning and is not stored: there is nothing to check.
 * - Status, per item (part) of the recommendation, against the latest version:
 *     уменьшить to Q: applied when copies ≤ Q; partially when fewer than before; else not applied
 *     увеличить/добавить to Q: applied when copies ≥ Q; partially when more than before
 *     исключить: applied when none are ordered; partially when fewer than before
 *     заменить: the replaced item as «исключить», the replacement as «добавить» with Q
 *   A recommendation is applied when all its parts are, not applied when none moved, else partially.
 * - An unrequested change is a line of the latest version whose copies differ from the baseline
 *   (added, removed, changed) that no recommendation of the school names, as item or replacement,
 *   for that grade.
 */
import { itemGrades, type Catalogue, type CatalogueItem } from '../../core/model/catalogue.js';
import { finding, type CellAddress, type Finding } from '../../core/finding.js';
import { parseFpuCode } from '../../core/fpu.js';
import { formatGrade, gradeContains, parseGrade } from '../../core/grade.js';
import { normalizeIsbn } from '../../core/isbn.js';
import { latest, type OrderRecord, type OrderVersion } from '../../core/model/order-lifecycle.js';
import type { OrderLine } from '../../core/model/order.js';
import type { Registry, School } from '../../core/model/registry.js';
import { cleanText, normalizeHeader } from '../../core/text.js';
import { parseWholeNumber } from '../../core/values.js';

export type RecommendationField =
  | 'municipality'
  | 'school'
  | 'school_name'
  | 'publisher'
  | 'item'
  | 'title'
  | 'grade'
  | 'ordered'
  | 'action'
  | 'quantity'
  | 'replacement'
  | 'comment';

/**
 * Header texts per field (the table layer's TableSpec shape). `school_name` and `ordered` are read
 * only so that the columns uchebnik's own workbooks carry for people («Наименование ОО», «Заказано,
 * экз.») are not taken for the title or the quantity.
 */
export const RECOMMENDATION_FIELDS: { key: RecommendationField; synonyms: string[]; prefix?: boolean }[] = [
  {
    key: 'municipality',
    synonyms: ['Код МО', 'Муниципалитет', 'МО', 'Муниципальное образование', 'Код муниципалитета', 'Муниципальный район', 'Район'],
  },
  { key: 'school', synonyms: ['Код ОО', 'Школа', 'ОО', 'Код школы', 'Образовательная организация'] },
  { key: 'school_name', synonyms: ['Наименование ОО', 'Наименование школы'], prefix: false },
  { key: 'publisher', synonyms: ['Издательство'] },
  {
    key: 'item',
    synonyms: ['Позиция', 'Учебник', 'Код позиции', 'Код учебника', 'Код издательства', 'Код 1С', 'Артикул', 'ISBN', '№ ФП', 'Код ФП', 'Код'],
  },
  { key: 'title', synonyms: ['Наименование', 'Наименование учебника', 'Название', 'Авторы, наименование'] },
  { key: 'grade', synonyms: ['Класс'] },
  { key: 'ordered', synonyms: ['Заказано', 'Заказано, экз.', 'Заказано школой'] },
  { key: 'action', synonyms: ['Действие', 'Рекомендация', 'Рекомендуемое действие', 'Мероприятие'] },
  {
    key: 'quantity',
    synonyms: ['Рекомендуемое количество', 'Рекомендованное количество', 'Количество', 'Кол-во', 'Рекомендуемое кол-во', 'Количество, экз.'],
  },
  { key: 'replacement', synonyms: ['Замена', 'Заменить на', 'Позиция для замены', 'Новая позиция', 'Замещающая позиция'] },
  { key: 'comment', synonyms: ['Комментарий', 'Обоснование', 'Примечание', 'Причина', 'Пояснение'] },
];

export const RECOMMENDATION_REQUIRED: string[] = ['item', 'action', 'municipality|school'];

export type RecommendationAction = 'decrease' | 'increase' | 'exclude' | 'replace' | 'add';

export const ACTIONS: readonly RecommendationAction[] = ['decrease', 'increase', 'exclude', 'replace', 'add'];

/** How the file writes each action (and how uchebnik writes it back). */
export const ACTION_WORD: Record<RecommendationAction, string> = {
  decrease: 'уменьшить',
  increase: 'увеличить',
  exclude: 'исключить',
  replace: 'заменить',
  add: 'добавить',
};

const ACTION_SYNONYMS: Record<string, RecommendationAction> = {
  уменьшить: 'decrease',
  уменьшение: 'decrease',
  сократить: 'decrease',
  сокращение: 'decrease',
  decrease: 'decrease',
  reduce: 'decrease',
  увеличить: 'increase',
  увеличение: 'increase',
  increase: 'increase',
  исключить: 'exclude',
  исключение: 'exclude',
  удалить: 'exclude',
  exclude: 'exclude',
  remove: 'exclude',
  заменить: 'replace',
  замена: 'replace',
  replace: 'replace',
  добавить: 'add',
  добавление: 'add',
  add: 'add',
};

/** «Уменьшить», «уменьшить количество», «Исключить из заказа» → the action; its first word decides. */
export function parseAction(v: RawValue | undefined): RecommendationAction | null | 'invalid' {
  const s = text(v);
  if (!s) return null;
  const first = normalizeHeader(s).split(' ')[0] ?? '';
  // own keys only: an action «constructor» is not Object.prototype's constructor
  return Object.hasOwn(ACTION_SYNONYMS, first) ? ACTION_SYNONYMS[first]! : 'invalid';
}

export type RawValue = string | number | null;

export interface RecommendationRowInput {
  row: number;
  values: Partial<Record<RecommendationField, RawValue>>;
  at(field: RecommendationField): CellAddress;
}

/** An orderable item, as order lines name it. */
export interface ItemRef {
  publisher: string;
  item_key: string;
}

export interface Recommendation {
  /** 1, 2, … in the order of the file, after municipality-wide rows are expanded */
  id: number;
  municipality: string;
  school: string;
  /** the row named the school, or only its municipality */
  scope: 'school' | 'municipality';
  /** the item as the file names it */
  reference: string;
  /** the first item's authors and title, for people */
  title: string;
  /** one item, or the parts of the textbook an fpu code names */
  items: ItemRef[];
  grade: number;
  action: RecommendationAction;
  /** recommended copies per school (decrease, increase, add; replace: of the replacement) */
  quantity?: number;
  replacement?: { reference: string; title: string; items: ItemRef[] };
  comment?: string;
  /** the school's order when the recommendations were loaded: copies per item (and replacement item) */
  baseline: { version: number | null; quantities: number[]; replacement_quantities?: number[] };
  /** the row of the recommendations file, at its action cell */
  at: CellAddress;
}

export interface ParseRecommendationsInput {
  rows: Iterable<RecommendationRowInput>;
  registry: Registry;
  catalogue: Catalogue;
  /** school → the order version recommendations are made against (see baselineVersion) */
  baselines: ReadonlyMap<string, OrderVersion>;
  file: string;
}

export interface ParsedRecommendations {
  recommendations: Recommendation[];
  findings: Finding[];
  /** rows that held a recommendation (blank rows not counted) */
  rows: number;
}

/** The version a school's recommendations are measured against: its formed version, else its latest. */
export function baselineVersion(record: OrderRecord | undefined): OrderVersion | undefined {
  if (!record) return undefined;
  for (let i = record.versions.length - 1; i >= 0; i--) if (record.versions[i]!.state === 'formed') return record.versions[i];
  return latest(record);
}

function text(v: RawValue | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? String(v) : cleanText(v);
}

export function itemLabel(item: Pick<CatalogueItem, 'authors' | 'title'>): string {
  return [item.authors, item.title].filter(Boolean).join(' ');
}

/** How a recommendation names an item back to people: item code, else ISBN, else fpu code. */
export function itemReference(item: CatalogueItem): string {
  return item.item_code ?? item.isbn ?? item.fpu_code ?? item.key;
}

type Resolved = { kind: 'found'; items: CatalogueItem[] } | { kind: 'none' } | { kind: 'ambiguous'; items: CatalogueItem[] };

/**
 * The items a reference names. One column holds an item code, an ISBN or an fpu code, so each is
 * tried; an fpu code that fits several items of one textbook (its parts) names them all.
 */
export function resolveItems(catalogue: Catalogue, reference: string, publisher?: string, title?: string): Resolved {
  const isbn = normalizeIsbn(reference) ?? undefined;
  const fpu = parseFpuCode(reference);
  const fpuCode = fpu && fpu !== 'invalid' ? fpu.code : undefined;
  const result = catalogue.lookup({ publisher: publisher || undefined, item_code: reference, isbn, fpu_code: fpuCode, title: title || undefined });
  if (result.kind === 'found') return { kind: 'found', items: [result.item] };
  if (result.kind === 'none') return result;
  if (fpuCode && result.items.every((it) => it.fpu_code === fpuCode && it.publisher === result.items[0]!.publisher)) return { kind: 'found', items: result.items };
  return { kind: 'ambiguous', items: result.items };
}

function candidateList(items: CatalogueItem[]): string {
  return items.map((i) => `«${i.title}» (${i.publisher}, ${itemReference(i)})`).join('; ');
}

function keyOf(i: ItemRef): string {
  return `${i.publisher}\u0000${i.item_key}`;
}

function itemsKey(items: ItemRef[]): string {
  return items.map(keyOf).sort().join('\u0001');
}

/** Copies of an item for a grade in a version's lines (0 when not ordered). */
export function copiesOf(lines: readonly OrderLine[] | undefined, item: ItemRef, grade: number): number {
  if (!lines) return 0;
  let n = 0;
  for (const l of lines) if (l.grade === grade && l.item_key === item.item_key && l.publisher === item.publisher) n += l.quantity;
  return n;
}

function municipalityOf(registry: Registry, given: string): string | undefined {
  const code = registry.municipalities.find((m) => m.code === given);
  if (code) return code.code;
  const wanted = normalizeHeader(given);
  return registry.municipalities.find((m) => normalizeHeader(m.name) === wanted)?.code;
}

/** Whether the order already does what the recommendation asks (nothing to check). */
function alreadyMet(action: RecommendationAction, quantity: number | undefined, copies: number[]): boolean {
  switch (action) {
    case 'decrease':
      return copies.every((c) => c <= quantity!);
    case 'increase':
    case 'add':
      return copies.every((c) => c >= quantity!);
    case 'exclude':
    case 'replace':
      return copies.every((c) => c === 0);
  }
}

interface RowOutcome {
  action: RecommendationAction;
  municipality: string;
  school?: School;
  reference: string;
  items: CatalogueItem[];
  grade: number;
  quantity?: number;
  replacement?: { reference: string; items: CatalogueItem[] };
  comment?: string;
  at: CellAddress;
}

export function parseRecommendations(input: ParseRecommendationsInput): ParsedRecommendations {
  const { registry, catalogue, baselines } = input;
  const findings: Finding[] = [];
  const schoolRecs: Recommendation[] = [];
  const wideRecs: Recommendation[] = [];
  const firstRowOf = new Map<string, number>();
  let rows = 0;

  for (const r of input.rows) {
    const v = r.values;
    const meaningful: RecommendationField[] = ['municipality', 'school', 'item', 'grade', 'action', 'quantity', 'replacement'];
    if (meaningful.every((f) => text(v[f]) === '')) continue;
    rows++;
    const outcome = readRow(r, registry, catalogue, findings);
    if (!outcome) continue;

    const scopeKey = outcome.school ? `school:${outcome.school.code}` : `municipality:${outcome.municipality}`;
    const dupKey = `${scopeKey}\u0002${itemsKey(outcome.items.map(ref))}\u0002${outcome.grade}`;
    const first = firstRowOf.get(dupKey);
    if (first !== undefined) {
      findings.push(finding('rec-duplicate', 'error', r.at('item'), { reference: outcome.reference, grade: outcome.grade, first }, whoOf(outcome)));
      continue;
    }
    firstRowOf.set(dupKey, r.row);

    const targets = outcome.school ? [outcome.school] : registry.schools.filter((s) => s.municipality === outcome.municipality);
    let made = 0;
    for (const school of targets) {
      const base = baselines.get(school.code);
      const quantities = outcome.items.map((it) => copiesOf(base?.lines, ref(it), outcome.grade));
      const ordered = quantities.some((q) => q > 0);
      if (!outcome.school && !ordered) continue;
      if (alreadyMet(outcome.action, outcome.quantity, quantities)) {
        if (!outcome.school) continue;
        const code = outcome.action === 'exclude' || outcome.action === 'replace' ? 'rec-not-ordered' : 'rec-qty-no-change';
        findings.push(
          finding(code, 'warning', r.at(code === 'rec-not-ordered' ? 'item' : 'quantity'), { reference: outcome.reference, grade: outcome.grade, ordered: Math.max(0, ...quantities), quantity: outcome.quantity ?? 0 }, whoOf(outcome)),
        );
        continue;
      }
      const rec: Recommendation = {
        id: 0,
        municipality: school.municipality,
        school: school.code,
        scope: outcome.school ? 'school' : 'municipality',
        reference: outcome.reference,
        title: itemLabel(outcome.items[0]!),
        items: outcome.items.map(ref),
        grade: outcome.grade,
        action: outcome.action,
        baseline: { version: base?.version ?? null, quantities },
        at: outcome.at,
      };
      if (outcome.quantity !== undefined) rec.quantity = outcome.quantity;
      if (outcome.replacement) {
        rec.replacement = { reference: outcome.replacement.reference, title: itemLabel(outcome.replacement.items[0]!), items: outcome.replacement.items.map(ref) };
        rec.baseline.replacement_quantities = outcome.replacement.items.map((it) => copiesOf(base?.lines, ref(it), outcome.grade));
      }
      if (outcome.comment) rec.comment = outcome.comment;
      (outcome.school ? schoolRecs : wideRecs).push(rec);
      made++;
    }
    if (!outcome.school && made === 0)
      findings.push(finding('rec-not-ordered-municipality', 'warning', r.at('item'), { reference: outcome.reference, grade: outcome.grade, municipality: outcome.municipality }, { item: outcome.reference }));
  }

  // A school's own recommendation for an item and grade overrides its municipality's.
  const own = new Set(schoolRecs.map((x) => `${x.school}\u0002${itemsKey(x.items)}\u0002${x.grade}`));
  const all = [...schoolRecs, ...wideRecs.filter((x) => !own.has(`${x.school}\u0002${itemsKey(x.items)}\u0002${x.grade}`))];
  all.sort((a, b) => (a.at.row ?? 0) - (b.at.row ?? 0) || a.school.localeCompare(b.school, 'ru', { numeric: true }));
  all.forEach((x, i) => (x.id = i + 1));
  return { recommendations: all, findings, rows };
}

function ref(item: CatalogueItem): ItemRef {
  return { publisher: item.publisher, item_key: item.key };
}

function whoOf(o: { school?: School; reference: string }): Pick<Finding, 'school' | 'item'> {
  return { ...(o.school ? { school: o.school.code } : {}), item: o.reference };
}

/** Checks one row; findings for everything wrong in it, and the recommendation when nothing is. */
function readRow(r: RecommendationRowInput, registry: Registry, catalogue: Catalogue, findings: Finding[]): RowOutcome | undefined {
  const v = r.values;
  const before = findings.length;
  const schoolCode = text(v.school);
  const muniText = text(v.municipality);
  const reference = text(v.item);
  const who = { ...(schoolCode ? { school: schoolCode } : {}), ...(reference ? { item: reference } : {}) };

  const action = parseAction(v.action);
  if (action === null || action === 'invalid')
    findings.push(finding('rec-action-invalid', 'error', r.at('action'), { value: text(v.action) || '—' }, { ...who, actual: text(v.action) }));

  let school: School | undefined;
  let municipality: string | undefined;
  if (schoolCode) {
    school = registry.schools.find((s) => s.code === schoolCode);
    if (!school) findings.push(finding('rec-school-unknown', 'error', r.at('school'), { school: schoolCode }, who));
    else {
      municipality = school.municipality;
      const named = muniText ? municipalityOf(registry, muniText) : school.municipality;
      if (named !== school.municipality)
        findings.push(finding('rec-municipality-mismatch', 'error', r.at('municipality'), { school: schoolCode, given: muniText, municipality: school.municipality }, { ...who, expected: school.municipality, actual: muniText }));
    }
  } else {
    municipality = muniText ? municipalityOf(registry, muniText) : undefined;
    if (!municipality) findings.push(finding('rec-municipality-unknown', 'error', r.at(muniText ? 'municipality' : 'school'), { municipality: muniText || '—' }, who));
    else if (action === 'add') findings.push(finding('rec-school-required', 'error', r.at('school'), { reference: reference || '—' }, who));
  }

  let items: CatalogueItem[] = [];
  if (!reference) findings.push(finding('rec-item-unknown', 'error', r.at('item'), { reference: '—' }, who));
  else {
    const found = resolveItems(catalogue, reference, text(v.publisher), text(v.title));
    if (found.kind === 'found') items = found.items;
    else if (found.kind === 'none') findings.push(finding('rec-item-unknown', 'error', r.at('item'), { reference }, who));
    else findings.push(finding('rec-item-ambiguous', 'error', r.at('item'), { reference, candidates: candidateList(found.items), count: found.items.length }, who));
  }

  let grade: number | undefined;
  if (items.length) {
    const g = parseGrade(v.grade ?? null);
    const ranges = items.map(itemGrades);
    const fits = formatGrade(ranges[0]!);
    if (g === null) {
      if (ranges.every((x) => x.from === x.to && x.from === ranges[0]!.from)) grade = ranges[0]!.from;
      else findings.push(finding('rec-grade-invalid', 'error', r.at('grade'), { grade: '—', title: items[0]!.title, range: fits }, { ...who, expected: fits }));
    } else if (g === 'invalid' || g.from !== g.to || !ranges.every((x) => gradeContains(x, g.from)))
      findings.push(finding('rec-grade-invalid', 'error', r.at('grade'), { grade: text(v.grade), title: items[0]!.title, range: fits }, { ...who, expected: fits, actual: text(v.grade) }));
    else grade = g.from;
  }

  let quantity: number | undefined;
  const rawQty = v.quantity ?? null;
  const q = parseWholeNumber(rawQty);
  const qtyInvalid = (reason: string) =>
    findings.push(finding('rec-qty-invalid', 'error', r.at('quantity'), { value: text(rawQty) || '—', reason, reason_en: QTY_REASON_EN[reason] ?? reason }, { ...who, actual: text(rawQty) }));
  if (action === 'decrease' || action === 'increase' || action === 'add') {
    if (q === null) qtyInvalid(QTY_MISSING);
    else if (typeof q !== 'number') qtyInvalid(QTY_NOT_WHOLE);
    else if (q === 0 && action !== 'decrease') qtyInvalid(QTY_ZERO);
    else quantity = q;
  } else if (action === 'replace') {
    if (q !== null && typeof q !== 'number') qtyInvalid(QTY_NOT_WHOLE);
    else if (q === 0) qtyInvalid(QTY_ZERO);
    else if (typeof q === 'number') quantity = q;
  } else if (action === 'exclude') {
    if (q !== null && q !== 0) qtyInvalid(QTY_FOR_EXCLUDE);
  }

  let replacement: RowOutcome['replacement'];
  if (action === 'replace') {
    const refText = text(v.replacement);
    if (!refText) findings.push(finding('rec-replacement-invalid', 'error', r.at('replacement'), { reference: '—', reason: REPLACEMENT_MISSING, reason_en: REPLACEMENT_MISSING_EN }, who));
    else {
      const found = resolveItems(catalogue, refText);
      if (found.kind === 'none') findings.push(finding('rec-item-unknown', 'error', r.at('replacement'), { reference: refText }, who));
      else if (found.kind === 'ambiguous')
        findings.push(finding('rec-item-ambiguous', 'error', r.at('replacement'), { reference: refText, candidates: candidateList(found.items), count: found.items.length }, who));
      else if (items.length && itemsKey(found.items.map(ref)) === itemsKey(items.map(ref)))
        findings.push(finding('rec-replacement-invalid', 'error', r.at('replacement'), { reference: refText, reason: REPLACEMENT_SAME, reason_en: REPLACEMENT_SAME_EN }, who));
      else if (grade !== undefined && !found.items.every((it) => gradeContains(itemGrades(it), grade!)))
        findings.push(
          finding('rec-replacement-invalid', 'error', r.at('replacement'), { reference: refText, reason: `${REPLACEMENT_GRADE} ${grade}`, reason_en: `${REPLACEMENT_GRADE_EN} ${grade}` }, who),
        );
      else replacement = { reference: refText, items: found.items };
    }
  }

  if (findings.length > before || !municipality || action === null || action === 'invalid' || grade === undefined) return undefined;
  const comment = text(v.comment);
  return {
    action,
    municipality,
    ...(school ? { school } : {}),
    reference,
    items,
    grade,
    ...(quantity !== undefined ? { quantity } : {}),
    ...(replacement ? { replacement } : {}),
    ...(comment ? { comment } : {}),
    at: r.at('action'),
  };
}

// The reasons are message parameters in both languages, as order findings do with money.
const QTY_MISSING = 'для этого действия нужно рекомендуемое количество';
const QTY_NOT_WHOLE = 'нужно целое число экземпляров не меньше 0';
const QTY_ZERO = '0 экземпляров — это «исключить»';
const QTY_FOR_EXCLUDE = 'при «исключить» количество не указывается';
const QTY_REASON_EN: Record<string, string> = {
  [QTY_MISSING]: 'this action needs the recommended number of copies',
  [QTY_NOT_WHOLE]: 'a whole number of copies, 0 or more, is needed',
  [QTY_ZERO]: '0 copies is «исключить» (exclude)',
  [QTY_FOR_EXCLUDE]: '«исключить» (exclude) takes no quantity',
};
const REPLACEMENT_MISSING = 'не указано, на что заменить';
const REPLACEMENT_MISSING_EN = 'the replacement item is missing';
const REPLACEMENT_SAME = 'замена совпадает с заменяемой позицией';
const REPLACEMENT_SAME_EN = 'the replacement is the item itself';
const REPLACEMENT_GRADE = 'замена не предназначена для класса';
const REPLACEMENT_GRADE_EN = 'the replacement is not for grade';

/** The schools that must correct their order (stages 16, 17, 19 of the plan read this list). */
export function schoolsConcerned(recs: readonly Recommendation[]): string[] {
  return [...new Set(recs.map((r) => r.school))].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }));
}

// ─── check ────────────────────────────────────────────────────────────────────────────────────────

export type RecommendationStatus = 'applied' | 'partially-applied' | 'not-applied';

export interface CheckedRecommendation {
  recommendation: Recommendation;
  status: RecommendationStatus;
  /** the version compared (the school's latest), null when the school has no order at all */
  version: number | null;
  state?: OrderVersion['state'];
  /** copies per item now, in the order of recommendation.items */
  quantities: number[];
  replacement_quantities?: number[];
}

export interface UnrequestedChange {
  municipality: string;
  school: string;
  publisher: string;
  item_key: string;
  grade: number;
  before: number;
  after: number;
  version_before: number | null;
  version_after: number;
  /** where the line is: the latest version's file and row, or (for a removed line) the baseline's */
  file?: string;
  row?: number;
}

export interface RecommendationCheck {
  results: CheckedRecommendation[];
  unrequested: UnrequestedChange[];
  summary: { applied: number; partially_applied: number; not_applied: number };
}

type PartRule = 'decrease' | 'increase' | 'exclude';

function partStatus(rule: PartRule, before: number, now: number, target: number): RecommendationStatus {
  switch (rule) {
    case 'decrease':
      return now <= target ? 'applied' : now < before ? 'partially-applied' : 'not-applied';
    case 'increase':
      return now >= target ? 'applied' : now > before ? 'partially-applied' : 'not-applied';
    case 'exclude':
      return now === 0 ? 'applied' : now < before ? 'partially-applied' : 'not-applied';
  }
}

function combine(statuses: RecommendationStatus[]): RecommendationStatus {
  if (statuses.every((s) => s === 'applied')) return 'applied';
  if (statuses.every((s) => s === 'not-applied')) return 'not-applied';
  return 'partially-applied';
}

/** The status of one recommendation given the copies ordered now. */
export function recommendationStatus(rec: Recommendation, quantities: number[], replacementQuantities: number[] = []): RecommendationStatus {
  const before = rec.baseline.quantities;
  const parts: RecommendationStatus[] = [];
  switch (rec.action) {
    case 'decrease':
      rec.items.forEach((_, i) => parts.push(partStatus('decrease', before[i] ?? 0, quantities[i] ?? 0, rec.quantity ?? 0)));
      break;
    case 'increase':
    case 'add':
      rec.items.forEach((_, i) => parts.push(partStatus('increase', before[i] ?? 0, quantities[i] ?? 0, rec.quantity ?? 0)));
      break;
    case 'exclude':
      rec.items.forEach((_, i) => parts.push(partStatus('exclude', before[i] ?? 0, quantities[i] ?? 0, 0)));
      break;
    case 'replace': {
      rec.items.forEach((_, i) => parts.push(partStatus('exclude', before[i] ?? 0, quantities[i] ?? 0, 0)));
      const target = rec.quantity ?? Math.max(0, ...before);
      const replBefore = rec.baseline.replacement_quantities ?? [];
      (rec.replacement?.items ?? []).forEach((_, i) => parts.push(partStatus('increase', replBefore[i] ?? 0, replacementQuantities[i] ?? 0, target)));
      break;
    }
  }
  return combine(parts);
}

/**
 * Each recommendation against its school's latest version, and the lines changed since the baseline
 * that nobody asked for. `baselines` holds the version each school was measured against when the
 * recommendations were loaded (null: it had no order); schools absent from it are not compared.
 */
export function checkRecommendations(recs: readonly Recommendation[], orders: ReadonlyMap<string, OrderRecord>, baselines: Readonly<Record<string, number | null>>): RecommendationCheck {
  const results: CheckedRecommendation[] = recs.map((rec) => {
    const last = latest(orders.get(rec.school));
    const quantities = rec.items.map((it) => copiesOf(last?.lines, it, rec.grade));
    const replacement_quantities = rec.replacement?.items.map((it) => copiesOf(last?.lines, it, rec.grade));
    return {
      recommendation: rec,
      status: recommendationStatus(rec, quantities, replacement_quantities),
      version: last?.version ?? null,
      ...(last ? { state: last.state } : {}),
      quantities,
      ...(replacement_quantities ? { replacement_quantities } : {}),
    };
  });

  const covered = new Set<string>();
  for (const rec of recs) for (const it of [...rec.items, ...(rec.replacement?.items ?? [])]) covered.add(`${rec.school}\u0002${keyOf(it)}\u0002${rec.grade}`);

  const unrequested: UnrequestedChange[] = [];
  for (const [school, baseVersion] of Object.entries(baselines)) {
    const record = orders.get(school);
    const last = latest(record);
    if (!record || !last || last.version === baseVersion) continue;
    const base = baseVersion === null ? undefined : record.versions.find((x) => x.version === baseVersion);
    const lineKey = (l: OrderLine) => `${l.publisher}\u0000${l.item_key}\u0002${l.grade}`;
    const before = new Map<string, OrderLine>();
    for (const l of base?.lines ?? []) before.set(lineKey(l), l);
    const after = new Map<string, OrderLine>();
    for (const l of last.lines) after.set(lineKey(l), l);
    for (const k of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(k);
      const a = after.get(k);
      const was = b?.quantity ?? 0;
      const now = a?.quantity ?? 0;
      if (was === now) continue;
      const line = (a ?? b)!;
      if (covered.has(`${school}\u0002${keyOf(line)}\u0002${line.grade}`)) continue;
      const where = a ? { file: last.source.file, row: a.row } : { file: base?.source.file, row: b?.row };
      unrequested.push({
        municipality: record.municipality,
        school,
        publisher: line.publisher,
        item_key: line.item_key,
        grade: line.grade,
        before: was,
        after: now,
        version_before: baseVersion,
        version_after: last.version,
        ...(where.file !== undefined ? { file: where.file } : {}),
        ...(where.row !== undefined ? { row: where.row } : {}),
      });
    }
  }
  unrequested.sort(
    (a, b) =>
      a.municipality.localeCompare(b.municipality, 'ru', { numeric: true }) ||
      a.school.localeCompare(b.school, 'ru', { numeric: true }) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      a.item_key.localeCompare(b.item_key),
  );

  const count = (s: RecommendationStatus) => results.filter((r) => r.status === s).length;
  return { results, unrequested, summary: { applied: count('applied'), partially_applied: count('partially-applied'), not_applied: count('not-applied') } };
}

