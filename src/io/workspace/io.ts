/**
 * Small file-system helpers shared by the workspace module: error codes of failed system calls and
 * their translation into workspace errors, so a full disk or a read-only folder ends with exit 4
 * and a sentence instead of an "internal error".
 */
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { WorkspaceError } from '../../core/errors.js';

/** The `code` of a failed system call (ENOENT, EACCES, …), or undefined for any other error. */
export function errnoCode(err: unknown): string | undefined {
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && 'syscall' in err) return err.code;
  return undefined;
}

export function isErrno(err: unknown, ...codes: string[]): boolean {
  const code = errnoCode(err);
  return code !== undefined && codes.includes(code);
}

/** A failed system call becomes `workspace.<what>-failed`; anything else (a bug) is rethrown as is. */
export function ioFailure(err: unknown, what: 'read' | 'write', file: string): unknown {
  const code = errnoCode(err);
  if (code === undefined) return err;
  return new WorkspaceError(`workspace.${what}-failed`, { file, code }, { cause: err });
}

/**
 * Make a rename or a new entry in `dir` durable. Windows cannot open a directory for syncing and
 * does not need it (its renames are journalled by NTFS), so those refusals are ignored.
 *
 * Calls for one folder made while a sync of it is already under way share the next one (a group
 * commit): that sync starts after every one of them was called, so it covers each caller's entries,
 * and ten files stored at once into `inputs/` cost two directory syncs rather than ten.
 */
export function fsyncDir(dir: string): Promise<void> {
  const group = dirSyncs.get(dir) ?? { tail: Promise.resolve() };
  // A sync that has not started yet covers whatever was renamed before it starts: join it.
  if (group.queued) return group.queued;
  const sync: Promise<void> = group.tail.then(() => {
    // From here on this sync may already miss a later caller's entry, so later callers queue another.
    if (group.queued === sync) group.queued = undefined;
    return syncDirNow(dir);
  });
  group.queued = sync;
  const tail = sync.then(
    () => undefined,
    () => undefined,
  );
  group.tail = tail;
  dirSyncs.set(dir, group);
  void tail.then(() => {
    if (group.tail === tail && dirSyncs.get(dir) === group) dirSyncs.delete(dir);
  });
  return sync;
}

/** Per folder: the last directory sync begun or queued, and the queued one that new callers join. */
const dirSyncs = new Map<string, { tail: Promise<void>; queued?: Promise<void> }>();

async function syncDirNow(dir: string): Promise<void> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(dir, 'r');
  } catch (err) {
    if (isErrno(err, 'EISDIR', 'EPERM', 'EACCES')) return;
    throw err;
  }
  try {
    await handle.sync();
  } catch (err) {
    if (!isErrno(err, 'EINVAL', 'ENOTSUP', 'EPERM')) throw err;
  } finally {
    await handle.close();
  }
}

/** Whether a process with this id exists on this machine (EPERM: it exists but belongs to someone else). */
export function pidAlive(pid: number): boolean {
  // kill(0) and kill(-n) address process groups, which would answer for the wrong thing.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isErrno(err, 'EPERM');
  }
}

/** An ISO 8601 timestamp with the UTC offset of `zone` (default: this machine's), e.g. 2019-02-01T09:30:00.000+04:00. */
export function isoWithOffset(date: Date, zone?: string): string {
  const ms = date.getTime();
  const second = Math.floor(ms / 1000);
  const last = zone ? lastSecond.get(zone) : undefined;
  if (last?.second === second) return `${last.text.slice(0, 20)}${String(ms - second * 1000).padStart(3, '0')}${last.text.slice(23)}`;
  // The locale named: an ISO text does not depend on it, and luxon would otherwise ask Intl for the
  // system's (≈12 ms, the first time in a process, of every command that takes the lock).
  const text = DateTime.fromMillis(ms, zone ? { zone, locale: 'en-US' } : { locale: 'en-US' }).toISO() ?? date.toISOString();
  if (zone && WITH_MILLIS.test(text)) lastSecond.set(zone, { second, text });
  return text;
}

/**
 * Per zone, the last second formatted. Luxon finds a zone's offset through Intl, ≈0.1 ms a call, and
 * `order submit` stamps every version and journal line in the campaign's zone (≈1,400 calls, 0.15 s,
 * for a region's 700 files): within one second a zone's offset cannot change (the time zone database
 * counts in seconds), so only the milliseconds differ. Only a named zone is remembered — the
 * machine's may change under the process (TZ) — and only the plain four-digit-year form.
 */
const lastSecond = new Map<string, { second: number; text: string }>();
const WITH_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(?:Z|[+-]\d\d:\d\d)$/u;

/** Who runs this process, for the lock and the journal. */
export function currentUser(): string {
  // Asked for every journal line (700 a submit); who runs the process does not change while it runs.
  user ??= userName();
  return user;
}

let user: string | undefined;

function userName(): string {
  try {
    const name = os.userInfo().username;
    if (name) return name;
  } catch {
    // A uid without a passwd entry (common in containers) makes userInfo() throw; fall back to the environment.
  }
  return process.env['USER'] || process.env['USERNAME'] || 'unknown';
}

/**
 * `mkdir -p` that always ends. Node's own `{ recursive: true }` spins at full CPU forever where a file
 * system answers ENOENT for a folder whose parent exists — procfs does: `status --html /proc/x/a.html`
 * hung uchebnik (Node 20, Linux). Here the missing folders are found by walking up, then made one by
 * one, and a refusal of any of them is `workspace.write-failed` naming the folder (exit 4), as for
 * any file that cannot be written.
 */
export async function makeDirs(dir: string): Promise<void> {
  for (const d of missingDirsSync(dir)) {
    try {
      await fs.mkdir(d);
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw ioFailure(err, 'write', d);
    }
  }
}

export function makeDirsSync(dir: string): void {
  for (const d of missingDirsSync(dir)) {
    try {
      fsSync.mkdirSync(d);
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw ioFailure(err, 'write', d);
    }
  }
}

/** What mkdir says of a path that is there but is no folder (a file where a folder should be). */
function notADirectory(file: string): Error {
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${file}'`), { code: 'ENOTDIR', syscall: 'mkdir', path: file });
}

/** The folders of `dir`'s path that do not exist, outermost first (a stat each: microseconds, so both `makeDirs` use it). */
function missingDirsSync(dir: string): string[] {
  const missing: string[] = [];
  for (let cur = path.resolve(dir); ; ) {
    try {
      if (!fsSync.statSync(cur).isDirectory()) throw notADirectory(cur);
      return missing.reverse();
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw ioFailure(err, 'write', cur);
      missing.push(cur);
      const up = path.dirname(cur);
      if (up === cur) return missing.reverse();
      cur = up;
    }
  }
}
