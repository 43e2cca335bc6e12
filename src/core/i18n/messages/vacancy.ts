import type { Catalog } from '../catalog.js';

export const vacancy: Catalog = {
  'finding.vacancy-school-unknown': {
    ru: 'Школы «{value}» нет в реестре; проверьте код ОО или загрузите актуальный реестр',
    en: 'School "{value}" is not in the registry; check the school code or import the current registry',
  },
  'finding.vacancy-school-ambiguous': {
    ru: 'Наименование «{name}» подходит нескольким школам реестра ({candidates}); укажите код ОО',
    en: 'The name "{name}" fits several schools of the registry ({candidates}); give the school code',
  },
  'finding.vacancy-duplicate-school': {
    ru: 'Школа {school} уже указана в строке {first}; эта строка не учитывается',
    en: 'School {school} is already listed in row {first}; this row is not counted',
  },
  'finding.vacancy-value-invalid': {
    ru: '«{title}»: «{value}» — нужно целое число не меньше 0',
    en: '«{title}»: "{value}" — a whole number of 0 or more is required',
  },
  'finding.vacancy-value-missing': {
    ru: 'Не заполнено: «{title}»',
    en: 'Not filled in: «{title}»',
  },
  'finding.vacancy-exceeds-places': {
    ru: 'Вакантных мест {vacancies} больше, чем планируемых мест ({places})',
    en: '{vacancies} vacant places is more than the {places} planned places',
  },
  'finding.vacancy-places-exceed-classes': {
    ru: 'Планируемых мест {places} больше, чем вмещают {classes} кл. по {max} человек ({limit})',
    en: '{places} planned places is more than {classes} classes of {max} children can take ({limit})',
  },
  'finding.vacancy-classes-missing': {
    ru: 'Классов {classes}, мест {places}: места без первых классов или первые классы без мест',
    en: '{classes} classes, {places} places: places without first classes or first classes without places',
  },
  'finding.vacancy-municipality-mismatch': {
    ru: 'Школа {school} относится к муниципалитету {belongs}, а в ведомости указан «{stated}»',
    en: 'School {school} belongs to municipality {belongs}, but the sheet says "{stated}"',
  },
  'finding.vacancy-territory-exceeds-places': {
    ru: 'Мест для закреплённой территории {territory} больше, чем всего планируемых мест ({places})',
    en: '{territory} places for the assigned territory is more than the {places} planned places in all',
  },
  'finding.vacancy-applications-exceed-places': {
    ru: 'Подано заявлений {applications}, а планируемых мест {places}',
    en: '{applications} applications received for {places} planned places',
  },

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
