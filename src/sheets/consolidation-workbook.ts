/**
 * The generic consolidated-order workbook (PRODUCT.md §4.4), one per publisher:
 *   «Свод»         items as rows (№ ФП, item code, title, grade, price), the row's total (quantity and
 *                  sum) and a pair of columns per school — or per municipality for the region — with
 *                  the totals row; sums are formulas with their values cached, panes frozen, A4 landscape
 *   «По школам»    (region only) the per-school detail, one line per school, item and grade (stage 22)
 *   «Для подписи»  the paper version of stage 18: totals per school and the signature block
 *   `_uchebnik`    the hidden data sheet (data-sheet.ts), kind consolidation-municipality|region, long
 *                  rows school × item × grade that `uchebnik import` and `uchebnik diff` read back
 */
import type { Worksheet } from 'exceljs';
import type { ConsolidatedRow, Consolidation, PublisherConsolidation, Totals } from '../domain/consolidate.js';
import { columnLetter } from '../domain/finding.js';
import type { Registry } from '../domain/registry.js';
import { t, type Lang } from '../i18n/index.js';
import { addDataSheet, type DataSheetMeta, type DataValue } from './data-sheet.js';
import { printA4, styles, writeStreamingWorkbook, type StreamingWorkbook } from './xlsx-write.js';

export const KIND_MUNICIPALITY = 'consolidation-municipality';
export const KIND_REGION = 'consolidation-region';

/** Columns of the hidden data sheet; the first seven are what `import` needs, the rest describe the item. */
export const CONSOLIDATION_COLUMNS = ['school', 'municipality', 'publisher', 'item_key', 'grade', 'quantity', 'price_kopecks', 'version', 'fpu_code', 'item_code', 'title'];

export const SHEET_MAIN = 'Свод';
export const SHEET_DETAIL = 'По школам';
export const SHEET_SIGN = 'Для подписи';

export interface CampaignInfo {
  id: string;
  year: number;
  region: string;
}

export interface WorkbookInput {
  consolidation: Consolidation;
  publisher: PublisherConsolidation;
  registry: Registry;
  campaign: CampaignInfo;
  /** when the consolidation was built, ISO with the campaign's offset */
  at: string;
  lang: Lang;
}

// ---------------------------------------------------------------- the workbook

const HEADER_ROW = 5;
const FIRST_ROW = HEADER_ROW + 2;
/** №, № ФП, code, title, grade, price */
const FIXED = 6;
/** columns of pairs per printed page width */
const PAIRS_PER_PAGE = 7;

const money = (kopecks: number) => kopecks / 100;

// Looked up once per line of the regional detail: a map per registry, not a scan of 700 schools each time.
const schoolIndex = new WeakMap<Registry, Map<string, Registry['schools'][number]>>();

export function schoolOf(registry: Registry, code: string): Registry['schools'][number] | undefined {
  let index = schoolIndex.get(registry);
  if (!index) schoolIndex.set(registry, (index = new Map(registry.schools.map((s) => [s.code, s]))));
  return index.get(code);
}

function schoolLabel(registry: Registry, code: string): string {
  const s = schoolOf(registry, code);
  return s ? `${code} ${s.short_name}` : code;
}

function schoolName(registry: Registry, code: string): string {
  return schoolOf(registry, code)?.short_name ?? code;
}

function municipalityName(registry: Registry, code: string): string {
  const m = registry.municipalities.find((x) => x.code === code);
  return m && m.name !== m.code ? m.name : '';
}

function itemTitle(row: Pick<ConsolidatedRow, 'item' | 'item_key'>, lang: Lang): string {
  if (!row.item.known) return t(lang, 'consolidate.unknown-item', { key: row.item_key });
  const authors = row.item.authors.trim();
  if (!authors) return row.item.title;
  return `${authors}${authors.endsWith('.') ? '' : '.'} ${row.item.title}`;
}

export function when(at: string): string {
  return `${at.slice(8, 10)}.${at.slice(5, 7)}.${at.slice(0, 4)} ${at.slice(11, 16)}`;
}

/** Title rows 1–3 of every visible sheet. */
function heading(ws: Worksheet, input: WorkbookInput, titleKey: string, width: number): void {
  const { consolidation: c, publisher: p, campaign, lang, registry } = input;
  const lines = [
    t(lang, titleKey, { publisher: p.publisher, year: campaign.year, next: campaign.year + 1 }),
    c.scope === 'municipality'
      ? t(lang, 'consolidate.sheet-municipality', { code: c.municipality, name: municipalityName(registry, c.municipality!) }).trim()
      : t(lang, 'consolidate.sheet-region', { region: campaign.region }),
    t(lang, 'consolidate.sheet-info', { at: when(input.at), schools: p.bySchool.size, round: t(lang, `consolidate.round-${c.round}`) }),
  ];
  lines.forEach((text, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = text;
    row.getCell(1).style = i === 0 ? { ...styles.title, alignment: { wrapText: true, vertical: 'top' } } : {};
    if (i === 0) row.height = 34;
    // A streaming sheet merges cells of rows not yet committed only.
    if (width > 1) ws.mergeCells(i + 1, 1, i + 1, width);
    row.commit();
  });
}

function writeMainSheet(wb: StreamingWorkbook, input: WorkbookInput): void {
  const { consolidation: c, publisher: p, registry, lang } = input;
  const pairs = p.columns.length;
  const width = FIXED + 2 + 2 * pairs;
  const ws = wb.addWorksheet(SHEET_MAIN, {
    views: [{ state: 'frozen', xSplit: FIXED + 2, ySplit: HEADER_ROW + 1, topLeftCell: `${columnLetter(FIXED + 2)}${FIRST_ROW}`, activeCell: `A${FIRST_ROW}` }],
    ...withWidth(printA4({ landscape: true, repeatRows: [HEADER_ROW, HEADER_ROW + 1], footer: t(lang, 'consolidate.page-footer') }), Math.max(1, Math.ceil(pairs / PAIRS_PER_PAGE)), `A:${columnLetter(FIXED + 1)}`),
  });
  ws.columns = [5, 14, 16, 56, 7, 11, 9, 14, ...Array.from({ length: pairs }, () => [8, 13]).flat()].map((w) => ({ width: w }));
  heading(ws, input, 'consolidate.sheet-title', Math.min(width, FIXED + 2));

  const qtyLabel = t(lang, 'consolidate.h-qty');
  const sumLabel = t(lang, 'consolidate.h-sum');
  const head1 = ws.getRow(HEADER_ROW);
  const head2 = ws.getRow(HEADER_ROW + 1);
  const fixed = ['consolidate.h-number', 'consolidate.h-fpu', 'consolidate.h-code', 'consolidate.h-title', 'consolidate.h-grade', 'consolidate.h-price'];
  fixed.forEach((key, i) => {
    head1.getCell(i + 1).value = t(lang, key);
    head1.getCell(i + 1).style = styles.header;
    head2.getCell(i + 1).style = styles.header;
  });
  const columnHeader = (col: number, text: string) => {
    head1.getCell(col).value = text;
    for (const cc of [col, col + 1]) head1.getCell(cc).style = styles.header;
    head2.getCell(col).value = qtyLabel;
    head2.getCell(col + 1).value = sumLabel;
    head2.getCell(col).style = styles.header;
    head2.getCell(col + 1).style = styles.header;
  };
  columnHeader(FIXED + 1, t(lang, 'consolidate.h-total'));
  p.columns.forEach((code, j) => {
    const label = c.scope === 'region' ? `${code} ${municipalityName(registry, code)}`.trim() : schoolLabel(registry, code);
    columnHeader(FIXED + 3 + 2 * j, label);
  });
  for (let i = 1; i <= FIXED; i++) ws.mergeCells(HEADER_ROW, i, HEADER_ROW + 1, i);
  for (let col = FIXED + 1; col < width; col += 2) ws.mergeCells(HEADER_ROW, col, HEADER_ROW, col + 1);
  head1.height = 48;
  head1.commit();
  head2.commit();

  // The row total adds the pair columns by their header, so it stays right whatever a person inserts.
  const firstPair = columnLetter(FIXED + 2);
  const lastCol = columnLetter(width - 1);
  const headerRange = `$${firstPair}$${HEADER_ROW + 1}:$${lastCol}$${HEADER_ROW + 1}`;
  const priceCol = columnLetter(FIXED - 1);
  let r = FIRST_ROW;
  p.rows.forEach((line, i) => {
    const row = ws.getRow(r);
    const values: (string | number)[] = [i + 1, line.item.fpu_code ?? '', line.item.item_code ?? '', itemTitle(line, lang), line.grade];
    values.forEach((v, k) => {
      const cell = row.getCell(k + 1);
      if (v !== '') cell.value = v;
      // Plain, not wrapped: a streamed sheet has no automatic row heights, and wrapped text would overlap.
      cell.style = styles.plain;
    });
    const price = row.getCell(FIXED);
    price.value = money(line.price_kopecks);
    price.style = styles.moneyCell;
    const totalQty = row.getCell(FIXED + 1);
    totalQty.value = { formula: `SUMIF(${headerRange},"${qtyLabel}",${firstPair}${r}:${lastCol}${r})`, result: line.total.copies };
    totalQty.style = styles.total;
    const totalSum = row.getCell(FIXED + 2);
    totalSum.value = { formula: `SUMIF(${headerRange},"${sumLabel}",${firstPair}${r}:${lastCol}${r})`, result: money(line.total.sum_kopecks) };
    totalSum.style = styles.totalMoney;
    p.columns.forEach((code, j) => {
      const col = FIXED + 3 + 2 * j;
      const q = row.getCell(col);
      const s = row.getCell(col + 1);
      q.style = styles.plain;
      s.style = styles.moneyCell;
      const cellTotals = line.cells.get(code);
      if (!cellTotals) return;
      q.value = cellTotals.copies;
      s.value = { formula: `${priceCol}${r}*${columnLetter(col - 1)}${r}`, result: money(cellTotals.sum_kopecks) };
    });
    row.commit();
    r++;
  });

  const last = r - 1;
  const totals = ws.getRow(r);
  totals.getCell(1).value = t(lang, 'consolidate.h-total');
  for (let col = 1; col <= width; col++) totals.getCell(col).style = col > FIXED && (col - FIXED) % 2 === 0 ? styles.totalMoney : styles.total;
  const columnTotal = (col: number, t: Totals | undefined, isSum: boolean) => {
    const letter = columnLetter(col - 1);
    const result = isSum ? money(t?.sum_kopecks ?? 0) : (t?.copies ?? 0);
    totals.getCell(col).value = { formula: `SUM(${letter}${FIRST_ROW}:${letter}${last})`, result };
  };
  columnTotal(FIXED + 1, p.total, false);
  columnTotal(FIXED + 2, p.total, true);
  p.columns.forEach((code, j) => {
    columnTotal(FIXED + 3 + 2 * j, p.columnTotals.get(code), false);
    columnTotal(FIXED + 4 + 2 * j, p.columnTotals.get(code), true);
  });
  ws.mergeCells(r, 1, r, FIXED);
  totals.commit();
  ws.autoFilter = { from: { row: HEADER_ROW + 1, column: 1 }, to: { row: last, column: width } };
}

/** printA4 fitted to `pages` pages across, the item columns repeated on each. */
function withWidth(setup: ReturnType<typeof printA4>, pages: number, titleColumns: string): ReturnType<typeof printA4> {
  return { ...setup, pageSetup: { ...setup.pageSetup, fitToWidth: pages, printTitlesColumn: titleColumns } };
}

function writeDetailSheet(wb: StreamingWorkbook, input: WorkbookInput): void {
  const { publisher: p, registry, lang } = input;
  const head = ['consolidate.h-municipality', 'consolidate.h-school-code', 'consolidate.h-school', 'consolidate.h-fpu', 'consolidate.h-code', 'consolidate.h-title', 'consolidate.h-grade', 'consolidate.h-price', 'consolidate.h-qty', 'consolidate.h-sum'];
  const ws = wb.addWorksheet(SHEET_DETAIL, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
    ...printA4({ landscape: true, repeatRows: [HEADER_ROW, HEADER_ROW], footer: t(lang, 'consolidate.page-footer') }),
  });
  ws.columns = [14, 9, 30, 14, 16, 56, 7, 11, 9, 14].map((width) => ({ width }));
  heading(ws, input, 'consolidate.detail-title', head.length);
  const header = ws.getRow(HEADER_ROW);
  head.forEach((key, i) => {
    header.getCell(i + 1).value = t(lang, key);
    header.getCell(i + 1).style = styles.header;
  });
  header.commit();
  const rowsByKey = new Map(p.rows.map((row) => [`${row.item_key}\u0000${row.grade}\u0000${row.price_kopecks}`, row]));
  let r = HEADER_ROW + 1;
  for (const l of p.lines) {
    const item = rowsByKey.get(`${l.item_key}\u0000${l.grade}\u0000${l.price_kopecks}`)!;
    const row = ws.getRow(r);
    const values: (string | number)[] = [l.municipality, l.school, schoolName(registry, l.school), item.item.fpu_code ?? '', item.item.item_code ?? '', itemTitle(item, lang), l.grade];
    values.forEach((v, k) => {
      const cell = row.getCell(k + 1);
      if (v !== '') cell.value = v;
      cell.style = styles.plain;
    });
    row.getCell(8).value = money(l.price_kopecks);
    row.getCell(8).style = styles.moneyCell;
    row.getCell(9).value = l.quantity;
    row.getCell(9).style = styles.plain;
    row.getCell(10).value = { formula: `H${r}*I${r}`, result: money(l.sum_kopecks) };
    row.getCell(10).style = styles.moneyCell;
    row.commit();
    r++;
  }
  const totals = ws.getRow(r);
  for (let col = 1; col <= head.length; col++) totals.getCell(col).style = col === 10 ? styles.totalMoney : styles.total;
  totals.getCell(1).value = t(lang, 'consolidate.h-total');
  totals.getCell(9).value = { formula: `SUM(I${HEADER_ROW + 1}:I${r - 1})`, result: p.total.copies };
  totals.getCell(10).value = { formula: `SUM(J${HEADER_ROW + 1}:J${r - 1})`, result: money(p.total.sum_kopecks) };
  totals.commit();
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: Math.max(HEADER_ROW, r - 1), column: head.length } };
}

/** The paper version (stage 18): totals per school (or municipality) and the signatures. */
function writeSignatureSheet(wb: StreamingWorkbook, input: WorkbookInput): void {
  const { consolidation: c, publisher: p, registry, lang } = input;
  const ws = wb.addWorksheet(SHEET_SIGN, printA4({ landscape: false, footer: t(lang, 'consolidate.page-footer') }));
  ws.columns = [5, 12, 46, 10, 16].map((width) => ({ width }));
  heading(ws, input, 'consolidate.sign-title', 5);
  const region = c.scope === 'region';
  const header = ws.getRow(HEADER_ROW);
  ['consolidate.h-number', region ? 'consolidate.h-municipality' : 'consolidate.h-school-code', region ? 'consolidate.h-municipality' : 'consolidate.h-school', 'consolidate.h-copies', 'consolidate.h-sum'].forEach((key, i) => {
    header.getCell(i + 1).value = t(lang, key);
    header.getCell(i + 1).style = styles.header;
  });
  header.commit();
  const entries: [string, string, Totals][] = region
    ? [...p.byMunicipality].map(([code, tot]) => [code, municipalityName(registry, code) || code, tot])
    : [...p.bySchool].map(([code, tot]) => [code, schoolName(registry, code), tot]);
  let r = HEADER_ROW + 1;
  entries.forEach(([code, name, tot], i) => {
    const row = ws.getRow(r++);
    [i + 1, code, name, tot.copies].forEach((v, k) => {
      row.getCell(k + 1).value = v;
      row.getCell(k + 1).style = styles.plain;
    });
    row.getCell(5).value = money(tot.sum_kopecks);
    row.getCell(5).style = styles.moneyCell;
    row.commit();
  });
  const totals = ws.getRow(r);
  for (let col = 1; col <= 5; col++) totals.getCell(col).style = col === 5 ? styles.totalMoney : styles.total;
  totals.getCell(1).value = t(lang, 'consolidate.h-total');
  totals.getCell(4).value = { formula: `SUM(D${HEADER_ROW + 1}:D${r - 1})`, result: p.total.copies };
  totals.getCell(5).value = { formula: `SUM(E${HEADER_ROW + 1}:E${r - 1})`, result: money(p.total.sum_kopecks) };
  ws.mergeCells(r, 1, r, 3);
  totals.commit();
  r += 2;

  const text = (value: string, style: object = {}) => {
    const row = ws.getRow(r++);
    row.getCell(1).value = value;
    row.getCell(1).style = style;
    row.commit();
  };
  const signature = (who: string) => {
    const row = ws.getRow(r++);
    row.getCell(2).value = who;
    row.getCell(2).style = { alignment: { wrapText: true, vertical: 'bottom' } };
    row.getCell(4).value = t(lang, 'consolidate.sign-line');
    row.getCell(4).style = { alignment: { horizontal: 'right', vertical: 'bottom' } };
    row.height = 30;
    ws.mergeCells(r - 1, 2, r - 1, 3);
    ws.mergeCells(r - 1, 4, r - 1, 5);
    row.commit();
  };
  signature(t(lang, region ? 'consolidate.sign-head-region' : 'consolidate.sign-head-uo'));
  text(t(lang, 'consolidate.sign-date'));
  r++;
  text(t(lang, region ? 'consolidate.sign-municipalities' : 'consolidate.sign-schools'), styles.label);
  for (const [code, , ] of entries) {
    signature(region ? t(lang, 'consolidate.sign-uo-of', { name: `${code} ${municipalityName(registry, code)}`.trim() }) : t(lang, 'consolidate.sign-director', { name: schoolName(registry, code) }));
  }
}

/** The hidden data sheet's rows: one per school line, long format. */
export function dataRows(p: PublisherConsolidation): DataValue[][] {
  const byKey = new Map(p.rows.map((row) => [`${row.item_key}\u0000${row.grade}\u0000${row.price_kopecks}`, row]));
  return p.lines.map((l) => {
    const item = byKey.get(`${l.item_key}\u0000${l.grade}\u0000${l.price_kopecks}`)!.item;
    return [l.school, l.municipality, l.publisher, l.item_key, l.grade, l.quantity, l.price_kopecks, l.version, item.fpu_code ?? '', item.item_code ?? '', item.known ? item.title : ''];
  });
}

/** What the hidden data sheet of a consolidation carries: the generic workbook's and a filled publisher form's. */
export function consolidationDataSheet(input: WorkbookInput): { meta: DataSheetMeta; columns: string[]; rows: DataValue[][] } {
  const { consolidation: c, publisher: p, registry, campaign } = input;
  // The municipalities the file speaks for: `import` replaces their orders from this publisher.
  const covered = c.scope === 'municipality' ? [c.municipality!] : [...new Set([...registry.municipalities.map((m) => m.code), ...c.byMunicipality.keys()])];
  return {
    meta: {
      kind: c.scope === 'region' ? KIND_REGION : KIND_MUNICIPALITY,
      campaign: campaign.id,
      extra: {
        publisher: p.publisher,
        ...(c.scope === 'municipality' ? { municipality: c.municipality! } : {}),
        municipalities: covered.join(','),
        round: String(c.round),
        region: campaign.region,
        year: String(campaign.year),
        built_at: input.at,
      },
    },
    columns: CONSOLIDATION_COLUMNS,
    rows: dataRows(p),
  };
}

export async function writeConsolidationWorkbook(file: string, input: WorkbookInput): Promise<void> {
  const data = consolidationDataSheet(input);
  await writeStreamingWorkbook(file, (wb) => {
    writeMainSheet(wb, input);
    if (input.consolidation.scope === 'region') writeDetailSheet(wb, input);
    writeSignatureSheet(wb, input);
    addDataSheet(wb, data.meta, data.columns, data.rows);
  });
}
