/**
 * Importing consolidations of other municipalities: src/features/import/command.ts.
 */
import type { FindingSpecs } from './spec.js';

export const importing = {
  'import-edited': {
    severity: 'error',
    title: { ru: 'Служебный лист изменён вручную', en: 'Data sheet edited by hand' },
    message: {
      ru: 'Служебный лист изменён вручную (контрольная сумма не сходится): данным файла нельзя доверять; --force — принять всё равно',
      en: 'The data sheet was edited by hand (checksum mismatch): its data cannot be trusted; --force accepts it anyway',
    },
  },
  'import-kind-unsupported': {
    severity: 'error',
    title: { ru: 'Книга без сформированных заказов', en: 'Workbook without formed orders' },
    message: {
      ru: 'Книга вида «{kind}» не содержит сформированных заказов (ожидается consolidation-municipality или consolidation-region)',
      en: 'A workbook of kind "{kind}" carries no formed orders (consolidation-municipality or consolidation-region expected)',
    },
  },
  'import-campaign-mismatch': {
    severity: 'either',
    title: { ru: 'Файл другой кампании', en: 'File of another campaign' },
    message: {
      ru: 'Файл из другой кампании: {found}, а здесь {expected}; --any-campaign — принять всё равно',
      en: 'The file belongs to another campaign: {found}, this one is {expected}; --any-campaign accepts it anyway',
    },
  },
  'import-columns-missing': {
    severity: 'error',
    title: { ru: 'Нет столбцов служебного листа', en: 'Data sheet columns missing' },
    message: {
      ru: 'На служебном листе нет столбцов: {columns}',
      en: 'The data sheet lacks columns: {columns}',
    },
  },
  'import-row-invalid': {
    severity: 'error',
    title: { ru: 'Строка служебного листа не читается', en: 'Unreadable data sheet row' },
    message: {
      ru: 'Строка служебного листа не читается: {reason}',
      en: 'A data sheet row cannot be read: {reason}',
    },
  },
  'import-school-unknown': {
    severity: 'error',
    title: { ru: 'Школы нет в реестре', en: 'School not in the registry' },
    message: {
      ru: 'Школы {school} нет в реестре этой кампании',
      en: 'School {school} is not in this campaign\'s registry',
    },
  },
  'import-municipality-mismatch': {
    severity: 'error',
    title: { ru: 'Школа другого муниципалитета', en: 'School of another municipality' },
    message: {
      ru: 'Школа {school} в реестре относится к муниципалитету {expected}, а в файле — к {actual}',
      en: 'School {school} belongs to municipality {expected} in the registry, to {actual} in the file',
    },
  },
  'import-item-unknown': {
    severity: 'warning',
    title: { ru: 'Позиции нет в прайс-листах', en: 'Item in no price list' },
    message: {
      ru: 'Позиции {item} («{publisher}») нет в загруженных прайс-листах: заказ сохранён по цене файла',
      en: 'Item {item} ("{publisher}") is in no loaded price list: the order is kept at the file\'s price',
    },
  },
  'import-price-differs': {
    severity: 'warning',
    title: { ru: 'Цена отличается от прайс-листа', en: 'Price differs from the price list' },
    message: {
      ru: 'Цена {item} в файле {file_price} руб., в прайс-листе {list_price} руб.: сохранена цена файла (по ней сформирован заказ)',
      en: 'Price of {item} is {file_price} in the file and {list_price} in the price list: the file\'s price is kept (the order was formed at it)',
    },
  },
  'import-duplicate-scope': {
    severity: 'error',
    title: { ru: 'Свод уже прочитан', en: 'Consolidation already read' },
    message: {
      ru: 'Свод «{publisher}» муниципалитета {municipality} уже прочитан из {first}: этот файл пропущен',
      en: 'The "{publisher}" consolidation of municipality {municipality} was already read from {first}: this file is skipped',
    },
  },
} satisfies FindingSpecs;
