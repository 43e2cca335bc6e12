/**
 * The annotated copy of a checked file (`order validate --annotate DIR`, docs/file-formats.md#annotated-copy): the school's
 * own workbook, as it was, with every finding's cell filled red (error) or yellow (warning), the
 * messages as a cell comment, and a sheet «Замечания» listing every finding, with a link to its cell.
 * A CSV source becomes an xlsx with its rows at the same row numbers and columns, so the addresses
 * in the findings hold; an .xls or .ods source is converted by LibreOffice first, as the reader did.
 *
 * Annotating an annotated copy again (the school sent back its corrections) starts from the school's
 * own state: a hidden sheet `_uchebnik_annotation` records, per marked cell, the fill and comment it had
 * before, and they are put back (unless a person changed them since) before the new findings are
 * marked; the previous findings sheet is replaced, never duplicated.
 *
 * exceljs limits to know: a comment on an empty cell is written but not read back, so a school's
 * comment on an empty cell does not survive the copy; comment boxes have exceljs's fixed size (the
 * findings sheet holds the full text); drawings and charts of the source are not kept.
 */
import path from 'node:path';
import type { Cell, Comment, Fill, Workbook, Worksheet } from 'exceljs';
import { cellRef, type Finding, type Severity } from '../../core/finding.js';
import { InputError, UsageError } from '../../core/errors.js';
import { t, type Lang } from '../../core/i18n/index.js';
import { OutputFolder } from '../workspace/paths.js';
import { openWorkbook, xlsxOf } from './open.js';
import type { OpenOptions, SheetRow } from './types.js';
import { autoWidth, loadExcelJS, newWorkbook, saveWorkbook, setPrintA4, styles, wrappedRowHeight } from './xlsx-write.js';
import { makeDirs } from '../workspace/io.js';

export interface AnnotateInput {
  /** path of the original file */
  source: string;
  format: 'xlsx' | 'csv';
  /** path of the copy to write (always xlsx) */
  out: string;
  findings: Finding[];
  lang: Lang;
  /** for CSV sources: the rows as read (with the encoding and delimiter the user chose); read again when absent */
  csvRows?: SheetRow[];
  /** for CSV sources read again: the user's --encoding and --delimiter */
  read?: OpenOptions;
}

export interface AnnotatedCopies {
  written: { file: string; out: string }[];
  /** files whose copy could not be written, with the one-line reason; the others are still written */
  failed: { file: string; error: InputError | UsageError }[];
}

/**
 * `<name>.checked.xlsx` in `dir` for each file, as every validating command's `--annotate` writes
 * them. One file the writer cannot rewrite does not stop the others or the report.
 */
export async function writeAnnotatedCopies(files: Omit<AnnotateInput, 'out'>[], dir: string): Promise<AnnotatedCopies> {
  await makeDirs(dir);
  const result: AnnotatedCopies = { written: [], failed: [] };
  // Two inputs of one name from different folders get two copies, and no name leaves the folder.
  const folder = new OutputFolder(dir);
  const seen = new Map<string, number>();
  for (const f of files) {
    const stem = path.basename(f.source).replace(/\.[^.]+$/, '');
    const n = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, n);
    const out = folder.file(`${n === 1 ? stem : `${stem}-${n}`}.checked`, '.xlsx');
    try {
      await writeAnnotatedCopy({ ...f, out });
      result.written.push({ file: f.source, out });
    } catch (err) {
      if (!(err instanceof InputError || err instanceof UsageError)) throw err;
      result.failed.push({ file: f.source, error: err });
    }
  }
  return result;
}

export const ANNOTATION_STATE_SHEET = '_uchebnik_annotation';
const NOTE_MARK = 'uchebnik:';
const FILLS: Record<Severity, string> = { error: 'FFFF8A80', warning: 'FFFFE066' };
const COLUMN_KEYS = ['writer.col-number', 'writer.col-sheet', 'writer.col-cell', 'writer.col-code', 'writer.col-severity', 'writer.col-message'];
const COLUMN_WIDTHS = [6, 18, 12, 30, 16, 100];

export async function writeAnnotatedCopy(input: AnnotateInput): Promise<void> {
  if (path.resolve(input.out) === path.resolve(input.source)) throw new UsageError('writer.annotate-over-source', { file: input.source });
  let wb: Workbook;
  let sheetOf: (f: Finding) => Worksheet | undefined;
  if (input.format === 'csv') {
    const rows = input.csvRows ?? (await readCsvRows(input.source, input.read));
    const ws = await csvWorkbook(rows, path.basename(input.source, path.extname(input.source)));
    wb = ws.workbook;
    sheetOf = () => ws;
  } else {
    wb = await loadSource(input.source);
    undoPrevious(wb);
    const first = wb.worksheets.find((ws) => ws.state === 'visible');
    sheetOf = (f) => (f.sheet === undefined ? first : wb.getWorksheet(f.sheet));
  }

  const marked = markCells(input.findings, sheetOf, input.lang);
  addFindingsSheet(wb, input.findings, sheetOf, input.lang);
  if (input.format === 'xlsx') addStateSheet(wb, marked);
  await saveWorkbook(wb, input.out);
}

/**
 * What exceljs may be given to rewrite. It holds a whole workbook in memory at ≈1–1.5 KB a cell, and
 * a merge expands into a cell for every position it covers: one `<mergeCell ref="K1:XFD1048576"/>` in
 * a 16 KB order grew past 4 GB (issue 22). The reader's own limits (size, unpacked size, ratio) hold
 * first; then these, counted by the streaming reader, which never materialises a merge.
 */
export const ANNOTATE_LIMITS = { cells: 400_000, mergedCells: 200_000, merges: 10_000 };

async function assertAnnotatable(source: string): Promise<void> {
  const book = await openWorkbook(source);
  try {
    let cells = 0;
    let mergedCells = 0;
    let merges = 0;
    for (const info of book.sheets) {
      const sheet = await book.sheet(info.index);
      merges += sheet.merges.length;
      for (const m of sheet.merges) mergedCells += (m.bottom - m.top + 1) * (m.right - m.left + 1);
      if (merges <= ANNOTATE_LIMITS.merges && mergedCells <= ANNOTATE_LIMITS.mergedCells) {
        for await (const row of sheet.rows()) {
          for (const c of row.cells) if (c !== undefined) cells++;
          if (cells > ANNOTATE_LIMITS.cells) break;
        }
      }
      if (cells > ANNOTATE_LIMITS.cells || merges > ANNOTATE_LIMITS.merges || mergedCells > ANNOTATE_LIMITS.mergedCells) {
        throw new InputError('writer.annotate-too-large', { file: source, cells, merged: mergedCells, merges, limit_cells: ANNOTATE_LIMITS.cells, limit_merged: ANNOTATE_LIMITS.mergedCells });
      }
    }
  } finally {
    await book.close();
  }
}

async function loadSource(source: string): Promise<Workbook> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  // The file as the reader took it: sniffed the same way, an .xls or .ods through the same conversion.
  const xlsx = await xlsxOf(source);
  try {
    await assertAnnotatable(xlsx);
    await wb.xlsx.readFile(xlsx);
  } catch (err) {
    if (err instanceof InputError) throw err;
    // The reader opened this file, exceljs does not: a structure exceljs cannot rewrite, not a bug of ours.
    throw new InputError('writer.annotate-failed', { file: source, reason: err instanceof Error ? err.message : String(err) }, { cause: err });
  }
  return wb;
}

async function readCsvRows(source: string, read: OpenOptions = {}): Promise<SheetRow[]> {
  const book = await openWorkbook(source, read);
  try {
    const rows: SheetRow[] = [];
    for await (const row of (await book.sheet()).rows()) rows.push(row);
    return rows;
  } finally {
    await book.close();
  }
}

/** Excel's rules for a sheet name: at most 31 characters, none of []:*?/\, not blank. */
function sheetTitle(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31).trim();
  return clean || 'CSV';
}

async function csvWorkbook(rows: SheetRow[], name: string): Promise<Worksheet> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(sheetTitle(name));
  for (const row of rows) {
    const target = ws.getRow(row.row);
    row.cells.forEach((cell, i) => {
      if (cell && cell.value !== null) target.getCell(i + 1).value = cell.value;
    });
  }
  autoWidth(ws, { min: 6, max: 50 });
  return ws;
}

// ------------------------------------------------------------------ marking cells

interface Marked {
  sheet: string;
  address: string;
  /** the fill and comment the cell had before, as JSON ('' for none) */
  fill: string;
  note: string;
}

function severityText(lang: Lang, s: Severity): string {
  return t(lang, `writer.severity-${s}`);
}

function message(f: Finding, lang: Lang): string {
  return t(lang, `finding.${f.code}`, { ...f.params, expected: f.expected, actual: f.actual });
}

/** The cell a finding marks: the top-left cell of a merged range, whose fill and comment are the ones shown. */
function targetCell(ws: Worksheet, address: string): Cell {
  const cell = ws.getCell(address);
  return cell.isMerged ? cell.master : cell;
}

function markCells(findings: Finding[], sheetOf: (f: Finding) => Worksheet | undefined, lang: Lang): Marked[] {
  const groups = new Map<string, { ws: Worksheet; cell: Cell; findings: Finding[] }>();
  for (const f of findings) {
    const ws = sheetOf(f);
    const ref = cellRef(f);
    if (!ws || !ref) continue;
    const cell = targetCell(ws, ref);
    const key = `${ws.name}\u0000${cell.address}`;
    const group = groups.get(key);
    if (group) group.findings.push(f);
    else groups.set(key, { ws, cell, findings: [f] });
  }
  const marked: Marked[] = [];
  for (const { ws, cell, findings: here } of groups.values()) {
    marked.push({ sheet: ws.name, address: cell.address, fill: json(cell.style.fill), note: json(cell.note) });
    const worst: Severity = here.some((f) => f.severity === 'error') ? 'error' : 'warning';
    // Cells of one style share one style object in a loaded workbook: replace it, never mutate it.
    cell.style = { ...cell.style, fill: styles.solid(FILLS[worst]) };
    const lines = here.map((f) => (here.length > 1 ? `\n• ${severityText(lang, f.severity)}: ${message(f, lang)}` : `\n${message(f, lang)}`));
    // The school's own comment stays readable under ours.
    const own = cell.note === undefined ? [] : [{ text: '\n\n' }, ...(typeof cell.note === 'string' ? [{ text: cell.note }] : cell.note.texts ?? [])];
    cell.note = { texts: [{ font: { bold: true }, text: NOTE_MARK }, { text: lines.join('') }, ...own] };
  }
  return marked;
}

function json(v: unknown): string {
  return v === undefined || v === null ? '' : JSON.stringify(v);
}

// ------------------------------------------------------------------ the findings sheet

/** A sheet reference inside a formula's string literal: quotes doubled for the reference and for the literal. */
function linkFormula(sheet: string, address: string, text: string): string {
  const target = `#'${sheet.replace(/'/g, "''")}'!${address}`;
  return `HYPERLINK("${target.replace(/"/g, '""')}","${text.replace(/"/g, '""')}")`;
}

function order(sheetIndex: (name: string | undefined) => number) {
  return (a: Finding, b: Finding): number =>
    sheetIndex(a.sheet) - sheetIndex(b.sheet) ||
    (a.row ?? 0) - (b.row ?? 0) ||
    (a.column ?? '').length - (b.column ?? '').length ||
    (a.column ?? '').localeCompare(b.column ?? '') ||
    a.code.localeCompare(b.code);
}

function uniqueSheetName(wb: Workbook, base: string): string {
  let name = base;
  for (let n = 2; wb.getWorksheet(name); n++) name = `${base} (${n})`;
  return name;
}

function addFindingsSheet(wb: Workbook, findings: Finding[], sheetOf: (f: Finding) => Worksheet | undefined, lang: Lang): void {
  const ws = wb.addWorksheet(uniqueSheetName(wb, t(lang, 'writer.findings-sheet')), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = COLUMN_WIDTHS.map((width) => ({ width }));
  const header = ws.getRow(1);
  COLUMN_KEYS.forEach((key, i) => {
    header.getCell(i + 1).value = t(lang, key);
    header.getCell(i + 1).style = styles.header;
  });

  const position = new Map(wb.worksheets.map((s, i) => [s.name, i]));
  const sorted = [...findings].sort(order((name) => (name === undefined ? -1 : (position.get(name) ?? -1))));
  sorted.forEach((f, i) => {
    const row = ws.getRow(i + 2);
    // A finding about the whole file (no sheet, no row) names no sheet, not the default one.
    const target = f.sheet !== undefined || f.row !== undefined ? sheetOf(f) : undefined;
    const ref = cellRef(f);
    const cells: (number | string | undefined)[] = [i + 1, target?.name ?? f.sheet, undefined, f.code, severityText(lang, f.severity)];
    cells.forEach((v, c) => {
      if (v !== undefined) row.getCell(c + 1).value = v;
      row.getCell(c + 1).style = styles.plain;
    });
    const address = ref ?? (f.row !== undefined ? `A${f.row}` : undefined);
    const label = ref ?? (f.row !== undefined ? t(lang, 'writer.row', { row: f.row }) : '');
    const cell = row.getCell(3);
    if (target && address) {
      cell.value = { formula: linkFormula(target.name, address, label), result: label };
      cell.style = { ...styles.plain, ...styles.link };
    } else if (label) cell.value = label;
    row.getCell(5).style = { ...styles.plain, fill: styles.solid(FILLS[f.severity]) };
    const text = message(f, lang);
    row.getCell(6).value = text;
    row.getCell(6).style = styles.text;
    row.height = wrappedRowHeight([[text, COLUMN_WIDTHS[5]!]]);
  });
  if (sorted.length > 0) ws.autoFilter = { from: 'A1', to: `F${sorted.length + 1}` };
  setPrintA4(ws, { landscape: true, repeatRows: [1, 1] });
}

/** Whether a sheet is a findings sheet uchebnik wrote, in either language, by its header row. */
function isFindingsSheet(ws: Worksheet): boolean {
  const header = ws.getRow(1);
  return (['ru', 'en'] as const).some((lang) => COLUMN_KEYS.every((key, i) => header.getCell(i + 1).text === t(lang, key)));
}

// ------------------------------------------------------------------ re-annotation

function addStateSheet(wb: Workbook, marked: Marked[]): void {
  const ws = wb.addWorksheet(ANNOTATION_STATE_SHEET, { state: 'veryHidden' });
  ws.addRow(['sheet', 'cell', 'fill', 'note']);
  ws.addRows(marked.map((m) => [m.sheet, m.address, m.fill || null, m.note || null]));
}

function isOurFill(fill: Fill | undefined): boolean {
  return fill?.type === 'pattern' && fill.pattern === 'solid' && Object.values(FILLS).includes(fill.fgColor?.argb ?? '');
}

function isOurNote(note: string | Comment | undefined): boolean {
  return typeof note === 'object' && note.texts?.[0]?.text === NOTE_MARK;
}

/**
 * exceljs 4.4 has no way to remove a comment (assigning undefined writes an empty one). A loaded cell
 * holds it twice: in `_comment` and in the model of its value, which assigning the value anew replaces.
 * The annotate tests cover this, so an exceljs upgrade that moves either is caught.
 */
function removeNote(cell: Cell): void {
  Reflect.deleteProperty(cell, '_comment');
  const value = cell.value;
  cell.value = value;
}

/** A value recorded by addStateSheet; a hand-edited record that is not JSON counts as none. */
function parseJson<T>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** Puts back what a previous annotation changed and removes its sheets. */
function undoPrevious(wb: Workbook): void {
  const state = wb.getWorksheet(ANNOTATION_STATE_SHEET);
  if (state) {
    state.eachRow((row, r) => {
      if (r === 1) return;
      const [sheet, address, fill, note] = [1, 2, 3, 4].map((c) => row.getCell(c).text);
      const ws = sheet ? wb.getWorksheet(sheet) : undefined;
      if (!ws || !address) return;
      const cell = ws.getCell(address);
      if (isOurFill(cell.style.fill)) {
        const { fill: _ours, ...rest } = cell.style;
        const before = parseJson<Fill>(fill);
        cell.style = before ? { ...rest, fill: before } : rest;
      }
      if (isOurNote(cell.note)) {
        const before = parseJson<string | Comment>(note);
        if (before) cell.note = before;
        else removeNote(cell);
      }
    });
    wb.removeWorksheet(state.id);
  }
  for (const ws of wb.worksheets) if (isFindingsSheet(ws)) wb.removeWorksheet(ws.id);
}
