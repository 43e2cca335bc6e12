/**
 * A small XML scanner for the restricted grammar of SpreadsheetML parts. The sheet and shared-strings
 * parts are fed as decoded text chunks of any size and cut at element boundaries (a row, a shared
 * string), so memory holds one chunk plus one unfinished element. Every indexOf looks for something
 * known to be close (the end of the tag or element being read) or runs over a slice of one element:
 * a search for a child that is absent would otherwise scan to the end of the chunk once per cell.
 */
import { columnLetter } from '../../core/finding.js';
import { xmlNumber } from '../../core/values.js';
import type { SheetCell, SheetRow } from './types.js';

/** The part's XML is not what SpreadsheetML allows (the caller names the file and part). */
export class XmlFormatError extends Error {}

// ---------------------------------------------------------------- text and attributes

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;

function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name] ?? whole;
    const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Element text as a person typed it: XML line-end normalisation (a literal CR LF is one line break,
 * `&#13;` stays a CR), entities, and the OOXML `_xHHHH_` escapes Excel writes for control
 * characters (`_x000D_`; `_x005F_` escapes the underscore itself).
 */
function decodeText(raw: string): string {
  let s = raw;
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  s = decodeEntities(s);
  if (s.indexOf('_x') >= 0) {
    s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  return s;
}

/**
 * A copy of a string cut from a chunk. V8 keeps a slice of 13 characters or more as a view of its
 * parent, so one kept cell value would keep its whole 64 KiB chunk alive; the copy holds only itself.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function isDelim(c: number): boolean {
  return c === 62 /* > */ || c === 47 /* / */ || c === 32 || c === 9 || c === 10 || c === 13;
}

/** The raw value of attribute `name` inside one start tag's text. */
function attrIn(tag: string, name: string): string | undefined {
  let i = tag.indexOf(name);
  while (i >= 0) {
    const before = tag.charCodeAt(i - 1);
    if (before === 32 || before === 9 || before === 10 || before === 13) {
      let j = i + name.length;
      while (tag.charCodeAt(j) <= 32) j++;
      if (tag.charCodeAt(j) === 61 /* = */) {
        j++;
        while (tag.charCodeAt(j) <= 32) j++;
        const q = tag.charCodeAt(j);
        if (q === 34 || q === 39) {
          const end = tag.indexOf(q === 34 ? '"' : "'", j + 1);
          if (end > 0) return tag.slice(j + 1, end);
        }
      }
    }
    i = tag.indexOf(name, i + 1);
  }
  return undefined;
}

/** Index of a child start tag `open` (e.g. `<v`) whose name ends there, or -1. */
function childIndex(s: string, open: string, from: number): number {
  let i = s.indexOf(open, from);
  while (i >= 0) {
    if (isDelim(s.charCodeAt(i + open.length))) return i;
    i = s.indexOf(open, i + 1);
  }
  return -1;
}

export interface XmlElement {
  /** attribute name as written (with its prefix) → decoded value */
  attrs: Map<string, string>;
}

const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Start and empty tags of one local name in a small part (workbook, relationships, styles),
 * whatever namespace prefix the writer chose. Quoted attribute values may contain `>`.
 */
export function* elements(xml: string, localName: string): Generator<XmlElement> {
  const re = new RegExp(`<(?:[\\w.-]+:)?${localName}(?=[\\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrs = new Map<string, string>();
    for (const a of (m[1] ?? '').matchAll(ATTR)) attrs.set(a[1]!, decodeEntities(a[2] ?? a[3] ?? ''));
    yield { attrs };
  }
}

/**
 * The namespace prefix of the root element (`''` or `'x:'`), or undefined while the text seen so
 * far does not reach the root's name. Some .NET writers prefix every element.
 */
export function rootPrefix(s: string): string | undefined {
  let i = 0;
  for (;;) {
    const lt = s.indexOf('<', i);
    if (lt < 0 || lt + 1 >= s.length) return undefined;
    const c = s.charCodeAt(lt + 1);
    if (c === 63 /* ? */ || c === 33 /* ! */) {
      const gt = s.indexOf('>', lt);
      if (gt < 0) return undefined;
      i = gt + 1;
      continue;
    }
    let j = lt + 1;
    while (j < s.length && !isDelim(s.charCodeAt(j))) j++;
    if (j >= s.length) return undefined;
    const name = s.slice(lt + 1, j);
    const colon = name.indexOf(':');
    return colon < 0 ? '' : name.slice(0, colon + 1);
  }
}

interface Names {
  sheetData: string;
  row: string;
  rowEnd: string;
  c: string;
  cEnd: string;
  v: string;
  vEnd: string;
  f: string;
  fEnd: string;
  is: string;
  isEnd: string;
  t: string;
  tEnd: string;
  rPh: string;
  rPhEnd: string;
  si: string;
  siEnd: string;
}

function names(p: string): Names {
  return {
    sheetData: `<${p}sheetData`,
    row: `<${p}row`,
    rowEnd: `</${p}row>`,
    c: `<${p}c`,
    cEnd: `</${p}c>`,
    v: `<${p}v`,
    vEnd: `</${p}v>`,
    f: `<${p}f`,
    fEnd: `</${p}f>`,
    is: `<${p}is`,
    isEnd: `</${p}is>`,
    t: `<${p}t`,
    tEnd: `</${p}t>`,
    rPh: `<${p}rPh`,
    rPhEnd: `</${p}rPh>`,
    si: `<${p}si`,
    siEnd: `</${p}si>`,
  };
}

/** The concatenated `<t>` texts of a string item or inline string, without phonetic runs. */
function runText(s: string, n: Names): string {
  const hasPhonetic = s.indexOf(n.rPh) >= 0;
  let out = '';
  let p = 0;
  for (;;) {
    const ti = childIndex(s, n.t, p);
    if (ti < 0) return detach(out);
    if (hasPhonetic) {
      const ph = childIndex(s, n.rPh, p);
      if (ph >= 0 && ph < ti) {
        const phEnd = s.indexOf(n.rPhEnd, ph);
        if (phEnd < 0) throw new XmlFormatError('unterminated <rPh>');
        p = phEnd + n.rPhEnd.length;
        continue;
      }
    }
    const gt = s.indexOf('>', ti);
    if (s.charCodeAt(gt - 1) === 47) {
      p = gt + 1;
      continue;
    }
    const end = s.indexOf(n.tEnd, gt);
    if (end < 0) throw new XmlFormatError('unterminated <t>');
    out += decodeText(s.slice(gt + 1, end));
    p = end + n.tEnd.length;
  }
}

/**
 * The text of a string item buf[from, to) that is one `<t>` and nothing else, as runText reads it
 * (the common case: it spares a slice of the item and the search for phonetic runs in it); else undefined.
 */
function oneRunText(buf: string, from: number, to: number, n: Names): string | undefined {
  if (!buf.startsWith(n.t, from) || !isDelim(buf.charCodeAt(from + n.t.length))) return undefined;
  const gt = buf.indexOf('>', from);
  if (gt < 0 || gt >= to || buf.charCodeAt(gt - 1) === 47) return undefined;
  const end = buf.indexOf(n.tEnd, gt);
  if (end + n.tEnd.length !== to) return undefined;
  return detach(decodeText(buf.slice(gt + 1, end)));
}

/** Base class of the chunked scanners: accumulates text and learns the root's prefix. */
abstract class ChunkScanner {
  protected buf = '';
  protected pos = 0;
  protected n: Names | undefined;

  /** chunks received while an unfinished element waits for its marker (see `wait`) */
  private held: string[] = [];
  private need: string | undefined;
  /** the last characters before the held text, where the marker may begin */
  private seam = '';

  /**
   * The element at `from` cannot be read before `marker` arrives. Until then the following chunks are
   * only held and searched for the marker, not joined and scanned again from the element's start:
   * that rescanning made a giant string, row or unclosed comment cost time quadratic in its size.
   */
  protected wait(from: number, marker: string): void {
    this.pos = from;
    this.need = marker;
    this.seam = this.buf.slice(Math.max(from, this.buf.length - marker.length + 1));
  }

  /** Adds a chunk; undefined while the root's prefix is unknown or an element still waits for its marker. */
  protected take(text: string): Names | undefined {
    if (this.need !== undefined) {
      const look = this.seam + text;
      if (look.indexOf(this.need) < 0) {
        this.held.push(text);
        this.seam = look.slice(Math.max(0, look.length - this.need.length + 1));
        return undefined;
      }
      this.need = undefined;
    }
    const rest = this.pos < this.buf.length ? this.buf.slice(this.pos) : '';
    this.buf = this.held.length ? rest + this.held.join('') + text : rest + text;
    this.held = [];
    this.pos = 0;
    if (!this.n) {
      const p = rootPrefix(this.buf);
      if (p !== undefined) this.n = names(p);
    }
    return this.n;
  }
}

// ---------------------------------------------------------------- shared strings

/** xl/sharedStrings.xml, fed in chunks: appends each `<si>` as one string to `strings`. */
export class SharedStringsScanner extends ChunkScanner {
  readonly strings: string[] = [];

  push(text: string): void {
    const n = this.take(text);
    if (!n) return;
    const buf = this.buf;
    let pos = this.pos;
    for (;;) {
      const si = childIndex(buf, n.si, pos);
      if (si < 0) {
        // keep a possible partial `<si` at the end
        pos = Math.max(pos, buf.length - n.si.length);
        break;
      }
      const gt = buf.indexOf('>', si);
      if (gt < 0) return this.wait(si, '>');
      if (buf.charCodeAt(gt - 1) === 47) {
        this.strings.push('');
        pos = gt + 1;
        continue;
      }
      const end = buf.indexOf(n.siEnd, gt);
      if (end < 0) return this.wait(si, n.siEnd);
      this.strings.push(oneRunText(buf, gt + 1, end, n) ?? runText(buf.slice(gt + 1, end), n));
      pos = end + n.siEnd.length;
    }
    this.pos = pos;
  }

  finish(): void {
    if (this.n && childIndex(this.buf, this.n.si, this.pos) >= 0) throw new XmlFormatError('ends inside a string item');
  }
}

// ---------------------------------------------------------------- sheet rows

export interface SheetContext {
  /** the workbook's shared strings */
  sst: readonly string[];
  /** cellXfs index → its number format is a date */
  dateStyles: readonly boolean[];
  /** serials of date cells are shifted to the 1900 date system */
  date1904: boolean;
}

const MAX_COLUMN = 16383; // XFD
const MAX_ROW = 1048576;
/** Days between the 1900 and the 1904 date systems' day zero. */
const DATE1904_OFFSET = 1462;
const MS_PER_DAY = 86_400_000;
/** 1899-12-30, day zero of the 1900 system as Excel counts it (with its fictitious 29 Feb 1900). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);

/** xl/worksheets/sheetN.xml, fed in chunks: emits rows that hold at least one value or formula. */
export class SheetScanner extends ChunkScanner {
  /** `<row>` elements seen, empty ones included (what the row limit counts) */
  rowsSeen = 0;
  private state: 'before' | 'rows' | 'after' = 'before';
  private lastRow = 0;
  private readonly shared = new Map<string, { formula: string; row: number; col: number }>();

  constructor(private readonly ctx: SheetContext) {
    super();
  }

  /** `</sheetData>` was reached: nothing more to read. */
  get done(): boolean {
    return this.state === 'after';
  }

  push(text: string, out: SheetRow[]): void {
    const n = this.take(text);
    if (!n) return;
    if (this.state === 'before') this.findSheetData(n);
    if (this.state === 'rows') this.scanRows(n, out);
  }

  finish(): void {
    if (this.state === 'rows') throw new XmlFormatError('ends before </sheetData>');
  }

  private findSheetData(n: Names): void {
    const i = childIndex(this.buf, n.sheetData, this.pos);
    if (i < 0) {
      this.pos = Math.max(this.pos, this.buf.length - n.sheetData.length);
      return;
    }
    const gt = this.buf.indexOf('>', i);
    if (gt < 0) return this.wait(i, '>');
    this.state = this.buf.charCodeAt(gt - 1) === 47 ? 'after' : 'rows';
    this.pos = gt + 1;
  }

  private scanRows(n: Names, out: SheetRow[]): void {
    const buf = this.buf;
    let pos = this.pos;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        pos = buf.length;
        break;
      }
      if (lt + n.row.length >= buf.length) {
        pos = lt;
        break;
      }
      if (isStartOf(buf, lt, n.row)) {
        const gt = buf.indexOf('>', lt);
        if (gt < 0) return this.wait(lt, '>');
        if (buf.charCodeAt(gt - 1) === 47) {
          this.row(buf, lt + n.row.length, gt - 1, -1, n, out);
          pos = gt + 1;
          continue;
        }
        const end = buf.indexOf(n.rowEnd, gt);
        if (end < 0) return this.wait(lt, n.rowEnd);
        this.row(buf, lt + n.row.length, gt, end, n, out);
        pos = end + n.rowEnd.length;
      } else if (buf.charCodeAt(lt + 1) === 47 /* / */) {
        // the only end tag at this level is </sheetData>
        this.state = 'after';
        pos = lt;
        break;
      } else {
        // a comment or processing instruction between rows
        const gt = buf.indexOf('>', lt);
        if (gt < 0) return this.wait(lt, '>');
        pos = gt + 1;
      }
    }
    this.pos = pos;
  }

  /**
   * One `<row>`: its attributes are buf[tagFrom, tagTo), its cells lie between tagTo and bodyEnd
   * (-1 for an empty row). The cells are read in place, without slicing the row.
   */
  private row(buf: string, tagFrom: number, tagTo: number, bodyEnd: number, n: Names, out: SheetRow[]): void {
    this.rowsSeen++;
    const r = attrIn(buf.slice(tagFrom, tagTo), 'r');
    const rowNumber = r === undefined ? this.lastRow + 1 : Number(r);
    if (!Number.isInteger(rowNumber) || rowNumber < 1 || rowNumber > MAX_ROW) {
      throw new XmlFormatError(`bad row number «${r}»`);
    }
    this.lastRow = rowNumber;
    if (bodyEnd < 0) return;
    const cells: (SheetCell | undefined)[] = [];
    let any = false;
    let col = -1;
    let p = tagTo + 1;
    for (;;) {
      // cells mostly follow one another, the next one right here
      const ci = buf.startsWith(n.c, p) ? p : buf.indexOf(n.c, p);
      if (ci < 0 || ci >= bodyEnd) break;
      if (!isDelim(buf.charCodeAt(ci + n.c.length))) {
        p = ci + 1;
        continue;
      }
      const gt = buf.indexOf('>', ci);
      if (gt < 0 || gt > bodyEnd) throw new XmlFormatError(`row ${rowNumber}: unterminated cell`);
      const selfClosing = buf.charCodeAt(gt - 1) === 47;
      // the cell's attributes r, s and t, read in one pass
      let ref = -2;
      let style = -1;
      let type: string | undefined;
      let a = ci + n.c.length;
      const tagEnd = selfClosing ? gt - 1 : gt;
      while (a < tagEnd) {
        let ch = buf.charCodeAt(a);
        if (ch <= 32) {
          a++;
          continue;
        }
        const nameStart = a;
        while (a < tagEnd && (ch = buf.charCodeAt(a)) !== 61 && ch > 32) a++;
        const nameLength = a - nameStart;
        while (a < tagEnd && (ch = buf.charCodeAt(a)) !== 34 && ch !== 39) a++;
        // the closing quote, a few characters on: a loop costs less than a call of indexOf
        let valueEnd = a + 1;
        while (valueEnd < tagEnd && buf.charCodeAt(valueEnd) !== ch) valueEnd++;
        if (a >= tagEnd || valueEnd >= tagEnd) throw new XmlFormatError(`row ${rowNumber}: malformed cell tag`);
        if (nameLength === 1) {
          const name = buf.charCodeAt(nameStart);
          if (name === 114 /* r */) ref = columnAt(buf, a + 1, valueEnd);
          else if (name === 115 /* s */) style = numberAt(buf, a + 1, valueEnd);
          else if (name === 116 /* t */) type = buf.slice(a + 1, valueEnd);
        }
        a = valueEnd + 1;
      }
      col = ref === -2 ? col + 1 : ref;
      if (col < 0 || col > MAX_COLUMN) {
        throw new XmlFormatError(`row ${rowNumber}: bad cell reference «${buf.slice(ci, gt + 1)}»`);
      }
      if (selfClosing) {
        p = gt + 1;
        continue;
      }
      let cell: SheetCell | undefined;
      let end = valueOnly(buf, gt + 1, bodyEnd, n);
      if (end >= 0) {
        cell = this.value(buf, gt + 1 + n.v.length + 1, end, type, style, undefined, rowNumber, col);
        end += n.vEnd.length;
      } else {
        end = buf.indexOf(n.cEnd, gt);
        if (end < 0 || end > bodyEnd) throw new XmlFormatError(`row ${rowNumber}: unterminated cell`);
        cell = this.cell(buf, gt + 1, end, type, style, rowNumber, col, n);
      }
      if (cell) {
        cells[col] = cell;
        any = true;
      }
      p = end + n.cEnd.length;
    }
    if (any) out.push({ row: rowNumber, cells });
  }

  /** A cell from its content buf[from, to) (the children `<f>`, `<v>`, `<is>`) and its attributes. */
  private cell(
    buf: string,
    from: number,
    to: number,
    type: string | undefined,
    style: number,
    row: number,
    col: number,
    n: Names,
  ): SheetCell | undefined {
    let formula: string | undefined;
    let inline: string | undefined;
    let vFrom = -1;
    let vTo = -1;
    let q = from;
    while (q < to) {
      const lt = buf.indexOf('<', q);
      if (lt < 0 || lt >= to) break;
      const gt = buf.indexOf('>', lt);
      if (gt < 0 || gt > to) throw new XmlFormatError(`cell ${ref(row, col)}: malformed content`);
      const selfClosing = buf.charCodeAt(gt - 1) === 47;
      if (isStartOf(buf, lt, n.v)) {
        if (selfClosing) {
          q = gt + 1;
          continue;
        }
        const end = buf.indexOf(n.vEnd, gt);
        if (end < 0 || end > to) throw new XmlFormatError(`cell ${ref(row, col)}: unterminated <v>`);
        vFrom = gt + 1;
        vTo = end;
        q = end + n.vEnd.length;
      } else if (isStartOf(buf, lt, n.f)) {
        const tag = buf.slice(lt + n.f.length, selfClosing ? gt - 1 : gt);
        let text = '';
        q = gt + 1;
        if (!selfClosing) {
          const end = buf.indexOf(n.fEnd, gt);
          if (end < 0 || end > to) throw new XmlFormatError(`cell ${ref(row, col)}: unterminated <f>`);
          text = detach(decodeEntities(buf.slice(gt + 1, end)));
          q = end + n.fEnd.length;
        }
        formula = this.formula(tag, text, row, col);
      } else if (isStartOf(buf, lt, n.is)) {
        if (selfClosing) {
          inline = '';
          q = gt + 1;
          continue;
        }
        const end = buf.indexOf(n.isEnd, gt);
        if (end < 0 || end > to) throw new XmlFormatError(`cell ${ref(row, col)}: unterminated <is>`);
        inline = runText(buf.slice(gt + 1, end), n);
        q = end + n.isEnd.length;
      } else {
        // an extension element: step over its tags one by one
        q = gt + 1;
      }
    }

    if (inline !== undefined) return withFormula({ value: inline }, formula);
    if (vFrom < 0) return formula === undefined ? undefined : { value: null, formula };
    return this.value(buf, vFrom, vTo, type, style, formula, row, col);
  }

  /** A cell from its `<v>` text buf[vFrom, vTo), its type and style attributes and its formula. */
  private value(
    buf: string,
    vFrom: number,
    vTo: number,
    type: string | undefined,
    style: number,
    formula: string | undefined,
    row: number,
    col: number,
  ): SheetCell | undefined {
    if (type === 's') {
      // the index read in place, without a string of its own
      const s = this.ctx.sst[numberAt(buf, vFrom, vTo)];
      if (s === undefined) {
        const v = buf.slice(vFrom, vTo);
        throw new XmlFormatError(`cell ${ref(row, col)} refers to shared string ${v}, but there are ${this.ctx.sst.length}`);
      }
      return withFormula({ value: s }, formula);
    }
    if (type === undefined || type === 'n') {
      const num = decimalAt(buf, vFrom, vTo);
      if (num !== undefined) return this.number(num, style, formula);
    }
    const v = buf.slice(vFrom, vTo);
    switch (type) {
      case 'str':
      case 'inlineStr':
        return withFormula({ value: detach(decodeText(v)) }, formula);
      case 'b':
        return withFormula({ value: v === '1' || v === 'true' }, formula);
      case 'e':
        return withFormula({ value: null, error: detach(decodeText(v)) }, formula);
      case 'd': {
        // ISO date-times without an offset are wall-clock values; Date.parse would read them as local time
        const ms = Date.parse(/T/.test(v) && !/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(v) ? `${v}Z` : v);
        const cell: SheetCell = Number.isNaN(ms)
          ? { value: detach(decodeText(v)) }
          : { value: (ms - EPOCH_1900) / MS_PER_DAY, date: true };
        return withFormula(cell, formula);
      }
      default: {
        if (v.trim() === '') return formula === undefined ? undefined : { value: null, formula };
        // What JavaScript's Number() reads beyond a spreadsheet's number («0x10» → 16, «Infinity») stays
        // text, which the parsers refuse at its cell (src/core/values.ts xmlNumber).
        const num = xmlNumber(v);
        if (num === undefined) return withFormula({ value: detach(decodeText(v)) }, formula);
        return this.number(num, style, formula);
      }
    }
  }

  /** A numeric cell: a date when its style's number format is one. */
  private number(num: number, style: number, formula: string | undefined): SheetCell {
    if (style >= 0 && this.ctx.dateStyles[style]) {
      return withFormula({ value: this.ctx.date1904 ? num + DATE1904_OFFSET : num, date: true }, formula);
    }
    return withFormula({ value: num }, formula);
  }

  /** The formula text; for the cells of a shared formula, the master's text moved to this cell. */
  private formula(tag: string, text: string, row: number, col: number): string | undefined {
    if (attrIn(tag, 't') === 'shared') {
      const si = attrIn(tag, 'si');
      if (si !== undefined) {
        if (text !== '') {
          this.shared.set(si, { formula: text, row, col });
          return text;
        }
        const master = this.shared.get(si);
        return master ? shiftFormula(master.formula, row - master.row, col - master.col) : undefined;
      }
    }
    return text === '' ? undefined : text;
  }
}

/**
 * The common cell content, `<v>text</v></c>` at buf[from…]: the index of its `</v>`, else -1. Its text
 * holds no `<`, so that `</c>` is the cell's first, the end the general way finds by searching for it.
 */
function valueOnly(buf: string, from: number, bodyEnd: number, n: Names): number {
  const text = from + n.v.length + 1;
  if (!buf.startsWith(n.v, from) || buf.charCodeAt(text - 1) !== 62 /* > */) return -1;
  let lt = text;
  while (lt < bodyEnd && buf.charCodeAt(lt) !== 60 /* < */) lt++;
  return buf.startsWith(n.vEnd, lt) && buf.startsWith(n.cEnd, lt + n.vEnd.length) ? lt : -1;
}

/** buf[at…] is the start tag `open` (e.g. `<row`) and not a longer name. */
function isStartOf(buf: string, at: number, open: string): boolean {
  return buf.startsWith(open, at) && isDelim(buf.charCodeAt(at + open.length));
}

/**
 * What Number() reads of buf[from, to), for a style or shared-string index: 1 to 9 digits are read
 * in place, without a string of their own; anything else (empty, signs, spaces, decimals) by Number().
 */
function numberAt(buf: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return Number(buf.slice(from, to));
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(buf.slice(from, to));
    n = n * 10 + d;
  }
  return n;
}

/** 10^k for the k fractional digits decimalAt reads: every one of them exact in a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number written in buf[from, to) when it is a plain decimal (`-`? digits, `.`, digits) of at
 * most 15 digits, else undefined (then the text goes through xmlNumber). Such a number is read
 * exactly as Number() reads it: the digits make an integer below 2^53 and 10^k is exact, so one
 * division rounds once, to the double nearest the decimal (the fast path of Clinger's algorithm).
 */
function decimalAt(buf: string, from: number, to: number): number | undefined {
  let i = from;
  const negative = buf.charCodeAt(i) === 45; /* - */
  if (negative) i++;
  let digits = 0;
  let point = -1;
  let n = 0;
  for (; i < to; i++) {
    const c = buf.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
    } else if (c === 46 /* . */ && point < 0) point = i;
    else return undefined;
  }
  if (digits === 0 || digits > 15) return undefined;
  const value = point < 0 ? n : n / POWERS_OF_TEN[to - point - 1]!;
  return negative ? -value : value;
}

/** 0-based column of the cell reference in buf[from, to) (such as `AB12`), or -1. */
function columnAt(buf: string, from: number, to: number): number {
  let n = 0;
  let i = from;
  for (; i < to; i++) {
    const c = buf.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === from ? -1 : n - 1;
}

function withFormula(cell: SheetCell, formula: string | undefined): SheetCell {
  if (formula !== undefined) cell.formula = formula;
  return cell;
}

function ref(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

// String literals, quoted sheet names and structured references are copied as they are; relative
// cell references, whole-column and whole-row ranges move with the cell.
const FORMULA_TOKEN =
  /("(?:[^"]|"")*")|('(?:[^']|'')*')|(\[[^\]]*\])|(?<![\w.$])(\$?)([A-Z]{1,3}):(\$?)([A-Z]{1,3})(?![\w(.!])|(?<![\w.$:])(\$?)(\d{1,7}):(\$?)(\d{1,7})(?![\w.(!])|(?<![\w.$])(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![\w(.!])/g;

/**
 * A shared formula as it reads in a cell `dRow` rows and `dCol` columns away from its master
 * (ECMA-376 §18.3.1.40), or undefined when a moved reference falls off the sheet.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string | undefined {
  let off = false;
  const moveCol = (abs: string, l: string): string => {
    if (abs) return abs + l;
    const c = columnAt(l, 0, l.length) + dCol;
    if (c < 0 || c > MAX_COLUMN) off = true;
    return columnLetter(c);
  };
  const moveRow = (abs: string, r: string): string => {
    if (abs) return abs + r;
    const x = Number(r) + dRow;
    if (x < 1 || x > MAX_ROW) off = true;
    return String(x);
  };
  const out = formula.replace(
    FORMULA_TOKEN,
    (whole, dq, sq, br, ca1, cl1, ca2, cl2, ra1, rn1, ra2, rn2, ca, cl, ra, rn) => {
      if (dq !== undefined || sq !== undefined || br !== undefined) return whole;
      if (cl1 !== undefined) return `${moveCol(ca1, cl1)}:${moveCol(ca2, cl2)}`;
      if (rn1 !== undefined) return `${moveRow(ra1, rn1)}:${moveRow(ra2, rn2)}`;
      return moveCol(ca, cl) + moveRow(ra, rn);
    },
  );
  return off ? undefined : out;
}
