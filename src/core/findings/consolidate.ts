/**
 * Filling a publisher's form with the consolidated order: src/features/consolidate/.
 */
import type { FindingSpecs } from './spec.js';

export const consolidate = {
  'form-item-absent': {
    severity: 'error',
    title: { ru: 'Заказанной позиции нет в форме', en: 'Ordered item not in the form' },
    message: {
      ru: 'Позиции {item} «{title}» ({grade} кл.) нет в форме издательства: {copies} экз. на {sum} руб. (школы {schools}) в заполненную форму не попали — добавьте строку в форму или передайте их отдельно',
      en: 'Item {item} "{title}" (grade {grade}) is not in the publisher\'s form: {copies|copy|copies} for {sum} (schools {schools}) are not in the filled form — add the row to the form or send them separately',
    },
  },
  'form-order-price-differs': {
    severity: 'warning',
    title: { ru: 'Цена в форме отличается от заказа', en: 'Form price differs from the order' },
    message: {
      ru: 'Цена {item} в форме {form_price} руб., заказано по {order_price} руб.: формулы формы дадут {form_sum} руб. за {copies} экз. вместо {order_sum} руб.',
      en: 'Price of {item} is {form_price} in the form, ordered at {order_price}: the form\'s formulas will give {form_sum} for {copies|copy|copies} instead of {order_sum}',
    },
  },
  'form-recipient-inn-missing': {
    severity: 'warning',
    title: { ru: 'Нет ИНН получателя', en: 'Recipient without an INN' },
    message: {
      ru: 'У школы {school} «{name}» нет ИНН в реестре: в заголовке формы только наименование',
      en: 'School {school} "{name}" has no ИНН in the registry: the form\'s header has its name only',
    },
  },
  'form-total-not-extended': {
    severity: 'error',
    title: { ru: 'Итог формы не расширен', en: 'Form total not extended' },
    message: {
      ru: 'Итог формы в ячейке {cell} ({formula}) не складывает заполненные столбцы {columns}: после пересчёта он будет меньше на {copies} экз. Формулу не удалось дополнить — поправьте её в заполненной форме',
      en: 'The form\'s total in cell {cell} ({formula}) does not add the filled columns {columns}: recalculated, it comes out {copies|copy|copies} short. The formula could not be extended — correct it in the filled form',
    },
  },
  'form-fill-failed': {
    severity: 'error',
    title: { ru: 'Форма не заполнена', en: 'Form not filled' },
    message: {
      ru: 'Форму «{publisher}» заполнить не удалось: {reason}. Свод в общем виде записан.',
      en: 'The "{publisher}" form could not be filled: {reason}. The generic consolidation was written.',
    },
  },
} satisfies FindingSpecs;
