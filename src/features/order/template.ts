/**
 * The order form a school fills (docs/file-formats.md#orders, `order template --school CODE`).
 *
 * Sheet «Заказ»:
 *   row 1      title (campaign year and region)
 *   rows 2–4   «Код ОО:» | code, «Наименование ОО:» | full name, «Муниципалитет:» | name — label in A,
 *              value in B, so the validator finds the school without guessing
 *   C2         when the school's latest order was returned (`order return`), «Заказ возвращён: <reason>»
 *              in red, right under the title: the form the school fills next says what to correct. C2,
 *              beside the short code, has the rest of row 2 free to show the text; no row moves, so
 *              a form made before or after a return reads the same
 *   row 5      the table header, the exact texts of HEADER (src/core/model/order.ts matches each to one field)
 *   rows 6…    one row per item and grade: an item for grades 5–9 gives five rows, so that «Класс» always
 *              holds one grade and a quantity is always for one grade, as the order is validated
 *   last row   «Итого» with SUM formulas for the copies and the money
 *
 * The labels the validator reads (school cells, header, «Итого», the sheet name) are Russian whatever
 * the language; the title, the quantity prompt and error, and the footer follow `lang`.
 * Items keep the caller's order. Quantities are empty, with data validation (whole number from 0 to
 * MAX_LINE_COPIES, the validator's own bound). The hidden data sheet (kind `order-template`) maps every
 * table row to its item key, grade and price, so a filled form is matched back to the catalogue by row.
 */
import type { Style, Worksheet } from 'exceljs';
import { itemGrades, NO_GRADE, type CatalogueItem } from '../../core/model/catalogue.js';
import { MAX_LINE_COPIES } from './check.js';
import type { School } from '../../core/model/registry.js';
import { t, type Lang } from '../../core/i18n/index.js';
import { addDataSheet, type DataValue } from '../../io/sheets/data-sheet.js';
import { printA4, styles, wrappedRowHeight, writeStreamingWorkbook, type StreamingWorkbook } from '../../io/sheets/xlsx-write.js';

export const TEMPLATE_SHEET = 'Заказ';
export const TEMPLATE_HEADER_ROW = 5;
export const SCHOOL_CODE_LABEL = 'Код ОО:';
export const SCHOOL_NAME_LABEL = 'Наименование ОО:';
export const MUNICIPALITY_LABEL = 'Муниципалитет:';
export const TOTAL_LABEL = 'Итого';
export const HEADER = [
  'Издательство',
  '№ ФП',
  'Код издательства',
  'ISBN',
  'Авторы',
  'Наименование',
  'Класс',
  'Цена, руб.',
  'Количество',
  'Сумма, руб.',
] as const;
export const DATA_COLUMNS = ['row', 'school', 'publisher', 'item_key', 'grade', 'price_kopecks'];

const WIDTHS = [20, 14, 20, 17, 26, 46, 7, 11, 12, 13];

export interface OrderTemplateInput {
  school: School;
  municipalityName: string;
  campaign: { id: string; year: number; region: string };
  items: CatalogueItem[];
  lang: Lang;
  /** the reason the school's latest order was returned with, when it was (src/features/order/return.ts) */
  returnReason?: string;
}

/** the notice of a returned order: bold dark red, to be seen before the table */
const RETURN_NOTICE_STYLE = { font: { bold: true, color: { argb: 'FFC00000' } } } satisfies Partial<Style>;

export async function writeOrderTemplate(path: string, input: OrderTemplateInput): Promise<void> {
  await writeStreamingWorkbook(path, (wb) => {
    const data = writeOrderSheet(wb, input);
    const { school, campaign } = input;
    addDataSheet(
      wb,
      {
        kind: 'order-template',
        campaign: campaign.id,
        extra: { school: school.code, municipality: school.municipality, region: campaign.region, year: String(campaign.year) },
      },
      DATA_COLUMNS,
      data,
    );
  });
}

/** Writes the sheet «Заказ» row by row (the workbook streams) and returns the data rows of its lines. */
function writeOrderSheet(wb: StreamingWorkbook, input: OrderTemplateInput): DataValue[][] {
  const { school, campaign, lang } = input;
  const ws = wb.addWorksheet(TEMPLATE_SHEET, {
    views: [{ state: 'frozen', ySplit: TEMPLATE_HEADER_ROW, topLeftCell: `A${TEMPLATE_HEADER_ROW + 1}`, activeCell: `I${TEMPLATE_HEADER_ROW + 1}` }],
    ...printA4({ landscape: true, repeatRows: [TEMPLATE_HEADER_ROW, TEMPLATE_HEADER_ROW], footer: t(lang, 'writer.page-footer') }),
  });
  ws.columns = WIDTHS.map((width) => ({ width }));

  const title = ws.getRow(1);
  title.getCell(1).value = t(lang, 'writer.template-title', { year: campaign.year, next: campaign.year + 1, region: campaign.region });
  title.getCell(1).style = styles.title;
  title.commit();
  const labelled: [string, string][] = [
    [SCHOOL_CODE_LABEL, school.code],
    [SCHOOL_NAME_LABEL, school.full_name],
    [MUNICIPALITY_LABEL, input.municipalityName],
  ];
  labelled.forEach(([label, value], i) => {
    const row = ws.getRow(2 + i);
    row.getCell(1).value = label;
    row.getCell(1).style = styles.label;
    row.getCell(2).value = value;
    if (i === 0 && input.returnReason !== undefined) {
      const notice = row.getCell(3);
      notice.value = t(lang, 'writer.template-returned', { reason: input.returnReason });
      notice.style = RETURN_NOTICE_STYLE;
    }
    row.commit();
  });

  const header = ws.getRow(TEMPLATE_HEADER_ROW);
  HEADER.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.style = styles.header;
  });
  // two lines: «Код издательства» wraps in bold
  header.height = 30;
  header.commit();

  const first = TEMPLATE_HEADER_ROW + 1;
  const data: DataValue[][] = [];
  let r = first;
  for (const item of input.items) {
    const grades = itemGrades(item);
    for (let grade = grades.from; grade <= grades.to; grade++, r++) {
      writeLine(ws, r, item, grade);
      data.push([r, school.code, item.publisher, item.key, grade, item.price_kopecks]);
    }
  }
  const last = r - 1;
  writeTotals(ws, r, first, last);

  if (last >= first) {
    addQuantityValidation(ws, `I${first}:I${last}`, lang);
    ws.autoFilter = `A${TEMPLATE_HEADER_ROW}:J${last}`;
  }
  return data;
}

function writeLine(ws: Worksheet, r: number, item: CatalogueItem, grade: number): void {
  const row = ws.getRow(r);
  // Codes stay text: a numeric item code such as «02567» must keep its leading zero.
  const texts = [item.publisher, item.fpu_code ?? '', item.item_code ?? '', item.isbn ?? '', item.authors, item.title];
  texts.forEach((text, i) => {
    const cell = row.getCell(i + 1);
    if (text !== '') cell.value = text;
    cell.style = i === 0 || i >= 4 ? styles.text : styles.plain;
  });
  row.height = wrappedRowHeight([
    [item.publisher, WIDTHS[0]!],
    [item.authors, WIDTHS[4]!],
    [item.title, WIDTHS[5]!],
  ]);
  const g = row.getCell(7);
  // An item without a grade is ordered without one: the cell stays empty.
  if (grade !== NO_GRADE) g.value = grade;
  g.style = styles.plain;
  const price = row.getCell(8);
  price.value = item.price_kopecks / 100;
  price.style = styles.moneyCell;
  row.getCell(9).style = styles.input;
  const sum = row.getCell(10);
  sum.value = { formula: `H${r}*I${r}`, result: 0 };
  sum.style = styles.moneyCell;
  row.commit();
}

/**
 * SUM, not SUBTOTAL: a school that filters the table before saving would otherwise store the total of
 * the visible rows, and the validator would report a total that differs from its lines.
 */
function writeTotals(ws: Worksheet, r: number, first: number, last: number): void {
  const row = ws.getRow(r);
  for (let c = 1; c <= HEADER.length; c++) row.getCell(c).style = styles.total;
  row.getCell(1).value = TOTAL_LABEL;
  const copies = row.getCell(9);
  const money = row.getCell(10);
  // An empty range would make the formula refer to the totals row itself.
  copies.value = last >= first ? { formula: `SUM(I${first}:I${last})`, result: 0 } : 0;
  money.value = last >= first ? { formula: `SUM(J${first}:J${last})`, result: 0 } : 0;
  money.style = styles.totalMoney;
  row.commit();
}

function addQuantityValidation(ws: Worksheet, range: string, lang: Lang): void {
  // exceljs keeps validations per cell and merges equal neighbours only when saving; one range entry
  // is what it writes for thousands of rows without that work. The collection is missing from its typings.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations;
  validations.add(range, {
    type: 'whole',
    operator: 'between',
    formulae: [0, MAX_LINE_COPIES],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: t(lang, 'writer.qty-prompt-title'),
    prompt: t(lang, 'writer.qty-prompt'),
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: t(lang, 'writer.qty-error-title'),
    error: t(lang, 'writer.qty-error', { max: MAX_LINE_COPIES }),
  });
}
