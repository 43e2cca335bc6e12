/**
 * Which schools and municipalities have done each stage of a plan, read from what other areas of
 * uchebnik keep in the workspace, plus the `deadlines done` marks (docs/file-formats.md#plans).
 *
 * Other areas' state is read here with loose schemas — only the fields named below, unknown fields
 * ignored — and a file that is absent means «not done». These names and fields are the contract:
 *
 * | stage (plan)       | state file                                   | done when                                        |
 * | ---                | ---                                          | ---                                              |
 * | 6 (000)            | pricelists/<publisher>.json                  | some `versions` entry exists                     |
 * | 7, 8, 9 (000)      | orders/<school>.json, read by the order feature's `eachOrderHead` (its versions without lines) | per school: a version exists / is agreed / formed |
 * | 16, 17, 19 (000)   | the same                                     | the same for a round-2 version (below)           |
 * | 10, 20 (000)       | consolidations/<…>.json {scope: "municipality", municipality, runs: [{at, round?}]} | a run of the round |
 * | 11, 21 (000)       | consolidations/region.json {scope: "region", runs: [{at, round?}]} | a run of the round           |
 * | 13 / 14, 15 (000)  | recommendations.json {loaded_at, split_at?, checked_at?, schools?} | loaded_at / split_at    |
 * | 22 (000)           | specifications.json {exported_at}            | the file exists                                  |
 * | 7 (003)            | vacancies/<school>.json {school, submitted_at} | per school: the file exists                    |
 * | 8 (003)            | vacancy-approvals.json {approvals: {<municipality>: {approved_at}}} | per municipality  |
 * | 3 (003)            | meetings/<municipality>.json {municipality, meetings: [...]} | per municipality: a meeting stored |
 * | 4 (003)            | municipal-staff/<municipality>.json {municipality, versions: [{approved_at?}]} | per municipality: a version approved |
 * | 5 (003)            | operators/<municipality>.json {municipality, versions: [{approved_at?, people: [{unit, role}]}]} | per school: a chief operator in the latest approved version |
 * | 6 (003)            | the same                                     | per municipality: the latest approved version has `application_at` |
 * | 3 (000)            | cards.json {returned: {<school>: {at}}}      | per school: its card came back and was applied   |
 *
 * Rounds. Round 1 is the order on demand, round 2 the order corrected after the ministry's
 * recommendations. Only the schools listed in `recommendations.json` `schools` (the writer expands a
 * municipality-wide recommendation to the schools it concerns) must correct their order; without
 * recommendations no school has anything to correct, so stages 16, 17 and 19 require nobody.
 * An order version belongs to round 2 when it is not the first and was submitted at or after the
 * recommendations were loaded (a school's own resubmission before them is still round 1). A
 * consolidation run belongs to round 2 when it says `round: 2`, or says no round and was made after
 * the recommendations were loaded; any run completes round 1.
 *
 * Completion is the workspace as it is: when a stage was done does not matter, only whether it was.
 * So `deadlines check --as-of` moves the clock that deadlines are measured against, not the data.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CompletionState, StageCompletion } from './deadlines.js';
import { entityScope, normalizeExecutorName, type CompletionRule, type Plan, type Stage, type StageExecutor } from '../plan/index.js';
import type { Registry } from '../../core/model/registry.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import type { DeadlineMark } from '../plan/index.js';
import { eachOrderHead } from '../order/index.js';

const priceListSchema = z.looseObject({ versions: z.array(z.unknown()) });

const runSchema = z.looseObject({ at: z.string(), round: z.number().int().optional() });
const consolidationSchema = z.discriminatedUnion('scope', [
  z.looseObject({ scope: z.literal('region'), runs: z.array(runSchema) }),
  z.looseObject({ scope: z.literal('municipality'), municipality: z.string(), runs: z.array(runSchema) }),
]);

const recommendationsSchema = z.looseObject({
  loaded_at: z.string(),
  split_at: z.string().optional(),
  checked_at: z.string().optional(),
  schools: z.array(z.string()).optional(),
});

const specificationsSchema = z.looseObject({ exported_at: z.string() });

const vacancySchema = z.looseObject({ school: z.string(), submitted_at: z.string() });

const approvalsSchema = z.looseObject({ approvals: z.record(z.string(), z.looseObject({ approved_at: z.string() })) });

const meetingsSchema = z.looseObject({ municipality: z.string(), meetings: z.array(z.unknown()) });

const cardsSchema = z.looseObject({ returned: z.record(z.string(), z.unknown()) });

const peopleListSchema = z.looseObject({
  municipality: z.string(),
  versions: z.array(
    z.looseObject({
      approved_at: z.string().optional(),
      application_at: z.string().optional(),
      people: z.array(z.looseObject({ unit: z.string(), role: z.string() })),
    }),
  ),
});

interface OrderVersionFacts {
  version: number;
  /** read for versions 2 and later only, the ones a round can tell apart */
  submitted_at?: DateTime;
  agreed: boolean;
  formed: boolean;
}

interface Run {
  at?: DateTime;
  round?: number;
}

/** What the workspace holds that completes stages, read once per command. */
export interface CampaignFacts {
  pricelistsLoaded: boolean;
  /** school code → its order's versions, oldest first */
  orders: Map<string, OrderVersionFacts[]>;
  regionRuns: Run[];
  /** municipality code → its consolidation runs */
  municipalityRuns: Map<string, Run[]>;
  recommendations?: { loadedAt?: DateTime; split: boolean; checked: boolean; schools: string[] };
  specificationsExported: boolean;
  vacanciesSubmitted: Set<string>;
  vacanciesApproved: Set<string>;
  /** municipalities with a parents' meeting stored */
  meetingsHeld: Set<string>;
  /** municipalities whose responsible staff list is approved */
  staffApproved: Set<string>;
  /** schools with a chief operator in their municipality's latest approved operator list */
  operatorsApproved: Set<string>;
  /** municipalities whose latest approved operator list has its application written */
  applicationsWritten: Set<string>;
  /** schools whose card (`registry import-cards --apply`) came back; absent is none */
  cardsReturned?: Set<string>;
}

/** A timestamp as written; an unreadable one is as good as none. */
function instant(s: string | undefined): DateTime | undefined {
  if (s === undefined) return undefined;
  const d = DateTime.fromISO(s, { setZone: true });
  return d.isValid ? d : undefined;
}

function readAll<T>(ws: Workspace, prefix: string, schema: z.ZodType<T>): T[] {
  return [...eachState(ws, prefix, schema)];
}

/** The state files under `prefix` one at a time, so that only the facts taken from each stay in memory. */
function* eachState<T>(ws: Workspace, prefix: string, schema: z.ZodType<T>): Generator<T> {
  for (const name of ws.listStates(prefix)) {
    const v = ws.readState(name, schema);
    if (v !== undefined) yield v;
  }
}

export function readCampaignFacts(ws: Workspace): CampaignFacts {
  const orders = new Map<string, OrderVersionFacts[]>();
  // Only the versions' states and dates are facts: a country's orders with their lines are gigabytes
  // (40,000 schools: 3 GB of JSON), and the heads of the files are 20 MB (bench/README.md, issue 20).
  for (const record of eachOrderHead(ws)) {
    orders.set(
      record.school,
      record.versions.map((v) => ({
        version: v.version,
        // Only a later version's date is ever compared (isRoundTwo): 40,000 first versions are not parsed.
        submitted_at: v.version >= 2 ? instant(v.submitted_at) : undefined,
        // A state without its timestamp still says how far the version got.
        agreed: v.agreed_at !== undefined || v.state === 'agreed' || v.state === 'formed',
        formed: v.formed_at !== undefined || v.state === 'formed',
      })),
    );
  }

  const regionRuns: Run[] = [];
  const municipalityRuns = new Map<string, Run[]>();
  for (const c of readAll(ws, 'consolidations', consolidationSchema)) {
    const runs = c.runs.map((r) => ({ at: instant(r.at), round: r.round }));
    if (c.scope === 'region') regionRuns.push(...runs);
    else municipalityRuns.set(c.municipality, [...(municipalityRuns.get(c.municipality) ?? []), ...runs]);
  }

  const rec = ws.readState('recommendations', recommendationsSchema);
  const operatorsApproved = new Set<string>();
  const applicationsWritten = new Set<string>();
  for (const list of eachState(ws, 'operators', peopleListSchema)) {
    const approved = list.versions.filter((v) => v.approved_at !== undefined).at(-1);
    if (!approved) continue;
    for (const p of approved.people) if (p.role === 'chief') operatorsApproved.add(p.unit);
    if (approved.application_at !== undefined) applicationsWritten.add(list.municipality);
  }
  const approvals = ws.readState('vacancy-approvals', approvalsSchema)?.approvals ?? {};
  return {
    pricelistsLoaded: readAll(ws, 'pricelists', priceListSchema).some((p) => p.versions.length > 0),
    orders,
    regionRuns,
    municipalityRuns,
    recommendations: rec && {
      loadedAt: instant(rec.loaded_at),
      split: rec.split_at !== undefined,
      checked: rec.checked_at !== undefined,
      schools: rec.schools ?? [],
    },
    specificationsExported: ws.readState('specifications', specificationsSchema) !== undefined,
    vacanciesSubmitted: new Set(readAll(ws, 'vacancies', vacancySchema).map((v) => v.school)),
    vacanciesApproved: new Set(Object.keys(approvals)),
    meetingsHeld: new Set(readAll(ws, 'meetings', meetingsSchema).filter((m) => m.meetings.length > 0).map((m) => m.municipality)),
    staffApproved: new Set(readAll(ws, 'municipal-staff', peopleListSchema).filter((l) => l.versions.some((v) => v.approved_at !== undefined)).map((l) => l.municipality)),
    operatorsApproved,
    applicationsWritten,
    cardsReturned: new Set(Object.keys(ws.readState('cards', cardsSchema)?.returned ?? {})),
  };
}

/** A stage's completion as the data states it: once for the region, or per school or municipality. */
type DataCompletion = { scope: 'region'; done: boolean } | { scope: 'school' | 'municipality'; required: string[]; done: Set<string> };

function isRoundTwo(v: OrderVersionFacts, loadedAt: DateTime | undefined): boolean {
  return v.version >= 2 && (loadedAt === undefined || (v.submitted_at !== undefined && v.submitted_at >= loadedAt));
}

function runOfRound(run: Run, round: 1 | 2, loadedAt: DateTime | undefined): boolean {
  if (round === 1) return true;
  if (run.round !== undefined) return run.round === 2;
  return loadedAt !== undefined && run.at !== undefined && run.at > loadedAt;
}

function fromData(rule: CompletionRule | undefined, registry: Registry, facts: CampaignFacts): DataCompletion {
  const schools = registry.schools.map((s) => s.code);
  const municipalities = registry.municipalities.map((m) => m.code);
  const loadedAt = facts.recommendations?.loadedAt;
  switch (rule?.kind) {
    case undefined:
      // A stage without data is done only by marks.
      return { scope: 'region', done: false };
    case 'pricelists-loaded':
      return { scope: 'region', done: facts.pricelistsLoaded };
    case 'orders': {
      const wanted = new Set(rule.round === 1 ? schools : (facts.recommendations?.schools ?? []));
      const required = schools.filter((s) => wanted.has(s));
      const done = new Set<string>();
      for (const school of required) {
        const versions = (facts.orders.get(school) ?? []).filter((v) => rule.round === 1 || isRoundTwo(v, loadedAt));
        const reached = versions.some((v) => rule.state === 'submitted' || (rule.state === 'agreed' ? v.agreed : v.formed));
        if (reached) done.add(school);
      }
      return { scope: 'school', required, done };
    }
    case 'consolidation': {
      const ofRound = (runs: Run[]) => runs.some((r) => runOfRound(r, rule.round, loadedAt));
      if (rule.scope === 'region') return { scope: 'region', done: ofRound(facts.regionRuns) };
      return { scope: 'municipality', required: municipalities, done: new Set(municipalities.filter((m) => ofRound(facts.municipalityRuns.get(m) ?? []))) };
    }
    case 'recommendations': {
      const rec = facts.recommendations;
      const done = rule.step === 'loaded' ? rec !== undefined : rule.step === 'checked' ? rec?.checked === true : rec?.split === true;
      return { scope: 'region', done };
    }
    case 'specifications':
      return { scope: 'region', done: facts.specificationsExported };
    case 'vacancies':
      return rule.step === 'submitted'
        ? { scope: 'school', required: schools, done: new Set(schools.filter((s) => facts.vacanciesSubmitted.has(s))) }
        : { scope: 'municipality', required: municipalities, done: new Set(municipalities.filter((m) => facts.vacanciesApproved.has(m))) };
    case 'cards':
      return { scope: 'school', required: schools, done: new Set(schools.filter((s) => facts.cardsReturned?.has(s))) };
    case 'meetings':
      return { scope: 'municipality', required: municipalities, done: new Set(municipalities.filter((m) => facts.meetingsHeld.has(m))) };
    case 'operators':
      if (rule.step === 'application') return { scope: 'municipality', required: municipalities, done: new Set(municipalities.filter((m) => facts.applicationsWritten.has(m))) };
      return rule.unit === 'school'
        ? { scope: 'school', required: schools, done: new Set(schools.filter((s) => facts.operatorsApproved.has(s))) }
        : { scope: 'municipality', required: municipalities, done: new Set(municipalities.filter((m) => facts.staffApproved.has(m))) };
  }
}

/** A per-entity fact holds for the region when every required entity has done it. */
function regionDone(data: DataCompletion): boolean {
  return data.scope === 'region' ? data.done : data.required.every((e) => data.done.has(e));
}

/**
 * The data's completion seen from an executor's scope: a municipality has done a per-school stage
 * when every required school of it has (stage 17: the УО agrees the corrected orders of its
 * schools); a school has done a per-municipality stage when its municipality has; a fact about the
 * region holds for every school and municipality alike.
 */
function forScope(data: DataCompletion, scope: 'school' | 'municipality', registry: Registry, municipalityOf: Map<string, string>): { required: string[]; done: Set<string> } {
  const entities = scope === 'school' ? registry.schools.map((s) => s.code) : registry.municipalities.map((m) => m.code);
  if (data.scope === 'region') return { required: entities, done: new Set(data.done ? entities : []) };
  if (data.scope === scope) return { required: data.required, done: data.done };
  if (data.scope === 'school') {
    // One pass over the schools (a country's 40,000 against its 2,000 municipalities, not each with each).
    const withSchools = new Set<string>();
    const notDone = new Set<string>();
    for (const s of data.required) {
      const m = municipalityOf.get(s);
      if (m === undefined) continue;
      withSchools.add(m);
      if (!data.done.has(s)) notDone.add(m);
    }
    const required = entities.filter((m) => withSchools.has(m));
    return { required, done: new Set(required.filter((m) => !notDone.has(m))) };
  }
  const wanted = new Set(data.required);
  return {
    required: entities.filter((s) => wanted.has(municipalityOf.get(s) ?? '')),
    done: new Set(entities.filter((s) => data.done.has(municipalityOf.get(s) ?? ''))),
  };
}

/** An executor named as the plan writes it (any case, ё/е, spaces) or by its role (`schools`, `municipality`, …). */
export function executorMatches(given: string, ex: StageExecutor): boolean {
  return normalizeExecutorName(given) === normalizeExecutorName(ex.name) || given === ex.role;
}

/** Does a mark concern this executor of the stage? A mark without an executor covers them all. */
export function markCovers(mark: DeadlineMark, planId: string, stage: Stage, ex: StageExecutor): boolean {
  return mark.plan === planId && mark.stage === stage.number && (mark.executor === undefined || executorMatches(mark.executor, ex));
}

/**
 * The completion of every stage of `plan`, for checkDeadlines: data where the stage has a rule,
 * `deadlines done` marks for any stage. A mark of a municipality counts for each of its schools in
 * a per-school stage. Per-school and per-municipality stages of a workspace whose registry lacks
 * those entities cannot be counted, so they are done only when the data says so for the whole region
 * or the whole stage is marked — never silently done for want of anyone to require.
 */
export function planCompletion(plan: Plan, registry: Registry, facts: CampaignFacts, marks: DeadlineMark[]): CompletionState {
  const municipalityOf = new Map(registry.schools.map((s) => [s.code, s.municipality]));
  // A stage's data is the same for each of its executors: worked out once per stage.
  const dataOf = new Map<Stage, DataCompletion>();
  return {
    done(stage: Stage, ex: StageExecutor): StageCompletion {
      const scope = entityScope(ex.role);
      const mine = marks.filter((m) => markCovers(m, plan.id, stage, ex));
      const whole = mine.some((m) => m.entity === undefined);
      let data = dataOf.get(stage);
      if (data === undefined) dataOf.set(stage, (data = fromData(stage.completion, registry, facts)));
      if (scope === 'region') return whole || regionDone(data);
      const known = scope === 'school' ? registry.schools.length > 0 : registry.municipalities.length > 0;
      if (!known) return whole || (data.scope === 'region' && data.done);

      const state = forScope(data, scope, registry, municipalityOf);
      if (whole) return { required: state.required, done: state.required };
      const marked = new Set(mine.flatMap((m) => (m.entity === undefined ? [] : [m.entity])));
      const done = state.required.filter(
        (e) => state.done.has(e) || marked.has(e) || (scope === 'school' && marked.has(municipalityOf.get(e) ?? '')),
      );
      return { required: state.required, done };
    },
  };
}
