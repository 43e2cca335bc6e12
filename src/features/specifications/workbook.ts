/**
 * The specification workbook (docs/file-formats.md#specifications): one print-ready A4 document per school and publisher,
 * written as SpreadsheetML by hand and zipped here rather than through exceljs, because a regional
 * package is thousands of workbooks and exceljs's writer costs ≈60 ms each (docs/library-pitfalls.md#p12). The parts are
 * the minimum Excel and LibreOffice need; the ones that never change (styles, workbook, relationships)
 * are compressed once per process.
 *
 * Sheet «Спецификация» (landscape A4, fitted to the page width, rows 9–10 repeated on every page):
 *   1        «Спецификация к договору № … от …» (blanks to fill by hand unless given)
 *   2        what is supplied, for which school year
 *   4–7      customer (full name; ИНН / КПП; municipality) and supplier (its legal name, else the publisher)
 *   9        the table header; 10 the column numbers 1…11, as Russian forms number them
 *   11…      numbered lines: fpu code, item code, ISBN, authors, title, grade, copies, price, VAT rate, sum
 *   then     «Итого», one «в т.ч. НДС N %» row per rate, the totals in a sentence, the total in
 *            words, the VAT sentence, and «Реквизиты и подписи сторон»: for the customer and the
 *            supplier side by side their name, requisites (ИНН / КПП, address, bank, accounts —
 *            what is known; the publisher's from `publisher set`/`import`), the signatory's position, a
 *            line to sign on with the name spelt «Иванова И. П.», and «М.П.»
 *
 * Values, not formulas: the document is what is signed, and a formula recomputed after a hand edit
 * would disagree with the total in words. The hidden sheet `_uchebnik` (src/io/sheets/data-sheet.ts's
 * layout and checksum, kind `specification`) carries the lines for machines.
 *
 * Every row gets an explicit height estimated from its text: LibreOffice does not fit rows of an xlsx
 * without one to their wrapped text on opening (seen converting to PDF: the authors ran over the next
 * row), and neither application ever fits merged cells. Knowing the heights, the writer also places a
 * manual page break where needed so that «Итого», the VAT, the words and the signatures print on one
 * page with the last lines of the table (`keepTogether`), checked against the page room of Excel and of
 * LibreOffice with and without Times (see PAGE_BODIES).
 */
import { createHash } from 'node:crypto';
import { columnLetter } from '../../core/finding.js';
import type { Requisites } from '../../core/model/registry.js';
import { DATA_SHEET_NAME, dataSheetRows, type DataValue } from '../../io/sheets/data-sheet.js';
import { FAST, NS_MAIN, NS_REL, XML_HEAD, dataSheetXml, emptyCell, numberCell, packageEntries, textCell, textElement, xmlText, money } from '../../io/sheets/sheet-xml.js';
import { textWidth } from '../../io/sheets/text-width.js';
import { zipBuffer, zipEntry } from '../../io/sheets/zip-write.js';
import {
  specificationTitle,
  totalInWords,
  totalSentence,
  vatLabel,
  vatSentence,
  type ContractDate,
  type Specification,
} from './specification.js';

export const SPECIFICATION_SHEET = 'Спецификация';
export const SPECIFICATION_KIND = 'specification';
export const HEADER_ROW = 9;

export const SPEC_DATA_COLUMNS = [
  'n',
  'school',
  'municipality',
  'publisher',
  'item_key',
  'fpu_code',
  'item_code',
  'isbn',
  'grade',
  'quantity',
  'price_kopecks',
  'sum_kopecks',
  'vat_rate',
  'vat_kopecks',
];

/** Column headers and widths (in characters of the 10-pt body font). */
export const COLUMNS: readonly { head: string; width: number }[] = [
  { head: '№ п/п', width: 5 },
  { head: 'Код по ФПУ', width: 15 },
  { head: 'Код издательства', width: 19.5 },
  { head: 'ISBN', width: 14.5 },
  { head: 'Авторы', width: 27 },
  { head: 'Наименование учебника', width: 44 },
  { head: 'Класс', width: 6 },
  { head: 'Кол-во, экз.', width: 8 },
  { head: 'Цена с НДС, руб.', width: 11 },
  { head: 'Ставка НДС', width: 8 },
  { head: 'Сумма с НДС, руб.', width: 13.5 },
];

export interface SpecificationCustomer {
  code: string;
  full_name: string;
  inn?: string;
  kpp?: string;
  municipality_name: string;
  requisites?: Requisites;
}

/** The publisher as a party: its stored requisites (src/features/publishers/store.ts) when there are any. */
export interface SpecificationSupplier {
  /** the legal name, else the publisher's name */
  name: string;
  inn?: string;
  kpp?: string;
  requisites?: Requisites;
}

export interface SpecificationDocument {
  spec: Specification;
  customer: SpecificationCustomer;
  /** default: the publisher's name alone */
  supplier?: SpecificationSupplier;
  contract_number?: string;
  contract_date?: ContractDate;
  campaign: { id: string; year: number; region: string };
  /** for the data sheet and the document properties (default: now) */
  written_at?: Date;
}

// ---------------------------------------------------------------------------------------------------
// Styles: indexes into cellXfs below.

const S = {
  default: 0,
  title: 1,
  subtitle: 2,
  label: 3,
  value: 4,
  header: 5,
  colnum: 6,
  text: 7,
  centre: 8,
  qty: 9,
  money: 10,
  totalLabel: 11,
  totalQty: 12,
  totalMoney: 13,
  vatLabel: 14,
  vatMoney: 15,
  caption: 16,
  centreText: 17,
  bold: 18,
  bordered: 19,
} as const;

const FONT = 'Times New Roman';
const QTY_FMT = 164;
const MONEY_FMT = 165;

const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  // Numbers keep a space's width from the right border: «1 234,56 » rather than pressed against the line.
  `<numFmts count="2"><numFmt numFmtId="${QTY_FMT}" formatCode="#,##0_)"/><numFmt numFmtId="${MONEY_FMT}" formatCode="#,##0.00_)"/></numFmts>` +
  '<fonts count="6">' +
  `<font><sz val="10"/><name val="${FONT}"/><family val="1"/><charset val="204"/></font>` +
  `<font><b/><sz val="10"/><name val="${FONT}"/><family val="1"/><charset val="204"/></font>` +
  `<font><b/><sz val="13"/><name val="${FONT}"/><family val="1"/><charset val="204"/></font>` +
  `<font><sz val="8"/><name val="${FONT}"/><family val="1"/><charset val="204"/></font>` +
  `<font><i/><sz val="8"/><name val="${FONT}"/><family val="1"/><charset val="204"/></font>` +
  `<font><sz val="11"/><name val="${FONT}"/><family val="1"/><charset val="204"/></font>` +
  '</fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFEDEDED"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>' +
  '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="20">' +
  [
    xf(0, 0, 0, 0, ''), // default
    xf(2, 0, 0, 0, '<alignment horizontal="center" vertical="center" wrapText="1"/>'), // title
    xf(5, 0, 0, 0, '<alignment horizontal="center" vertical="center" wrapText="1"/>'), // subtitle
    xf(1, 0, 0, 0, '<alignment horizontal="left" vertical="top" wrapText="1"/>'), // label
    xf(0, 0, 0, 0, '<alignment horizontal="left" vertical="top" wrapText="1"/>'), // value
    xf(1, 2, 1, 0, '<alignment horizontal="center" vertical="center" wrapText="1"/>'), // header
    xf(3, 0, 1, 0, '<alignment horizontal="center" vertical="center"/>'), // colnum
    xf(0, 0, 1, 0, '<alignment horizontal="left" vertical="top" wrapText="1"/>'), // text
    xf(0, 0, 1, 0, '<alignment horizontal="center" vertical="top" wrapText="1"/>'), // centre
    xf(0, 0, 1, QTY_FMT, '<alignment horizontal="right" vertical="top"/>'), // qty
    xf(0, 0, 1, MONEY_FMT, '<alignment horizontal="right" vertical="top"/>'), // money
    xf(1, 0, 1, 0, '<alignment horizontal="right" vertical="center"/>'), // totalLabel
    xf(1, 0, 1, QTY_FMT, '<alignment horizontal="right" vertical="center"/>'), // totalQty
    xf(1, 0, 1, MONEY_FMT, '<alignment horizontal="right" vertical="center"/>'), // totalMoney
    xf(0, 0, 1, 0, '<alignment horizontal="right" vertical="center"/>'), // vatLabel
    xf(0, 0, 1, MONEY_FMT, '<alignment horizontal="right" vertical="center"/>'), // vatMoney
    xf(4, 0, 0, 0, '<alignment horizontal="center" vertical="top"/>'), // caption
    xf(0, 0, 0, 0, '<alignment horizontal="center" vertical="bottom"/>'), // centreText
    xf(1, 0, 0, 0, '<alignment horizontal="left" vertical="top" wrapText="1"/>'), // bold
    xf(0, 0, 1, 0, ''), // bordered
  ].join('') +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

function xf(font: number, fill: number, border: number, numFmt: number, alignment: string): string {
  const applies = `${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${border ? ' applyBorder="1"' : ''}${numFmt ? ' applyNumberFormat="1"' : ''}${alignment ? ' applyAlignment="1"' : ''}`;
  const attrs = `numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applies}`;
  return alignment ? `<xf ${attrs}>${alignment}</xf>` : `<xf ${attrs}/>`;
}

// ---------------------------------------------------------------------------------------------------
// Cells: the sheet-xml.ts ones, with a column number (the sheet never goes past J) and a style.

function t(s: string): string {
  return textElement(s);
}

function str(at: string, style: number, s: string): string {
  return textCell(at, style, s);
}

/** Rich text: runs of [text, bold]. */
function rich(at: string, style: number, runs: [string, boolean][]): string {
  const body = runs
    .map(([text, bold]) => `<r><rPr>${bold ? '<b/>' : ''}<sz val="10"/><rFont val="${FONT}"/><family val="1"/><charset val="204"/></rPr>${t(text)}</r>`)
    .join('');
  return `<c r="${at}" s="${style}" t="inlineStr"><is>${body}</is></c>`;
}

function num(at: string, style: number, n: number): string {
  return numberCell(at, style, n);
}

function empty(at: string, style: number): string {
  return emptyCell(at, style);
}

function col(c: number): string {
  return columnLetter(c - 1);
}

const WIDTHS = COLUMNS.map((c) => c.width);

// Page geometry. A column `w` characters wide is written as w + 0.71 (Excel's padding) and is laid out
// at the width of w + 0.71 digits of the default font: ≈5.05 pt each in LibreOffice with Times (or its
// metric twin Liberation Serif), 7 px = 5.25 pt in Excel, ≈6.4 pt in a LibreOffice that has neither and
// falls back to DejaVu Serif (all three measured on their output). Text is wrapped against the first;
// text widths scale with the font in all three, so what fits there fits in the others. The sheet is
// scaled to the page width in whole percents, so how many rows a page holds differs by application.
const UNIT_PT = 5.05;
const LAYOUT_UNITS_PT = [5.05, 5.25, 6.4];
const CELL_PADDING_PT = 5;
const MARGINS = { left: 0.5, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 };
const PAGE = { width: 841.89, height: 595.28 }; // A4 landscape, points
const colPt = (w: number) => (w + 0.71) * UNIT_PT;

/** Height of the rows one printed page holds, in the sheet's points (before scaling), per application. */
export const PAGE_BODIES: readonly number[] = LAYOUT_UNITS_PT.map((unit) => {
  const content = WIDTHS.reduce((n, w) => n + (w + 0.71) * unit, 0);
  const scale = Math.min(1, Math.floor((100 * (PAGE.width - 72 * (MARGINS.left + MARGINS.right))) / content) / 100);
  return (PAGE.height - 72 * (MARGINS.top + MARGINS.bottom)) / scale;
});

function spanPt(from: number, to: number): number {
  let w = 0;
  for (let c = from; c <= to; c++) w += colPt(WIDTHS[c - 1]!);
  return w;
}

// Authors and titles repeat across thousands of specifications: each text is laid out once per cell
// width, font size and weight, and each word measured once (the layout was an eighth of an export's
// processor time on the bench, bench/README.md).
const lineCounts = new Map<number, Map<number, Map<string, number>>>();
const wordWidths = new Map<string, number>();

/**
 * Lines `text` takes when wrapped in a cell `widthPt` wide, with Times metrics and a few percent to
 * spare. Words are not broken unless one alone is wider than the cell (long codes break anywhere).
 */
export function estimateLines(text: string, widthPt: number, size = 10, bold = false): number {
  if (text === '') return 1;
  // Looked up by numbers, not a text made of them: writing a width such as 123.4567 as digits cost more than the lookup.
  let ofWidth = lineCounts.get(widthPt);
  if (!ofWidth) lineCounts.set(widthPt, (ofWidth = new Map()));
  const font = size * 2 + (bold ? 1 : 0);
  let known = ofWidth.get(font);
  if (!known) ofWidth.set(font, (known = new Map()));
  let lines = known.get(text);
  if (lines === undefined) {
    if (known.size > 50_000) known.clear();
    known.set(text, (lines = wrappedLines(text, widthPt, size, bold)));
  }
  return lines;
}

function wrappedLines(text: string, widthPt: number, size: number, bold: boolean): number {
  const capacity = Math.max(size, (widthPt - CELL_PADDING_PT) * 0.96);
  const space = textWidth(' ', size, bold);
  const widthOf = (word: string) => {
    const key = `${size}${bold ? 'b' : ''}\u0000${word}`;
    let w = wordWidths.get(key);
    if (w === undefined) {
      if (wordWidths.size > 50_000) wordWidths.clear();
      wordWidths.set(key, (w = textWidth(word, size, bold)));
    }
    return w;
  };
  let lines = 0;
  for (const para of text.split('\n')) {
    let used = 0;
    let n = 1;
    for (const word of para.split(' ')) {
      const w = widthOf(word);
      if (used === 0) used = w;
      else if (used + space + w <= capacity) used += space + w;
      else {
        n++;
        used = w;
      }
      while (used > capacity) {
        n++;
        used -= capacity;
      }
    }
    lines += n;
  }
  return lines;
}

/** Row height in points for `lines` lines of a `size`-point Times font, with the cell's padding. */
function height(lines: number, size = 10): number {
  return Math.round((lines * size * 1.15 + 2.5) * 4) / 4;
}

// ---------------------------------------------------------------------------------------------------

class SheetBuilder {
  readonly rows: string[] = [];
  /** the height of each row in points, [0] for row 1 */
  readonly heights: number[] = [];
  readonly merges: string[] = [];
  r = 0;

  row(cells: string[], ht: number): number {
    this.r++;
    this.heights.push(ht);
    this.rows.push(`<row r="${this.r}" ht="${ht}" customHeight="1">${cells.join('')}</row>`);
    return this.r;
  }

  /** A text merged over columns from..to of the next row, with every cell of the merge styled (borders). */
  mergedText(from: number, to: number, style: number, text: string): string[] {
    const r = this.r + 1;
    this.merges.push(`${col(from)}${r}:${col(to)}${r}`);
    const cells = [str(`${col(from)}${r}`, style, text)];
    for (let c = from + 1; c <= to; c++) cells.push(empty(`${col(c)}${r}`, style));
    return cells;
  }

  mergedRich(from: number, to: number, style: number, runs: [string, boolean][]): string[] {
    const r = this.r + 1;
    this.merges.push(`${col(from)}${r}:${col(to)}${r}`);
    return [rich(`${col(from)}${r}`, style, runs)];
  }

  cell(c: number): string {
    return `${col(c)}${this.r + 1}`;
  }
}

const LAST = COLUMNS.length;

function escapeHeaderFooter(s: string): string {
  return s.replace(/&/gu, '&&');
}

/**
 * The page each row lands on (0-based) when rows flow over pages holding `body` points and the rows
 * `repeat` ([first, last], 1-based) are printed atop every page after the first; `breakBefore` is a
 * manual page break before that row.
 */
export function paginate(heights: readonly number[], repeat: [number, number], body: number, breakBefore?: number): number[] {
  let repeated = 0;
  for (let r = repeat[0]; r <= repeat[1]; r++) repeated += heights[r - 1] ?? 0;
  const pages: number[] = [];
  let page = 0;
  let used = 0;
  heights.forEach((h, i) => {
    const row = i + 1;
    if (used > 0 && (used + h > body || row === breakBefore)) {
      page++;
      used = row > repeat[1] ? repeated : 0;
    }
    used += h;
    pages.push(page);
  });
  return pages;
}

/**
 * Where to break the page so that the totals, the total in words and the signatures are printed on one
 * page together with the last lines of the table, in Excel and in LibreOffice alike (a page that starts
 * at «Итого», or holds only signatures, invites a page to be swapped). Undefined when they fit where they
 * fall in every application, or when no break can help.
 *
 * The break goes where the application with the least room per page would start that page anyway, so
 * it changes nothing there and only ends a page early in the roomier ones; when even that application
 * splits them, it goes before the last two lines.
 */
export function keepTogether(heights: readonly number[], firstLine: number, totalsRow: number, bodies: readonly number[] = PAGE_BODIES): number | undefined {
  const repeat: [number, number] = [HEADER_ROW, HEADER_ROW + 1];
  const last = heights.length;
  const from = Math.max(firstLine, totalsRow - 1);
  const natural = bodies.map((body) => paginate(heights, repeat, body));
  if (natural.every((pages) => pages[from - 1] === pages[last - 1])) return undefined;
  const tightest = natural[bodies.indexOf(Math.min(...bodies))]!;
  const breakBefore = tightest[from - 1] === tightest[last - 1] ? tightest.indexOf(tightest[from - 1]!) + 1 : Math.max(firstLine, totalsRow - 2);
  if (breakBefore <= firstLine) return undefined;
  const fits = bodies.every((body) => {
    const pages = paginate(heights, repeat, body, breakBefore);
    return pages[breakBefore - 1] === pages[last - 1];
  });
  return fits ? breakBefore : undefined;
}

/** «Иванова Ирина Петровна» → «Иванова И. П.»; a name not of two or three words stays as it is. */
export function signatureName(full: string | undefined): string | undefined {
  if (!full) return undefined;
  const words = full.trim().split(/\s+/u);
  if (words.length < 2 || words.length > 3 || words.slice(1).some((w) => !/^\p{Lu}/u.test(w))) return full.trim();
  return `${words[0]} ${words.slice(1).map((w) => `${w[0]}.`).join('\u00A0')}`;
}

/** A line's VAT rate as printed: «10 %», or «без НДС». */
export function vatRateText(rate: number): string {
  return rate === 0 ? 'без НДС' : `${rate}\u00A0%`;
}

const BLANK = '______________';

/**
 * A party's requisites under its name in the signature block, one per line: ИНН / КПП always (blanks to
 * fill by hand), the rest only when known — `export contracts` warns about what a contract lacks.
 */
export function requisiteLines(p: { inn?: string; kpp?: string; requisites?: Requisites }): string[] {
  const r = p.requisites ?? {};
  const contacts = [r.phone && `тел. ${r.phone}`, r.email && `эл. почта ${r.email}`].filter(Boolean).join(', ');
  return [
    `ИНН / КПП: ${p.inn || BLANK} / ${p.kpp || BLANK}`,
    r.legal_address && `Адрес: ${r.legal_address}`,
    r.bank_name && `Банк: ${r.bank_name}`,
    r.bik && `БИК ${r.bik}`,
    r.account && `Р/с ${r.account}`,
    r.corr_account && `К/с ${r.corr_account}`,
    r.personal_account && `Л/с ${r.personal_account}`,
    contacts,
  ].filter((l): l is string => Boolean(l));
}

function sheetXml(doc: SpecificationDocument): string {
  const { spec, customer } = doc;
  const supplier: SpecificationSupplier = doc.supplier ?? { name: spec.publisher };
  const b = new SheetBuilder();
  const full = spanPt(1, LAST);

  const title = specificationTitle(doc.contract_number, doc.contract_date);
  b.row(b.mergedText(1, LAST, S.title, title), height(estimateLines(title, full, 13, true), 13));
  const subtitle = `на поставку учебников и учебных пособий для обеспечения образовательной деятельности в ${doc.campaign.year}/${doc.campaign.year + 1} учебном году`;
  b.row(b.mergedText(1, LAST, S.subtitle, subtitle), height(estimateLines(subtitle, full, 11), 11));
  b.row([], 8);

  const labelTo = 3;
  const valueFrom = 4;
  const valueWidth = spanPt(valueFrom, LAST);
  const inn = customer.inn || '______________';
  const kpp = customer.kpp || '______________';
  const parties: [string, string][] = [
    ['Заказчик:', customer.full_name],
    ['ИНН / КПП:', `${inn} / ${kpp}`],
    ['Муниципалитет:', customer.municipality_name],
    ['Поставщик:', supplier.name],
  ];
  for (const [label, value] of parties) {
    b.row([...b.mergedText(1, labelTo, S.label, label), ...b.mergedText(valueFrom, LAST, S.value, value)], height(estimateLines(value, valueWidth)));
  }
  b.row([], 8);

  // The table header and the row of column numbers, repeated atop every printed page.
  b.row(
    COLUMNS.map((c, i) => str(b.cell(i + 1), S.header, c.head)),
    height(Math.max(...COLUMNS.map((c) => estimateLines(c.head, colPt(c.width), 10, true)))),
  );
  b.row(
    COLUMNS.map((_, i) => num(b.cell(i + 1), S.colnum, i + 1)),
    11.25,
  );

  const firstLine = b.r + 1;
  const w = (c: number) => colPt(WIDTHS[c - 1]!);
  for (const l of spec.lines) {
    const title = l.known ? l.title : `${l.title} (нет в загруженных прайс-листах)`;
    const lines = Math.max(
      estimateLines(l.fpu_code ?? '', w(2)),
      estimateLines(l.item_code ?? '', w(3)),
      estimateLines(l.isbn ?? '', w(4)),
      estimateLines(l.authors, w(5)),
      estimateLines(title, w(6)),
    );
    b.row(
      [
        num(b.cell(1), S.centre, l.n),
        str(b.cell(2), S.centre, l.fpu_code ?? ''),
        str(b.cell(3), S.centre, l.item_code ?? ''),
        str(b.cell(4), S.centre, l.isbn ?? ''),
        str(b.cell(5), S.text, l.authors),
        str(b.cell(6), S.text, title),
        num(b.cell(7), S.centre, l.grade),
        num(b.cell(8), S.qty, l.quantity),
        num(b.cell(9), S.money, money(l.price_kopecks)),
        str(b.cell(10), S.centre, vatRateText(l.vat_rate)),
        num(b.cell(11), S.money, money(l.sum_kopecks)),
      ],
      height(lines),
    );
  }

  const totals = spec.totals;
  const totalsRow = b.row(
    [
      ...b.mergedText(1, 7, S.totalLabel, 'Итого:'),
      num(b.cell(8), S.totalQty, totals.copies),
      empty(b.cell(9), S.bordered),
      empty(b.cell(10), S.bordered),
      num(b.cell(11), S.totalMoney, money(totals.sum_kopecks)),
    ],
    15,
  );
  for (const r of totals.by_rate) {
    const cells = [...b.mergedText(1, LAST - 1, S.vatLabel, `${vatLabel(r.rate)}:`)];
    cells.push(r.rate === 0 ? str(b.cell(LAST), S.vatLabel, '—') : num(b.cell(LAST), S.vatMoney, money(r.vat_kopecks)));
    b.row(cells, 15);
  }
  b.row([], 8);

  const sentence = totalSentence(totals);
  b.row(b.mergedText(1, LAST, S.value, sentence), height(estimateLines(sentence, full)));
  const words = totalInWords(totals);
  b.row(b.mergedRich(1, LAST, S.value, [['Сумма прописью: ', false], [words, true]]), height(estimateLines(`Сумма прописью: ${words}`, full, 10, true)));
  const vat = vatSentence(totals.by_rate);
  b.row(b.mergedText(1, LAST, S.value, vat), height(estimateLines(vat, full)));
  b.row([], 20);

  // Requisites and signatures: the customer over columns A–E, the supplier over F–K.
  const left: [number, number] = [1, 5];
  const right: [number, number] = [6, LAST];
  const both = (l: string, r: string, style: number, size = 10) =>
    b.row([...b.mergedText(...left, style, l), ...b.mergedText(...right, style, r)], height(Math.max(estimateLines(l, spanPt(...left), size), estimateLines(r, spanPt(...right), size))));
  b.row(b.mergedText(1, LAST, S.bold, 'Реквизиты и подписи сторон'), 14);
  b.row([...b.mergedText(...left, S.bold, 'Заказчик:'), ...b.mergedText(...right, S.bold, 'Поставщик:')], 14);
  both(customer.full_name, supplier.name, S.value);
  both(requisiteLines(customer).join('\n'), requisiteLines(supplier).join('\n'), S.value);
  const position = (r: Requisites | undefined) => r?.head_position ?? '';
  if (position(customer.requisites) || position(supplier.requisites)) both(position(customer.requisites), position(supplier.requisites), S.value);
  b.row([], 24);
  const line = '______________________';
  const named = (r: Requisites | undefined) => `/ ${signatureName(r?.head_name) ?? '______________________'} /`;
  b.row(
    [...b.mergedText(2, 3, S.centreText, line), ...b.mergedText(4, 5, S.centreText, named(customer.requisites)), str(b.cell(6), S.centreText, line), ...b.mergedText(7, LAST, S.centreText, named(supplier.requisites))],
    14,
  );
  b.row(
    [...b.mergedText(2, 3, S.caption, '(подпись)'), ...b.mergedText(4, 5, S.caption, '(расшифровка подписи)'), str(b.cell(6), S.caption, '(подпись)'), ...b.mergedText(7, LAST, S.caption, '(расшифровка подписи)')],
    11.25,
  );
  b.row([], 6);
  b.row([str(b.cell(2), S.value, 'М.П.'), str(b.cell(6), S.value, 'М.П.')], 14);

  const breakBefore = keepTogether(b.heights, firstLine, totalsRow);
  const breaks = breakBefore === undefined ? '' : `<rowBreaks count="1" manualBreakCount="1"><brk id="${breakBefore - 1}" max="16383" man="1"/></rowBreaks>`;
  const cols = WIDTHS.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w + 0.71}" customWidth="1"/>`).join('');
  const footer = xmlText(`&L&"${FONT},Regular"&8${escapeHeaderFooter(`Спецификация: ${customer.code}, ${spec.publisher}`)}&R&"${FONT},Regular"&8Страница &P из &N`);
  const m = MARGINS;
  return (
    XML_HEAD +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${col(LAST)}${b.r}"/>` +
    '<sheetViews><sheetView showGridLines="0" tabSelected="1" workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="13.2"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${b.rows.join('')}</sheetData>` +
    `<mergeCells count="${b.merges.length}">${b.merges.map((r) => `<mergeCell ref="${r}"/>`).join('')}</mergeCells>` +
    '<printOptions horizontalCentered="1"/>' +
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    `<headerFooter><oddFooter>${footer}</oddFooter></headerFooter>` +
    breaks +
    '</worksheet>'
  );
}

/** The hidden `_uchebnik` sheet with data-sheet.ts's layout, so `readDataSheet` reads it back. */
function dataSheetPart(doc: SpecificationDocument, writtenAt: Date): string {
  const { spec } = doc;
  const rows: DataValue[][] = spec.lines.map((l) => [
    l.n,
    spec.school,
    spec.municipality,
    spec.publisher,
    l.item_key,
    l.fpu_code ?? '',
    l.item_code ?? '',
    l.isbn ?? '',
    l.grade,
    l.quantity,
    l.price_kopecks,
    l.sum_kopecks,
    l.vat_rate,
    l.vat_kopecks,
  ]);
  const extra: Record<string, string> = {
    school: spec.school,
    municipality: spec.municipality,
    publisher: spec.publisher,
    region: doc.campaign.region,
    year: String(doc.campaign.year),
    contract_number: doc.contract_number ?? '',
    contract_date: doc.contract_date ? `${doc.contract_date.year}-${String(doc.contract_date.month).padStart(2, '0')}-${String(doc.contract_date.day).padStart(2, '0')}` : '',
    sum_kopecks: String(spec.totals.sum_kopecks),
    vat_kopecks: String(spec.totals.vat_kopecks),
  };
  return dataSheetXml(dataSheetRows({ kind: SPECIFICATION_KIND, campaign: doc.campaign.id, extra }, SPEC_DATA_COLUMNS, rows, writtenAt));
}

/** The xlsx file of one specification, in memory (a few kilobytes). */
export function specificationXlsx(doc: SpecificationDocument): Buffer {
  const writtenAt = doc.written_at ?? new Date();
  return zipBuffer(
    packageEntries({
      sheets: [
        { name: SPECIFICATION_SHEET, part: zipEntry('xl/worksheets/sheet1.xml', sheetXml(doc), FAST) },
        { name: DATA_SHEET_NAME, part: zipEntry('xl/worksheets/sheet2.xml', dataSheetPart(doc, writtenAt), FAST), state: 'veryHidden' },
      ],
      styles: STYLES_XML,
      definedNames: [`<definedName name="_xlnm.Print_Titles" localSheetId="0">'${SPECIFICATION_SHEET}'!$${HEADER_ROW}:$${HEADER_ROW + 1}</definedName>`],
      title: `Спецификация: ${doc.customer.code}, ${doc.spec.publisher}`,
      writtenAt,
    }),
    writtenAt,
  );
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

