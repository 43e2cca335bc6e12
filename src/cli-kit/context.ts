/**
 * What every command gets to talk to the world: language, colour, output streams, environment.
 * Commands write the product to `out` (stdout) and everything else to `note` (stderr), so that
 * `uchebnik … --json | jq` always sees one clean document.
 */
import { t as translate, parseLang, type Lang } from '../core/i18n/index.js';

export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface Ctx {
  lang: Lang;
  /** colour allowed on stdout (TTY, no NO_COLOR, TERM≠dumb, no --no-color) */
  color: boolean;
  /** progress bars allowed (stderr is a TTY and colour/animation not switched off) */
  progress: boolean;
  /** the terminal's width in columns when stdout is one, for tables to fit it (src/core/report/render.ts) */
  width?: number;
  debug: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** --workspace as given on the command line */
  workspaceFlag?: string;
  streams: Streams;
  t(key: string, params?: Record<string, unknown>): string;
  /** the product: report, table, JSON */
  out(text: string): void;
  /** notices, progress, what changed */
  note(text: string): void;
}

export interface GlobalFlags {
  lang?: string;
  color?: boolean;
  debug?: boolean;
  workspace?: string;
}

export function colourAllowed(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  // chalk does not look at NO_COLOR itself, so every rule of docs/architecture.md#conventions is checked here.
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function makeCtx(flags: GlobalFlags, streams: Streams, env: NodeJS.ProcessEnv, cwd: string): Ctx {
  const lang: Lang = parseLang(flags.lang) ?? parseLang(env.UCHEBNIK_LANG) ?? 'ru';
  const color = colourAllowed(streams.stdout, env, flags.color);
  const progress = colourAllowed(streams.stderr, env, flags.color) && env.CI === undefined;
  return {
    lang,
    color,
    progress,
    width: streams.stdout.isTTY === true && streams.stdout.columns ? streams.stdout.columns : undefined,
    debug: flags.debug === true,
    env,
    cwd,
    workspaceFlag: flags.workspace,
    streams,
    t: (key, params) => translate(lang, key, params),
    out: (text) => void streams.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    note: (text) => void streams.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  };
}
