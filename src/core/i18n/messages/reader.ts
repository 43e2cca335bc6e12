import type { Catalog } from '../catalog.js';

export const reader: Catalog = {
  'reader.not-found': {
    ru: 'файл «{file}» не найден. Проверьте путь и имя файла.',
    en: 'file "{file}" not found. Check the path and the file name.',
  },
  'reader.not-a-file': {
    ru: '«{file}» — это папка или особый файл, а не таблица. Укажите сам файл .xlsx или .csv.',
    en: '"{file}" is a directory or a special file, not a spreadsheet. Give the .xlsx or .csv file itself.',
  },
  'reader.unreadable': {
    ru: 'не удалось прочитать файл «{file}»: {detail}',
    en: 'cannot read "{file}": {detail}',
  },
  'reader.empty': {
    ru: 'файл «{file}» пуст (0 байт). Возможно, он не докачался или не сохранился — получите его заново.',
    en: 'file "{file}" is empty (0 bytes). It may not have been fully downloaded or saved; get it again.',
  },
  'reader.too-large': {
    ru: 'файл «{file}» слишком большой: {size} МиБ при пределе {limit} МиБ. Разделите его на части или увеличьте предел.',
    en: 'file "{file}" is too large: {size} MiB, the limit is {limit} MiB. Split it or raise the limit.',
  },
  'reader.zip-bomb': {
    ru: 'файл «{file}» распаковывается более чем в {unpacked} МиБ при пределе {limit} МиБ. Такой файл не читается: это может быть «zip-бомба» или повреждённый архив.',
    en: 'file "{file}" unpacks to more than {unpacked} MiB; the limit is {limit} MiB. It is not read: it may be a zip bomb or a damaged archive.',
  },
  'reader.zip-ratio': {
    ru: 'файл «{file}» распаковывается в {ratio} раз больше своего размера, а допускается не больше чем в {limit} раз. Такой файл не читается: это может быть «zip-бомба» или повреждённый архив.',
    en: 'file "{file}" unpacks to {ratio} times its own size, and at most {limit} times is allowed. It is not read: it may be a zip bomb or a damaged archive.',
  },
  'reader.too-many-rows': {
    ru: 'в файле «{file}» на листе «{sheet}» больше {limit} строк — больше, чем допускается. Разделите лист на части или увеличьте предел.',
    en: 'sheet "{sheet}" of "{file}" has more than {limit} rows, more than allowed. Split it or raise the limit.',
  },
  'reader.corrupt': {
    ru: 'файл «{file}» повреждён или не является книгой Excel (.xlsx): {detail}. Откройте его в Excel или LibreOffice и сохраните заново как .xlsx.',
    en: 'file "{file}" is damaged or not an Excel workbook (.xlsx): {detail}. Open it in Excel or LibreOffice and save it again as .xlsx.',
  },
  'reader.not-xlsx': {
    ru: 'файл «{file}» — zip-архив, но не книга Excel: в нём нет книги (xl/workbook.xml). Распакуйте архив и укажите сами таблицы.',
    en: 'file "{file}" is a zip archive but not an Excel workbook: it holds no xl/workbook.xml. Unpack it and give the spreadsheets themselves.',
  },
  'reader.sheet-not-found': {
    ru: 'в файле «{file}» нет листа «{sheet}». Листы книги: {sheets}.',
    en: 'there is no sheet "{sheet}" in "{file}". The workbook\'s sheets: {sheets}.',
  },
  'reader.encrypted': {
    ru: 'файл «{file}» защищён паролем (зашифрован), и прочитать его нельзя. Снимите пароль: откройте файл в Excel, Файл → Сведения → Защитить книгу → Зашифровать с использованием пароля, сотрите пароль, нажмите ОК и сохраните файл.',
    en: 'file "{file}" is password-protected (encrypted) and cannot be read. Remove the password: open it in Excel, File → Info → Protect Workbook → Encrypt with Password, clear the password, press OK and save the file.',
  },
  'reader.needs-conversion': {
    ru: 'файл «{file}» в формате .{format}, который uchebnik читает только через LibreOffice, а LibreOffice (программа soffice) не найден. Откройте файл в Excel или LibreOffice и выберите «Сохранить как» → «Книга Excel (.xlsx)», либо установите LibreOffice (например, apt-get install libreoffice-calc-nogui) и повторите.',
    en: 'file "{file}" is in .{format} format, which uchebnik reads only through LibreOffice, and LibreOffice (the soffice program) was not found. Open the file in Excel or LibreOffice and choose "Save As" → "Excel Workbook (.xlsx)", or install LibreOffice (e.g. apt-get install libreoffice-calc-nogui) and try again.',
  },
  'reader.conversion-failed': {
    ru: 'не удалось преобразовать файл «{file}» из .{format} в .xlsx с помощью LibreOffice: {detail}. Откройте его в Excel или LibreOffice и сохраните как .xlsx вручную.',
    en: 'LibreOffice could not convert "{file}" from .{format} to .xlsx: {detail}. Open it in Excel or LibreOffice and save it as .xlsx by hand.',
  },
};
