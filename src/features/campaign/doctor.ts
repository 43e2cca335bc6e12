/** `uchebnik doctor` — is the workspace whole? Exit 0 when it is, 4 when it is not (docs/exit-codes.md#4). */
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import type { Ctx } from '../../cli-kit/context.js';
import { fitted, painter, plainTable, renderJson } from '../../core/report/render.js';
import { checkWorkspace, locateWorkspace } from '../../io/workspace/index.js';
import { EXIT } from '../../core/errors.js';
import { consolidationFolders } from '../consolidate/index.js';
import { specificationPackage } from '../specifications/index.js';
import { orderFiles } from '../order/index.js';

const options = z.object({ fix: z.boolean().optional(), ...flagSchema(['json']) });

async function doctor(ctx: Ctx, opts: z.output<typeof options>): Promise<number> {
  const root = locateWorkspace({ flag: ctx.workspaceFlag, env: ctx.env.UCHEBNIK_WORKSPACE, cwd: ctx.cwd });
  // The stores' own checks: a folder of outputs that is not what its record says; order files read whole.
  const report = await checkWorkspace(root, { fix: opts.fix === true, checks: [consolidationFolders, specificationPackage, orderFiles] });
  const problems = report.problems.map((p) => ({ ...p, message: ctx.t(`finding.${p.code}`, { ...p.params, path: p.path }) }));
  const errors = problems.filter((p) => p.severity === 'error' && !p.fixed).length;
  if (opts.json) {
    ctx.out(renderJson({ ok: errors === 0, checked: report.checked, problems, notes: report.notes.map((n) => ({ ...n, message: ctx.t(n.key, n.params) })) }));
  } else {
    const c = painter(ctx.color);
    for (const n of report.notes) ctx.note(ctx.t(n.key, n.params));
    if (problems.length) {
      const table = plainTable([ctx.t('doctor.col-path'), ctx.t('report.col-code'), ctx.t('report.col-message')], ctx.color);
      for (const p of problems) table.push([p.path, p.severity === 'error' ? c.red(p.code) : c.yellow(p.code), p.message + (p.fixed ? ` (${ctx.t('doctor.fixed')})` : '')]);
      ctx.out(fitted(table, ctx.width));
    }
    ctx.out(ctx.t(errors ? 'doctor.damaged' : 'doctor.ok', { ...report.checked, errors, warnings: problems.length - errors }));
  }
  return errors ? EXIT.workspace : EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  act(
    commonFlags(
      program
        .command('doctor')
        .description(describe(rt, 'doctor'))
        .option('--fix', say(rt, 'убрать безвредные остатки прерванных команд (временные файлы, брошенную блокировку), переписать файлы заказов прежнего формата', 'remove harmless leftovers of interrupted commands (temp files, a stale lock), rewrite order files of the former format')),
      rt,
      ['json'],
    ).addHelpText('after', examples(rt, ['uchebnik doctor', 'uchebnik doctor --fix', 'uchebnik -w /srv/campaign doctor --json'])),
    rt,
    options,
    (ctx, opts) => doctor(ctx, opts),
  );
}
