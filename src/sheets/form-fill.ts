/**
 * Fills a copy of a publisher's own consolidated-order form (PRODUCT.md §4.4): the recipients' names
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
import { columnIndex, columnLetter } from '../domain/finding.js';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../workspace/atomic.js';
import { DATA_SHEET_NAME, type DataValue } from './data-sheet.js';
import { dataSheetXml, xmlText } from './sheet-xml.js';
import type { FormLayout } from './form-layout.js';
import { DEFAULT_LIMITS } from './types.js';
import { elements, shiftFormula } from './xml-scan.js';
import { openZip } from './zip.js';
import { zipBuffer, zipEntry, type ZipEntry } from './zip-write.js';

export interface RecipientFill {
  /** what goes in the recipient's header cell: name and ИНН */
  label: string;
  /** form row → quantity */
  quantities: Map<number, number>;
}

export interface FormFill {
  layout: Pick<FormLayout, 'sheet' | 'header_row' | 'recipients_from' | 'recipients' | 'total'>;
  recipients: RecipientFill[];
  /** the hidden `_uchebnik` sheet's rows (data-sheet.ts `dataSheetRows`) */
  dataSheet: DataValue[][];
}

export interface FormFillResult {
  /** recipients beyond the form's own columns, for whom columns were added */
  added: number;
  /** false when the form's total column had a formula that could not be extended to the added columns */
  totalExtended: boolean;
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

  const entries: ZipEntry[] = [...parts].map(([name, data]) => zipEntry(name, data));
  await writeFileAtomic(target, zipBuffer(entries));
  return { added: filled.added, totalExtended: filled.totalExtended };
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

function fillSheet(xml: string, fill: FormFill, file: string): { xml: string; added: number; totalExtended: boolean } {
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
  const labelRow = pairs ? layout.header_row - 1 : layout.header_row;
  const newColumns = new Set<number>();
  for (let e = 1; e <= added; e++) for (const tc of templates) newColumns.add(tc + step * e);
  const newQtyColumns = Array.from({ length: added }, (_, e) => lastQty + step * (e + 1));

  // The form's total: `…+FY7` gets `+GA7+GC7`, `SUM(O11:BS11)` becomes `SUM(O11:CA11)`.
  const totalCol = layout.total ? columnIndex(layout.total.quantity) : -1;
  let totalExtended = true;
  const extendTotal = (text: string, row: number): string | undefined => {
    const lastLetter = columnLetter(lastQty);
    const range = new RegExp(`(?<![A-Z$])(\\$?[A-Z]{1,3}\\$?${row}:\\$?)${lastLetter}(\\$?${row})(?![\\d(])`);
    if (range.test(text)) return text.replace(range, `$1${columnLetter(newQtyColumns[newQtyColumns.length - 1]!)}$2`);
    const term = new RegExp(`(?<![A-Z$:])\\$?${lastLetter}\\$?${row}(?![\\d(:])`);
    if (term.test(text)) return text.replace(term, (t) => `${t}${newQtyColumns.map((c) => `+${columnLetter(c)}${row}`).join('')}`);
    return undefined;
  };

  const quantitiesByRow = new Map<number, [col: number, qty: number][]>();
  fill.recipients.forEach((r, k) => {
    for (const [row, qty] of r.quantities) {
      if (!quantitiesByRow.has(row)) quantitiesByRow.set(row, []);
      quantitiesByRow.get(row)!.push([qtyColumn(k), qty]);
    }
  });
  for (const row of quantitiesByRow.keys()) if (!rows.has(row)) rows.set(row, { attrs: ` r="${row}"`, cells: [] });
  if (!rows.has(labelRow)) rows.set(labelRow, { attrs: ` r="${labelRow}"`, cells: [] });

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
    // The total takes the added columns in. Shared formulas follow their master, so only a master or a
    // plain formula is changed, and only a master covering this column alone.
    const total = byCol.get(totalCol);
    if (added > 0 && total?.inner !== undefined) {
      const f = FORMULA.exec(total.inner);
      const shared = f && attr(f[1]!, 't') === 'shared';
      const isMaster = shared && !!f[2];
      const master = isMaster ? masters.get(attr(f[1]!, 'si') ?? '') : undefined;
      if (f && f[2] && (!shared || (master && master.fromCol === master.toCol))) {
        const extended = extendTotal(unescapeXml(f[2]), n);
        if (extended === undefined) {
          if (quantitiesByRow.has(n)) totalExtended = false;
        } else total.inner = total.inner.replace(FORMULA, `<f${f[1]}>${xmlText(extended)}</f>`);
      } else if (f && isMaster && quantitiesByRow.has(n)) totalExtended = false;
    }
    // Quantities and labels.
    for (const [col, qty] of quantitiesByRow.get(n) ?? []) {
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

  return { xml: widen(head, maxCol, templates, step, added) + out.join('') + mergesOf(tail, templates, step, added, labelRow), added, totalExtended };
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
