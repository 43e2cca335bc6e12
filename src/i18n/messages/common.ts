import type { Catalog } from '../catalog.js';

export const common: Catalog = {
  'common.internal-error': {
    ru: 'внутренняя ошибка программы (это ошибка uchebnik, а не ваших данных): {detail}. Запустите с --debug, чтобы увидеть подробности.',
    en: 'internal error (a bug in uchebnik, not in your data): {detail}. Run with --debug for details.',
  },
  'common.bad-option': { ru: 'неверное значение {option}: «{value}». {hint}', en: 'bad value for {option}: "{value}". {hint}' },
  'report.file-ok': { ru: 'ошибок нет', en: 'no errors' },
  'report.file-errors': { ru: 'ошибок: {errors}', en: 'errors: {errors}' },
  'report.file-warnings': { ru: 'предупреждений: {warnings}', en: 'warnings: {warnings}' },
  'report.col-cell': { ru: 'Ячейка', en: 'Cell' },
  'report.col-code': { ru: 'Код', en: 'Code' },
  'report.col-message': { ru: 'Замечание', en: 'Message' },
  'report.row': { ru: 'строка {row}', en: 'row {row}' },
  'report.summary': {
    ru: 'Итого: файлов {files}, строк {rows}, ошибок {errors}, предупреждений {warnings}.',
    en: 'Total: {files} files, {rows} rows, {errors} errors, {warnings} warnings.',
  },
  'table.header-not-found': {
    ru: 'в файле «{file}» (лист «{sheet}») не найдена строка заголовков: нет столбцов {missing}. Заголовки, которые удалось увидеть: {seen}. Укажите столбцы явно, например {example}.',
    en: 'no header row found in "{file}" (sheet "{sheet}"): missing columns {missing}. Headers seen: {seen}. Say where they are, e.g. {example}.',
  },
  'table.map-unknown-field': {
    ru: 'неизвестное поле в --map: «{field}». Поля: {fields}.',
    en: 'unknown field in --map: "{field}". Fields: {fields}.',
  },
  'table.map-column-not-found': {
    ru: 'в файле «{file}» нет столбца «{column}» для поля {field}. Заголовки: {seen}.',
    en: 'no column "{column}" for field {field} in "{file}". Headers: {seen}.',
  },
  'table.no-sheets': { ru: 'в файле «{file}» нет листов с данными', en: 'no sheets with data in "{file}"' },
};
