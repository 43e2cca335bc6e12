/**
 * The schools registry: src/features/registry/.
 */
import type { FindingSpecs } from './spec.js';

export const registry = {
  'registry-municipality-missing': {
    severity: 'error',
    title: { ru: 'Не указан муниципалитет школы', en: 'School without a municipality' },
    message: {
      ru: 'у школы «{name}» не указан муниципалитет',
      en: 'school "{name}" has no municipality',
    },
  },
  'registry-name-missing': {
    severity: 'error',
    title: { ru: 'Нет наименования школы', en: 'School without a name' },
    message: {
      ru: 'у школы {code} нет наименования',
      en: 'school {code} has no name',
    },
  },
  'registry-duplicate-school': {
    severity: 'error',
    title: { ru: 'Код школы повторяется', en: 'School code repeated' },
    message: {
      ru: 'код школы {code} уже встречался в строке {first}',
      en: 'school code {code} already appeared on row {first}',
    },
  },
  'registry-inn-invalid': {
    severity: 'warning',
    title: { ru: 'Неверный ИНН школы', en: 'Invalid school INN' },
    message: {
      ru: 'ИНН {inn} неверен (10 цифр с контрольной суммой)',
      en: 'INN {inn} is not valid (10 digits with a check digit)',
    },
  },
  'registry-students-invalid': {
    severity: 'error',
    title: { ru: 'Неверная численность обучающихся', en: 'Invalid number of students' },
    message: {
      ru: 'численность {grade} класса «{value}» — не целое неотрицательное число',
      en: 'students in grade {grade} "{value}" is not a whole number ≥ 0',
    },
  },
} satisfies FindingSpecs;
