/**
 * Workbooks of the recommendations (docs/file-formats.md#recommendations): the analyst's draft (`analyze
 * --draft-recommendations`), and what `recommendations split` sends on — one workbook per
 * municipality (stage 14) and one per school (stage 15), each saying what was ordered, what is
 * recommended and why.
 *
 * Sheet «Рекомендации» of each:
 *   rows 1–3   title, whom it is for, a line on what to do with it
 *   row 5      the header: texts that `recommendations load` reads back (RECOMMENDATION_FIELDS), so the
 *              draft, once edited, is loaded as it is, and a municipality's workbook can be re-read too
 *   rows 6…    one row per recommendation
 * The draft adds a sheet «Анализ» with every finding of the analysis (outliers and schools without an
 * order included, which are no single item's recommendation), and a list validation on «Действие».
 * Each carries the hidden data sheet (kind recommendations-draft / -municipality / -school).
 */
import type { Worksheet } from 'exceljs';
import { ACTION_WORD, ACTIONS, type RecommendationAction } from './recommend.js';
import { t, type Lang } from '../../core/i18n/index.js';
import { addDataSheet, type DataValue } from '../../io/sheets/data-sheet.js';
import { newWorkbook, saveWorkbook, setPrintA4, styles, wrappedRowHeight } from '../../io/sheets/xlsx-write.js';

export const RECOMMENDATIONS_SHEET = 'Рекомендации';
export const ANALYSIS_SHEET = 'Анализ';
export const HEADER_ROW = 5;

/** One row of a recommendations workbook, as people read it. */
export interface RecommendationRow {
  municipality: string;
  school: string;
  school_name: string;
  publisher: string;
  /** item code, ISBN or fpu code */
  reference: string;
  title: string;
  grade: number;
  /** copies ordered when the recommendation was made */
  ordered: number;
  action: RecommendationAction;
  quantity?: number;
  /** the replacement, as reference and title («05-0036-16 Канакина В.П. Русский язык») */
  replacement?: string;
  comment?: string;
  /** for the data sheet: the items' keys, `;`-separated */
  item_keys?: string;
}

interface Column {
  header: string;
  width: number;
  value: (r: RecommendationRow, i: number) => string | number | null;
  /** a text that wraps */
  wraps?: boolean;
  /** the analyst fills it in the draft */
  input?: boolean;
}

const COLUMNS: Record<string, Column> = {
  number: { header: '№', width: 5, value: (_, i) => i + 1 },
  municipality: { header: 'Муниципалитет', width: 14, value: (r) => r.municipality },
  school: { header: 'Код ОО', width: 9, value: (r) => r.school },
  school_name: { header: 'Наименование ОО', width: 28, value: (r) => r.school_name, wraps: true },
  publisher: { header: 'Издательство', width: 16, value: (r) => r.publisher, wraps: true },
  item: { header: 'Позиция (код, ISBN или № ФП)', width: 20, value: (r) => r.reference },
  title: { header: 'Наименование', width: 40, value: (r) => r.title, wraps: true },
  grade: { header: 'Класс', width: 7, value: (r) => r.grade },
  ordered: { header: 'Заказано, экз.', width: 11, value: (r) => r.ordered },
  action: { header: 'Действие', width: 13, value: (r) => ACTION_WORD[r.action], input: true },
  quantity: { header: 'Рекомендуемое количество', width: 15, value: (r) => r.quantity ?? null, input: true },
  replacement: { header: 'Замена', width: 26, value: (r) => r.replacement ?? null, wraps: true, input: true },
  comment: { header: 'Комментарий', width: 50, value: (r) => r.comment ?? null, wraps: true, input: true },
};

const DRAFT = ['municipality', 'school', 'school_name', 'publisher', 'item', 'title', 'grade', 'ordered', 'action', 'quantity', 'replacement', 'comment'];
const MUNICIPALITY = ['number', 'school', 'school_name', 'publisher', 'item', 'title', 'grade', 'ordered', 'action', 'quantity', 'replacement', 'comment'];
const SCHOOL = ['number', 'publisher', 'item', 'title', 'grade', 'ordered', 'action', 'quantity', 'replacement', 'comment'];

const DATA_COLUMNS = ['municipality', 'school', 'publisher', 'reference', 'item_keys', 'grade', 'ordered', 'action', 'quantity', 'replacement'];

function dataRows(rows: RecommendationRow[]): DataValue[][] {
  return rows.map((r) => [r.municipality, r.school, r.publisher, r.reference, r.item_keys ?? '', r.grade, r.ordered, r.action, r.quantity ?? '', r.replacement ?? '']);
}

export interface Heading {
  title: string;
  /** whom it is for */
  subtitle: string;
  /** what to do with it */
  note: string;
}

function writeTable(ws: Worksheet, heading: Heading, keys: string[], rows: RecommendationRow[], lang: Lang, draft: boolean): void {
  const columns = keys.map((k) => COLUMNS[k]!);
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.getCell(1, 1).value = heading.title;
  ws.getCell(1, 1).style = styles.title;
  ws.getCell(2, 1).value = heading.subtitle;
  ws.getCell(2, 1).style = styles.label;
  ws.getCell(3, 1).value = heading.note;
  const header = ws.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.style = styles.header;
  });
  header.height = wrappedRowHeight(columns.map((c) => [c.header, c.width]));
  rows.forEach((r, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const v = c.value(r, i);
      if (v !== null && v !== '') cell.value = v;
      cell.style = draft && c.input ? styles.input : c.wraps ? styles.text : styles.plain;
    });
    row.height = wrappedRowHeight(columns.filter((c) => c.wraps).map((c) => [String(c.value(r, i) ?? ''), c.width]));
  });
  if (rows.length === 0) ws.getCell(HEADER_ROW + 1, 1).value = t(lang, 'rec.workbook-none');
  const last = HEADER_ROW + Math.max(1, rows.length);
  ws.views = [{ state: 'frozen', ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }];
  if (rows.length) ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: last, column: columns.length } };
  setPrintA4(ws, { landscape: true, repeatRows: [HEADER_ROW, HEADER_ROW], footer: t(lang, 'rec.page-footer') });
  if (draft) {
    const col = keys.indexOf('action') + 1;
    const letter = ws.getColumn(col).letter;
    const validations = (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations;
    validations.add(`${letter}${HEADER_ROW + 1}:${letter}${HEADER_ROW + 500}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${ACTIONS.map((a) => ACTION_WORD[a]).join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: t(lang, 'rec.workbook-action-title'),
      error: t(lang, 'rec.workbook-action-error'),
    });
  }
}

export interface Meta {
  campaign: { id: string; year: number; region: string };
  lang: Lang;
}

/** One finding of the analysis, as the «Анализ» sheet lists it. */
export interface AnalysisNote {
  school: string;
  where: string;
  code: string;
  message: string;
}

export async function writeDraftRecommendations(target: string, meta: Meta, rows: RecommendationRow[], notes: AnalysisNote[]): Promise<void> {
  const { lang, campaign } = meta;
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(RECOMMENDATIONS_SHEET);
  writeTable(
    ws,
    {
      title: t(lang, 'rec.workbook-title', { year: campaign.year, next: campaign.year + 1, region: campaign.region }),
      subtitle: t(lang, 'rec.workbook-draft-subtitle'),
      note: t(lang, 'rec.workbook-draft-note'),
    },
    DRAFT,
    rows,
    lang,
    true,
  );
  const sheet = wb.addWorksheet(ANALYSIS_SHEET);
  const widths = [9, 22, 28, 90];
  sheet.columns = widths.map((width) => ({ width }));
  const head = sheet.getRow(1);
  [t(lang, 'rec.col-school'), t(lang, 'rec.col-where'), t(lang, 'rec.col-code'), t(lang, 'rec.col-message')].forEach((text, i) => {
    head.getCell(i + 1).value = text;
    head.getCell(i + 1).style = styles.header;
  });
  notes.forEach((n, i) => {
    const row = sheet.getRow(2 + i);
    [n.school, n.where, n.code, n.message].forEach((v, j) => {
      if (v) row.getCell(j + 1).value = v;
      row.getCell(j + 1).style = j === 3 ? styles.text : styles.plain;
    });
    row.height = wrappedRowHeight([[n.message, widths[3]!]]);
  });
  setPrintA4(sheet, { landscape: true, repeatRows: [1, 1], footer: t(lang, 'rec.page-footer') });
  addDataSheet(wb, { kind: 'recommendations-draft', campaign: campaign.id, extra: { region: campaign.region, year: String(campaign.year) } }, DATA_COLUMNS, dataRows(rows));
  await saveWorkbook(wb, target);
}

export async function writeMunicipalityRecommendations(target: string, meta: Meta, municipality: { code: string; name: string }, rows: RecommendationRow[]): Promise<void> {
  const { lang, campaign } = meta;
  const wb = await newWorkbook();
  writeTable(
    wb.addWorksheet(RECOMMENDATIONS_SHEET),
    {
      title: t(lang, 'rec.workbook-title', { year: campaign.year, next: campaign.year + 1, region: campaign.region }),
      subtitle: t(lang, 'rec.workbook-municipality', { code: municipality.code, name: municipality.name, schools: new Set(rows.map((r) => r.school)).size }),
      note: t(lang, 'rec.workbook-municipality-note'),
    },
    MUNICIPALITY,
    rows,
    lang,
    false,
  );
  addDataSheet(wb, { kind: 'recommendations-municipality', campaign: campaign.id, extra: { municipality: municipality.code, region: campaign.region } }, DATA_COLUMNS, dataRows(rows));
  await saveWorkbook(wb, target);
}

export async function writeSchoolRecommendations(
  target: string,
  meta: Meta,
  school: { code: string; name: string; municipality: string; municipalityName: string },
  rows: RecommendationRow[],
): Promise<void> {
  const { lang, campaign } = meta;
  const wb = await newWorkbook();
  writeTable(
    wb.addWorksheet(RECOMMENDATIONS_SHEET),
    {
      title: t(lang, 'rec.workbook-title', { year: campaign.year, next: campaign.year + 1, region: campaign.region }),
      subtitle: t(lang, 'rec.workbook-school', { code: school.code, name: school.name, municipality: school.municipalityName }),
      note: t(lang, 'rec.workbook-school-note'),
    },
    SCHOOL,
    rows,
    lang,
    false,
  );
  addDataSheet(wb, { kind: 'recommendations-school', campaign: campaign.id, extra: { school: school.code, municipality: school.municipality, region: campaign.region } }, DATA_COLUMNS, dataRows(rows));
  await saveWorkbook(wb, target);
}
