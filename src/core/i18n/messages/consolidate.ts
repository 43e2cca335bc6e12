import type { Catalog } from '../catalog.js';

/**
 * Consolidated orders (`consolidate`), reading them back in another workspace (`import`) and
 * comparing orders (`diff`): what the commands say, the texts inside the consolidation workbooks,
 * and the import findings.
 */
export const consolidate: Catalog = {
  // ---- consolidate ----
  'consolidate.municipality-unknown': {
    ru: 'муниципалитета «{code}» нет ни в реестре, ни в заказах (есть: {known})',
    en: 'municipality "{code}" is neither in the registry nor in any order (known: {known})',
  },
  'consolidate.nothing-municipality': {
    ru: 'В муниципалитете {code} нет сформированных заказов: сводить нечего (uchebnik order form --municipality {code}).',
    en: 'Municipality {code} has no formed orders: nothing to consolidate (uchebnik order form --municipality {code}).',
  },
  'consolidate.nothing-region': {
    ru: 'В регионе нет сформированных заказов: сводить нечего (uchebnik order form).',
    en: 'The region has no formed orders: nothing to consolidate (uchebnik order form).',
  },
  'consolidate.missing': {
    ru: 'Заказ не сформирован у школ ({count}): {schools} — в свод они не вошли.',
    en: '{count|school has|schools have} no formed order: {schools} — they are not in the consolidation.',
  },
  'consolidate.written': { ru: 'Свод «{publisher}»: {file}', en: 'Consolidation "{publisher}": {file}' },
  'consolidate.form-file': { ru: 'форма издательства', en: 'publisher form' },
  'consolidate.detail-lines-invalid': { ru: '--detail-lines: нужно целое число строк больше нуля, а не «{value}»', en: '--detail-lines: a whole number of lines above zero is needed, not "{value}"' },
  'consolidate.detail-file': { ru: 'по школам {n}', en: 'per school {n}' },
  'consolidate.form-written': { ru: 'Форма «{publisher}» заполнена ({recipients|получатель|получателя|получателей}): {file}', en: 'The "{publisher}" form filled ({recipients|recipient|recipients}): {file}' },
  'consolidate.form-written-added': {
    ru: 'Форма «{publisher}» заполнена ({recipients|получатель|получателя|получателей}, для {added} из них добавлены столбцы): {file}',
    en: 'The "{publisher}" form filled ({recipients|recipient|recipients}, columns added for {added} of them): {file}',
  },
  'consolidate.recorded': {
    ru: 'Свод {scope} записан: запуск {run}, раунд {round}, школ {schools}.',
    en: 'Consolidation of {scope} recorded: run {run}, round {round}, {schools|school|schools}.',
  },
  'consolidate.unchanged': {
    ru: 'Заказы не менялись со свода {at}: книги записаны заново, новый запуск не нужен.',
    en: 'The orders have not changed since the consolidation of {at}: workbooks rewritten, no new run recorded.',
  },
  'consolidate.scope-region': { ru: 'региона', en: 'the region' },
  'consolidate.scope-municipality': { ru: 'муниципалитета {code}', en: 'municipality {code}' },
  'consolidate.col-publisher': { ru: 'Издательство', en: 'Publisher' },
  'consolidate.col-lines': { ru: 'Позиций', en: 'Lines' },
  'consolidate.col-schools': { ru: 'Школ', en: 'Schools' },
  'consolidate.col-copies': { ru: 'Экз.', en: 'Copies' },
  'consolidate.col-sum': { ru: 'Сумма, руб.', en: 'Sum, RUB' },
  'consolidate.total': { ru: 'Итого', en: 'Total' },

  // ---- inside the workbooks ----
  'consolidate.sheet-title': {
    ru: 'Сводный заказ учебников издательства «{publisher}» на {year}/{next} учебный год',
    en: 'Consolidated textbook order from "{publisher}" for the {year}/{next} school year',
  },
  'consolidate.sheet-municipality': { ru: 'Муниципалитет: {code} {name}', en: 'Municipality: {code} {name}' },
  'consolidate.sheet-region': { ru: 'Регион: {region}', en: 'Region: {region}' },
  'consolidate.sheet-info': {
    ru: 'Составлен {at}; школ: {schools}; {round}',
    en: 'Built {at}; schools: {schools}; {round}',
  },
  'consolidate.round-1': { ru: 'заказ по потребности (этапы 10–11)', en: 'order on demand (stages 10–11)' },
  'consolidate.round-2': { ru: 'уточнённый заказ после рекомендаций (этапы 20–21)', en: 'order corrected after recommendations (stages 20–21)' },
  'consolidate.h-number': { ru: '№', en: 'No.' },
  'consolidate.h-fpu': { ru: '№ ФП', en: 'FPU code' },
  'consolidate.h-code': { ru: 'Код издательства', en: 'Item code' },
  'consolidate.h-title': { ru: 'Авторы, наименование', en: 'Authors, title' },
  'consolidate.h-grade': { ru: 'Класс', en: 'Grade' },
  'consolidate.h-price': { ru: 'Цена, руб.', en: 'Price, RUB' },
  'consolidate.h-qty': { ru: 'Кол-во', en: 'Qty' },
  'consolidate.h-sum': { ru: 'Сумма, руб.', en: 'Sum, RUB' },
  'consolidate.h-total': { ru: 'Итого', en: 'Total' },
  'consolidate.h-municipality': { ru: 'Муниципалитет', en: 'Municipality' },
  'consolidate.h-school-code': { ru: 'Код ОО', en: 'School code' },
  'consolidate.h-school': { ru: 'Наименование ОО', en: 'School' },
  'consolidate.h-copies': { ru: 'Экз.', en: 'Copies' },
  'consolidate.detail-title': { ru: 'Заказ по школам: «{publisher}»', en: 'Order per school: "{publisher}"' },
  'consolidate.detail-volume-title': { ru: 'Заказ по школам: «{publisher}», часть {n} из {of}', en: 'Order per school: "{publisher}", part {n} of {of}' },
  'consolidate.sign-title': {
    ru: 'Сводный заказ учебников издательства «{publisher}» — экземпляр для подписи',
    en: 'Consolidated textbook order from "{publisher}" — copy for signatures',
  },
  'consolidate.sign-head-uo': { ru: 'Руководитель УО', en: 'Head of the education department' },
  'consolidate.sign-head-region': { ru: 'Руководитель РЦИ и ОКО', en: 'Head of the regional centre' },
  'consolidate.sign-line': { ru: '__________ / __________', en: '__________ / __________' },
  'consolidate.sign-date': { ru: '«___» ____________ 20___ г.        М.П.', en: '"___" ____________ 20___        Seal' },
  'consolidate.sign-schools': { ru: 'Верность заказа подтверждают руководители ОО:', en: 'The correctness of the order is confirmed by the heads of the schools:' },
  'consolidate.sign-director': { ru: 'Директор ОО {name} (о верности заказа)', en: 'Head of school {name} (order is correct)' },
  'consolidate.sign-municipalities': { ru: 'Верность заказа подтверждают руководители УО:', en: 'The correctness of the order is confirmed by the heads of the education departments:' },
  'consolidate.sign-uo-of': { ru: 'Руководитель УО {name} (о верности заказа)', en: 'Head of the education department {name} (order is correct)' },
  'consolidate.page-footer': { ru: 'Страница &P из &N', en: 'Page &P of &N' },
  'consolidate.unknown-item': { ru: '(нет в прайс-листе) {key}', en: '(not in the price list) {key}' },

  // ---- import ----
  'import.no-data-sheet': {
    ru: '{file}: в книге нет служебного листа uchebnik — это не свод, записанный uchebnik',
    en: '{file}: the workbook has no uchebnik data sheet — it is not a consolidation uchebnik wrote',
  },
  'import.newer-schema': {
    ru: '{file} записан более новой версией uchebnik (схема {found}, эта версия понимает {supported}): обновите uchebnik',
    en: '{file} was written by a newer uchebnik (schema {found}, this one reads {supported}): update uchebnik',
  },
  'import.stored': { ru: 'Школа {school}: записан сформированный заказ, версия {version} ({copies} экз.).', en: 'School {school}: formed order stored as version {version} ({copies|copy|copies}).' },
  'import.unchanged-school': { ru: 'Школа {school}: заказ тот же, что уже сформирован (версия {version}).', en: 'School {school}: the same order is already formed (version {version}).' },
  'import.summary': {
    ru: 'Файлов прочитано: {files}; школ с новой версией: {stored}, без изменений: {unchanged}.',
    en: '{files|file|files} read; {stored|school|schools} with a new version, {unchanged} unchanged.',
  },
  'import.nothing-stored': { ru: 'Ничего не записано: {reason}', en: 'Nothing stored: {reason}' },
  'import.refused-errors': { ru: 'в файлах есть ошибки (--force — записать, несмотря на них)', en: 'the files have errors (--force stores them anyway)' },

  // ---- diff ----
  'diff.school-no-version': {
    ru: 'у школы {school} нет версии {version} (есть: {versions})',
    en: 'school {school} has no version {version} (has: {versions})',
  },
  'diff.school-one-version': {
    ru: 'у школы {school} до версии {version} версий нет — сравнивать не с чем (укажите --from)',
    en: 'school {school} has no version before {version} — nothing to compare with (give --from)',
  },
  'diff.needs-two': {
    ru: 'сравнить можно две версии заказа школы (--school КОД [--from N --to M]) или два файла свода (diff A.xlsx B.xlsx)',
    en: 'compare two versions of a school\'s order (--school CODE [--from N --to M]) or two consolidation files (diff A.xlsx B.xlsx)',
  },
  'diff.not-consolidation': {
    ru: '{file}: книга вида «{kind}» — это не свод заказа',
    en: '{file}: a workbook of kind "{kind}" is not a consolidated order',
  },
  'diff.detail-in-parts': {
    ru: '{file}: детализация по школам этого свода — в {parts} отдельных книгах «… по школам 01…»; сравните их попарно',
    en: '{file}: the per-school detail of this consolidation is in {parts} separate workbooks ("… per school 01…"); compare those pairwise',
  },
  'diff.edited': {
    ru: '{file}: служебный лист изменён вручную (контрольная сумма не сходится) — сравнивается то, что в нём сейчас.',
    en: '{file}: the data sheet was edited by hand (checksum mismatch) — comparing what it holds now.',
  },
  'diff.equal': { ru: 'Различий нет: {from} и {to} совпадают.', en: 'No differences: {from} and {to} are equal.' },
  'diff.summary': {
    ru: '{from} → {to}: добавлено строк {added}, удалено {removed}, изменено {changed}; экз. {copies}, сумма {sum} руб.',
    en: '{from} → {to}: {added} lines added, {removed} removed, {changed} changed; copies {copies}, sum {sum} RUB',
  },
  'diff.version': { ru: 'версия {version}', en: 'version {version}' },
  'diff.col-change': { ru: 'Изменение', en: 'Change' },
  'diff.col-school': { ru: 'Школа', en: 'School' },
  'diff.col-item': { ru: 'Позиция', en: 'Item' },
  'diff.col-grade': { ru: 'Класс', en: 'Grade' },
  'diff.col-qty': { ru: 'Кол-во', en: 'Qty' },
  'diff.col-sum': { ru: 'Сумма, руб.', en: 'Sum, RUB' },
  'diff.added': { ru: 'добавлена', en: 'added' },
  'diff.removed': { ru: 'удалена', en: 'removed' },
  'diff.changed': { ru: 'изменена', en: 'changed' },

  // ---- form load ----
  'form.publisher-empty': { ru: 'укажите издательство: --publisher', en: 'give the publisher: --publisher' },
  'form.no-items': {
    ru: '{file}: не найдено ни заголовка с кодом позиции (№ ФП, Код 1С, Код) и ценой, ни строк позиций под ним. По содержимому столбцов форма загружается так:\n  {command}',
    en: '{file}: found no header with an item reference (fpu code, item code) and a price, or no item rows under it. By what its columns hold, the form loads with:\n  {command}',
  },
  'form.no-items-template': {
    ru: '{file}: не найдено ни заголовка с кодом позиции (№ ФП, Код 1С, Код) и ценой, ни строк позиций под ним, и по содержимому столбцов их угадать не удалось. Укажите столбцы буквами вместо «?»:\n  {command}',
    en: '{file}: found no header with an item reference (fpu code, item code) and a price, or no item rows under it, and what the columns hold does not show them. Name the columns by letter instead of «?»:\n  {command}',
  },
  'form.no-recipients': {
    ru: '{file}: на листе «{sheet}» (заголовок в строке {row}) нет столбцов получателей: ни повторяющихся пар «количество» / «сумма», ни подписей «получатель N» над ними, ни формулы итога, складывающей их. Если получатели там, где указано, форма загружается так:\n  {command}',
    en: '{file}: sheet "{sheet}" (header on row {row}) has no recipient columns: no repeated quantity / sum pairs, no «получатель N» labels over them, no total formula adding them. If the recipients are where it says, the form loads with:\n  {command}',
  },
  'form.no-recipients-template': {
    ru: '{file}: на листе «{sheet}» (заголовок в строке {row}) нет столбцов получателей. Укажите первый и последний столбец получателей вместо «?»:\n  {command}',
    en: '{file}: sheet "{sheet}" (header on row {row}) has no recipient columns. Give the first and last recipient column instead of «?»:\n  {command}',
  },
  'form.bad-map-field': { ru: '--map: поля «{field}» нет; поля формы: {fields}', en: '--map: no field "{field}"; a form\'s fields: {fields}' },
  'form.bad-recipients': { ru: '--recipients {value}: нужны буквы первого и последнего столбца, например O:EZ', en: '--recipients {value}: give the first and last column letters, e.g. O:EZ' },
  'form.recipients-odd': {
    ru: '--recipients {value}: нечётное число столбцов для пар «количество, сумма»; последний столбец — сумма последней пары (или --recipient-width 1)',
    en: '--recipients {value}: an odd number of columns for quantity/sum pairs; the last column is the last pair\'s sum (or --recipient-width 1)',
  },
  'form.bad-recipient-width': { ru: '--recipient-width {value}: 1 или 2', en: '--recipient-width {value}: 1 or 2' },
  'form.width-without-recipients': { ru: '--recipient-width имеет смысл только с --recipients', en: '--recipient-width only goes with --recipients' },
  'form.no-pricelist': { ru: 'Прайс-лист «{publisher}» не загружен: позиции формы не сверены.', en: 'No "{publisher}" price list loaded: the form\'s items were not compared.' },
  'form.loaded': { ru: 'Форма «{publisher}» зарегистрирована: {file}', en: 'Form of "{publisher}" registered: {file}' },
  'form.unchanged': { ru: 'Форма «{publisher}» уже зарегистрирована из этого файла: ничего не изменилось.', en: 'The "{publisher}" form is already registered from this file: nothing changed.' },
  'form.recipients-pairs': { ru: 'пары «Кол-во» / «Стоимость»', en: '«Кол-во» / «Стоимость» pairs' },
  'form.recipients-formula': { ru: 'столбцы, которые складывает формула итога', en: 'the columns the total\'s formula adds' },
  'form.recipients-columns': { ru: 'по одному столбцу количества', en: 'one quantity column each' },
  'form.found-by-header': { ru: 'по заголовкам пар', en: 'by the pairs\' headers' },
  'form.found-by-labels': { ru: 'по подписям «получатель»', en: 'by the «получатель» labels' },
  'form.found-by-formula': { ru: 'по формуле итога', en: 'by the total\'s formula' },
  'form.found-by-option': { ru: 'по --recipients', en: 'by --recipients' },
  'form.summary': {
    ru: 'Лист «{sheet}», заголовок в строке {row}; столбцы: {columns}.\nПозиций: {items} (строки {first}–{last}).\nПолучателей: {recipients} ({how}): {from} … {to}; итог формы: {total}.',
    en: 'Sheet "{sheet}", header on row {row}; columns: {columns}.\nItems: {items} (rows {first}–{last}).\nRecipients: {recipients} ({how}): {from} … {to}; the form\'s total: {total}.',
  },

  'form.fill-unsupported': { ru: '{file}: такую форму заполнить нельзя ({reason})', en: '{file}: this form cannot be filled ({reason})' },
  'form.no-room': {
    ru: '{file}: для {count|получателя|получателей|получателей} нужны столбцы после {own} столбцов формы, но ячейка {cell} занята',
    en: '{file}: {count|recipient needs|recipients need} columns after the form\'s {own}, but cell {cell} is not empty',
  },
  'form.cell-has-formula': { ru: '{file}: в ячейке количества {cell} формула — количество туда не записано', en: '{file}: quantity cell {cell} holds a formula — the quantity was not written there' },

  // ---- demo steps ----
  'demo.step-consolidate-municipality': {
    ru: 'Сводный заказ муниципалитета по издательствам (этап 10) и экземпляр для подписи (этап 18)',
    en: 'The municipality\'s consolidated order per publisher (stage 10) and the copy for signatures (stage 18)',
  },
  'demo.step-consolidate-region': {
    ru: 'Сводный заказ региона: муниципалитеты и школы по издательствам (этап 11)',
    en: 'The regional consolidated order: municipalities and schools per publisher (stage 11)',
  },
};
