/** state/registry.json: municipalities and schools. */
import { z } from 'zod';
import { EMPTY_REGISTRY, type Registry } from '../../core/model/registry.js';
import type { Workspace } from '../../io/workspace/workspace.js';

const schoolSchema = z.object({
  code: z.string(),
  short_name: z.string(),
  full_name: z.string(),
  municipality: z.string(),
  inn: z.string().optional(),
  kpp: z.string().optional(),
  legal_form: z.string().optional(),
  students: z.record(z.string(), z.number().int().min(0)).optional(),
});

const registrySchema = z.object({
  municipalities: z.array(z.object({ code: z.string(), name: z.string() })),
  schools: z.array(schoolSchema),
});

export function loadRegistry(ws: Workspace): Registry {
  return ws.readState('registry', registrySchema) ?? EMPTY_REGISTRY;
}

export async function saveRegistry(ws: Workspace, registry: Registry): Promise<string> {
  return (await ws.writeState('registry', registry)).path;
}
