/**
 * state/consolidations/<municipality>.json and state/consolidations/region.json: every run of
 * `uchebnik consolidate` that changed the consolidation, with its totals per publisher.
 *
 * The deadlines module (src/features/deadlines/store.ts) reads these files for plan stages 10, 11, 20 and 21:
 * `scope`, `municipality` (for a municipality) and `runs[].at` / `runs[].round` are its contract.
 */
import { z } from 'zod';
import { entityKey, safeFileName, safeName } from '../../io/workspace/paths.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { KeyedStore } from '../../io/workspace/keyed.js';

const totalsSchema = z.object({ copies: z.number().int(), sum_kopecks: z.number().int() });

const runSchema = z.object({
  /** ISO 8601 with the campaign zone's offset */
  at: z.string(),
  /** 1: the order on demand; 2: once a counted school's formed order is a corrected version */
  round: z.union([z.literal(1), z.literal(2)]),
  publishers: z.array(
    z.object({
      publisher: z.string(),
      copies: z.number().int(),
      sum_kopecks: z.number().int(),
      lines: z.number().int(),
      schools: z.number().int().optional(),
    }),
  ),
  total: totalsSchema.optional(),
  /** schools whose formed order was counted */
  schools: z.number().int().optional(),
  /** sha256 of what was counted: a run equal to the last one is not recorded again */
  digest: z.string().optional(),
  /** the workbooks written, as given to the user */
  files: z.array(z.string()).optional(),
  /** sha256 of each of `files` as written: doctor tells a folder that is not this run's (src/features/consolidate/doctor.ts) */
  sha256: z.record(z.string(), z.string()).optional(),
});

const consolidationSchema = z.object({
  scope: z.enum(['municipality', 'region']),
  municipality: z.string().optional(),
  runs: z.array(runSchema),
});

export type ConsolidationRun = z.infer<typeof runSchema>;
export type StoredConsolidation = z.infer<typeof consolidationSchema>;

// The region's entity name: no municipality code can be it (codes are text from a registry cell).
const REGION = '\u0000region';
const REGION_FILE = 'region';

/** A municipality's file name: its key, with the hash when the code would take the region's file. */
function municipalityKey(code: string): string {
  if (code === REGION) return REGION_FILE;
  const key = entityKey(code);
  return key.toLowerCase() === REGION_FILE ? safeName(code, { hash: true }) : key;
}

const store = new KeyedStore('consolidations', consolidationSchema, (c) => (c.scope === 'region' ? REGION : (c.municipality ?? '')), {
  key: municipalityKey,
  legacy: (code) => (code === REGION ? REGION_FILE : safeFileName(code)),
});

/**
 * The name of a consolidation's files: `region` for the region, the municipality's key otherwise
 * (its code when that is a safe file name and not `region`, else sanitised with a hash). The state
 * file, the default output folder and the workbooks' names all start from it.
 */
export function consolidationKey(municipality: string | undefined): string {
  return municipalityKey(municipality ?? REGION);
}

/** `consolidations/region` for the region, `consolidations/<key>` for a municipality (src/io/workspace/keyed.ts). */
export function consolidationStateName(municipality: string | undefined): string {
  return store.stateName(municipality ?? REGION);
}

export function loadConsolidation(ws: Workspace, municipality: string | undefined): StoredConsolidation | undefined {
  return store.load(ws, municipality ?? REGION);
}

export function loadConsolidations(ws: Workspace): StoredConsolidation[] {
  return [...store.each(ws)];
}

export async function saveConsolidation(ws: Workspace, municipality: string | undefined, record: StoredConsolidation): Promise<string> {
  if ((record.scope === 'region' ? undefined : record.municipality) !== municipality) throw new Error(`consolidation of ${String(municipality)} saved with the record of ${String(record.municipality ?? record.scope)}`);
  return store.save(ws, record);
}
