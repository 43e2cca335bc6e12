/**
 * A school's order: src/features/order/check.ts.
 */
import type { FindingSpecs } from './spec.js';

export const order = {
  'order-school-unknown': {
    severity: 'error',
    title: { ru: 'Школы нет в реестре', en: 'School not in the registry' },
    message: {
      ru: 'Школа «{school}» не найдена в реестре: укажите код школы так, как он записан в реестре (или --school)',
      en: 'School "{school}" is not in the registry: give the school code as the registry has it (or --school)',
    },
  },
  'order-item-unknown': {
    severity: 'error',
    title: { ru: 'Учебника нет в прайс-листах', en: 'Textbook in no price list' },
    message: {
      ru: 'Учебник «{reference}» не найден ни в одном загруженном прайс-листе',
      en: 'Textbook "{reference}" is in none of the loaded price lists',
    },
  },
  'order-item-ambiguous': {
    severity: 'error',
    title: { ru: 'Учебник определён неоднозначно', en: 'Ambiguous textbook' },
    message: {
      ru: '«{reference}» подходит нескольким учебникам ({count}): {candidates}. Укажите код издательства или ISBN',
      en: '"{reference}" matches several textbooks ({count}): {candidates}. Give the publisher\'s item code or the ISBN',
    },
  },
  'order-qty-invalid': {
    severity: 'error',
    title: { ru: 'Неверное количество', en: 'Invalid quantity' },
    message: {
      ru: 'Количество «{value}» не подходит: нужно целое число экземпляров от 0 до {max}',
      en: 'Quantity "{value}" is not valid: it must be a whole number of copies from 0 to {max}',
    },
  },
  'order-price-mismatch': {
    severity: 'error',
    title: { ru: 'Цена отличается от прайс-листа', en: 'Price differs from the price list' },
    message: {
      ru: 'Цена {price} отличается от цены в прайс-листе издательства {publisher}: {list_price} руб. («{title}»)',
      en: 'Price {price} differs from the {publisher} price list: {list_price} rub. ("{title}")',
    },
  },
  'order-grade-mismatch': {
    severity: 'error',
    title: { ru: 'Класс не подходит учебнику', en: 'Grade does not fit the textbook' },
    message: {
      ru: 'Класс «{grade}» не подходит учебнику «{title}» (для {range} кл.): укажите один класс из этого диапазона числом',
      en: 'Grade "{grade}" does not fit "{title}" (grades {range}): give one grade of that range as a number',
    },
  },
  'order-duplicate-line': {
    severity: 'error',
    title: { ru: 'Строка заказа повторяется', en: 'Order line repeated' },
    message: {
      ru: 'Учебник «{title}» для {grade} класса уже заказан в строке {first}',
      en: '"{title}" for grade {grade} is already ordered in row {first}',
    },
  },
  'order-sum-mismatch': {
    severity: 'error',
    title: { ru: 'Сумма строки не сходится', en: 'Line sum does not add up' },
    message: {
      ru: 'Сумма {sum} не равна количеству × цену: {quantity} × {price} = {computed} руб.',
      en: 'Sum {sum} is not quantity × price: {quantity} × {price} = {computed} rub.',
    },
  },
  'order-total-mismatch': {
    severity: 'error',
    title: { ru: 'Итог не сходится', en: 'Total does not add up' },
    message: {
      ru: 'Итог {total} не совпадает с суммой по строкам заказа: {computed}',
      en: 'Total {total} differs from the sum of the order lines: {computed}',
    },
  },
  'order-qty-exceeds-students': {
    severity: 'either',
    title: { ru: 'Количество больше числа обучающихся', en: 'Quantity above the number of students' },
    message: {
      ru: 'Количество {actual} больше числа обучающихся {grade} класса ({students}) с резервом {reserve}%: не больше {expected} («{title}»)',
      en: 'Quantity {actual} exceeds the students of grade {grade} ({students}) plus the {reserve}% reserve: at most {expected} ("{title}")',
    },
  },
  'order-item-not-in-fpu': {
    severity: 'warning',
    title: { ru: 'Учебник не в федеральном перечне', en: 'Textbook not in the federal list' },
    message: {
      ru: 'Учебник «{title}» ({publisher}) не входит в федеральный перечень учебников',
      en: '"{title}" ({publisher}) is not in the federal list of textbooks',
    },
  },
  'order-empty': {
    severity: 'warning',
    title: { ru: 'Пустой заказ', en: 'Empty order' },
    message: {
      ru: 'В заказе нет ни одной строки с количеством',
      en: 'No line of the order has a quantity',
    },
  },
} satisfies FindingSpecs;
