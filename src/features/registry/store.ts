/** state/registry.json: municipalities and schools. */
import { z } from 'zod';
import { EMPTY_REGISTRY, REQUISITE_FIELDS, type Registry } from '../../core/model/registry.js';
import type { Workspace } from '../../io/workspace/workspace.js';

/** A party's requisites (core/model/registry.ts Requisites); publishers' are stored in the same shape. */
export const requisitesSchema = z.object(Object.fromEntries(REQUISITE_FIELDS.map((f) => [f, z.string().optional()])) as Record<(typeof REQUISITE_FIELDS)[number], z.ZodOptional<z.ZodString>>);

const schoolSchema = z.object({
  code: z.string(),
  short_name: z.string(),
  full_name: z.string(),
  municipality: z.string(),
  inn: z.string().optional(),
  kpp: z.string().optional(),
  legal_form: z.string().optional(),
  students: z.record(z.string(), z.number().int().min(0)).optional(),
  requisites: requisitesSchema.optional(),
});

const registrySchema = z.object({
  municipalities: z.array(z.object({ code: z.string(), name: z.string(), email: z.string().optional() })),
  schools: z.array(schoolSchema),
});

export function loadRegistry(ws: Workspace): Registry {
  return ws.readState('registry', registrySchema) ?? EMPTY_REGISTRY;
}

export async function saveRegistry(ws: Workspace, registry: Registry): Promise<string> {
  return (await ws.writeState('registry', registry)).path;
}
