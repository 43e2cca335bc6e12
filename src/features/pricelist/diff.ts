/**
 * What changed between two versions of a publisher's price list (docs/file-formats.md#price-lists: loading a new list
 * keeps the old one). Items are matched by publisher and key; a price change is reported apart from
 * the other changes because it is the one that makes agreed orders wrong.
 */
import type { CatalogueItem } from '../../core/model/catalogue.js';

export interface PriceListDiff {
  /** in the new list only, in its order */
  added: CatalogueItem[];
  /** in the old list only, in its order */
  removed: CatalogueItem[];
  /** the new version of each item whose price changed */
  repriced: { item: CatalogueItem; old_kopecks: number; new_kopecks: number }[];
  /** the new version of each item whose other properties changed, with the fields that did */
  changed: { item: CatalogueItem; fields: string[] }[];
}

// What an item is, apart from its identity, its price and where in the file it was.
const COMPARED = [
  'fpu_code',
  'not_in_fpu',
  'item_code',
  'isbn',
  'authors',
  'title',
  'grade_from',
  'grade_to',
  'vat_rate',
  'year',
  'series',
  'note',
] as const satisfies readonly (keyof CatalogueItem)[];

const identity = (it: CatalogueItem) => `${it.publisher}\u0000${it.key}`;

// An absent flag and `false` say the same; an absent text and an absent code likewise.
const value = (it: CatalogueItem, f: (typeof COMPARED)[number]) => (f === 'not_in_fpu' ? it.not_in_fpu === true : (it[f] ?? null));

export function diffPriceLists(from: readonly CatalogueItem[], to: readonly CatalogueItem[]): PriceListDiff {
  const old = new Map(from.map((it) => [identity(it), it]));
  const current = new Set(to.map(identity));
  const diff: PriceListDiff = { added: [], removed: from.filter((it) => !current.has(identity(it))), repriced: [], changed: [] };
  for (const item of to) {
    const before = old.get(identity(item));
    if (!before) {
      diff.added.push(item);
      continue;
    }
    if (before.price_kopecks !== item.price_kopecks)
      diff.repriced.push({ item, old_kopecks: before.price_kopecks, new_kopecks: item.price_kopecks });
    const fields = COMPARED.filter((f) => value(before, f) !== value(item, f));
    if (fields.length > 0) diff.changed.push({ item, fields });
  }
  return diff;
}
