/**
 * First-grade places and vacancies: src/features/vacancies/check.ts.
 */
import type { FindingSpecs } from './spec.js';

export const vacancies = {
  'vacancy-school-unknown': {
    severity: 'error',
    title: { ru: 'Школы нет в реестре', en: 'School not in the registry' },
    message: {
      ru: 'Школы «{value}» нет в реестре; проверьте код ОО или загрузите актуальный реестр',
      en: 'School "{value}" is not in the registry; check the school code or import the current registry',
    },
  },
  'vacancy-school-ambiguous': {
    severity: 'error',
    title: { ru: 'Школа определена неоднозначно', en: 'Ambiguous school' },
    message: {
      ru: 'Наименование «{name}» подходит нескольким школам реестра ({candidates}); укажите код ОО',
      en: 'The name "{name}" fits several schools of the registry ({candidates}); give the school code',
    },
  },
  'vacancy-duplicate-school': {
    severity: 'error',
    title: { ru: 'Школа повторяется', en: 'School repeated' },
    message: {
      ru: 'Школа {school} уже указана в строке {first}; эта строка не учитывается',
      en: 'School {school} is already listed in row {first}; this row is not counted',
    },
  },
  'vacancy-value-invalid': {
    severity: 'error',
    title: { ru: 'Неверное число', en: 'Invalid number' },
    message: {
      ru: '«{title}»: «{value}» — нужно целое число не меньше 0',
      en: '«{title}»: "{value}" — a whole number of 0 or more is required',
    },
  },
  'vacancy-value-missing': {
    severity: 'error',
    title: { ru: 'Не заполнено', en: 'Not filled in' },
    message: {
      ru: 'Не заполнено: «{title}»',
      en: 'Not filled in: «{title}»',
    },
  },
  'vacancy-exceeds-places': {
    severity: 'error',
    title: { ru: 'Вакантных мест больше плановых', en: 'More vacant than planned places' },
    message: {
      ru: 'Вакантных мест {vacancies} больше, чем планируемых мест ({places})',
      en: '{vacancies} vacant places is more than the {places} planned places',
    },
  },
  'vacancy-places-exceed-classes': {
    severity: 'error',
    title: { ru: 'Мест больше, чем вмещают классы', en: 'More places than the classes hold' },
    message: {
      ru: 'Планируемых мест {places} больше, чем вмещают {classes} кл. по {max} человек ({limit})',
      en: '{places} planned places is more than {classes} classes of {max} children can take ({limit})',
    },
  },
  'vacancy-classes-missing': {
    severity: 'error',
    title: { ru: 'Места без классов или классы без мест', en: 'Places without classes or classes without places' },
    message: {
      ru: 'Классов {classes}, мест {places}: места без первых классов или первые классы без мест',
      en: '{classes} classes, {places} places: places without first classes or first classes without places',
    },
  },
  'vacancy-municipality-mismatch': {
    severity: 'error',
    title: { ru: 'Школа другого муниципалитета', en: 'School of another municipality' },
    message: {
      ru: 'Школа {school} относится к муниципалитету {belongs}, а в ведомости указан «{stated}»',
      en: 'School {school} belongs to municipality {belongs}, but the sheet says "{stated}"',
    },
  },
  'vacancy-territory-exceeds-places': {
    severity: 'error',
    title: { ru: 'Мест для закреплённой территории больше плановых', en: 'More territory places than planned places' },
    message: {
      ru: 'Мест для закреплённой территории {territory} больше, чем всего планируемых мест ({places})',
      en: '{territory} places for the assigned territory is more than the {places} planned places in all',
    },
  },
  'vacancy-applications-exceed-places': {
    severity: 'warning',
    title: { ru: 'Заявлений больше, чем мест', en: 'More applications than places' },
    message: {
      ru: 'Подано заявлений {applications}, а планируемых мест {places}',
      en: '{applications} applications received for {places} planned places',
    },
  },
} satisfies FindingSpecs;
