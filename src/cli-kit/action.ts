/**
 * Glue between commander and our commands: every action gets a Ctx built from the global flags,
 * returns its exit code, and throws UchebnikError for anything that ends it early.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import { makeCtx, type Ctx, type Streams } from './context.js';
import type { Lang } from '../core/i18n/index.js';
import { UsageError } from '../core/errors.js';

export interface Runtime {
  streams: Streams;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** the arguments after the program name, as the user typed them */
  argv: string[];
  /** language for --help texts, decided before commander parses (from argv and env) */
  helpLang: Lang;
  /**
   * runs a whole command line as the program would (src/main.ts puts itself here), so that a command
   * made of other commands (`demo`) need not import the program that loads it
   */
  invoke: (argv: string[], streams: Streams, env: NodeJS.ProcessEnv, cwd: string) => Promise<number>;
  /** set by the action that ran */
  exitCode: number;
  ctx?: Ctx;
}

/**
 * What a command's `run` gets: its options as its schema says they are (z.output of the schema), the
 * command's arguments and the Ctx.
 */
type Run<S extends z.ZodObject> = (ctx: Ctx, opts: z.output<S>, args: string[]) => Promise<number | void>;

/**
 * Binds a command to its run. `options` is the zod schema of the command's options, one key per option
 * declared on `cmd` (commander's attribute name: `--draft-recommendations` is `draftRecommendations`), so
 * `run` receives a typed, validated object instead of commander's untyped bag. A value the schema refuses
 * is a usage error (exit 2) that names the option; a schema that does not match the declared options is
 * a mistake in the program, found the first time the command is registered.
 */
export function act<S extends z.ZodObject>(cmd: Command, rt: Runtime, options: S, run: Run<S>): Command {
  assertSameOptions(cmd, options);
  return cmd.action(async (...received: unknown[]) => {
    const command = received[received.length - 1] as Command;
    const args = received.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : a === undefined ? [] : [String(a)]));
    const ctx = makeCtx(command.optsWithGlobals(), rt.streams, rt.env, rt.cwd);
    rt.ctx = ctx;
    const code = await run(ctx, await parseOptions(command, options, ctx.lang), args);
    rt.exitCode = code ?? 0;
  });
}

/** The options commander parsed, checked against the command's schema; a refusal names the option. */
async function parseOptions<S extends z.ZodObject>(command: Command, schema: S, lang: Lang): Promise<z.output<S>> {
  const values = command.opts();
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  // Only a refusal needs zod's own messages, in the user's language: loading zod here rather than at the
  // top keeps it out of `uchebnik --help` and `--version`, which load this file (src/program.ts).
  const { z } = await import('zod');
  const localised = schema.safeParse(values, { error: z.locales[lang]().localeError });
  const issue = (localised.error ?? parsed.error).issues[0]!;
  const key = String(issue.path[0] ?? '');
  const option = command.options.find((o) => o.attributeName() === key);
  const value = values[key];
  throw new UsageError('common.bad-option', {
    option: option?.long ?? key,
    value: typeof value === 'string' ? value : JSON.stringify(value) ?? String(value),
    hint: issue.message,
  });
}

function assertSameOptions(cmd: Command, schema: z.ZodObject): void {
  const declared = new Set(cmd.options.map((o) => o.attributeName()));
  const typed = new Set(Object.keys(schema.shape));
  const untyped = [...declared].filter((k) => !typed.has(k));
  const undeclared = [...typed].filter((k) => !declared.has(k));
  if (untyped.length || undeclared.length)
    throw new Error(`command ${cmd.name()}: options without a schema: ${untyped.join(', ') || '—'}; schema keys without an option: ${undeclared.join(', ') || '—'}`);
}

// The help texts' two helpers live apart so that `--help` loads no message catalogue (src/cli-kit/say.ts).
export { examples, say } from './say.js';
