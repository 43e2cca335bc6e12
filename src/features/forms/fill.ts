/**
 * Fills a copy of a publisher's own consolidated-order form (docs/file-formats.md#forms): the recipients' names
 * and ИНН in the header cells, their quantities in the item rows, the publisher's formulas and
 * formatting kept. Where the municipality has more recipients than the form has columns, pairs (or
 * columns) are added after the last one, made like it: the same styles, widths and merges, its
 * formulas moved over (`AC7*$Z7` → `GA7*$Z7`, `SUM(FY7:FY300)` → `SUM(GA7:GA300)`), and the form's
 * own total (`AC7+AE7+…+FY7`, `SUM(O11:BS11)`) extended to take them in.
 *
 * The package is edited part by part rather than loaded into exceljs and saved again: a form is the
 * publisher's, and a round trip through a library drops what it does not model (exceljs loses shared
 * formulas' masters, printer settings, conditional formats it cannot parse). Only the filled sheet,
 * the workbook part (a hidden data sheet for `uchebnik import`, and «recalculate on open») and the
 * package's index change; every other part is copied byte for byte.
 *
 * Formula cells of the filled sheet lose their cached results: Excel and LibreOffice compute them on
 * opening, and a program that does not calculate sees an empty cell rather than a stale zero.
 */
import path from 'node:path';
import { columnIndex, columnLetter } from '../../core/finding.js';
import { InputError } from '../../core/errors.js';
import { xmlNumber } from '../../core/values.js';
import { writeFileAtomic } from '../../io/workspace/atomic.js';
import { DATA_SHEET_NAME, type DataValue } from '../../io/sheets/data-sheet.js';
import { dataSheetXml, xmlText } from '../../io/sheets/sheet-xml.js';
import { addedColumns } from './added-columns.js';
import type { FormLayout } from './layout.js';
import { DEFAULT_LIMITS } from '../../io/sheets/types.js';
import { elements, shiftFormula } from '../../io/sheets/xml-scan.js';
import { openZip } from '../../io/sheets/zip.js';
import { zipBuffer, zipEntry, type ZipEntry } from '../../io/sheets/zip-write.js';

export interface RecipientFill {
  /** what goes in the recipient's header cell: name and ИНН */
  label: string;
  /** form row → quantity */
  quantities: Map<number, number>;
}

export interface FormFill {
  layout: Pick<FormLayout, 'sheet' | 'header_row' | 'label_row' | 'recipients_from' | 'recipients' | 'total'>;
  recipients: RecipientFill[];
  /** the hidden `_uchebnik` sheet's rows (data-sheet.ts `dataSheetRows`) */
  dataSheet: DataValue[][];
  /** the time the package's entries carry (default now): the run's own, so a repeated run writes the same bytes */
  writtenAt?: Date;
}

/** A filled row whose total formula does not add all of its quantities and could not be made to. */
export interface NotExtended {
  row: number;
  column: string;
  /** the formula as it reads there ('' when the cell has none) */
  formula: string;
  /** the filled quantity columns it leaves out */
  columns: string[];
  /** the copies it leaves out */
  copies: number;
}

export interface FormFillResult {
  /** recipients beyond the form's own columns, for whom columns were added */
  added: number;
  /** false when some filled row's total could not be made to add all its quantities (see notExtended) */
  totalExtended: boolean;
  notExtended: NotExtended[];
}

const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SHEET_TYPE = `${NS_REL}/worksheet`;
const SHEET_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

export async function fillForm(source: string, target: string, fill: FormFill): Promise<FormFillResult> {
  const file = path.basename(source);
  const zip = await openZip(source, file, DEFAULT_LIMITS);
  const parts = new Map<string, Buffer>();
  try {
    for (const part of zip.parts()) if (!part.name.endsWith('/')) parts.set(part.name, await zip.readAll(part));
  } finally {
    zip.close();
  }
  const text = (name: string) => parts.get(name)?.toString('utf8');
  const workbookName = [...parts.keys()].find((n) => /^\/?xl\/workbook\.xml$/i.test(n));
  if (!workbookName) throw new InputError('reader.not-xlsx', { file });
  const relsName = workbookName.replace(/workbook\.xml$/i, '_rels/workbook.xml.rels');
  let workbook = text(workbookName)!;
  let rels = text(relsName) ?? '';
  const sheetName = sheetPart(workbook, rels, fill.layout.sheet, file);
  if ([...elements(workbook, 'sheet')].some((el) => el.attrs.get('name') === DATA_SHEET_NAME)) {
    throw new InputError('form.fill-unsupported', { file, reason: `a sheet «${DATA_SHEET_NAME}» is already there` });
  }
  const sheetXml = text(sheetName);
  if (sheetXml === undefined) throw new InputError('form.fill-unsupported', { file, reason: `${sheetName} is missing` });

  const filled = fillSheet(sheetXml, fill, file);
  parts.set(sheetName, Buffer.from(filled.xml, 'utf8'));

  // The hidden data sheet, and Excel told to recalculate on opening (the calculation chain is dropped:
  // it lists formula cells, and a stale one is something Excel «repairs» with a warning).
  const dir = path.posix.dirname(workbookName);
  const dataPart = `${dir}/worksheets/${DATA_SHEET_NAME}.xml`;
  parts.set(dataPart, Buffer.from(dataSheetXml(fill.dataSheet), 'utf8'));
  const sheetId = Math.max(0, ...[...elements(workbook, 'sheet')].map((el) => Number(el.attrs.get('sheetId')) || 0)) + 1;
  const rId = `rIdUchebnik${sheetId}`;
  const prefix = /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(workbook)?.[1];
  if (!prefix) throw new InputError('form.fill-unsupported', { file, reason: 'the workbook part declares no relationship namespace' });
  workbook = workbook.replace(/<\/sheets>/, `<sheet name="${DATA_SHEET_NAME}" sheetId="${sheetId}" state="veryHidden" ${prefix}:id="${rId}"/></sheets>`);
  workbook = /<calcPr\b/.test(workbook)
    ? workbook.replace(/<calcPr\b([^>]*?)\s*(\/?)>/, (_, attrs: string, close: string) => `<calcPr${attrs.replace(/\s+fullCalcOnLoad="[^"]*"/, '')} fullCalcOnLoad="1"${close}>`)
    : workbook.replace(/<\/workbook>/, '<calcPr fullCalcOnLoad="1"/></workbook>');
  parts.set(workbookName, Buffer.from(workbook, 'utf8'));
  rels = rels.replace(/<Relationship\b[^>]*calcChain[^>]*\/>/g, '');
  rels = rels.replace(/<\/Relationships>/, `<Relationship Id="${rId}" Type="${SHEET_TYPE}" Target="worksheets/${DATA_SHEET_NAME}.xml"/></Relationships>`);
  parts.set(relsName, Buffer.from(rels, 'utf8'));
  for (const name of [...parts.keys()]) if (/calcChain\.xml$/i.test(name)) parts.delete(name);
  const types = text('[Content_Types].xml');
  if (types === undefined) throw new InputError('reader.not-xlsx', { file });
  parts.set(
    '[Content_Types].xml',
    Buffer.from(
      types.replace(/<Override\b[^>]*calcChain[^>]*\/>/g, '').replace(/<\/Types>/, `<Override PartName="/${dataPart}" ContentType="${SHEET_CONTENT}"/></Types>`),
      'utf8',
    ),
  );

  // The publisher's parts are copied as they are, except a numeric cell holding no number: one form's
  // generator wrote `<v>NaN</v>` (Number("5-6")), which openpyxl refuses and LibreOffice shows as
  // «NaN». uchebnik never writes one (issue 22): the value goes, the cell and its style stay.
  for (const [name, data] of parts) {
    if (!/^\/?xl\/worksheets\/[^/]+\.xml$/i.test(name)) continue;
    const xml = data.toString('utf8');
    const clean = withoutNonNumbers(xml);
    if (clean !== xml) parts.set(name, Buffer.from(clean, 'utf8'));
  }

  const entries: ZipEntry[] = [...parts].map(([name, data]) => zipEntry(name, data));
  await writeFileAtomic(target, zipBuffer(entries, fill.writtenAt));
  return { added: filled.added, totalExtended: filled.notExtended.length === 0, notExtended: filled.notExtended };
}

/** The sheet's XML without the `<v>` of numeric cells (no `t`, or `t="n"`) whose text is no number. */
export function withoutNonNumbers(xml: string): string {
  return xml.replace(/<c\b([^>/]*)>([\s\S]*?)<\/c>/g, (whole, attrs: string, inner: string) => {
    const type = attr(attrs, 't');
    if (type !== undefined && type !== 'n') return whole;
    const v = /<v>([^<]*)<\/v>/.exec(inner);
    if (!v || xmlNumber(v[1]!) !== undefined) return whole;
    return `<c${attrs}>${inner.replace(v[0], '')}</c>`;
  });
}

/** The part of the sheet named `name`, through the workbook's relationships. */
function sheetPart(workbook: string, rels: string, name: string, file: string): string {
  const sheet = [...elements(workbook, 'sheet')].find((el) => el.attrs.get('name') === name);
  let rid: string | undefined;
  for (const [k, v] of sheet?.attrs ?? []) if (k.endsWith(':id')) rid = v;
  const rel = [...elements(rels, 'Relationship')].find((el) => el.attrs.get('Id') === rid);
  const targetPath = rel?.attrs.get('Target');
  if (!targetPath) throw new InputError('form.fill-unsupported', { file, reason: `no sheet «${name}»` });
  return targetPath.startsWith('/') ? targetPath.slice(1) : path.posix.normalize(`xl/${targetPath}`);
}

// ---------------------------------------------------------------- the sheet

interface Cell {
  col: number;
  /** the attributes as written, `r` included */
  attrs: string;
  /** what is between <c> and </c>; undefined for an empty element */
  inner: string | undefined;
}

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const FORMULA = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/;

const attr = (attrs: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
const withoutAttr = (attrs: string, name: string): string => attrs.replace(new RegExp(`\\s${name}="[^"]*"`), '');

const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (whole, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
  });

const serialize = (c: Cell): string => `<c${c.attrs}${c.inner === undefined ? '/>' : `>${c.inner}</c>`}`;
const hasFormula = (c: Cell): boolean => c.inner !== undefined && FORMULA.test(c.inner);
const hasValue = (c: Cell): boolean => c.inner !== undefined && /<(v|is)\b/.test(c.inner);
const styleOf = (c: Cell | undefined): string => (c ? (/\ss="\d+"/.exec(c.attrs)?.[0] ?? '') : '');

function numberCell(col: number, row: number, style: string, n: number): Cell {
  return { col, attrs: ` r="${columnLetter(col)}${row}"${style}`, inner: `<v>${n}</v>` };
}

function textCell(col: number, row: number, style: string, s: string): Cell {
  return { col, attrs: ` r="${columnLetter(col)}${row}"${style} t="inlineStr"`, inner: `<is><t xml:space="preserve">${xmlText(s)}</t></is>` };
}

interface Master {
  row: number;
  col: number;
  text: string;
  /** the columns its shared range covers */
  fromCol: number;
  toCol: number;
}

const isNumberCell = (c: Cell): boolean => c.inner !== undefined && /<v>/.test(c.inner) && !/\st="(s|str|inlineStr|b|e)"/.test(c.attrs);

/** A formula whose every reference is on row `row` (a row's own total, not a column's «ИТОГО»). */
function ownRow(text: string, row: number): boolean {
  const refs = [...text.matchAll(/\$?[A-Z]{1,3}\$?(\d+)(?![\d(])/g)];
  return refs.length > 0 && refs.every((m) => Number(m[1]) === row);
}

function nearest(list: { row: number; text: string }[], row: number): { row: number; text: string } | undefined {
  let best: { row: number; text: string } | undefined;
  for (const x of list) if (!best || Math.abs(x.row - row) < Math.abs(best.row - row)) best = x;
  return best;
}

/**
 * An additive total formula of row `row` (added-columns.ts) made to add the `missing`
 * columns as well: a range end moved when they continue it (`SUM(O11:BS11)` → `SUM(O11:CA11)`, the
 * SUMPRODUCT's `O7:EZ7` → `O7:FD7` when the parity keeps), else the references added (`+FA7+FC7`,
 * `SUM(N7,P7,R7)`). Checked by reading the result back: undefined unless it adds exactly the old
 * columns and the missing ones.
 */
export function extendTotal(text: string, row: number, cols: number[], missing: number[]): string | undefined {
  const want = [...new Set([...cols, ...missing])].sort((a, b) => a - b).join();
  const check = (t: string) => (addedColumns(t, row)?.join() === want ? t : undefined);
  const body = text.replace(/^=/, '');
  const end = Math.max(...cols);
  const lastMissing = Math.max(...missing);
  const ref = (c: number) => `${columnLetter(c)}${row}`;
  if (/^SUMPRODUCT/i.test(body.replace(/\s/g, ''))) {
    // The ranges end at the last column of the last pair (or at its quantity): move both ends on.
    for (const m of body.matchAll(/:\$?([A-Z]{1,3})\$?(\d+)/g)) {
      const oldEnd = columnIndex(m[1]!);
      const newEnd = lastMissing + (oldEnd - end);
      const moved = check(body.replace(new RegExp(`(:\\$?)${m[1]}(\\$?${row})(?!\\d)`, 'g'), `$1${columnLetter(newEnd)}$2`));
      if (moved) return moved;
    }
    return undefined;
  }
  if (/^SUM\(/i.test(body)) {
    const contiguous = missing.every((c, i) => c === end + 1 + i);
    if (contiguous) {
      const moved = check(body.replace(new RegExp(`(:\\$?)${columnLetter(end)}(\\$?${row})(?!\\d)`), `$1${columnLetter(lastMissing)}$2`));
      if (moved) return moved;
    }
    return check(body.replace(/\)\s*$/, `,${missing.map(ref).join(',')})`));
  }
  return check(`${body}${missing.map((c) => `+${ref(c)}`).join('')}`);
}

/**
 * The shared formulas that touch `cols`, written out in every cell they cover: a shared formula's
 * children follow its master, so one row's total could not otherwise change alone.
 */
function unshare(rows: Map<number, { attrs: string; cells: Cell[] }>, masters: Map<string, Master>, formulaOf: (c: Cell, row: number) => string | undefined, cols: number[]): void {
  const si = new Set<string>();
  for (const { cells } of rows.values()) {
    for (const c of cells) {
      if (!cols.includes(c.col) || c.inner === undefined) continue;
      const f = FORMULA.exec(c.inner);
      if (f && attr(f[1]!, 't') === 'shared') si.add(attr(f[1]!, 'si') ?? '');
    }
  }
  if (si.size === 0) return;
  for (const [n, { cells }] of rows) {
    for (const c of cells) {
      if (c.inner === undefined) continue;
      const f = FORMULA.exec(c.inner);
      if (!f || attr(f[1]!, 't') !== 'shared' || !si.has(attr(f[1]!, 'si') ?? '')) continue;
      const text = formulaOf(c, n);
      if (text !== undefined) c.inner = c.inner.replace(FORMULA, `<f>${xmlText(text)}</f>`);
    }
  }
  for (const s of si) masters.delete(s);
}

function fillSheet(xml: string, fill: FormFill, file: string): { xml: string; added: number; notExtended: NotExtended[] } {
  const unsupported = (reason: string) => new InputError('form.fill-unsupported', { file, reason });
  const open = xml.search(/<sheetData\b/);
  if (open < 0) throw unsupported('the sheet has no <sheetData>');
  const openEnd = xml.indexOf('>', open) + 1;
  const selfClosed = xml[openEnd - 2] === '/';
  const close = selfClosed ? openEnd : xml.indexOf('</sheetData>', openEnd);
  if (close < 0) throw unsupported('the sheet is not closed');
  const head = selfClosed ? xml.slice(0, open) + '<sheetData>' : xml.slice(0, openEnd);
  const tail = selfClosed ? '</sheetData>' + xml.slice(openEnd) : xml.slice(close);

  // Rows, cells and the masters of shared formulas.
  const rows = new Map<number, { attrs: string; cells: Cell[] }>();
  const masters = new Map<string, Master>();
  for (const m of xml.slice(openEnd, close).matchAll(ROW)) {
    const n = Number(attr(m[1]!, 'r'));
    if (!Number.isInteger(n) || n < 1) throw unsupported('a row without its number');
    const cells: Cell[] = [];
    for (const c of (m[2] ?? '').matchAll(CELL)) {
      const ref = /^([A-Z]{1,3})(\d+)$/.exec(attr(c[1]!, 'r') ?? '');
      if (!ref || Number(ref[2]) !== n) throw unsupported(`row ${n}: a cell without its address`);
      const cell: Cell = { col: columnIndex(ref[1]!), attrs: c[1]!, inner: c[2] };
      cells.push(cell);
      const f = cell.inner === undefined ? null : FORMULA.exec(cell.inner);
      if (f && attr(f[1]!, 't') === 'shared' && attr(f[1]!, 'ref') && f[2]) {
        const range = /^([A-Z]{1,3})\d+(?::([A-Z]{1,3})\d+)?$/.exec(attr(f[1]!, 'ref')!);
        masters.set(attr(f[1]!, 'si')!, {
          row: n,
          col: cell.col,
          text: unescapeXml(f[2]),
          fromCol: range ? columnIndex(range[1]!) : cell.col,
          toCol: range ? columnIndex(range[2] ?? range[1]!) : cell.col,
        });
      }
    }
    rows.set(n, { attrs: m[1]!, cells });
  }

  /** The formula of a cell as it reads there (a shared one resolved through its master). */
  const formulaOf = (c: Cell, row: number): string | undefined => {
    const f = c.inner === undefined ? null : FORMULA.exec(c.inner);
    if (!f) return undefined;
    if (attr(f[1]!, 't') === 'shared' && !f[2]) {
      const master = masters.get(attr(f[1]!, 'si') ?? '');
      return master ? shiftFormula(master.text, row - master.row, c.col - master.col) : undefined;
    }
    return unescapeXml(f[2] ?? '');
  };

  const { layout } = fill;
  const pairs = layout.recipients_from === 'pairs';
  const step = pairs ? 2 : 1;
  const own = layout.recipients.length;
  const added = Math.max(0, fill.recipients.length - own);
  const last = layout.recipients[own - 1]!;
  const lastQty = columnIndex(last.quantity);
  const templates = pairs && last.sum ? [lastQty, columnIndex(last.sum)] : [lastQty];
  const qtyColumn = (k: number) => (k < own ? columnIndex(layout.recipients[k]!.quantity) : lastQty + step * (k - own + 1));
  // Names go over the quantity column: in the label row above a pair, in the header row over a single column.
  const labelRow = layout.label_row ?? (pairs && layout.header_row > 1 ? layout.header_row - 1 : layout.header_row);
  const newColumns = new Set<number>();
  for (let e = 1; e <= added; e++) for (const tc of templates) newColumns.add(tc + step * e);
  const newQtyColumns = Array.from({ length: added }, (_, e) => lastQty + step * (e + 1));
  /** every recipient quantity column of the filled form: the form's own and the added ones */
  const allQty = [...layout.recipients.map((r) => columnIndex(r.quantity)), ...newQtyColumns].sort((a, b) => a - b);

  const quantitiesByRow = new Map<number, [col: number, qty: number][]>();
  fill.recipients.forEach((r, k) => {
    for (const [row, qty] of r.quantities) {
      if (!quantitiesByRow.has(row)) quantitiesByRow.set(row, []);
      quantitiesByRow.get(row)!.push([qtyColumn(k), qty]);
    }
  });
  for (const row of quantitiesByRow.keys()) if (!rows.has(row)) rows.set(row, { attrs: ` r="${row}"`, cells: [] });
  if (!rows.has(labelRow)) rows.set(labelRow, { attrs: ` r="${labelRow}"`, cells: [] });

  // The form's total (pattern 10 of issue 16): each filled row's total must add every recipient column
  // uchebnik fills. Shared formulas of the total column are written out cell by cell first, so that one
  // row's formula can change without its neighbours'.
  const totalCol = layout.total ? columnIndex(layout.total.quantity) : -1;
  const totalSumCol = layout.total?.sum ? columnIndex(layout.total.sum) : -1;
  if (totalCol >= 0) unshare(rows, masters, formulaOf, [totalCol, totalSumCol]);
  // Per-row formulas (the total, its sum, each recipient's sum) a filled row lacks are copied from the
  // nearest row that has one: a row the publisher left without them would be left out of the totals.
  const perRow = [totalCol, totalSumCol, ...layout.recipients.flatMap((r) => (r.sum ? [columnIndex(r.sum)] : []))].filter((c) => c >= 0);
  const rowFormulas = new Map<number, { row: number; text: string }[]>(perRow.map((c) => [c, []]));
  for (const [n, { cells }] of rows) {
    for (const c of cells) {
      if (!rowFormulas.has(c.col)) continue;
      const text = formulaOf(c, n);
      if (text !== undefined && ownRow(text, n)) rowFormulas.get(c.col)!.push({ row: n, text });
    }
  }
  const notExtended: NotExtended[] = [];

  let maxCol = 0;
  const out: string[] = [];
  for (const n of [...rows.keys()].sort((a, b) => a - b)) {
    const { attrs, cells: original } = rows.get(n)!;
    const byCol = new Map(original.map((c) => [c.col, c]));
    for (const col of newColumns) {
      const there = byCol.get(col);
      if (there && (hasValue(there) || hasFormula(there))) {
        throw new InputError('form.no-room', { file, cell: `${columnLetter(col)}${n}`, count: fill.recipients.length, own });
      }
    }
    const filled = quantitiesByRow.get(n);
    if (filled) {
      for (const col of perRow) {
        const there = byCol.get(col);
        if (there && (hasFormula(there) || (hasValue(there) && !isNumberCell(there)))) continue;
        const near = nearest(rowFormulas.get(col)!, n);
        const moved = near && shiftFormula(near.text, n - near.row, 0);
        if (moved === undefined) continue;
        const style = styleOf(there ?? original.find((c) => c.col === col) ?? rows.get(near!.row)!.cells.find((c) => c.col === col));
        byCol.set(col, { col, attrs: ` r="${columnLetter(col)}${n}"${style}`, inner: `<f>${xmlText(moved)}</f>` });
      }
    }
    // Added columns, made like the last recipient's.
    for (let e = 1; e <= added; e++) {
      for (const tc of templates) {
        const template = byCol.get(tc);
        if (!template) continue;
        const col = tc + step * e;
        const formula = formulaOf(template, n);
        const moved = formula === undefined ? undefined : shiftFormula(formula, 0, col - tc);
        let c: Cell;
        if (moved !== undefined) c = { col, attrs: ` r="${columnLetter(col)}${n}"${styleOf(template)}`, inner: `<f>${xmlText(moved)}</f>` };
        else if (formula === undefined && hasValue(template)) c = { col, attrs: withoutAttr(template.attrs, 'r').replace(/^/, ` r="${columnLetter(col)}${n}"`), inner: template.inner };
        else c = { col, attrs: ` r="${columnLetter(col)}${n}"${styleOf(template)}`, inner: undefined };
        byCol.set(col, c);
      }
    }
    // The total takes in every recipient column: `…+FY7` gets `+GA7+GC7`, `SUM(O11:BS11)` becomes
    // `SUM(O11:CA11)`, a SUMPRODUCT's ranges reach the last added pair. What cannot be extended in a
    // filled row is reported at its cell.
    const total = byCol.get(totalCol);
    const text = total ? formulaOf(total, n) : undefined;
    if (total && text !== undefined && (filled || added > 0) && ownRow(text, n)) {
      const cols = addedColumns(text, n);
      const missing = allQty.filter((c) => !cols?.includes(c));
      const extended = missing.length === 0 ? text : cols ? extendTotal(text, n, cols, missing) : undefined;
      if (extended === undefined) {
        if (filled) {
          const lost = filled.filter(([c]) => !cols?.includes(c));
          if (lost.length || !cols) notExtended.push({ row: n, column: columnLetter(totalCol), formula: text, columns: lost.map(([c]) => columnLetter(c)), copies: lost.reduce((a, [, q]) => a + q, 0) });
        }
      } else if (extended !== text) total.inner = `<f>${xmlText(extended)}</f>`;
    } else if (filled && totalCol >= 0 && (!total || !hasFormula(total))) {
      // A filled row with no total formula and no row to copy one from (or text where it should be).
      notExtended.push({ row: n, column: columnLetter(totalCol), formula: '', columns: filled.map(([c]) => columnLetter(c)), copies: filled.reduce((a, [, q]) => a + q, 0) });
    }
    // Quantities and labels.
    for (const [col, qty] of filled ?? []) {
      const there = byCol.get(col);
      if (there && hasFormula(there)) throw new InputError('form.cell-has-formula', { file, cell: `${columnLetter(col)}${n}` });
      byCol.set(col, numberCell(col, n, styleOf(there ?? byCol.get(lastQty)), qty));
    }
    if (n === labelRow) {
      fill.recipients.forEach((r, k) => {
        const col = qtyColumn(k);
        byCol.set(col, textCell(col, n, styleOf(byCol.get(col) ?? byCol.get(lastQty)), r.label));
      });
    }
    // Stale cached results go; the spreadsheet computes them on opening.
    const cells = [...byCol.values()].sort((a, b) => a.col - b.col);
    for (const c of cells) {
      if (!hasFormula(c)) continue;
      c.inner = c.inner!.replace(/<v>[\s\S]*?<\/v>|<v\/>/, '');
      c.attrs = withoutAttr(c.attrs, 't');
    }
    if (cells.length) maxCol = Math.max(maxCol, cells[cells.length - 1]!.col);
    const rowAttrs = added > 0 ? withoutAttr(attrs, 'spans') : attrs;
    out.push(cells.length ? `<row${rowAttrs}>${cells.map(serialize).join('')}</row>` : `<row${rowAttrs}/>`);
  }

  return { xml: widen(head, maxCol, templates, step, added) + out.join('') + mergesOf(tail, templates, step, added, labelRow), added, notExtended };
}

/** The dimension and the column widths before <sheetData>, taking in the added columns. */
function widen(head: string, maxCol: number, templates: number[], step: number, added: number): string {
  let out = head.replace(/<dimension ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"\s*\/>/, (whole, c1: string, r1: string, c2?: string, r2?: string) => {
    const right = Math.max(columnIndex(c2 ?? c1), maxCol);
    return `<dimension ref="${c1}${r1}:${columnLetter(right)}${r2 ?? r1}"/>`;
  });
  if (added === 0) return out;
  const cols = /<cols>([\s\S]*?)<\/cols>/.exec(out);
  if (!cols) return out;
  const defs = [...cols[1]!.matchAll(/<col\b([^>]*?)\/>/g)].map((m) => ({ min: Number(attr(m[1]!, 'min')), max: Number(attr(m[1]!, 'max')), attrs: m[1]! }));
  const covered = (n: number) => defs.some((d) => d.min <= n && n <= d.max);
  const extra: typeof defs = [];
  for (let e = 1; e <= added; e++) {
    for (const tc of templates) {
      const n = tc + step * e + 1;
      const like = defs.find((d) => d.min <= tc + 1 && tc + 1 <= d.max);
      if (!like || covered(n)) continue;
      extra.push({ min: n, max: n, attrs: like.attrs.replace(/\smin="\d+"/, ` min="${n}"`).replace(/\smax="\d+"/, ` max="${n}"`) });
    }
  }
  const all = [...defs, ...extra].sort((a, b) => a.min - b.min);
  out = out.replace(cols[0], `<cols>${all.map((d) => `<col${d.attrs}/>`).join('')}</cols>`);
  return out;
}

/** The label row's merges of the last recipient, repeated for the added ones. */
function mergesOf(tail: string, templates: number[], step: number, added: number, labelRow: number): string {
  if (added === 0) return tail;
  const from = templates[0]!;
  const to = templates[templates.length - 1]!;
  const extra: string[] = [];
  for (const m of tail.matchAll(/<mergeCell ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"\/>/g)) {
    const [c1, r1, c2, r2] = [columnIndex(m[1]!), Number(m[2]), columnIndex(m[3]!), Number(m[4])];
    if (c1 < from || c2 > to || r1 > labelRow || r2 < labelRow) continue;
    for (let e = 1; e <= added; e++) extra.push(`<mergeCell ref="${columnLetter(c1 + step * e)}${r1}:${columnLetter(c2 + step * e)}${r2}"/>`);
  }
  if (!extra.length) return tail;
  return tail.replace(/<mergeCells count="(\d+)">([\s\S]*?)<\/mergeCells>/, (_, count: string, inner: string) => `<mergeCells count="${Number(count) + extra.length}">${inner}${extra.join('')}</mergeCells>`);
}
