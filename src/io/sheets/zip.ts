/**
 * Random access to the parts of a zip package (xlsx) within the reading limits of docs/file-formats.md#limits.
 * yauzl reads the central directory; inflating is done here rather than by yauzl so that the bytes
 * that really come out are counted against the limits (the directory's sizes can lie) and checked
 * against the directory's CRC-32, which yauzl does not check.
 *
 * A file of common size is read with one read and its small parts inflated in one call
 * (`inflated`): streams cost more than the inflating itself on a 60 KB order workbook (bench/README.md,
 * issue 20 session 6). Anything unusual about a part sends it down the streaming path, which says
 * what is wrong with the very messages it always gave.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import type * as Yauzl from 'yauzl';
import { InputError } from '../../core/errors.js';
import { oneLine } from './one-line.js';
import type { ReadLimits } from './types.js';

// yauzl is CommonJS: required, not imported. An import of it makes Node scan its source for the names
// it exports (cjs-module-lexer), which on every thread that reads a workbook — `order validate`'s
// workers each — cost a TurboFan compile of the scanner of ≈35 ms (bench/README.md, issue 20).
const yauzl = createRequire(import.meta.url)('yauzl') as typeof Yauzl;

export interface ZipPart {
  /** the entry name as stored (forward slashes) */
  name: string;
}

export interface ZipPackage {
  /** a part by name, ignoring case and a leading slash (writers disagree on both) */
  part(name: string): ZipPart | undefined;
  /** every part, in the order of the archive's directory */
  parts(): ZipPart[];
  /** the part's inflated bytes, checked against the limits, its declared size and its CRC-32 */
  chunks(part: ZipPart): AsyncGenerator<Buffer, void, undefined>;
  /** the whole part, for the small ones (workbook, relationships, styles) */
  readAll(part: ZipPart): Promise<Buffer>;
  /**
   * The whole part inflated in one call, when the file was read whole, the part declares at most
   * WHOLE_PART_BYTES and it is intact (sizes, limits, CRC-32); otherwise undefined, and `chunks`
   * reads it, refusing it if it is damaged.
   */
  inflated(part: ZipPart): Buffer | undefined;
  close(): void;
}

/** yauzl 3's raw-read option, missing from @types/yauzl 2.x. */
interface RawReadOptions {
  decodeFileData: false;
}

const MiB = 1024 * 1024;
/** Files up to this size are read whole: an order workbook is ≈ 60 KB, a big price list a few MiB. */
const WHOLE_FILE_BYTES = 32 * MiB;
/**
 * Parts up to this unpacked size may be inflated in one piece. Larger ones are streamed, so that a
 * 300,000-row sheet never sits in memory whole (bench/README.md, the 300k-row reader bench).
 */
const WHOLE_PART_BYTES = 8 * MiB;
/** The signature of a local file header, before each entry's data. */
const LOCAL_HEADER = 0x04034b50;

/**
 * Opens a zip within the limits: refuses an oversized file before opening it, and a directory that
 * declares more than the limits allow before inflating anything.
 */
export async function openZip(
  path: string,
  file: string,
  limits: ReadLimits,
  readWholeUpTo = WHOLE_FILE_BYTES,
): Promise<ZipPackage> {
  const stat = await statInput(path, file, limits);
  const held = stat.size <= readWholeUpTo ? readWhole(path, file) : undefined;
  const zf = await new Promise<Yauzl.ZipFile>((resolve, reject) => {
    const done = (err: Error | null, z: Yauzl.ZipFile) => {
      if (!err) resolve(z);
      else if ((err as NodeJS.ErrnoException).syscall) {
        reject(new InputError('reader.unreadable', { file, detail: err.message }, { cause: err }));
      } else reject(corrupt(file, err));
    };
    const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true };
    if (held) yauzl.fromBuffer(held, options, done);
    else yauzl.open(path, options, done);
  });
  let entries: Yauzl.Entry[];
  try {
    entries = await listEntries(zf, file);
  } catch (err) {
    zf.close();
    throw err;
  }

  const byName = new Map<string, ZipPart>();
  const entryOf = new Map<ZipPart, Yauzl.Entry>();
  let declared = 0;
  for (const entry of entries) {
    declared += entry.uncompressedSize;
    const part = { name: entry.fileName };
    const key = normalName(entry.fileName);
    // Two entries of one name make a package that readers take two ways (one the first, another the
    // last): a second sheet1.xml silently replaced the prices (issue 22). Ambiguous, so refused.
    if (byName.has(key)) {
      zf.close();
      throw corrupt(file, `the package holds two entries named ${entry.fileName}`);
    }
    byName.set(key, part);
    entryOf.set(part, entry);
  }
  const budget = unpackBudget(limits, stat.size);
  if (declared > budget.bytes) {
    zf.close();
    throw budget.refusal(file, declared);
  }

  async function* chunks(part: ZipPart): AsyncGenerator<Buffer, void, undefined> {
    const entry = entryOf.get(part);
    if (!entry) throw new Error(`not a part of this package: ${part.name}`);
    if (!zf.isOpen) throw new Error('the workbook is closed');
    if (entry.isEncrypted()) throw new InputError('reader.encrypted', { file });
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw corrupt(file, `${part.name}: unsupported compression method ${entry.compressionMethod}`);
    }
    const raw = await new Promise<Readable>((resolve, reject) => {
      const options: RawReadOptions = { decodeFileData: false };
      zf.openReadStream(entry, options as unknown as Yauzl.ZipFileOptions, (err, stream) => {
        if (err) reject(corrupt(file, `${part.name}: ${err.message}`));
        else resolve(stream);
      });
    });
    let source: Readable = raw;
    let inflate: zlib.InflateRaw | undefined;
    if (entry.compressionMethod === 8) {
      inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
      const target = inflate;
      raw.on('error', (err) => target.destroy(err));
      raw.pipe(target);
      source = target;
    }
    let count = 0;
    let crc = 0;
    let finished = false;
    try {
      try {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          count += chunk.length;
          // The whole package's declared size already passed; this stops a part whose entry lies.
          if (count > budget.bytes) throw budget.refusal(file, count);
          crc = crc32(chunk, crc);
          yield chunk;
        }
      } catch (err) {
        if (err instanceof InputError) throw err;
        throw corrupt(file, `${part.name}: ${(err as Error).message}`);
      }
      finished = true;
    } finally {
      if (!finished) {
        if (inflate) raw.unpipe(inflate);
        raw.destroy();
        inflate?.destroy();
      }
    }
    if (count !== entry.uncompressedSize) {
      throw corrupt(file, `${part.name}: ${count} bytes unpacked, the archive's directory says ${entry.uncompressedSize}`);
    }
    if (crc !== entry.crc32) throw corrupt(file, `${part.name}: checksum (CRC-32) mismatch`);
  }

  /** See ZipPackage.inflated: every check of `chunks`, or undefined for `chunks` to make them. */
  function inflated(part: ZipPart): Buffer | undefined {
    const entry = entryOf.get(part);
    if (!held || !entry || !zf.isOpen || entry.uncompressedSize > WHOLE_PART_BYTES || entry.isEncrypted()) return undefined;
    const at = entry.relativeOffsetOfLocalHeader;
    if (at + 30 > held.length || held.readUInt32LE(at) !== LOCAL_HEADER) return undefined;
    const start = at + 30 + held.readUInt16LE(at + 26) + held.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > held.length) return undefined;
    let bytes: Buffer;
    if (entry.compressionMethod === 0) bytes = Buffer.from(held.subarray(start, end));
    else if (entry.compressionMethod === 8) {
      try {
        // One byte more than the entry declares (the declared total is within the budget), so that a
        // part whose entry lies fails here instead of being cut short; and as the size of the output
        // buffer, so that the part comes out in one piece, not in 16 KiB pieces joined by a copy.
        const room = entry.uncompressedSize + 1;
        bytes = zlib.inflateRawSync(held.subarray(start, end), { maxOutputLength: room, chunkSize: Math.max(room, zlib.constants.Z_MIN_CHUNK) });
      } catch {
        return undefined;
      }
    } else return undefined;
    if (bytes.length !== entry.uncompressedSize || crc32(bytes, 0) !== entry.crc32) return undefined;
    return bytes;
  }

  return {
    part: (name) => byName.get(normalName(name)),
    parts: () => [...entryOf.keys()],
    chunks,
    async readAll(part) {
      const whole = inflated(part);
      if (whole) return whole;
      const list: Buffer[] = [];
      for await (const c of chunks(part)) list.push(c);
      return Buffer.concat(list);
    },
    inflated,
    close: () => zf.close(),
  };
}

/** The whole file in one read (it is within the size to read whole). */
function readWhole(path: string, file: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new InputError('reader.unreadable', { file, detail: (err as Error).message }, { cause: err });
  }
}

/**
 * The checks every input goes through before a byte of it is read: it exists, is a regular file,
 * is not empty and not over the size limit.
 */
export async function statInput(path: string, file: string, limits: ReadLimits): Promise<Stats> {
  let stat: Stats;
  try {
    // synchronous: a stat takes microseconds, its round trip through the thread pool far longer
    stat = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError('reader.not-found', { file }, { cause: err });
    throw new InputError('reader.unreadable', { file, detail: (err as Error).message }, { cause: err });
  }
  if (!stat.isFile()) throw new InputError('reader.not-a-file', { file });
  if (stat.size === 0) throw new InputError('reader.empty', { file });
  if (stat.size > limits.maxFileBytes) {
    throw new InputError('reader.too-large', { file, size: mib(stat.size), limit: mib(limits.maxFileBytes) });
  }
  return stat;
}

function listEntries(zf: Yauzl.ZipFile, file: string): Promise<Yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const out: Yauzl.Entry[] = [];
    zf.on('entry', (entry: Yauzl.Entry) => {
      out.push(entry);
      zf.readEntry();
    });
    zf.once('end', () => resolve(out));
    // Kept after 'end' on purpose: an 'error' with no listener would crash the process.
    zf.on('error', (err: Error) => reject(corrupt(file, err)));
    zf.readEntry();
  });
}

/**
 * How many unpacked bytes the package may come to: the smaller of the absolute limit and the ratio
 * to its packed size. A refusal names the absolute limit when that one is passed too.
 */
function unpackBudget(limits: ReadLimits, fileSize: number) {
  return {
    bytes: Math.min(limits.maxUnpackedBytes, limits.maxRatio * fileSize),
    refusal(file: string, unpacked: number): InputError {
      if (unpacked > limits.maxUnpackedBytes) {
        return new InputError('reader.zip-bomb', { file, unpacked: mib(unpacked), limit: mib(limits.maxUnpackedBytes) });
      }
      return new InputError('reader.zip-ratio', {
        file,
        ratio: Math.floor(unpacked / Math.max(fileSize, 1)),
        limit: limits.maxRatio,
      });
    },
  };
}

function normalName(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

export function corrupt(file: string, detail: unknown): InputError {
  // the detail may quote the file's own text (a cell value, a tag): it must not break the one-line message
  // and the message puts its own full stop after it («…truncated.. Откройте» otherwise)
  const text = oneLine(detail instanceof Error ? detail.message : String(detail), 300).replace(/\.+$/u, '');
  return new InputError('reader.corrupt', { file, detail: text }, detail instanceof Error ? { cause: detail } : undefined);
}

/** Sizes in messages: MiB with one decimal, as a person reads them. */
function mib(bytes: number): string {
  return (Math.round((bytes / MiB) * 10) / 10).toString();
}

type Crc32 = (data: Uint8Array, initial: number) => number;

// zlib.crc32 arrived in Node 20.15; the engines field admits earlier 20.x, which get the table
// (≈400 MB/s against ≈3 GB/s native, measured on 25 MB).
const nativeCrc32 = (zlib as unknown as { crc32?: Crc32 }).crc32;

let table: Int32Array | undefined;
function tableCrc32(data: Uint8Array, initial: number): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  const t = table;
  let c = ~initial;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 255]! ^ (c >>> 8);
  return ~c >>> 0;
}

export const crc32: Crc32 = nativeCrc32 ? (d, i) => nativeCrc32(d, i) : tableCrc32;
