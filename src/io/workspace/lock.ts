/**
 * The workspace lock: a file `.lock` naming its holder, put in place whole and only if there is none
 * (a hard link of a complete temporary file; see tryCreate). A second
 * command waits a little, then gives up with `workspace.locked` naming who holds it. A lock whose
 * holder died (SIGKILL, power cut) is taken over. Within one process the lock is re-entrant along
 * one chain of async calls, and workspace writes check that their chain holds it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { WorkspaceError, type MessageParams } from '../../core/errors.js';
import { tempPathFor } from './atomic.js';
import { DateTime } from 'luxon';
import { currentUser, ioFailure, isErrno, isoWithOffset, pidAlive } from './io.js';
import { LOCK_FILE, resolveInside } from './paths.js';

export const DEFAULT_LOCK_WAIT_MS = 5000;
/**
 * A lock file that cannot be parsed is normally one being written this very moment (it is created
 * empty, then filled); only after this long is it taken for the remains of a crash.
 */
export const UNREADABLE_LOCK_STALE_MS = 60_000;

const holderSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  user: z.string(),
  command: z.string(),
  started: z.string(),
  token: z.string(),
});
export type LockHolder = z.infer<typeof holderSchema>;

/** Something the user should be told on stderr; `key` is a message-catalogue key. */
export interface Notice {
  key: string;
  params: MessageParams;
}

export interface LockOptions {
  /** How long to wait for another holder before `workspace.locked`; default {@link DEFAULT_LOCK_WAIT_MS}. */
  waitMs?: number;
  /** Told when we start waiting and when a stale lock is taken over. */
  onNotice?: (notice: Notice) => void;
  /** The campaign's IANA zone: the holder's start time is told in it, not in the machine's (often UTC). */
  timezone?: string;
}

export type LockState =
  | { state: 'free' }
  | {
      state: 'held' | 'stale';
      /** undefined when the file cannot be parsed */
      holder: LockHolder | undefined;
      /** when the holder started, or the file's time when unparseable */
      since: string;
      raw: string;
    };

/** Tokens of the locks this process holds, by lock-file path. */
const heldHere = new Map<string, string>();
/** Lock files held by the current chain of async calls. */
const chain = new AsyncLocalStorage<ReadonlySet<string>>();

function lockPathOf(root: string): string {
  return path.join(root, LOCK_FILE);
}

/**
 * Who holds the lock of `root`, and whether that holder is gone. uchebnik makes its lock as a plain
 * file, so a `.lock` that is a symlink was planted: one leading outside the workspace is refused
 * (`workspace.path-escapes`, exit 4) rather than read through, and a dangling one inside is stale —
 * no holder can be behind it.
 */
export async function inspectLock(root: string): Promise<LockState> {
  const lockPath = lockPathOf(root);
  let link: fs.Stats;
  try {
    link = await fsp.lstat(lockPath);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return { state: 'free' };
    throw ioFailure(err, 'read', lockPath);
  }
  if (link.isSymbolicLink()) resolveInside(root, LOCK_FILE);
  let raw: string;
  let mtime: Date;
  try {
    raw = await fsp.readFile(lockPath, 'utf8');
    mtime = (await fsp.stat(lockPath)).mtime;
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ELOOP')) {
      // Without this, acquire() would see «free», fail to create the file (the link is in the way) and spin forever.
      if (link.isSymbolicLink()) return { state: 'stale', holder: undefined, since: isoWithOffset(link.mtime), raw: '' };
      return { state: 'free' };
    }
    throw ioFailure(err, 'read', lockPath);
  }
  const holder = parseHolder(raw);
  if (!holder) {
    const stale = Date.now() - mtime.getTime() > UNREADABLE_LOCK_STALE_MS;
    return { state: stale ? 'stale' : 'held', holder, since: isoWithOffset(mtime), raw };
  }
  return { state: holderGone(lockPath, holder) ? 'stale' : 'held', holder, since: holder.started, raw };
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: empty while its creator is still writing it, or the remains of a crash.
    return undefined;
  }
}

function holderGone(lockPath: string, holder: LockHolder): boolean {
  // A process on another machine (a shared network folder) cannot be checked: assume it is alive.
  if (holder.host !== os.hostname()) return false;
  // Our own pid in a lock we do not hold is an earlier run that had the same pid (containers reuse small pids).
  if (holder.pid === process.pid) return heldHere.get(lockPath) !== holder.token;
  return !pidAlive(holder.pid);
}

/** Parameters for messages that name a lock's holder. */
export function holderParams(lock: Exclude<LockState, { state: 'free' }>, lockPath: string, timezone?: string): MessageParams {
  const h = lock.holder;
  return { user: h?.user ?? '?', pid: h?.pid ?? '?', host: h?.host ?? '?', command: h?.command ?? '?', since: inZone(lock.since, timezone), lock: lockPath };
}

/** An ISO time with offset, said in `timezone` when given (the same instant); anything unparseable as it is. */
function inZone(iso: string, timezone: string | undefined): string {
  if (!timezone) return iso;
  const t = DateTime.fromISO(iso, { setZone: true });
  return t.isValid ? (t.setZone(timezone).toISO() ?? iso) : iso;
}

/** Whether the current chain of async calls holds the lock of `root` (taken by {@link withLock}). */
export function holdsLock(root: string): boolean {
  const held = chain.getStore();
  if (!held) return false;
  // A workspace's root is already its real path (openWorkspace): found as it is, it is not resolved
  // again. Every store asks this; resolving cost `order submit` two system calls each time (issue 20).
  if (held.has(lockPathOf(root))) return true;
  try {
    return held.has(lockPathOf(fs.realpathSync(root)));
  } catch {
    // A root that cannot be resolved cannot have been locked.
    return false;
  }
}

/**
 * Run `fn` holding the workspace lock of `target` (a root directory or anything with a `root`),
 * releasing it afterwards, after an error, and on SIGINT/SIGTERM/SIGHUP.
 */
export async function withLock<T>(
  target: string | { readonly root: string },
  command: string,
  fn: () => Promise<T>,
  opts: LockOptions = {},
): Promise<T> {
  const root = await canonicalRoot(typeof target === 'string' ? target : target.root);
  const lockPath = lockPathOf(root);
  const outer = chain.getStore();
  if (outer?.has(lockPath)) return fn();

  const record: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    user: currentUser(),
    command,
    started: isoWithOffset(new Date()),
    token: randomUUID(),
  };
  await acquire(lockPath, record, opts);

  let result: T;
  try {
    result = await chain.run(new Set([...(outer ?? []), lockPath]), fn);
  } catch (err) {
    try {
      release(lockPath, record.token);
    } catch {
      // fn's failure is what matters; a lock left behind by a finished process is taken over next time.
    }
    throw err;
  }
  release(lockPath, record.token);
  return result;
}

async function canonicalRoot(root: string): Promise<string> {
  try {
    return await fsp.realpath(path.resolve(root));
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw new WorkspaceError('workspace.not-a-workspace', { dir: root });
    throw ioFailure(err, 'read', root);
  }
}

async function acquire(lockPath: string, record: LockHolder, opts: LockOptions): Promise<void> {
  const waitMs = opts.waitMs ?? DEFAULT_LOCK_WAIT_MS;
  const deadline = Date.now() + waitMs;
  let delay = 20;
  let announced = false;
  for (;;) {
    if (await tryCreate(lockPath, record)) return;
    const lock = await inspectLock(path.dirname(lockPath));
    if (lock.state === 'free') continue;
    if (lock.state === 'stale') {
      if (await moveAside(lockPath, lock.raw)) {
        opts.onNotice?.({ key: 'workspace.lock-stale-taken-over', params: holderParams(lock, lockPath, opts.timezone) });
      }
      continue;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new WorkspaceError('workspace.locked', holderParams(lock, lockPath, opts.timezone));
    if (!announced) {
      opts.onNotice?.({ key: 'workspace.lock-waiting', params: holderParams(lock, lockPath, opts.timezone) });
      announced = true;
    }
    // Jitter keeps two waiters from retrying in lockstep.
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, delay * (0.5 + Math.random()))));
    delay = Math.min(delay * 2, 250);
  }
}

/**
 * Create the lock naming `record`, unless there is one. The record is written whole to a temporary file
 * first and hard-linked as `.lock` (link, like O_EXCL, fails when `.lock` exists), so the lock never
 * exists without its holder: a process killed right after an O_EXCL create, before writing into the
 * file, used to leave an empty lock that nobody could judge dead, and every command was refused for
 * {@link UNREADABLE_LOCK_STALE_MS}. A kill now leaves a complete lock (taken over as stale) or a
 * temporary file (which doctor reports). File systems without hard links get the O_EXCL create.
 */
async function tryCreate(lockPath: string, record: LockHolder): Promise<boolean> {
  const text = JSON.stringify(record) + '\n';
  const temp = tempPathFor(lockPath);
  try {
    await writeNew(temp, text);
  } catch (err) {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw ioFailure(err, 'write', lockPath);
  }
  try {
    await fsp.link(temp, lockPath);
    // Registered in the continuation of the link, before any other I/O callback of this process runs,
    // so that a parallel call here that reads the new file never mistakes our pid in it for an earlier
    // run's. (Not before the link: a parallel call's entry for a lock it holds must not be overwritten.)
    claim(lockPath, record.token);
    return true;
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return false;
    if (isErrno(err, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV')) return tryCreateInPlace(lockPath, record, text);
    throw ioFailure(err, 'write', lockPath);
  } finally {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
  }
}

/** No fsync: a lock matters only while its holder lives, and a power cut ends that too. */
async function writeNew(file: string, text: string): Promise<void> {
  await fsp.writeFile(file, text, { flag: 'wx' });
}

/** Without hard links: create `.lock` exclusively, then write the record into it. */
async function tryCreateInPlace(lockPath: string, record: LockHolder, text: string): Promise<boolean> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(lockPath, 'wx');
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return false;
    throw ioFailure(err, 'write', lockPath);
  }
  claim(lockPath, record.token);
  try {
    await handle.writeFile(text);
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    forget(lockPath);
    // The file is ours but incomplete, so the token check of release() cannot recognise it.
    await fsp.rm(lockPath, { force: true }).catch(() => undefined);
    throw ioFailure(err, 'write', lockPath);
  }
  return true;
}

function claim(lockPath: string, token: string): void {
  heldHere.set(lockPath, token);
  if (heldHere.size === 1) installExitHandlers();
}

/**
 * Take a stale lock file out of the way by renaming it, so that of several processes judging it
 * stale at once only one removes it. If the file we moved is no longer the one we judged (its
 * holder died and another process already replaced it), it is put back. Returns whether we moved it.
 */
async function moveAside(lockPath: string, judged: string): Promise<boolean> {
  const aside = tempPathFor(lockPath);
  try {
    await fsp.rename(lockPath, aside);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw ioFailure(err, 'write', lockPath);
  }
  try {
    // A dangling symlink planted as the lock reads as empty, which is how inspectLock judged it.
    const moved = await fsp.readFile(aside, 'utf8').catch((err: unknown) => {
      if (isErrno(err, 'ENOENT', 'ELOOP')) return '';
      throw err;
    });
    if (moved === judged) return true;
    try {
      // link, unlike rename, will not replace a lock a third process created in the meantime.
      await fsp.link(aside, lockPath);
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) await fsp.rename(aside, lockPath);
    }
    return false;
  } catch (err) {
    throw ioFailure(err, 'write', lockPath);
  } finally {
    await fsp.rm(aside, { force: true });
  }
}

/** Remove the lock file if it is still ours (a process that judged us dead may have replaced it). */
function release(lockPath: string, token: string): void {
  forget(lockPath);
  try {
    if (parseHolder(fs.readFileSync(lockPath, 'utf8'))?.token === token) fs.unlinkSync(lockPath);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw ioFailure(err, 'write', lockPath);
  }
}

function forget(lockPath: string): void {
  heldHere.delete(lockPath);
  if (heldHere.size === 0) removeExitHandlers();
}

function releaseAllSync(): void {
  for (const [lockPath, token] of [...heldHere]) {
    try {
      release(lockPath, token);
    } catch {
      // The process is going down; a lock left behind is taken over by the next run.
    }
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const signalHandlers = new Map<NodeJS.Signals, () => void>(
  SIGNALS.map((signal) => [
    signal,
    () => {
      releaseAllSync();
      removeExitHandlers();
      // Die of the same signal, as Node would have without our handler, unless someone else handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    },
  ]),
);

function installExitHandlers(): void {
  for (const [signal, handler] of signalHandlers) process.on(signal, handler);
  process.on('exit', releaseAllSync);
}

function removeExitHandlers(): void {
  for (const [signal, handler] of signalHandlers) process.removeListener(signal, handler);
  process.removeListener('exit', releaseAllSync);
}
