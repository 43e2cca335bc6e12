/**
 * Recommendations on the orders and their application: src/features/recommendations/.
 */
import type { FindingSpecs } from './spec.js';

export const recommendations = {
  'rec-action-invalid': {
    severity: 'error',
    title: { ru: 'Неизвестное действие', en: 'Unknown action' },
    message: {
      ru: 'Действие «{value}» не распознано: нужно одно из «уменьшить», «увеличить», «исключить», «заменить», «добавить»',
      en: 'Action «{value}» is not recognised: it must be one of «уменьшить» (decrease), «увеличить» (increase), «исключить» (exclude), «заменить» (replace), «добавить» (add)',
    },
  },
  'rec-school-unknown': {
    severity: 'error',
    title: { ru: 'Школы нет в реестре', en: 'School not in the registry' },
    message: {
      ru: 'Школы «{school}» нет в реестре',
      en: 'School «{school}» is not in the registry',
    },
  },
  'rec-municipality-unknown': {
    severity: 'error',
    title: { ru: 'Муниципалитета нет в реестре', en: 'Municipality not in the registry' },
    message: {
      ru: 'Муниципалитет «{municipality}» не найден в реестре (а школа не указана)',
      en: 'Municipality «{municipality}» is not in the registry (and no school is given)',
    },
  },
  'rec-municipality-mismatch': {
    severity: 'error',
    title: { ru: 'Школа другого муниципалитета', en: 'School of another municipality' },
    message: {
      ru: 'Школа {school} относится к муниципалитету {municipality}, а в строке указан «{given}»',
      en: 'School {school} belongs to municipality {municipality}, but the row says «{given}»',
    },
  },
  'rec-school-required': {
    severity: 'error',
    title: { ru: 'Нужна школа', en: 'School required' },
    message: {
      ru: '«добавить» {reference} — только для конкретной школы: укажите код ОО',
      en: '«добавить» (add) {reference} needs a school: give its code',
    },
  },
  'rec-item-unknown': {
    severity: 'error',
    title: { ru: 'Позиции нет в прайс-листах', en: 'Item in no price list' },
    message: {
      ru: 'Позиция «{reference}» не найдена ни в одном загруженном прайс-листе (ни как код, ни как ISBN, ни как № ФП)',
      en: 'Item «{reference}» matches no item of the loaded price lists (as item code, ISBN or fpu code)',
    },
  },
  'rec-item-ambiguous': {
    severity: 'error',
    title: { ru: 'Позиция определена неоднозначно', en: 'Ambiguous item' },
    message: {
      ru: 'Позиция «{reference}» подходит к {count} разным позициям: {candidates}. Укажите код издательства или издательство',
      en: 'Item «{reference}» matches {count} different items: {candidates}. Give the item code or the publisher',
    },
  },
  'rec-grade-invalid': {
    severity: 'error',
    title: { ru: 'Класс не подходит', en: 'Grade does not fit' },
    message: {
      ru: 'Класс «{grade}» не подходит: «{title}» — для {range} класса; нужен один класс',
      en: 'Grade «{grade}» does not fit: «{title}» is for grade {range}; one grade is needed',
    },
  },
  'rec-qty-invalid': {
    severity: 'error',
    title: { ru: 'Неверное рекомендуемое количество', en: 'Invalid recommended quantity' },
    message: {
      ru: 'Рекомендуемое количество «{value}»: {reason}',
      en: 'Recommended quantity «{value}»: {reason_en}',
    },
  },
  'rec-replacement-invalid': {
    severity: 'error',
    title: { ru: 'Неверная замена', en: 'Invalid replacement' },
    message: {
      ru: 'Замена «{reference}»: {reason}',
      en: 'Replacement «{reference}»: {reason_en}',
    },
  },
  'rec-duplicate': {
    severity: 'error',
    title: { ru: 'Рекомендация повторяется', en: 'Recommendation repeated' },
    message: {
      ru: 'Рекомендация по «{reference}» для {grade} класса уже есть в строке {first}',
      en: 'A recommendation on «{reference}» for grade {grade} is already in row {first}',
    },
  },
  'rec-not-ordered': {
    severity: 'warning',
    title: { ru: 'Позиция не заказана', en: 'Item not ordered' },
    message: {
      ru: 'Школа не заказывала «{reference}» для {grade} класса — рекомендации нечего менять, она не сохранена',
      en: 'The school did not order «{reference}» for grade {grade}: the recommendation has nothing to change and is not stored',
    },
  },
  'rec-qty-no-change': {
    severity: 'warning',
    title: { ru: 'Рекомендация уже выполнена', en: 'Recommendation already met' },
    message: {
      ru: 'Заказано {ordered} экз. «{reference}» ({grade} класс) — рекомендация «до {quantity}» уже выполнена, она не сохранена',
      en: '{ordered} copies of «{reference}» (grade {grade}) are ordered: the recommendation «to {quantity}» is already met and is not stored',
    },
  },
  'rec-not-ordered-municipality': {
    severity: 'warning',
    title: { ru: 'Никто в муниципалитете не заказал', en: 'Ordered by no school of the municipality' },
    message: {
      ru: 'Ни одна школа муниципалитета {municipality} не заказывала «{reference}» для {grade} класса так, чтобы рекомендация что-то меняла',
      en: 'No school of municipality {municipality} ordered «{reference}» for grade {grade} in a way this recommendation would change',
    },
  },
  'unrequested-change': {
    severity: 'warning',
    title: { ru: 'Изменение без рекомендации', en: 'Change without a recommendation' },
    message: {
      ru: '«{title}», {grade} класс: {before} → {after} экз. без рекомендации',
      en: '«{title}», grade {grade}: {before} → {after|copy|copies} without a recommendation',
    },
  },
} satisfies FindingSpecs;
