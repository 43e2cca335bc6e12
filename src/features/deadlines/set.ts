/**
 * `uchebnik deadlines set STAGE --date DATE --reason TEXT` — one deadline of the stored plan
 * corrected (issue 18), e.g. the first-grade plan's «20.01.2018» that `deadlines lint` finds, without
 * re-importing the whole plan. The old and new dates and the reason are journaled, and the plan is
 * linted again: the exit code is the lint's (1 while the plan still has faults).
 */
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import type { Ctx } from '../../cli-kit/context.js';
import { changeWorkspace } from '../../cli-kit/workspace.js';
import { EXIT, UsageError } from '../../core/errors.js';
import { buildReport } from '../../core/report/report.js';
import { renderReportTable } from '../../core/report/render.js';
import { formatRuDate, lintPlan, loadPlans, planLabel, savePlans, withPlan, type StageExecutor, type StoredPlan } from '../plan/index.js';
import { executorMatches } from './store.js';

const options = z.object({
  date: z.string(),
  reason: z.string(),
  plan: z.string().optional(),
  executor: z.string().optional(),
});

/** `2019-01-20` or `20.01.2019` → ISO date; anything else is a usage error. */
function isoDate(text: string): string {
  const t = text.trim();
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/u.exec(t);
  const iso = ru ? `${ru[3]}-${ru[2]}-${ru[1]}` : t;
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(iso) || !DateTime.fromISO(iso).isValid) throw new UsageError('deadlines.set-date-bad', { value: text });
  return iso;
}

function choosePlan(plans: StoredPlan[], id: string | undefined): StoredPlan {
  if (plans.length === 0) throw new UsageError('plan.none');
  if (id !== undefined) {
    const plan = plans.find((p) => p.id === id);
    if (!plan) throw new UsageError('plan.unknown', { id, known: plans.map((p) => p.id).join(', ') });
    return plan;
  }
  if (plans.length > 1) throw new UsageError('deadlines.plan-choose', { known: plans.map((p) => p.id).join(', ') });
  return plans[0]!;
}

interface Changed {
  plan: StoredPlan;
  executors: { name: string; old: string | null }[];
}

async function set(ctx: Ctx, stageArg: string, opts: z.output<typeof options>): Promise<number> {
  const date = isoDate(opts.date);
  const reason = opts.reason.trim();
  if (reason === '') throw new UsageError('deadlines.set-reason-empty');
  const outcome = await changeWorkspace<Changed>(ctx, 'deadlines set', async (ws) => {
    const plans = loadPlans(ws);
    const plan = choosePlan(plans, opts.plan);
    const stage = plan.stages.find((s) => String(s.number) === stageArg.trim().replace(/\.$/u, ''));
    if (!stage) throw new UsageError('deadlines.stage-unknown', { stage: stageArg, plan: plan.id, known: plan.stages.map((s) => s.number).join(', ') });
    // Without --executor every executor of the stage gets the date; with it, only those it names.
    const targets = opts.executor === undefined ? stage.executors : stage.executors.filter((e) => executorMatches(opts.executor!, e));
    if (targets.length === 0) throw new UsageError('deadlines.executor-unknown', { value: opts.executor ?? '', known: stage.executors.map((e) => e.name).join(', ') || '—' });
    const text = `до ${formatRuDate(date)}`;
    const moved = (e: StageExecutor): StageExecutor => (targets.includes(e) ? { ...e, deadline: date, deadline_text: text } : e);
    const updated: StoredPlan = { ...plan, stages: plan.stages.map((s) => (s === stage ? { ...s, executors: s.executors.map(moved) } : s)) };
    const executors = targets.map((e) => ({ name: e.name, old: e.deadline }));
    if (targets.every((e) => e.deadline === date)) return { changed: [], result: { plan: updated, executors } };
    const written = await savePlans(ws, withPlan(plans, updated));
    return {
      changed: [written.path],
      journal: { plan: plan.id, stage: stage.number, executors: executors.map((e) => e.name), old: executors.map((e) => e.old), new: date, reason },
      result: { plan: updated, executors },
    };
  });
  for (const e of outcome.executors) {
    ctx.note(ctx.t('deadlines.set-done', { stage: stageArg.trim(), plan: outcome.plan.id, executor: e.name, old: e.old === null ? '—' : formatRuDate(e.old), new: formatRuDate(date) }));
  }
  const plan = outcome.plan;
  const findings = lintPlan(plan, { year: plan.campaign_year }).map((f) => ({ ...f, file: planLabel(plan) }));
  const report = buildReport([{ file: planLabel(plan), rows: plan.stages.length }], findings, ctx.lang);
  ctx.out(renderReportTable(report, ctx));
  return report.ok ? EXIT.ok : EXIT.dataErrors;
}

/** Adds `set` to the `deadlines` command (src/features/deadlines/command.ts calls it). */
export function registerSet(deadlines: Command, rt: Runtime): void {
  act(
    deadlines
      .command('set')
      .argument('<stage>', say(rt, 'номер этапа', 'stage number'))
      .description(say(rt, 'исправить срок одного этапа плана (с причиной, в журнал) и проверить план заново', 'correct one stage\'s deadline in the plan (with a reason, journaled) and lint the plan again'))
      .requiredOption('--date <date>', say(rt, 'новый срок: 2019-01-20 или 20.01.2019', 'the new deadline: 2019-01-20 or 20.01.2019'))
      .requiredOption('--reason <text>', say(rt, 'почему срок меняется', 'why the deadline changes'))
      .option('--plan <id>', say(rt, 'план (когда их в папке несколько)', 'the plan (when the workspace has several)'))
      .option('--executor <name>', say(rt, 'только этот исполнитель этапа (как в плане, или роль)', 'only this executor of the stage (as the plan names it, or a role)'))
      .addHelpText('after', examples(rt, ['uchebnik deadlines set 8 --plan first-grade --date 20.01.2019 --reason "опечатка в годе"'])),
    rt,
    options,
    (ctx, opts, [stage]) => set(ctx, stage!, opts),
  );
}
