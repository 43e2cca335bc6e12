/**
 * The one way commands open a spreadsheet. The format is decided by the content, not the name:
 * people rename files, and publishers send .xls that are really .xlsx and the other way round.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../core/errors.js';
import { DEFAULT_LIMITS } from './types.js';
import type { OpenOptions, Workbook } from './types.js';
import { openXlsx } from './xlsx-read.js';
import { convertOnce } from './convert.js';
import type { LegacyFormat } from './convert.js';
import { corrupt, statInput } from './zip.js';

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';
/** An encrypted OOXML package is an OLE2 compound file holding a stream of this name. */
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');
/** Names that promise an OOXML zip: anything else there is damage, not a CSV. */
const OOXML_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm']);

export async function openWorkbook(filePath: string, opts: OpenOptions = {}): Promise<Workbook> {
  const file = opts.displayName ?? filePath;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  await statInput(filePath, file, limits);
  const format = await sniffFormat(filePath, file);
  // The CSV reader (with its encodings and csv-parse) is loaded for a CSV only: the workers that check
  // 700 xlsx order files start without it (issue 20: start-up).
  if (format === 'csv') return (await import('./csv-read.js')).openCsv(filePath, opts);
  return format === 'xlsx' ? openXlsx(filePath, opts) : openConverted(filePath, format, opts);
}

export type SourceFormat = 'xlsx' | 'csv' | LegacyFormat;

/**
 * What a file is, by its first bytes: the one sniffer, used by the reader and by the annotated copy
 * (src/io/sheets/annotate.ts), so both take a file for the same thing. An encrypted workbook and a
 * damaged .xlsx are refused here.
 */
export async function sniffFormat(filePath: string, file = filePath): Promise<SourceFormat> {
  const head = await readHead(filePath, file, 512);
  if (isZip(head)) return isOds(head) ? 'ods' : 'xlsx';
  if (head.subarray(0, OLE2_MAGIC.length).equals(OLE2_MAGIC)) {
    if (await contains(filePath, file, ENCRYPTION_INFO)) throw new InputError('reader.encrypted', { file });
    return 'xls';
  }
  if (OOXML_EXTENSIONS.has(path.extname(filePath).toLowerCase())) {
    throw corrupt(file, 'the file is not a zip archive, which every .xlsx is');
  }
  return 'csv';
}

/** A converted copy for the annotated copy to rewrite: the same one the reader read (src/io/sheets/convert.ts convertOnce). */
export async function xlsxOf(filePath: string, file = filePath): Promise<string> {
  const format = await sniffFormat(filePath, file);
  return format === 'xls' || format === 'ods' ? convertOnce(filePath, { from: format, displayName: file }) : filePath;
}

function isZip(head: Buffer): boolean {
  // a local file header, or the end record of an empty archive
  return head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

/** OpenDocument requires an uncompressed `mimetype` entry first in the zip (ODF 1.2 part 3, §3.3). */
function isOds(head: Buffer): boolean {
  if (head.length < 30) return false;
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  if (head.toString('latin1', 30, 30 + nameLength) !== 'mimetype') return false;
  const start = 30 + nameLength + extraLength;
  return head.toString('latin1', start, start + ODS_MIMETYPE.length) === ODS_MIMETYPE;
}

async function openConverted(filePath: string, from: LegacyFormat, opts: OpenOptions): Promise<Workbook> {
  const file = opts.displayName ?? filePath;
  // Kept until the process ends, so that an annotated copy rewrites this very conversion.
  const converted = await convertOnce(filePath, { from, displayName: file });
  // What LibreOffice made is held to the same limits as a file the user gave.
  await statInput(converted, file, { ...DEFAULT_LIMITS, ...opts.limits });
  return { ...(await openXlsx(converted, { ...opts, displayName: file })), convertedFrom: from };
}

async function readHead(filePath: string, file: string, size: number): Promise<Buffer> {
  try {
    // synchronous: 512 bytes take microseconds, three round trips through the thread pool far longer
    // (3.5 % of order validate's processor time; bench/README.md, issue 20 session 6)
    const fd = fs.openSync(filePath, 'r');
    try {
      const buf = Buffer.alloc(size);
      const bytesRead = fs.readSync(fd, buf, 0, size, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    throw new InputError('reader.unreadable', { file, detail: (err as Error).message }, { cause: err });
  }
}

/** Whether the file's bytes contain `needle`, read in chunks (the file is within the size limit). */
async function contains(filePath: string, file: string, needle: Buffer): Promise<boolean> {
  let carry = Buffer.alloc(0);
  try {
    for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      if (data.includes(needle)) return true;
      carry = Buffer.from(data.subarray(Math.max(0, data.length - needle.length + 1)));
    }
  } catch (err) {
    throw new InputError('reader.unreadable', { file, detail: (err as Error).message }, { cause: err });
  }
  return false;
}
