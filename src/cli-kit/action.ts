/**
 * Glue between commander and our commands: every action gets a Ctx built from the global flags,
 * returns its exit code, and throws UchebnikError for anything that ends it early.
 */
import type { Command } from 'commander';
import { makeCtx, type Ctx, type Streams } from './context.js';
import type { Lang } from '../core/i18n/index.js';

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

/** Options of a command as commander parsed them (values are whatever the option declared). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Opts = Record<string, any>;

export type Run = (ctx: Ctx, opts: Opts, args: string[]) => Promise<number | void>;

export function act(cmd: Command, rt: Runtime, run: Run): Command {
  return cmd.action(async (...received: unknown[]) => {
    const command = received[received.length - 1] as Command;
    const args = received.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : a === undefined ? [] : [String(a)]));
    const ctx = makeCtx(command.optsWithGlobals(), rt.streams, rt.env, rt.cwd);
    rt.ctx = ctx;
    const code = await run(ctx, command.opts(), args);
    rt.exitCode = code ?? 0;
  });
}

/** A description in both languages; --help shows the one the user reads. */
export function say(rt: Runtime, ru: string, en: string): string {
  return rt.helpLang === 'en' ? en : ru;
}

/** The «Examples» block that leads each command's help (clig.dev: lead with examples). */
export function examples(rt: Runtime, lines: string[]): string {
  return `\n${say(rt, 'Примеры', 'Examples')}:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
