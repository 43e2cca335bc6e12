/**
 * `uchebnik journal show [--since] [--command] [--school] [--json]` — the workspace's journal read
 * (issue 18): who did what and when, filtered. Which entries concern a school is decided in
 * src/features/journal/filter.ts; a broken hash chain (src/io/workspace/journal.ts) is said first.
 */
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { commonFlags } from '../../cli-kit/flags.js';
import type { Ctx } from '../../cli-kit/context.js';
import { useWorkspace } from '../../cli-kit/workspace.js';
import { EXIT, UsageError } from '../../core/errors.js';
import { fitted, painter, plainTable, renderJson } from '../../core/report/render.js';
import { readJournalLines } from '../../io/workspace/index.js';
import { parseAsOf } from '../deadlines/index.js';
import { selectEntries, summary } from './filter.js';

const options = z.object({
  since: z.string().optional(),
  command: z.string().optional(),
  school: z.string().optional(),
  json: z.boolean().optional(),
});

/** `--since 2018-02-20` is the start of that day in the campaign's zone; a date and time is that moment. */
function sinceMoment(text: string, tz: string): DateTime {
  const at = parseAsOf(text, tz);
  if (!at.isValid) throw new UsageError('journal.since-bad', { value: text });
  return /^\d{4}-\d{2}-\d{2}$|^\d{2}\.\d{2}\.\d{4}$/u.test(text.trim()) ? at.startOf('day') : at;
}

async function show(ctx: Ctx, opts: z.output<typeof options>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const tz = ws.config.campaign.timezone;
  const { entries, damaged, broken } = await readJournalLines(ws.root);
  const since = opts.since === undefined ? undefined : sinceMoment(opts.since, tz);
  const selected = selectEntries(entries, { since, command: opts.command, school: opts.school });
  for (const b of broken) ctx.note(ctx.t('journal.chain-broken', { line: b.line, previous: b.previous }));
  if (damaged.length) ctx.note(ctx.t('journal.damaged', { count: damaged.length }));
  if (opts.json) {
    ctx.out(renderJson({ entries: selected.map(({ line, entry }) => ({ line, ...entry })), chain: { ok: broken.length === 0, broken } }));
  } else if (selected.length === 0) {
    ctx.out(ctx.t('journal.none'));
  } else {
    const c = painter(ctx.color);
    const table = plainTable([ctx.t('journal.col-line'), ctx.t('journal.col-time'), ctx.t('journal.col-user'), ctx.t('journal.col-command'), ctx.t('journal.col-what')], ctx.color);
    for (const { line, entry } of selected) {
      const time = DateTime.fromISO(entry.time, { setZone: true });
      table.push([line, time.isValid ? time.toFormat('dd.MM.yyyy HH:mm') : entry.time, entry.user, c.bold(entry.command), summary(entry)]);
    }
    ctx.out(fitted(table, ctx.width, 4));
  }
  return broken.length ? EXIT.workspace : EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  const journal = program.command('journal').description(describe(rt, 'journal'));
  act(
    commonFlags(
      journal
      .command('show')
      .description(say(rt, 'записи журнала: кто, что и когда менял в рабочей папке; код 4, если журнал изменён вручную', 'journal entries: who changed what in the workspace and when; exit 4 when the journal was edited by hand'))
      .option('--since <date>', say(rt, 'с этой даты (начало дня) или момента', 'from this date (its start) or moment'))
      .option('--command <name>', say(rt, 'только эта команда или группа: «order», «order return»', 'only this command or group: "order", "order return"'))
      .option('--school <code>', say(rt, 'только записи об этой школе', 'only entries about this school')),
      rt,
      ['json'],
    ).addHelpText('after', examples(rt, ['uchebnik journal show', 'uchebnik journal show --since 2018-02-20 --command order', 'uchebnik journal show --school 0412 --json'])),
    rt,
    options,
    (ctx, opts) => show(ctx, opts),
  );
}
