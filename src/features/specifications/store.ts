/**
 * state/specifications.json: the last export of the specification package (plan stage 22).
 * The deadlines module reads `exported_at` to tell that stage 22 is done (src/features/deadlines/store.ts), so
 * fields may be added but none renamed.
 */
import { z } from 'zod';
import type { Workspace } from '../../io/workspace/workspace.js';

const count = z.number().int().min(0);

const specificationsSchema = z.object({
  /** ISO 8601 with the campaign zone's offset */
  exported_at: z.string(),
  /** the package folder, absolute */
  out: z.string(),
  files: count,
  total: z.object({ copies: count, sum_kopecks: z.number().int(), vat_kopecks: z.number().int() }),
  /** the filters of that export, when it was not the whole region */
  scope: z.object({ municipality: z.string().optional(), publisher: z.string().optional() }).optional(),
  manifest: z.string().optional(),
  zip: z.string().optional(),
});
export type StoredSpecifications = z.infer<typeof specificationsSchema>;

export const SPECIFICATIONS_STATE = 'specifications';

/** The package's list of files, with their figures and sha256, at the top of its folder. */
export const MANIFEST_FILE = 'manifest.csv';

export function loadSpecifications(ws: Workspace): StoredSpecifications | undefined {
  return ws.readState(SPECIFICATIONS_STATE, specificationsSchema);
}

export async function saveSpecifications(ws: Workspace, record: StoredSpecifications): Promise<string> {
  return (await ws.writeState(SPECIFICATIONS_STATE, record)).path;
}
