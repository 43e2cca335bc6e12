/**
 * `uchebnik status [--json] [--html FILE]` — the campaign at a glance for the operator's morning
 * (issue 18): order states per municipality, overdue and due-soon stages, copies and money per
 * publisher, the recommendations round. The figures come from src/features/status/compute.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { commonFlags } from '../../cli-kit/flags.js';
import type { Ctx } from '../../cli-kit/context.js';
import { useWorkspace } from '../../cli-kit/workspace.js';
import { EXIT, UsageError } from '../../core/errors.js';
import { formatMoney } from '../../core/money.js';
import { fitted, painter, plainTable, renderJson } from '../../core/report/render.js';
import { readJournalLines, writeFileAtomic } from '../../io/workspace/index.js';
import { parseAsOf, parseWithin, readCampaignFacts, type DeadlineItem } from '../deadlines/index.js';
import { loadOrders } from '../order/index.js';
import { formatRuDate, loadMarks, loadPlans } from '../plan/index.js';
import { loadRecommendations } from '../recommendations/index.js';
import { loadRegistry } from '../registry/index.js';
import { computeStatus, ORDER_STATES, type CampaignStatus } from './compute.js';
import { renderStatusHtml } from './html.js';

/** As `deadlines check`: due soon means within three days. */
const DEFAULT_WITHIN = '3d';

const options = z.object({
  json: z.boolean().optional(),
  html: z.string().optional(),
  xlsx: z.string().optional(),
  asOf: z.string().optional(),
  within: z.string().optional(),
});
type Options = z.output<typeof options>;

async function gather(ctx: Ctx, opts: Options): Promise<{ root: string; status: CampaignStatus }> {
  const ws = await useWorkspace(ctx);
  const tz = ws.config.campaign.timezone;
  const asOf = opts.asOf === undefined ? DateTime.now().setZone(tz) : parseAsOf(opts.asOf, tz);
  if (!asOf.isValid) throw new UsageError('deadlines.as-of-bad', { value: opts.asOf });
  const withinText = opts.within ?? DEFAULT_WITHIN;
  const within = parseWithin(withinText);
  if (!within.isValid) throw new UsageError('deadlines.within-bad', { value: withinText });
  const rec = loadRecommendations(ws);
  const journal = (await readJournalLines(ws.root)).entries.map((e) => e.entry);
  return {
    root: ws.root,
    status: computeStatus({
    campaign: { region: ws.config.campaign.region, year: ws.config.campaign.year, timezone: tz },
    registry: loadRegistry(ws),
    orders: loadOrders(ws),
    // A workspace without a plan still has orders to count: no stages then, not a refusal.
    plans: loadPlans(ws),
    facts: readCampaignFacts(ws),
    marks: loadMarks(ws),
    asOf,
    within,
    recommendations: rec,
    journal,
    exists: (file) => fs.existsSync(path.join(ws.root, file)),
    }),
  };
}

function deadlineLines(ctx: Ctx, items: DeadlineItem[], overdue: boolean): string[] {
  const c = painter(ctx.color);
  return items.map((i) => {
    const head = ctx.t(overdue ? 'status.item-overdue' : 'status.item-due', { stage: i.stage, deadline: formatRuDate(i.deadline), executor: i.executor });
    const who = i.entities_total === undefined ? '' : ` — ${ctx.t('status.item-entities', { count: i.entities.length, total: i.entities_total })}`;
    return `  ${overdue ? c.red(head) : c.yellow(head)}${who}`;
  });
}

function renderTable(ctx: Ctx, s: CampaignStatus): string {
  const c = painter(ctx.color);
  const out: string[] = [c.bold(ctx.t('status.header', { region: s.region, year: s.year, as_of: DateTime.fromISO(s.as_of, { setZone: true }).toFormat('dd.MM.yyyy HH:mm') }))];
  const orders = plainTable([ctx.t('status.col-municipality'), ctx.t('registry.col-schools'), ...ORDER_STATES.map((st) => ctx.t(`status.state-${st}`))], ctx.color);
  for (const m of s.orders.municipalities) orders.push([`${m.municipality} ${m.name}`, m.schools, ...ORDER_STATES.map((st) => m[st])]);
  orders.push([ctx.t('status.total'), s.orders.total.schools, ...ORDER_STATES.map((st) => s.orders.total[st])]);
  out.push('', c.bold(ctx.t('status.orders')), fitted(orders, ctx.width, 0));

  out.push('', c.bold(ctx.t('status.deadlines', { overdue: s.deadlines.overdue.length, soon: s.deadlines.due_soon.length })));
  out.push(...deadlineLines(ctx, s.deadlines.overdue, true), ...deadlineLines(ctx, s.deadlines.due_soon, false));

  const pubs = plainTable([ctx.t('consolidate.col-publisher'), ctx.t('consolidate.col-schools'), ctx.t('consolidate.col-copies'), ctx.t('consolidate.col-sum')], ctx.color);
  for (const p of s.publishers) pubs.push([p.publisher, p.schools, p.copies, formatMoney(p.sum_kopecks, ctx.lang)]);
  pubs.push([ctx.t('status.total'), s.total.schools, s.total.copies, formatMoney(s.total.sum_kopecks, ctx.lang)]);
  out.push('', c.bold(ctx.t('status.publishers')), fitted(pubs, ctx.width, 0));

  if (s.first_grade) {
    const fg = plainTable([ctx.t('status.col-municipality'), ctx.t('registry.col-schools'), ctx.t('status.col-vacancies-submitted'), ctx.t('status.col-vacancies-approved')], ctx.color);
    for (const m of s.first_grade.municipalities) fg.push([`${m.municipality} ${m.name}`, m.schools, m.submitted, ctx.t(m.approved ? 'status.yes' : 'status.no')]);
    out.push('', c.bold(ctx.t('status.first-grade')), fitted(fg, ctx.width, 0));
  }

  const r = s.recommendations;
  out.push('', c.bold(ctx.t('status.recommendations')), r ? `  ${ctx.t('status.rec-summary', { ...r })}` : `  ${ctx.t('status.rec-none')}`);
  return out.join('\n');
}

async function status(ctx: Ctx, opts: Options): Promise<number> {
  const { root, status: s } = await gather(ctx, opts);
  if (opts.html !== undefined) {
    const file = path.resolve(ctx.cwd, opts.html);
    // The page links the files by their place relative to it, so the links work where it was written.
    const base = path.relative(path.dirname(file), root).split(path.sep).join('/');
    await writeFileAtomic(file, renderStatusHtml(s, { filesBase: base }));
    ctx.note(ctx.t('status.html-written', { file }));
  }
  if (opts.xlsx !== undefined) {
    const file = path.resolve(ctx.cwd, opts.xlsx);
    // exceljs is loaded only when a workbook is asked for: the table and the page do not need it.
    const { writeStatusXlsx } = await import('./xlsx.js');
    await writeStatusXlsx(s, file);
    ctx.note(ctx.t('status.xlsx-written', { file }));
  }
  if (opts.json) ctx.out(renderJson(s));
  else if (opts.html === undefined && opts.xlsx === undefined) ctx.out(renderTable(ctx, s));
  return EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  act(
    commonFlags(program.command('status').description(describe(rt, 'status')), rt, ['json'])
      .option('--html <file>', say(rt, 'записать страницу HTML (открывается в браузере без сети, печатается на A4)', 'write an HTML page (opens in a browser offline, prints on A4)'))
      .option('--xlsx <file>', say(rt, 'записать те же цифры в книгу Excel (для пересылки по почте)', 'write the same figures to an Excel workbook (to forward by mail)'))
      .option('--as-of <moment>', say(rt, 'на какой момент считать сроки (как в deadlines check); по умолчанию сейчас', 'the moment deadlines are measured at (as in deadlines check); default now'))
      .option('--within <duration>', say(rt, `что считать близким сроком: 3d, 12h, 1w (по умолчанию ${DEFAULT_WITHIN})`, `how soon is due soon: 3d, 12h, 1w (default ${DEFAULT_WITHIN})`))
      .addHelpText('after', examples(rt, ['uchebnik status', 'uchebnik status --json', 'uchebnik status --html status.html', 'uchebnik status --xlsx status.xlsx', 'uchebnik status --as-of 2018-03-01 --html status.html'])),
    rt,
    options,
    (ctx, opts) => status(ctx, opts),
  );
}
