/**
 * The generic consolidated-order workbook (docs/file-formats.md#workbooks), one per publisher:
 *   «Свод»         items as rows (№ ФП, item code, title, grade, price), the row's total (quantity and
 *                  sum) and a pair of columns per school — or per municipality for the region — with
 *                  the totals row; sums are formulas with their values cached, panes frozen, A4 landscape
 *   «По школам»    (region only) the per-school detail, one line per school, item and grade (stage 22)
 *   «Для подписи»  the paper version of stage 18: totals per school and the signature block
 *   `_uchebnik`    the hidden data sheet (data-sheet.ts), kind consolidation-municipality|region, long
 *                  rows school × item × grade that `uchebnik import` and `uchebnik diff` read back
 *
 * Written as SpreadsheetML by hand (sheet-xml.ts), each sheet deflated as its rows are made: a region
 * of 700 schools × 400 lines is 280,000 detail rows and as many data rows, ≈20 s through exceljs's
 * streaming writer and well under a second this way.
 */
import { createHash } from 'node:crypto';
import { addTotals, ZERO, type CompactLines, type ConsolidatedLine, type ConsolidatedRow, type Consolidation, type PublisherConsolidation, type Totals } from './consolidate.js';
import { columnLetter } from '../../core/finding.js';
import type { Registry } from '../../core/model/registry.js';
import { t, type Lang } from '../../core/i18n/index.js';
import { writeFileAtomic } from '../../io/workspace/atomic.js';
import { DATA_SHEET_NAME, type DataSheetMeta, type DataValue } from '../../io/sheets/data-sheet.js';
import { CONSOLIDATION_COLUMNS, dataPartTask } from './data-part.js';
import type { DetailPartTask } from './detail-part.js';
import { PartsInTurns, partWorker, type Part } from './parts-in-turns.js';
import { secondThread } from '../../io/parallel/pool.js';
import { DeflatingPart, NS_MAIN, NS_REL, SharedStrings, XML_HEAD, formulaCell, money, numberCell, packageEntries, ref, rowXml, textCell, xmlText } from '../../io/sheets/sheet-xml.js';
import { zipBuffer, type ZipEntry } from '../../io/sheets/zip-write.js';

export const KIND_MUNICIPALITY = 'consolidation-municipality';
export const KIND_REGION = 'consolidation-region';

export { CONSOLIDATION_COLUMNS } from './data-part.js';

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


// ---------------------------------------------------------------- styles

/** Indexes into cellXfs below. */
const S = { plain: 1, money: 2, total: 3, totalMoney: 4, header: 5, title: 6, label: 7, signWho: 8, signLine: 9, heading: 10 } as const;

function xf(font: number, fill: number, border: number, numFmt: number, alignment = ''): string {
  const applies = `${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${border ? ' applyBorder="1"' : ''}${numFmt ? ' applyNumberFormat="1"' : ''}${alignment ? ' applyAlignment="1"' : ''}`;
  const attrs = `numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applies}`;
  return alignment ? `<xf ${attrs}>${alignment}</xf>` : `<xf ${attrs}/>`;
}

// numFmt 4 is the built-in «#,##0.00».
const STYLES =
  XML_HEAD +
  `<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/><charset val="204"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/><charset val="204"/></font>' +
  '<font><b/><sz val="13"/><name val="Calibri"/><family val="2"/><charset val="204"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>' +
  '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="11">' +
  [
    xf(0, 0, 0, 0),
    xf(0, 0, 1, 0, '<alignment vertical="top"/>'), // plain
    xf(0, 0, 1, 4, '<alignment vertical="top"/>'), // money
    xf(1, 0, 1, 0), // total
    xf(1, 0, 1, 4), // totalMoney
    xf(1, 2, 1, 0, '<alignment horizontal="center" vertical="center" wrapText="1"/>'), // header
    xf(2, 0, 0, 0, '<alignment vertical="top" wrapText="1"/>'), // title
    xf(1, 0, 0, 0), // label
    xf(0, 0, 0, 0, '<alignment vertical="bottom" wrapText="1"/>'), // signWho
    xf(0, 0, 0, 0, '<alignment horizontal="right" vertical="bottom"/>'), // signLine
    xf(0, 0, 0, 0), // heading (rows 2–3)
  ].join('') +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

// ---------------------------------------------------------------- a sheet

interface SheetSetup {
  /** column widths in characters */
  widths: number[];
  landscape: boolean;
  /** frozen columns and rows */
  freeze?: { columns: number; rows: number };
  /** pages across the sheet is fitted to */
  pagesWide?: number;
  footer: string;
}

/**
 * A sheet's XML kept as text: what a part written elsewhere puts before and after its rows
 * (`detailPartTask`).
 */
class TextPart {
  private text = '';

  write(s: string): Promise<void> {
    this.text += s;
    return Promise.resolve();
  }

  take(): string {
    const text = this.text;
    this.text = '';
    return text;
  }
}

/** Rows go out as they are made; merges, the filter and the print setup are written after them. */
class SheetWriter<P extends DeflatingPart | TextPart = DeflatingPart> {
  private readonly merges: string[] = [];
  private filter: string | undefined;

  constructor(readonly part: P, private readonly setup: SheetSetup) {}

  async begin(): Promise<void> {
    const { widths, freeze } = this.setup;
    let view = '<sheetView workbookViewId="0">';
    if (freeze) {
      const pane = freeze.columns && freeze.rows ? 'bottomRight' : freeze.rows ? 'bottomLeft' : 'topRight';
      const topLeft = ref(freeze.columns + 1, freeze.rows + 1);
      const x = freeze.columns ? ` xSplit="${freeze.columns}"` : '';
      const y = freeze.rows ? ` ySplit="${freeze.rows}"` : '';
      view += `<pane${x}${y} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/><selection pane="${pane}" activeCell="A${freeze.rows + 1}" sqref="A${freeze.rows + 1}"/>`;
    }
    view += '</sheetView>';
    const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
    await this.part.write(`${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`);
  }

  row(r: number, cells: string, heightPt?: number): Promise<void> {
    return this.part.write(rowXml(r, cells, heightPt));
  }

  merge(fromCol: number, fromRow: number, toCol: number, toRow: number): void {
    this.merges.push(`<mergeCell ref="${ref(fromCol, fromRow)}:${ref(toCol, toRow)}"/>`);
  }

  autoFilter(fromCol: number, fromRow: number, toCol: number, toRow: number): void {
    this.filter = `${ref(fromCol, fromRow)}:${ref(toCol, toRow)}`;
  }

  async end(this: SheetWriter<DeflatingPart>): Promise<ZipEntry> {
    await this.part.write(this.tail());
    return this.part.end();
  }

  /** What follows the rows: the filter, the merges, the print setup. */
  tail(): string {
    const { landscape, pagesWide, footer } = this.setup;
    let tail = '</sheetData>';
    if (this.filter) tail += `<autoFilter ref="${this.filter}"/>`;
    if (this.merges.length) tail += `<mergeCells count="${this.merges.length}">${this.merges.join('')}</mergeCells>`;
    tail += '<printOptions horizontalCentered="1"/><pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>';
    tail += `<pageSetup paperSize="9" orientation="${landscape ? 'landscape' : 'portrait'}" fitToWidth="${pagesWide ?? 1}" fitToHeight="0"/>`;
    tail += `<headerFooter><oddFooter>${xmlText(`&C${footer}`)}</oddFooter></headerFooter></worksheet>`;
    return tail;
  }
}

/** Title rows 1–3 of every visible sheet, merged across `width` columns. */
async function heading(sheet: SheetWriter<DeflatingPart | TextPart>, input: WorkbookInput, titleKey: string, width: number, volume?: { n: number; of: number }): Promise<void> {
  const { consolidation: c, publisher: p, campaign, lang, registry } = input;
  const lines = [
    t(lang, titleKey, { publisher: p.publisher, year: campaign.year, next: campaign.year + 1, n: volume?.n, of: volume?.of }),
    c.scope === 'municipality'
      ? t(lang, 'consolidate.sheet-municipality', { code: c.municipality, name: municipalityName(registry, c.municipality!) }).trim()
      : t(lang, 'consolidate.sheet-region', { region: campaign.region }),
    t(lang, 'consolidate.sheet-info', { at: when(input.at), schools: p.bySchool.size, round: t(lang, `consolidate.round-${c.round}`) }),
  ];
  for (const [i, text] of lines.entries()) {
    await sheet.row(i + 1, textCell(ref(1, i + 1), i === 0 ? S.title : S.heading, text), i === 0 ? 34 : undefined);
    if (width > 1) sheet.merge(1, i + 1, width, i + 1);
  }
}

// ---------------------------------------------------------------- the sheets

async function mainSheet(input: WorkbookInput, part: string): Promise<ZipEntry> {
  const { consolidation: c, publisher: p, registry, lang } = input;
  const pairs = p.columns.length;
  const width = FIXED + 2 + 2 * pairs;
  const sheet = new SheetWriter(new DeflatingPart(part), {
    widths: [5, 14, 20, 56, 7, 11, 9, 14, ...Array.from({ length: pairs }, () => [8, 13]).flat()],
    landscape: true,
    freeze: { columns: FIXED + 2, rows: HEADER_ROW + 1 },
    pagesWide: Math.max(1, Math.ceil(pairs / PAIRS_PER_PAGE)),
    footer: t(lang, 'consolidate.page-footer'),
  });
  await sheet.begin();
  await heading(sheet, input, 'consolidate.sheet-title', Math.min(width, FIXED + 2));

  const qtyLabel = t(lang, 'consolidate.h-qty');
  const sumLabel = t(lang, 'consolidate.h-sum');
  const fixed = ['consolidate.h-number', 'consolidate.h-fpu', 'consolidate.h-code', 'consolidate.h-title', 'consolidate.h-grade', 'consolidate.h-price'];
  let head1 = fixed.map((key, i) => textCell(ref(i + 1, HEADER_ROW), S.header, t(lang, key))).join('');
  let head2 = fixed.map((_, i) => textCell(ref(i + 1, HEADER_ROW + 1), S.header, '')).join('');
  const labels = [t(lang, 'consolidate.h-total'), ...p.columns.map((code) => (c.scope === 'region' ? `${code} ${municipalityName(registry, code)}`.trim() : schoolLabel(registry, code)))];
  labels.forEach((label, j) => {
    const col = FIXED + 1 + 2 * j;
    head1 += textCell(ref(col, HEADER_ROW), S.header, label) + textCell(ref(col + 1, HEADER_ROW), S.header, '');
    head2 += textCell(ref(col, HEADER_ROW + 1), S.header, qtyLabel) + textCell(ref(col + 1, HEADER_ROW + 1), S.header, sumLabel);
  });
  await sheet.row(HEADER_ROW, head1, 48);
  await sheet.row(HEADER_ROW + 1, head2);
  for (let i = 1; i <= FIXED; i++) sheet.merge(i, HEADER_ROW, i, HEADER_ROW + 1);
  for (let col = FIXED + 1; col < width; col += 2) sheet.merge(col, HEADER_ROW, col + 1, HEADER_ROW);

  // The row total adds the pair columns by their header, so it stays right whatever a person inserts.
  const firstPair = columnLetter(FIXED + 2);
  const lastCol = columnLetter(width - 1);
  const headerRange = `$${firstPair}$${HEADER_ROW + 1}:$${lastCol}$${HEADER_ROW + 1}`;
  const priceCol = columnLetter(FIXED - 1);
  let r = FIRST_ROW;
  for (const [i, line] of p.rows.entries()) {
    let cells =
      numberCell(ref(1, r), S.plain, i + 1) +
      textCell(ref(2, r), S.plain, line.item.fpu_code ?? '') +
      textCell(ref(3, r), S.plain, line.item.item_code ?? '') +
      textCell(ref(4, r), S.plain, itemTitle(line, lang)) +
      numberCell(ref(5, r), S.plain, line.grade) +
      numberCell(ref(6, r), S.money, money(line.price_kopecks)) +
      formulaCell(ref(7, r), S.total, `SUMIF(${headerRange},"${qtyLabel}",${firstPair}${r}:${lastCol}${r})`, line.total.copies) +
      formulaCell(ref(8, r), S.totalMoney, `SUMIF(${headerRange},"${sumLabel}",${firstPair}${r}:${lastCol}${r})`, money(line.total.sum_kopecks));
    p.columns.forEach((code, j) => {
      const col = FIXED + 3 + 2 * j;
      const totals = line.cells.get(code);
      cells += totals
        ? numberCell(ref(col, r), S.plain, totals.copies) + formulaCell(ref(col + 1, r), S.money, `${priceCol}${r}*${columnLetter(col - 1)}${r}`, money(totals.sum_kopecks))
        : textCell(ref(col, r), S.plain, '') + textCell(ref(col + 1, r), S.money, '');
    });
    await sheet.row(r++, cells);
  }

  const last = r - 1;
  const columnTotal = (col: number, tot: Totals | undefined, isSum: boolean) => {
    const letter = columnLetter(col - 1);
    return formulaCell(ref(col, r), isSum ? S.totalMoney : S.total, `SUM(${letter}${FIRST_ROW}:${letter}${last})`, isSum ? money(tot?.sum_kopecks ?? 0) : (tot?.copies ?? 0));
  };
  let totals = textCell(ref(1, r), S.total, t(lang, 'consolidate.h-total'));
  for (let col = 2; col <= FIXED; col++) totals += textCell(ref(col, r), S.total, '');
  totals += columnTotal(FIXED + 1, p.total, false) + columnTotal(FIXED + 2, p.total, true);
  p.columns.forEach((code, j) => {
    totals += columnTotal(FIXED + 3 + 2 * j, p.columnTotals.get(code), false) + columnTotal(FIXED + 4 + 2 * j, p.columnTotals.get(code), true);
  });
  await sheet.row(r, totals);
  sheet.merge(1, r, FIXED, r);
  sheet.autoFilter(1, HEADER_ROW + 1, width, last);
  return sheet.end();
}

/**
 * The per-school detail of the school lines given (every line of the publisher, or those of the
 * municipalities `only`: a detail workbook of a region too large for one), as a task either thread
 * writes (detail-part.ts): its texts added to the workbook's shared strings, its title rows, header
 * and totals made here. `volume` names the part in the title.
 */
async function detailPartTask(input: WorkbookInput, part: string, lines: CompactLines, strings: SharedStrings, only?: ReadonlySet<string>, volume?: { n: number; of: number }): Promise<DetailPartTask> {
  const { publisher: p, registry, lang } = input;
  const head = ['consolidate.h-municipality', 'consolidate.h-school-code', 'consolidate.h-school', 'consolidate.h-fpu', 'consolidate.h-code', 'consolidate.h-title', 'consolidate.h-grade', 'consolidate.h-price', 'consolidate.h-qty', 'consolidate.h-sum'];
  const sheet = new SheetWriter(new TextPart(), { widths: [16, 9, 30, 14, 20, 56, 7, 11, 9, 14], landscape: true, freeze: { columns: 0, rows: HEADER_ROW }, footer: t(lang, 'consolidate.page-footer') });
  await sheet.begin();
  await heading(sheet, input, volume ? 'consolidate.detail-volume-title' : 'consolidate.detail-title', head.length, volume);
  await sheet.row(HEADER_ROW, head.map((key, i) => textCell(ref(i + 1, HEADER_ROW), S.header, t(lang, key))).join(''));
  const before = sheet.part.take();
  // The describing texts of a school and of a row, the same on each of its lines, are shared strings
  // (sheet-xml.ts SharedStrings), looked up once: a line's XML is then ASCII, markup and numbers. What
  // a school's or a row's cells hold between two row numbers is made once as well (detail-part.ts).
  // A text cell's end after its row number, and the start of the next cell up to its row number.
  const textThen = (shared: number, next: string) => (shared < 0 ? `" s="${S.plain}"/>` : `" s="${S.plain}" t="s"><v>${shared}</v></c>`) + `<c r="${next}`;
  const schools = lines.schools.map((s): [string, string, string] => [textThen(strings.add(s.municipality), 'B'), textThen(strings.add(s.code), 'C'), textThen(strings.add(schoolName(registry, s.code)), 'D')]);
  const rows = lines.rows.map((r) => ({
    pieces: [
      textThen(strings.add(r.item.fpu_code ?? ''), 'E'),
      textThen(strings.add(r.item.item_code ?? ''), 'F'),
      textThen(strings.add(itemTitle(r, lang)), 'G'),
      `" s="${S.plain}"><v>${r.grade}</v></c><c r="H`,
      `" s="${S.money}"><v>${money(r.price_kopecks)}</v></c><c r="I`,
    ] as [string, string, string, string, string],
    price: r.price_kopecks,
  }));
  const r = HEADER_ROW + 1 + lines.row.length;
  let total: Totals = ZERO;
  if (only) for (const m of only) total = addTotals(total, p.byMunicipality.get(m) ?? ZERO);
  else total = p.total;
  let totals = textCell(`A${r}`, S.total, t(lang, 'consolidate.h-total'));
  for (let col = 2; col <= 8; col++) totals += textCell(ref(col, r), S.total, '');
  totals += formulaCell(`I${r}`, S.total, `SUM(I${HEADER_ROW + 1}:I${r - 1})`, total.copies) + formulaCell(`J${r}`, S.totalMoney, `SUM(J${HEADER_ROW + 1}:J${r - 1})`, money(total.sum_kopecks));
  await sheet.row(r, totals);
  sheet.autoFilter(1, HEADER_ROW, head.length, Math.max(HEADER_ROW, r - 1));
  const after = sheet.part.take() + sheet.tail();
  return { part, head: before, tail: after, firstRow: HEADER_ROW + 1, schools, rows, row: lines.row, school: lines.school, quantity: lines.quantity, styles: { plain: S.plain, money: S.money } };
}

/** The paper version (stage 18): totals per school (or municipality) and the signatures. */
async function signatureSheet(input: WorkbookInput, part: string): Promise<ZipEntry> {
  const { consolidation: c, publisher: p, registry, lang } = input;
  const sheet = new SheetWriter(new DeflatingPart(part), { widths: [5, 12, 46, 10, 16], landscape: false, footer: t(lang, 'consolidate.page-footer') });
  await sheet.begin();
  await heading(sheet, input, 'consolidate.sign-title', 5);
  const region = c.scope === 'region';
  const head = ['consolidate.h-number', region ? 'consolidate.h-municipality' : 'consolidate.h-school-code', region ? 'consolidate.h-municipality' : 'consolidate.h-school', 'consolidate.h-copies', 'consolidate.h-sum'];
  await sheet.row(HEADER_ROW, head.map((key, i) => textCell(ref(i + 1, HEADER_ROW), S.header, t(lang, key))).join(''));
  const entries: [string, string, Totals][] = region
    ? [...p.byMunicipality].map(([code, tot]) => [code, municipalityName(registry, code) || code, tot])
    : [...p.bySchool].map(([code, tot]) => [code, schoolName(registry, code), tot]);
  let r = HEADER_ROW + 1;
  for (const [i, [code, name, tot]] of entries.entries()) {
    await sheet.row(r, numberCell(`A${r}`, S.plain, i + 1) + textCell(`B${r}`, S.plain, code) + textCell(`C${r}`, S.plain, name) + numberCell(`D${r}`, S.plain, tot.copies) + numberCell(`E${r}`, S.money, money(tot.sum_kopecks)));
    r++;
  }
  await sheet.row(
    r,
    textCell(`A${r}`, S.total, t(lang, 'consolidate.h-total')) +
      textCell(`B${r}`, S.total, '') +
      textCell(`C${r}`, S.total, '') +
      formulaCell(`D${r}`, S.total, `SUM(D${HEADER_ROW + 1}:D${r - 1})`, p.total.copies) +
      formulaCell(`E${r}`, S.totalMoney, `SUM(E${HEADER_ROW + 1}:E${r - 1})`, money(p.total.sum_kopecks)),
  );
  sheet.merge(1, r, 3, r);
  r += 3;

  const text = async (value: string, style: number = S.heading) => sheet.row(r, textCell(`A${r}`, style, value)).then(() => void r++);
  const signature = async (who: string) => {
    await sheet.row(r, textCell(`B${r}`, S.signWho, who) + textCell(`D${r}`, S.signLine, t(lang, 'consolidate.sign-line')), 30);
    sheet.merge(2, r, 3, r);
    sheet.merge(4, r, 5, r);
    r++;
  };
  await signature(t(lang, region ? 'consolidate.sign-head-region' : 'consolidate.sign-head-uo'));
  await text(t(lang, 'consolidate.sign-date'));
  r++;
  await text(t(lang, region ? 'consolidate.sign-municipalities' : 'consolidate.sign-schools'), S.label);
  for (const [code] of entries) {
    await signature(region ? t(lang, 'consolidate.sign-uo-of', { name: `${code} ${municipalityName(registry, code)}`.trim() }) : t(lang, 'consolidate.sign-director', { name: schoolName(registry, code) }));
  }
  return sheet.end();
}

/** A school line as a row of the hidden data sheet (CONSOLIDATION_COLUMNS). */
function dataRow(l: ConsolidatedLine): DataValue[] {
  const item = l.row.item;
  return [l.school, l.municipality, l.publisher, l.item_key, l.grade, l.quantity, l.price_kopecks, l.version, item.fpu_code ?? '', item.item_code ?? '', item.known ? item.title : ''];
}

/** The hidden data sheet's rows: one per school line, long format. */
export function dataRows(p: PublisherConsolidation): DataValue[][] {
  return p.lines.toArray().map(dataRow);
}

/**
 * The metadata of a consolidation's hidden data sheet. `covered` are the municipalities whose order
 * from the publisher the sheet's rows are complete for (`import` replaces those): by default the
 * municipality, or every municipality of the region.
 */
function dataSheetMeta(input: WorkbookInput, covered?: readonly string[], extra: Record<string, string> = {}): DataSheetMeta {
  const { consolidation: c, publisher: p, registry, campaign } = input;
  const all = covered ?? (c.scope === 'municipality' ? [c.municipality!] : [...new Set([...registry.municipalities.map((m) => m.code), ...c.byMunicipality.keys()])]);
  return {
    kind: c.scope === 'region' ? KIND_REGION : KIND_MUNICIPALITY,
    campaign: campaign.id,
    extra: {
      publisher: p.publisher,
      ...(c.scope === 'municipality' ? { municipality: c.municipality! } : {}),
      municipalities: all.join(','),
      round: String(c.round),
      region: campaign.region,
      year: String(campaign.year),
      built_at: input.at,
      ...extra,
    },
  };
}

/** What the hidden data sheet of a consolidation carries: the generic workbook's and a filled publisher form's. */
export function consolidationDataSheet(input: WorkbookInput): { meta: DataSheetMeta; columns: string[]; rows: DataValue[][] } {
  return { meta: dataSheetMeta(input), columns: CONSOLIDATION_COLUMNS, rows: dataRows(input.publisher) };
}

/**
 * Most school lines one regional workbook carries (in its detail sheet and again in its data sheet);
 * a publisher with more gets its detail in workbooks of whole municipalities, each at most this many
 * lines where a municipality allows. Measured on the bench: a line costs ≈1.25 KB of sheet XML and
 * ≈115 bytes packed, so 250,000 lines are ≈300 MB unpacked and ≈30 MB of file — inside what
 * uchebnik's own reader accepts (500 MiB unpacked, 50 MiB a file, types.ts DEFAULT_LIMITS), so that
 * `import` reads every part back, and a quarter of Excel's 1,048,576 rows a sheet.
 */
export const DETAIL_LINES_PER_WORKBOOK = 250_000;

/** The municipalities of each detail workbook, in the consolidation's order; one group when one workbook holds them all. */
export function detailVolumes(p: PublisherConsolidation, limit = DETAIL_LINES_PER_WORKBOOK): string[][] {
  const volumes: string[][] = [[]];
  let lines = 0;
  for (const m of p.byMunicipality.keys()) {
    const n = p.linesByMunicipality.get(m) ?? 0;
    if (lines > 0 && lines + n > limit) {
      volumes.push([]);
      lines = 0;
    }
    volumes[volumes.length - 1]!.push(m);
    lines += n;
  }
  return volumes;
}

/**
 * The workbooks of a publisher: its consolidated workbook at `file` and, for a region whose detail
 * does not fit in it (`detailVolumes`), a detail workbook per group of municipalities at
 * `detailFile(n)`: each with the «По школам» sheet of its municipalities and a data sheet covering
 * exactly them, so that `import` of all of them (in any order) reads the region back; the main
 * workbook's data sheet then covers none. The main one comes first. `detailFile` is asked for each
 * volume's name here, in order.
 */
export function consolidationWorkbooks(file: string, input: WorkbookInput, detailFile: (n: number) => string, limit = DETAIL_LINES_PER_WORKBOOK): WorkbookPlan[] {
  const region = input.consolidation.scope === 'region';
  const volumes = region ? detailVolumes(input.publisher, limit) : [];
  if (volumes.length <= 1) return [{ file, input, main: { detail: region } }];
  return [
    { file, input, main: { detail: false, dataCovers: [], extra: { detail_workbooks: String(volumes.length) } } },
    ...volumes.map((municipalities, i) => ({ file: detailFile(i + 1), input, volume: { municipalities, n: i + 1, of: volumes.length } })),
  ];
}

/** One workbook to write: a publisher's consolidated workbook (`main`), or one volume of its detail. */
export interface WorkbookPlan {
  file: string;
  input: WorkbookInput;
  main?: { detail: boolean; dataCovers?: string[]; extra?: Record<string, string> };
  volume?: { municipalities: string[]; n: number; of: number };
}

/**
 * School lines below which the worker is not started: its start (≈0.1 s) is more than it would take
 * off. A municipality of 20 schools (≈7,000 lines) took 0.77–0.83 s with it and 0.60–0.74 s without.
 */
const MIN_LINES_FOR_WORKER = 50_000;

/** Workbooks whose large parts are queued before the one being finished needs them. */
const AHEAD = 4;

/**
 * Writes the workbooks, in order, and gives each file's sha256 (of the bytes written, so that the
 * run's record does not read the country's 1.6 GB of workbooks back to hash them). Each one's data sheet and detail are queued for this thread and a
 * worker (parts-in-turns.ts) up to `AHEAD` workbooks before it is finished, so that the worker always
 * has a part to write; the sheets only this thread can make (the consolidation itself and the
 * signature sheet) are written as each workbook is finished.
 */
export async function writeConsolidationWorkbooks(plans: readonly WorkbookPlan[], threadLimit?: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const lines = [...new Set(plans.map((p) => p.input.publisher))].reduce((n, p) => n + p.lines.length, 0);
  const parts = new PartsInTurns(secondThread(threadLimit, import.meta.url) && lines >= MIN_LINES_FOR_WORKER ? partWorker() : undefined);
  try {
    // workbook index → its parts, queued; a workbook's are let go once it is written
    const queued = new Map<number, Promise<Queued>>();
    let ahead = 0;
    for (const [i, plan] of plans.entries()) {
      for (; ahead < Math.min(plans.length, i + 1 + AHEAD); ahead++) {
        const next = queueParts(plans[ahead]!, parts);
        next.catch(() => undefined); // a failure is thrown when its workbook's turn comes
        queued.set(ahead, next);
      }
      const mine = await queued.get(i)!;
      queued.delete(i);
      hashes.set(plan.file, await finishWorkbook(plan, mine, parts));
    }
  } finally {
    await parts.close();
  }
  return hashes;
}

interface Queued {
  strings: SharedStrings;
  data: Part;
  detail?: Part;
}

const part = (i: number) => `xl/worksheets/sheet${i + 1}.xml`;

const printTitles = (i: number, name: string, titles: string) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(titles.replace(/@/g, `'${name}'`))}</definedName>`;

function workbookTitle(input: WorkbookInput): string {
  return `${input.publisher.publisher}: ${t(input.lang, 'consolidate.sheet-title', { publisher: input.publisher.publisher, year: input.campaign.year, next: input.campaign.year + 1 })}`;
}

/** The sheets of a main workbook, in order; the data sheet comes after them. */
function sheetNames(plan: WorkbookPlan): string[] {
  return plan.volume ? [SHEET_DETAIL] : [SHEET_MAIN, ...(plan.main!.detail ? [SHEET_DETAIL] : []), SHEET_SIGN];
}

/** The workbook's large parts, queued: its data sheet first (its texts come first in the shared strings), then its detail. */
async function queueParts(plan: WorkbookPlan, parts: PartsInTurns): Promise<Queued> {
  const { input } = plan;
  // The run's time, not the clock's: a repeated run writes the same bytes, which its record's sha256 can tell.
  const writtenAt = new Date(input.at);
  const names = sheetNames(plan);
  const strings = new SharedStrings();
  if (plan.volume) {
    const { municipalities, n, of } = plan.volume;
    const only = new Set(municipalities);
    const lines = input.publisher.lines.compact(only);
    const meta = dataSheetMeta(input, municipalities, { detail_workbook: `${n}/${of}` });
    const data = parts.add({ data: dataPartTask(meta, input.publisher.publisher, lines, part(names.length), writtenAt, strings) });
    const detail = parts.add({ detail: await detailPartTask(input, part(0), lines, strings, only, { n, of }) });
    return { strings, data, detail };
  }
  const { detail, dataCovers, extra } = plan.main!;
  const lines = input.publisher.lines.compact(dataCovers?.length === 0 ? new Set() : undefined);
  const data = parts.add({ data: dataPartTask(dataSheetMeta(input, dataCovers, extra), input.publisher.publisher, lines, part(names.length), writtenAt, strings) });
  return { strings, data, ...(detail ? { detail: parts.add({ detail: await detailPartTask(input, part(1), lines, strings) }) } : {}) };
}

/** Writes the workbook; its sha256. */
async function finishWorkbook(plan: WorkbookPlan, queued: Queued, parts: PartsInTurns): Promise<string> {
  const { input } = plan;
  const writtenAt = new Date(input.at);
  const names = sheetNames(plan);
  // This thread's own sheets first: meanwhile the worker writes the queued parts.
  const own = plan.volume ? [] : [await mainSheet(input, part(0)), await signatureSheet(input, part(names.length - 1))];
  const [data, detail] = await parts.entries(queued.detail ? [queued.data, queued.detail] : [queued.data]);
  const sheets = plan.volume ? [detail!] : queued.detail ? [own[0]!, detail!, own[1]!] : own;
  const detailAt = names.indexOf(SHEET_DETAIL);
  const definedNames = [
    ...(plan.volume ? [] : [printTitles(0, SHEET_MAIN, `@!$A:$${columnLetter(FIXED + 1)},@!$${HEADER_ROW}:$${HEADER_ROW + 1}`)]),
    ...(detailAt >= 0 ? [printTitles(detailAt, SHEET_DETAIL, `@!$${HEADER_ROW}:$${HEADER_ROW}`)] : []),
  ];
  const entries = packageEntries({
    sheets: [...names.map((name, i) => ({ name, part: sheets[i]! })), { name: DATA_SHEET_NAME, part: data!, state: 'veryHidden' as const }],
    styles: STYLES,
    definedNames,
    sharedStrings: queued.strings.part(),
    title: workbookTitle(input),
    writtenAt,
  });
  const bytes = zipBuffer(entries, writtenAt);
  await writeFileAtomic(plan.file, bytes);
  return createHash('sha256').update(bytes).digest('hex');
}
