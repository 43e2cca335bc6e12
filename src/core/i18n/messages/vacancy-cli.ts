import type { Catalog } from '../catalog.js';

/** What the `vacancies` commands and their template say; the findings and report labels are in vacancy.ts. */
export const vacancyCli: Catalog = {
  'vacancies.registry-empty': {
    ru: 'в рабочей папке нет реестра школ; сначала загрузите его: uchebnik registry import ФАЙЛ',
    en: 'the workspace has no school registry; import it first: uchebnik registry import FILE',
  },
  'vacancies.template-written': {
    ru: 'Бланк ведомости вакантных мест ({scope}, школ: {schools}) записан в «{file}».',
    en: 'The vacancy sheet template ({scope}, {schools|school|schools}) is written to "{file}".',
  },
  'vacancies.scope-region': { ru: 'весь регион', en: 'the whole region' },
  'vacancies.report-xlsx-title': { ru: 'Вакантные места в 1-х классах по школам на {date}: {region}', en: 'First-grade vacancies by school as of {date}: {region}' },
  'vacancies.report-col-code': { ru: 'Код ОО', en: 'School code' },
  'vacancies.report-col-school': { ru: 'Наименование ОО', en: 'School' },
  'vacancies.report-col-submitted': { ru: 'Ведомость сдана', en: 'Sheet submitted' },
  'vacancies.report-not-submitted': { ru: 'не сдана', en: 'not submitted' },
  'vacancies.report-approved': { ru: 'утверждено {date}', en: 'approved {date}' },
  'vacancies.report-approved-forced': { ru: 'утверждено {date} принудительно: {reason}', en: 'approved {date}, forced: {reason}' },
  'vacancies.report-xlsx-municipality': { ru: '{municipality} — {approval}', en: '{municipality} — {approval}' },
  'vacancies.report-xlsx-subtotal': { ru: 'Итого по {municipality} (сдали {submitted} из {schools})', en: 'Total of {municipality} ({submitted} of {schools} submitted)' },
  'vacancies.report-xlsx-written': { ru: 'Сводка вакантных мест по школам записана в «{file}».', en: 'The vacancies by school are written to "{file}".' },
  'vacancies.template-sheet': { ru: 'Вакантные места', en: 'Vacancies' },
  'vacancies.template-title': {
    ru: 'Плановое количество мест и вакантные места в 1-х классах на {year}/{next} учебный год',
    en: 'Planned and vacant places in first grade, school year {year}/{next}',
  },
  'vacancies.template-hint': {
    ru: 'Заполните голубые ячейки целыми числами (0 — если первых классов не будет). Мест не больше, чем классов × {max}; вакантных — не больше плановых.',
    en: 'Fill the blue cells with whole numbers (0 when there will be no first class). No more places than classes × {max}; no more vacant places than planned.',
  },
  'vacancies.template-optional': {
    ru: 'Места для закреплённой территории и число заявлений — если известны.',
    en: 'Places for the assigned territory and applications — when known.',
  },
  'vacancies.template-required': { ru: 'Обязательно заполнить также {columns}.', en: 'Also required: {columns}.' },
  'vacancies.template-invalid-title': { ru: 'Нужно целое число', en: 'A whole number is required' },
  'vacancies.template-invalid': { ru: 'Введите целое число не меньше 0.', en: 'Enter a whole number of 0 or more.' },

  'vacancies.municipality-unrecognised': {
    ru: 'В «{file}» указан муниципалитет «{value}», которого нет в реестре; школы проверены по столбцу муниципалитета или без него (укажите --municipality КОД).',
    en: '"{file}" names the municipality "{value}", which is not in the registry; the schools are checked by the municipality column or without one (give --municipality CODE).',
  },
  'vacancies.annotated': { ru: 'Копия с замечаниями: {file}', en: 'Annotated copy: {file}' },

  'vacancies.stored': { ru: 'Принято школ: {count} ({schools}).', en: 'Accepted: {count|school|schools} ({schools}).' },
  'vacancies.stored-forced': {
    ru: 'Приняты несмотря на ошибки (--force): {schools}.',
    en: 'Accepted despite errors (--force): {schools}.',
  },
  'vacancies.unchanged': {
    ru: 'Без изменений (уже приняты с теми же цифрами): {count} ({schools}).',
    en: 'Unchanged (already accepted with the same figures): {count} ({schools}).',
  },
  'vacancies.refused': {
    ru: 'Не приняты из-за ошибок: {count} ({schools}; в скобках — число ошибок). Исправьте ведомость и сдайте снова или примите с --force.',
    en: 'Not accepted because of errors: {count} ({schools}; errors in brackets). Correct the sheet and submit again, or accept with --force.',
  },
  'vacancies.nothing-to-submit': {
    ru: 'В ведомостях нет ни одной строки школы, которую можно принять.',
    en: 'The sheets have no school line that could be accepted.',
  },
  'vacancies.approval-withdrawn': {
    ru: 'Утверждение муниципалитета {municipality} от {date} снято: данные его школ изменились. Утвердите снова: uchebnik vacancies approve --municipality {municipality}',
    en: 'The approval of municipality {municipality} of {date} is withdrawn: its schools’ figures changed. Approve again: uchebnik vacancies approve --municipality {municipality}',
  },

  'vacancies.force-needs-reason': {
    ru: 'с --force нужна причина: --reason «…» (она записывается в журнал)',
    en: '--force needs a reason: --reason "…" (it is journaled)',
  },
  'vacancies.approved': { ru: 'Вакантные места муниципалитета {municipality} утверждены {date}.', en: 'The vacancies of municipality {municipality} are approved at {date}.' },
  'vacancies.approved-forced': {
    ru: 'Вакантные места муниципалитета {municipality} утверждены {date} принудительно, хотя {overridden}. Причина: {reason}.',
    en: 'The vacancies of municipality {municipality} are approved at {date} by force, although {overridden}. Reason: {reason}.',
  },
  'vacancies.already-approved': {
    ru: 'Муниципалитет {municipality} уже утверждён {date}; ничего не изменилось.',
    en: 'Municipality {municipality} was already approved at {date}; nothing changed.',
  },
  'vacancies.missing-schools': { ru: '{municipality}: не сдали {schools}', en: '{municipality}: missing {schools}' },

  'demo.step-vacancies-template': {
    ru: 'Приём в 1 класс: бланк ведомости вакантных мест для школ муниципалитета 01',
    en: 'First-grade admission: the vacancy sheet template for the schools of municipality 01',
  },
  'demo.step-vacancies-validate-01': {
    ru: 'Проверка заполненной ведомости муниципалитета 01 (xlsx, двухстрочный заголовок, строка «Итого»)',
    en: 'Checking municipality 01’s filled sheet (xlsx, two-row header, a totals row)',
  },
  'demo.step-vacancies-validate-02': {
    ru: 'Проверка ведомости муниципалитета 02 (CSV в Windows-1251, столбцы в другом порядке, две ошибки) — код 1, копия с замечаниями',
    en: 'Checking municipality 02’s sheet (Windows-1251 CSV, columns in another order, two mistakes) — exit 1, annotated copy',
  },
  'demo.step-vacancies-validate-03': {
    ru: 'Проверка бланков школ муниципалитета 03 (ячейки с подписями «Количество 1-х классов: 3»)',
    en: 'Checking the single-school forms of municipality 03 (labelled cells such as «Количество 1-х классов: 3»)',
  },
  'demo.step-vacancies-submit': { ru: 'Приём проверенных ведомостей 01 и 03', en: 'Submitting the checked sheets of 01 and 03' },
  'demo.step-vacancies-approve-01': { ru: 'Утверждение вакантных мест муниципалитета 01 (этап 8)', en: 'Approving municipality 01’s vacancies (stage 8)' },
  'demo.step-vacancies-approve-02': {
    ru: 'Попытка утвердить муниципалитет 02: отказ, школы не сдали ведомости (код 1)',
    en: 'Trying to approve municipality 02: refused, its schools have not submitted (exit 1)',
  },
  'demo.step-vacancies-report': { ru: 'Сводка вакантных мест по региону', en: 'Region summary of vacancies' },
};
