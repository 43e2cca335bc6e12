/**
 * A minimal zip writer (PKWARE APPNOTE 6.3: local headers, central directory, end record; stored or
 * deflated entries, CRC-32, UTF-8 names with flag bit 11; no zip64). Two uses: the xlsx packages of
 * generated documents, built in memory (`zipBuffer`), and archives of many files appended one entry at
 * a time to a file (`ZipFileWriter`) so that an archive of thousands of workbooks is never in memory.
 *
 * exceljs's writer costs ≈60 ms per small workbook (docs/library-pitfalls.md#p12); a package of a few XML parts
 * deflated here costs well under a millisecond.
 */
import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { crc32 } from './zip.js';

/** An entry ready to be written: compressed once, written into as many packages as need it. */
export interface ZipEntry {
  name: Buffer;
  method: 0 | 8;
  crc: number;
  size: number;
  data: Buffer;
}

const LIMIT = 0xffffffff;

/** Compresses `data` (deflate, or stored when `store` or when deflating does not make it smaller). */
export function zipEntry(name: string, data: Buffer | string, opts: { store?: boolean; level?: number } = {}): ZipEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (bytes.length >= LIMIT) throw new RangeError(`zip entry ${name} is too large for a zip without zip64`);
  const crc = crc32(bytes, 0);
  if (!opts.store) {
    const deflated = zlib.deflateRawSync(bytes, { level: opts.level ?? 6 });
    if (deflated.length < bytes.length) return { name: Buffer.from(name, 'utf8'), method: 8, crc, size: bytes.length, data: deflated };
  }
  return { name: Buffer.from(name, 'utf8'), method: 0, crc, size: bytes.length, data: bytes };
}

/** MS-DOS date and time of `d` in local time, as zip stores them (2-second resolution, from 1980). */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

const UTF8_FLAG = 0x0800;

function localHeader(e: ZipEntry, when: { time: number; date: number }): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(e.method === 8 ? 20 : 10, 4);
  h.writeUInt16LE(UTF8_FLAG, 6);
  h.writeUInt16LE(e.method, 8);
  h.writeUInt16LE(when.time, 10);
  h.writeUInt16LE(when.date, 12);
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(e.data.length, 18);
  h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(e.name.length, 26);
  h.writeUInt16LE(0, 28);
  return h;
}

function centralHeader(e: ZipEntry, when: { time: number; date: number }, offset: number): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, spec 2.0
  h.writeUInt16LE(e.method === 8 ? 20 : 10, 6);
  h.writeUInt16LE(UTF8_FLAG, 8);
  h.writeUInt16LE(e.method, 10);
  h.writeUInt16LE(when.time, 12);
  h.writeUInt16LE(when.date, 14);
  h.writeUInt32LE(e.crc, 16);
  h.writeUInt32LE(e.data.length, 20);
  h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(e.name.length, 28);
  // extra length, comment length, disk number, internal attributes: 0
  h.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
  h.writeUInt32LE(offset, 42);
  return h;
}

function endRecord(count: number, size: number, offset: number): Buffer {
  if (count > 0xffff || offset > LIMIT || size > LIMIT) throw new RangeError('zip archive too large for a zip without zip64');
  const h = Buffer.alloc(22);
  h.writeUInt32LE(0x06054b50, 0);
  h.writeUInt16LE(count, 8);
  h.writeUInt16LE(count, 10);
  h.writeUInt32LE(size, 12);
  h.writeUInt32LE(offset, 16);
  return h;
}

/** A whole zip package in memory, entries in the given order. */
export function zipBuffer(entries: readonly ZipEntry[], when: Date = new Date()): Buffer {
  const dos = dosDateTime(when);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = localHeader(e, dos);
    central.push(centralHeader(e, dos, offset), e.name);
    parts.push(local, e.name, e.data);
    offset += local.length + e.name.length + e.data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  return Buffer.concat([...parts, ...central, endRecord(entries.length, centralSize, offset)]);
}

/**
 * An archive written to a file entry by entry; only the central directory (≈100 bytes per entry) is
 * kept until `close`. The file is flushed to disk on close.
 */
export class ZipFileWriter {
  private offset = 0;
  private readonly central: Buffer[] = [];
  private count = 0;
  private readonly dos = dosDateTime(new Date());

  private constructor(private readonly handle: fs.FileHandle) {}

  static async create(file: string): Promise<ZipFileWriter> {
    return new ZipFileWriter(await fs.open(file, 'wx'));
  }

  async add(entry: ZipEntry): Promise<void> {
    const local = localHeader(entry, this.dos);
    this.central.push(centralHeader(entry, this.dos, this.offset), entry.name);
    const chunk = Buffer.concat([local, entry.name, entry.data]);
    await this.handle.write(chunk, 0, chunk.length, this.offset);
    this.offset += chunk.length;
    this.count++;
    if (this.offset > LIMIT) throw new RangeError('zip archive too large for a zip without zip64');
  }

  async close(): Promise<void> {
    try {
      const dir = Buffer.concat(this.central);
      const tail = Buffer.concat([dir, endRecord(this.count, dir.length, this.offset)]);
      await this.handle.write(tail, 0, tail.length, this.offset);
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  /** Closes the file without finishing the archive (the caller removes it). */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
