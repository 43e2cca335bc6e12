/**
 * Lists of operators and responsible municipal staff (plan 003, stages 4–5): src/features/operators/check.ts;
 * parents' meetings of the preschools (stage 3): src/features/meetings/check.ts.
 */
import type { FindingSpecs } from './spec.js';

export const operators = {
  'operator-school-unknown': {
    severity: 'error',
    title: { ru: 'Школы нет в реестре', en: 'School not in the registry' },
    message: {
      ru: 'Школы «{value}» нет в реестре; проверьте код ОО',
      en: 'School "{value}" is not in the registry; check the school code',
    },
  },
  'operator-municipality-unknown': {
    severity: 'error',
    title: { ru: 'Муниципалитета нет в реестре', en: 'Municipality not in the registry' },
    message: {
      ru: 'Муниципалитета «{value}» нет в реестре',
      en: 'Municipality "{value}" is not in the registry',
    },
  },
  'operator-value-missing': {
    severity: 'error',
    title: { ru: 'Не заполнено поле списка', en: 'List field not filled in' },
    message: {
      ru: 'Не заполнено: «{title}»',
      en: 'Not filled in: «{title}»',
    },
  },
  'operator-role-invalid': {
    severity: 'error',
    title: { ru: 'Роль не распознана', en: 'Role not recognised' },
    message: {
      ru: 'Роль «{value}» не распознана: нужно «Главный оператор» или «Оператор»',
      en: 'Role "{value}" is not recognised: «Главный оператор» (chief operator) or «Оператор» (operator)',
    },
  },
  'operator-email-invalid': {
    severity: 'error',
    title: { ru: 'Неверный e-mail', en: 'Malformed e-mail' },
    message: {
      ru: 'Адрес электронной почты «{value}» записан неверно',
      en: 'E-mail address "{value}" is malformed',
    },
  },
  'operator-phone-invalid': {
    severity: 'error',
    title: { ru: 'Неверный телефон', en: 'Malformed phone' },
    message: {
      ru: 'Телефон «{value}» записан неверно: нужно 10 цифр с кодом города или 11, начиная с 7 или 8',
      en: 'Phone "{value}" is malformed: 10 digits with the area code, or 11 starting with 7 or 8',
    },
  },
  'operator-chief-position': {
    severity: 'error',
    title: { ru: 'Главный оператор ниже заместителя директора', en: 'Chief operator below deputy director' },
    message: {
      ru: 'Главный оператор в должности «{value}»: по плану — не ниже заместителя директора',
      en: 'Chief operator with the position "{value}": the plan requires deputy director or above',
    },
  },
  'operator-duplicate': {
    severity: 'error',
    title: { ru: 'Один человек дважды', en: 'The same person twice' },
    message: {
      ru: '{name} уже указан(а) в строке {first}',
      en: '{name} is already listed in row {first}',
    },
  },
  'operator-chief-missing': {
    severity: 'error',
    title: { ru: 'Нет главного оператора', en: 'No chief operator' },
    message: {
      ru: '{unit}: нет главного оператора',
      en: '{unit}: no chief operator',
    },
  },
  'meeting-value-missing': {
    severity: 'error',
    title: { ru: 'Не заполнено поле собрания', en: 'Meeting field not filled in' },
    message: {
      ru: 'Не заполнено: «{title}»',
      en: 'Not filled in: «{title}»',
    },
  },
  'meeting-date-invalid': {
    severity: 'error',
    title: { ru: 'Неверная дата собрания', en: 'Unreadable meeting date' },
    message: {
      ru: 'Дата «{value}» не читается: нужно ДД.ММ.ГГГГ',
      en: 'Date "{value}" cannot be read: DD.MM.YYYY',
    },
  },
  'meeting-parents-invalid': {
    severity: 'error',
    title: { ru: 'Неверное число родителей', en: 'Unreadable number of parents' },
    message: {
      ru: '«{title}»: «{value}» — нужно целое число больше 0',
      en: '«{title}»: "{value}" — a whole number above 0 is required',
    },
  },
  'meeting-topic-missing': {
    severity: 'error',
    title: { ru: 'Тема собрания не отмечена', en: 'Meeting topic not ticked' },
    message: {
      ru: 'Не отмечена обязательная тема «{topic}»',
      en: 'The required topic «{topic}» is not ticked',
    },
  },
  'meeting-late': {
    severity: 'error',
    title: { ru: 'Собрание после срока', en: 'Meeting after the deadline' },
    message: {
      ru: 'Собрание {date} проведено после срока этапа ({deadline})',
      en: 'The meeting of {date} was held after the stage’s deadline ({deadline})',
    },
  },
  'meeting-municipality-unknown': {
    severity: 'error',
    title: { ru: 'Муниципалитет собрания не указан', en: 'Meeting’s municipality unknown' },
    message: {
      ru: 'Муниципалитет «{value}» не найден в реестре; укажите код МО в столбце или --municipality',
      en: 'Municipality "{value}" is not in the registry; give the code in a column or --municipality',
    },
  },
} satisfies FindingSpecs;
