/**
 * A column mapping remembered for a kind of file (state/mappings.json, src/io/workspace/mappings.ts)
 * applied to the next file: the table read with it, said on stderr; undefined when there is none (or
 * no workspace to hold one), or when it does not fit this file — which is said too, and the caller
 * reads the file without it.
 */
import type { Ctx } from './context.js';
import { useWorkspace } from './workspace.js';
import { InputError } from '../core/errors.js';
import { findTable, type Table, type TableSpec } from '../io/sheets/table.js';
import type { Workbook } from '../io/sheets/types.js';
import { rememberedMapping, type Mapping, type MappingKind } from '../io/workspace/mappings.js';

export interface RememberedFor {
  kind: MappingKind;
  /** the publisher, or the registry's fixed key */
  key: string;
  /** how messages name it («Просвещение», «реестра школ») */
  label: string;
  /** the mapping as the user would type it again */
  show: (m: Mapping) => string;
}

export async function readWithRemembered(ctx: Ctx, wb: Workbook, spec: TableSpec, sheet: string | undefined, of: RememberedFor): Promise<Table | undefined> {
  let remembered: Mapping | undefined;
  try {
    remembered = rememberedMapping(await useWorkspace(ctx), of.kind, of.key);
  } catch {
    return undefined; // no workspace here: the command itself will say so
  }
  if (!remembered) return undefined;
  const shown = of.show(remembered);
  try {
    const table = await findTable(wb, spec, { sheet, ...(remembered.columns ? { columns: remembered.columns } : { map: remembered.map }) });
    ctx.note(ctx.t('recognise.remembered', { name: of.label, map: shown }));
    return table;
  } catch (err) {
    if (!(err instanceof InputError) || !err.key.startsWith('table.')) throw err;
    ctx.note(ctx.t('recognise.remembered-stale', { name: of.label, map: shown, reason: ctx.t(err.key, err.params) }));
    return undefined;
  }
}
