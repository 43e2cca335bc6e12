import type { Catalog } from '../catalog.js';

/** `analyze` and `recommendations load|split|check` (docs/file-formats.md#recommendations): findings, notices, workbook texts, demo steps. */
export const recommendations: Catalog = {
  // ── findings of the analysis ──

  // ── findings of a recommendations file ──

  // ── analyze ──
  'analyze.col-municipality': { ru: 'МО', en: 'Munic.' },
  'analyze.col-school': { ru: 'Школа', en: 'School' },
  'analyze.col-where': { ru: 'Где', en: 'Where' },
  'analyze.col-ordered': { ru: 'С заказом', en: 'Ordered' },
  'analyze.col-cost': { ru: 'На ученика, ₽: Q1 / медиана / Q3', en: 'Per student, ₽: Q1 / median / Q3' },
  'analyze.col-fences': { ru: 'Границы выбросов, ₽', en: 'Outlier fences, ₽' },
  'analyze.too-few': { ru: 'мало школ (нужно {min})', en: 'too few schools (needs {min})' },
  'analyze.row': { ru: 'строка {row}', en: 'row {row}' },
  'analyze.method': {
    ru: 'Выбросы стоимости на одного обучающегося: за границами Q1 − {k}·IQR и Q3 + {k}·IQR по школам муниципалитета со сформированным заказом (квартили с линейной интерполяцией, как QUARTILE.INC в Excel; не меньше {min} школ). Резерв сверх контингента {reserve}%.',
    en: 'Cost-per-student outliers: beyond Q1 − {k}·IQR and Q3 + {k}·IQR over the municipality\'s schools with a formed order (quartiles linearly interpolated, as Excel\'s QUARTILE.INC; at least {min} schools). Reserve over students {reserve}%.',
  },
  'analyze.summary': {
    ru: 'Итого: школ {schools}, со сформированным заказом {ordered}; замечаний {warnings}.',
    en: 'Total: {schools|school|schools}, {ordered} with a formed order; {warnings|finding|findings}.',
  },
  'analyze.no-students': {
    ru: 'В реестре нет численности обучающихся школ: {schools} — сравнение с контингентом и стоимость на ученика для них пропущены.',
    en: 'The registry has no student counts for schools {schools}: the checks against students and the cost per student were skipped for them.',
  },
  'analyze.draft-written': {
    ru: 'Черновик рекомендаций ({rows|строка|строки|строк}) записан: {file}. Отредактируйте его и загрузите: uchebnik recommendations load «{file}»',
    en: 'Draft recommendations ({rows|row|rows}) written to {file}. Edit it, then load it: uchebnik recommendations load "{file}"',
  },

  // ── recommendations ──
  'rec.action-decrease': { ru: 'уменьшить', en: 'decrease' },
  'rec.action-increase': { ru: 'увеличить', en: 'increase' },
  'rec.action-exclude': { ru: 'исключить', en: 'exclude' },
  'rec.action-replace': { ru: 'заменить', en: 'replace' },
  'rec.action-add': { ru: 'добавить', en: 'add' },
  'rec.status-applied': { ru: 'выполнена', en: 'applied' },
  'rec.status-partially-applied': { ru: 'выполнена частично', en: 'partially applied' },
  'rec.status-not-applied': { ru: 'не выполнена', en: 'not applied' },
  'rec.loaded': {
    ru: 'Рекомендации из «{file}» загружены: {recommendations} (строк файла {rows}), школ, которым нужно исправить заказ, — {schools}.',
    en: 'Recommendations from "{file}" loaded: {recommendations} ({rows|row|rows} of the file); {schools|school|schools} must correct their order.',
  },
  'rec.replaced': { ru: 'Прежние рекомендации (из «{file}») заменены новыми.', en: 'The previous recommendations (from "{file}") are replaced by the new ones.' },
  'rec.unchanged': { ru: 'Рекомендации из «{file}» уже загружены — ничего не изменилось.', en: 'The recommendations from "{file}" are already loaded — nothing changed.' },
  'rec.refused': {
    ru: 'Рекомендации не сохранены: в файле ошибок — {errors}. Исправьте их или загрузите только верные строки с --force.',
    en: 'Recommendations not stored: the file has {errors|error|errors}. Fix them, or store only the valid rows with --force.',
  },
  'rec.none-loaded': { ru: 'рекомендации ещё не загружены: uchebnik recommendations load ФАЙЛ', en: 'no recommendations loaded yet: uchebnik recommendations load FILE' },
  'rec.no-orders': {
    ru: 'Ни одна школа ещё не подала заказ: рекомендации будут проверяться по пустым заказам.',
    en: 'No school has submitted an order yet: recommendations will be checked against empty orders.',
  },
  'rec.split-written': {
    ru: 'Записано файлов: {files} (муниципалитетов {municipalities}, школ {schools}) в {dir}',
    en: '{files|file|files} written ({municipalities|municipality|municipalities}, {schools|school|schools}) to {dir}',
  },
  'rec.split-nothing': { ru: 'Рекомендаций нет — файлы не записаны.', en: 'There are no recommendations: no files written.' },
  'rec.check-recorded': { ru: 'Итог проверки записан в рабочую папку.', en: 'The outcome of the check is recorded in the workspace.' },
  'rec.check-summary': {
    ru: 'Итого: рекомендаций {total}; выполнено {applied}, частично {partially_applied}, не выполнено {not_applied}; изменений без рекомендации {unrequested}.',
    en: 'Total: {total|recommendation|recommendations}; {applied} applied, {partially_applied} partially, {not_applied} not applied; {unrequested|change|changes} without a recommendation.',
  },
  'rec.check-nothing': { ru: 'Рекомендаций нет.', en: 'There are no recommendations.' },
  'rec.unrequested-title': { ru: 'Изменения без рекомендации (unrequested-change):', en: 'Changes without a recommendation (unrequested-change):' },
  'rec.col-cell': { ru: 'Ячейка', en: 'Cell' },
  'rec.col-school': { ru: 'Школа', en: 'School' },
  'rec.col-where': { ru: 'Где', en: 'Where' },
  'rec.col-item': { ru: 'Позиция', en: 'Item' },
  'rec.col-grade': { ru: 'Класс', en: 'Grade' },
  'rec.col-action': { ru: 'Рекомендация', en: 'Recommendation' },
  'rec.col-copies': { ru: 'Было → стало, экз.', en: 'Before → now, copies' },
  'rec.col-status': { ru: 'Статус', en: 'Status' },
  'rec.col-municipality': { ru: 'МО', en: 'Munic.' },
  'rec.col-schools': { ru: 'Школ', en: 'Schools' },
  'rec.col-count': { ru: 'Рекомендаций', en: 'Recommendations' },
  'rec.col-file': { ru: 'Файл', en: 'File' },
  'rec.to': { ru: 'до {quantity}', en: 'to {quantity}' },
  'rec.copies': { ru: '{quantity} экз.', en: '{quantity|copy|copies}' },
  'rec.replace-with': { ru: 'на {reference}', en: 'with {reference}' },
  'rec.version': { ru: 'версия {version}', en: 'version {version}' },
  'rec.no-version': { ru: 'нет заказа', en: 'no order' },

  // ── workbook texts ──
  'rec.workbook-title': {
    ru: 'Рекомендации по заказу учебников на {year}/{next} учебный год — {region}',
    en: 'Recommendations on the textbook order for the {year}/{next} school year — {region}',
  },
  'rec.workbook-draft-subtitle': { ru: 'Черновик аналитика (этап 12)', en: 'Analyst\'s draft (stage 12)' },
  'rec.workbook-draft-note': {
    ru: 'Строки предложены анализом заказа. Проверьте, исправьте действие, количество, замену и комментарий, удалите лишние строки и загрузите файл: uchebnik recommendations load. Все замечания анализа — на листе «Анализ».',
    en: 'The rows are suggested by the analysis of the order. Check them, correct the action, quantity, replacement and comment, delete rows you do not want, then load the file: uchebnik recommendations load. Every finding of the analysis is on sheet «Анализ».',
  },
  'rec.workbook-municipality': { ru: 'Муниципалитет {code} {name} — школ с рекомендациями: {schools}', en: 'Municipality {code} {name} — {schools|school|schools} with recommendations' },
  'rec.workbook-municipality-note': {
    ru: 'Для каждой школы: что заказано, что рекомендует Министерство и почему. Передайте школам их рекомендации; исправленные заказы школы подают повторно.',
    en: 'For each school: what was ordered, what the ministry recommends and why. Pass the schools their recommendations; the schools submit corrected orders.',
  },
  'rec.workbook-school': { ru: 'Школа {code} {name} ({municipality})', en: 'School {code} {name} ({municipality})' },
  'rec.workbook-school-note': {
    ru: 'Что заказано, что рекомендует Министерство и почему. Исправьте заказ по рекомендациям и подайте его повторно.',
    en: 'What was ordered, what the ministry recommends and why. Correct the order accordingly and submit it again.',
  },
  'rec.page-footer': { ru: 'Страница &P из &N', en: 'Page &P of &N' },
  'rec.col-code': { ru: 'Код', en: 'Code' },
  'rec.col-message': { ru: 'Замечание', en: 'Finding' },
  'rec.workbook-none': { ru: 'Рекомендаций нет.', en: 'No recommendations.' },
  'rec.workbook-action-title': { ru: 'Действие', en: 'Action' },
  'rec.workbook-action-error': {
    ru: 'Одно из: уменьшить, увеличить, исключить, заменить, добавить.',
    en: 'One of: уменьшить, увеличить, исключить, заменить, добавить (decrease, increase, exclude, replace, add).',
  },

  // ── demo steps ──
  'demo.step-analyze': {
    ru: 'Анализ регионального заказа (этап 12) и черновик рекомендаций',
    en: 'Analysis of the regional order (stage 12) and a draft of recommendations',
  },
  'demo.step-rec-load': { ru: 'Загрузка рекомендаций Министерства (этап 13)', en: 'Loading the ministry\'s recommendations (stage 13)' },
  'demo.step-rec-split': {
    ru: 'Рассылка рекомендаций: по муниципалитетам (этап 14) и по школам (этап 15)',
    en: 'Sending recommendations on: per municipality (stage 14) and per school (stage 15)',
  },
  'demo.step-rec-submit': { ru: 'Школы подают исправленные заказы (этап 16)', en: 'Schools submit corrected orders (stage 16)' },
  'demo.step-rec-agree': { ru: 'Согласование исправленного заказа (этап 17)', en: 'Agreeing a corrected order (stage 17)' },
  'demo.step-rec-form': { ru: '«Сформировать заказ» для исправленного заказа', en: '«Сформировать заказ» for a corrected order' },
  'demo.step-rec-check': {
    ru: 'Проверка выполнения рекомендаций: есть невыполненные (код 1)',
    en: 'Checking that recommendations were applied: some were not (exit 1)',
  },
};
