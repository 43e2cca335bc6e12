import type { Catalog } from '../catalog.js';

export const csv: Catalog = {
  'csv.encoding-unknown': {
    ru: 'Не удалось определить кодировку файла {file}: текст не читается как русский ни в UTF-8, ни в Windows-1251, KOI8-R или MacCyrillic (возможно, это UTF-16 без метки BOM). Укажите кодировку явно, например --encoding cp1251 или --encoding utf-16le.',
    en: 'Cannot tell the encoding of {file}: the text does not read as Russian in UTF-8, Windows-1251, KOI8-R or MacCyrillic (it may be UTF-16 without a BOM). Give the encoding, e.g. --encoding cp1251 or --encoding utf-16le.',
  },
  'csv.encoding-bad-name': {
    ru: 'Неизвестная кодировка «{name}». Можно указать: {known}.',
    en: 'Unknown encoding "{name}". Known: {known}.',
  },
  'csv.delimiter-bad': {
    ru: 'Разделитель «{value}» не подходит: нужен один символ, кроме кавычки и перевода строки, например ";", "," или tab.',
    en: 'Delimiter "{value}" cannot be used: give one character other than a quote or a line break, e.g. ";", "," or tab.',
  },
  'csv.binary': {
    ru: 'Файл {file} не похож на таблицу CSV: в нём нулевые байты или управляющие символы. Возможно, это файл Excel с расширением .csv или повреждённый файл.',
    en: '{file} does not look like a CSV table: it contains NUL bytes or control characters. It may be an Excel file named .csv, or a damaged file.',
  },
  'csv.empty': {
    ru: 'В файле {file} нет ни одной строки с данными: только пустые строки и разделители.',
    en: '{file} has no row with data: only blank lines and delimiters.',
  },
  'csv.too-many-rows': {
    ru: 'В файле {file} больше {limit} строк — такой файл не читается. Разделите его на части.',
    en: '{file} has more than {limit} rows and is not read. Split it into parts.',
  },
  'csv.record-too-large': {
    ru: 'Файл {file}, строка {row} (в тексте файла — строка {line}): запись длиннее {limit} символов без единого перевода строки — это не похоже на таблицу CSV.',
    en: '{file}, row {row} (line {line} of the file\'s text): a record longer than {limit} characters without a line break; this does not look like a CSV table.',
  },
  'csv.too-many-columns': {
    ru: 'Файл {file}, строка {row}: больше {limit} столбцов (столько нет даже в Excel) — это не похоже на таблицу CSV. Проверьте, тот ли разделитель: его можно указать ключом --delimiter.',
    en: '{file}, row {row}: more than {limit} columns (more than Excel has); this does not look like a CSV table. Check the delimiter; --delimiter sets it.',
  },
  'csv.sheet-not-found': {
    ru: 'В файле CSV {file} один лист — «{name}»; листа «{sheet}» в нём нет.',
    en: 'The CSV file {file} has one sheet, "{name}"; it has no sheet "{sheet}".',
  },
};
