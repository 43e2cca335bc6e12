/**
 * The registers of people in the workspace, one file per municipality, every version kept:
 *
 *   state/operators/<municipality>.json        schools' chief operators and operators (plan 003, stage 5)
 *   state/municipal-staff/<municipality>.json  the municipality's responsible staff (stage 4)
 *
 * A submission makes a new version (the people of the units it names replace theirs, the other
 * units are carried over); `approve` stamps the latest version, and `changes --out` stamps the
 * approved version it wrote the application for (stage 6). The deadlines module reads `versions`
 * with `approved_at` and `application_at` (src/features/deadlines/store.ts): fields may be added,
 * none renamed.
 */
import { z } from 'zod';
import type { Workspace } from '../../io/workspace/workspace.js';
import { KeyedStore } from '../../io/workspace/keyed.js';
import type { Unit } from './check.js';

const personSchema = z.object({
  unit: z.string(),
  municipality: z.string(),
  full_name: z.string(),
  position: z.string(),
  role: z.enum(['chief', 'operator']),
  email: z.string(),
  phone: z.string(),
});

const versionSchema = z.object({
  version: z.number().int().min(1),
  /** ISO with the campaign zone's offset */
  submitted_at: z.string(),
  people: z.array(personSchema),
  /** the files this version's new people came from, kept in inputs/ by sha256 */
  sources: z.array(z.object({ file: z.string(), sha256: z.string(), stored: z.string() })),
  /** error findings in those files: above 0 only when submitted with --force */
  errors: z.number().int().min(0),
  forced: z.boolean().optional(),
  reason: z.string().optional(),
  approved_at: z.string().optional(),
  approved_by: z.string().optional(),
  approval_reason: z.string().optional(),
  /** when the application of changes (stage 6) was written for this version */
  application_at: z.string().optional(),
});
export type ListVersion = z.infer<typeof versionSchema>;

const listSchema = z.object({ municipality: z.string(), versions: z.array(versionSchema) });
export type StoredList = z.infer<typeof listSchema>;

export const LIST_DIR: Record<Unit, string> = { school: 'operators', municipality: 'municipal-staff' };

const stores: Record<Unit, KeyedStore<StoredList>> = {
  school: new KeyedStore(LIST_DIR.school, listSchema, (v) => v.municipality),
  municipality: new KeyedStore(LIST_DIR.municipality, listSchema, (v) => v.municipality),
};

export function loadList(ws: Workspace, unit: Unit, municipality: string): StoredList | undefined {
  return stores[unit].load(ws, municipality);
}

export async function saveList(ws: Workspace, unit: Unit, list: StoredList): Promise<string> {
  return stores[unit].save(ws, list);
}

export function latestVersion(list: StoredList | undefined): ListVersion | undefined {
  return list?.versions[list.versions.length - 1];
}

/** The approved versions, newest first. */
export function approvedVersions(list: StoredList | undefined): ListVersion[] {
  return (list?.versions ?? []).filter((v) => v.approved_at !== undefined).reverse();
}
