/**
 * `uchebnik codes` — every finding code the program can report, with its severity, title and message
 * template, from the findings registry (src/core/findings/): what a script reading `--json` reports
 * may meet, and what each code means. The same list is docs/findings.md.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import type { Ctx } from '../../cli-kit/context.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { EXIT } from '../../core/errors.js';
import { AREAS, SEVERITY_WORDS, type FindingCode, type FindingSpec } from '../../core/findings/index.js';
import type { Lang } from '../../core/i18n/index.js';
import { painter, renderJson } from '../../core/report/render.js';

const options = z.object({ ...flagSchema(['json']) });

export interface CodeEntry {
  code: FindingCode;
  /** the area of the program that reports it (src/core/findings/<area>.ts) */
  area: string;
  severity: FindingSpec['severity'];
  title: string;
  /** the message with its `{param}` placeholders, as the JSON report's `params` fill them */
  message: string;
}

/** Every code, area by area, in `lang`. */
export function listCodes(lang: Lang): CodeEntry[] {
  return AREAS.flatMap((area) =>
    Object.entries(area.codes as Readonly<Record<FindingCode, FindingSpec>>).map(([code, spec]) => ({
      code: code as FindingCode,
      area: area.id,
      severity: spec.severity,
      title: spec.title[lang],
      message: spec.message[lang],
    })),
  );
}

async function codes(ctx: Ctx, opts: z.output<typeof options>): Promise<number> {
  const list = listCodes(ctx.lang);
  if (opts.json) {
    ctx.out(renderJson({ codes: list }));
    return EXIT.ok;
  }
  const c = painter(ctx.color);
  const paint = { error: c.red, warning: c.yellow, either: c.magenta };
  const lines: string[] = [];
  for (const area of AREAS) {
    lines.push(c.bold(`${area.title[ctx.lang]} (${area.id})`));
    for (const e of list.filter((x) => x.area === area.id)) {
      lines.push(`  ${paint[e.severity](e.code)} — ${e.title} (${SEVERITY_WORDS[e.severity][ctx.lang]})`, `      ${e.message}`);
    }
    lines.push('');
  }
  ctx.out(lines.join('\n').trimEnd());
  return EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  act(
    commonFlags(program.command('codes').description(describe(rt, 'codes')), rt, ['json']).addHelpText(
      'after',
      examples(rt, ['uchebnik codes', 'uchebnik codes --json --lang en']),
    ),
    rt,
    options,
    (ctx, opts) => codes(ctx, opts),
  );
}
