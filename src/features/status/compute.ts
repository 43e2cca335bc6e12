/**
 * The campaign now, as one object (issue 18): what `order status`, `deadlines check`,
 * `consolidate region` and `recommendations check` each say, gathered for the operator's morning.
 * Pure: the command reads the workspace and hands everything in; the same object is printed as a
 * table, as JSON and as the HTML page (src/features/status/html.ts), so the three never disagree.
 */
import type { DateTime, Duration } from 'luxon';
import { lineSum } from '../../core/money.js';
import { formedVersion, statusSummary, type OrderRecord } from '../../core/model/order-lifecycle.js';
import type { Registry } from '../../core/model/registry.js';
import { checkDeadlines, planCompletion, type CampaignFacts, type DeadlineItem } from '../deadlines/index.js';
import type { DeadlineMark, StoredPlan } from '../plan/index.js';
import { checkRecommendations, type StoredRecommendations } from '../recommendations/index.js';

/** The states `order status` counts, and «возвращён» (`order return`). */
export const ORDER_STATES = ['none', 'draft', 'returned', 'agreed', 'formed'] as const;
export type OrderStateName = (typeof ORDER_STATES)[number];

export type StateCounts = Record<OrderStateName, number>;

export interface MunicipalityProgress extends StateCounts {
  municipality: string;
  name: string;
  schools: number;
}

export interface MissingSchool {
  code: string;
  name: string;
  municipality: string;
  state: OrderStateName;
  version: number | null;
  /** why the specialist returned the latest version (`order return`) */
  return_reason?: string;
  /** the school's contacts from the registry's requisites (`registry requisites`) */
  email?: string;
  phone?: string;
}

/** First grade (plan 003, stages 7–8): vacancy sheets submitted by the schools, approved by the municipality. */
export interface VacancyProgress {
  municipality: string;
  name: string;
  schools: number;
  submitted: number;
  approved: boolean;
}

export interface PublisherProgress {
  publisher: string;
  copies: number;
  sum_kopecks: number;
  /** schools whose formed order has a line of this publisher */
  schools: number;
}

export type StageState = 'done' | 'overdue' | 'due-soon' | 'open';

export interface StageOnTimeline {
  plan: string;
  stage: number;
  text: string;
  /** the earliest and latest deadline of the stage's executors (ISO dates) */
  from: string;
  to: string;
  state: StageState;
}

export interface RecommendationsRound {
  loaded_at: string;
  split_at: string | null;
  checked_at: string | null;
  applied: number;
  partially_applied: number;
  not_applied: number;
  unrequested: number;
}

export interface CampaignStatus {
  region: string;
  year: number;
  timezone: string;
  /** the moment deadlines are measured against */
  as_of: string;
  orders: { municipalities: MunicipalityProgress[]; total: StateCounts & { schools: number } };
  /**
   * schools without a formed order — none of their versions formed, as `consolidate region` lists
   * them — in registry order; a school whose correction is pending still has its formed order counted
   */
  missing: MissingSchool[];
  deadlines: { overdue: DeadlineItem[]; due_soon: DeadlineItem[] };
  /** the workspace's plans, in the order their stages follow */
  plans: { id: string; title: string }[];
  stages: StageOnTimeline[];
  publishers: PublisherProgress[];
  total: { copies: number; sum_kopecks: number; schools: number };
  /** null until the ministry's recommendations are loaded */
  recommendations: RecommendationsRound | null;
  /** null unless the workspace has the first-grade plan or vacancy sheets */
  first_grade: { municipalities: VacancyProgress[] } | null;
  /** the files uchebnik wrote for people (outside state/ and inputs/), by the journal's last word on each */
  files: WrittenFile[];
}

export interface WrittenFile {
  /** workspace-relative, with `/` */
  path: string;
  command: string;
  time: string;
}

export interface StatusInput {
  campaign: { region: string; year: number; timezone: string };
  registry: Registry;
  orders: readonly OrderRecord[];
  plans: readonly StoredPlan[];
  facts: CampaignFacts;
  marks: DeadlineMark[];
  asOf: DateTime;
  within: Duration;
  /** the stored recommendations (`recommendations load`), absent before they are loaded */
  recommendations: Pick<StoredRecommendations, 'loaded_at' | 'split_at' | 'checked_at' | 'items' | 'baselines'> | undefined;
  /** the journal's entries, oldest first */
  journal: readonly { time: string; command: string; changed: string[] }[];
  /** whether a workspace-relative file is there now (a file written and later removed is not listed) */
  exists: (file: string) => boolean;
}

function zeroCounts(): StateCounts {
  return { none: 0, draft: 0, returned: 0, agreed: 0, formed: 0 };
}

/** Counts per municipality as `order status` gives them, with the municipality's name. */
function orderProgress(input: Pick<StatusInput, 'orders' | 'registry'>): { municipalities: MunicipalityProgress[]; missing: MissingSchool[] } {
  const summary = statusSummary(input.orders, input.registry);
  const names = new Map(input.registry.municipalities.map((m) => [m.code, m.name]));
  const schools = new Map(input.registry.schools.map((s) => [s.code, s]));
  const formed = new Set(input.orders.filter((r) => formedVersion(r)).map((r) => r.school));
  const byCode = new Map<string, MunicipalityProgress>();
  for (const m of summary.municipalities) byCode.set(m.municipality, { municipality: m.municipality, name: names.get(m.municipality) ?? m.municipality, schools: 0, ...zeroCounts() });
  const missing: MissingSchool[] = [];
  for (const s of summary.schools) {
    const row = byCode.get(s.municipality)!;
    const state = s.state as OrderStateName;
    row.schools++;
    row[state]++;
    if (formed.has(s.code)) continue;
    const school = schools.get(s.code);
    const { email, phone } = school?.requisites ?? {};
    missing.push({
      code: s.code,
      name: school?.short_name ?? s.code,
      municipality: s.municipality,
      state,
      version: s.version,
      ...(s.return_reason === undefined ? {} : { return_reason: s.return_reason }),
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
    });
  }
  return { municipalities: [...byCode.values()], missing };
}

/**
 * Copies and money per publisher of the formed orders, counted as `consolidate region` counts them
 * (src/features/consolidate/consolidate.ts ConsolidationBuilder): the latest formed version of each
 * school once, lines of zero copies left out.
 */
function publisherProgress(orders: readonly OrderRecord[]): PublisherProgress[] {
  const acc = new Map<string, PublisherProgress & { seen: Set<string> }>();
  const counted = new Set<string>();
  for (const record of orders) {
    const v = formedVersion(record);
    if (!v || counted.has(record.school)) continue;
    counted.add(record.school);
    for (const l of v.lines) {
      if (l.quantity === 0) continue;
      let p = acc.get(l.publisher);
      if (!p) acc.set(l.publisher, (p = { publisher: l.publisher, copies: 0, sum_kopecks: 0, schools: 0, seen: new Set() }));
      p.copies += l.quantity;
      p.sum_kopecks += lineSum(l.quantity, l.price_kopecks, { municipality: record.municipality, school: record.school, publisher: l.publisher });
      p.seen.add(record.school);
    }
  }
  return [...acc.values()]
    .map(({ seen, ...p }) => ({ ...p, schools: seen.size }))
    .sort((a, b) => a.publisher.localeCompare(b.publisher, 'ru'));
}

/** Each dated stage of the plans with its state at `asOf`: overdue and due-soon as `deadlines check` says. */
function timeline(input: StatusInput, overdue: DeadlineItem[], dueSoon: DeadlineItem[]): StageOnTimeline[] {
  const key = (plan: string, stage: number) => `${plan}\u0000${stage}`;
  const late = new Set(overdue.map((i) => key(i.plan, i.stage)));
  const soon = new Set(dueSoon.map((i) => key(i.plan, i.stage)));
  const stages: StageOnTimeline[] = [];
  for (const plan of input.plans) {
    const completion = planCompletion(plan, input.registry, input.facts, input.marks);
    for (const stage of plan.stages) {
      const dated = stage.executors.filter((e) => e.deadline !== null);
      if (dated.length === 0) continue;
      const dates = dated.map((e) => e.deadline!).sort();
      const done = dated.every((e) => {
        const c = completion.done(stage, e);
        return typeof c === 'boolean' ? c : c.required.every((r) => c.done.includes(r));
      });
      const k = key(plan.id, stage.number);
      const state: StageState = late.has(k) ? 'overdue' : soon.has(k) ? 'due-soon' : done ? 'done' : 'open';
      stages.push({ plan: plan.id, stage: stage.number, text: stage.text, from: dates[0]!, to: dates[dates.length - 1]!, state });
    }
  }
  return stages;
}

/** The round of the ministry's recommendations as `recommendations check` would judge it now. */
function recommendationsRound(input: StatusInput): RecommendationsRound | null {
  const rec = input.recommendations;
  if (!rec) return null;
  const check = checkRecommendations(rec.items, new Map(input.orders.map((o) => [o.school, o])), rec.baselines);
  return {
    loaded_at: rec.loaded_at,
    split_at: rec.split_at ?? null,
    checked_at: rec.checked_at ?? null,
    ...check.summary,
    unrequested: check.unrequested.length,
  };
}

/** Vacancy sheets per municipality, as `vacancies report` counts them (src/features/deadlines/store.ts reads the same files). */
function vacancyProgress(input: StatusInput): { municipalities: VacancyProgress[] } | null {
  const { facts, registry } = input;
  if (!input.plans.some((p) => p.id === 'first-grade') && facts.vacanciesSubmitted.size === 0) return null;
  return {
    municipalities: registry.municipalities.map((m) => {
      const schools = registry.schools.filter((s) => s.municipality === m.code);
      return { municipality: m.code, name: m.name, schools: schools.length, submitted: schools.filter((s) => facts.vacanciesSubmitted.has(s.code)).length, approved: facts.vacanciesApproved.has(m.code) };
    }),
  };
}

/** The latest journal entry that wrote each file for people: the workspace's own state and inputs are not theirs. */
function writtenFiles(input: Pick<StatusInput, 'journal' | 'exists'>): WrittenFile[] {
  const last = new Map<string, WrittenFile>();
  for (const e of input.journal) {
    for (const p of e.changed) {
      if (p.startsWith('state/') || p.startsWith('inputs/') || p === 'uchebnik.json' || p.startsWith('/')) continue;
      last.set(p, { path: p, command: e.command, time: e.time });
    }
  }
  return [...last.values()].filter((f) => input.exists(f.path)).sort((a, b) => a.path.localeCompare(b.path, 'ru', { numeric: true }));
}

export function computeStatus(input: StatusInput): CampaignStatus {
  const { municipalities, missing } = orderProgress(input);
  const total = { schools: 0, ...zeroCounts() };
  for (const m of municipalities) {
    total.schools += m.schools;
    for (const s of ORDER_STATES) total[s] += m[s];
  }
  const tz = input.campaign.timezone;
  const checks = input.plans.map((plan) =>
    checkDeadlines({ plan, timezone: tz, asOf: input.asOf, within: input.within, completion: planCompletion(plan, input.registry, input.facts, input.marks) }),
  );
  const overdue = checks.flatMap((c) => c.overdue);
  const dueSoon = checks.flatMap((c) => c.due_soon);
  const publishers = publisherProgress(input.orders);
  const formedSchools = new Set(input.orders.filter((r) => formedVersion(r)).map((r) => r.school));
  return {
    region: input.campaign.region,
    year: input.campaign.year,
    timezone: tz,
    as_of: checks[0]?.as_of ?? input.asOf.setZone(tz).toISO()!,
    orders: { municipalities, total },
    missing,
    deadlines: { overdue, due_soon: dueSoon },
    plans: input.plans.map((p) => ({ id: p.id, title: p.title })),
    stages: timeline(input, overdue, dueSoon),
    publishers,
    total: {
      copies: publishers.reduce((n, p) => n + p.copies, 0),
      sum_kopecks: publishers.reduce((n, p) => n + p.sum_kopecks, 0),
      schools: formedSchools.size,
    },
    recommendations: recommendationsRound(input),
    first_grade: vacancyProgress(input),
    files: writtenFiles(input),
  };
}
