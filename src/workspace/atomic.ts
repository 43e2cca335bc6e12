/**
 * Atomic replacement of a file: the new content goes to a temporary file in the same directory,
 * is flushed to disk, and is renamed over the target; the directory is flushed so the rename
 * survives a power cut. Readers see the old file or the new one, never a mixture, and a process
 * killed at any moment leaves at most a temporary file, which `doctor` reports and can remove.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir, ioFailure } from './io.js';
import { cutToBytes } from './paths.js';

// The writer's pid in the name tells a leftover of a dead process from a write in progress.
const TEMP_NAME = /^\.(.*)\.tmp-(\d+)-[0-9a-f]{8}$/s;

export function tempPathFor(target: string): string {
  // Cut so that the temporary name stays within the 255-byte limit of common file systems.
  const base = cutToBytes(path.basename(target), 200);
  return path.join(path.dirname(target), `.${base}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** For a temporary file's name: the (possibly cut) name of the file it was replacing and the writer's pid. */
export function parseTempName(name: string): { target: string; pid: number } | undefined {
  const m = TEMP_NAME.exec(name);
  return m ? { target: m[1] ?? '', pid: Number(m[2]) } : undefined;
}

/**
 * Replace `target` with `data` atomically, creating missing parent directories.
 * A failed system call becomes `workspace.write-failed` (exit 4) naming the target.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  const temp = tempPathFor(target);
  try {
    await fs.mkdir(dir, { recursive: true });
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    await fsyncDir(dir);
  } catch (err) {
    // The original failure is what the user needs to hear about; a temporary file that cannot be
    // removed either is harmless garbage that doctor reports.
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw ioFailure(err, 'write', target);
  }
}
