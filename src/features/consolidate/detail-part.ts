/**
 * The rows of a regional consolidation's «По школам» sheet (workbook.ts `detailPartTask` makes the
 * task): one row per school line, deflated as they are written. Like the data sheet (data-part.ts),
 * it is made from plain data and typed arrays, so that either thread can write it
 * (parts-in-turns.ts); the same function writes it in both, so the bytes do not depend on where.
 */
import { DeflatingPart, money } from '../../io/sheets/sheet-xml.js';
import type { ZipEntry } from '../../io/sheets/zip-write.js';

/** Everything the sheet is written from. */
export interface DetailPartTask {
  /** the part's name in the package */
  part: string;
  /** the sheet's XML before its first line: the sheet's setup, the title rows and the header */
  head: string;
  /** after the last line: the totals row and the sheet's end */
  tail: string;
  /** the row number of the first line */
  firstRow: number;
  /**
   * Per school index, what its cells hold between two row numbers: after `<c r="A` and the row
   * number, the municipality's cell up to `<c r="B`; then the school code's up to `<c r="C`; then the
   * name's up to `<c r="D`. Texts are shared strings, so these are ASCII.
   */
  schools: [string, string, string][];
  /**
   * Per row index, the same for the fpu code (up to `<c r="E`), the item code (F), the title (G), the
   * grade (H) and the price (I); and the price in kopecks, for the line's sum.
   */
  rows: { pieces: [string, string, string, string, string]; price: number }[];
  row: Uint32Array;
  school: Uint32Array;
  quantity: Uint32Array;
  /** the cell styles of a plain and a money cell */
  styles: { plain: number; money: number };
}

/**
 * Writes the part. A line is its row number between its school's pieces and its row's, then the
 * quantity and the sum as a formula with its value: a third of the time of making each cell.
 */
export async function writeDetailPart(t: DetailPartTask): Promise<ZipEntry> {
  const out = new DeflatingPart(t.part);
  await out.write(t.head);
  const { plain, money: moneyStyle } = t.styles;
  const count = t.row.length;
  let r = t.firstRow;
  // 64 lines a string, which stays small (see sheet-xml.ts DeflatingPart).
  for (let from = 0; from < count; from += 64) {
    let xml = '';
    for (let k = from; k < Math.min(count, from + 64); k++, r++) {
      const [a, b, c] = t.schools[t.school[k]!]!;
      const {
        pieces: [d, e, f, g, h],
        price,
      } = t.rows[t.row[k]!]!;
      const quantity = t.quantity[k]!;
      xml +=
        `<row r="${r}"><c r="A${r}${a}${r}${b}${r}${c}${r}${d}${r}${e}${r}${f}${r}${g}${r}${h}${r}" s="${plain}"><v>${quantity}</v></c>` +
        `<c r="J${r}" s="${moneyStyle}"><f>H${r}*I${r}</f><v>${money(quantity * price)}</v></c></row>`;
    }
    await out.writeBytes(xml);
  }
  await out.write(t.tail);
  return out.end();
}
