/**
 * Publishers' requisites in the workspace (issue 17): state/publishers/<publisher>.json, one file per
 * publisher named by the name its price list is loaded under, keyed like every per-entity store
 * (src/io/workspace/keyed.ts) so that «Русское слово» and «Русское_слово» are two.
 */
import { z } from 'zod';
import type { Workspace } from '../../io/workspace/workspace.js';
import { KeyedStore } from '../../io/workspace/keyed.js';
import { requisitesSchema } from '../registry/index.js';

const publisherSchema = z.object({
  publisher: z.string(),
  legal_name: z.string().optional(),
  inn: z.string().optional(),
  kpp: z.string().optional(),
  requisites: requisitesSchema.optional(),
  /** ISO with the campaign zone's offset */
  updated_at: z.string(),
});
export type StoredPublisher = z.infer<typeof publisherSchema>;

const store = new KeyedStore('publishers', publisherSchema, (v) => v.publisher);

export function loadPublisher(ws: Workspace, publisher: string): StoredPublisher | undefined {
  return store.load(ws, publisher);
}

export function loadPublishers(ws: Workspace): StoredPublisher[] {
  return [...store.each(ws)];
}

export async function savePublisher(ws: Workspace, value: StoredPublisher): Promise<string> {
  return store.save(ws, value);
}
