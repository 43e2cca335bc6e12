/**
 * How commands reach the workspace: found from --workspace, UCHEBNIK_WORKSPACE or the directory
 * tree (docs/file-formats.md#workspace); changes happen under the lock and end with one journal line.
 */
import type { Ctx } from './context.js';
import { locateWorkspace, openWorkspace, type Notice, type Workspace } from '../io/workspace/index.js';

export function noticeTo(ctx: Ctx): (n: Notice) => void {
  return (n) => ctx.note(ctx.t(n.key, n.params));
}

export async function useWorkspace(ctx: Ctx): Promise<Workspace> {
  const root = locateWorkspace({ flag: ctx.workspaceFlag, env: ctx.env.UCHEBNIK_WORKSPACE, cwd: ctx.cwd });
  return openWorkspace(root, { onNotice: noticeTo(ctx) });
}

export interface Change<T> {
  /** what the command changed (workspace-relative paths); empty means nothing, and no journal line */
  changed: string[];
  /** extra facts for the journal line */
  journal?: Record<string, unknown>;
  result: T;
}

/** Runs `fn` under the workspace lock and journals what it changed. */
export async function changeWorkspace<T>(ctx: Ctx, command: string, fn: (ws: Workspace) => Promise<Change<T>>): Promise<T> {
  const ws = await useWorkspace(ctx);
  return ws.withLock(command, async () => {
    const change = await fn(ws);
    if (change.changed.length) await ws.journal({ command, changed: change.changed, ...change.journal });
    return change.result;
  });
}
