import type { Catalog } from '../catalog.js';

export const vacancy: Catalog = {

  'vacancy.col-municipality': { ru: 'Муниципалитет', en: 'Municipality' },
  'vacancy.col-schools': { ru: 'Школ', en: 'Schools' },
  'vacancy.col-submitted': { ru: 'Сдали', en: 'Submitted' },
  'vacancy.col-classes': { ru: '1-х классов', en: 'First classes' },
  'vacancy.col-places': { ru: 'Мест', en: 'Places' },
  'vacancy.col-vacancies': { ru: 'Вакантных', en: 'Vacant' },
  'vacancy.col-missing': { ru: 'Не сдали', en: 'Missing' },
  'vacancy.col-approved': { ru: 'Утверждено', en: 'Approved' },
  'vacancy.total': { ru: 'Итого по региону', en: 'Region total' },
  'vacancy.not-approved': { ru: 'не утверждено', en: 'not approved' },
  'vacancy.approved-forced': { ru: '{date} (принудительно: {reason})', en: '{date} (forced: {reason})' },
  'vacancy.approve-refused': {
    ru: 'Муниципалитет {municipality} нельзя утвердить: {reasons}. Если утвердить всё же нужно — --force --reason «…» (будет записано в журнал).',
    en: 'Municipality {municipality} cannot be approved: {reasons}. To approve anyway: --force --reason "…" (it is journaled).',
  },
  'vacancy.refused-errors': { ru: 'в ведомостях есть ошибки ({count})', en: 'its sheets have errors ({count})' },
  'vacancy.refused-missing-schools': {
    ru: 'не сдали ведомость школы: {missing}',
    en: 'schools that have not submitted: {missing}',
  },
};
