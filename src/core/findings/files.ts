/**
 * Reading a file: the validating commands (a file no reader could open) and src/io/sheets/csv-read.ts.
 */
import type { FindingSpecs } from './spec.js';

export const files = {
  'csv-unclosed-quote': {
    severity: 'error',
    title: { ru: 'Незакрытая кавычка', en: 'Unclosed quote' },
    message: {
      ru: 'Строка {row}, столбец {column} (в тексте файла — строка {line}): кавычка открыта и не закрыта — остаток строки прочитан как текст, следующие строки прочитаны отдельно.',
      en: 'Row {row}, column {column} (line {line} of the file\'s text): a quote opens the cell and is never closed; the rest of the line was read as plain text and the following lines as rows of their own.',
    },
  },
  'file-unreadable': {
    severity: 'error',
    title: { ru: 'Файл не прочитан', en: 'File unreadable' },
    message: {
      ru: 'файл не прочитан: {reason}',
      en: 'the file could not be read: {reason}',
    },
  },
} satisfies FindingSpecs;
