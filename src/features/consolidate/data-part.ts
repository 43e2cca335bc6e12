/**
 * The hidden data sheet of a consolidation workbook (docs/file-formats.md#workbooks): one row per school
 * line, long format, under the metadata that carries their count and checksum — deflated as it is
 * written, never all rows in memory.
 *
 * It is made from compact columns (consolidate.ts `CompactLines`), so that either thread can write it
 * (parts-in-turns.ts): on the region bench it is ≈40 % of a consolidation's writing (bench/README.md).
 * Either way the same function writes it, so the bytes do not depend on where.
 */
import type { CompactLines } from './consolidate.js';
import { DataChecksum, dataSheetHead, type DataSheetMeta, type DataValue } from '../../io/sheets/data-sheet.js';
import { DeflatingPart, NS_MAIN, NS_REL, XML_HEAD, dataSheetBody, utf8Bytes, type SharedStrings } from '../../io/sheets/sheet-xml.js';
import type { ZipEntry } from '../../io/sheets/zip-write.js';

/** Columns of the hidden data sheet; the first seven are what `import` needs, the rest describe the item. */
export const CONSOLIDATION_COLUMNS = ['school', 'municipality', 'publisher', 'item_key', 'grade', 'quantity', 'price_kopecks', 'version', 'fpu_code', 'item_code', 'title'];

/** Everything the data sheet is written from: plain data and typed arrays, cheap to hand to a worker. */
export interface DataPartTask {
  meta: DataSheetMeta;
  /** ISO time of the run */
  writtenAt: string;
  /** the part's name in the package */
  part: string;
  publisher: string;
  /** per row index: item key, grade, price in kopecks, fpu code, item code, title ('' for an item the catalogue no longer has) */
  rows: [string, number, number, string, string, string][];
  /** per school index: code, municipality, the formed version counted */
  schools: [string, string, number][];
  row: Uint32Array;
  school: Uint32Array;
  quantity: Uint32Array;
  /** the texts' indices in the workbook's shared strings (-1: empty): the publisher's, per school its code and municipality, per row its item key, fpu code, item code and title */
  shared: { publisher: number; schools: number[]; rows: number[] };
}

export function dataPartTask(meta: DataSheetMeta, publisher: string, lines: CompactLines, part: string, writtenAt: Date, strings: SharedStrings): DataPartTask {
  const rows: DataPartTask['rows'] = lines.rows.map((r) => [r.item_key, r.grade, r.price_kopecks, r.item.fpu_code ?? '', r.item.item_code ?? '', r.item.known ? r.item.title : '']);
  const schools: DataPartTask['schools'] = lines.schools.map((s) => [s.code, s.municipality, s.version]);
  return {
    meta,
    writtenAt: writtenAt.toISOString(),
    part,
    publisher,
    rows,
    schools,
    row: lines.row,
    school: lines.school,
    quantity: lines.quantity,
    shared: {
      publisher: strings.add(publisher),
      schools: schools.flatMap(([code, municipality]) => [strings.add(code), strings.add(municipality)]),
      rows: rows.flatMap(([key, , , fpu, itemCode, title]) => [strings.add(key), strings.add(fpu), strings.add(itemCode), strings.add(title)]),
    },
  };
}

/** Line `k` as a row of the data sheet (CONSOLIDATION_COLUMNS); the sum is not stored: quantity × price. */
export function dataRow(t: DataPartTask, k: number): DataValue[] {
  const r = t.rows[t.row[k]!]!;
  const s = t.schools[t.school[k]!]!;
  return [s[0], s[1], t.publisher, r[0], r[1], t.quantity[k]!, r[2], s[2], r[3], r[4], r[5]];
}

/**
 * What every line of a school, or of a row, has in common, made once: its texts' cells after the
 * column letter and row number (they refer to the workbook's shared strings), and its stretches of the
 * row's canonical JSON as UTF-8 bytes (sheet-xml.ts `utf8Bytes`, data-sheet.ts `DataChecksum`). A line
 * is then its school's pieces and its row's with the row number and the quantity between them: the
 * checksum of `DataChecksum.add` of `dataRow`, and the cells of `dataSheetBody` with shared strings for
 * the texts (test/features/consolidate/data-part.test.ts), without a value array, an escape or an
 * encoding per line.
 */
interface SchoolPieces {
  code: number;
  municipality: number;
  version: number;
  /** `"code","municipality"` */
  json: string;
}

interface RowPieces {
  key: number;
  grade: number;
  price: number;
  fpu: number;
  itemCode: number;
  title: number;
  /** `,"publisher","item_key",grade,` — the quantity follows */
  json: string;
  /** `,price,` — the school's version follows */
  jsonPrice: string;
  /** `,"fpu_code","item_code","title"]` */
  jsonTail: string;
}

const json = (v: string | number) => utf8Bytes(JSON.stringify(v));

function schoolPieces([code, municipality, version]: DataPartTask['schools'][number], i: number, shared: DataPartTask['shared']): SchoolPieces {
  return { code: shared.schools[2 * i]!, municipality: shared.schools[2 * i + 1]!, version, json: `${json(code)},${json(municipality)}` };
}

function rowPieces(publisher: string, [key, grade, price, fpu, itemCode, title]: DataPartTask['rows'][number], i: number, shared: DataPartTask['shared']): RowPieces {
  const at = 4 * i;
  return {
    key: shared.rows[at]!,
    grade,
    price,
    fpu: shared.rows[at + 1]!,
    itemCode: shared.rows[at + 2]!,
    title: shared.rows[at + 3]!,
    json: `,${json(publisher)},${json(key)},${json(grade)},`,
    jsonPrice: `,${json(price)},`,
    jsonTail: `,${json(fpu)},${json(itemCode)},${json(title)}]`,
  };
}

/** A text cell of the data sheet by its shared string; nothing for the empty text. */
const text = (column: string, n: number, shared: number) => (shared < 0 ? '' : `<c r="${column}${n}" t="s"><v>${shared}</v></c>`);

/**
 * Writes the part. The lines are gone through twice, so that they are never all rows in memory: first
 * for their count and checksum, which the metadata above them carries, then to write them.
 */
export async function writeDataPart(t: DataPartTask): Promise<ZipEntry> {
  const n = t.row.length;
  const schools = t.schools.map((s, i) => schoolPieces(s, i, t.shared));
  const rows = t.rows.map((r, i) => rowPieces(t.publisher, r, i, t.shared));
  const sum = new DataChecksum(CONSOLIDATION_COLUMNS);
  for (let k = 0; k < n; k++) {
    const s = schools[t.school[k]!]!;
    const r = rows[t.row[k]!]!;
    sum.addJson(`[${s.json}${r.json}${t.quantity[k]!}${r.jsonPrice}${s.version}${r.jsonTail}`);
  }
  const head = dataSheetHead(t.meta, CONSOLIDATION_COLUMNS, { rows: sum.rows, checksum: sum.digest() }, new Date(t.writtenAt));
  const out = new DeflatingPart(t.part);
  await out.write(`${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetData>${dataSheetBody(head)}`);
  const publisher = t.shared.publisher;
  // 64 rows a string, which stays small (see sheet-xml.ts DeflatingPart)
  for (let from = 0; from < n; from += 64) {
    let xml = '';
    for (let k = from; k < Math.min(n, from + 64); k++) {
      const s = schools[t.school[k]!]!;
      const r = rows[t.row[k]!]!;
      const i = head.length + k + 1;
      xml +=
        `<row r="${i}">${text('A', i, s.code)}${text('B', i, s.municipality)}${text('C', i, publisher)}${text('D', i, r.key)}` +
        `<c r="E${i}"><v>${r.grade}</v></c><c r="F${i}"><v>${t.quantity[k]!}</v></c><c r="G${i}"><v>${r.price}</v></c><c r="H${i}"><v>${s.version}</v></c>` +
        `${text('I', i, r.fpu)}${text('J', i, r.itemCode)}${text('K', i, r.title)}</row>`;
    }
    await out.writeBytes(xml);
  }
  await out.write('</sheetData></worksheet>');
  return out.end();
}
