/**
 * Which workspace a command works on (docs/file-formats.md#workspace): `--workspace DIR`, else `UCHEBNIK_WORKSPACE`,
 * else the nearest of the current directory and its parents holding `uchebnik.json`, as git finds `.git`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkspaceError } from '../../core/errors.js';
import { MARKER_FILE } from './paths.js';

export interface LocateOptions {
  /** --workspace as given */
  flag?: string;
  /** UCHEBNIK_WORKSPACE; empty counts as unset */
  env?: string;
  cwd: string;
}

function hasMarker(dir: string): boolean {
  try {
    return fs.statSync(path.join(dir, MARKER_FILE)).isFile();
  } catch {
    // Missing, or a parent we may not read: either way not a workspace we can use.
    return false;
  }
}

/**
 * The workspace root (absolute). A flag or variable naming a directory without the marker is
 * `workspace.not-a-workspace` — it is not searched upwards, since the user said exactly where;
 * nothing found upwards is `workspace.not-found`.
 */
export function locateWorkspace({ flag, env, cwd }: LocateOptions): string {
  const explicit =
    flag !== undefined ? { dir: flag, source: '--workspace' } : env ? { dir: env, source: 'UCHEBNIK_WORKSPACE' } : undefined;
  if (explicit) {
    const dir = path.resolve(cwd, explicit.dir);
    if (!hasMarker(dir)) throw new WorkspaceError('workspace.not-a-workspace', { dir, source: explicit.source });
    return dir;
  }
  const start = path.resolve(cwd);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (hasMarker(dir)) return dir;
    if (path.dirname(dir) === dir) throw new WorkspaceError('workspace.not-found', { cwd: start });
  }
}
