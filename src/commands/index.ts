/**
 * Every command of the program, by the name the user types; a new command is one file in this folder
 * and one line here. Modules are loaded only when needed: `uchebnik order …` loads the order command
 * alone, so start-up does not pay for exceljs, zod schemas or the readers of commands not run; the
 * program's own help lists the commands from this table without loading any (issue #10: `--help`
 * within 150 ms). A module takes its description from here (`describe`), and a test checks that each
 * module's arguments still read as `term` says.
 */
import { Help, type Command } from 'commander';
import { say, type Runtime } from '../cli/action.js';

type Register = (program: Command, rt: Runtime) => void;

export interface CommandEntry {
  /** how the program's help shows the command: its name, `[options]` when it has any, its arguments */
  term: string;
  ru: string;
  en: string;
  load: () => Promise<{ register: Register }>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  init: { term: 'init [options] <dir>', ru: 'создать рабочую папку кампании', en: 'create a campaign workspace', load: () => import('./init.js') },
  registry: { term: 'registry', ru: 'реестр муниципалитетов и школ', en: 'registry of municipalities and schools', load: () => import('./registry.js') },
  pricelist: { term: 'pricelist', ru: 'прайс-листы издательств (этап 6)', en: 'publishers\' price lists (stage 6)', load: () => import('./pricelist.js') },
  order: { term: 'order', ru: 'заказы школ: бланк, проверка, «корзина» (этапы 7–9, 16–19)', en: 'school orders: form, validation, the basket (stages 7–9, 16–19)', load: () => import('./order.js') },
  vacancies: { term: 'vacancies', ru: 'места и вакансии в 1-х классах (план приёма, этапы 7–8)', en: 'first-grade places and vacancies (admission plan, stages 7–8)', load: () => import('./vacancies.js') },
  plan: { term: 'plan', ru: 'план кампании: этапы, исполнители, сроки', en: 'the campaign plan: stages, executors, deadlines', load: () => import('./plan.js') },
  deadlines: { term: 'deadlines', ru: 'сроки плана: проверка плана, отметки о выполнении, просроченные этапы', en: 'the plan’s deadlines: plan check, marks of completion, overdue stages', load: () => import('./deadlines.js') },
  consolidate: { term: 'consolidate', ru: 'сводный заказ по издательствам: муниципалитета (этапы 10, 18, 20) или региона (этапы 11, 21)', en: 'consolidated order per publisher: of a municipality (stages 10, 18, 20) or the region (stages 11, 21)', load: () => import('./consolidate.js') },
  'export': { term: 'export', ru: 'выгрузки кампании (этап 22: спецификации к договорам)', en: 'campaign exports (stage 22: contract specifications)', load: () => import('./export.js') },
  'import': { term: 'import [options] <files...>', ru: 'принять своды муниципалитетов: их заказы становятся сформированными заказами школ здесь', en: 'take in municipal consolidations: their orders become the schools\' formed orders here', load: () => import('./import.js') },
  diff: { term: 'diff [options] [files...]', ru: 'что изменилось: две версии заказа школы или два свода (код 1 — есть различия)', en: 'what changed: two versions of a school\'s order or two consolidations (exit 1 when they differ)', load: () => import('./diff.js') },
  analyze: { term: 'analyze [options]', ru: 'анализ регионального заказа (этап 12): превышение контингента, позиции вне ФП, две линии учебников по предмету, выбросы стоимости на ученика, школы без заказа', en: 'analyse the regional order (stage 12): quantities over students, items outside the federal list, two textbook lines for a subject, cost-per-student outliers, schools without an order', load: () => import('./analyze.js') },
  recommendations: { term: 'recommendations', ru: 'рекомендации Министерства: загрузка, рассылка, проверка выполнения (этапы 13–17)', en: 'the ministry\'s recommendations: load, send on, check (stages 13–17)', load: () => import('./recommendations.js') },
  form: { term: 'form', ru: 'формы сводных заказов издательств (этап 6)', en: 'publishers\' consolidated-order forms (stage 6)', load: () => import('./form.js') },
  inspect: { term: 'inspect [options] <file>', ru: 'что читатель видит в прайс-листе до загрузки: заголовок, роли столбцов и их признаки, примеры позиций, что будет отклонено', en: 'what the reader sees in a price list before loading: the header, each column\'s role and its evidence, sample items, what would be refused', load: () => import('./inspect.js') },
  doctor: { term: 'doctor [options]', ru: 'проверить целостность рабочей папки', en: 'check the workspace is whole', load: () => import('./doctor.js') },
  demo: { term: 'demo <dir>', ru: 'пройти всю кампанию на примере области из fixtures/', en: 'run the whole campaign on the example region in fixtures/', load: () => import('./demo.js') },
};

/** The command's description, in the help's language. */
export function describe(rt: Runtime, name: string): string {
  const entry = COMMANDS[name]!;
  return say(rt, entry.ru, entry.en);
}

const stubTerms = new WeakMap<Command, string>();

/**
 * Every command as a name and a description only, for the program's help and for commander's «did you
 * mean …» on an unknown name; none of their modules is loaded.
 */
export function registerStubs(program: Command, rt: Runtime): void {
  for (const [name, entry] of Object.entries(COMMANDS)) stubTerms.set(program.command(name).description(describe(rt, name)), entry.term);
  const help = new Help();
  program.configureHelp({ subcommandTerm: (cmd) => stubTerms.get(cmd) ?? help.subcommandTerm(cmd) });
}

/** Global flags that take a value, so that their value is not mistaken for the command's name. */
const VALUED_FLAGS = new Set(['-w', '--workspace', '--lang']);

/**
 * The command named in these arguments, or undefined: no command (help, a bare `--version`, nothing)
 * or an unknown one.
 */
export function commandNamed(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUED_FLAGS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return a in COMMANDS ? a : undefined;
  }
  return undefined;
}
