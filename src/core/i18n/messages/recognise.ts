import type { Catalog } from '../catalog.js';

/** Notes of the column recogniser (src/io/sheets/recognise/explain.ts) and the `inspect` command. */
export const recognise: Catalog = {
  'recognise.no-header': {
    ru: 'В файле нет строки заголовков: столбцы определены по содержимому ({columns}). Если что-то не так, укажите --map.',
    en: 'The file has no header row: the columns were told by their content ({columns}). If any is wrong, use --map.',
  },
  'recognise.by-content': {
    ru: 'Столбец {column} взят как {field} по содержимому: подходят {share} из {samples|ячейки|ячеек|ячеек}.',
    en: 'Column {column} was taken as {field} by its content: {share} of {samples} cells fit.',
  },
  'recognise.choice': {
    ru: 'Для {field} взят столбец {taken}, а не {over}: {why}.',
    en: 'For {field} column {taken} was taken, not {over}: {why}.',
  },
  'recognise.why-word': { ru: 'в заголовке «{detail}»', en: 'its header says "{detail}"' },
  'recognise.why-ratio': { ru: 'его значения равны другим {detail} — это цена с НДС', en: 'its values are the others {detail}: the price with VAT' },
  'recognise.why-header': { ru: 'его заголовок точнее', en: 'its header is the closer match' },
  'recognise.refused-content': {
    ru: 'Заголовок {column} похож на {field}, но ячейки под ним не подходят; {field} взят из столбца {taken}.',
    en: 'Header {column} looks like {field}, but its cells do not fit; {field} was taken from column {taken}.',
  },
  'recognise.split': {
    ru: 'В столбце {column} авторы и название в одной ячейке: авторы («Фамилия И.О.» в начале) отделяются от названия.',
    en: 'Column {column} holds authors and title in one cell: the authors («Surname I.O.» at the start) are split off the title.',
  },
  'inspect.file': { ru: 'Файл {file}{where}', en: 'File {file}{where}' },
  'inspect.sheet': { ru: 'лист «{sheet}»', en: 'sheet "{sheet}"' },
  'inspect.csv': { ru: 'кодировка {encoding}, разделитель «{delimiter}»', en: 'encoding {encoding}, delimiter "{delimiter}"' },
  'inspect.header': { ru: 'Строка заголовков: {rows}', en: 'Header row: {rows}' },
  'inspect.no-header': { ru: 'Строка заголовков: без заголовка (столбцы по содержимому)', en: 'Header row: none (columns told by content)' },
  'inspect.col-column': { ru: 'Столбец', en: 'Column' },
  'inspect.col-header': { ru: 'Заголовок', en: 'Header' },
  'inspect.col-field': { ru: 'Поле', en: 'Field' },
  'inspect.col-evidence': { ru: 'Почему', en: 'Evidence' },
  'inspect.match-exact': { ru: 'заголовок из списка', en: 'a listed header' },
  'inspect.match-prefix': { ru: 'заголовок начинается со слов из списка', en: 'header starts with listed words' },
  'inspect.match-word': { ru: 'слово в заголовке', en: 'a word in the header' },
  'inspect.fit': { ru: 'подходят {share} % из {samples|ячейки|ячеек|ячеек} ({kind})', en: '{share} % of {samples|cell|cells} fit ({kind})' },
  'inspect.refused-content': { ru: 'не {field}: ячейки не подходят', en: 'not {field}: the cells do not fit' },
  'inspect.refused-not-word': { ru: 'не {field}: так сказано в заголовке', en: 'not {field}: the header says so' },
  'inspect.refused-yield': { ru: 'не {field}: столбец общий с другим полем', en: 'not {field}: shared with another field' },
  'inspect.refused-other-column': { ru: 'не {field}: взят другой столбец', en: 'not {field}: another column was taken' },
  'inspect.samples': { ru: 'Первые {shown} из {items|позиции|позиций|позиций}, как они будут сохранены:', en: 'The first {shown} of {items|item|items}, as they would be stored:' },
  'inspect.summary': {
    ru: 'Строк данных: {rows}; позиций: {items}; разделов: {sections}; прочих строк: {skipped}; отклонено с ошибкой: {refused}. Ничего не сохранено.',
    en: 'Data rows: {rows}; items: {items}; sections: {sections}; other rows: {skipped}; refused with an error: {refused}. Nothing was stored.',
  },
  'recognise.remembered': {
    ru: 'Взято сопоставление столбцов, запомненное для «{name}» ({map}); другое задаётся через --map (или --columns).',
    en: 'Using the column mapping remembered for "{name}" ({map}); give --map (or --columns) to use another.',
  },
  'recognise.remembered-stale': {
    ru: 'Запомненное для «{name}» сопоставление ({map}) к этому файлу не подходит ({reason}); столбцы определены заново.',
    en: 'The mapping remembered for "{name}" ({map}) does not fit this file ({reason}); the columns were recognised afresh.',
  },
  'recognise.remember': {
    ru: 'Сопоставление столбцов запомнено для «{name}»: следующий такой файл прочитается так же без этих параметров.',
    en: 'The column mapping is remembered for "{name}": the next such file is read the same way without these options.',
  },
};
