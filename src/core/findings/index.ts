/**
 * The findings registry: every code a finding (or a `uchebnik doctor` problem) may carry, with its
 * severity, title and message in both languages, one table per area of the program. `FindingCode` is
 * the union of their keys, so a producer naming an unknown code does not compile; the message
 * catalogue looks `finding.<code>` up here (src/core/i18n/index.ts), `uchebnik codes` lists it
 * (src/features/codes/command.ts) and docs/findings.md is generated from it.
 *
 * A new code: add it to its area's table (or a new area here), produce it with `finding(code, …)`, and
 * regenerate docs/findings.md with `UPDATE_DOCS=1 npx vitest run test/core/findings-doc.test.ts`;
 * test/core/findings.test.ts checks that both languages fill the same placeholders.
 */
import { amounts } from './amounts.js';
import { analyze } from './analyze.js';
import { consolidate } from './consolidate.js';
import { files } from './files.js';
import { forms } from './forms.js';
import { importing } from './import.js';
import { operators } from './operators.js';
import { order } from './order.js';
import { plan } from './plan.js';
import { pricelist } from './pricelist.js';
import { recommendations } from './recommendations.js';
import { registry } from './registry.js';
import { requisites } from './requisites.js';
import type { FindingSpec, Texts } from './spec.js';
import { vacancies } from './vacancies.js';
import { workspace } from './workspace.js';

export type { FindingSpec, Severity, Texts } from './spec.js';

/** The areas in the order a person meets them in a campaign; each names its codes' table. */
export const AREAS = [
  { id: 'files', title: { ru: 'Чтение файлов', en: 'Reading files' }, codes: files },
  { id: 'amounts', title: { ru: 'Суммы', en: 'Amounts' }, codes: amounts },
  { id: 'registry', title: { ru: 'Реестр школ', en: 'Schools registry' }, codes: registry },
  { id: 'requisites', title: { ru: 'Реквизиты школ', en: "Schools' requisites" }, codes: requisites },
  { id: 'pricelist', title: { ru: 'Прайс-листы', en: 'Price lists' }, codes: pricelist },
  { id: 'forms', title: { ru: 'Формы издательств', en: "Publishers' forms" }, codes: forms },
  { id: 'plan', title: { ru: 'План и сроки кампании', en: 'Campaign plan and deadlines' }, codes: plan },
  { id: 'order', title: { ru: 'Заказы школ', en: "Schools' orders" }, codes: order },
  { id: 'analyze', title: { ru: 'Анализ заказов', en: 'Analysis of the orders' }, codes: analyze },
  { id: 'recommendations', title: { ru: 'Рекомендации', en: 'Recommendations' }, codes: recommendations },
  { id: 'consolidate', title: { ru: 'Своды и формы издательств', en: "Consolidation into publishers' forms" }, codes: consolidate },
  { id: 'import', title: { ru: 'Импорт сводов', en: 'Importing consolidations' }, codes: importing },
  { id: 'vacancies', title: { ru: 'Места и вакансии в первые классы', en: 'First-grade places and vacancies' }, codes: vacancies },
  { id: 'operators', title: { ru: 'Операторы и собрания (первый класс)', en: 'Operators and meetings (first grade)' }, codes: operators },
  { id: 'workspace', title: { ru: 'Рабочая папка (uchebnik doctor)', en: 'Workspace (uchebnik doctor)' }, codes: workspace },
] as const;

/** The keys of each member of a union (`keyof` of a union gives only the keys all members share). */
type KeysOfEach<T> = T extends unknown ? keyof T & string : never;
/** Every finding code there is: the keys of every area's table. */
export type FindingCode = KeysOfEach<(typeof AREAS)[number]['codes']>;

export interface Area {
  id: string;
  title: Texts;
  codes: Readonly<Record<string, FindingSpec>>;
}

/** code → its entry, over all areas (a code belongs to one area; test/core/findings.test.ts checks it). */
export const FINDINGS: Readonly<Record<FindingCode, FindingSpec>> = Object.assign({}, ...AREAS.map((a) => a.codes));

/** How lists of codes name a severity (`uchebnik codes`, docs/findings.md). */
export const SEVERITY_WORDS: Readonly<Record<FindingSpec['severity'], Texts>> = {
  error: { ru: 'ошибка', en: 'error' },
  warning: { ru: 'предупреждение', en: 'warning' },
  either: { ru: 'ошибка или предупреждение', en: 'error or warning' },
};

export function isFindingCode(code: string): code is FindingCode {
  return Object.prototype.hasOwnProperty.call(FINDINGS, code);
}

/** The registry's messages as catalogue entries `finding.<code>`, so `t(lang, 'finding.<code>', params)` renders them. */
export function findingMessages(): Record<`finding.${FindingCode}`, Texts> {
  return Object.fromEntries(Object.entries(FINDINGS).map(([code, spec]) => [`finding.${code}`, spec.message])) as Record<`finding.${FindingCode}`, Texts>;
}
