/**
 * `uchebnik deadlines lint|done|check` — the plan's own faults, stages marked done by hand, and the
 * nightly check of what is overdue and due soon, per executor and per school or municipality
 * (docs/file-formats.md#plans).
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { DateTime, type Duration } from 'luxon';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import type { Ctx } from '../../cli-kit/context.js';
import type { Finding } from '../../core/finding.js';
import { parseAsOf, parseWithin } from './as-of.js';
import { formatRuDate } from '../plan/index.js';
import { checkDeadlines, type DeadlineItem } from './deadlines.js';
import { lintPlan } from '../plan/index.js';
import { entityScope, normalizeExecutorName, type CompletionRule, type Stage } from '../plan/index.js';
import type { Registry } from '../../core/model/registry.js';
import type { Lang } from '../../core/i18n/index.js';
import { buildReport } from '../../core/report/report.js';
import { painter, renderJson, renderReportTable } from '../../core/report/render.js';
import { currentUser, isoWithOffset } from '../../io/workspace/io.js';
import { executorMatches, planCompletion, readCampaignFacts } from './store.js';
import { isEvidenceLink, stageEvidence, type StageEvidence } from './evidence.js';
import { loadMarks, saveMarks, type DeadlineMark, type StoredPlan } from '../plan/index.js';
import { loadRegistry } from '../registry/index.js';
import { planLabel, selectPlans } from '../plan/index.js';
import { EXIT, UsageError } from '../../core/errors.js';
import { registerSet } from './set.js';
import { registerRemind } from './remind.js';

/** The human list of late schools stops here; the JSON always has them all. */
const LIST_CAP = 20;
const DEFAULT_WITHIN = '3d';

// ---------------------------------------------------------------- lint

const lintOptions = z.object(flagSchema(['plan', 'json']));

async function lint(ctx: Ctx, opts: z.output<typeof lintOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const plans = selectPlans(ws, opts.plan);
  const findings: Finding[] = plans.flatMap((plan) =>
    // The plan's own year, not the workspace's: the first-grade plan starts the year before (see templatePlan).
    lintPlan(plan, { year: plan.campaign_year }).map((f) => ({ ...f, file: planLabel(plan), ...(plan.source?.sheet ? { sheet: plan.source.sheet } : {}) })),
  );
  const report = buildReport(
    plans.map((p) => ({ file: planLabel(p), rows: p.stages.length })),
    findings,
    ctx.lang,
  );
  ctx.out(opts.json ? renderJson(report) : renderReportTable(report, ctx));
  return report.ok ? EXIT.ok : EXIT.dataErrors;
}

// ---------------------------------------------------------------- done

function onePlan(plans: StoredPlan[]): StoredPlan {
  if (plans.length > 1) throw new UsageError('deadlines.plan-choose', { known: plans.map((p) => p.id).join(', ') });
  return plans[0]!;
}

function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter((v) => v !== '')];
}

/** Executors of the stage a mark is for: `--executor` by name or role, else all of them. */
function markedExecutors(stage: Stage, executor: string | undefined): Stage['executors'] {
  if (executor === undefined) return stage.executors;
  const found = stage.executors.filter((e) => executorMatches(executor, e));
  if (found.length === 0) throw new UsageError('deadlines.executor-unknown', { value: executor, known: stage.executors.map((e) => e.name).join(', ') || '—' });
  return found;
}

/** A `--entity` code must mean something for the executors marked: a school or a municipality of the registry, of the right kind. */
function checkEntity(code: string, stage: Stage, executors: Stage['executors'], registry: Registry): void {
  const isSchool = registry.schools.some((s) => s.code === code);
  const isMunicipality = registry.municipalities.some((m) => m.code === code);
  if (!isSchool && !isMunicipality) throw new UsageError('deadlines.entity-unknown', { code });
  const scopes = executors.map((e) => entityScope(e.role));
  const names = executors.map((e) => e.name).join(', ');
  if (scopes.every((s) => s === 'region')) throw new UsageError('deadlines.entity-not-applicable', { stage: stage.number, executors: names, code });
  // A municipality's code marks each of its schools in a per-school stage; a school's code cannot mark a municipality.
  if (!isMunicipality && !scopes.includes('school')) throw new UsageError('deadlines.entity-wrong-scope', { stage: stage.number, executors: names, code });
}

function parseMoment(value: string, tz: string, key: string): DateTime {
  const d = parseAsOf(value, tz);
  if (!d.isValid) throw new UsageError(key, { value });
  return d;
}

const doneOptions = z.object({
  plan: z.string().optional(),
  entity: z.array(z.string()).optional(),
  ...flagSchema(['executor']),
  at: z.string().optional(),
  note: z.string().optional(),
  evidence: z.array(z.string()).optional(),
  undo: z.boolean().optional(),
});

function collectEvidence(value: string, previous: string[] = []): string[] {
  return [...previous, value.trim()];
}

async function done(ctx: Ctx, stageArg: string, opts: z.output<typeof doneOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const tz = ws.config.campaign.timezone;
  const plan = onePlan(selectPlans(ws, opts.plan));
  const stage = plan.stages.find((s) => String(s.number) === stageArg.trim().replace(/\.$/u, ''));
  if (!stage) throw new UsageError('deadlines.stage-unknown', { stage: stageArg, plan: plan.id, known: plan.stages.map((s) => s.number).join(', ') });
  const executor = opts.executor;
  const executors = markedExecutors(stage, executor);
  const entities = opts.entity ?? [];
  const registry = loadRegistry(ws);
  for (const code of entities) checkEntity(code, stage, executors, registry);
  const at = opts.at === undefined ? undefined : parseMoment(opts.at, tz, 'deadlines.at-bad');
  const note = opts.note;
  const undo = opts.undo === true;
  const evidence = opts.evidence ?? [];
  for (const link of evidence) if (!isEvidenceLink(link)) throw new UsageError('deadlines.evidence-bad', { value: link });

  const now = isoWithOffset(new Date(), tz);
  const targets: (string | undefined)[] = entities.length ? entities : [undefined];
  const sameExecutor = (m: DeadlineMark) =>
    m.executor === undefined || executor === undefined ? m.executor === executor : normalizeExecutorName(m.executor) === normalizeExecutorName(executor);
  const sameTarget = (m: DeadlineMark, entity: string | undefined) => m.plan === plan.id && m.stage === stage.number && sameExecutor(m) && m.entity === entity;

  const outcome = await changeWorkspace<{ changed: boolean }>(ctx, 'deadlines done', async (w) => {
    let marks = loadMarks(w);
    const before = JSON.stringify(marks);
    for (const entity of targets) {
      const existing = marks.find((m) => sameTarget(m, entity));
      if (undo) {
        marks = marks.filter((m) => m !== existing);
        continue;
      }
      // Marking again without new facts keeps the first mark: repeating a command changes nothing.
      const wantedAt = at?.toISO() ?? existing?.at ?? now;
      const wantedNote = note ?? existing?.note;
      // Links add up: a school's site and then its stand's photo are both kept.
      const wantedEvidence = [...new Set([...(existing?.evidence ?? []), ...evidence])];
      const sameEvidence = wantedEvidence.length === (existing?.evidence ?? []).length;
      if (existing && existing.at === wantedAt && existing.note === wantedNote && sameEvidence) continue;
      const mark: DeadlineMark = {
        plan: plan.id,
        stage: stage.number,
        ...(executor === undefined ? {} : { executor }),
        ...(entity === undefined ? {} : { entity }),
        at: wantedAt,
        ...(wantedNote === undefined ? {} : { note: wantedNote }),
        ...(wantedEvidence.length ? { evidence: wantedEvidence } : {}),
        user: currentUser(),
        marked_at: now,
      };
      marks = [...marks.filter((m) => m !== existing), mark];
    }
    if (JSON.stringify(marks) === before) return { changed: [], result: { changed: false } };
    const written = await saveMarks(w, marks);
    return {
      changed: [written.path],
      journal: { plan: plan.id, stage: stage.number, executor, entities: targets.filter((e) => e !== undefined), at: at?.toISO(), note, ...(evidence.length ? { evidence } : {}), undo },
      result: { changed: true },
    };
  });

  const params = {
    stage: stage.number,
    plan: plan.id,
    executor: executor ?? ctx.t('deadlines.all-executors'),
    what: entities.length ? entities.join(', ') : ctx.t('deadlines.whole-stage'),
  };
  const key = undo ? (outcome.changed ? 'deadlines.unmarked' : 'deadlines.unmark-none') : outcome.changed ? 'deadlines.marked' : 'deadlines.mark-unchanged';
  ctx.note(ctx.t(key, params));
  if (!undo && evidence.length && outcome.changed) ctx.note(ctx.t('deadlines.evidence-kept', { evidence: evidence.join(', ') }));
  if (!undo && stage.completion) ctx.note(ctx.t('deadlines.data-stage', { stage: stage.number }));
  return EXIT.ok;
}

// ---------------------------------------------------------------- check

function days(ctx: Ctx, n: number): string {
  return ctx.t('deadlines.days', { n });
}

/** What the late entities have not done, in words of the stage's data. */
function pendingWhat(rule: CompletionRule | undefined): string {
  switch (rule?.kind) {
    case 'orders':
      return `deadlines.what.orders-${rule.state}${rule.round === 2 ? '-2' : ''}`;
    case 'consolidation':
      return 'deadlines.what.consolidation';
    case 'recommendations':
      return 'deadlines.what.recommendations';
    case 'vacancies':
      return `deadlines.what.vacancies-${rule.step}`;
    case 'cards':
      return 'deadlines.what.cards';
    default:
      return 'deadlines.what.manual';
  }
}

function renderItems(ctx: Ctx, plan: StoredPlan, items: DeadlineItem[], overdue: boolean): string[] {
  const c = painter(ctx.color);
  const lines: string[] = [];
  const executors = [...new Set(items.map((i) => i.executor))];
  for (const executor of executors) {
    lines.push(`  ${c.bold(executor)}`);
    for (const item of items.filter((i) => i.executor === executor)) {
      const deadline = formatRuDate(item.deadline);
      const head = overdue
        ? ctx.t('deadlines.item-overdue', { stage: item.stage, deadline, days: days(ctx, item.days_overdue ?? 0) })
        : item.days_left === 0
          ? ctx.t('deadlines.item-due-today', { stage: item.stage, deadline })
          : ctx.t('deadlines.item-due', { stage: item.stage, deadline, days: days(ctx, item.days_left ?? 0) });
      const text = item.text.replace(/\s+/gu, ' ');
      lines.push(`    ${overdue ? c.red(head) : c.yellow(head)} — ${text.length > 90 ? `${text.slice(0, 89)}…` : text}`);
      if (item.entities_total === undefined) continue;
      const stage = plan.stages.find((s) => s.number === item.stage);
      lines.push(
        `      ${ctx.t(`deadlines.pending-${entityScope(item.role) === 'school' ? 'school' : 'municipality'}`, {
          what: ctx.t(pendingWhat(stage?.completion)),
          count: item.entities.length,
          total: item.entities_total,
        })}`,
      );
      const shown = item.entities.slice(0, LIST_CAP).join(', ');
      const rest = item.entities.length - LIST_CAP;
      lines.push(`      ${shown}${rest > 0 ? `, ${ctx.t('deadlines.and-more', { n: rest })}` : ''}`);
    }
  }
  return lines;
}

/** The links kept per stage, then who the stage requires and has given none (src/features/deadlines/evidence.ts). */
function renderEvidence(ctx: Ctx, evidence: StageEvidence): string[] {
  const lines: string[] = [];
  const stages = [...new Set(evidence.links.map((l) => `${l.plan}\u0000${l.stage}`))];
  for (const key of stages) {
    const [plan, stage] = key.split('\u0000') as [string, string];
    lines.push('', ctx.t('deadlines.evidence-head', { stage, plan }));
    for (const l of evidence.links.filter((x) => x.plan === plan && String(x.stage) === stage))
      lines.push(`  ${l.entity ?? ctx.t('deadlines.whole-stage')}${l.executor ? ` (${l.executor})` : ''}: ${l.links.join(', ')}`);
    for (const m of evidence.missing.filter((x) => x.plan === plan && String(x.stage) === stage)) {
      const shown = m.whole ? ctx.t('deadlines.whole-stage') : m.entities.slice(0, LIST_CAP).join(', ') + (m.entities.length > LIST_CAP ? `, ${ctx.t('deadlines.and-more', { n: m.entities.length - LIST_CAP })}` : '');
      lines.push(`  ${ctx.t('deadlines.evidence-missing', { executor: m.executor, entities: shown })}`);
    }
  }
  return lines;
}

function humanWithin(d: Duration, lang: Lang): string {
  return d.reconfigure({ locale: lang }).toHuman({ unitDisplay: 'long' });
}

const checkOptions = z.object({ asOf: z.string().optional(), within: z.string().optional(), ...flagSchema(['executor', 'plan', 'json']) });

async function check(ctx: Ctx, opts: z.output<typeof checkOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const tz = ws.config.campaign.timezone;
  const plans = selectPlans(ws, opts.plan);
  const asOf = opts.asOf === undefined ? DateTime.now().setZone(tz) : parseMoment(opts.asOf, tz, 'deadlines.as-of-bad');
  const withinText = opts.within ?? DEFAULT_WITHIN;
  const within = parseWithin(withinText);
  if (!within.isValid) throw new UsageError('deadlines.within-bad', { value: withinText });
  const executor = opts.executor;
  if (executor !== undefined) {
    const all = plans.flatMap((p) => p.stages.flatMap((s) => s.executors));
    if (!all.some((e) => executorMatches(executor, e))) {
      throw new UsageError('deadlines.executor-unknown', { value: executor, known: [...new Set(all.map((e) => e.name))].join(', ') });
    }
  }

  const registry = loadRegistry(ws);
  const facts = readCampaignFacts(ws);
  const marks = loadMarks(ws);
  const needsRegistry = plans.some((p) => p.stages.some((s) => s.executors.some((e) => e.deadline !== null && entityScope(e.role) !== 'region')));
  if (needsRegistry && registry.schools.length === 0) ctx.note(ctx.t('deadlines.no-registry'));

  const results = plans.map((plan) => {
    const completion = planCompletion(plan, registry, facts, marks);
    return { plan, result: checkDeadlines({ plan, timezone: tz, asOf, within, executor, completion }), evidence: stageEvidence(plan, marks, completion) };
  });
  const links = results.flatMap((r) => r.evidence.links);
  const missingLinks = results.flatMap((r) => r.evidence.missing);
  const overdue = results.flatMap((r) => r.result.overdue);
  const dueSoon = results.flatMap((r) => r.result.due_soon);
  const asOfText = results[0]?.result.as_of ?? asOf.toISO();

  if (opts.json) {
    ctx.out(renderJson({ as_of: asOfText, timezone: tz, overdue, due_soon: dueSoon, ...(links.length ? { evidence: links, evidence_missing: missingLinks } : {}) }));
  } else {
    const c = painter(ctx.color);
    const out: string[] = [c.bold(ctx.t('deadlines.header', { as_of: asOf.setZone(tz).toFormat('dd.MM.yyyy HH:mm'), tz }))];
    for (const { plan, result, evidence } of results) {
      if (plans.length > 1) out.push('', c.bold(ctx.t('deadlines.plan', { id: plan.id, title: plan.title })));
      if (result.overdue.length) out.push('', c.red(ctx.t('deadlines.overdue')), ...renderItems(ctx, plan, result.overdue, true));
      if (result.due_soon.length) out.push('', c.yellow(ctx.t('deadlines.due-soon', { within: humanWithin(within, ctx.lang) })), ...renderItems(ctx, plan, result.due_soon, false));
      out.push(...renderEvidence(ctx, evidence));
    }
    out.push('', ...(overdue.length ? [] : [ctx.t('deadlines.nothing-overdue')]), ctx.t('deadlines.summary', { overdue: overdue.length, soon: dueSoon.length }));
    ctx.out(out.join('\n'));
  }
  return overdue.length ? EXIT.dataErrors : EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  const deadlines = program.command('deadlines').description(describe(rt, 'deadlines'));
  act(
    commonFlags(
      deadlines
        .command('lint')
        .description(say(rt, 'найти ошибки в самом плане: год не той кампании, срок раньше предыдущего этапа, нечитаемая дата', 'find faults in the plan itself: a year outside the campaign, a deadline out of order, an unreadable date')),
      rt,
      ['plan', 'json'],
    ).addHelpText('after', examples(rt, ['uchebnik deadlines lint', 'uchebnik deadlines lint --plan first-grade --json'])),
    rt,
    lintOptions,
    (ctx, opts) => lint(ctx, opts),
  );
  act(
    commonFlags(
      deadlines
        .command('done')
        .argument('<stage>', say(rt, 'номер этапа', 'stage number'))
        .description(say(rt, 'отметить этап выполненным — весь или для школы либо муниципалитета; каждая отметка заносится в журнал', 'mark a stage done — the whole of it, or for a school or municipality; every mark is journaled'))
        .option('--plan <id>', say(rt, 'план (когда их в папке несколько)', 'the plan (when the workspace has several)'))
        .option('--entity <code>', say(rt, 'код школы или муниципалитета (можно несколько или через запятую); код муниципалитета отмечает все его школы', 'a school or municipality code (repeatable or a comma list); a municipality’s code marks all its schools'), collectList),
      rt,
      ['executor'],
    )
      .option('--at <date>', say(rt, 'когда выполнено (по умолчанию сейчас); для записи', 'when it was done (default now); kept for the record'))
      .option('--note <text>', say(rt, 'примечание', 'a note'))
      .option(
        '--evidence <url>',
        say(rt, 'где это видно: ссылка на опубликованную страницу или фото стенда (можно несколько); check и status покажут, у кого ссылки нет', 'where it can be seen: a link to the published page or a photo of the stand (repeatable); check and status show who has none'),
        collectEvidence,
      )
      .option('--undo', say(rt, 'снять отметку', 'remove the mark'))
      .addHelpText(
        'after',
        examples(rt, [
          'uchebnik deadlines done 1',
          'uchebnik deadlines done 18 --entity 01,02 --note "бумажный вариант получен"',
          'uchebnik deadlines done 2 --plan first-grade --executor ДОУ --at 2019-12-20',
          'uchebnik deadlines done 2 --plan first-grade --executor ОО --entity 0101 --evidence https://school1.example.ru/priem-2020',
          'uchebnik deadlines done 1 --entity 03 --undo',
        ]),
      ),
    rt,
    doneOptions,
    (ctx, opts, [stage]) => done(ctx, stage!, opts),
  );
  act(
    commonFlags(
      deadlines
        .command('check')
        .description(say(rt, 'просроченные и близкие сроки по исполнителям, школам и муниципалитетам; код 1, если что-то просрочено', 'overdue and due-soon stages per executor, school and municipality; exit 1 when anything is overdue'))
        .option('--as-of <moment>', say(rt, 'на какой момент: дата (конец дня) или дата и время; по умолчанию сейчас', 'the moment to check at: a date (its end) or a date and time; default now'))
        .option('--within <duration>', say(rt, `что считать близким сроком: 3d, 12h, 1w (по умолчанию ${DEFAULT_WITHIN})`, `how soon is due soon: 3d, 12h, 1w (default ${DEFAULT_WITHIN})`)),
      rt,
      ['executor', 'plan', 'json'],
    ).addHelpText(
        'after',
        examples(rt, [
          'uchebnik deadlines check',
          'uchebnik deadlines check --as-of 2018-03-01',
          'uchebnik deadlines check --as-of 2018-02-16T23:30 --executor Школы',
          'uchebnik deadlines check --within 1w --json > deadlines.json',
        ]),
      ),
    rt,
    checkOptions,
    (ctx, opts) => check(ctx, opts),
  );
  registerSet(deadlines, rt);
  registerRemind(deadlines, rt);
}
