/**
 * state/recommendations.json: the ministry's recommendations as loaded (docs/file-formats.md#recommendations).
 *
 *   loaded_at    when the file was loaded (ISO 8601 with the campaign zone's offset)
 *   split_at     when they were first split into municipality and school workbooks (stages 14, 15)
 *   checked_at   when a whole-region check last had a different outcome (stage 16/17)
 *   source       the file: its name, sha256 and the workspace's copy
 *   items        the recommendations, municipality-wide rows expanded per school
 *   schools      the schools that must correct their order (the deadlines read it, see src/features/deadlines/store.ts)
 *   baselines    per school of the registry: the order version the recommendations are measured
 *                against (null: no order then); later versions are the corrections
 *   check        the outcome of the last whole-region check
 *
 * The deadlines module reads `loaded_at`, `split_at`, `checked_at` and `schools` with a loose schema:
 * those names are a contract.
 */
import { z } from 'zod';
import type { Recommendation } from './recommend.js';
import type { Workspace } from '../../io/workspace/workspace.js';

const itemRef = z.object({ publisher: z.string(), item_key: z.string() });

const recommendationSchema = z.object({
  id: z.number().int(),
  municipality: z.string(),
  school: z.string(),
  scope: z.enum(['school', 'municipality']),
  reference: z.string(),
  title: z.string(),
  items: z.array(itemRef).min(1),
  grade: z.number().int(),
  action: z.enum(['decrease', 'increase', 'exclude', 'replace', 'add']),
  quantity: z.number().int().min(0).optional(),
  replacement: z.object({ reference: z.string(), title: z.string(), items: z.array(itemRef).min(1) }).optional(),
  comment: z.string().optional(),
  baseline: z.object({
    version: z.number().int().nullable(),
    quantities: z.array(z.number().int()),
    replacement_quantities: z.array(z.number().int()).optional(),
  }),
  at: z.object({ file: z.string().optional(), sheet: z.string().optional(), row: z.number().int().optional(), column: z.string().optional() }),
});

const stateSchema = z.object({
  loaded_at: z.string(),
  split_at: z.string().optional(),
  checked_at: z.string().optional(),
  source: z.object({ file: z.string(), sha256: z.string(), stored: z.string(), sheet: z.string().optional() }),
  items: z.array(recommendationSchema),
  schools: z.array(z.string()),
  baselines: z.record(z.string(), z.number().int().nullable()),
  check: z
    .object({
      applied: z.number().int(),
      partially_applied: z.number().int(),
      not_applied: z.number().int(),
      unrequested: z.number().int(),
      /** sha256 of the results, to tell a new outcome from a repeated one */
      digest: z.string(),
    })
    .optional(),
});

export type StoredRecommendations = Omit<z.infer<typeof stateSchema>, 'items'> & { items: Recommendation[] };

export const RECOMMENDATIONS_STATE = 'recommendations';

export function loadRecommendations(ws: Workspace): StoredRecommendations | undefined {
  return ws.readState(RECOMMENDATIONS_STATE, stateSchema) as StoredRecommendations | undefined;
}

export async function saveRecommendations(ws: Workspace, state: StoredRecommendations): Promise<{ path: string; changed: boolean }> {
  return ws.writeState(RECOMMENDATIONS_STATE, state);
}
