/**
 * Every command of the program, by the name the user types; a new command is one file in this folder
 * and one line here. Modules are loaded only when needed: `uchebnik order …` loads the order command
 * alone, so start-up does not pay for exceljs, zod schemas or the readers of commands not run.
 */
import type { Command } from 'commander';
import type { Runtime } from '../cli/action.js';

type Register = (program: Command, rt: Runtime) => void;

export const COMMANDS: Record<string, () => Promise<{ register: Register }>> = {
  init: () => import('./init.js'),
  registry: () => import('./registry.js'),
  pricelist: () => import('./pricelist.js'),
  order: () => import('./order.js'),
  vacancies: () => import('./vacancies.js'),
  plan: () => import('./plan.js'),
  deadlines: () => import('./deadlines.js'),
  consolidate: () => import('./consolidate.js'),
  export: () => import('./export.js'),
  import: () => import('./import.js'),
  diff: () => import('./diff.js'),
  analyze: () => import('./analyze.js'),
  recommendations: () => import('./recommendations.js'),
  form: () => import('./form.js'),
  doctor: () => import('./doctor.js'),
  demo: () => import('./demo.js'),
};

/** Global flags that take a value, so that their value is not mistaken for the command's name. */
const VALUED_FLAGS = new Set(['-w', '--workspace', '--lang']);

/**
 * The commands to register for these arguments: the one named, none for a bare `--version`, and all
 * of them when help must list them or the name is unknown (so commander can suggest the right one).
 */
export function commandsFor(args: string[]): string[] {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUED_FLAGS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return a in COMMANDS ? [a] : Object.keys(COMMANDS);
  }
  const onlyVersion = args.some((a) => a === '-V' || a === '--version') && !args.some((a) => a === '-h' || a === '--help');
  return onlyVersion ? [] : Object.keys(COMMANDS);
}
