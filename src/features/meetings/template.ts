/**
 * The table of parents' meetings a municipality's preschools fill (plan 003, stage 3): the
 * municipality as a labelled cell above the header («Муниципалитет:» | 01), then a row per meeting
 * with the three required topics as columns to tick («да»). Column titles are the first synonyms of
 * MEETING_FIELDS, so the sheet is read back by the same header matching as any table made by hand.
 */
import { columnLetter } from '../../core/finding.js';
import { t, type Lang } from '../../core/i18n/index.js';
import { addDataSheet } from '../../io/sheets/data-sheet.js';
import { newWorkbook, saveWorkbook, setPrintA4, styles } from '../../io/sheets/xlsx-write.js';
import { MEETING_TITLE, TOPICS, type MeetingField } from './check.js';

const COLUMNS: { field: MeetingField; width: number }[] = [
  { field: 'institution', width: 40 },
  { field: 'date', width: 14 },
  { field: 'parents', width: 14 },
  { field: 'topic_enrolment', width: 18 },
  { field: 'topic_age', width: 18 },
  { field: 'topic_esia', width: 14 },
  { field: 'protocol', width: 12 },
];
const HEADER_ROW = 4;
/** Empty rows offered; more may be inserted. */
const ROWS = 30;

export async function writeMeetingTemplate(input: { municipality: string; name: string; campaign: { id: string; year: number }; lang: Lang }, out: string): Promise<void> {
  const { municipality, name, campaign, lang } = input;
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(t(lang, 'meetings.template-sheet'), { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = t(lang, 'meetings.template-title', { year: campaign.year, next: campaign.year + 1 });
  ws.getCell(1, 1).style = styles.title;
  ws.getCell(2, 1).value = 'Муниципалитет:';
  ws.getCell(2, 1).style = styles.label;
  ws.getCell(2, 2).value = municipality;
  ws.getCell(2, 3).value = name;
  ws.mergeCells(3, 1, 3, COLUMNS.length);
  ws.getCell(3, 1).value = t(lang, 'meetings.template-hint');
  ws.getCell(3, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(3).height = 30;
  COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = MEETING_TITLE[c.field];
    cell.style = styles.header;
  });
  ws.getRow(HEADER_ROW).height = 48;
  const dateStyle = { ...styles.input, numFmt: 'dd.mm.yyyy' };
  for (let r = HEADER_ROW + 1; r <= HEADER_ROW + ROWS; r++) COLUMNS.forEach((c, i) => (ws.getCell(r, i + 1).style = c.field === 'date' ? dateStyle : styles.input));
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations;
  const topicCols = TOPICS.map((f) => columnLetter(COLUMNS.findIndex((c) => c.field === f)));
  validations.add(`${topicCols[0]}${HEADER_ROW + 1}:${topicCols[topicCols.length - 1]}${HEADER_ROW + ROWS}`, { type: 'list', allowBlank: true, formulae: ['"да,нет"'] });
  setPrintA4(ws, { landscape: true, repeatRows: [HEADER_ROW, HEADER_ROW] });
  addDataSheet(wb, { kind: 'meetings-template', campaign: campaign.id, extra: { municipality } }, ['municipality'], [[municipality]]);
  await saveWorkbook(wb, out);
}
