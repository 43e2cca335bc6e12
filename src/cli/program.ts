/** Builds the commander program: global flags, then every command from src/commands. */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { say, type Runtime } from './action.js';
import { COMMANDS, commandNamed, registerStubs } from '../commands/index.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

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
      outputError: (s, write) => write(`uchebnik: ${s.replace(/^error: /, '')}`),
    })
    .showSuggestionAfterError(true);
  // The command named is loaded alone; with none (help, --version, a mistyped name) the table lists them all.
  const name = commandNamed(args);
  if (name) (await COMMANDS[name]!.load()).register(program, rt);
  else registerStubs(program, rt);
  return program;
}
