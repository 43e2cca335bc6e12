/**
 * The campaign plan: numbered stages, each with the executors responsible for it and each executor's
 * deadline as the plan writes it (`deadline_text`) and as a calendar date (`deadline`).
 * A plan is data: the built-in templates (templates.ts), an imported table (table.ts) and the
 * workspace's stored copy all have this shape.
 */
import { parseDeadlinePhrase } from './date-phrase.js';

export type ExecutorRole = 'schools' | 'municipality' | 'regional-centre' | 'ministry' | 'school-heads' | 'other';

/**
 * What data in the workspace completes a stage. Stages without a rule are completed by hand
 * (`deadlines done`). `round` 1 is the order on demand (stages 7–11), round 2 the order corrected
 * after the ministry's recommendations (stages 16–21).
 */
export type CompletionRule =
  | { kind: 'pricelists-loaded' }
  | { kind: 'orders'; state: 'submitted' | 'agreed' | 'formed'; round: 1 | 2 }
  | { kind: 'consolidation'; scope: 'municipality' | 'region'; round: 1 | 2 }
  | { kind: 'recommendations'; step: 'loaded' | 'split-municipality' | 'split-school' | 'checked' }
  | { kind: 'specifications' }
  | { kind: 'vacancies'; step: 'submitted' | 'approved' }
  /** plan 003 stages 4–6: a register of people approved, or its application of changes written (src/features/operators/) */
  | { kind: 'operators'; unit: 'school' | 'municipality'; step: 'approved' | 'application' }
  /** plan 003 stage 3: a parents' meeting stored for the municipality (src/features/meetings/) */
  | { kind: 'meetings' }
  /** plan 000 stage 3: the school's card came back and was applied (src/features/registry/cards-command.ts) */
  | { kind: 'cards' };

export interface StageExecutor {
  /** as the plan writes it: «Школы», «Руководители МООУСО», «Сотрудники МООУСО, курирующие ОО» */
  name: string;
  role: ExecutorRole;
  /** the deadline as written, e.g. «до 16 февраля», «До 27.12.2019», «в течение всего периода …» */
  deadline_text: string;
  /** ISO date yyyy-mm-dd; null when the plan states no date for this executor */
  deadline: string | null;
  /** column letter of the deadline cell, when the plan was imported from a table */
  column?: string;
}

export interface Stage {
  number: number;
  text: string;
  executors: StageExecutor[];
  completion?: CompletionRule;
  /** 1-based spreadsheet row of the stage, when the plan was imported from a table */
  row?: number;
}

export interface Plan {
  id: 'textbooks' | 'first-grade' | string;
  title: string;
  /**
   * The calendar year the campaign starts in: 2018 for the 2018 textbook order, 2019 for the
   * admission to first grade in 2020/21 (whose preparation runs December 2019 – January 2020).
   */
  campaign_year: number;
  stages: Stage[];
  /**
   * Executor columns in the order of the source table (plan 000: Школы, Управления образования,
   * РЦИ и ОКО, Министерство), so the plan can be shown as it was written. Absent when the plan names
   * the responsible executors per stage (Сроки + Ответственные, as plan 003 does).
   */
  executor_columns?: string[];
  /** notes under the table, such as plan 003's explanations of abbreviations */
  notes?: string[];
}

/** Who a stage is completed by: each school, each municipality, or once for the whole region. */
export type EntityScope = 'school' | 'municipality' | 'region';

export function entityScope(role: ExecutorRole): EntityScope {
  switch (role) {
    case 'schools':
    case 'school-heads':
      return 'school';
    case 'municipality':
      return 'municipality';
    case 'regional-centre':
    case 'ministry':
    case 'other':
      return 'region';
  }
}

/** Case, ё/е, line breaks and repeated spaces do not change who an executor is. */
export function normalizeExecutorName(name: string): string {
  return name.replace(/\s+/gu, ' ').trim().toLowerCase().replace(/ё/gu, 'е');
}

// The seeds' executors, by their normalized names. Kindergartens (ДОУ, ДОО) are not in the school
// registry, so their stages are completed once for the region ('other'). A bare «ОО» is taken as
// the schools themselves.
const KNOWN_ROLES: Record<string, ExecutorRole> = {
  'школы': 'schools',
  'управления образования': 'municipality',
  'рци и око': 'regional-centre',
  'министерство': 'ministry',
  'руководители оо и доу': 'school-heads',
  'руководители мооусо': 'municipality',
  'руководители оо': 'school-heads',
  'доу': 'other',
  'оо': 'schools',
  'руководители доо': 'other',
  'гбу рцокосо': 'regional-centre',
  'главные операторы оо': 'schools',
  'сотрудники мооусо, курирующие оо': 'municipality',
};

// For names the seeds do not use (imported plans). Order matters: «Сотрудники МООУСО, курирующие ОО»
// is the municipality although it mentions schools, «Руководители ОО» are school heads, not schools.
// \b is ASCII-only in JavaScript, so Cyrillic abbreviations are bounded by look-arounds for letters.
const ROLE_PATTERNS: [RegExp, ExecutorRole][] = [
  [/министерств|(?<!\p{L})мо ?и ?н(?!\p{L})/u, 'ministry'],
  [/(?<!\p{L})рци|рцоко|региональн\p{L}* центр|(?<!\p{L})гбу(?!\p{L})/u, 'regional-centre'],
  [/управлени\p{L}* образовани|мооусо|муниципал|(?<!\p{L})(уо|моуо)(?!\p{L})/u, 'municipality'],
  [/(руководител|директор)\p{L}* (оо(?!\p{L})|школ|общеобразовательн)/u, 'school-heads'],
  [/школ/u, 'schools'],
  [/(?<!\p{L})оо(?!\p{L})/u, 'schools'],
];

export function executorRole(name: string): ExecutorRole {
  const n = normalizeExecutorName(name);
  // own keys only: an executor column headed «constructor» or «__proto__» is not a known name
  const known = Object.hasOwn(KNOWN_ROLES, n) ? KNOWN_ROLES[n] : undefined;
  if (known) return known;
  for (const [re, role] of ROLE_PATTERNS) if (re.test(n)) return role;
  return 'other';
}

/**
 * An executor with its deadline phrase dated for the campaign. A phrase that is not a date has
 * `deadline: null` like a stage without a date; lint and the importer report it from `deadline_text`.
 */
export function stageExecutor(name: string, deadlineText: string, campaignYear: number): StageExecutor {
  const parsed = parseDeadlinePhrase(deadlineText, campaignYear);
  return {
    name,
    role: executorRole(name),
    deadline_text: deadlineText,
    deadline: 'date' in parsed ? parsed.date : null,
  };
}
