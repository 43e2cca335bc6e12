/**
 * What the fuzzer does to a file, as plain data: fast-check generates a mutation (so a failure
 * prints exactly what was done and shrinks towards the smallest change), and `apply…` turns the seed
 * and the mutation into the bytes the CLI is given. Positions are naturals taken modulo the length
 * of whatever they point into, so every generated mutation applies to every seed.
 */
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { columnLetter } from '../../../src/core/finding.js';
import { esc, workbookEntries, zipBuffer } from '../../support/xlsx-fixtures.js';
import { rezip, type Part } from './zip.js';

// ---------------------------------------------------------------- values people (and programs) type

/** Cell texts that have broken spreadsheet readers and validators somewhere. */
export const NASTY_TEXT: readonly string[] = [
  '',
  ' ',
  '   ',
  'abc',
  'двадцать семь',
  '1e309',
  '-1e309',
  '1e308',
  '1E+400',
  '-0',
  '-0,0',
  '0',
  '-1',
  '1.5',
  '1,5',
  '0,0000001',
  '10 000',
  '10\u00a0000',
  '1 000 000 000 000 000 000 000',
  '243,98 р.',
  '243.98000000000002',
  '9007199254740993',
  '99999999999999999999999999999',
  'NaN',
  'nan',
  'Infinity',
  '-Infinity',
  '∞',
  '=1+1',
  '=SUM(A1:A2)',
  "=HYPERLINK(\"http://x\";\"x\")",
  '+1',
  '@SUM(1)',
  '0x1F',
  '1e3',
  '1_000',
  '٣',
  '１２',
  '12.01.2018',
  '31.02.2018',
  '2018-13-45',
  '45000',
  'true',
  'ИТОГО',
  'Итого:',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  'valueOf',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001f',
  '\u0007\u0008\u000b\u000c',
  '\u007f',
  '\u200f',
  '\u202e0412',
  '0412\u200e',
  '\u2067Просвещение\u2069',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udfff\ud800',
  '𝟘𝟙',
  '👨‍👩‍👧',
  '\r\n',
  'a\nb',
  'a\rb',
  '"',
  '""',
  '"a"b"',
  ';',
  ',',
  '\t',
  '%s%n',
  '${x}',
  '<v>1</v>',
  '&amp;',
  '&#0;',
  '_x0000_',
  '_x005F_x000D_',
  '../../../etc/passwd',
  'CON',
  'x'.repeat(32 * 1024),
  Array.from({ length: 60 }, (_, i) => `строка ${i} `.repeat(12)).join('\n'),
  'a\r\n'.repeat(99),
  'Ж'.repeat(32 * 1024 - 1),
  // wide and combining characters: a text whose width is not its length (cli-table3's slow path)
  '渠攀'.repeat(16 * 1024),
  'é'.normalize('NFD').repeat(8 * 1024),
  '9'.repeat(400),
];

/** The nasty texts plus random ones: short text, arbitrary UTF-16 (lone surrogates), random numbers. */
/** Names that a lookup in a plain object finds on Object.prototype. */
export const PROTO_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'Constructor', 'CONSTRUCTOR'];

export const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.integer({ min: -3, max: 3000 })).map((n) => String(n)) },
  { weight: 1, arbitrary: fc.double({ noNaN: true }).map((n) => String(n).replace('.', ',')) },
);

/** A cell of an xlsx sheet, as the file stores it (the raw `<v>` text, not a JS number). */
export type XCell =
  | { t: 'n'; v: string }
  | { t: 's'; text: string }
  | { t: 'inline'; text: string }
  | { t: 'str'; f: string; v: string }
  | { t: 'f'; f: string; v?: string }
  | { t: 'e'; v: string }
  | { t: 'b'; v: string }
  | { t: 'd'; v: string };

export const NASTY_NUMBERS: readonly string[] = [
  '0',
  '-0',
  '1',
  '25',
  '1e309',
  '-1e309',
  '1e308',
  '5e-324',
  '1e-320',
  '9007199254740993',
  '1.5',
  '-3',
  '2.9999999999999996',
  '243.98000000000002',
  'NaN',
  'Infinity',
  ' 12 ',
  '0x10',
  '',
  '1,5',
];

export const xcell: fc.Arbitrary<XCell> = fc.oneof(
  { weight: 3, arbitrary: fc.oneof(fc.constantFrom(...NASTY_NUMBERS), fc.double().map(String), fc.integer().map(String)).map((v): XCell => ({ t: 'n', v })) },
  { weight: 3, arbitrary: nastyText.map((text): XCell => ({ t: 's', text })) },
  { weight: 2, arbitrary: nastyText.map((text): XCell => ({ t: 'inline', text })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('1+1', 'A1*2', 'SUM(G1:G99)', '"a"&"b"', 'NA()'), fc.constantFrom(...NASTY_NUMBERS)).map(([f, v]): XCell => ({ t: 'f', f, v })) },
  { weight: 1, arbitrary: fc.constantFrom('1+1', 'H6*I6', 'SUM(I6:I9)').map((f): XCell => ({ t: 'f', f })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('"x"', 'T(A1)'), nastyText).map(([f, v]): XCell => ({ t: 'str', f, v })) },
  { weight: 1, arbitrary: fc.constantFrom('#DIV/0!', '#REF!', '#N/A', '#VALUE!', '').map((v): XCell => ({ t: 'e', v })) },
  { weight: 1, arbitrary: fc.constantFrom('0', '1', 'true', '2').map((v): XCell => ({ t: 'b', v })) },
  { weight: 1, arbitrary: fc.constantFrom('2018-02-16', '2018-02-16T10:00:00', '2018-13-45', 'now', '').map((v): XCell => ({ t: 'd', v })) },
);

// ---------------------------------------------------------------- raw bytes

export type ByteOp =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; bit: number }
  | { op: 'zero'; at: number; length: number }
  | { op: 'cut'; at: number; length: number }
  | { op: 'repeat'; at: number; length: number }
  | { op: 'random'; at: number; bytes: number[] };

const pos = fc.nat();
const span = fc.integer({ min: 1, max: 512 });

export const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: pos }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('flip' as const), at: pos, bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('zero' as const), at: pos, length: span }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cut' as const), at: pos, length: span }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: pos, length: span }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('random' as const), at: pos, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }) },
);

export function applyBytes(input: Buffer, ops: readonly ByteOp[]): Buffer {
  let b = Buffer.from(input);
  for (const o of ops) {
    if (b.length === 0) break;
    const at = o.at % b.length;
    switch (o.op) {
      case 'truncate':
        b = b.subarray(0, at);
        break;
      case 'flip':
        b[at] = b[at]! ^ (1 << o.bit);
        break;
      case 'zero':
        b.fill(0, at, Math.min(b.length, at + o.length));
        break;
      case 'cut':
        b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + o.length))]);
        break;
      case 'repeat':
        b = Buffer.concat([b.subarray(0, at + o.length), b.subarray(at)]);
        break;
      case 'random':
        b = Buffer.concat([b.subarray(0, at), Buffer.from(o.bytes), b.subarray(at + o.bytes.length)]);
        break;
    }
  }
  return b;
}

// ---------------------------------------------------------------- zip entries

export type ZipOp =
  | { op: 'shuffle'; seed: number }
  | { op: 'drop'; part: number }
  | { op: 'duplicate'; part: number; after: number }
  | { op: 'rename'; part: number; to: 'upper' | 'slash' | 'backslash' | 'other' | 'dotdot'; other: number }
  | { op: 'empty'; part: number }
  | { op: 'store' }
  | { op: 'swap'; a: number; b: number };

export const zipOp: fc.Arbitrary<ZipOp> = fc.oneof(
  fc.record({ op: fc.constant('shuffle' as const), seed: fc.nat() }),
  fc.record({ op: fc.constant('drop' as const), part: pos }),
  fc.record({ op: fc.constant('duplicate' as const), part: pos, after: pos }),
  fc.record({ op: fc.constant('rename' as const), part: pos, to: fc.constantFrom('upper' as const, 'slash' as const, 'backslash' as const, 'other' as const, 'dotdot' as const), other: pos }),
  fc.record({ op: fc.constant('empty' as const), part: pos }),
  fc.record({ op: fc.constant('store' as const) }),
  fc.record({ op: fc.constant('swap' as const), a: pos, b: pos }),
);

function applyZipOps(parts: Part[], ops: readonly ZipOp[]): { parts: Part[]; store: boolean } {
  let ps = parts.map((p) => ({ ...p }));
  let store = false;
  for (const o of ops) {
    if (ps.length === 0) break;
    switch (o.op) {
      case 'shuffle': {
        let x = o.seed >>> 0;
        for (let i = ps.length - 1; i > 0; i--) {
          x = (Math.imul(x, 1103515245) + 12345) >>> 0;
          const j = x % (i + 1);
          [ps[i], ps[j]] = [ps[j]!, ps[i]!];
        }
        break;
      }
      case 'drop':
        ps.splice(o.part % ps.length, 1);
        break;
      case 'duplicate': {
        const p = ps[o.part % ps.length]!;
        ps.splice(o.after % (ps.length + 1), 0, { ...p });
        break;
      }
      case 'rename': {
        const p = ps[o.part % ps.length]!;
        const other = ps[o.other % ps.length]!.name;
        p.name =
          o.to === 'upper' ? p.name.toUpperCase()
          : o.to === 'slash' ? `/${p.name}`
          : o.to === 'backslash' ? p.name.replaceAll('/', '\\')
          : o.to === 'dotdot' ? `../${p.name}`
          : other;
        break;
      }
      case 'empty':
        ps[o.part % ps.length]!.data = Buffer.alloc(0);
        break;
      case 'store':
        store = true;
        break;
      case 'swap': {
        const a = ps[o.a % ps.length]!;
        const b = ps[o.b % ps.length]!;
        [a.data, b.data] = [b.data, a.data];
        break;
      }
    }
  }
  ps = ps.filter(Boolean);
  return { parts: ps, store };
}

// ---------------------------------------------------------------- XML parts

/** Fragments that SpreadsheetML readers trip over, inserted at tag boundaries — by the part they suit. */
export const XML_TOKENS = {
  sheet: [
    '<row r="0">',
    '<row r="-1"><c r="A1"><v>1</v></c></row>',
    '<row r="1048577"><c r="A1048577"><v>1</v></c></row>',
    '<row r="1e3"><c><v>1</v></c></row>',
    '<row r="3"></row>',
    '<row r="2"/>',
    '<row>',
    '</row>',
    '<row r="1"><c r="A1"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row>',
    '<row\r\n r="9"><c\r\n r="A9"\r\n t="inlineStr"><is><t>x</t></is></c></row>',
    '<row r="5\n"><c r="A5"><v>1</v></c></row>',
    '<c r="XFE1"><v>1</v></c>',
    '<c r="AAAAAAAA1"><v>1</v></c>',
    '<c r="1A"><v>1</v></c>',
    '<c\n r="1A"><v>1</v></c>',
    '<c r=""><v>1</v></c>',
    '<c r="A1" t="s"><v>999999</v></c>',
    '<c r="B1" t="s"><v>-1</v></c>',
    '<c t="s"><v>1.5</v></c>',
    '<c t="s"><v>__proto__</v></c>',
    '<c t="s"><v>constructor</v></c>',
    '<c t="s"><v>x\ny</v></c>',
    '<c r="C1"><v>1e309</v></c>',
    '<c r="D1"><v>-0</v></c>',
    '<c r="E1"><v>NaN</v></c>',
    '<c r="F1" t="str"><f>1+1</f><v>2</v></c>',
    '<c r="G1"><f t="shared" si="0" ref="G1:G9">A1*2</f><v>0</v></c>',
    '<c r="G2"><f t="shared" si="0"/></c>',
    '<c r="G3"><f t="shared" si="__proto__"/></c>',
    '<c r="G4"><f t="shared" si="7"/><v>3</v></c>',
    '<c r="H1" t="inlineStr"><is><t>__proto__</t></is></c>',
    '<c r="H2" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r><rPh><t>x</t></rPh></is></c>',
    `<c r="H3" t="inlineStr"><is><t>${'Ж'.repeat(40000)}</t></is></c>`,
    `<c r="H4" t="inlineStr"><is><t>${Array.from({ length: 60 }, (_, i) => `строка ${i} `.repeat(12)).join('&#10;')}</t></is></c>`,
    '<c r="A1" t="d"><v>2018-13-45T25:61</v></c>',
    '<c r="A1" t="d"><v>+275760-09-13T00:00:01Z</v></c>',
    '<c r="A1" t="e"><v>#DIV/0!</v></c>',
    '<c r="A1" t="b"><v>1</v></c>',
    '<c r="A1" s="99999"><v>43000</v></c>',
    '<c r="A1" s="-1"><v>1</v></c>',
    '<c r="A1" s="__proto__"><v>1</v></c>',
    '<c r="A1" t="zz"><v>1</v></c>',
    '<c r="A1"><v>1</v><v>2</v></c>',
    '<c r="A1"><v>',
    '<c r="A1">',
    '</c>',
    "<c r='A1' t='inlineStr'><is><t>x</t></is></c>",
    '<c r="A1" t="inlineStr"><is><t>a&#10;b</t></is></c>',
    '<v>1</v>',
    '</v>',
    '</sheetData>',
    '<sheetData>',
    '<sheetData/>',
    '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    '<mergeCells count="1"><mergeCell ref="B9:A1"/><mergeCell ref="A1"/><mergeCell ref="ZZZZ1:A1"/></mergeCells>',
    '<mergeCells>',
    '<x:row r="7"><x:c r="A7"><x:v>1</x:v></x:c></x:row>',
  ],
  sst: [
    '<si><t>x</t></si>',
    '<si/>',
    '<si>',
    '</si>',
    '<t>',
    '</t>',
    '<t/>',
    '<rPh><t>x</t></rPh>',
    '<rPh>',
    '<si><t>__proto__</t></si>',
    '<si><t>constructor</t></si>',
    '<si><t>a&#10;b&#13;c</t></si>',
    `<si><t>${'Ж'.repeat(40000)}</t></si>`,
    '<si><r><t>Про</t></r><r><t>свещение</t></r></si>',
  ],
  workbook: [
    '<sheet name="__proto__" sheetId="9" r:id="rId1"/>',
    '<sheet name="a&#10;b&#13;c" sheetId="9" r:id="rId1"/>',
    '<sheet name="x&#10;y" sheetId="9" r:id="rId99"/>',
    '<sheet name="x" sheetId="9" r:id="rId99"/>',
    '<sheet name="" sheetId="9"/>',
    '<sheet name="h" state="hidden" sheetId="9" r:id="rId1"/>',
    '<sheets>',
    '</sheets>',
    '<workbookPr date1904="1"/>',
    '<workbookPr date1904="true"/>',
  ],
  rels: [
    '<Relationship Id="rId1" Type="x/worksheet" Target="../../../../etc/passwd"/>',
    '<Relationship Id="rId1" Type="x/worksheet" Target="%ZZ%"/>',
    '<Relationship Id="rId1" Type="x/worksheet" Target="/"/>',
    '<Relationship Id="rId1" Type="x/worksheet" Target="xl/"/>',
    '<Relationship Id="rId1" Type="x/sharedStrings" Target="worksheets/sheet1.xml"/>',
    '<Relationship Id="rId9" Type="x/sharedStrings" Target="styles.xml"/>',
    '<Relationship Id="rId9" Type="x/styles" Target="sharedStrings.xml"/>',
    '<Relationship Id="rId1" Type="x/officeDocument" Target="xl/styles.xml"/>',
    '<Relationship Id="rId1" Type="x/officeDocument" Target="xl/worksheets/sheet1.xml"/>',
    '<Relationship Id="__proto__" Type="x/worksheet" Target="worksheets/sheet1.xml"/>',
    '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml" TargetMode="External"/>',
  ],
  styles: [
    '<xf numFmtId="14"/>',
    '<xf numFmtId="-1"/>',
    '<xf numFmtId="__proto__"/>',
    '<numFmt numFmtId="200" formatCode="dd/mm/yyyy"/>',
    '<numFmt numFmtId="__proto__" formatCode="[$-F800]"/>',
    '<numFmt numFmtId="14" formatCode="&quot;"/>',
    '<cellXfs count="2147483647">',
    '</cellXfs>',
  ],
  any: [
    '&#0;',
    '&#x110000;',
    '&#xD800;',
    '&#99999999;',
    '&amp;',
    '&bogus;',
    '&',
    '_x0000_',
    '_xD800_',
    '<![CDATA[<v>1</v>]]>',
    '<!-- <row r="5"> -->',
    '<?pi x?>',
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
    '"',
    "'",
    '<',
    '>',
    '/>',
    '\ufeff',
    '\u0000',
    'Ж',
    '\r\n',
    ' xmlns:x="urn:x"',
  ],
} as const;

/** The tokens for a part: its own kind first, then the generic ones. */
function tokensFor(name: string): readonly string[] {
  const kind =
    /worksheets\//i.test(name) ? XML_TOKENS.sheet
    : /sharedStrings/i.test(name) ? XML_TOKENS.sst
    : /workbook\.xml$/i.test(name) ? XML_TOKENS.workbook
    : /\.rels$/i.test(name) ? XML_TOKENS.rels
    : /styles/i.test(name) ? XML_TOKENS.styles
    : [];
  return [...kind, ...kind, ...XML_TOKENS.any];
}

export type XmlEdit =
  | { op: 'insert'; at: number; token: number }
  | { op: 'newline'; at: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'number'; at: number; value: string }
  | { op: 'truncate'; at: number }
  | { op: 'dropAttr'; at: number }
  | { op: 'encoding'; how: 'bom' | 'utf16' | 'invalid-byte' | 'cp1251' | 'overlong' };

const NUMBER_REPLACEMENTS = ['0', '-1', '1048577', '16385', '99999999999', '1e309', '', 'NaN', '00001', '4294967296', '2', '1.5'];

export const xmlEdit: fc.Arbitrary<XmlEdit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: pos, token: pos }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('newline' as const), at: pos }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: pos, length: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: pos, length: fc.integer({ min: 1, max: 400 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('number' as const), at: pos, value: fc.constantFrom(...NUMBER_REPLACEMENTS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: pos }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('dropAttr' as const), at: pos }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('encoding' as const), how: fc.constantFrom('bom' as const, 'utf16' as const, 'invalid-byte' as const, 'cp1251' as const, 'overlong' as const) }) },
);

/** Offsets of every `<` in the text: edits land on tag boundaries, where structure lives. */
function tagStarts(s: string): number[] {
  const out: number[] = [];
  for (let i = s.indexOf('<'); i >= 0; i = s.indexOf('<', i + 1)) out.push(i);
  return out.length ? out : [0];
}

function applyXmlEdits(name: string, data: Buffer, edits: readonly XmlEdit[]): Buffer {
  const tokens = tokensFor(name);
  let s = data.toString('utf8');
  let encoding: XmlEdit & { op: 'encoding' } | undefined;
  for (const e of edits) {
    if (e.op === 'encoding') {
      encoding = e;
      continue;
    }
    const tags = tagStarts(s);
    const at = tags[e.at % tags.length]!;
    switch (e.op) {
      case 'insert':
        s = s.slice(0, at) + tokens[e.token % tokens.length]! + s.slice(at);
        break;
      case 'newline': {
        // pretty-printed XML: a line break between a tag's attributes (or inside a value)
        const gt = s.indexOf('>', at);
        const space = s.indexOf(' ', at);
        if (space >= 0 && (gt < 0 || space < gt)) s = s.slice(0, space) + '\r\n\t' + s.slice(space + 1);
        else if (at + 2 < s.length) s = s.slice(0, at + 2) + '\n' + s.slice(at + 2);
        break;
      }
      case 'delete':
        s = s.slice(0, at) + s.slice(at + e.length);
        break;
      case 'duplicate':
        s = s.slice(0, at + e.length) + s.slice(at);
        break;
      case 'number': {
        const runs = [...s.matchAll(/\d+/g)];
        if (runs.length === 0) break;
        const m = runs[e.at % runs.length]!;
        s = s.slice(0, m.index) + e.value + s.slice(m.index! + m[0].length);
        break;
      }
      case 'truncate':
        s = s.slice(0, e.at % (s.length + 1));
        break;
      case 'dropAttr': {
        const attrs = [...s.matchAll(/\s[\w:]+="[^"]*"/g)];
        if (attrs.length === 0) break;
        const m = attrs[e.at % attrs.length]!;
        s = s.slice(0, m.index) + s.slice(m.index! + m[0].length);
        break;
      }
    }
  }
  if (!encoding) return Buffer.from(s, 'utf8');
  switch (encoding.how) {
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]);
    case 'utf16':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    case 'cp1251':
      return iconv.encode(s, 'win1251');
    case 'invalid-byte': {
      const b = Buffer.from(s, 'utf8');
      const at = Math.floor(b.length / 2);
      return Buffer.concat([b.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), b.subarray(at)]);
    }
    case 'overlong': {
      const b = Buffer.from(s, 'utf8');
      const at = b.indexOf('<', Math.floor(b.length / 3));
      return at < 0 ? b : Buffer.concat([b.subarray(0, at), Buffer.from([0xc0, 0xbc]), b.subarray(at + 1)]);
    }
  }
}

// ---------------------------------------------------------------- whole xlsx mutations

export type XlsxMutation =
  | { kind: 'bytes'; ops: ByteOp[] }
  | { kind: 'zip'; ops: ZipOp[] }
  | { kind: 'xml'; part: number; structural: boolean; edits: XmlEdit[]; zip: ZipOp[] };

export const xlsxMutation: fc.Arbitrary<XlsxMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('bytes' as const), ops: fc.array(byteOp, { minLength: 1, maxLength: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('zip' as const), ops: fc.array(zipOp, { minLength: 1, maxLength: 3 }) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('xml' as const),
      part: pos,
      structural: fc.boolean(),
      edits: fc.array(xmlEdit, { minLength: 1, maxLength: 4 }),
      zip: fc.array(zipOp, { maxLength: 1 }),
    }),
  },
);

/** Parts where the reader's real work happens: the sheets, the shared strings, the workbook. */
function isStructural(name: string): boolean {
  return /worksheets\/|sharedStrings|workbook\.xml|_rels\/|styles/i.test(name);
}

export function applyXlsx(seed: Buffer, parts: Part[], m: XlsxMutation): Buffer {
  switch (m.kind) {
    case 'bytes':
      return applyBytes(seed, m.ops);
    case 'zip': {
      const z = applyZipOps(parts, m.ops);
      return rezip(z.parts, z.store);
    }
    case 'xml': {
      const candidates = m.structural ? parts.filter((p) => isStructural(p.name)) : parts;
      const pool = candidates.length ? candidates : parts;
      const target = pool[m.part % pool.length]!;
      const edited = parts.map((p) => (p === target ? { name: p.name, data: applyXmlEdits(p.name, p.data, m.edits) } : p));
      const z = applyZipOps(edited, m.zip);
      return rezip(z.parts, z.store);
    }
  }
}

// ---------------------------------------------------------------- CSV dialects

export type CsvEncodingChoice = 'utf-8' | 'utf-8-bom' | 'windows-1251' | 'utf-16le-bom' | 'utf-16le';

export type CsvEdit =
  | { op: 'cell'; row: number; col: number; value: string }
  | { op: 'breakInCell'; row: number; col: number; at: number; eol: '\r\n' | '\n' | '\r' }
  | { op: 'openQuote'; row: number; col: number }
  | { op: 'strayQuote'; row: number; col: number; at: number }
  | { op: 'blank'; row: number; count: number; filler: string }
  | { op: 'dropRow'; row: number }
  | { op: 'dupRow'; row: number }
  | { op: 'banner'; text: string }
  | { op: 'protoCell'; row: number; col: number; name: string };

export interface CsvSpec {
  table: number;
  encoding: CsvEncodingChoice;
  delimiter: ';' | ',' | '\t';
  quoting: 'minimal' | 'all' | 'none';
  eol: '\r\n' | '\n' | '\r' | 'mixed';
  finalEol: boolean;
  edits: CsvEdit[];
  bytes: ByteOp[];
}

const csvEdit: fc.Arbitrary<CsvEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('cell' as const), row: pos, col: pos, value: nastyText }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('breakInCell' as const), row: pos, col: pos, at: pos, eol: fc.constantFrom('\r\n' as const, '\n' as const, '\r' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('openQuote' as const), row: pos, col: pos }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('strayQuote' as const), row: pos, col: pos, at: pos }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('blank' as const), row: pos, count: fc.integer({ min: 1, max: 40 }), filler: fc.constantFrom('', ';;;;', '  ', '""', '\t') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dropRow' as const), row: pos }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dupRow' as const), row: pos }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('banner' as const), text: fc.constantFrom('Прайс-лист, 2016 г., цены с НДС, руб.', 'Приложение №1;к Контракту', '"Заявка', '\ufeffЗаголовок', '') }) },
  // a name of Object.prototype in a cell: a header, an action, a code, an executor's name
  { weight: 2, arbitrary: fc.record({ op: fc.constant('protoCell' as const), row: pos, col: pos, name: fc.constantFrom(...PROTO_NAMES) }) },
);

export const csvSpec: fc.Arbitrary<CsvSpec> = fc.record({
  table: pos,
  encoding: fc.constantFrom<CsvEncodingChoice>('utf-8', 'utf-8-bom', 'windows-1251', 'utf-16le-bom', 'utf-16le'),
  delimiter: fc.constantFrom(';' as const, ',' as const, '\t' as const),
  quoting: fc.constantFrom('minimal' as const, 'minimal' as const, 'all' as const, 'none' as const),
  eol: fc.constantFrom('\r\n' as const, '\n' as const, '\r' as const, 'mixed' as const),
  finalEol: fc.boolean(),
  edits: fc.array(csvEdit, { maxLength: 5 }),
  bytes: fc.oneof({ weight: 5, arbitrary: fc.constant([] as ByteOp[]) }, { weight: 1, arbitrary: fc.array(byteOp, { minLength: 1, maxLength: 2 }) }),
});

const EOLS = ['\r\n', '\n', '\r'] as const;

export function applyCsv(tables: readonly string[][][], spec: CsvSpec): Buffer {
  const rows = tables[spec.table % tables.length]!.map((r) => r.slice());
  const post = new Map<string, (field: string) => string>();
  const pick = (row: number, col: number): [number, number] | undefined => {
    if (rows.length === 0) return undefined;
    const r = row % rows.length;
    const width = Math.max(1, rows[r]!.length);
    return [r, col % width];
  };
  for (const e of spec.edits) {
    switch (e.op) {
      case 'cell': {
        const at = pick(e.row, e.col);
        if (at) rows[at[0]]![at[1]] = e.value;
        break;
      }
      case 'breakInCell': {
        const at = pick(e.row, e.col);
        if (!at) break;
        const v = rows[at[0]]![at[1]] ?? '';
        const k = e.at % (v.length + 1);
        rows[at[0]]![at[1]] = v.slice(0, k) + e.eol + v.slice(k);
        break;
      }
      case 'openQuote': {
        const at = pick(e.row, e.col);
        if (at) post.set(`${at[0]}:${at[1]}`, (f) => `"${f}`);
        break;
      }
      case 'strayQuote': {
        const at = pick(e.row, e.col);
        if (at) post.set(`${at[0]}:${at[1]}`, (f) => f.slice(0, e.at % (f.length + 1)) + '"' + f.slice(e.at % (f.length + 1)));
        break;
      }
      case 'blank':
        rows.splice(rows.length ? e.row % rows.length : 0, 0, ...Array.from({ length: e.count }, () => [e.filler]));
        break;
      case 'dropRow':
        if (rows.length) rows.splice(e.row % rows.length, 1);
        break;
      case 'dupRow':
        if (rows.length) rows.splice(e.row % rows.length, 0, rows[e.row % rows.length]!.slice());
        break;
      case 'banner':
        rows.unshift([e.text]);
        break;
      case 'protoCell': {
        // the header and the first rows under it, where names are looked up
        const at = pick(e.row % 12, e.col);
        if (at) rows[at[0]]![at[1]] = e.name;
        break;
      }
    }
  }
  const d = spec.delimiter;
  const quote = (v: string): string => {
    if (spec.quoting === 'none') return v;
    if (spec.quoting === 'all' || v.includes(d) || v.includes('"') || v.includes('\n') || v.includes('\r')) return `"${v.replaceAll('"', '""')}"`;
    return v;
  };
  let text = '';
  rows.forEach((r, i) => {
    const line = r.map((v, c) => (post.get(`${i}:${c}`) ?? ((f: string) => f))(quote(v ?? ''))).join(d);
    const eol = spec.eol === 'mixed' ? EOLS[(i * 7 + spec.table) % 3]! : spec.eol;
    text += line + (i < rows.length - 1 || spec.finalEol ? eol : '');
  });
  let bytes: Buffer;
  switch (spec.encoding) {
    case 'utf-8':
      bytes = Buffer.from(text, 'utf8');
      break;
    case 'utf-8-bom':
      bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
      break;
    case 'windows-1251':
      bytes = iconv.encode(text, 'win1251');
      break;
    case 'utf-16le-bom':
      bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
      break;
    case 'utf-16le':
      bytes = iconv.encode(text, 'utf-16le');
      break;
  }
  return applyBytes(bytes, spec.bytes);
}

// ---------------------------------------------------------------- sheets written from cells

/** XML-safe text: escapes, and control characters either raw or as Excel's `_xHHHH_`. */
function xmlText(s: string, raw: boolean): string {
  const e = esc(s);
  return raw ? e : e.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`);
}

/**
 * An xlsx of one sheet from typed cells (strings in a shared-strings part, so both paths of the
 * reader are used), as the fixtures' writer lays it out. `rawControls` leaves control characters
 * unescaped in the XML, as some generators do.
 */
export function sheetXlsx(sheetName: string, rows: (XCell | undefined)[][], rawControls: boolean): Buffer {
  const sst: string[] = [];
  const sstIndex = new Map<string, number>();
  let xml = '';
  rows.forEach((r, i) => {
    const n = i + 1;
    let cells = '';
    r.forEach((c, j) => {
      if (!c) return;
      const ref = `${columnLetter(j)}${n}`;
      switch (c.t) {
        case 'n':
          cells += `<c r="${ref}"><v>${esc(c.v)}</v></c>`;
          break;
        case 's': {
          let k = sstIndex.get(c.text);
          if (k === undefined) {
            k = sst.length;
            sst.push(c.text);
            sstIndex.set(c.text, k);
          }
          cells += `<c r="${ref}" t="s"><v>${k}</v></c>`;
          break;
        }
        case 'inline':
          cells += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(c.text, rawControls)}</t></is></c>`;
          break;
        case 'str':
          cells += `<c r="${ref}" t="str"><f>${esc(c.f)}</f><v>${xmlText(c.v, rawControls)}</v></c>`;
          break;
        case 'f':
          cells += `<c r="${ref}"><f>${esc(c.f)}</f>${c.v === undefined ? '' : `<v>${esc(c.v)}</v>`}</c>`;
          break;
        case 'e':
          cells += `<c r="${ref}" t="e"><v>${esc(c.v)}</v></c>`;
          break;
        case 'b':
          cells += `<c r="${ref}" t="b"><v>${esc(c.v)}</v></c>`;
          break;
        case 'd':
          cells += `<c r="${ref}" t="d"><v>${esc(c.v)}</v></c>`;
          break;
      }
    });
    xml += `<row r="${n}">${cells}</row>`;
  });
  const items = sst.map((s) => `<si><t xml:space="preserve">${xmlText(s, rawControls)}</t></si>`);
  return workbookBytes(sheetName, xml, items);
}

function workbookBytes(sheetName: string, rowsXml: string, sharedStringItems: string[]): Buffer {
  return zipBuffer(workbookEntries({ sheets: [{ name: sheetName, rows: rowsXml }], sharedStringItems }));
}

/** The same table as plain text, for a CSV. */
export function xcellText(c: XCell | undefined): string {
  if (!c) return '';
  switch (c.t) {
    case 'n':
    case 'e':
    case 'b':
    case 'd':
      return c.v;
    case 's':
    case 'inline':
      return c.text;
    case 'str':
      return c.v;
    case 'f':
      return c.v ?? `=${c.f}`;
  }
}

/** A table of strings (a CSV seed) as an xlsx of inline and shared strings, numbers where the text is one. */
export function tableXlsx(sheetName: string, rows: string[][]): Buffer {
  return sheetXlsx(
    sheetName,
    rows.map((r) => r.map((v): XCell | undefined => (v === '' ? undefined : /^-?\d+(\.\d+)?$/.test(v) && v.length < 15 ? { t: 'n', v } : { t: 's', text: v }))),
    false,
  );
}
