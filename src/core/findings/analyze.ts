/**
 * The analysis of the orders: src/features/analyze/analysis.ts.
 */
import type { FindingSpecs } from './spec.js';

export const analyze = {
  'analyze-qty-exceeds-students': {
    severity: 'warning',
    title: { ru: 'Заказано больше, чем обучающихся', en: 'More ordered than students' },
    message: {
      ru: '«{title}», {grade} класс: заказано {quantity}, а обучающихся {students} (с резервом {reserve}% — не больше {limit})',
      en: '«{title}», grade {grade}: {quantity} ordered for {students} students (with the {reserve}% reserve at most {limit})',
    },
  },
  'analyze-item-not-in-fpu': {
    severity: 'warning',
    title: { ru: 'Учебник не в федеральном перечне', en: 'Textbook not in the federal list' },
    message: {
      ru: '«{title}» ({publisher}), {grade} класс, {quantity} экз.: позиции нет в федеральном перечне учебников',
      en: '«{title}» ({publisher}), grade {grade}, {quantity|copy|copies}: the item is not in the federal list of textbooks',
    },
  },
  'analyze-two-lines': {
    severity: 'warning',
    title: { ru: 'Две линии учебников по предмету', en: 'Two textbook lines for a subject' },
    message: {
      ru: '«{subject}», {grade} класс, заказан по двум линиям учебников: {lines} — вместе {total} экз. при {students|обучающемся|обучающихся|обучающихся}',
      en: '«{subject}», grade {grade}, is ordered from two textbook lines: {lines} — {total|copy|copies} together for {students|student|students}',
    },
  },
  'analyze-cost-outlier': {
    severity: 'warning',
    title: { ru: 'Необычная стоимость на ученика', en: 'Unusual cost per student' },
    message: {
      ru: 'Стоимость заказа на одного обучающегося {cost} ₽ ({sum} ₽ на {students} обучающихся) вне границ муниципалитета {municipality}: {lower}–{upper} ₽ (медиана {median} ₽; границы Q1 − {k}·IQR и Q3 + {k}·IQR)',
      en: 'The order costs {cost} ₽ per student ({sum} ₽ for {students} students), outside municipality {municipality}\'s fences {lower}–{upper} ₽ (median {median} ₽; fences Q1 − {k}·IQR and Q3 + {k}·IQR)',
    },
  },
  'analyze-no-order': {
    severity: 'warning',
    title: { ru: 'Школа ничего не заказала', en: 'School ordered nothing' },
    message: {
      ru: 'Школа ничего не заказала: {state}',
      en: 'The school ordered nothing: {state_en}',
    },
  },
} satisfies FindingSpecs;
