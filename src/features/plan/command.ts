/**
 * `uchebnik plan show|import` — the campaign's plans (docs/file-formats.md#plans), and the built-in templates
 * that `init --template` stores.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { readerFlags, readerOptions, readOptions } from '../../cli-kit/options.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import type { Ctx } from '../../cli-kit/context.js';
import type { Finding } from '../../core/finding.js';
import { deadlineInstant, formatRuDate } from './date-phrase.js';
import { lintPlan } from './check.js';
import { normalizeExecutorName, type Plan, type Stage } from './model.js';
import { planFromTable, type PlanTableRow } from './table.js';
import { parseDate } from '../../core/dates.js';
import { buildReport } from '../../core/report/report.js';
import { painter, plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import { openWorkbook } from '../../io/sheets/open.js';
import { cellText } from '../../io/sheets/table.js';
import type { SheetCell } from '../../io/sheets/types.js';
import { loadPlans, savePlans, withPlan, type StoredPlan } from './store.js';
import { selectPlans, TEMPLATES, templatePlan, type TemplateName } from './stored.js';
import { EXIT, InputError } from '../../core/errors.js';

// ---------------------------------------------------------------- show

/** «до 16 февраля (16.02.2018)»; a phrase that already states its date is shown as written. */
function deadlineCell(text: string, deadline: string | null): string {
  if (deadline === null) return text;
  const date = formatRuDate(deadline);
  return text.includes(date) ? text : `${text} (${date})`;
}

/** Plan 000's shape: under each executor's column, its deadline in this stage. */
function columnCells(stage: Stage, columns: string[]): string[] {
  return columns.map((col) =>
    stage.executors
      .filter((e) => normalizeExecutorName(e.name) === normalizeExecutorName(col))
      .map((e) => deadlineCell(e.deadline_text, e.deadline))
      .join('\n'),
  );
}

/**
 * Plan 003's shape, «Сроки» and «Ответственные»: executors with the same deadline share a line, as
 * the seed writes «Руководители МООУСО, ДОУ, ОО».
 */
function responsibleCells(stage: Stage): [string, string] {
  const groups: { text: string; deadline: string | null; names: string[] }[] = [];
  for (const ex of stage.executors) {
    const group = groups.find((g) => g.text === ex.deadline_text);
    if (group) group.names.push(ex.name);
    else groups.push({ text: ex.deadline_text, deadline: ex.deadline, names: [ex.name] });
  }
  return [groups.map((g) => deadlineCell(g.text, g.deadline)).join('\n'), groups.map((g) => g.names.join(', ')).join('\n')];
}

const NUMBER_WIDTH = 6;
const EXECUTOR_WIDTH = 17;
/** «Сроки» and «Ответственные» */
const RESPONSIBLE_WIDTHS = [20, 26];
/** Off a terminal (a file, a pipe, a test) the table is as wide as a printed page in landscape. */
const DEFAULT_WIDTH = 120;

function renderPlan(ctx: Ctx, plan: StoredPlan): string {
  const c = painter(ctx.color);
  const stdout = ctx.streams.stdout as { isTTY?: boolean; columns?: number };
  const width = stdout.isTTY && stdout.columns ? stdout.columns : DEFAULT_WIDTH;
  const columns = plan.executor_columns;
  // An executor-per-column plan is shown that way only if every executor has its column.
  const asColumns =
    columns !== undefined &&
    plan.stages.every((s) => s.executors.every((e) => columns.some((col) => normalizeExecutorName(col) === normalizeExecutorName(e.name))));
  const extra = asColumns ? columns.map(() => EXECUTOR_WIDTH) : RESPONSIBLE_WIDTHS;
  // One rule before each column and one after the last: № and text, then the extra columns.
  const borders = 2 + extra.length + 1;
  const textWidth = Math.max(30, width - borders - NUMBER_WIDTH - extra.reduce((a, b) => a + b, 0));
  const head = [ctx.t('plan.col-number'), ctx.t('plan.col-text'), ...(asColumns ? columns : [ctx.t('plan.col-deadline'), ctx.t('plan.col-responsible')])];
  const table = plainTable(head, ctx.color);
  // plainTable keeps the program's colours; the widths make long stage texts wrap instead of running off the page.
  table.options.colWidths = [NUMBER_WIDTH, textWidth, ...extra];
  for (const stage of plan.stages) {
    table.push([`${stage.number}.${stage.completion ? '*' : ''}`, stage.text, ...(asColumns ? columnCells(stage, columns) : responsibleCells(stage))]);
  }
  const parts = [c.bold(`${plan.title} [${plan.id}]`), table.toString()];
  for (const note of plan.notes ?? []) parts.push(note);
  if (plan.stages.some((st) => st.completion)) parts.push(ctx.t('plan.data-note'));
  return parts.join('\n');
}

const showOptions = z.object(flagSchema(['plan', 'json']));

async function showPlans(ctx: Ctx, opts: z.output<typeof showOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const tz = ws.config.campaign.timezone;
  const plans = selectPlans(ws, opts.plan);
  if (opts.json) {
    ctx.out(
      renderJson({
        timezone: tz,
        plans: plans.map((p) => ({
          ...p,
          stages: p.stages.map((s) => ({
            ...s,
            executors: s.executors.map((e) => ({ ...e, deadline_at: e.deadline === null ? null : deadlineInstant(e.deadline, tz).toISO() })),
          })),
        })),
      }),
    );
    return EXIT.ok;
  }
  ctx.out(plans.map((p) => renderPlan(ctx, p)).join('\n\n'));
  ctx.out(ctx.t('plan.timezone', { tz }));
  return EXIT.ok;
}

// ---------------------------------------------------------------- import

/** Stage texts compared as words only: the seeds differ from their copies in spaces, dashes and quotes. */
const textKey = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The template an imported table is a copy of: at least half of its stages have a template stage's
 * text. Next year's plan with new dates is still the textbook plan, and keeps its completion rules.
 */
function matchTemplate(plan: Plan, year: number): TemplateName | undefined {
  return TEMPLATES.find((name) => {
    const keys = new Set(templatePlan(name, year).stages.map((s) => textKey(s.text)));
    const same = plan.stages.filter((s) => keys.has(textKey(s.text))).length;
    return plan.stages.length > 0 && same * 2 >= plan.stages.length;
  });
}

/**
 * The template's completion rules on the imported stages with the template's texts: the stage of
 * the same number when its text is the same, else the only template stage with that text (plan 000
 * has «Согласование заказа со специалистом УО» twice, as stages 8 and 17, for the two rounds).
 */
function withRules(plan: Plan, template: Plan): Plan {
  const stages = plan.stages.map((stage) => {
    const key = textKey(stage.text);
    const same = template.stages.filter((t) => textKey(t.text) === key);
    const source = same.find((t) => t.number === stage.number) ?? (same.length === 1 ? same[0] : undefined);
    return source?.completion ? { ...stage, completion: source.completion } : stage;
  });
  return { ...plan, stages };
}

/** A cell as the plan's text: a date-formatted cell is the date as a plan writes it. */
function planCellText(cell: SheetCell | undefined): string {
  if (cell?.date && typeof cell.value === 'number') {
    const iso = parseDate(cell.value, { date: true });
    if (iso !== null && iso !== 'invalid') return formatRuDate(iso);
  }
  return cellText(cell);
}

/**
 * Without the stored copy's own address, so that loading the same table again is seen as no change;
 * compared as JSON values, whatever the order of keys the stored file has.
 */
const sameContent = (a: StoredPlan, b: StoredPlan): boolean => {
  const strip = ({ source: _source, ...rest }: StoredPlan) => JSON.parse(JSON.stringify(rest)) as unknown;
  return isDeepStrictEqual(strip(a), strip(b));
};

const importOptions = readerOptions.omit({ map: true }).extend({ id: z.string().optional(), year: z.number().optional(), ...flagSchema(['json']) });

async function importPlan(ctx: Ctx, file: string, opts: z.output<typeof importOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const wb = await openWorkbook(file, readOptions(opts));
  let rows: PlanTableRow[];
  let sheet: string | undefined;
  const readerFindings: Finding[] = [];
  try {
    const handle = await wb.sheet(opts.sheet);
    sheet = wb.format === 'csv' ? undefined : handle.name;
    rows = [];
    for await (const r of handle.rows()) rows.push({ row: r.row, cells: Array.from(r.cells, planCellText) });
    readerFindings.push(...handle.findings);
  } finally {
    await wb.close();
  }

  const wsYear = ws.config.campaign.year;
  const given = opts.year;
  const parse = (year: number) => planFromTable(rows, { campaignYear: year });
  let parsed = parse(given ?? wsYear);
  if (!parsed.plan) throw new InputError('plan.header-not-found', { file });
  const template = matchTemplate(parsed.plan, wsYear);
  // A first-grade plan starts the year before the school year the workspace is for (see templatePlan).
  if (template === 'first-grade' && given === undefined) parsed = parse(wsYear - 1);
  const id = opts.id ?? template ?? 'imported';
  let plan: Plan = { ...parsed.plan!, id };
  const rulesFrom = (TEMPLATES as readonly string[]).includes(id) ? (id as TemplateName) : undefined;
  if (rulesFrom) plan = withRules(plan, templatePlan(rulesFrom, wsYear));

  const at = { file, ...(sheet ? { sheet } : {}) };
  const findings = [...readerFindings, ...parsed.findings, ...lintPlan(plan, { year: plan.campaign_year })].map((f) => ({ ...f, ...at }));
  const report = buildReport([{ file, rows: plan.stages.length }], findings, ctx.lang);

  const outcome = await changeWorkspace<{ unchanged: boolean; replaced: boolean }>(ctx, 'plan import', async (w) => {
    const plans = loadPlans(w);
    const previous = plans.find((p) => p.id === id);
    if (previous && sameContent(previous, plan)) return { changed: [], result: { unchanged: true, replaced: false } };
    const input = await w.storeInput(file, file);
    const stored: StoredPlan = { ...plan, source: { file, sha256: input.sha256, stored: input.stored, ...(sheet ? { sheet } : {}) } };
    const written = await savePlans(w, withPlan(plans, stored));
    return {
      changed: [written.path, input.stored],
      journal: { file, sha256: input.sha256, plan: id, stages: plan.stages.length, replaced: previous !== undefined },
      result: { unchanged: false, replaced: previous !== undefined },
    };
  });
  const dataStages = plan.stages.filter((s) => s.completion).length;
  if (outcome.unchanged) ctx.note(ctx.t('plan.unchanged', { id, file }));
  else {
    ctx.note(ctx.t('plan.imported', { id, file, stages: plan.stages.length, data: dataStages }));
    if (outcome.replaced) ctx.note(ctx.t('plan.replaced', { id }));
  }
  if (opts.json) {
    ctx.out(renderJson({ ...report, imported: { plan: id, stages: plan.stages.length, data_stages: dataStages, unchanged: outcome.unchanged, replaced: outcome.replaced } }));
  } else if (findings.length) {
    ctx.out(renderReportTable(report, ctx));
  }
  return report.ok ? EXIT.ok : EXIT.dataErrors;
}

function year(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2000 || n > 2100) throw new InvalidArgumentError('a year such as 2018');
  return n;
}

export function register(program: Command, rt: Runtime): void {
  const plan = program.command('plan').description(describe(rt, 'plan'));
  act(
    commonFlags(
      plan.command('show').description(say(rt, 'показать план так, как он написан, со сроком каждого исполнителя', 'show the plan as it is written, with each executor’s deadline')),
      rt,
      ['plan', 'json'],
    ).addHelpText('after', examples(rt, ['uchebnik plan show', 'uchebnik plan show --plan first-grade', 'uchebnik plan show --json | jq ".plans[0].stages[8]"'])),
    rt,
    showOptions,
    (ctx, opts) => showPlans(ctx, opts),
  );
  act(
    commonFlags(
      readerFlags(
        plan
          .command('import')
          .argument('<file>', say(rt, 'таблица плана: xlsx или csv', 'the plan table: xlsx or csv'))
          .description(
            say(
              rt,
              'загрузить план из таблицы, устроенной как планы-образцы: «№», «Мероприятия» и столбец на каждого исполнителя или «Сроки» и «Ответственные»',
              'load a plan from a table shaped like the seed plans: «№», «Мероприятия» and a column per executor, or «Сроки» and «Ответственные»',
            ),
          )
          .option('--id <id>', say(rt, 'имя плана в рабочей папке (по умолчанию textbooks или first-grade, если таблица — их копия, иначе imported); план с тем же именем заменяется', 'the plan’s name in the workspace (default textbooks or first-grade when the table is a copy of one, else imported); a plan of that name is replaced'))
          .option('--year <year>', say(rt, 'год для сроков без года («до 16 февраля»); по умолчанию год кампании', 'the year of deadlines written without one («до 16 февраля»); default the campaign year'), year),
        rt,
        { map: false },
      ),
      rt,
      ['json'],
    ).addHelpText('after', examples(rt, ['uchebnik plan import plan-2019.xlsx', 'uchebnik plan import plan.csv --id textbooks', 'uchebnik plan import priem.xlsx --id first-grade --json'])),
    rt,
    importOptions,
    (ctx, opts, [file]) => importPlan(ctx, file!, opts),
  );
}
