/**
 * A folder of outputs replaced as a whole: built in a hidden sibling (`.DIR.export-<pid>-<hex>`), then
 * swapped into place by renames, so that a command killed at any moment leaves the previous folder or
 * the new one, never a mix of both (issue 22: a killed `consolidate` left new and old workbooks side by
 * side). The specification package, the contracts and the consolidation workbooks are written so.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir, pidAlive } from './io.js';

// `.DIR.export-<pid>-<hex>` while a package is built, `.DIR.old-<pid>-<hex>` while the previous one is swapped out.
export function siblingName(base: string, kind: 'export' | 'old'): string {
  return `.${base}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** The names in DIR's parent folder (none when it cannot be read). */
async function siblings(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(path.dirname(dir));
  } catch {
    return [];
  }
}

/** Removes the building folders of exports into `dir` whose process is gone (killed mid-export). */
export async function removeStale(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  for (const name of await siblings(dir)) {
    if (!name.startsWith(`.${base}.`)) continue;
    const m = /\.(?:export|old)-(\d+)-[0-9a-f]{8}$/u.exec(name);
    if (m && name === `.${base}${m[0]}` && !pidAlive(Number(m[1]))) await fsp.rm(path.join(parent, name), { recursive: true, force: true });
  }
}

/**
 * Puts back the previous package when an export was killed in the middle of swapping its package into
 * place (between renaming DIR aside and renaming the new package to DIR): DIR is then missing and the
 * previous package waits under `.DIR.old-<pid>-<hex>` of a process that is gone. Without this, the next
 * run would take that folder for garbage and delete it, and the previous package would be lost.
 * `isPrevious` tells a folder the command wrote (its manifest, its record) from anything else.
 */
export async function restoreInterruptedSwap(dir: string, isPrevious: (folder: string) => boolean): Promise<void> {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  const left = (await siblings(dir))
    .map((name) => ({ name, m: /\.old-(\d+)-[0-9a-f]{8}$/u.exec(name) }))
    .filter(({ name, m }) => m && name === `.${base}${m[0]}` && !pidAlive(Number(m[1])))
    .map(({ name }) => path.join(parent, name))
    .filter(isPrevious)
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  const newest = left[0];
  if (newest === undefined) return;
  try {
    await fsp.rename(newest, dir);
    await fsyncDir(parent);
  } catch {
    // Another export got there first; its package is the one to keep.
  }
}

/** A new file (never over an existing one), synced before it is closed. */
export async function writeNew(file: string, data: Buffer | string): Promise<void> {
  const handle = await fsp.open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Workbook files written a few at a time: each write ends with an fsync, and waiting for the disk one
 * file at a time would leave the processor idle (a quarter of the time on the 3,500-file bench).
 * Never more than `limit` workbooks are held waiting to be written.
 */
export class WriteQueue {
  private readonly pending = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly limit: number) {}

  async add(file: string, data: Buffer): Promise<void> {
    this.check();
    const p: Promise<void> = writeNew(file, data)
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
    if (this.pending.size >= this.limit) await Promise.race(this.pending);
    this.check();
  }

  /** Waits for every write; throws the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.pending);
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure.error;
  }
}

/** The finished package replaces DIR: the old one is renamed aside first and removed after. */
export async function swapIntoPlace(staging: string, out: string): Promise<void> {
  const parent = path.dirname(out);
  if (fs.existsSync(out)) {
    const old = path.join(parent, siblingName(path.basename(out), 'old'));
    await fsp.rename(out, old);
    await fsp.rename(staging, out);
    await fsyncDir(parent);
    await fsp.rm(old, { recursive: true, force: true });
  } else {
    await fsp.rename(staging, out);
    await fsyncDir(parent);
  }
}
