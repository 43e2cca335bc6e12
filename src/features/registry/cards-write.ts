/**
 * The card workbook of one school (cards.ts): the title, the school's code and municipality as
 * labelled cells above the table («Код ОО:» | 0101, read back by cards-read.ts), a line of what to
 * do, then a row per value — the field's key, its name, the registry's value, and a blue cell for
 * the corrected value. Every value is written as text (a ИНН or БИК keeps its leading zeros, and the
 * correction column is formatted as text so what the school types stays as typed).
 */
import type { Registry, School } from '../../core/model/registry.js';
import { addDataSheet } from '../../io/sheets/data-sheet.js';
import { newWorkbook, saveWorkbook, setPrintA4, styles, wrappedRowHeight } from '../../io/sheets/xlsx-write.js';
import { CARD_FIELDS, registryValue } from './cards.js';

export const CARD_SCHOOL_LABEL = 'Код ОО:';
export const CARD_MUNICIPALITY_LABEL = 'Муниципалитет:';
/** The table's header words; cards-read.ts finds the table by them. */
export const CARD_TITLES = { field: 'Код поля', label: 'Сведения', value: 'Значение в реестре', corrected: 'Исправленное значение' } as const;

const HEADER_ROW = 5;
const WIDTHS = [16, 34, 44, 44];

/** The file name of a school's card: its code, with the characters a file name cannot hold replaced. */
export function cardFileName(school: School): string {
  return `${school.code.replace(/[\\/:*?"<>|\s]/gu, '_')}.xlsx`;
}

export async function writeCard(registry: Registry, school: School, campaign: string, out: string): Promise<void> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('Карточка ОО', { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.mergeCells(1, 1, 1, 4);
  ws.getCell(1, 1).value = 'Карточка образовательной организации: проверьте данные реестра';
  ws.getCell(1, 1).style = styles.title;
  ws.getCell(2, 1).value = CARD_SCHOOL_LABEL;
  ws.getCell(2, 1).style = styles.label;
  ws.getCell(2, 2).value = school.code;
  ws.getCell(2, 3).value = school.short_name;
  ws.getCell(3, 1).value = CARD_MUNICIPALITY_LABEL;
  ws.getCell(3, 1).style = styles.label;
  ws.getCell(3, 2).value = school.municipality;
  ws.getCell(3, 3).value = registry.municipalities.find((m) => m.code === school.municipality)?.name ?? '';
  ws.mergeCells(4, 1, 4, 4);
  const hint =
    'Проверьте каждое значение. Если оно неверно или не заполнено, впишите верное в столбец «Исправленное значение»; ' +
    'пустая клетка означает, что значение верно. Строки и столбцы не удаляйте. Верните файл в управление образования.';
  ws.getCell(4, 1).value = hint;
  ws.getCell(4, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(4).height = wrappedRowHeight([[hint, WIDTHS.reduce((a, b) => a + b, 0)]]);
  Object.values(CARD_TITLES).forEach((title, i) => {
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = title;
    cell.style = styles.header;
  });
  let r = HEADER_ROW + 1;
  for (const { field, label } of CARD_FIELDS) {
    const value = registryValue(school, field);
    const cells = [field, label, value];
    cells.forEach((v, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.value = v;
      cell.style = i === 2 ? styles.text : styles.plain;
    });
    const corrected = ws.getCell(r, 4);
    corrected.style = { ...styles.input, numFmt: '@' };
    if (value.length > WIDTHS[2]!) ws.getRow(r).height = wrappedRowHeight([[value, WIDTHS[2]!]]);
    r++;
  }
  setPrintA4(ws, { landscape: false, repeatRows: [HEADER_ROW, HEADER_ROW] });
  addDataSheet(wb, { kind: 'school-card', campaign, extra: { school: school.code } }, ['field', 'value'], CARD_FIELDS.map(({ field }) => [field, registryValue(school, field)]));
  await saveWorkbook(wb, out);
}
