/**
 * `uchebnik completion bash|zsh` — prints a completion script for the shell. The commands, subcommands
 * and options come from the program itself: src/program.ts registers every command for this one, and
 * the script is made from what commander then holds, so a new command or option completes without
 * anyone editing a list.
 */
import { Argument, type Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { bashScript, zshScript, type CompletionCommand, type CompletionProgram } from './script.js';

const SCRIPTS = { bash: bashScript, zsh: zshScript };
type Shell = keyof typeof SCRIPTS;

const options = z.object({});

/** A command's options as the user types them: the long name, or the short one when there is no long. */
function flags(cmd: Command): string[] {
  return [...cmd.options.flatMap((o) => o.long ?? o.short ?? []), '--help'];
}

/** A command with its subcommands; `global`: the program's options, which commander takes after any command too. */
function commandOf(cmd: Command, global: string[]): CompletionCommand {
  return { name: cmd.name(), flags: [...new Set([...flags(cmd), ...global])], commands: cmd.commands.map((c) => commandOf(c, global)) };
}

/** The program as completion needs it; `completion` itself is one of its commands too. */
export function completionProgram(program: Command): CompletionProgram {
  const all = [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)];
  const choices: Record<string, string[]> = {};
  for (const o of all.flatMap((c) => c.options)) if (o.long && o.argChoices && !choices[o.long]) choices[o.long] = o.argChoices;
  return {
    ...commandOf(program, []),
    commands: program.commands.map((c) => commandOf(c, flags(program).filter((f) => f !== '--version'))),
    valued: program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long].filter((f): f is string => !!f)),
    choices,
  };
}

export function register(program: Command, rt: Runtime): void {
  act(
    program
      .command('completion')
      .description(describe(rt, 'completion'))
      .addArgument(new Argument('<shell>', say(rt, 'оболочка', 'the shell')).choices(Object.keys(SCRIPTS)))
      .addHelpText(
        'after',
        examples(rt, ['source <(uchebnik completion bash)', 'uchebnik completion bash > /etc/bash_completion.d/uchebnik', 'source <(uchebnik completion zsh)']),
      ),
    rt,
    options,
    async (ctx, _opts, [shell]) => {
      ctx.out(SCRIPTS[shell as Shell](completionProgram(program)));
    },
  );
}
