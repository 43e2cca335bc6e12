/**
 * The analyst's first look at the regional order (docs/file-formats.md#recommendations, plan stage 12): what the ministry
 * looks for before it writes recommendations. Pure: the registry, the catalogue and the schools'
 * orders in, findings and per-municipality figures out.
 *
 * What is analysed is the regional order: each school's formed version (what consolidation counts).
 * Every finding is a warning — the analysis points at what deserves a look; the ministry decides.
 *
 * - `analyze-qty-exceeds-students`: a line above the grade's students plus the reserve
 *   (floor(students × (100 + reserve) / 100), as `order validate` counts it).
 * - `analyze-item-not-in-fpu`: an item without an fpu code or marked 99.99.99.99.99.99.
 * - `analyze-two-lines`: one school, one grade, one subject, two textbook lines. The fpu code is read
 *   as …subject.line.book: the line is the code without its last level, the subject the code without
 *   its last two (6-level codes of the 2014 list: 1.1.1.1 Русский язык, 1.1.1.1.4 the Канакина line;
 *   7-level codes of later lists the same way one level down). Because one subject of the list may hold
 *   separate courses (1.3.3.1 «Математика: алгебра и начала анализа, геометрия» has algebra lines and
 *   geometry lines, and a school needs one of each), books are grouped by the subject code *and* the
 *   course their title names — the title up to its first «.», «(» or «:» («Русский язык. В 2-х частях.
 *   Часть 1» → «русский язык»). Parallel classes may learn from different lines, so it is a finding only
 *   when the copies of the lines together exceed the grade's students plus the reserve (or the students
 *   are unknown). A line's copies for a grade are those of its most ordered part.
 * - `analyze-cost-outlier`: a school whose order costs per student (its formed order's sum / its
 *   students in grades 1–11) lie outside Tukey's fences of its municipality: below Q1 − k·IQR or
 *   above Q3 + k·IQR, k = 1.5, quartiles interpolated linearly between order statistics (Excel's
 *   QUARTILE.INC, R's type 7), over the municipality's schools with a formed order and known students.
 *   With fewer than 4 such schools the fences mean nothing and the municipality is skipped (and said).
 * - `analyze-no-order`: a school of the registry without a formed order (none submitted, or still a
 *   draft or agreed), or whose formed order has no lines.
 */
import type { Catalogue, CatalogueItem } from '../../core/model/catalogue.js';
import { finding, type CellAddress, type Finding, type FindingParams } from '../../core/finding.js';
import { formedVersion, latest, type OrderRecord, type OrderVersion } from '../../core/model/order-lifecycle.js';
import type { OrderLine } from '../../core/model/order.js';
import { itemLabel, itemReference, type RecommendationAction } from '../recommendations/index.js';
import type { Registry, School } from '../../core/model/registry.js';
import { normalizeTitle } from '../../core/text.js';

export interface AnalyzeSettings {
  /** reserve over a grade's students, percent */
  reserve_percent: number;
  /** Tukey's k (default 1.5) */
  fence_k?: number;
  /** fewest schools with a cost per student for the fences to be computed (default 4) */
  min_schools?: number;
}

export interface AnalyzeInput {
  registry: Registry;
  catalogue: Catalogue;
  orders: Iterable<OrderRecord>;
  settings: AnalyzeSettings;
  /** only this municipality's schools */
  municipality?: string;
}

/** Cost per student statistics of one municipality, in kopecks per student (rounded). */
export interface CostFences {
  q1: number;
  median: number;
  q3: number;
  lower: number;
  upper: number;
}

export interface MunicipalityAnalysis {
  code: string;
  schools: number;
  /** schools with a formed order that has lines */
  ordered: number;
  students: number;
  copies: number;
  sum_kopecks: number;
  /** schools whose cost per student entered the fences */
  costed: number;
  fences?: CostFences;
  /** why the fences were not computed */
  skipped?: 'too-few-schools';
}

export interface SchoolCost {
  school: string;
  municipality: string;
  students: number;
  sum_kopecks: number;
  per_student_kopecks: number;
}

/** A row the analyst may keep in the draft recommendations file. */
export interface DraftRecommendation {
  municipality: string;
  school: string;
  publisher: string;
  /** item code, ISBN or fpu code, as the recommendations file names items */
  reference: string;
  title: string;
  grade: number;
  ordered: number;
  action: RecommendationAction;
  quantity?: number;
  /** the finding that suggests it: its message is the comment */
  finding: Finding;
}

export interface Analysis {
  findings: Finding[];
  municipalities: MunicipalityAnalysis[];
  costs: SchoolCost[];
  draft: DraftRecommendation[];
  /** schools of the registry in scope */
  schools: number;
  /** schools with a formed order that has lines */
  ordered: number;
  /** schools without student counts: the checks against students were skipped for them */
  withoutStudents: string[];
  method: { fences: 'tukey'; k: number; quartiles: 'linear'; min_schools: number; reserve_percent: number };
}

/** Quantile p of sorted numbers, by linear interpolation between order statistics (R type 7). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of nothing');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function tukeyFences(values: readonly number[], k = 1.5): CostFences {
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  const r = Math.round;
  return { q1: r(q1), median: r(quantile(sorted, 0.5)), q3: r(q3), lower: r(q1 - k * iqr), upper: r(q3 + k * iqr) };
}

/** The course a title names: the title up to its first «.», «(» or «:», normalised. */
export function courseOf(title: string): string {
  const head = title.split(/[.(:]/u)[0] ?? title;
  return normalizeTitle(head);
}

/** fpu code → [subject, line] by dropping the last two / the last level; undefined without a usable code. */
export function subjectAndLine(item: Pick<CatalogueItem, 'fpu_code' | 'not_in_fpu'>): { subject: string; line: string } | undefined {
  if (!item.fpu_code || item.not_in_fpu) return undefined;
  const levels = item.fpu_code.split('.');
  if (levels.length < 4) return undefined;
  return { subject: levels.slice(0, -2).join('.'), line: levels.slice(0, -1).join('.') };
}

/** An amount for a message: `{name}` shows it as money in the reader's language (src/core/i18n/index.ts). */
function money(name: string, kopecks: number): FindingParams {
  return { [`${name}_kopecks`]: kopecks };
}

function studentsOf(school: School): number | undefined {
  if (!school.students) return undefined;
  const n = Object.values(school.students).reduce((a, b) => a + b, 0);
  return n > 0 ? n : undefined;
}

function limitOf(students: number, reserve: number): number {
  return Math.floor((students * (100 + reserve)) / 100);
}

const STATE_WORDS: Record<string, [ru: string, en: string]> = {
  none: ['заказ не подавался', 'no order was submitted'],
  draft: ['заказ подан, но не согласован и не сформирован', 'the order is submitted but neither agreed nor formed'],
  agreed: ['заказ согласован, но не сформирован', 'the order is agreed but not formed'],
  empty: ['в сформированном заказе нет ни одной строки', 'the formed order has no lines'],
};

interface Placed {
  line: OrderLine;
  item: CatalogueItem;
}

export function analyzeOrders(input: AnalyzeInput): Analysis {
  const { registry, catalogue, settings } = input;
  const reserve = settings.reserve_percent;
  const k = settings.fence_k ?? 1.5;
  const minSchools = settings.min_schools ?? 4;
  const inScope = (m: string) => input.municipality === undefined || m === input.municipality;
  const records = new Map<string, OrderRecord>();
  for (const r of input.orders) records.set(r.school, r);

  const findings: Finding[] = [];
  const draft: DraftRecommendation[] = [];
  const costs: SchoolCost[] = [];
  const withoutStudents: string[] = [];
  const perMunicipality = new Map<string, MunicipalityAnalysis>();
  const muni = (code: string) => {
    let m = perMunicipality.get(code);
    if (!m) perMunicipality.set(code, (m = { code, schools: 0, ordered: 0, students: 0, copies: 0, sum_kopecks: 0, costed: 0 }));
    return m;
  };
  for (const m of registry.municipalities) if (inScope(m.code)) muni(m.code);

  let schools = 0;
  let ordered = 0;
  for (const school of registry.schools) {
    if (!inScope(school.municipality)) continue;
    schools++;
    const m = muni(school.municipality);
    m.schools++;
    const students = studentsOf(school);
    if (students === undefined) withoutStudents.push(school.code);
    else m.students += students;

    const record = records.get(school.code);
    const version = formedVersion(record);
    if (!version || version.lines.length === 0) {
      const state = version ? 'empty' : (latest(record)?.state ?? 'none');
      const [ru, en] = STATE_WORDS[state]!;
      findings.push(finding('analyze-no-order', 'warning', {}, { state: ru, state_en: en }, { school: school.code, actual: state }));
      continue;
    }
    ordered++;
    m.ordered++;
    m.copies += version.totals.copies;
    m.sum_kopecks += version.totals.sum_kopecks;
    if (students !== undefined) costs.push({ school: school.code, municipality: school.municipality, students, sum_kopecks: version.totals.sum_kopecks, per_student_kopecks: Math.round(version.totals.sum_kopecks / students) });

    const placed: Placed[] = [];
    for (const line of version.lines) {
      const item = catalogue.byKey(line.publisher, line.item_key);
      if (item) placed.push({ line, item });
    }
    lineChecks(school, version, placed, reserve, findings, draft);
    twoLines(school, version, placed, reserve, findings, draft);
  }

  for (const m of perMunicipality.values()) {
    const mine = costs.filter((c) => c.municipality === m.code);
    m.costed = mine.length;
    if (mine.length < minSchools) {
      if (m.ordered > 0) m.skipped = 'too-few-schools';
      continue;
    }
    const fences = tukeyFences(
      mine.map((c) => c.per_student_kopecks),
      k,
    );
    m.fences = fences;
    for (const c of mine) {
      if (c.per_student_kopecks >= fences.lower && c.per_student_kopecks <= fences.upper) continue;
      findings.push(
        finding(
          'analyze-cost-outlier',
          'warning',
          {},
          {
            ...money('cost', c.per_student_kopecks),
            ...money('lower', fences.lower),
            ...money('upper', fences.upper),
            ...money('median', fences.median),
            ...money('sum', c.sum_kopecks),
            students: c.students,
            municipality: m.code,
            k,
          },
          { school: c.school, expected: `${fences.lower}..${fences.upper}`, actual: c.per_student_kopecks },
        ),
      );
    }
  }

  const schoolOrder = new Map(registry.schools.map((s, i) => [s.code, i]));
  const byPlace = (a: Finding, b: Finding) =>
    (schoolOrder.get(a.school ?? '') ?? 0) - (schoolOrder.get(b.school ?? '') ?? 0) || (a.row ?? 0) - (b.row ?? 0) || a.code.localeCompare(b.code);
  findings.sort(byPlace);
  draft.sort((a, b) => byPlace(a.finding, b.finding) || a.grade - b.grade);
  return {
    findings,
    municipalities: [...perMunicipality.values()].sort((a, b) => a.code.localeCompare(b.code, 'ru', { numeric: true })),
    costs,
    draft,
    schools,
    ordered,
    withoutStudents,
    method: { fences: 'tukey', k, quartiles: 'linear', min_schools: minSchools, reserve_percent: reserve },
  };
}

function at(version: OrderVersion, line: OrderLine): CellAddress {
  return { file: version.source.file, ...(line.row !== undefined ? { row: line.row } : {}) };
}

function lineChecks(school: School, version: OrderVersion, placed: Placed[], reserve: number, findings: Finding[], draft: DraftRecommendation[]): void {
  for (const { line, item } of placed) {
    const count = school.students?.[String(line.grade)];
    const base = { municipality: school.municipality, school: school.code, publisher: item.publisher, reference: itemReference(item), title: itemLabel(item), grade: line.grade, ordered: line.quantity };
    if (count !== undefined && line.quantity > limitOf(count, reserve)) {
      const limit = limitOf(count, reserve);
      const f = finding(
        'analyze-qty-exceeds-students',
        'warning',
        at(version, line),
        { grade: line.grade, students: count, reserve, title: item.title, quantity: line.quantity, limit },
        { school: school.code, item: item.key, expected: limit, actual: line.quantity },
      );
      findings.push(f);
      draft.push({ ...base, action: 'decrease', quantity: limit, finding: f });
    }
    if (item.not_in_fpu || !item.fpu_code) {
      const f = finding('analyze-item-not-in-fpu', 'warning', at(version, line), { title: item.title, publisher: item.publisher, grade: line.grade, quantity: line.quantity }, { school: school.code, item: item.key });
      findings.push(f);
      draft.push({ ...base, action: 'exclude', finding: f });
    }
  }
}

interface LineGroup {
  line: string;
  publisher: string;
  authors: string;
  /** most ordered part */
  copies: number;
  placed: Placed[];
}

function twoLines(school: School, version: OrderVersion, placed: Placed[], reserve: number, findings: Finding[], draft: DraftRecommendation[]): void {
  const groups = new Map<string, { subject: string; course: string; grade: number; title: string; lines: Map<string, LineGroup> }>();
  for (const p of placed) {
    const sl = subjectAndLine(p.item);
    const course = courseOf(p.item.title);
    if (!sl || !course) continue;
    const key = `${sl.subject}\u0000${course}\u0000${p.line.grade}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { subject: sl.subject, course, grade: p.line.grade, title: p.item.title.split(/[.(:]/u)[0]!.trim(), lines: new Map() }));
    const lineKey = `${p.item.publisher}\u0000${sl.line}`;
    let lg = g.lines.get(lineKey);
    if (!lg) g.lines.set(lineKey, (lg = { line: sl.line, publisher: p.item.publisher, authors: p.item.authors, copies: 0, placed: [] }));
    lg.copies = Math.max(lg.copies, p.line.quantity);
    lg.placed.push(p);
  }
  for (const g of groups.values()) {
    if (g.lines.size < 2) continue;
    const lines = [...g.lines.values()].sort((a, b) => b.copies - a.copies || a.publisher.localeCompare(b.publisher, 'ru') || a.line.localeCompare(b.line));
    const total = lines.reduce((n, l) => n + l.copies, 0);
    const students = school.students?.[String(g.grade)];
    if (students !== undefined && total <= limitOf(students, reserve)) continue;
    const listed = lines.map((l) => `${l.publisher} ${l.line} (${l.authors || '—'}): ${l.copies}`).join('; ');
    const kept = lines[0]!;
    for (const minor of lines.slice(1)) {
      const first = [...minor.placed].sort((a, b) => (a.line.row ?? 0) - (b.line.row ?? 0))[0]!;
      const f = finding(
        'analyze-two-lines',
        'warning',
        at(version, first.line),
        { grade: g.grade, subject: g.title, lines: listed, students: students ?? '—', total, kept: `${kept.publisher} ${kept.line}` },
        { school: school.code, item: first.item.key, actual: total, ...(students !== undefined ? { expected: limitOf(students, reserve) } : {}) },
      );
      findings.push(f);
      // The draft excludes the less ordered line, named by the fpu code of its book (all its parts).
      const books = new Map<string, Placed>();
      for (const p of minor.placed) if (!books.has(p.item.fpu_code!)) books.set(p.item.fpu_code!, p);
      for (const [fpu, p] of books)
        draft.push({
          municipality: school.municipality,
          school: school.code,
          publisher: p.item.publisher,
          reference: fpu,
          title: itemLabel(p.item),
          grade: g.grade,
          ordered: minor.copies,
          action: 'exclude',
          finding: f,
        });
    }
  }
}

