/**
 * A publisher's order form checked against its price list: src/features/forms/command.ts.
 */
import type { FindingSpecs } from './spec.js';

export const forms = {
  'form-item-not-in-pricelist': {
    severity: 'warning',
    title: { ru: 'Позиции формы нет в прайс-листе', en: 'Form item not in the price list' },
    message: {
      ru: 'Позиции {item} формы нет в прайс-листе издательства',
      en: 'Item {item} of the form is not in the publisher\'s price list',
    },
  },
  'form-recipient-number-repeated': {
    severity: 'warning',
    title: { ru: 'Номер получателя повторяется', en: 'Recipient number repeated' },
    message: {
      ru: 'Получатель №{number} указан в форме второй раз (первый — столбец {first}): номера в заголовках повторяются',
      en: 'Recipient №{number} appears a second time in the form (first at column {first}): the header numbers repeat',
    },
  },
  'form-item-missing': {
    severity: 'warning',
    title: { ru: 'Позиции прайс-листа нет в форме', en: 'Price-list item missing from the form' },
    message: {
      ru: 'Позиции прайс-листа {item} «{title}» нет в форме',
      en: 'Price-list item {item} "{title}" is not in the form',
    },
  },
  'form-price-differs': {
    severity: 'warning',
    title: { ru: 'Цена в форме отличается от прайс-листа', en: 'Form price differs from the price list' },
    message: {
      ru: 'Цена {item} в форме {form_price} руб., в прайс-листе {list_price} руб.',
      en: 'Price of {item} is {form_price} in the form and {list_price} in the price list',
    },
  },
} satisfies FindingSpecs;
