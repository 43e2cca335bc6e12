/**
 * SpreadsheetML written by hand: the cells, the hidden data sheet, the package around the sheets, and a
 * part deflated as it is written. Used where exceljs's writer is too slow for the volume — thousands
 * of specifications (docs/library-pitfalls.md#p12), a region's consolidation of 280,000 school lines — and where a
 * publisher's package must be edited rather than re-saved (src/features/forms/fill.ts).
 *
 * Text goes inline (`t="inlineStr"`): no shared-strings table to hold, and every reader of ours,
 * Excel's and LibreOffice's reads it — except on the long sheets of a consolidation, whose few hundred
 * school and item texts repeat on every row: those go to a shared-strings part (`SharedStrings`).
 */
import zlib from 'node:zlib';
import { columnLetter } from '../../core/finding.js';
import type { DataValue } from './data-sheet.js';
import { crc32 } from './zip.js';
import { zipEntry, type ZipEntry } from './zip-write.js';

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

// Characters XML 1.0 does not allow, and the ones that must be escaped.
const XML_BAD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu;
const XML_SPECIAL = /[&<>"]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;

export function xmlText(s: string): string {
  // Most texts have nothing to escape: one test instead of two replacements (280,000 rows of them).
  if (!NEEDS_WORK.test(s)) return s;
  return s.replace(XML_BAD, '').replace(XML_SPECIAL, (c) => ESCAPES[c]!);
}

/** `A1` from a 1-based column and row. */
export function ref(col: number, row: number): string {
  return `${columnLetter(col - 1)}${row}`;
}

/** A `<t>` element, keeping leading and trailing spaces and line breaks. */
export function textElement(s: string): string {
  const preserve = s !== s.trim() || s.includes('\n') ? ' xml:space="preserve"' : '';
  return `<t${preserve}>${xmlText(s)}</t>`;
}

const styleAttr = (style: number | undefined) => (style ? ` s="${style}"` : '');

/** A text cell; an empty string is a styled empty cell. */
export function textCell(at: string, style: number | undefined, s: string): string {
  return s === '' ? emptyCell(at, style) : `<c r="${at}"${styleAttr(style)} t="inlineStr"><is>${textElement(s)}</is></c>`;
}

/**
 * Texts that repeat down a long sheet (school names, titles, codes), escaped once each: `cell` gives
 * the same XML as `textCell`.
 */
export class TextCells {
  private readonly known = new Map<string, string>();

  cell(at: string, style: number | undefined, s: string): string {
    if (s === '') return emptyCell(at, style);
    let inner = this.known.get(s);
    if (inner === undefined) {
      if (this.known.size >= 100_000) this.known.clear();
      this.known.set(s, (inner = `<is>${textElement(s)}</is>`));
    }
    return `<c r="${at}"${styleAttr(style)} t="inlineStr">${inner}</c>`;
  }
}

/**
 * A string's UTF-8 bytes as a one-byte string, one character a byte: what `DeflatingPart.writeBytes`
 * copies as it is. Markup and numbers are ASCII, so a row built from such pieces stays a one-byte
 * string — copied into the part's buffer in one pass, where a row with Cyrillic text is a two-byte
 * string that each write had to encode (the largest single cost of writing a region's consolidation,
 * bench/README.md).
 */
export function utf8Bytes(s: string): string {
  return ASCII.test(s) ? s : Buffer.from(s, 'utf8').toString('latin1');
}

const ASCII = /^[\u0000-\u007f]*$/u;

/**
 * The texts of a workbook's shared-strings part (xl/sharedStrings.xml), each once: a cell refers to
 * one by its index (`t="s"`), so a text that repeats down a long sheet is neither written nor
 * compressed again on every row — a region's consolidation names the same 700 schools and 400 items on
 * 500,000 rows (bench/README.md). The empty text has no index: its cell is written empty.
 */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly texts: string[] = [];

  /** The index of `s`, added when new; -1 for ''. */
  add(s: string): number {
    if (s === '') return -1;
    let i = this.index.get(s);
    if (i === undefined) this.index.set(s, (i = this.texts.push(s) - 1));
    return i;
  }

  part(): ZipEntry {
    return zipEntry('xl/sharedStrings.xml', `${XML_HEAD}<sst xmlns="${NS_MAIN}" uniqueCount="${this.texts.length}">${this.texts.map((s) => `<si>${textElement(s)}</si>`).join('')}</sst>`, FAST);
  }
}

export function numberCell(at: string, style: number | undefined, n: number): string {
  return `<c r="${at}"${styleAttr(style)}><v>${n}</v></c>`;
}

/** A formula with its result cached, so a program that does not calculate still reads the value. */
export function formulaCell(at: string, style: number | undefined, formula: string, result: number): string {
  return `<c r="${at}"${styleAttr(style)}><f>${xmlText(formula)}</f><v>${result}</v></c>`;
}

export function emptyCell(at: string, style: number | undefined): string {
  return style ? `<c r="${at}" s="${style}"/>` : '';
}

/** One row of cells (already serialised); an explicit height in points when given. */
export function rowXml(r: number, cells: string, heightPt?: number): string {
  const ht = heightPt === undefined ? '' : ` ht="${heightPt}" customHeight="1"`;
  return cells ? `<row r="${r}"${ht}>${cells}</row>` : `<row r="${r}"${ht}/>`;
}

/** Kopecks as the number a money cell holds: 24398 → 243.98 (the shortest decimal of k/100 is exact to the kopeck). */
export function money(kopecks: number): number {
  return kopecks / 100;
}

/**
 * The rows of data-sheet.ts `dataSheetRows` as the body of a worksheet part: text inline, numbers as
 * numbers. `rows[i]` is sheet row `base + i + 1` (a sheet written in batches passes the rows before).
 */
export function dataSheetBody(rows: readonly (readonly DataValue[])[], from = 0, to = rows.length, texts = new TextCells(), base = 0): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const r = rows[i]!;
    const n = base + i + 1;
    let cells = '';
    for (let c = 0; c < r.length; c++) {
      const v = r[c]!;
      if (v === '') continue;
      cells += typeof v === 'number' ? `<c r="${LETTERS[c] ?? columnLetter(c)}${n}"><v>${v}</v></c>` : texts.cell(`${LETTERS[c] ?? columnLetter(c)}${n}`, undefined, v);
    }
    out.push(`<row r="${n}">${cells}</row>`);
  }
  return out.join('');
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The hidden data sheet as a whole worksheet part. */
export function dataSheetXml(rows: readonly (readonly DataValue[])[]): string {
  return `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetData>${dataSheetBody(rows)}</sheetData></worksheet>`;
}

// ---------------------------------------------------------------- the package

export interface PackageSheet {
  name: string;
  /** the worksheet part, already compressed (`zipEntry` or `DeflatingPart`), named xl/worksheets/sheetN.xml */
  part: ZipEntry;
  state?: 'hidden' | 'veryHidden';
}

export interface PackageSpec {
  sheets: PackageSheet[];
  styles: string;
  /** `<definedName …>…</definedName>` elements (print titles, filter ranges) */
  definedNames?: string[];
  /** the shared-strings part (`SharedStrings.part`) the sheets' `t="s"` cells refer to */
  sharedStrings?: ZipEntry;
  title?: string;
  writtenAt: Date;
}

/** Every part of an xlsx package: the sheets given, styles, workbook, relationships, properties. */
export function packageEntries(spec: PackageSpec): ZipEntry[] {
  const sheets = spec.sheets;
  const types =
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets.map((s) => `<Override PartName="/${s.part.name.toString('utf8')}" ContentType="${CT_SHEET}"/>`).join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    (spec.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>';
  const rootRels =
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>';
  const app = XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>uchebnik</Application></Properties>';
  const when = spec.writtenAt.toISOString().replace(/\.\d{3}Z$/u, 'Z');
  const core =
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (spec.title ? `<dc:title>${xmlText(spec.title)}</dc:title>` : '') +
    '<dc:creator>uchebnik</dc:creator>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>';
  const workbook =
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets>` +
    (spec.definedNames?.length ? `<definedNames>${spec.definedNames.join('')}</definedNames>` : '') +
    '</workbook>';
  const workbookRels =
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="${s.part.name.toString('utf8').replace(/^xl\//, '')}"/>`).join('') +
    `<Relationship Id="rId${sheets.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
    (spec.sharedStrings ? `<Relationship Id="rId${sheets.length + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
    '</Relationships>';
  return [
    cached('[Content_Types].xml', types),
    cached('_rels/.rels', rootRels),
    cached('docProps/app.xml', app),
    zipEntry('docProps/core.xml', core, FAST),
    cached('xl/workbook.xml', workbook),
    cached('xl/_rels/workbook.xml.rels', workbookRels),
    cached('xl/styles.xml', spec.styles),
    ...(spec.sharedStrings ? [spec.sharedStrings] : []),
    ...sheets.map((s) => s.part),
  ];
}

// Deflate level 1: a third of level 6's time on these parts, for files ≈15 % larger (measured on the bench).
export const FAST = { level: 1 };

// Thousands of packages share the same small parts: each distinct one is compressed once per process.
const entries = new Map<string, ZipEntry>();
function cached(name: string, text: string): ZipEntry {
  const key = `${name}\u0000${text}`;
  let e = entries.get(key);
  if (!e) {
    if (entries.size > 256) entries.clear();
    entries.set(key, (e = zipEntry(name, text)));
  }
  return e;
}

/**
 * A large part deflated as it is written, so the XML of 280,000 rows is never one string: it is put
 * into a buffer of bytes as it comes, and each full megabyte deflated at once, on this thread, as one
 * piece of the part's deflate stream (ended by a sync flush, the last by the stream's end; pigz joins
 * its pieces the same way). Through zlib's stream, on libuv's threads, each megabyte was a round trip
 * that cost more of this thread's time than the deflating (bench/README.md); the threads that write
 * parts are the machine's cores already (src/features/consolidate/parts-in-turns.ts).
 */
export class DeflatingPart {
  private buf = Buffer.allocUnsafe(2 * CHUNK);
  private pos = 0;
  private readonly out: Buffer[] = [];
  private crc = 0;
  private size = 0;

  constructor(readonly name: string) {}

  /** Text, written as UTF-8. */
  write(s: string): Promise<void> {
    this.room(3 * s.length);
    this.pos += this.buf.write(s, this.pos, 'utf8');
    return this.spill();
  }

  /** Bytes given as a one-byte string (`utf8Bytes`, ASCII markup), copied as they are. */
  writeBytes(bytes: string): Promise<void> {
    this.room(bytes.length);
    this.pos += this.buf.write(bytes, this.pos, 'latin1');
    return this.spill();
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /**
   * A full megabyte is deflated, and the thread then lets other work in (a worker's message that it
   * is free for the next part) before it writes on.
   */
  private spill(): Promise<void> {
    if (this.pos < CHUNK) return DONE;
    this.deflate(zlib.constants.Z_SYNC_FLUSH);
    return new Promise((resolve) => setImmediate(resolve));
  }

  private deflate(flush: number): void {
    const bytes = this.buf.subarray(0, this.pos);
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    this.out.push(zlib.deflateRawSync(bytes, { ...FAST, finishFlush: flush }));
    this.pos = 0;
  }

  async end(): Promise<ZipEntry> {
    this.deflate(zlib.constants.Z_FINISH);
    return { name: Buffer.from(this.name, 'utf8'), method: 8, crc: this.crc, size: this.size, data: Buffer.concat(this.out) };
  }
}

const DONE = Promise.resolve();

/** A part's bytes handed to zlib a megabyte at a time, from a buffer of twice that: a writer's batch of rows fits after the first megabyte without growing it. */
const CHUNK = 1 << 20;
