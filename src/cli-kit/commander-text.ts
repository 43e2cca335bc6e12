/**
 * commander's own texts in Russian: the titles and entries of its help and its error messages, which
 * commander (14.0) writes in English only. src/program.ts applies these when the language is Russian;
 * in English commander's words pass through unchanged. Each pattern matches one message of
 * node_modules/commander/lib/command.js; a message not matched (a newer commander's) stays English.
 */

const TITLES: Record<string, string> = {
  'Usage:': 'Использование:',
  'Arguments:': 'Аргументы:',
  'Options:': 'Параметры:',
  'Global Options:': 'Общие параметры:',
  'Commands:': 'Команды:',
};

/** A help section's title: «Usage:» → «Использование:». */
export function titleRu(title: string): string {
  return TITLES[title] ?? title;
}

const EXTRA: Record<string, string> = { default: 'по умолчанию', choices: 'варианты', preset: 'без значения', env: 'переменная' };

/**
 * An option's, argument's or command's description in the help: commander's own description of the
 * help entries, and the «(default: …, choices: …)» it appends.
 */
export function descriptionRu(text: string): string {
  if (text === 'display help for command') return 'показать справку по команде';
  return text.replace(/\(((?:default|choices|preset|env): .*)\)$/s, (_, inner: string) =>
    `(${inner.replace(/(^|, )(default|choices|preset|env): /g, (_m, sep: string, word: string) => `${sep}${EXTRA[word]}: `)})`,
  );
}

type Rule = [RegExp, (...groups: string[]) => string];

/**
 * «option '--a'» or «environment variable 'A'», as commander names the two sides of a conflict: in the
 * nominative, or in the instrumental after «вместе с».
 */
function side(s: string, instrumental: boolean): string {
  const option = /^option '(.*)'$/.exec(s);
  if (option) return `${instrumental ? 'параметром' : 'параметр'} «${option[1]}»`;
  const env = /^environment variable '(.*)'$/.exec(s);
  return env ? `${instrumental ? 'переменной' : 'переменная'} окружения «${env[1]}»` : s;
}

const ERRORS: Rule[] = [
  [/^unknown option '(.*)'$/, (flag) => `неизвестный параметр «${flag}»`],
  [/^unknown command '(.*)'$/, (name) => `неизвестная команда «${name}»`],
  [/^missing required argument '(.*)'$/, (name) => `не указан обязательный аргумент «${name}»`],
  [/^option '(.*)' argument missing$/, (flags) => `у параметра «${flags}» не указано значение`],
  [/^required option '(.*)' not specified$/, (flags) => `не указан обязательный параметр «${flags}»`],
  [/^(.*) cannot be used with (.*)$/, (a, b) => `${side(a!, false)} нельзя указывать вместе с ${side(b!, true)}`],
  [
    /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (name, expected, got) => `слишком много аргументов${name ? ` у «${name}»` : ''}: ожидается ${expected}, получено ${got}.`,
  ],
  [/^option '(.*)' argument '(.*)' is invalid\.(.*)$/s, (flags, value, why) => `значение «${value}» параметра «${flags}» не подходит.${reasonRu(why!)}`],
  [
    /^option '(.*)' value '(.*)' from env '(.*)' is invalid\.(.*)$/s,
    (flags, value, env, why) => `значение «${value}» параметра «${flags}» из переменной окружения ${env} не подходит.${reasonRu(why!)}`,
  ],
  [
    /^command-argument value '(.*)' is invalid for argument '(.*)'\.(.*)$/s,
    (value, name, why) => `значение «${value}» аргумента «${name}» не подходит.${reasonRu(why!)}`,
  ],
];

/** The reason after an invalid value: commander's list of choices, or the parser's own (already translated) words. */
function reasonRu(why: string): string {
  return why.replace(/^ Allowed choices are (.*)\.$/s, ' Допустимые значения: $1.');
}

/**
 * One of commander's error messages, without its «error: » prefix («unknown option '--x'\n(Did you
 * mean --y?)\n»), in Russian.
 */
export function errorRu(message: string): string {
  const [, text = '', similar, end = ''] = /^(.*?)(?:\n\(Did you mean (?:one of )?(.*)\?\))?(\n*)$/s.exec(message) ?? [];
  const rule = ERRORS.find(([pattern]) => pattern.test(text));
  const ru = rule ? rule[1](...rule[0].exec(text)!.slice(1).map((g) => g ?? '')) : text;
  return `${ru}${similar ? `\n(Может быть, ${similar}?)` : ''}${end}`;
}
