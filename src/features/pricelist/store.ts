/**
 * state/pricelists/<publisher>.json: every loaded version of one publisher's price list, the current
 * one last. The catalogue that orders are checked against is the current version of each publisher.
 */
import { z } from 'zod';
import { Catalogue, type CatalogueItem } from '../../core/model/catalogue.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { KeyedStore } from '../../io/workspace/keyed.js';

const itemSchema = z.object({
  key: z.string(),
  publisher: z.string(),
  fpu_code: z.string().optional(),
  not_in_fpu: z.boolean().optional(),
  item_code: z.string().optional(),
  isbn: z.string().optional(),
  authors: z.string(),
  title: z.string(),
  grade_from: z.number().int().optional(),
  grade_to: z.number().int().optional(),
  price_kopecks: z.number().int(),
  vat_rate: z.number(),
  year: z.string().optional(),
  series: z.string().optional(),
  note: z.string().optional(),
  source_row: z.number().int().optional(),
});

const versionSchema = z.object({
  version: z.number().int().min(1),
  loaded_at: z.string(),
  source: z.object({ file: z.string(), sha256: z.string(), stored: z.string(), sheet: z.string().optional() }),
  items: z.array(itemSchema),
});

const priceListSchema = z.object({
  publisher: z.string(),
  versions: z.array(versionSchema).min(1),
});

export type PriceListVersion = z.infer<typeof versionSchema>;
export type StoredPriceList = z.infer<typeof priceListSchema>;

// One file per publisher, keyed so that «Русское слово» and «Русское_слово» are two (src/io/workspace/keyed.ts).
const store = new KeyedStore('pricelists', priceListSchema, (p) => p.publisher);

export function priceListStateName(publisher: string): string {
  return store.stateName(publisher);
}

export function loadPriceList(ws: Workspace, publisher: string): StoredPriceList | undefined {
  return store.load(ws, publisher);
}

export function loadPriceLists(ws: Workspace): StoredPriceList[] {
  return [...store.each(ws)].sort((a, b) => a.publisher.localeCompare(b.publisher, 'ru'));
}

export function currentVersion(list: StoredPriceList): PriceListVersion {
  return list.versions[list.versions.length - 1]!;
}

export async function savePriceList(ws: Workspace, list: StoredPriceList): Promise<string> {
  return store.save(ws, list);
}

/** All current items of all publishers. */
/** The items of every publisher's current price list. */
export function loadCatalogueItems(ws: Workspace): CatalogueItem[] {
  return loadPriceLists(ws).flatMap((p) => currentVersion(p).items);
}

export function loadCatalogue(ws: Workspace): Catalogue {
  return new Catalogue(loadCatalogueItems(ws));
}
