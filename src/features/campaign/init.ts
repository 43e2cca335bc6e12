/** `uchebnik init DIR` — a new campaign workspace (docs/file-formats.md#workspace). */
import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { noticeTo } from '../../cli-kit/workspace.js';
import type { Ctx } from '../../cli-kit/context.js';
import { shellQuote } from '../../cli-kit/shell.js';
import { initWorkspace } from '../../io/workspace/index.js';
import { TEMPLATES, collectTemplates, lintPlan, loadPlans, storeTemplates, type StoredPlan } from '../plan/index.js';
import { EXIT } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import { renderFinding } from '../../core/report/report.js';

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number ≥ 0');
  return n;
}

const options = z.object({
  year: z.number(),
  region: z.string(),
  tz: z.string(),
  reserve: z.number().optional(),
  maxClassSize: z.number().optional(),
  template: z.array(z.enum(TEMPLATES)).optional(),
});

async function init(ctx: Ctx, dir: string, opts: z.output<typeof options>): Promise<number> {
  const settings: Record<string, number> = {};
  if (opts.reserve !== undefined) settings.reserve_percent = opts.reserve;
  if (opts.maxClassSize !== undefined) settings.max_class_size = opts.maxClassSize;
  const ws = await initWorkspace(path.resolve(ctx.cwd, dir), {
    year: opts.year,
    region: opts.region,
    timezone: opts.tz,
    settings,
    onNotice: noticeTo(ctx),
  });
  ctx.note(ctx.t('init.created', { dir: ws.root, year: ws.config.campaign.year, region: ws.config.campaign.region, tz: ws.config.campaign.timezone }));
  const templates = opts.template ?? [];
  if (templates.length > 0) {
    await storeTemplates(ctx, ws, templates);
    for (const plan of loadPlans(ws)) warnLint(ctx, dir, plan);
  }
  return EXIT.ok;
}

/**
 * The command that corrects a mistyped year `lint` found (`deadlines set`, src/features/deadlines/set.ts):
 * the stage, the plan, the date lint suggests, and the executor only when the stage has others whose
 * date is right.
 */
function fixCommand(plan: StoredPlan, f: Finding, dir: string, reason: string): string | undefined {
  if (f.code !== 'schedule-order-inconsistent' || typeof f.expected !== 'string') return undefined;
  const stage = plan.stages.find((s) => s.number === f.params?.stage);
  if (!stage) return undefined;
  const [y, m, d] = f.expected.split('-');
  const words = ['uchebnik', 'deadlines', 'set', String(stage.number), '--plan', plan.id, '--date', `${d}.${m}.${y}`, '--reason', reason];
  if (stage.executors.length > 1 && typeof f.params?.executor === 'string') words.push('--executor', f.params.executor);
  return [...words, '-w', dir].map(shellQuote).join(' ');
}

/**
 * A built-in plan is installed as its source document has it, mistakes included (plan 003's stage 8
 * «До 20.01.2019» a year before the rest, src/features/plan/templates.ts): `init` says what lint finds
 * and prints the command that corrects each deadline it can, so the year is not discovered later as
 * a stage overdue from the start. A warning only: the workspace is made either way.
 */
function warnLint(ctx: Ctx, dir: string, plan: StoredPlan): void {
  const findings = lintPlan(plan, { year: plan.campaign_year });
  if (findings.length === 0) return;
  ctx.note(ctx.t('init.plan-lint', { id: plan.id, n: findings.length }));
  for (const f of findings) {
    ctx.note(`  ${renderFinding(f, ctx.lang).message}`);
    const fix = fixCommand(plan, f, dir, ctx.t('init.plan-fix-reason'));
    if (fix) ctx.note(ctx.t('init.plan-fix', { command: fix }));
  }
}

export function register(program: Command, rt: Runtime): void {
  act(
    program
      .command('init')
      .argument('<dir>', say(rt, 'папка кампании (создаётся)', 'the campaign folder (created)'))
      .description(describe(rt, 'init'))
      .requiredOption('--year <year>', say(rt, 'год кампании', 'campaign year'), wholeNumber)
      .requiredOption('--region <name>', say(rt, 'регион', 'region'))
      .requiredOption('--tz <zone>', say(rt, 'часовой пояс IANA, в котором считаются сроки (Europe/Samara)', 'IANA time zone deadlines are counted in (Europe/Samara)'))
      .option('--reserve <percent>', say(rt, 'резерв сверх числа обучающихся, % (по умолчанию 10)', 'reserve above the number of students, % (default 10)'), wholeNumber)
      .option('--max-class-size <n>', say(rt, 'наибольшая наполняемость 1 класса (по умолчанию 25)', 'largest first-grade class (default 25)'), wholeNumber)
      .option(
        '--template <name>',
        say(
          rt,
          'план кампании из образца: textbooks (заказ учебников, план 000) и/или first-grade (приём в 1 класс, план 003; --year — год начала учебного года, 2020 для 2020/21); можно через запятую или несколько раз',
          'the campaign plan from a built-in one: textbooks (textbook order, plan 000) and/or first-grade (first-grade admission, plan 003; --year is the year the school year starts, 2020 for 2020/21); comma list or repeated',
        ),
        collectTemplates,
      )
      .addHelpText(
        'after',
        examples(rt, [
          'uchebnik init udm-2018 --year 2018 --region "Удмуртская Республика" --tz Europe/Samara --template textbooks',
          'uchebnik init sar-2020 --year 2020 --region "Саратовская область" --tz Europe/Saratov --template first-grade',
          'uchebnik init both --year 2018 --region "Удмуртская Республика" --tz Europe/Samara --template textbooks,first-grade',
        ]),
      ),
    rt,
    options,
    (ctx, opts, [dir]) => init(ctx, dir!, opts),
  );
}
