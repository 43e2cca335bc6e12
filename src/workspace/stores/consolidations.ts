/**
 * state/consolidations/<municipality>.json and state/consolidations/region.json: every run of
 * `uchebnik consolidate` that changed the consolidation, with its totals per publisher.
 *
 * The deadlines module (stores/completion.ts) reads these files for plan stages 10, 11, 20 and 21:
 * `scope`, `municipality` (for a municipality) and `runs[].at` / `runs[].round` are its contract.
 */
import { z } from 'zod';
import { safeFileName } from '../paths.js';
import type { Workspace } from '../workspace.js';

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
});

const consolidationSchema = z.object({
  scope: z.enum(['municipality', 'region']),
  municipality: z.string().optional(),
  runs: z.array(runSchema),
});

export type ConsolidationRun = z.infer<typeof runSchema>;
export type StoredConsolidation = z.infer<typeof consolidationSchema>;

/** `consolidations/region` for the region, `consolidations/<code>` for a municipality. */
export function consolidationStateName(municipality: string | undefined): string {
  return `consolidations/${municipality === undefined ? 'region' : safeFileName(municipality)}`;
}

export function loadConsolidation(ws: Workspace, municipality: string | undefined): StoredConsolidation | undefined {
  return ws.readState(consolidationStateName(municipality), consolidationSchema);
}

export function loadConsolidations(ws: Workspace): StoredConsolidation[] {
  return ws
    .listStates('consolidations')
    .map((name) => ws.readState(name, consolidationSchema))
    .filter((c): c is StoredConsolidation => c !== undefined);
}

export async function saveConsolidation(ws: Workspace, municipality: string | undefined, record: StoredConsolidation): Promise<string> {
  return (await ws.writeState(consolidationStateName(municipality), record)).path;
}
