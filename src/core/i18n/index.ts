/**
 * The message catalogue. Every text a person reads comes from here, in Russian (default) or English.
 * Each area of the program keeps its own file under messages/; the findings' messages are keyed
 * `finding.<code>` and come from the findings registry (src/core/findings/). A param `x_kopecks` is an
 * amount in kopecks: it fills `{x}` as money in the reader's language («1 625,58», «1,625.58»).
 * Templates use `{name}` placeholders filled from the message's parameters, and `{name|form|form…}` for a
 * count with its noun in the right plural form: `{items|позиция|позиции|позиций}` → «1 позиция»,
 * «54 позиции», «5 позиций»; `{items|item|items}` → «1 item», «2 items» (see `pluralForm`).
 */
import type { Catalog } from './catalog.js';
import { findingMessages } from '../findings/index.js';
import { formatMoney } from '../money.js';
import { common } from './messages/common.js';
import { reader } from './messages/reader.js';
import { csv } from './messages/csv.js';
import { workspace } from './messages/workspace.js';
import { plan } from './messages/plan.js';
import { pricelist } from './messages/pricelist.js';
import { pricelistCli } from './messages/pricelist-cli.js';
import { order } from './messages/order.js';
import { deadlines } from './messages/deadlines.js';
import { orderCli } from './messages/order-cli.js';
import { writer } from './messages/writer.js';
import { vacancy } from './messages/vacancy.js';
import { vacancyCli } from './messages/vacancy-cli.js';
import { recommendations } from './messages/recommendations.js';
import { exportCli } from './messages/export.js';
import { consolidate } from './messages/consolidate.js';
import { recognise } from './messages/recognise.js';
import { requisites } from './messages/requisites.js';
import { amounts } from './messages/amounts.js';
import { operators } from './messages/operators.js';
import { status } from './messages/status.js';
import { cards } from './messages/cards.js';

export type { Catalog, Lang } from './catalog.js';
export { parseLang } from './catalog.js';
import type { Lang } from './catalog.js';

const catalog: Catalog = { ...common, ...reader, ...csv, ...workspace, ...plan, ...pricelist, ...pricelistCli, ...order, ...orderCli, ...writer, ...vacancy, ...vacancyCli, ...deadlines, ...consolidate, ...exportCli, ...recommendations, ...amounts, ...recognise, ...requisites, ...status, ...operators, ...cards, ...findingMessages() };

export function hasMessage(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(catalog, key);
}

export function t(lang: Lang, key: string, params: Record<string, unknown> = {}): string {
  const entry = hasMessage(key) ? catalog[key] : undefined;
  // A missing key is a bug, but the user still deserves the facts we have rather than a crash.
  const template = entry ? entry[lang] : `${key}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`;
  const values = withMoney(lang, params);
  return template.replace(/\{(\w+)((?:\|[^{}|]*)*)\}/g, (whole, name: string, forms: string) => {
    const v = values[name];
    if (v === undefined || v === null) return whole;
    if (!forms) return String(v);
    return `${String(v)} ${pluralForm(lang, Number(v), forms.slice(1).split('|'))}`;
  });
}

/**
 * The order in which a template lists a language's forms: Russian one (1, 21), few (2–4, 22), many
 * (0, 5–20, 11–14, 111), other (fractions); English one, other. Names as Intl.PluralRules gives them.
 */
const FORM_ORDER: Record<Lang, Intl.LDMLPluralRule[]> = { ru: ['one', 'few', 'many', 'other'], en: ['one', 'other'] };
const RULES: Record<Lang, Intl.PluralRules> = { ru: new Intl.PluralRules('ru'), en: new Intl.PluralRules('en') };

/**
 * The form of a noun after the count n, chosen by Intl.PluralRules from the forms in FORM_ORDER's order.
 * A Russian fraction («1,5 позиции») may omit its own form: it takes the few form, the genitive singular.
 */
export function pluralForm(lang: Lang, n: number, forms: readonly string[]): string {
  const index = FORM_ORDER[lang].indexOf(RULES[lang].select(n));
  return forms[index] ?? forms[lang === 'ru' && index === 3 ? 1 : forms.length - 1] ?? '';
}

/** The params with `{x}` filled from `x_kopecks` (an amount in kopecks) as money in `lang`, unless `x` is given. */
function withMoney(lang: Lang, params: Record<string, unknown>): Record<string, unknown> {
  const out = { ...params };
  for (const [name, v] of Object.entries(params)) {
    const shown = name.endsWith('_kopecks') ? name.slice(0, -'_kopecks'.length) : undefined;
    if (shown && Number.isSafeInteger(v) && out[shown] === undefined) out[shown] = formatMoney(v as number, lang);
  }
  return out;
}

