/**
 * The plans a workspace keeps (state/plans.json): the built-in templates `init` installs, and how
 * commands pick the plans they work on. Other features use these through index.ts; the `plan`
 * command itself is command.ts.
 */
import { InvalidArgumentError } from 'commander';
import type { Ctx } from '../../cli-kit/context.js';
import { UsageError, WorkspaceError } from '../../core/errors.js';
import type { Workspace } from '../../io/workspace/index.js';
import { formatRuDate } from './date-phrase.js';
import type { Plan } from './model.js';
import { loadPlans, savePlans, type StoredPlan } from './store.js';
import { firstGradePlan, textbooksPlan } from './templates.js';

export const TEMPLATES = ['textbooks', 'first-grade'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/**
 * A built-in plan for the workspace's campaign year. The year given to `init --year` is the year
 * the school year starts in: 2018 orders the books for 2018/19, and 2020 admits first-graders for
 * 2020/21 — whose preparation (plan 003) runs from December 2019, so that plan starts a year earlier.
 */
export function templatePlan(name: TemplateName, year: number): Plan {
  return name === 'textbooks' ? textbooksPlan(year) : firstGradePlan(year - 1);
}

/** `--template a,b` or repeated `--template`, each checked against the built-in names. */
export function collectTemplates(value: string, previous: TemplateName[] = []): TemplateName[] {
  const names = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  for (const n of names) {
    if (!(TEMPLATES as readonly string[]).includes(n)) throw new InvalidArgumentError(`one of ${TEMPLATES.join(', ')}`);
  }
  return [...new Set([...previous, ...(names as TemplateName[])])];
}

/** The first and last dated deadline of a plan, as dd.mm.yyyy. */
function span(plan: Plan): { from: string; to: string } {
  const dates = plan.stages.flatMap((s) => s.executors.flatMap((e) => (e.deadline ? [e.deadline] : []))).sort();
  return { from: dates.length ? formatRuDate(dates[0]!) : '—', to: dates.length ? formatRuDate(dates[dates.length - 1]!) : '—' };
}

/**
 * `init --template`: store the templates' plans in the new workspace, under the lock, with a journal
 * line. Run right after the workspace is created, so there is nothing to merge with.
 */
export async function storeTemplates(ctx: Ctx, ws: Workspace, names: TemplateName[]): Promise<void> {
  const year = ws.config.campaign.year;
  const plans = names.map((n) => templatePlan(n, year));
  await ws.withLock('init', async () => {
    const written = await savePlans(ws, plans);
    await ws.journal({ command: 'init', changed: [written.path], templates: names });
  });
  for (const plan of plans) {
    if (plan.id === 'first-grade') ctx.note(ctx.t('plan.first-grade-year', { year, next: year + 1, start: plan.campaign_year }));
    ctx.note(ctx.t('plan.template-added', { id: plan.id, title: plan.title, stages: plan.stages.length, ...span(plan) }));
  }
}

/** The plans a command works on: all of them, or the one named by --plan. */
export function selectPlans(ws: Workspace, id: string | undefined): StoredPlan[] {
  const plans = loadPlans(ws);
  if (plans.length === 0) throw new WorkspaceError('plan.none');
  if (id === undefined) return plans;
  const plan = plans.find((p) => p.id === id);
  if (!plan) throw new UsageError('plan.unknown', { id, known: plans.map((p) => p.id).join(', ') });
  return [plan];
}

/** Where a plan's findings point: the file it was imported from, else its place in the workspace. */
export function planLabel(plan: StoredPlan): string {
  return plan.source?.file ?? `state/plans.json#${plan.id}`;
}
