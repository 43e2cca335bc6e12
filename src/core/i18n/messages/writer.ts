import type { Catalog } from '../catalog.js';

/**
 * Texts inside the workbooks uchebnik writes (src/io/sheets/ and the features' writers): the order template's title, prompts and
 * footer, and the findings sheet of an annotated copy. The labels the validator reads back (the
 * template's «Код ОО:» and column headers) are not here: they are the file's contract, always Russian.
 */
export const writer: Catalog = {
  'writer.template-title': {
    ru: 'Заказ учебников на {year}/{next} учебный год — {region}',
    en: 'Textbook order for the {year}/{next} school year — {region}',
  },
  'writer.template-returned': { ru: 'Заказ возвращён: {reason}', en: 'Order returned: {reason}' },
  'writer.qty-prompt-title': { ru: 'Количество', en: 'Quantity' },
  'writer.qty-prompt': {
    ru: 'Целое число экземпляров для этого класса; пусто или 0 — не заказывать.',
    en: 'A whole number of copies for this grade; blank or 0 means not ordered.',
  },
  'writer.qty-error-title': { ru: 'Неверное количество', en: 'Invalid quantity' },
  'writer.qty-error': {
    ru: 'Количество — целое число экземпляров от 0 до {max}, без дробей, текста и минусов.',
    en: 'The quantity is a whole number of copies from 0 to {max}: no fractions, text or minus signs.',
  },
  'writer.page-footer': { ru: 'Страница &P из &N', en: 'Page &P of &N' },

  'writer.findings-sheet': { ru: 'Замечания', en: 'Findings' },
  'writer.col-number': { ru: '№', en: 'No.' },
  'writer.col-sheet': { ru: 'Лист', en: 'Sheet' },
  'writer.col-cell': { ru: 'Ячейка', en: 'Cell' },
  'writer.col-code': { ru: 'Код', en: 'Code' },
  'writer.col-severity': { ru: 'Серьёзность', en: 'Severity' },
  'writer.col-message': { ru: 'Замечание', en: 'Finding' },
  'writer.severity-error': { ru: 'ошибка', en: 'error' },
  'writer.severity-warning': { ru: 'предупреждение', en: 'warning' },
  'writer.row': { ru: 'строка {row}', en: 'row {row}' },
  'writer.annotate-over-source': {
    ru: 'Копия с замечаниями не может заменить сам проверяемый файл {file}: укажите другую папку в --annotate.',
    en: 'The annotated copy cannot replace the checked file {file} itself: give another folder to --annotate.',
  },
  'writer.annotate-too-large': {
    ru: 'копия {file} с замечаниями не сделана: в книге {cells} ячеек и {merges} объединений на {merged} ячеек, а копия делается для книг до {limit_cells} ячеек и {limit_merged} объединённых ячеек. Замечания есть в отчёте',
    en: 'no annotated copy of {file}: the workbook has {cells} cells and {merges} merges covering {merged} cells, and copies are made of workbooks up to {limit_cells} cells and {limit_merged} merged cells. The findings are in the report',
  },
  'writer.annotate-failed': {
    ru: 'Не удалось сделать копию {file} с замечаниями: файл не открывается для записи ({reason}). Замечания есть в отчёте.',
    en: 'Cannot write an annotated copy of {file}: the file cannot be opened for rewriting ({reason}). The findings are in the report.',
  },
};
