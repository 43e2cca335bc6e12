/**
 * Atomic replacement of a file: the new content goes to a temporary file in the same directory,
 * is flushed to disk, and is renamed over the target; the directory is flushed so the rename
 * survives a power cut. Readers see the old file or the new one, never a mixture, and a process
 * killed at any moment leaves at most a temporary file, which `doctor` reports and can remove.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir, ioFailure, isErrno, makeDirs } from './io.js';
import { cutToBytes } from './paths.js';

// The writer's pid in the name tells a leftover of a dead process from a write in progress.
const TEMP_NAME = /^\.(.*)\.tmp-(\d+)-[0-9a-f]{8}$/s;

/**
 * The 8 hex digits after the pid: a random start, then one more for every name, so names made in one
 * process never repeat (until 2^32 of them) however many writes are in flight at once — `order
 * submit` stores several files concurrently — and a leftover of an earlier process that had the
 * same pid (containers reuse small pids) is unlikely to be met. (Each worker thread counts from its
 * own random start; should two names ever meet, the exclusive open fails rather than share a file.)
 */
let tempCounter = randomBytes(4).readUInt32BE(0);

function nextTempSuffix(): string {
  tempCounter = (tempCounter + 1) >>> 0;
  return tempCounter.toString(16).padStart(8, '0');
}

export function tempPathFor(target: string): string {
  // Cut so that the temporary name stays within the 255-byte limit of common file systems.
  const base = cutToBytes(path.basename(target), 200);
  return path.join(path.dirname(target), `.${base}.tmp-${process.pid}-${nextTempSuffix()}`);
}

/** For a temporary file's name: the (possibly cut) name of the file it was replacing and the writer's pid. */
export function parseTempName(name: string): { target: string; pid: number } | undefined {
  const m = TEMP_NAME.exec(name);
  return m ? { target: m[1] ?? '', pid: Number(m[2]) } : undefined;
}

/** `data` into the new file `temp` (in `dir`), flushed to disk. */
export async function writeSynced(temp: string, dir: string, data: string | Uint8Array): Promise<void> {
  const handle = await openNew(temp, dir);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replace `target` with `data` atomically, creating missing parent directories.
 * A failed system call becomes `workspace.write-failed` (exit 4) naming the target.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  const temp = tempPathFor(target);
  try {
    await writeSynced(temp, dir, data);
    await fs.rename(temp, target);
    await fsyncDir(dir);
  } catch (err) {
    // The original failure is what the user needs to hear about; a temporary file that cannot be
    // removed either is harmless garbage that doctor reports.
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw ioFailure(err, 'write', target);
  }
}

/**
 * Create `file` (exclusively) in `dir`, creating `dir` and its parents only when the first attempt
 * finds it missing: the folder nearly always exists, and a mkdir per write is a system call (and,
 * with `recursive`, several) that a run storing 700 files pays 700 times.
 */
export async function openNew(file: string, dir: string): Promise<fs.FileHandle> {
  try {
    return await fs.open(file, 'wx');
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
  await makeDirs(dir);
  return fs.open(file, 'wx');
}
