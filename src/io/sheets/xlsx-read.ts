/**
 * The xlsx reader: yauzl for the package, zlib for inflating, a TextDecoder in streaming mode so a
 * Cyrillic character split between two inflated chunks stays whole (the exceljs stream reader
 * breaks it — docs/library-pitfalls.md#p1), and the scanner of xml-scan.ts for the sheet and shared strings.
 * A sheet part of up to 8 MiB in a file of up to 32 MiB is inflated, decoded and scanned at once
 * (src/io/sheets/zip.ts `inflated`); larger ones are streamed, and then only the shared strings and
 * the small parts are held in memory.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import path from 'node:path';
import { InputError } from '../../core/errors.js';
import { columnIndex } from '../../core/finding.js';
import { DEFAULT_LIMITS } from './types.js';
import type { Merge, OpenOptions, ReadLimits, SheetHandle, SheetInfo, SheetRow, Workbook } from './types.js';
import { oneLine } from './one-line.js';
import { corrupt, openZip } from './zip.js';
import type { ZipPackage, ZipPart } from './zip.js';
import { SharedStringsScanner, SheetScanner, XmlFormatError, elements, rootPrefix } from './xml-scan.js';
import type { SheetContext } from './xml-scan.js';
import { parseDateStyles } from './xlsx-styles.js';

interface SheetEntry extends SheetInfo {
  /** the zip part holding the sheet, or undefined when the workbook points nowhere */
  part: ZipPart | undefined;
}

export async function openXlsx(filePath: string, opts: OpenOptions = {}): Promise<Workbook> {
  const file = opts.displayName ?? filePath;
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const zip = await openZip(filePath, file, limits, opts.readWholeUpTo);
  try {
    const { sheets, context } = await readWorkbook(zip, file);
    return {
      file,
      format: 'xlsx',
      sheets: sheets.map(({ name, index, hidden }) => ({ name, index, hidden })),
      sheet: async (which) => openSheet(zip, file, limits, context, pick(sheets, which, file)),
      close: async () => zip.close(),
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}

async function readWorkbook(zip: ZipPackage, file: string): Promise<{ sheets: SheetEntry[]; context: SheetContext }> {
  const workbookName = await officeDocument(zip, file);
  const workbookPart = zip.part(workbookName);
  if (!workbookPart) throw new InputError('reader.not-xlsx', { file });
  const workbookXml = await readText(zip, workbookPart, file);
  const rels = await relationships(zip, workbookName, file);

  const sheets: SheetEntry[] = [];
  for (const el of elements(workbookXml, 'sheet')) {
    const name = el.attrs.get('name') ?? '';
    const state = el.attrs.get('state');
    let rid: string | undefined;
    for (const [k, v] of el.attrs) if (k === 'id' || k.endsWith(':id')) rid = v;
    const target = rid === undefined ? undefined : rels.get(rid)?.target;
    sheets.push({
      name,
      index: sheets.length,
      hidden: state === 'hidden' || state === 'veryHidden',
      part: target === undefined ? undefined : zip.part(target),
    });
  }
  if (sheets.length === 0) throw corrupt(file, 'the workbook lists no sheets');
  let date1904 = false;
  for (const el of elements(workbookXml, 'workbookPr')) {
    const v = el.attrs.get('date1904');
    date1904 = v === '1' || v === 'true';
  }

  const related = (type: string, fallback: string): ZipPart | undefined => {
    for (const rel of rels.values()) if (rel.type.endsWith(`/${type}`)) return zip.part(rel.target);
    return zip.part(fallback);
  };
  const dir = path.posix.dirname(workbookName);
  const stylesPart = related('styles', resolveTarget(dir, 'styles.xml'));
  const dateStyles = stylesPart ? parseDateStyles(await readText(zip, stylesPart, file)) : [];
  const sstPart = related('sharedStrings', resolveTarget(dir, 'sharedStrings.xml'));
  const sst = sstPart ? await sharedStrings(zip, sstPart, file) : [];
  return { sheets, context: { sst, dateStyles, date1904 } };
}

/** The workbook part named by the package relationships (normally xl/workbook.xml). */
async function officeDocument(zip: ZipPackage, file: string): Promise<string> {
  const rootRels = zip.part('_rels/.rels');
  if (rootRels) {
    for (const el of elements(await readText(zip, rootRels, file), 'Relationship')) {
      const type = el.attrs.get('Type') ?? '';
      const target = el.attrs.get('Target');
      if (type.endsWith('/officeDocument') && target) {
        const name = resolveTarget('', target);
        if (zip.part(name)) return name;
      }
    }
  }
  return 'xl/workbook.xml';
}

async function relationships(
  zip: ZipPackage,
  partName: string,
  file: string,
): Promise<Map<string, { type: string; target: string }>> {
  const dir = path.posix.dirname(partName);
  const relsPart = zip.part(`${dir === '.' ? '' : dir + '/'}_rels/${path.posix.basename(partName)}.rels`);
  const out = new Map<string, { type: string; target: string }>();
  if (!relsPart) return out;
  for (const el of elements(await readText(zip, relsPart, file), 'Relationship')) {
    const id = el.attrs.get('Id');
    const target = el.attrs.get('Target');
    if (!id || !target || el.attrs.get('TargetMode') === 'External') continue;
    out.set(id, { type: el.attrs.get('Type') ?? '', target: resolveTarget(dir, target) });
  }
  return out;
}

/** A relationship target as a part name: absolute (`/xl/…`) or relative to the source part's folder. */
function resolveTarget(baseDir: string, target: string): string {
  let t = target;
  if (t.includes('%')) {
    try {
      t = decodeURI(t);
    } catch {
      // not percent-encoding after all: the name is taken literally
    }
  }
  const joined = t.startsWith('/') ? t : path.posix.join(baseDir === '.' ? '' : baseDir, t);
  return path.posix.normalize(joined).replace(/^(\.\/|\/)+/, '');
}

function pick(sheets: SheetEntry[], which: string | number | undefined, file: string): SheetEntry {
  let found: SheetEntry | undefined;
  if (which === undefined) found = sheets.find((s) => !s.hidden) ?? sheets[0];
  else if (typeof which === 'number') found = sheets[which];
  else {
    // Excel treats sheet names case-insensitively; an exact match still wins
    found = sheets.find((s) => s.name === which) ?? sheets.find((s) => s.name.toLowerCase() === which.trim().toLowerCase());
  }
  if (!found) {
    throw new InputError('reader.sheet-not-found', {
      file,
      sheet: which === undefined ? '' : String(which),
      sheets: sheets.map((s) => `«${oneLine(s.name, 60)}»`).join(', '),
    });
  }
  return found;
}

async function openSheet(
  zip: ZipPackage,
  file: string,
  limits: ReadLimits,
  context: SheetContext,
  sheet: SheetEntry,
): Promise<SheetHandle> {
  const part = sheet.part;
  if (!part) throw corrupt(file, `the part of sheet «${sheet.name}» is missing`);
  // A sheet inflated in one piece is read once for its merges and its rows; otherwise the merge
  // pre-pass streams the part once more (see scanMerges).
  const whole = zip.inflated(part);
  const merges = await scanMerges(whole ? [whole] : zip.chunks(part), file, part);
  const stream = () => streamRows(zip, part, file, sheet.name, limits, context);
  return {
    name: sheet.name,
    merges,
    findings: [],
    rows: () => (whole ? wholeRows(whole, limits, context, stream) : stream()),
  };
}

/**
 * The rows of a sheet inflated in one piece, read from its text up to </sheetData>; or, when
 * anything about it is unusual (bytes that are not UTF-8, no end of the rows, damage, too many
 * rows), the streaming reader's, which reads the part and says what is wrong as it always has.
 * The rows read at once are handed out by a plain iterator: an async generator's `yield*` over
 * them cost more than scanning them (bench/README.md, issue 20 session 6).
 */
function wholeRows(
  bytes: Buffer,
  limits: ReadLimits,
  context: SheetContext,
  stream: () => AsyncGenerator<SheetRow, void, undefined>,
): AsyncIterable<SheetRow> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<SheetRow> {
      const rows = rowsAtOnce(bytes, limits, context);
      if (!rows) return stream();
      let next = 0;
      return {
        next: async () => (next < rows.length ? { value: rows[next++]!, done: false } : { value: undefined, done: true }),
      };
    },
  };
}

function rowsAtOnce(bytes: Buffer, limits: ReadLimits, context: SheetContext): SheetRow[] | undefined {
  // the whole part is checked, as the streaming reader may decode past </sheetData>
  if (!isUtf8(bytes)) return undefined;
  const prefix = rootPrefixOf(bytes);
  if (prefix === undefined) return undefined;
  const close = `</${prefix}sheetData>`;
  const at = bytes.lastIndexOf(close, undefined, 'latin1');
  if (at < 0) return undefined;
  const upToEnd = bytes.subarray(0, at + close.length);
  // Rows of shared strings and numbers are ASCII: a one-byte string, copied without decoding.
  const text = isAscii(upToEnd) ? upToEnd.toString('latin1') : upToEnd.toString('utf8');
  const scanner = new SheetScanner(context);
  const rows: SheetRow[] = [];
  try {
    scanner.push(text, rows);
  } catch {
    return undefined;
  }
  // Stopped before the cut: it read exactly what it would have read of the whole part.
  return scanner.done && scanner.rowsSeen <= limits.maxRows ? rows : undefined;
}

async function* streamRows(
  zip: ZipPackage,
  part: ZipPart,
  file: string,
  sheetName: string,
  limits: ReadLimits,
  context: SheetContext,
): AsyncGenerator<SheetRow, void, undefined> {
  const scanner = new SheetScanner(context);
  const decoder = new PartDecoder();
  const batch: SheetRow[] = [];
  try {
    for await (const chunk of zip.chunks(part)) {
      scanner.push(decoder.write(chunk), batch);
      if (scanner.rowsSeen > limits.maxRows) {
        throw new InputError('reader.too-many-rows', { file, sheet: oneLine(sheetName), limit: limits.maxRows });
      }
      for (const row of batch) yield row;
      batch.length = 0;
      // Nothing after </sheetData> is rows; the merge pre-pass has already checked the whole part.
      if (scanner.done) return;
    }
    scanner.push(decoder.end(), batch);
    for (const row of batch) yield row;
    scanner.finish();
  } catch (err) {
    throw readError(err, file, part);
  }
}

/**
 * `<mergeCells>` stands after `<sheetData>`, but merges must be known before the rows, so a streamed
 * part is inflated once more without being parsed. The tags looked for are ASCII, and no byte of a
 * multi-byte UTF-8 character is ASCII, so the bytes are searched directly (latin1) without decoding.
 */
async function scanMerges(chunks: Iterable<Buffer> | AsyncIterable<Buffer>, file: string, part: ZipPart): Promise<Merge[]> {
  let prefix: string | undefined;
  let open: Buffer | undefined;
  let carry = Buffer.alloc(0);
  let found: string | undefined;
  let done = false;
  try {
    for await (const chunk of chunks) {
      // The whole part is read even after </mergeCells>: that is what checks its CRC and size.
      if (done) continue;
      if (found !== undefined) {
        found += chunk.toString('latin1');
      } else {
        const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        if (prefix === undefined) {
          prefix = rootPrefixOf(data);
          if (prefix === undefined) {
            carry = Buffer.from(data);
            continue;
          }
          open = Buffer.from(`<${prefix}mergeCells`, 'latin1');
        }
        const at = data.indexOf(open!);
        if (at >= 0) found = data.toString('latin1', at);
        else carry = Buffer.from(data.subarray(Math.max(0, data.length - open!.length)));
      }
      if (found !== undefined && /<\/(?:[\w.-]+:)?mergeCells>|<(?:[\w.-]+:)?mergeCells[^>]*\/>/.test(found)) done = true;
    }
  } catch (err) {
    throw readError(err, file, part);
  }
  if (found === undefined) return [];
  const merges: Merge[] = [];
  for (const el of elements(found, 'mergeCell')) {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(el.attrs.get('ref') ?? '');
    if (!m || m[3] === undefined) continue;
    const a = { row: Number(m[2]), col: columnIndex(m[1]!) };
    const b = { row: Number(m[4]), col: columnIndex(m[3]) };
    merges.push({
      top: Math.min(a.row, b.row),
      bottom: Math.max(a.row, b.row),
      left: Math.min(a.col, b.col),
      right: Math.max(a.col, b.col),
    });
  }
  return merges;
}

async function sharedStrings(zip: ZipPackage, part: ZipPart, file: string): Promise<string[]> {
  const scanner = new SharedStringsScanner();
  const whole = zip.inflated(part);
  try {
    if (whole) scanner.push(PartDecoder.whole(whole));
    else {
      const decoder = new PartDecoder();
      for await (const chunk of zip.chunks(part)) scanner.push(decoder.write(chunk));
      scanner.push(decoder.end());
    }
    scanner.finish();
  } catch (err) {
    throw readError(err, file, part);
  }
  return scanner.strings;
}

async function readText(zip: ZipPackage, part: ZipPart, file: string): Promise<string> {
  try {
    return PartDecoder.whole(await zip.readAll(part));
  } catch (err) {
    throw readError(err, file, part);
  }
}

/**
 * Decodes a part chunk by chunk, carrying a character split between chunks over to the next one.
 * XML parts are UTF-8 unless they start with a UTF-16 byte order mark. Invalid bytes are an error,
 * not «�»: a silently altered publisher name is worse than a refusal.
 */
class PartDecoder {
  private decoder: TextDecoder | undefined;

  /** A whole part at once: Node's fast path, which a decoder in streaming mode never takes. */
  static whole(bytes: Buffer): string {
    return PartDecoder.for(bytes).decode(bytes);
  }

  private static for(first: Buffer): TextDecoder {
    const utf16 = first.length >= 2 && first[0] === 0xff && first[1] === 0xfe;
    return new TextDecoder(utf16 ? 'utf-16le' : 'utf-8', { fatal: true });
  }

  write(chunk: Buffer): string {
    this.decoder ??= PartDecoder.for(chunk);
    return this.decoder.decode(chunk, { stream: true });
  }

  end(): string {
    return this.decoder ? this.decoder.decode() : '';
  }
}

/** rootPrefix of bytes: the root's name stands near the start, unless a long prologue comes first. */
function rootPrefixOf(data: Buffer): string | undefined {
  const HEAD = 4096;
  return rootPrefix(data.toString('latin1', 0, HEAD)) ?? (data.length > HEAD ? rootPrefix(data.toString('latin1')) : undefined);
}

function isInvalidText(err: unknown): boolean {
  return err instanceof TypeError && (err as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA';
}

function readError(err: unknown, file: string, part: ZipPart): unknown {
  if (err instanceof InputError) return err;
  if (err instanceof XmlFormatError) return corrupt(file, `${part.name}: ${err.message}`);
  if (isInvalidText(err)) {
    return corrupt(file, `${part.name}: not valid UTF-8 text`);
  }
  return err;
}
