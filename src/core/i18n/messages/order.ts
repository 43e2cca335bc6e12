import type { Catalog } from '../catalog.js';

/**
 * School orders: the findings of validation (src/features/order/check.ts) and what the lifecycle
 * transitions say (src/core/model/order-lifecycle.ts). Money parameters come in two spellings, `{x}` with the
 * Russian decimal comma and `{x_en}` with the English point.
 */
export const order: Catalog = {

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
    en: 'Order of school {school} not stored: the file has {errors|error|errors}. Fix them or store it with --force',
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
