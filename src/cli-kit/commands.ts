/**
 * Every command of the program by the name the user types, with how the program's help shows it and
 * its one-line description in both languages. Pure data: src/program.ts pairs each name with the
 * module that implements it, and a command module takes its description from here (`describe`), so
 * the program's help lists every command without loading any (issue #10: `--help` within 150 ms).
 * A test checks that each module's arguments still read as `term` says.
 */
import type { Runtime } from './action.js';
import { say } from './say.js';

export interface CommandText {
  /** how the program's help shows the command: its name, `[options]` when it has any, its arguments */
  term: string;
  ru: string;
  en: string;
}

export const COMMANDS = {
  init: { term: 'init [options] <dir>', ru: 'создать рабочую папку кампании', en: 'create a campaign workspace' },
  registry: { term: 'registry', ru: 'реестр муниципалитетов и школ', en: 'registry of municipalities and schools' },
  pricelist: { term: 'pricelist', ru: 'прайс-листы издательств (этап 6)', en: 'publishers\' price lists (stage 6)' },
  publisher: { term: 'publisher', ru: 'реквизиты издательств (поставщиков) для договоров', en: 'publishers\' (suppliers\') requisites for contracts' },
  order: { term: 'order', ru: 'заказы школ: бланк, проверка, «корзина» (этапы 7–9, 16–19)', en: 'school orders: form, validation, the basket (stages 7–9, 16–19)' },
  vacancies: { term: 'vacancies', ru: 'места и вакансии в 1-х классах (план приёма, этапы 7–8)', en: 'first-grade places and vacancies (admission plan, stages 7–8)' },
  operators: { term: 'operators', ru: 'списки операторов школ и ответственных МООУСО, заявка на изменения (план приёма, этапы 4–6)', en: 'operator lists of schools and responsible municipal staff, the application of changes (admission plan, stages 4–6)' },
  meetings: { term: 'meetings', ru: 'родительские собрания ДОО: протоколы и три обязательные темы (план приёма, этап 3)', en: 'preschools\' parents\' meetings: protocols and the three required topics (admission plan, stage 3)' },
  plan: { term: 'plan', ru: 'план кампании: этапы, исполнители, сроки', en: 'the campaign plan: stages, executors, deadlines' },
  deadlines: { term: 'deadlines', ru: 'сроки плана: проверка плана, отметки о выполнении, просроченные этапы', en: 'the plan’s deadlines: plan check, marks of completion, overdue stages' },
  consolidate: { term: 'consolidate', ru: 'сводный заказ по издательствам: муниципалитета (этапы 10, 18, 20) или региона (этапы 11, 21)', en: 'consolidated order per publisher: of a municipality (stages 10, 18, 20) or the region (stages 11, 21)' },
  'export': { term: 'export', ru: 'выгрузки кампании (этап 22: спецификации к договорам)', en: 'campaign exports (stage 22: contract specifications)' },
  'import': { term: 'import [options] <files...>', ru: 'принять своды муниципалитетов: их заказы становятся сформированными заказами школ здесь', en: 'take in municipal consolidations: their orders become the schools\' formed orders here' },
  diff: { term: 'diff [options] [files...]', ru: 'что изменилось: две версии заказа школы или два свода (код 1 — есть различия)', en: 'what changed: two versions of a school\'s order or two consolidations (exit 1 when they differ)' },
  analyze: { term: 'analyze [options]', ru: 'анализ регионального заказа (этап 12): превышение контингента, позиции вне ФП, две линии учебников по предмету, выбросы стоимости на ученика, школы без заказа', en: 'analyse the regional order (stage 12): quantities over students, items outside the federal list, two textbook lines for a subject, cost-per-student outliers, schools without an order' },
  recommendations: { term: 'recommendations', ru: 'рекомендации Министерства: загрузка, рассылка, проверка выполнения (этапы 13–17)', en: 'the ministry\'s recommendations: load, send on, check (stages 13–17)' },
  form: { term: 'form', ru: 'формы сводных заказов издательств (этап 6)', en: 'publishers\' consolidated-order forms (stage 6)' },
  inspect: { term: 'inspect [options] <file>', ru: 'что читатель видит в прайс-листе до загрузки: заголовок, роли столбцов и их признаки, примеры позиций, что будет отклонено', en: 'what the reader sees in a price list before loading: the header, each column\'s role and its evidence, sample items, what would be refused' },
  doctor: { term: 'doctor [options]', ru: 'проверить целостность рабочей папки', en: 'check the workspace is whole' },
  codes: { term: 'codes [options]', ru: 'коды замечаний: важность, название и текст каждого', en: 'finding codes: the severity, title and message of each' },
  journal: { term: 'journal', ru: 'журнал рабочей папки: кто, что и когда менял; проверка, что его не правили вручную', en: 'the workspace journal: who changed what and when; checked for edits by hand' },
  status: { term: 'status [options]', ru: 'кампания сейчас: заказы по муниципалитетам, сроки, издательства, рекомендации; страница HTML для браузера', en: 'the campaign now: orders per municipality, deadlines, publishers, recommendations; an HTML page for the browser' },
  completion: { term: 'completion <shell>', ru: 'сценарий дополнения команд по Tab для оболочки (bash, zsh)', en: 'a Tab-completion script for the shell (bash, zsh)' },
  demo: { term: 'demo <dir>', ru: 'пройти всю кампанию на примере области из fixtures/', en: 'run the whole campaign on the example region in fixtures/' },
} satisfies Record<string, CommandText>;

export type CommandName = keyof typeof COMMANDS;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** The command's description, in the help's language. */
export function describe(rt: Runtime, name: CommandName): string {
  const entry: CommandText = COMMANDS[name];
  return say(rt, entry.ru, entry.en);
}
