/**
 * The fuzzer's view of an xlsx: its parts as plain bytes (read from the central directory, inflated
 * with zlib), so that parts can be shuffled, dropped, duplicated or edited and the package written
 * again by the fixtures' zip writer — with correct sizes and CRCs, so the reader gets past the zip
 * layer and has to cope with the XML itself.
 */
import zlib from 'node:zlib';
import { zipBuffer, type ZipEntrySpec } from '../../support/xlsx-fixtures.js';

export interface Part {
  name: string;
  data: Buffer;
}

const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** The parts of a well-formed zip (the seeds: fixtures and real files, never a mutated one). */
export function unzip(buf: Buffer): Part[] {
  const eocd = buf.lastIndexOf(EOCD);
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const parts: Part[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(off) !== 0x02014b50) throw new Error(`not a zip: bad central directory entry ${i}`);
    const method = buf.readUInt16LE(off + 10);
    const packed = buf.readUInt32LE(off + 20);
    const nameLength = buf.readUInt16LE(off + 28);
    const extraLength = buf.readUInt16LE(off + 30);
    const commentLength = buf.readUInt16LE(off + 32);
    const local = buf.readUInt32LE(off + 42);
    const name = buf.toString('utf8', off + 46, off + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + packed);
    const data = method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
    if (!name.endsWith('/')) parts.push({ name, data });
    off += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

/** A package of these parts, deflated (or stored), sizes and CRCs true. */
export function rezip(parts: Part[], store = false): Buffer {
  return zipBuffer(parts.map((p): ZipEntrySpec => ({ name: p.name, data: p.data, store })));
}
