/**
 * The program's one exit path: `main` runs commander and maps every outcome to an exit code
 * (docs/exit-codes.md), making sure nothing but a one-line message reaches the user on failure (a stack
 * only with --debug); `start` wires it to the process, and is the only place that ends it.
 */
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import type { Runtime } from './cli-kit/action.js';
import type { Streams } from './cli-kit/context.js';
import { EXIT, UchebnikError } from './core/errors.js';
import { parseLang, type Lang } from './core/i18n/catalog.js';
import { shellQuote } from './cli-kit/shell.js';

function preLang(argv: string[], env: NodeJS.ProcessEnv): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const fromArgv = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return parseLang(fromArgv) ?? parseLang(env.UCHEBNIK_LANG) ?? 'ru';
}

/** The process entry (bin/uchebnik.js): the only call of process.exit in the program. */
export async function start(): Promise<void> {
  // `uchebnik … | head` closes stdout early; that is the reader's choice, not our failure.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  const code = await main(process.argv, { stdout: process.stdout, stderr: process.stderr }, process.env, process.cwd());
  // Let buffered output drain before leaving; a pending timer or handle must not keep us alive.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

export async function main(argv: string[], streams: Streams, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const args = argv.slice(2);
  const lang = preLang(args, env);
  const debug = args.includes('--debug');
  const rt: Runtime = { streams, env, cwd, helpLang: lang, exitCode: EXIT.ok, argv: args, invoke: main };
  try {
    const program = await buildProgram(rt, args);
    await program.parseAsync(argv);
    return rt.exitCode;
  } catch (err) {
    return await reportError(err, rt, lang, debug);
  }
}

async function reportError(err: unknown, rt: Runtime, lang: Lang, debug: boolean): Promise<number> {
  const write = (s: string) => void rt.streams.stderr.write(s.endsWith('\n') ? s : s + '\n');
  if (err instanceof CommanderError) {
    // commander has already printed its message (through configureOutput); help and version
    // asked for end with 0, help shown because a command was missing ends as a usage error.
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  // The catalogue is loaded only when there is something to say: `--help` and `--version` need none of
  // it, and start-up is held to 100 ms (bench/README.md).
  const { t } = await import('./core/i18n/index.js');
  if (err instanceof UchebnikError) {
    write(`uchebnik: ${t(lang, err.key, err.params)}`);
    // A file that could not be read right is refused with the command that would read it (issue 16):
    // the user's own command line with the reading options the recogniser suggests.
    if (typeof err.params.suggest === 'string' && err.params.suggest) write(t(lang, 'table.command-line', { command: commandLine(rt.argv, err.params.suggest) }));
    if (debug && err.cause) write(String((err.cause as Error).stack ?? err.cause));
    return err.exitCode;
  }
  const e = err as Error;
  write(`uchebnik: ${t(lang, 'common.internal-error', { detail: firstLine(e?.message ?? String(err)) })}`);
  if (debug) write(String(e?.stack ?? err));
  return EXIT.internal;
}

/**
 * The user's command line with `--map field=COL` options put in: an option the user already gave for
 * the same field is replaced, everything else stays as typed.
 */
export function commandLine(args: readonly string[], suggest: string): string {
  const extra = suggest.split(' ').filter(Boolean);
  const fields = new Set(extra.filter((a, i) => extra[i - 1] === '--map').map((a) => a.split('=')[0]));
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = a === '--map' ? args[i + 1] : a.startsWith('--map=') ? a.slice(6) : undefined;
    if (value !== undefined && fields.has(value.split('=')[0]!)) {
      if (a === '--map') i++;
      continue;
    }
    kept.push(a);
  }
  return ['uchebnik', ...kept, ...extra].map(shellQuote).join(' ');
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 300);
}
