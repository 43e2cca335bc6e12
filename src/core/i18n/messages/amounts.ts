import type { Catalog } from '../catalog.js';

/** Amounts the data makes absurd (issue #22): src/core/money.ts AmountOverflow and implausiblePrice. */
export const amounts: Catalog = {
  'money.overflow': {
    ru: '{what_ru} выходит за пределы точного счёта (больше 90 трлн ₽ или штук): {where_ru}. Это ошибка в данных, а не в программе: проверьте цены и количества — например, не попал ли в столбец цены ISBN.',
    en: 'the {what_en} is beyond exact counting (over 90 trillion roubles or copies): {where_en}. This is a mistake in the data, not in the program: check the prices and quantities, e.g. for an ISBN in the price column.',
  },
};
