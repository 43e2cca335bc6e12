import type { Catalog } from '../catalog.js';

/**
 * School orders: the findings of validation (domain/order-validate.ts) and what the lifecycle
 * transitions say (domain/order-lifecycle.ts). Money parameters come in two spellings, `{x}` with the
 * Russian decimal comma and `{x_en}` with the English point.
 */
export const order: Catalog = {
  'finding.order-school-unknown': {
    ru: 'Школа «{school}» не найдена в реестре: укажите код школы так, как он записан в реестре (или --school)',
    en: 'School "{school}" is not in the registry: give the school code as the registry has it (or --school)',
  },
  'finding.order-item-unknown': {
    ru: 'Учебник «{reference}» не найден ни в одном загруженном прайс-листе',
    en: 'Textbook "{reference}" is in none of the loaded price lists',
  },
  'finding.order-item-ambiguous': {
    ru: '«{reference}» подходит нескольким учебникам ({count}): {candidates}. Укажите код издательства или ISBN',
    en: '"{reference}" matches several textbooks ({count}): {candidates}. Give the publisher\'s item code or the ISBN',
  },
  'finding.order-qty-invalid': {
    ru: 'Количество «{value}» не подходит: нужно целое число экземпляров от 0 до {max}',
    en: 'Quantity "{value}" is not valid: it must be a whole number of copies from 0 to {max}',
  },
  'finding.order-price-mismatch': {
    ru: 'Цена {price} отличается от цены в прайс-листе издательства {publisher}: {list_price} руб. («{title}»)',
    en: 'Price {price_en} differs from the {publisher} price list: {list_price_en} rub. ("{title}")',
  },
  'finding.order-grade-mismatch': {
    ru: 'Класс «{grade}» не подходит учебнику «{title}» (для {range} кл.): укажите один класс из этого диапазона числом',
    en: 'Grade "{grade}" does not fit "{title}" (grades {range}): give one grade of that range as a number',
  },
  'finding.order-duplicate-line': {
    ru: 'Учебник «{title}» для {grade} класса уже заказан в строке {first}',
    en: '"{title}" for grade {grade} is already ordered in row {first}',
  },
  'finding.order-sum-mismatch': {
    ru: 'Сумма {sum} не равна количеству × цену: {quantity} × {price} = {computed} руб.',
    en: 'Sum {sum_en} is not quantity × price: {quantity} × {price_en} = {computed_en} rub.',
  },
  'finding.order-total-mismatch': {
    ru: 'Итог {total} не совпадает с суммой по строкам заказа: {computed}',
    en: 'Total {total_en} differs from the sum of the order lines: {computed_en}',
  },
  'finding.order-qty-exceeds-students': {
    ru: 'Количество {actual} больше числа обучающихся {grade} класса ({students}) с резервом {reserve}%: не больше {expected} («{title}»)',
    en: 'Quantity {actual} exceeds the students of grade {grade} ({students}) plus the {reserve}% reserve: at most {expected} ("{title}")',
  },
  'finding.order-item-not-in-fpu': {
    ru: 'Учебник «{title}» ({publisher}) не входит в федеральный перечень учебников',
    en: '"{title}" ({publisher}) is not in the federal list of textbooks',
  },
  'finding.order-empty': {
    ru: 'В заказе нет ни одной строки с количеством',
    en: 'No line of the order has a quantity',
  },

  'order.submitted': {
    ru: 'Заказ школы {school} сохранён как версия {version} (черновик)',
    en: 'Order of school {school} stored as version {version} (draft)',
  },
  'order.submit-unchanged': {
    ru: 'Этот файл уже сохранён как версия {version} заказа школы {school}; ничего не изменено',
    en: 'This file is already version {version} of the order of school {school}; nothing changed',
  },
  'order.submit-has-errors': {
    ru: 'Заказ школы {school} не сохранён: ошибок в файле — {errors}. Исправьте их или сохраните с --force',
    en: 'Order of school {school} not stored: the file has {errors} errors. Fix them or store it with --force',
  },
  'order.none': {
    ru: 'Заказ этой школы ещё не подан: сначала uchebnik order submit',
    en: 'This school has not submitted an order yet: run uchebnik order submit first',
  },
  'order.agreed': {
    ru: 'Версия {version} заказа школы {school} согласована',
    en: 'Version {version} of the order of school {school} agreed',
  },
  'order.agree-unchanged': {
    ru: 'Версия {version} заказа школы {school} уже согласована; ничего не изменено',
    en: 'Version {version} of the order of school {school} is already agreed; nothing changed',
  },
  'order.agree-formed': {
    ru: 'Версия {version} заказа школы {school} уже сформирована; изменить её можно только новой версией (order submit)',
    en: 'Version {version} of the order of school {school} is already formed; only a new version (order submit) can change it',
  },
  'order.form-needs-agreed': {
    ru: 'Версия {version} заказа школы {school} ещё не согласована: сначала uchebnik order agree',
    en: 'Version {version} of the order of school {school} is not agreed yet: run uchebnik order agree first',
  },
  'order.formed': {
    ru: 'Заказ школы {school} (версия {version}) сформирован',
    en: 'Order of school {school} (version {version}) formed',
  },
  'order.form-unchanged': {
    ru: 'Версия {version} заказа школы {school} уже сформирована; ничего не изменено',
    en: 'Version {version} of the order of school {school} is already formed; nothing changed',
  },
};
