/**
 * Builds the commander program: global flags, then the command named, loaded alone. Each name maps to
 * the feature module that implements it; nothing imports this file back (test/architecture.test.ts).
 */
import { readFileSync } from 'node:fs';
import { Command, Help, Option } from 'commander';
import type { Runtime } from './cli-kit/action.js';
import { say } from './cli-kit/say.js';
import { COMMANDS, describe, isCommandName, type CommandName } from './cli-kit/commands.js';
import { descriptionRu, errorRu, titleRu } from './cli-kit/commander-text.js';

type Register = (program: Command, rt: Runtime) => void;

/**
 * Modules are loaded only when needed: `uchebnik order …` loads the order feature alone, so start-up
 * does not pay for exceljs, zod schemas or the readers of commands not run.
 */
export const LOADERS: Record<CommandName, () => Promise<{ register: Register }>> = {
  init: () => import('./features/campaign/init.js'),
  registry: () => import('./features/registry/command.js'),
  pricelist: () => import('./features/pricelist/command.js'),
  publisher: () => import('./features/publishers/command.js'),
  order: () => import('./features/order/command.js'),
  vacancies: () => import('./features/vacancies/command.js'),
  operators: () => import('./features/operators/command.js'),
  meetings: () => import('./features/meetings/command.js'),
  plan: () => import('./features/plan/command.js'),
  deadlines: () => import('./features/deadlines/command.js'),
  consolidate: () => import('./features/consolidate/command.js'),
  'export': () => import('./features/specifications/command.js'),
  'import': () => import('./features/import/command.js'),
  diff: () => import('./features/diff/command.js'),
  analyze: () => import('./features/analyze/command.js'),
  recommendations: () => import('./features/recommendations/command.js'),
  form: () => import('./features/forms/command.js'),
  inspect: () => import('./features/pricelist/inspect.js'),
  doctor: () => import('./features/campaign/doctor.js'),
  codes: () => import('./features/codes/command.js'),
  demo: () => import('./features/campaign/demo.js'),
  status: () => import('./features/status/command.js'),
  journal: () => import('./features/journal/command.js'),
  completion: () => import('./features/completion/command.js'),
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export async function buildProgram(rt: Runtime, args: string[]): Promise<Command> {
  const program = new Command('uchebnik')
    .description(
      say(
        rt,
        'Кампания заказа учебников и подготовка приёма в 1 класс на файлах Excel и CSV.',
        'Textbook ordering campaign and first-grade admission preparation on Excel and CSV files.',
      ),
    )
    .version(pkg.version, '-V, --version', say(rt, 'показать версию', 'print the version'))
    .helpOption('-h, --help', say(rt, 'показать справку', 'show help'))
    .helpCommand(false)
    .option('-w, --workspace <dir>', say(rt, 'папка кампании (иначе UCHEBNIK_WORKSPACE или текущая и выше)', 'campaign workspace (else UCHEBNIK_WORKSPACE, or the current directory and its parents)'))
    .addOption(new Option('--lang <lang>', say(rt, 'язык сообщений', 'message language')).choices(['ru', 'en']))
    .option('--no-color', say(rt, 'без цвета', 'no colour'))
    .option('--debug', say(rt, 'показывать трассировку при внутренней ошибке', 'show stack traces on internal errors'))
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void rt.streams.stdout.write(s),
      writeErr: (s) => void rt.streams.stderr.write(s),
      outputError: (s, write) => write(`uchebnik: ${say(rt, errorRu(s.replace(/^error: /, '')), s.replace(/^error: /, ''))}`),
    })
    .configureHelp(helpTexts(rt))
    .showSuggestionAfterError(true);
  // The command named is loaded alone; with none (help, --version, a mistyped name) the table lists them all.
  const name = commandNamed(args);
  // Completion is made from every command's definition, so it alone loads them all.
  const names = name === 'completion' ? (Object.keys(LOADERS) as CommandName[]) : name ? [name] : [];
  for (const n of names) (await LOADERS[n]()).register(program, rt);
  if (!name) registerStubs(program, rt);
  return program;
}

const stubTerms = new WeakMap<Command, string>();

/**
 * Every command as a name and a description only, for the program's help and for commander's «did you
 * mean …» on an unknown name; none of their modules is loaded.
 */
function registerStubs(program: Command, rt: Runtime): void {
  for (const name of Object.keys(COMMANDS) as CommandName[]) stubTerms.set(program.command(name).description(describe(rt, name)), COMMANDS[name].term);
  const help = new Help();
  program.configureHelp({ ...program.configureHelp(), subcommandTerm: (cmd) => stubTerms.get(cmd) ?? help.subcommandTerm(cmd) });
}

/**
 * commander's own words in its help (titles, the help entries, «(default: …)») in the help's language;
 * subcommands inherit this when they are created (commander's copyInheritedSettings).
 */
function helpTexts(rt: Runtime): Partial<Help> {
  if (rt.helpLang === 'en') return {};
  const help = new Help();
  return {
    styleTitle: titleRu,
    optionDescription: (option) => descriptionRu(help.optionDescription(option)),
    argumentDescription: (argument) => descriptionRu(help.argumentDescription(argument)),
    subcommandDescription: (cmd) => descriptionRu(help.subcommandDescription(cmd)),
  };
}

/** Global flags that take a value, so that their value is not mistaken for the command's name. */
const VALUED_FLAGS = new Set(['-w', '--workspace', '--lang']);

/**
 * The command named in these arguments, or undefined: no command (help, a bare `--version`, nothing)
 * or an unknown one.
 */
export function commandNamed(args: string[]): CommandName | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUED_FLAGS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return isCommandName(a) ? a : undefined;
  }
  return undefined;
}
