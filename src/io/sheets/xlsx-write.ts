/**
 * What every workbook uchebnik writes has in common: exceljs loaded only when a command writes
 * (the CLI's start-up must not pay for it), an atomic save, one look for headers, money and borders,
 * and A4 print settings. The order template, annotated copies, consolidations and specifications use
 * these; anything particular to one of them stays in its own module.
 *
 * Two ways to write. `newWorkbook` + `saveWorkbook` hold the whole workbook and can change any cell
 * at any time (annotating a loaded file needs that). `writeStreamingWorkbook` writes rows as they are
 * committed: measured on a 3,758-row order template, ≈0.2 s against ≈0.9 s (docs/library-pitfalls.md#p12: thousands of
 * generated workbooks need it). It writes strings in the cells (`t="str"`, as SheetJS does by default),
 * not shared: exceljs's streaming writer with shared strings garbles rich text (docs/library-pitfalls.md#p11).
 */
import { Writable } from 'node:stream';
import type { Borders, Fill, HeaderFooter, PageSetup, Style, Workbook, Worksheet, stream } from 'exceljs';
import { writeFileAtomic } from '../workspace/atomic.js';

export async function loadExcelJS(): Promise<typeof import('exceljs')> {
  const { default: ExcelJS } = await import('exceljs');
  return ExcelJS;
}

export async function newWorkbook(): Promise<Workbook> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'uchebnik';
  wb.created = new Date();
  return wb;
}

/**
 * Writes the workbook to `target` through a temporary file in the same directory and a rename, so a
 * reader (or a school opening the folder) never sees half a file. A failed write is `workspace.write-failed`.
 */
export async function saveWorkbook(wb: Workbook, target: string): Promise<void> {
  const data = await wb.xlsx.writeBuffer();
  await writeFileAtomic(target, Buffer.from(data));
}

export type StreamingWorkbook = stream.xlsx.WorkbookWriter;

/**
 * Builds a workbook with exceljs's streaming writer and saves it atomically. In `build`, give each
 * sheet its views and page setup in `addWorksheet` (they are written when the sheet is created), set
 * its columns before its first row is committed, and write rows in order; data validations, the
 * autofilter and the footer may come last.
 */
export async function writeStreamingWorkbook(target: string, build: (wb: StreamingWorkbook) => void | Promise<void>): Promise<void> {
  const ExcelJS = await loadExcelJS();
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = 'uchebnik';
  await build(wb);
  await wb.commit();
  await writeFileAtomic(target, Buffer.concat(chunks));
}

const thin = { style: 'thin' } as const;
const border: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };

function solid(argb: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/**
 * Whole style objects, assigned by reference to many cells: exceljs copies nothing on assignment, so
 * these must never be mutated through a cell (`cell.font.bold = …`); assign a new object instead.
 */
export const styles = {
  money: '#,##0.00',
  border,
  title: { font: { bold: true, size: 13 } } satisfies Partial<Style>,
  label: { font: { bold: true } } satisfies Partial<Style>,
  header: {
    font: { bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    fill: solid('FFD9D9D9'),
    border,
  } satisfies Partial<Style>,
  text: { border, alignment: { vertical: 'top', wrapText: true } } satisfies Partial<Style>,
  plain: { border, alignment: { vertical: 'top' } } satisfies Partial<Style>,
  moneyCell: { border, numFmt: '#,##0.00', alignment: { vertical: 'top' } } satisfies Partial<Style>,
  /** where a person types: a pale blue that no annotation colour (red, yellow) is confused with */
  input: { border, fill: solid('FFDDEBF7'), alignment: { vertical: 'top' } } satisfies Partial<Style>,
  total: { font: { bold: true }, border } satisfies Partial<Style>,
  totalMoney: { font: { bold: true }, border, numFmt: '#,##0.00' } satisfies Partial<Style>,
  link: { font: { color: { argb: 'FF0563C1' }, underline: true } } satisfies Partial<Style>,
  solid,
};

/** ECMA-376 §18.3.1.63 paper size 9 */
const A4 = 9;

export interface PrintA4 {
  landscape: boolean;
  /** rows printed atop every page, e.g. the table header [5, 5] */
  repeatRows?: [first: number, last: number];
  /** centred footer; `&P` and `&N` are the page number and count */
  footer?: string;
}

/**
 * A4, fitted to the page width (as many pages down as needed). As worksheet options: a streaming sheet
 * writes its fit-to-page flag when it is created, so it must get these in `addWorksheet(name, {...})`.
 */
export function printA4(opts: PrintA4): { pageSetup: Partial<PageSetup>; headerFooter?: Partial<HeaderFooter> } {
  return {
    pageSetup: {
      paperSize: A4,
      orientation: opts.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(opts.repeatRows ? { printTitlesRow: `${opts.repeatRows[0]}:${opts.repeatRows[1]}` } : {}),
    },
    ...(opts.footer ? { headerFooter: { oddFooter: `&C${opts.footer}` } } : {}),
  };
}

/** printA4 for a sheet of a plain (not streaming) workbook. */
export function setPrintA4(ws: Worksheet, opts: PrintA4): void {
  const { pageSetup, headerFooter } = printA4(opts);
  ws.pageSetup = { ...ws.pageSetup, ...pageSetup };
  if (headerFooter) ws.headerFooter = headerFooter;
}

/**
 * The height (points) a row needs to show wrapped texts in columns of these widths, at the default
 * 11-point font. Written rows need it: neither Excel nor LibreOffice fits a row's height to wrapped
 * text when opening a file, so without it the lines overlap in print.
 */
export function wrappedRowHeight(cells: [text: string, width: number][]): number {
  let lines = 1;
  for (const [text, width] of cells) {
    // Width is counted in digit widths; a line of Cyrillic text in Calibri 11 (and in LibreOffice's
    // substitute) holds about 1.15 characters per unit, wrapping at spaces included (measured by eye on PDFs).
    const perLine = Math.max(1, width * 1.15);
    const n = text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
    lines = Math.max(lines, n);
  }
  return 15 * lines;
}

function displayLength(value: unknown): number {
  if (value === null || value === undefined) return 0;
  // room for the thousands separators and decimals a number format adds
  if (typeof value === 'number') return String(value).length + 3;
  if (value instanceof Date) return 10;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return displayLength(value.richText.map((r: { text: string }) => r.text).join(''));
    if ('result' in value) return displayLength(value.result);
    if ('text' in value) return displayLength(value.text);
    return 0;
  }
  return Math.max(...String(value).split('\n').map((line) => line.length));
}

/**
 * Column widths from the longest text in each column (from row `fromRow` on, merged cells skipped: a
 * title across the sheet must not widen its first column), kept within [min, max] characters.
 * Costs a pass over every cell: for tables of known shape, set widths directly.
 */
export function autoWidth(ws: Worksheet, minmax: { min: number; max: number; fromRow?: number } = { min: 6, max: 60 }): void {
  const widths: number[] = [];
  ws.eachRow((row, r) => {
    if (r < (minmax.fromRow ?? 1)) return;
    row.eachCell((cell, c) => {
      if (cell.isMerged) return;
      widths[c] = Math.max(widths[c] ?? 0, displayLength(cell.value));
    });
  });
  widths.forEach((w, c) => {
    ws.getColumn(c).width = Math.min(minmax.max, Math.max(minmax.min, w + 2));
  });
}
