import type { Catalog } from '../catalog.js';

/** What the pricelist commands say (the findings of price lists are in pricelist.ts). */
export const pricelistCli: Catalog = {
  'pricelist.publisher-empty': { ru: 'не указано издательство (--publisher)', en: 'no publisher given (--publisher)' },
  'pricelist.no-items': {
    ru: 'в файле «{file}» не найдено ни одной позиции прайс-листа (просмотрено строк: {rows}); проверьте столбцы или укажите их через --map',
    en: 'no price-list items found in "{file}" ({rows|row|rows} looked at); check the columns or name them with --map',
  },
  'pricelist.loaded': { ru: 'Прайс-лист «{publisher}» загружен как версия {version} из «{file}».', en: 'Price list "{publisher}" loaded as version {version} from "{file}".' },
  'pricelist.unchanged': {
    ru: 'Прайс-лист «{publisher}» из «{file}» совпадает с текущей версией {version}: ничего не изменилось.',
    en: 'Price list "{publisher}" from "{file}" equals the current version {version}: nothing changed.',
  },
  'pricelist.summary': {
    ru: 'Позиций: {items}; учебников (кодов ФП): {textbooks}; классы: {grades}; цены от {min} до {max} ₽; НДС: {vat}. Разделов пропущено: {sections}, прочих строк: {skipped}.',
    en: 'Items: {items}; textbooks (fpu codes): {textbooks}; grades: {grades}; prices {min} to {max} ₽; VAT: {vat}. Section rows skipped: {sections}, other rows: {skipped}.',
  },
  'pricelist.none': { ru: 'Прайс-листы ещё не загружены (uchebnik pricelist load ФАЙЛ --publisher ИМЯ).', en: 'No price lists loaded yet (uchebnik pricelist load FILE --publisher NAME).' },
  'pricelist.unknown-publisher': { ru: 'прайс-лист «{publisher}» не загружен. Есть: {known}.', en: 'no price list for "{publisher}". Loaded: {known}.' },
  'pricelist.unknown-version': { ru: 'у «{publisher}» нет версии {version}; есть {versions}', en: '"{publisher}" has no version {version}; there are {versions}' },
  'pricelist.bad-grade': { ru: 'класс должен быть от 1 до 11, а не «{grade}»', en: 'grade must be 1 to 11, not "{grade}"' },
  'pricelist.bad-vat': { ru: 'ставка НДС должна быть целым числом процентов, а не «{value}»', en: 'VAT rate must be a whole percent, not "{value}"' },
  'pricelist.shown': { ru: 'Показано {shown} из {total|позиции|позиций|позиций} «{publisher}», версия {version}.', en: 'Shown {shown} of {total|item|items} of "{publisher}", version {version}.' },
  'pricelist.diff-summary': {
    ru: '«{publisher}», версия {from} → {to}: добавлено {added}, удалено {removed}, изменена цена {repriced}, изменено прочее {changed}.',
    en: '"{publisher}", version {from} → {to}: {added} added, {removed} removed, {repriced} re-priced, {changed} otherwise changed.',
  },
  'pricelist.col-publisher': { ru: 'Издательство', en: 'Publisher' },
  'pricelist.col-version': { ru: 'Версия', en: 'Version' },
  'pricelist.col-items': { ru: 'Позиций', en: 'Items' },
  'pricelist.col-loaded': { ru: 'Загружен', en: 'Loaded' },
  'pricelist.col-file': { ru: 'Файл', en: 'File' },
  'pricelist.col-code': { ru: 'Код', en: 'Code' },
  'pricelist.col-title': { ru: 'Авторы, наименование', en: 'Authors, title' },
  'pricelist.col-grade': { ru: 'Класс', en: 'Grade' },
  'pricelist.col-price': { ru: 'Цена, ₽', en: 'Price, ₽' },
  'pricelist.col-change': { ru: 'Изменение', en: 'Change' },
  'pricelist.added': { ru: 'добавлено', en: 'added' },
  'pricelist.removed': { ru: 'удалено', en: 'removed' },
  'pricelist.repriced': { ru: 'цена', en: 're-priced' },
  'pricelist.changed': { ru: 'изменено', en: 'changed' },
};
