/**
 * Price lists: src/features/pricelist/rows.ts.
 */
import type { FindingSpecs } from './spec.js';

export const pricelist = {
  'price-implausible': {
    severity: 'error',
    title: { ru: 'Невозможная цена', en: 'Implausible price' },
    message: {
      ru: 'цена «{value}» не может быть ценой экземпляра: {reason_ru}; позиция не загружена',
      en: 'price "{value}" cannot be the price of a copy: {reason_en}; the item is not loaded',
    },
  },
  'price-fpu-code-invalid': {
    severity: 'error',
    title: { ru: 'Неверный код ФПУ', en: 'Invalid federal list code' },
    message: {
      ru: '«{value}» — не номер учебника по федеральному перечню (ожидаются числа через точку, 5–7 уровней, например 1.1.1.1.4.1; 99.99.99.99.99.99 — вне перечня). Позиция «{title}» не загружена',
      en: '"{value}" is not a federal list code (dotted numbers, 5–7 levels, e.g. 1.1.1.1.4.1; 99.99.99.99.99.99 for an item outside the list). Item "{title}" not loaded',
    },
  },
  'price-isbn-invalid': {
    severity: 'error',
    title: { ru: 'Неверный ISBN', en: 'Invalid ISBN' },
    message: {
      ru: 'ISBN «{value}» неверен: не ISBN-10/ISBN-13 или не сходится контрольная цифра. Позиция «{title}» загружена без ISBN',
      en: 'ISBN "{value}" is invalid: not an ISBN-10/ISBN-13 or its check digit is wrong. Item "{title}" loaded without the ISBN',
    },
  },
  'price-invalid': {
    severity: 'error',
    title: { ru: 'Неверная цена', en: 'Invalid price' },
    message: {
      ru: 'Цена «{value}» недопустима: нужна сумма больше нуля (например, 243,98). Позиция «{title}» не загружена',
      en: 'Price "{value}" is not valid: an amount above zero is required (e.g. 243.98). Item "{title}" not loaded',
    },
  },
  'price-duplicate-item': {
    severity: 'either',
    title: { ru: 'Позиция повторяется', en: 'Item repeated' },
    message: {
      ru: 'Позиция {key} («{title}») уже есть в строке {first_row}; повтор не загружен',
      en: 'Item {key} ("{title}") already appears in row {first_row}; the repetition is not loaded',
    },
  },
  'price-grade-invalid': {
    severity: 'error',
    title: { ru: 'Класс не прочитан', en: 'Grade not read' },
    message: {
      ru: 'Класс не определён по «{value}»: ожидается класс 1–11 или диапазон (5-9, 10-11), а без столбца «Класс» — класс в названии («1 кл.»). Позиция «{title}» не загружена',
      en: 'No grade can be read from "{value}": a grade 1–11 or a range (5-9, 10-11) is expected, or, without a grade column, a grade in the title ("1 кл."). Item "{title}" not loaded',
    },
  },
  'price-grade-missing': {
    severity: 'warning',
    title: { ru: 'Нет класса', en: 'No grade' },
    message: {
      ru: 'У позиции «{title}» нет класса (ни в столбце «Класс», ни в названии). Позиция загружена без класса: её заказывают без класса, а проверка по числу учеников к ней не применяется. Если класс должен быть — исправьте прайс-лист',
      en: 'Item "{title}" has no grade (neither in a grade column nor in its title). It is loaded without one: it is ordered without a grade, and no check against the number of students applies. If it should have a grade, correct the price list',
    },
  },
  'price-vat-conflict': {
    severity: 'warning',
    title: { ru: 'Противоречивая ставка НДС', en: 'Conflicting VAT rate' },
    message: {
      ru: 'Ставка НДС {rate}% в столбце ставок, а в столбце {column} написано «{text}» ({stated}%). Взята ставка из столбца ставок; проверьте позицию «{title}»',
      en: 'VAT rate {rate}% in the rate column, while column {column} says "{text}" ({stated}%). The rate column\'s rate is taken; check item "{title}"',
    },
  },
  'price-vat-invalid': {
    severity: 'error',
    title: { ru: 'Неверная ставка НДС', en: 'Invalid VAT rate' },
    message: {
      ru: 'Ставка НДС «{value}» не распознана (ожидается, например, 10% или 18%; пустая ячейка — {default_rate}%). Позиция «{title}» не загружена',
      en: 'VAT rate "{value}" is not recognised (e.g. 10% or 18% expected; an empty cell means {default_rate}%). Item "{title}" not loaded',
    },
  },
  'price-item-unidentified': {
    severity: 'error',
    title: { ru: 'Позиция без кода', en: 'Item without a code' },
    message: {
      ru: 'У позиции «{title}» есть цена, но нет ни номера по федеральному перечню, ни кода издательства, ни ISBN: её нельзя заказать. Позиция не загружена',
      en: 'Item "{title}" has a price but no federal list code, publisher item code or ISBN, so it cannot be ordered. Item not loaded',
    },
  },
} satisfies FindingSpecs;
