/**
 * Flags several commands share, each with one wording in both languages and one schema: a command adds
 * them with `commonFlags(cmd, rt, [...])` and types them with `flagSchema([...])` in its options schema.
 * A flag that means something else in one command (`--municipality` naming the sheet's municipality,
 * `--force` replacing an export package) keeps its own wording there, declared by that command.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { say, type Runtime } from './action.js';

const FLAGS = {
  json: { flags: '--json', ru: 'вывод в JSON', en: 'output as JSON', schema: z.boolean().optional() },
  municipality: { flags: '--municipality <code>', ru: 'только этот муниципалитет', en: 'only this municipality', schema: z.string().optional() },
  school: { flags: '--school <code>', ru: 'код школы', en: 'school code', schema: z.string().optional() },
  force: { flags: '--force', ru: 'сохранить, несмотря на ошибки', en: 'store despite errors', schema: z.boolean().optional() },
  annotate: {
    flags: '--annotate <dir>',
    ru: 'записать в папку копии с отмеченными ячейками и листом «Замечания»',
    en: 'write copies with the cells marked and a «Замечания» sheet into this folder',
    schema: z.string().optional(),
  },
  plan: { flags: '--plan <id>', ru: 'только этот план (textbooks, first-grade, …)', en: 'only this plan (textbooks, first-grade, …)', schema: z.string().optional() },
  executor: {
    flags: '--executor <name>',
    ru: 'только этот исполнитель (как в плане, или роль: schools, municipality, …)',
    en: 'only this executor (as the plan names it, or a role: schools, municipality, …)',
    schema: z.string().optional(),
  },
} as const;

export type CommonFlag = keyof typeof FLAGS;

/**
 * Adds the common flags named, in that order; those in `required` become required options (commander
 * refuses the command line without them, exit 2).
 */
export function commonFlags(cmd: Command, rt: Runtime, names: readonly CommonFlag[], opts: { required?: readonly CommonFlag[] } = {}): Command {
  for (const name of names) {
    const f = FLAGS[name];
    if (opts.required?.includes(name)) cmd.requiredOption(f.flags, say(rt, f.ru, f.en));
    else cmd.option(f.flags, say(rt, f.ru, f.en));
  }
  return cmd;
}

/** The schema entries of the common flags named, to spread into a command's options schema. */
export function flagSchema<const K extends CommonFlag>(names: readonly K[]): { [P in K]: (typeof FLAGS)[P]['schema'] } {
  return Object.fromEntries(names.map((n) => [n, FLAGS[n].schema])) as { [P in K]: (typeof FLAGS)[P]['schema'] };
}
