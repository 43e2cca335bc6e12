/**
 * state/mappings.json: column mappings a user gave once (`--map`, `--columns`), remembered per
 * publisher for price lists (and per kind for the registry), so that the next version of the same
 * publisher's file loads without options. A mapping names a column by its header text where the file
 * has one (it survives a column moved), by its letter where it has none.
 */
import { z } from 'zod';
import { normalizeHeader } from '../../core/text.js';
import type { Workspace } from './workspace.js';

const mappingSchema = z.object({
  /** field → column letter or header text, as --map takes them */
  map: z.record(z.string(), z.string()),
  /** the fields of a file without a header, in column order, as --columns gives them (the registry) */
  columns: z.array(z.string()).optional(),
  /** the file the mapping was first given for */
  file: z.string(),
  saved_at: z.string(),
});

const mappingsSchema = z.object({
  pricelist: z.record(z.string(), mappingSchema).default({}),
  registry: z.record(z.string(), mappingSchema).default({}),
});

export type Mapping = z.infer<typeof mappingSchema>;
export type MappingKind = 'pricelist' | 'registry';
type Mappings = z.infer<typeof mappingsSchema>;

const STATE = 'mappings';

/** «Русское слово» and «русское  слово» are one publisher's mapping. */
function keyOf(name: string): string {
  return normalizeHeader(name) || name;
}

function load(ws: Workspace): Mappings {
  return ws.readState(STATE, mappingsSchema) ?? { pricelist: {}, registry: {} };
}

export function rememberedMapping(ws: Workspace, kind: MappingKind, name: string): Mapping | undefined {
  return load(ws)[kind][keyOf(name)];
}

/** Stores a mapping (under the workspace lock); returns the state path when it changed anything. */
export async function rememberMapping(ws: Workspace, kind: MappingKind, name: string, mapping: Mapping): Promise<string | undefined> {
  const all = load(ws);
  const key = keyOf(name);
  const before = all[kind][key];
  if (before && JSON.stringify([before.map, before.columns]) === JSON.stringify([mapping.map, mapping.columns])) return undefined;
  all[kind][key] = mapping;
  const written = await ws.writeState(STATE, all);
  return written.changed ? written.path : undefined;
}
