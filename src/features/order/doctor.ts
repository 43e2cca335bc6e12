/**
 * `uchebnik doctor`'s look at the order files. The workspace's own check reads every state file as
 * JSON with its version; this one reads each order whole as the commands do, so that a line damaged
 * by hand is reported before a consolidation refuses it, in either schema of src/features/order/order-file.ts.
 * A file still at schema 1 is a warning, and `doctor --fix` rewrites it at schema 2 (the same order).
 */
import path from 'node:path';
import { WorkspaceError } from '../../core/errors.js';
import { problem, type DoctorProblem } from '../../io/workspace/doctor.js';
import { checkVersioned } from '../../io/workspace/schema.js';
import { stateRelativePath, toPosix } from '../../io/workspace/paths.js';
import type { OrderRecord } from '../../core/model/order-lifecycle.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { ORDER_SCHEMA, formatOrder, parseOrder } from './order-file.js';

export async function orderFiles(ws: Workspace, { fixing }: { fixing: boolean }): Promise<DoctorProblem[]> {
  const problems: DoctorProblem[] = [];
  for (const stateName of ws.listStates('orders')) {
    const relative = toPosix(stateRelativePath(stateName));
    const text = ws.readStateText(stateName);
    if (text === undefined) continue;
    // What the workspace's own check reports (not JSON, no version, a newer one) is not said twice.
    const version = checkVersioned(text, ORDER_SCHEMA);
    if (!version.ok) continue;
    let record: OrderRecord;
    try {
      record = parseOrder(text, path.join(ws.root, relative));
    } catch (err) {
      if (!(err instanceof WorkspaceError)) throw err;
      problems.push(problem('workspace-state-damaged', 'error', relative, { reason: String(err.params['reason'] ?? err.key) }));
      continue;
    }
    if (version.version === ORDER_SCHEMA) continue;
    const found = problem('workspace-state-old-schema', 'warning', relative, { found: version.version, current: ORDER_SCHEMA });
    if (fixing) await ws.writeStateText(stateName, formatOrder(record));
    problems.push(fixing ? { ...found, fixed: true } : found);
  }
  return problems;
}
