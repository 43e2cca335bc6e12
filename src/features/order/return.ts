/**
 * `uchebnik order return --school CODE --reason TEXT` — the municipal specialist sends a school's
 * order back with a comment (issue 18). The latest version becomes «возвращён» with the reason
 * (src/core/model/order-lifecycle.ts returnOrder), `order status` and `status` count it, and the
 * school's next `order submit` starts a new version. Journaled with the reason.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import type { Ctx } from '../../cli-kit/context.js';
import { changeWorkspace } from '../../cli-kit/workspace.js';
import { DataError, EXIT, UsageError } from '../../core/errors.js';
import { returnOrder, type Transition } from '../../core/model/order-lifecycle.js';
import { isoWithOffset } from '../../io/workspace/io.js';
import { loadRegistry } from '../registry/index.js';
import { loadOrder, saveOrder } from './store.js';

const options = z.object({ school: z.string(), reason: z.string() });

async function returnCommand(ctx: Ctx, opts: z.output<typeof options>): Promise<number> {
  const reason = opts.reason.trim();
  if (reason === '') throw new UsageError('order.return-reason-empty');
  const outcome = await changeWorkspace<Transition>(ctx, 'order return', async (ws) => {
    const record = loadOrder(ws, opts.school);
    if (!record && !loadRegistry(ws).schools.some((s) => s.code === opts.school)) throw new UsageError('order.school-unknown', { school: opts.school });
    const t = returnOrder(record, reason, isoWithOffset(new Date(), ws.config.campaign.timezone));
    if (t.kind !== 'changed') return { changed: [], result: t };
    const written = await saveOrder(ws, t.record);
    return { changed: [written], journal: { school: t.record.school, version: t.version.version, reason }, result: t };
  });
  if (outcome.kind === 'refused') throw new DataError(outcome.message, { school: opts.school, ...outcome.params });
  ctx.note(ctx.t(outcome.message, outcome.params));
  return EXIT.ok;
}

/** Adds `return` to the `order` command (src/features/order/command.ts calls it). */
export function registerReturn(cmd: Command, rt: Runtime): void {
  act(
    cmd
      .command('return')
      .description(say(rt, 'вернуть заказ школе на доработку с комментарием (специалист УО)', 'return an order to the school for correction, with a comment (municipal specialist)'))
      .requiredOption('--school <code>', say(rt, 'школа', 'school'))
      .requiredOption('--reason <text>', say(rt, 'что исправить: школа увидит это в order status', 'what to correct: the school sees it in order status'))
      .addHelpText('after', examples(rt, ['uchebnik order return --school 0412 --reason "нет заказа на 5 класс"'])),
    rt,
    options,
    (ctx, opts) => returnCommand(ctx, opts),
  );
}
