/**
 * A CSV file as a one-sheet Workbook of raw text cells (docs/file-formats.md#csv): encoding and delimiter
 * detected (or given), parsed by csv-parse as a stream. Each row is numbered as a spreadsheet numbers it
 * (LibreOffice and Excel open the CSV with one row per record, blank lines included): record N is row N,
 * however many line breaks quoted cells before it hold. The physical line is kept only to seek in the
 * file and to tell the user where in the text an unclosed quote is.
 *
 * csv-parse is fed the file's own bytes, not decoded text: the CSV syntax (quote, delimiter, CR, LF)
 * is ASCII in UTF-8 and in the single-byte Cyrillic encodings, so byte offsets stay the file's offsets
 * and the reader can seek back into the file when a quote turns out to be unclosed. Single-byte
 * encodings go through csv-parse as latin1 (one char per byte) and each field is mapped to Cyrillic
 * afterwards; UTF-16 is transcoded to UTF-8 on the way in.
 *
 * Unclosed quotes. csv-parse, like most CSV parsers, reads an unclosed quote as a cell that runs to
 * the end of the file (it only says so at EOF), and with relaxed quotes a stray quote a few lines on
 * may even "close" it, silently gluing those lines into one cell. A quoted cell is taken to be
 * legitimate when it closes properly (the closing quote followed by a delimiter or a line break)
 * within MAX_BREAKS_IN_CELL line breaks. It is an unclosed quote when it is still open at the end of
 * the file, runs past csv-parse's record size limit, spans more than MAX_BREAKS_IN_CELL line breaks, or
 * spans a line break and is then "closed" by a quote followed by other text — what happens when the
 * quote it met belongs to a later cell, since a program that writes a multi-line cell closes it
 * properly. The reader then records a `csv-unclosed-quote` finding at the row (record) and column where the
 * quote opened, with the physical line of the quote in its parameters, and parses again from the start of that record with that quote taken as a literal
 * character, so the rest of the file is read as rows. Not caught: a stray quote that happens to be
 * closed properly within MAX_BREAKS_IN_CELL lines reads as a legitimate multi-line cell.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, Transform, type Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { parse, type Parser } from 'csv-parse';
import { InputError, UsageError } from '../../core/errors.js';
import { columnLetter, finding, type Finding } from '../../core/finding.js';
import { DEFAULT_LIMITS, type OpenOptions, type SheetHandle, type SheetRow, type Workbook } from './types.js';
import {
  bomLength,
  detectEncoding,
  iconvName,
  looksBinary,
  normalizeEncodingName,
  SAMPLE_BYTES,
  trimPartialUtf8,
  unitWidth,
  type CsvEncoding,
} from './encoding.js';
import { statInput } from './zip.js';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const CHUNK = 64 * 1024;
/** csv-parse's limit on one record (characters); beyond it the reader looks for an unclosed quote. */
const MAX_RECORD_CHARS = 1024 * 1024;
/**
 * Excel's last column is XFD, the 16,384th. A record with more fields is no table: one 49 MB line of
 * semicolons is 51 million empty fields, which csv-parse would hold as one array (1.1 GB, 30 s;
 * issue 22). The fields are counted on the bytes before csv-parse sees them.
 */
export const MAX_FIELDS = 16_384;
const TOO_MANY_FIELDS = 'UCHEBNIK_TOO_MANY_FIELDS';
/** How far the quote scanner reads from a record start: past where csv-parse gave up, even in UTF-16. */
const SCAN_LIMIT_BYTES = 4 * MAX_RECORD_CHARS;
/** More line breaks than this in one quoted cell is taken for an unclosed quote: no order form or price list has such a cell. */
export const MAX_BREAKS_IN_CELL = 100;

/** `--delimiter` as a user writes it; `tab` and `\t` mean a tab. */
export function normalizeDelimiter(value: string): string {
  const v = value === 'tab' || value === 'TAB' || value === '\\t' ? '\t' : value;
  if (v.length !== 1 || v === '"' || v === '\r' || v === '\n') throw new UsageError('csv.delimiter-bad', { value });
  return v;
}

const DELIMITERS = [';', ',', '\t'];

/**
 * The delimiter that splits the sample's records into the same number of fields (more than one) most
 * often, then into more fields; `;` (Russian Excel's choice), then `,`, then tab win ties, and `;` is the answer when none
 * splits anything. A quoted cell may hold line breaks («Иванов И.И.,↵Петров П.П.»): a record runs on
 * to the line where its quote closes, so the commas of such a cell do not vote. A quote still open
 * after a few lines is an unclosed one: the record is cut there, so it spoils one vote, not the rest.
 * Blank records do not vote.
 */
export function detectDelimiter(text: string, complete = true): string {
  const records = sampleRecords(text, complete).filter((l) => /[^;,\t"\s]/.test(l)).slice(0, 200);
  let best = { delimiter: ';', agreeing: 0, fields: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const record of records) {
      const n = fieldsOnLine(record, delimiter);
      if (n > 1) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    // The most records agreeing; of two delimiters that split as many records evenly, the one that
    // makes more fields («1 627,41» splits every row of a tab-separated list in two on its comma).
    for (const [fields, agreeing] of counts) {
      if (agreeing > best.agreeing || (agreeing === best.agreeing && fields > best.fields)) best = { delimiter, agreeing, fields };
    }
  }
  return best.delimiter;
}

/** A quoted cell longer than this many lines is taken for an unclosed quote while sniffing. */
const MAX_CELL_LINES = 8;

/** The sample's records: lines, joined where a quoted cell runs over a line break. */
function sampleRecords(text: string, complete: boolean): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (!complete) lines.pop(); // the sample may end mid-line
  const out: string[] = [];
  let open: string[] | undefined;
  for (const line of lines) {
    if (open) {
      open.push(line);
      const joined = open.join('\n');
      if (quotesBalanced(joined)) {
        out.push(joined);
        open = undefined;
      } else if (open.length > MAX_CELL_LINES) {
        out.push(...open);
        open = undefined;
      }
      continue;
    }
    if (quotesBalanced(line)) out.push(line);
    else open = [line];
  }
  if (open) out.push(...open);
  return out;
}

function quotesBalanced(s: string): boolean {
  let n = 0;
  for (const ch of s) if (ch === '"') n++;
  return n % 2 === 0;
}

function fieldsOnLine(line: string, delimiter: string): number {
  let n = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) n++;
  }
  return n;
}

/** Opens a CSV file; reading happens when the sheet's rows are iterated. */
export async function openCsv(filePath: string, opts: OpenOptions = {}): Promise<Workbook> {
  const file = opts.displayName ?? filePath;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const forcedEncoding = opts.encoding === undefined ? undefined : normalizeEncodingName(opts.encoding);
  const forcedDelimiter = opts.delimiter === undefined ? undefined : normalizeDelimiter(opts.delimiter);
  const stat = await statInput(filePath, file, limits);
  const sample = await readSample(filePath, file, Math.min(stat.size, SAMPLE_BYTES));
  const complete = sample.length >= stat.size;

  if (!(forcedEncoding && unitWidth(forcedEncoding) === 2) && looksBinary(sample)) throw new InputError('csv.binary', { file });
  const encoding = forcedEncoding ?? detectEncoding(sample, { complete })?.encoding;
  if (!encoding) throw new InputError('csv.encoding-unknown', { file });
  const dataStart = bomLength(sample, encoding);
  const text = decodeSample(sample.subarray(dataStart), encoding, complete);
  const delimiter = forcedDelimiter ?? detectDelimiter(text, complete);
  if (complete && !hasContent(text, delimiter)) throw new InputError('csv.empty', { file });

  const name = path.basename(file, path.extname(file));
  const source: Source = { path: filePath, file, encoding, delimiter, dataStart, maxRows: limits.maxRows };
  const live = new Set<() => void>();
  const findings: Finding[] = [];
  const handle: SheetHandle = {
    name,
    merges: [],
    findings,
    rows: () => ({ [Symbol.asyncIterator]: () => readRows(source, findings, live) }),
  };
  return {
    file,
    format: 'csv',
    sheets: [{ name, index: 0, hidden: false }],
    encoding,
    delimiter,
    async sheet(which) {
      if (which === undefined || which === 0 || which === name) return handle;
      throw new InputError('csv.sheet-not-found', { file, name, sheet: String(which) });
    },
    async close() {
      for (const dispose of [...live]) dispose();
    },
  };
}

/** Whether any character of the text is more than a delimiter, a quote or white space. */
function hasContent(text: string, delimiter: string): boolean {
  for (const ch of text) if (ch !== delimiter && ch !== '"' && ch.trim() !== '') return true;
  return false;
}

interface Source {
  path: string;
  file: string;
  encoding: CsvEncoding;
  delimiter: string;
  /** where the text starts: after the byte order mark */
  dataStart: number;
  maxRows: number;
}

async function readSample(filePath: string, file: string, length: number): Promise<Buffer> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(filePath, 'r');
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } catch (err) {
    throw new InputError('reader.unreadable', { file, detail: (err as Error).message }, { cause: err });
  } finally {
    await fh?.close();
  }
}

function decodeSample(bytes: Buffer, encoding: CsvEncoding, complete: boolean): string {
  if (encoding === 'utf-8') return (complete ? bytes : trimPartialUtf8(bytes)).toString('utf8');
  return iconv.decode(bytes, iconvName(encoding), { stripBOM: false });
}

/**
 * csv-parse reads single-byte files as latin1; this maps each field's high characters to what the
 * bytes mean in `encoding`. Returns undefined for encodings csv-parse reads as UTF-8.
 */
function fieldDecoder(encoding: CsvEncoding): ((s: string) => string) | undefined {
  if (unitWidth(encoding) === 2 || encoding === 'utf-8') return undefined;
  const high = iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)), iconvName(encoding));
  return (s) => {
    let i = 0;
    while (i < s.length && s.charCodeAt(i) < 0x80) i++;
    if (i === s.length) return s;
    let out = s.slice(0, i);
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      out += c < 0x80 ? s.charAt(i) : high.charAt(c - 0x80);
    }
    return out;
  };
}

/** Line breaks in a field, CRLF counting once, as the line numbers of the file count them. */
function countBreaks(s: string): number {
  if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR) {
      n++;
      if (s.charCodeAt(i + 1) === LF) i++;
    }
  }
  return n;
}

async function* readRows(src: Source, findings: Finding[], live: Set<() => void>): AsyncGenerator<SheetRow> {
  findings.length = 0;
  const decode = fieldDecoder(src.encoding);
  const width = unitWidth(src.encoding);
  /** byte offsets of quotes found unclosed, fed to csv-parse as NUL so they read as text */
  const neutralised: number[] = [];
  let file: FileAccess | undefined;
  let parser: Parser | undefined;
  const dispose = () => {
    parser?.destroy();
    void file?.close();
  };
  live.add(dispose);
  const access = async () => (file ??= await FileAccess.open(src, neutralised));

  /** the physical line the current record starts on: where to seek, not a row number */
  let line = 1;
  let start = src.dataStart;
  /** records read so far: the current record is row `records + 1`, as a spreadsheet shows it */
  let records = 0;
  let rows = 0;
  try {
    for (;;) {
      parser = openSegment(src, start, neutralised);
      const recordsBefore = records;
      let restoreQuotes = neutralised.some((p) => p >= start);
      let unclosed: OpenQuote | undefined;
      try {
        for await (const raw of parser as AsyncIterable<string[]>) {
          let fields = decode ? raw.map(decode) : raw;
          if (restoreQuotes) {
            fields = fields.map((f) => f.replaceAll('\0', '"'));
            restoreQuotes = false;
          }
          let breaks = 0;
          let suspect = false;
          for (const f of fields) {
            const b = countBreaks(f);
            // csv-parse keeps the quote in front of a multi-line cell that a stray quote "closed"
            if (b > 0 && (f.charCodeAt(0) === QUOTE || b > MAX_BREAKS_IN_CELL)) suspect = true;
            breaks += b;
          }
          if (suspect) {
            const scan = await (await access()).scanRecord(line);
            if (scan.kind === 'unclosed') {
              unclosed = scan.quote;
              break;
            }
          }
          if (++records > src.maxRows) throw new InputError('csv.too-many-rows', { file: src.file, limit: src.maxRows });
          const row = toRow(records, fields);
          if (row) {
            rows++;
            yield row;
          }
          line += 1 + breaks;
        }
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code === TOO_MANY_FIELDS) {
          const at = (err as { record: number }).record;
          throw new InputError('csv.too-many-columns', { file: src.file, row: recordsBefore + at, limit: MAX_FIELDS }, { cause: err });
        }
        if (code !== 'CSV_QUOTE_NOT_CLOSED' && code !== 'CSV_MAX_RECORD_SIZE') throw err;
        const scan = await (await access()).scanRecord(line);
        if (scan.kind !== 'unclosed') {
          throw new InputError('csv.record-too-large', { file: src.file, row: records + 1, line, limit: MAX_RECORD_CHARS }, { cause: err });
        }
        unclosed = scan.quote;
      } finally {
        parser.destroy();
      }
      if (!unclosed) break;
      // The cell is in the current record; a text editor shows the quote on a later line when cells
      // before it in the record span line breaks.
      const row = records + 1;
      const quoteLine = line + unclosed.breaksBefore;
      const column = columnLetter(unclosed.field);
      findings.push(finding('csv-unclosed-quote', 'error', { file: src.file, row, column }, { row, column, line: quoteLine }));
      for (let k = 0; k < width; k++) neutralised.push(unclosed.offset + k);
      neutralised.sort((a, b) => a - b);
      start = await (await access()).lineStart(line);
    }
    if (rows === 0) throw new InputError('csv.empty', { file: src.file });
  } finally {
    live.delete(dispose);
    parser?.destroy();
    await file?.close();
  }
}

/** A row of the record's cells, or null when every field is empty or blank (a blank line, `;;;;`). */
function toRow(row: number, fields: string[]): SheetRow | null {
  let last = -1;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const c = f.charCodeAt(0);
    if (f !== '' && ((c > 0x20 && c < 0x7f) || f.trim() !== '')) last = i;
  }
  if (last < 0) return null;
  const cells: SheetRow['cells'] = new Array(last + 1);
  for (let i = 0; i <= last; i++) {
    const value = fields[i]!;
    cells[i] = value === '' ? undefined : { value };
  }
  return { row, cells };
}

/** csv-parse over the file from byte `start` (a record start), with unclosed quotes neutralised. */
function openSegment(src: Source, start: number, neutralised: number[]): Parser {
  const stages: (Readable | Transform)[] = [createReadStream(src.path, { start, highWaterMark: CHUNK })];
  const pending = neutralised.filter((p) => p >= start);
  if (pending.length > 0) stages.push(neutraliser(pending, start));
  if (src.encoding === 'utf-16le' || src.encoding === 'utf-16be') stages.push(utf16ToUtf8(src.encoding));
  stages.push(fieldLimit(src.delimiter));
  const parser = parse({
    delimiter: src.delimiter,
    quote: '"',
    escape: '"',
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    bom: false,
    encoding: decodesAsLatin1(src.encoding) ? 'latin1' : 'utf8',
    max_record_size: MAX_RECORD_CHARS,
  });
  skipFieldCountCheck(parser);
  // Errors of any stage reach the reader through the parser's iterator; premature close is the reader's own doing.
  pipeline([...stages, parser], () => {});
  return parser;
}

/**
 * Passes the bytes on unchanged, counting the fields of each record (delimiters outside quotes) and
 * failing with TOO_MANY_FIELDS at the first record past MAX_FIELDS; `record` counts from 1 within
 * the segment. The delimiter, the quote and the line feed are ASCII in every encoding the reader
 * takes, and UTF-16 has been turned into UTF-8 by then.
 */
function fieldLimit(delimiter: string): Transform {
  const delim = delimiter.charCodeAt(0);
  let fields = 1;
  let quoted = false;
  let record = 1;
  let afterCr = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        const crlf = afterCr && b === LF;
        afterCr = false;
        if (b === QUOTE) quoted = !quoted;
        else if (quoted) continue;
        else if (b === delim) {
          if (++fields > MAX_FIELDS) return done(Object.assign(new Error(`record ${record} has more than ${MAX_FIELDS} fields`), { code: TOO_MANY_FIELDS, record }));
        } else if (b === LF || b === CR) {
          // \r\n, \n and \r each end a record, as csv-parse is told (record_delimiter)
          afterCr = b === CR;
          if (!crlf) record++;
          fields = 1;
        }
      }
      done(null, chunk);
    },
  });
}

interface ParserInternals {
  state: { record: unknown[]; expectedRecordLength: number };
  __onRecord: (...args: unknown[]) => unknown;
}

/**
 * Even with relax_column_count, csv-parse builds a CsvError (stack trace, JSON copy of its state) for
 * every record whose field count differs from the first record's — after a banner line, every record:
 * measured ≈25 µs each, 0.7 s of 1.0 s on 30,000 rows. Making each record its own expectation skips
 * that. It reaches into csv-parse's internals, so it does nothing if they change: only speed depends
 * on it, and a test says when it stops working.
 */
export function skipFieldCountCheck(parser: Parser): void {
  const api = (parser as unknown as { api?: Partial<ParserInternals> }).api;
  if (!api || typeof api.__onRecord !== 'function' || !api.state || !('expectedRecordLength' in api.state)) return;
  const onRecord = api.__onRecord;
  api.__onRecord = function (this: ParserInternals, ...args: unknown[]) {
    this.state.expectedRecordLength = this.state.record.length;
    return onRecord.apply(this, args);
  };
}

const decodesAsLatin1 = (encoding: CsvEncoding) => encoding !== 'utf-8' && unitWidth(encoding) === 1;

/** Replaces the bytes at `positions` (sorted, absolute) with NUL. */
function neutraliser(positions: number[], start: number): Transform {
  let offset = start;
  let next = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const end = offset + chunk.length;
      let out = chunk;
      while (next < positions.length && positions[next]! < end) {
        if (out === chunk) out = Buffer.from(chunk);
        out[positions[next]! - offset] = 0;
        next++;
      }
      offset = end;
      done(null, out);
    },
  });
}

function utf16ToUtf8(encoding: 'utf-16le' | 'utf-16be'): Transform {
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  let carry = '';
  // A surrogate pair split between chunks must reach the UTF-8 encoder whole.
  const encode = (text: string, final: boolean): Buffer | undefined => {
    let s = carry + text;
    carry = '';
    const last = s.charCodeAt(s.length - 1);
    if (!final && last >= 0xd800 && last <= 0xdbff) {
      carry = s.slice(-1);
      s = s.slice(0, -1);
    }
    return s ? Buffer.from(s, 'utf8') : undefined;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, encode(decoder.write(chunk), false));
    },
    flush(done) {
      done(null, encode(decoder.end() ?? '', true));
    },
  });
}

interface OpenQuote {
  /** byte offset of the quote in the file */
  offset: number;
  /** line breaks between the record's start and the quote */
  breaksBefore: number;
  /** 0-based field index within the record */
  field: number;
}

type ScanResult = { kind: 'closed' } | { kind: 'unclosed'; quote: OpenQuote } | { kind: 'too-large' };

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/**
 * Random access to the file's code units for the two rare jobs that need it: finding where a line
 * starts and re-reading one record with the quote rules csv-parse applies (with relaxed quotes).
 * Both only move forward through the file, as the reader does.
 */
class FileAccess {
  private buf = Buffer.allocUnsafe(CHUNK);
  private bufStart = 0;
  private bufLength = 0;
  // line locator state: `line` starts at byte `lineOffset`; scanning has reached `pos`
  private line = 1;
  private lineOffset: number;
  private pos: number;
  private pendingCR = false;
  private readonly width: 1 | 2;
  private readonly unit: (b: Buffer, i: number) => number;
  private readonly delimiter: number;

  private constructor(
    private readonly fh: FileHandle,
    private readonly src: Source,
    private readonly neutralised: number[],
  ) {
    this.width = unitWidth(src.encoding);
    this.unit =
      src.encoding === 'utf-16le' ? (b, i) => b[i]! | (b[i + 1]! << 8)
      : src.encoding === 'utf-16be' ? (b, i) => (b[i]! << 8) | b[i + 1]!
      : (b, i) => b[i]!;
    this.delimiter = src.delimiter.charCodeAt(0);
    this.lineOffset = this.pos = src.dataStart;
  }

  static async open(src: Source, neutralised: number[]): Promise<FileAccess> {
    try {
      return new FileAccess(await open(src.path, 'r'), src, neutralised);
    } catch (err) {
      throw new InputError('reader.unreadable', { file: src.file, detail: (err as Error).message }, { cause: err });
    }
  }

  close(): Promise<void> {
    return this.fh.close().catch(() => {});
  }

  /** Bytes from `offset` on (whole code units); empty at the end of the file. Valid until the next call. */
  private async at(offset: number): Promise<Buffer> {
    if (offset < this.bufStart || offset + this.width > this.bufStart + this.bufLength) {
      const { bytesRead } = await this.fh.read(this.buf, 0, CHUNK, offset);
      this.bufStart = offset;
      this.bufLength = bytesRead;
    }
    const from = offset - this.bufStart;
    return this.buf.subarray(from, from + Math.floor((this.bufLength - from) / this.width) * this.width);
  }

  /** Byte offset where line `target` starts (lines counted as csv-parse's record delimiters are: CRLF, LF, CR). */
  async lineStart(target: number): Promise<number> {
    const w = this.width;
    while (this.line < target || this.pendingCR) {
      const buf = await this.at(this.pos);
      if (buf.length === 0) {
        this.pendingCR = false;
        break;
      }
      let k = 0;
      for (; k < buf.length; k += w) {
        const u = this.unit(buf, k);
        if (this.pendingCR) {
          this.pendingCR = false;
          if (u === LF) {
            this.lineOffset = this.pos + k + w;
            continue;
          }
        }
        if (this.line >= target) break;
        if (u === LF || u === CR) {
          this.line++;
          this.lineOffset = this.pos + k + w;
          this.pendingCR = u === CR;
        }
      }
      this.pos += k;
    }
    return this.lineOffset;
  }

  /** Re-reads the record that starts on `line` and tells whether a quote in it never closes properly. */
  async scanRecord(line: number): Promise<ScanResult> {
    const start = await this.lineStart(line);
    const w = this.width;
    const delimiter = this.delimiter;
    let state = FIELD_START;
    let field = 0;
    let breaks = 0;
    let cellBreaks = 0;
    let quote: OpenQuote = { offset: start, breaksBefore: 0, field: 0 };
    let prevCR = false;
    let pos = start;
    while (pos - start < SCAN_LIMIT_BYTES) {
      const buf = await this.at(pos);
      if (buf.length === 0) return state === QUOTED ? { kind: 'unclosed', quote } : { kind: 'closed' };
      for (let k = 0; k < buf.length; k += w) {
        const offset = pos + k;
        const u = this.neutralised.includes(offset) ? 0 : this.unit(buf, k);
        const afterCR = prevCR;
        prevCR = u === CR;
        switch (state) {
          case FIELD_START:
            if (u === QUOTE) {
              state = QUOTED;
              quote = { offset, breaksBefore: breaks, field };
              cellBreaks = 0;
            } else if (u === delimiter) field++;
            else if (u === CR || u === LF) return { kind: 'closed' };
            else state = UNQUOTED;
            break;
          case UNQUOTED:
            if (u === delimiter) {
              field++;
              state = FIELD_START;
            } else if (u === CR || u === LF) return { kind: 'closed' };
            break;
          case QUOTED:
            if (u === QUOTE) state = QUOTE_IN_QUOTED;
            else if (u === CR || (u === LF && !afterCR)) {
              breaks++;
              if (++cellBreaks > MAX_BREAKS_IN_CELL) return { kind: 'unclosed', quote };
            }
            break;
          case QUOTE_IN_QUOTED:
            if (u === QUOTE) state = QUOTED; // a doubled quote
            else if (u === delimiter) {
              field++;
              state = FIELD_START;
            } else if (u === CR || u === LF) return { kind: 'closed' };
            else if (cellBreaks > 0) return { kind: 'unclosed', quote };
            else state = UNQUOTED; // `"abc"def` on one line: csv-parse keeps it as text
            break;
        }
      }
      pos += buf.length;
    }
    return state === QUOTED || state === QUOTE_IN_QUOTED ? { kind: 'unclosed', quote } : { kind: 'too-large' };
  }
}
