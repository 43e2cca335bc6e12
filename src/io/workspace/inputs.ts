/**
 * Original input files kept by content: `inputs/<sha256><.ext>` with a sidecar
 * `inputs/<sha256>.meta.json` naming the file as it arrived. The same bytes are stored once,
 * however often and under whatever name they are loaded.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { openNew, tempPathFor, writeFileAtomic, writeSynced } from './atomic.js';
import { errnoCode, fsyncDir, ioFailure, isErrno, isoWithOffset } from './io.js';
import { INPUTS_DIR, resolveInside } from './paths.js';
import { SCHEMA_VERSION, readVersionedFile } from './schema.js';

export const inputMetaSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** workspace-relative path of the stored copy */
  stored: z.string(),
  /** the file's name when it was first loaded */
  original_name: z.string(),
  size: z.number().int().nonnegative(),
  stored_at: z.string(),
});
export type InputMeta = z.infer<typeof inputMetaSchema>;

/** An input file's bytes and their sha256 (made by {@link readInput}). */
export interface InputContent {
  readonly content: Buffer;
  readonly sha256: string;
}

export interface StoredInput {
  sha256: string;
  /** workspace-relative path of the stored copy, `inputs/<sha256>.xlsx` */
  stored: string;
  size: number;
  /** the same content was already stored: nothing changed */
  existed: boolean;
}

/** File names in `inputs/`: a stored copy, and its sidecar. */
export const STORED_INPUT_NAME = /^([0-9a-f]{64})(\.[a-z0-9]{1,10})?$/;
export const INPUT_META_NAME = /^([0-9a-f]{64})\.meta\.json$/;

export function inputMetaRelativePath(sha256: string): string {
  return `${INPUTS_DIR}/${sha256}.meta.json`;
}

function extensionOf(originalName: string): string {
  const ext = path.extname(originalName).toLowerCase();
  return /^\.[a-z0-9]{1,10}$/.test(ext) ? ext : '';
}

const CHUNK_BYTES = 1 << 20;

/**
 * Copy `srcPath` into `inputs/` of `root`, hashing while copying. The copy is complete on disk
 * before it takes its final name, and the sidecar is written after it, so a crash leaves either
 * nothing, a temporary file, or a copy without sidecar (which storing the file again completes).
 * A source that cannot be read is an InputError (exit 3).
 *
 * `read`, when given, is the file as {@link readInput} read it (by a caller that needed its hash
 * first): those bytes are stored instead of reading `srcPath` again, and nothing is written when
 * the same bytes are already stored.
 *
 * Safe to call several times at once in one process (`order submit` stores files concurrently):
 * temporary names never collide, and stores of the same content take their turns, so the second
 * finds the first's copy as it would have one after the other.
 */
export async function storeInput(root: string, srcPath: string, originalName: string, timezone?: string, read?: InputContent): Promise<StoredInput> {
  const dir = resolveInside(root, INPUTS_DIR);
  let temp: string | undefined;
  try {
    let sha256: string;
    let size: number;
    if (read) {
      ({ sha256 } = read);
      size = read.content.byteLength;
    } else {
      temp = tempPathFor(path.join(dir, 'incoming'));
      ({ sha256, size } = await copyHashing(srcPath, temp, dir));
    }
    return await oneAtATime(`${dir}\n${sha256}`, async () => {
      const metaFile = resolveInside(root, inputMetaRelativePath(sha256));
      const known = readVersionedFile(metaFile, inputMetaSchema);
      if (known && (await sizeOf(resolveInside(root, known.stored))) === size) {
        return { sha256, stored: known.stored, size, existed: true };
      }
      if (temp === undefined) {
        temp = tempPathFor(path.join(dir, 'incoming'));
        await writeSynced(temp, dir, read!.content);
      }
      const stored = `${INPUTS_DIR}/${sha256}${extensionOf(originalName)}`;
      await fsp.rename(temp, resolveInside(root, stored));
      temp = undefined;
      await fsyncDir(dir);
      const meta: InputMeta = { sha256, stored, original_name: originalName, size, stored_at: isoWithOffset(new Date(), timezone) };
      await writeFileAtomic(metaFile, JSON.stringify({ schema: SCHEMA_VERSION, ...meta }, null, 2) + '\n');
      return { sha256, stored, size, existed: false };
    });
  } catch (err) {
    throw ioFailure(err, 'write', dir);
  } finally {
    // Renamed into place, it is no longer there to remove.
    if (temp !== undefined) await fsp.rm(temp, { force: true });
  }
}

/** Tails of the stores in progress, by folder and content: one store of the same bytes at a time. */
const storing = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = storing.get(key);
  const mine = (before ?? Promise.resolve()).then(fn, fn);
  const tail = mine.catch(() => undefined);
  storing.set(key, tail);
  try {
    return await mine;
  } finally {
    if (storing.get(key) === tail) storing.delete(key);
  }
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await fsp.stat(file)).size;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
}

/**
 * The sha256 a file would be stored under, without storing it: commands compare it with what they
 * stored before to tell a file already loaded from a new one.
 */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    // A megabyte a read, not the stream's 64 KiB: each read is a round trip through the thread pool,
    // and a country's consolidation is 1.6 GB (1.7–2.2 s → 1.1 s to hash, bench/README.md).
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch (err) {
    throw unreadable(file, err);
  }
  return hash.digest('hex');
}

/**
 * A file's bytes and their sha256, read once: `order submit` compares the hash with the school's
 * stored versions and then stores these very bytes (storeInput's `content`), so the copy kept is
 * the content that was compared. A file that cannot be read is an InputError (exit 3), as in
 * {@link fileSha256}.
 */
export async function readInput(file: string): Promise<InputContent> {
  let content: Buffer;
  try {
    content = await fsp.readFile(file);
  } catch (err) {
    throw unreadable(file, err);
  }
  return { content, sha256: createHash('sha256').update(content).digest('hex') };
}

/** A failed read of the user's file is theirs to fix (exit 3); anything else is thrown as it is. */
function unreadable(file: string, err: unknown): unknown {
  return errnoCode(err) === undefined ? err : new InputError('workspace.input-unreadable', { file, code: errnoCode(err) }, { cause: err });
}

async function copyHashing(srcPath: string, temp: string, dir: string): Promise<{ sha256: string; size: number }> {
  let source: fsp.FileHandle;
  try {
    source = await fsp.open(srcPath, 'r');
  } catch (err) {
    throw unreadable(srcPath, err);
  }
  const hash = createHash('sha256');
  let size = 0;
  try {
    const target = await openNew(temp, dir);
    try {
      const buffer = Buffer.alloc(CHUNK_BYTES);
      for (;;) {
        let bytesRead: number;
        try {
          ({ bytesRead } = await source.read(buffer, 0, CHUNK_BYTES, null));
        } catch (err) {
          throw unreadable(srcPath, err);
        }
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        size += bytesRead;
        // writeFile on a handle writes all of it from the current position, unlike a single write().
        await target.writeFile(chunk);
      }
      await target.sync();
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
  return { sha256: hash.digest('hex'), size };
}
