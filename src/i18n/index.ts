/**
 * The message catalogue. Every text a person reads comes from here, in Russian (default) or English.
 * Each area of the program keeps its own file under messages/; findings are keyed `finding.<code>`.
 * Templates use `{name}` placeholders filled from the message's parameters.
 */
import type { Catalog } from './catalog.js';
import { common } from './messages/common.js';
import { reader } from './messages/reader.js';
import { csv } from './messages/csv.js';
import { workspace } from './messages/workspace.js';
import { plan } from './messages/plan.js';

export type { Catalog, Lang } from './catalog.js';
import type { Lang } from './catalog.js';

const catalog: Catalog = { ...common, ...reader, ...csv, ...workspace, ...plan };

export function hasMessage(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(catalog, key);
}

export function t(lang: Lang, key: string, params: Record<string, unknown> = {}): string {
  const entry = hasMessage(key) ? catalog[key] : undefined;
  // A missing key is a bug, but the user still deserves the facts we have rather than a crash.
  const template = entry ? entry[lang] : `${key}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

export function parseLang(value: string | undefined): Lang | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase().slice(0, 2);
  return v === 'en' ? 'en' : v === 'ru' ? 'ru' : undefined;
}
