/**
 * Amounts beyond exact counting: src/core/money.ts (overflowFinding), reported by the commands that add money up.
 */
import type { FindingSpecs } from './spec.js';

export const amounts = {
  'amount-overflow': {
    severity: 'error',
    title: { ru: 'Сумма за пределами точного счёта', en: 'Amount beyond exact counting' },
    message: {
      ru: '{what_ru} выходит за пределы точного счёта (больше 90 трлн ₽ или штук): {where_ru}; проверьте цены и количества',
      en: 'the {what_en} is beyond exact counting (over 90 trillion roubles or copies): {where_en}; check the prices and quantities',
    },
  },
} satisfies FindingSpecs;
