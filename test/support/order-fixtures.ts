/**
 * Builders for the command tests of `pricelist` and `order`: a workspace holding the example region
 * (made once per test file, copied per test), small price lists and order sheets written into a temp
 * folder (CSV by hand, xlsx through exceljs), and a filler for the form `order template` writes.
 */
import type { Report, ReportFinding } from '../../src/core/report/report.js';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { FIXTURES, run, tempDir, newWorkspace, type RunResult } from './cli.js';

export const REGION = path.join(FIXTURES, 'region');
export const REGISTRY_CSV = path.join(REGION, 'registry.csv');
export const ORDERS_DIR = path.join(REGION, 'orders');
export const PRICELIST_FILES: [file: string, publisher: string][] = [
  [path.join(REGION, 'pricelists', 'prosveshchenie.xlsx'), 'Просвещение'],
  [path.join(REGION, 'pricelists', 'drofa.csv'), 'Дрофа'],
  [path.join(REGION, 'pricelists', 'russkoe-slovo.xlsx'), 'Русское слово'],
];

/** The example region's order files, sorted (18 filled forms and 0205's own CSV). */
export function fixtureOrders(): string[] {
  return fs
    .readdirSync(ORDERS_DIR)
    .filter((n) => /\.(xlsx|csv)$/.test(n))
    .sort()
    .map((n) => path.join(ORDERS_DIR, n));
}

/** Items of the example price lists the order fixtures name (checked against `pricelist show` in the tests). */
export const ITEMS = {
  /** Просвещение, «Азбука» part 1: shares its fpu code and title with part 2 (04-0053-09) */
  azbuka1: { publisher: 'Просвещение', fpu: '1.1.1.1.4.1', code: '04-0052-11', title: 'Азбука. В 2-х частях. Часть 1', grade: 1, price: '243,98', kopecks: 24398 },
  azbuka2: { publisher: 'Просвещение', fpu: '1.1.1.1.4.1', code: '04-0053-09', title: 'Азбука. В 2-х частях. Часть 1', grade: 1, price: '243,98', kopecks: 24398 },
  /** Просвещение, «Русский язык» for grade 1 */
  russian1: { publisher: 'Просвещение', fpu: '1.1.1.1.4.2', code: '05-0036-16', title: 'Русский язык', grade: 1, price: '308,33', kopecks: 30833 },
  /** Просвещение, «Геометрия» for grades 7–9 */
  geometry: { publisher: 'Просвещение', fpu: '1.2.3.3.1.1', code: '07-0020-14', title: 'Геометрия', grade: 7, price: '468,93', kopecks: 46893 },
  /** Просвещение, the copybook outside the federal list (99.99.99.99.99.99) */
  propis: { publisher: 'Просвещение', fpu: '99.99.99.99.99.99', code: '08-0100-16', title: 'Пропись. В 4-х частях', grade: 1, price: '82,50', kopecks: 8250 },
  /** Дрофа, «Физика» for grade 7 */
  physics7: { publisher: 'Дрофа', fpu: '1.2.4.1.1.1', code: 'DRF000000000414010', title: 'Физика', grade: 7, price: '389,00', kopecks: 38900 },
} as const;

// ------------------------------------------------------------------ workspaces

let region: Promise<string> | undefined;

async function mustRun(args: string[]): Promise<RunResult> {
  const r = await run(args);
  if (r.code !== 0) throw new Error(`uchebnik ${args.join(' ')} → ${r.code}\n${r.stderr}`);
  return r;
}

async function buildRegion(): Promise<string> {
  const ws = await newWorkspace();
  await mustRun(['registry', 'import', REGISTRY_CSV, '-w', ws]);
  for (const [file, publisher] of PRICELIST_FILES) await mustRun(['pricelist', 'load', file, '--publisher', publisher, '-w', ws]);
  return ws;
}

/**
 * A workspace with the example region's registry (19 schools in 01, 02, 03) and its three price lists.
 * Built once per test file; each call returns a fresh copy, so tests that change it stay independent.
 */
export async function regionWorkspace(): Promise<string> {
  region ??= buildRegion();
  const base = await region;
  const copy = path.join(tempDir(), 'ws');
  fs.cpSync(base, copy, { recursive: true });
  return copy;
}

// ------------------------------------------------------------------ CSV files

export type Cell = string | number | null | undefined;

function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes rows as a `;`-separated UTF-8 CSV (Excel's Russian dialect) and returns its path. */
export function writeCsv(dir: string, name: string, rows: Cell[][]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n');
  return file;
}

/**
 * The columns of a hand-made order sheet, A to H — a school's own layout, not the template's:
 * A publisher, B fpu code, C item code, D title, E grade, F price, G quantity, H sum.
 */
export const ORDER_HEADER = ['Издательство', '№ ФП', 'Код издательства', 'Наименование', 'Класс', 'Цена, руб.', 'Количество', 'Сумма, руб.'];

export interface OrderLineSpec {
  publisher?: string;
  fpu?: string;
  code?: string;
  title?: string;
  grade?: Cell;
  price?: Cell;
  qty?: Cell;
  sum?: Cell;
}

type ItemSpec = (typeof ITEMS)[keyof typeof ITEMS];

/** A line ordering `qty` copies of a known item, with its price and the right sum. */
export function line(item: ItemSpec, qty: Cell, over: Partial<OrderLineSpec> = {}): OrderLineSpec {
  const sum = typeof qty === 'number' ? ((qty * item.kopecks) / 100).toFixed(2).replace('.', ',') : undefined;
  return { publisher: item.publisher, fpu: item.fpu, code: item.code, title: item.title, grade: item.grade, price: item.price, qty, sum, ...over };
}

const lineCells = (l: OrderLineSpec): Cell[] => [l.publisher, l.fpu, l.code, l.title, l.grade, l.price, l.qty, l.sum];

export interface OrderSheetSpec {
  /** «Код ОО:» and the code beside it above the header (the template's label) */
  schoolLabel?: string;
  lines: OrderLineSpec[];
  /** a totals row «Итого» after the lines: copies and sum as written */
  total?: { qty?: Cell; sum?: Cell };
}

/**
 * A school's order as a CSV: an optional «Код ОО:» line (row 1), a title line, the header, the lines.
 * Returns the path and the row number of the first line, so tests can name the cells they expect.
 */
export function orderCsv(dir: string, name: string, spec: OrderSheetSpec): { file: string; first: number } {
  const rows: Cell[][] = [];
  if (spec.schoolLabel !== undefined) rows.push(['Код ОО:', spec.schoolLabel]);
  rows.push(['Заявка на учебники на 2018/2019 учебный год']);
  rows.push(ORDER_HEADER);
  const first = rows.length + 1;
  for (const l of spec.lines) rows.push(lineCells(l));
  if (spec.total) rows.push(['Итого', null, null, null, null, null, spec.total.qty, spec.total.sum]);
  return { file: writeCsv(dir, name, rows), first };
}

/** The same order as an xlsx with the sheet «Заявка»: header on row 3, lines from row 4. */
export async function orderXlsx(dir: string, name: string, spec: OrderSheetSpec): Promise<{ file: string; first: number; sheet: string }> {
  const wb = new ExcelJS.Workbook();
  const sheet = 'Заявка';
  const ws = wb.addWorksheet(sheet);
  ws.getRow(1).values = spec.schoolLabel !== undefined ? ['Код ОО:', spec.schoolLabel] : ['Заявка'];
  ws.getRow(2).values = ['Заявка на учебники на 2018/2019 учебный год'];
  ws.getRow(3).values = ORDER_HEADER;
  const first = 4;
  const toCell = (v: Cell) => (v === undefined ? null : v);
  spec.lines.forEach((l, i) => {
    ws.getRow(first + i).values = lineCells(l).map(toCell);
  });
  if (spec.total) ws.getRow(first + spec.lines.length).values = ['Итого', null, null, null, null, null, toCell(spec.total.qty), toCell(spec.total.sum)];
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return { file, first, sheet };
}

// ------------------------------------------------------------------ the template

export interface TemplateLine {
  row: number;
  publisher: string;
  fpu: string;
  code: string;
  grade: number;
  priceKopecks: number;
  /** the quantity the row holds now (a filled form), null when empty */
  current: number | string | null;
}

/**
 * Fills a form written by `order template` as Excel leaves it after typing: each quantity `qty(line)`
 * chooses (null leaves the row empty), each line's sum formula with its result, and the totals row's
 * SUM formulas with theirs — computed in kopecks, as a spreadsheet shows them to two decimals.
 */
export async function fillTemplate(src: string, out: string, qty: (l: TemplateLine) => number | null): Promise<{ lines: number; copies: number; kopecks: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  const ws = wb.getWorksheet('Заказ');
  if (!ws) throw new Error(`${src} has no sheet «Заказ»`);
  let copies = 0;
  let kopecks = 0;
  let lines = 0;
  let r = 6;
  for (; ; r++) {
    const row = ws.getRow(r);
    const first = row.getCell(1).value;
    if (first === 'Итого' || first === null) break;
    const priceKopecks = Math.round(Number(row.getCell(8).value) * 100);
    const l: TemplateLine = {
      row: r,
      publisher: String(first),
      fpu: String(row.getCell(2).value ?? ''),
      code: String(row.getCell(3).value ?? ''),
      grade: Number(row.getCell(7).value),
      priceKopecks,
      current: typeof row.getCell(9).value === 'number' || typeof row.getCell(9).value === 'string' ? (row.getCell(9).value as number | string) : null,
    };
    const q = qty(l);
    if (q === null) continue;
    row.getCell(9).value = q;
    row.getCell(10).value = { formula: `H${r}*I${r}`, result: (q * priceKopecks) / 100 };
    copies += q;
    kopecks += q * priceKopecks;
    lines++;
  }
  const totals = ws.getRow(r);
  expect(totals.getCell(1).value).toBe('Итого');
  totals.getCell(9).value = { formula: `SUM(I6:I${r - 1})`, result: copies };
  totals.getCell(10).value = { formula: `SUM(J6:J${r - 1})`, result: kopecks / 100 };
  await wb.xlsx.writeFile(out);
  return { lines, copies, kopecks };
}

// ------------------------------------------------------------------ reading reports

/** The JSON report as scripts read it: the very types the report module produces. */
export type JsonFinding = ReportFinding;
export type JsonReport = Report;

export const brief = (f: JsonFinding): string => `${f.code}@${f.cell ? (f.sheet ? `${f.sheet}!` : '') + f.cell : 'file'}`;

export function parseReport(r: RunResult): JsonReport {
  expect(r.stderr, r.stderr).not.toMatch(/внутренняя ошибка|internal error/i);
  return JSON.parse(r.stdout) as JsonReport;
}
