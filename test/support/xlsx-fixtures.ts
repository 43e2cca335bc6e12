/**
 * Spreadsheet files for the reader tests, made on the fly: a small zip writer (yauzl only reads),
 * SpreadsheetML parts written by hand, and builders that each write one file named after the
 * defect or feature it shows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'uchebnik-'));
}

// ---------------------------------------------------------------- zip writer

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntrySpec {
  name: string;
  data?: Buffer | string;
  /** store instead of deflate */
  store?: boolean;
  /** ready deflated bytes with the size and CRC the directory should declare for them */
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** what the directory declares instead of the truth (a lying directory) */
  declaredSize?: number;
  declaredCrc?: number;
}

export function zipBuffer(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    let method: number;
    let body: Buffer;
    let size: number;
    let crc: number;
    if (e.deflated) {
      method = 8;
      body = e.deflated.bytes;
      size = e.deflated.size;
      crc = e.deflated.crc;
    } else {
      const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : (e.data ?? Buffer.alloc(0));
      method = e.store ? 0 : 8;
      body = e.store ? raw : zlib.deflateRawSync(raw);
      size = raw.length;
      crc = crc32(raw);
    }
    size = e.declaredSize ?? size;
    crc = e.declaredCrc ?? crc;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// ---------------------------------------------------------------- SpreadsheetML by hand

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface SheetSpec {
  name: string;
  /** the content of <sheetData> */
  rows: string;
  /** XML after </sheetData>, e.g. <mergeCells> */
  after?: string;
  state?: 'hidden' | 'veryHidden';
  /** part name under xl/ (default worksheets/sheet<n>.xml) */
  part?: string;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** plain shared strings */
  sharedStrings?: string[];
  /** or the raw <si> items, for rich text and phonetic runs */
  sharedStringItems?: string[];
  /** custom number formats */
  numFmts?: { id: number; code: string }[];
  /** numFmtId of each cellXfs entry: the cell attribute s="i" picks entry i */
  cellXfs?: number[];
  date1904?: boolean;
  /** relationship targets written as absolute part names (/xl/…), as some generators do */
  absoluteTargets?: boolean;
  /** store every part uncompressed */
  store?: boolean;
  /** a namespace prefix on every SpreadsheetML element (`x`), as .NET writers do */
  prefix?: string;
}

export function workbookEntries(spec: WorkbookSpec): ZipEntrySpec[] {
  const p = spec.prefix ? `${spec.prefix}:` : '';
  const ns = spec.prefix ? `xmlns:${spec.prefix}="${MAIN_NS}"` : `xmlns="${MAIN_NS}"`;
  // the prefix is applied to element names only
  const px = (xml: string) => (p ? xml.replace(/<(\/?)(?![?!])([A-Za-z])/g, `<$1${p}$2`) : xml);
  const target = (t: string) => (spec.absoluteTargets ? `/xl/${t}` : t);
  const parts = spec.sheets.map((s, i) => s.part ?? `worksheets/sheet${i + 1}.xml`);

  const sheetsXml = spec.sheets
    .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('');
  const workbook =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<${p}workbook ${ns} xmlns:r="${REL_NS}">` +
    px(`<workbookPr${spec.date1904 ? ' date1904="1"' : ''}/><sheets>${sheetsXml}</sheets>`) +
    `</${p}workbook>`;
  const n = spec.sheets.length;
  const rels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">` +
    parts.map((part, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="${target(part)}"/>`).join('') +
    `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="${target('styles.xml')}"/>` +
    `<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="${target('sharedStrings.xml')}"/>` +
    `</Relationships>`;
  const items = spec.sharedStringItems ?? (spec.sharedStrings ?? []).map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`);
  const sst =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<${p}sst ${ns} count="${items.length}" uniqueCount="${items.length}">${px(items.join(''))}</${p}sst>`;
  const numFmts = spec.numFmts ?? [];
  const xfs = spec.cellXfs ?? [0];
  const styles =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}styleSheet ${ns}>` +
    px(
      (numFmts.length
        ? `<numFmts count="${numFmts.length}">${numFmts.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${esc(f.code)}"/>`).join('')}</numFmts>`
        : '') +
        `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
        `<cellXfs count="${xfs.length}">${xfs.map((id) => `<xf numFmtId="${id}" xfId="0"><alignment wrapText="1"/></xf>`).join('')}</cellXfs>`,
    ) +
    `</${p}styleSheet>`;

  const store = spec.store ?? false;
  return [
    { name: '[Content_Types].xml', data: contentTypes(parts), store },
    { name: '_rels/.rels', data: rootRels(), store },
    { name: 'xl/workbook.xml', data: workbook, store },
    { name: 'xl/_rels/workbook.xml.rels', data: rels, store },
    { name: 'xl/styles.xml', data: styles, store },
    { name: 'xl/sharedStrings.xml', data: sst, store },
    ...spec.sheets.map((s, i) => ({
      name: `xl/${parts[i]}`,
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns} xmlns:r="${REL_NS}">` +
        px(`<dimension ref="A1"/><sheetData>${s.rows}</sheetData>${s.after ?? ''}`) +
        `</${p}worksheet>`,
      store,
    })),
  ];
}

function rootRels(): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
  );
}

function contentTypes(parts: string[]): string {
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  const override = (part: string, type: string) => `<Override PartName="/xl/${part}" ContentType="${ct}.${type}+xml"/>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    override('workbook.xml', 'sheet.main') +
    override('styles.xml', 'styles') +
    override('sharedStrings.xml', 'sharedStrings') +
    parts.map((p) => override(p, 'worksheet')).join('') +
    `</Types>`
  );
}

export function writeWorkbook(dir: string, fileName: string, spec: WorkbookSpec): string {
  return writeFile(dir, fileName, zipBuffer(workbookEntries(spec)));
}

export function writeFile(dir: string, fileName: string, data: Buffer | string): string {
  const file = path.join(dir, fileName);
  fs.writeFileSync(file, data);
  return file;
}

/** A cell holding an inline string. */
export function inlineCell(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(text)}</t></is></c>`;
}

// ---------------------------------------------------------------- Cyrillic text

const CYRILLIC = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';

/** A deterministic generator of Cyrillic strings (mulberry32). */
export function cyrillicText(seed: number): (maxLength: number) => string {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (maxLength) => {
    const length = 1 + Math.floor(next() * maxLength);
    let s = '';
    for (let i = 0; i < length; i++) s += next() < 0.12 ? ' ' : CYRILLIC[Math.floor(next() * CYRILLIC.length)];
    return s;
  };
}

export const PUBLISHERS = ['Просвещение', 'Издательство "Русское слово — учебник"', 'ДРОФА', 'БИНОМ. Лаборатория знаний'];

export interface WrittenRows {
  file: string;
  /** what was written, row by row from row 1: column A, B, C … */
  rows: (string | number)[][];
}

/**
 * cyrillic-chunk-boundary, as exceljs's streaming writer makes it (the way uchebnik's own output and
 * many generators are written): 20,000 rows whose shared strings come to several hundred KB of
 * Cyrillic, so inflated chunks end inside two-byte characters many times over.
 */
export async function cyrillicChunkBoundaryShared(dir: string): Promise<WrittenRows> {
  const file = path.join(dir, 'cyrillic-chunk-boundary-shared-strings.xlsx');
  const text = cyrillicText(2063);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Заказ');
  const rows: (string | number)[][] = [];
  for (let i = 0; i < 20_000; i++) {
    const row = [PUBLISHERS[i % PUBLISHERS.length]!, text(60), i];
    rows.push(row);
    ws.addRow(row).commit();
  }
  ws.commit();
  await wb.commit();
  return { file, rows };
}

/** cyrillic-chunk-boundary in inline strings: long Cyrillic cells in the sheet part itself. */
export function cyrillicChunkBoundaryInline(dir: string): WrittenRows {
  const text = cyrillicText(2084);
  const rows: (string | number)[][] = [];
  let xml = '';
  for (let i = 1; i <= 3000; i++) {
    const row = [text(400), PUBLISHERS[i % PUBLISHERS.length]!];
    rows.push(row);
    xml += `<row r="${i}">${inlineCell(`A${i}`, row[0] as string)}${inlineCell(`B${i}`, row[1] as string)}</row>`;
  }
  const file = writeWorkbook(dir, 'cyrillic-chunk-boundary-inline.xlsx', { sheets: [{ name: 'Лист1', rows: xml }] });
  return { file, rows };
}

/**
 * cyrillic-chunk-boundary with the shared strings stored, not deflated: the part is read in
 * fixed-size chunks, and each long string is pure two-byte Cyrillic starting at an odd byte offset,
 * so every even offset inside it — every power-of-two chunk boundary — splits a character.
 * Returns also the part's bytes so the test can show the split.
 */
export function cyrillicChunkBoundaryStored(dir: string): WrittenRows & { sst: Buffer } {
  const strings: string[] = [];
  for (let i = 0; i < 8; i++) strings.push('Ж'.repeat(20_000 + i) + 'Просвещение'.repeat(i + 1));
  const entries = workbookEntries({
    sheets: [{ name: 'Лист1', rows: strings.map((_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`).join('') }],
    sharedStringItems: strings.map((s) => `<si><t>${s}</t></si>`),
    store: true,
  });
  const sstEntry = entries.find((e) => e.name === 'xl/sharedStrings.xml')!;
  let sst = sstEntry.data as string;
  // Pad the head so that the first string starts at an odd byte offset. The next ones keep that
  // parity: between two starts lie an even number of text bytes and 16 bytes of tags.
  const head = sst.indexOf('<si>');
  if (Buffer.byteLength(sst.slice(0, head + '<si><t>'.length)) % 2 === 0) sst = `${sst.slice(0, head)} ${sst.slice(head)}`;
  sstEntry.data = sst;
  const file = writeFile(dir, 'cyrillic-chunk-boundary-stored.xlsx', zipBuffer(entries));
  return { file, rows: strings.map((s) => [s]), sst: Buffer.from(sst, 'utf8') };
}

// ---------------------------------------------------------------- broken files

export function emptyFile(dir: string): string {
  return writeFile(dir, 'empty.xlsx', Buffer.alloc(0));
}

export function randomBytesXlsx(dir: string): string {
  const data = Buffer.alloc(4096);
  let x = 12345;
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    data[i] = x >>> 16;
  }
  data[0] = 0x13; // whatever the generator gives, not "PK"
  return writeFile(dir, 'random-bytes.xlsx', data);
}

export function truncatedXlsx(dir: string): string {
  const good = zipBuffer(workbookEntries(simpleSpec()));
  return writeFile(dir, 'truncated.xlsx', good.subarray(0, Math.floor(good.length / 2)));
}

export function zipNotWorkbook(dir: string): string {
  return writeFile(
    dir,
    'zip-not-workbook.xlsx',
    zipBuffer([
      { name: 'readme.txt', data: 'Это архив с документами, а не книга Excel.' },
      { name: 'docs/приказ.txt', data: 'Приказ № 1' },
    ]),
  );
}

/** A minimal OLE2 compound file: the magic, a header sector and a directory naming `streams`. */
function ole2(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  const dir = Buffer.alloc(512);
  streams.forEach((name, i) => {
    const entry = Buffer.alloc(128);
    const n = Buffer.from(name, 'utf16le');
    n.copy(entry, 0);
    entry.writeUInt16LE(n.length + 2, 64);
    entry[66] = i === 0 ? 5 : 2;
    entry.copy(dir, i * 128);
  });
  return Buffer.concat([header, dir]);
}

/** An Excel workbook saved with a password: an OLE2 file holding EncryptionInfo and EncryptedPackage. */
export function encryptedXlsx(dir: string): string {
  return writeFile(dir, 'encrypted-password.xlsx', ole2(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']));
}

/** An Excel 97–2003 workbook: an OLE2 file with a Workbook stream. */
export function legacyXls(dir: string): string {
  return writeFile(dir, 'legacy-excel-97.xls', ole2(['Root Entry', 'Workbook', '\u0005SummaryInformation']));
}

/** An OpenDocument spreadsheet: a zip whose first entry is the stored mimetype. */
export function legacyOds(dir: string): string {
  return writeFile(
    dir,
    'opendocument.ods',
    zipBuffer([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', store: true },
      { name: 'content.xml', data: '<?xml version="1.0"?><office:document-content/>' },
    ]),
  );
}

/**
 * zip-bomb: a sheet part declared (truthfully) as 520 MiB that deflates to about half a megabyte.
 * A 1 MiB block of one byte, deflated and fully flushed, compresses to the same bytes every time, so
 * the stream is those bytes repeated: built in milliseconds without inflating anything. Its CRC is
 * left 0: the reader must refuse the file before it gets to check it.
 */
export function zipBomb(dir: string): string {
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20, 0x20), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const blocks = 520;
  const final = Buffer.from([0x03, 0x00]); // an empty final fixed-Huffman block
  const bytes = Buffer.concat([...Array<Buffer>(blocks).fill(block), final]);
  const entries = workbookEntries(simpleSpec()).filter((e) => e.name !== 'xl/worksheets/sheet1.xml');
  entries.push({ name: 'xl/worksheets/sheet1.xml', deflated: { bytes, size: blocks << 20, crc: 0 } });
  return writeFile(dir, 'zip-bomb.xlsx', zipBuffer(entries));
}

/**
 * lying-central-directory: the sheet part declares `declaredSize` bytes but inflates to several MiB of
 * rows (numbers that do not compress to nothing, so the ratio stays ordinary).
 */
export function lyingCentralDirectory(dir: string, declaredSize = 2000): string {
  let rows = '';
  let x = 7;
  for (let r = 1; rows.length < 4 * 1024 * 1024; r++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    rows += `<row r="${r}"><c r="A${r}"><v>${x}</v></c><c r="B${r}"><v>${x % 977}</v></c></row>`;
  }
  const entries = workbookEntries({ sheets: [{ name: 'Лист1', rows }] });
  entries[entries.length - 1]!.declaredSize = declaredSize;
  return writeFile(dir, 'lying-central-directory.xlsx', zipBuffer(entries));
}

/** A part whose CRC in the directory does not match its content. */
export function crcMismatch(dir: string): string {
  const entries = workbookEntries(simpleSpec());
  entries[entries.length - 1]!.declaredCrc = 0x12345678;
  return writeFile(dir, 'crc-mismatch.xlsx', zipBuffer(entries));
}

/** A part whose deflated bytes are damaged. */
export function badDeflate(dir: string): string {
  const entries = workbookEntries(simpleSpec());
  const sheet = entries[entries.length - 1]!;
  const raw = Buffer.from(sheet.data as string, 'utf8');
  const bytes = zlib.deflateRawSync(raw);
  bytes.fill(0xff, 10, 40);
  entries[entries.length - 1] = { name: sheet.name, deflated: { bytes, size: raw.length, crc: crc32(raw) } };
  return writeFile(dir, 'bad-deflate.xlsx', zipBuffer(entries));
}

/** A shared-strings part with bytes that are not UTF-8 (a Windows-1251 «П» inside). */
export function invalidUtf8(dir: string): string {
  const entries = workbookEntries(simpleSpec());
  const sst = entries.find((e) => e.name === 'xl/sharedStrings.xml')!;
  const text = sst.data as string;
  const at = text.indexOf('<t');
  sst.data = Buffer.concat([Buffer.from(text.slice(0, at + 23), 'utf8'), Buffer.from([0xcf]), Buffer.from(text.slice(at + 23), 'utf8')]);
  return writeFile(dir, 'invalid-utf8.xlsx', zipBuffer(entries));
}

/** A sheet of `rows` numbered rows. */
export function numberedRows(dir: string, rows: number, fileName = 'too-many-rows.xlsx'): string {
  let xml = '';
  for (let r = 1; r <= rows; r++) xml += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
  return writeWorkbook(dir, fileName, { sheets: [{ name: 'Лист1', rows: xml }] });
}

/** One sheet with one shared string, the base of several broken files. */
export function simpleSpec(): WorkbookSpec {
  return {
    sheets: [{ name: 'Лист1', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c></row>' }],
    sharedStrings: ['Просвещение — издательство'],
  };
}
