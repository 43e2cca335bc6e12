import type { Catalog } from '../catalog.js';

/** Operator lists, municipal staff and parents' meetings (plan 003, stages 3–6). */
export const operators: Catalog = {
  'operators.template-sheet': { ru: 'Операторы', en: 'Operators' },
  'operators.template-sheet-staff': { ru: 'Ответственные', en: 'Responsible staff' },
  'operators.template-title': {
    ru: 'Список главных операторов и операторов ОО для приёма в 1-й класс на {year}/{next} учебный год',
    en: 'Chief operators and operators of the schools for first-grade admission, school year {year}/{next}',
  },
  'operators.template-title-staff': {
    ru: 'Сотрудники МООУСО, ответственные за модуль «Зачисление в ООО», {year}/{next} учебный год',
    en: 'Municipal staff responsible for the enrolment module, school year {year}/{next}',
  },
  'operators.template-hint': {
    ru: 'Строка на человека. Главный оператор — не ниже заместителя директора. Телефон с кодом города, e-mail обязателен. Можно вставлять строки.',
    en: 'A row per person. The chief operator is deputy director or above. Phone with the area code, e-mail required. Rows may be inserted.',
  },
  'operators.template-role-title': { ru: 'Роль', en: 'Role' },
  'operators.template-role': { ru: 'Выберите «Главный оператор» или «Оператор»', en: 'Choose «Главный оператор» or «Оператор»' },
  'operators.template-written': {
    ru: 'Бланк записан: {file} (муниципалитет {municipality}, единиц в списке: {units})',
    en: 'Template written: {file} (municipality {municipality}, units listed: {units})',
  },
  'operators.submit-stored': {
    ru: 'Муниципалитет {municipality}: принята версия {version} списка',
    en: 'Municipality {municipality}: version {version} of the list stored',
  },
  'operators.submit-unchanged': {
    ru: 'Муниципалитет {municipality}: список не изменился (версия {version})',
    en: 'Municipality {municipality}: the list has not changed (version {version})',
  },
  'operators.submit-refused': {
    ru: 'Муниципалитет {municipality}: не принято — ошибок {errors}; исправьте или --force --reason',
    en: 'Municipality {municipality}: refused — {errors|error|errors}; correct them or use --force --reason',
  },
  'operators.refused-no-chief': {
    ru: 'нет главного оператора: {units}',
    en: 'no chief operator: {units}',
  },
  'operators.nothing-submitted': {
    ru: 'Муниципалитет {municipality} ещё не сдал список (operators submit)',
    en: 'Municipality {municipality} has not submitted a list yet (operators submit)',
  },
  'operators.nothing-approved': {
    ru: 'У муниципалитета {municipality} нет утверждённого списка (operators approve)',
    en: 'Municipality {municipality} has no approved list (operators approve)',
  },
  'operators.version-unknown': {
    ru: 'Версии {version} нет; есть: {versions}',
    en: 'There is no version {version}; there are: {versions}',
  },
  'operators.approved': {
    ru: 'Муниципалитет {municipality}: версия {version} утверждена {date}',
    en: 'Municipality {municipality}: version {version} approved {date}',
  },
  'operators.already-approved': {
    ru: 'Муниципалитет {municipality}: версия {version} уже утверждена {date}',
    en: 'Municipality {municipality}: version {version} was already approved {date}',
  },
  'operators.changes-written': {
    ru: 'Заявка записана: {file} (добавлено {added}, удалено {removed}, изменено {changed})',
    en: 'Application written: {file} ({added} added, {removed} removed, {changed} changed)',
  },
  'operators.changes-head': {
    ru: 'Муниципалитет {municipality}: версия {to} против {from} — добавлено {added}, удалено {removed}, изменено {changed}',
    en: 'Municipality {municipality}: version {to} against {from} — {added} added, {removed} removed, {changed} changed',
  },
  'operators.changes-sheet': { ru: 'Заявка', en: 'Application' },
  'operators.changes-title': {
    ru: 'Заявка об изменении списка операторов АИС «Е-услуги. Образование» ({year}/{next} учебный год)',
    en: 'Application for changes in the operator list of the enrolment system (school year {year}/{next})',
  },
  'operators.changes-title-staff': {
    ru: 'Заявка об изменении состава ответственных сотрудников МООУСО ({year}/{next} учебный год)',
    en: 'Application for changes in the municipality’s responsible staff (school year {year}/{next})',
  },
  'operators.changes-subtitle': {
    ru: 'Муниципалитет: {municipality}. Утверждённая версия {to} в сравнении с версией {from}: добавлено {added}, удалено {removed}, изменено {changed}.',
    en: 'Municipality: {municipality}. Approved version {to} compared with version {from}: {added} added, {removed} removed, {changed} changed.',
  },
  'operators.changes-signature': { ru: 'Руководитель МООУСО ____________________ / ____________________', en: 'Head of the municipal education body ____________________ / ____________________' },
  'operators.no-changes': { ru: 'Изменений нет', en: 'No changes' },
  'operators.col-unit': { ru: 'Код', en: 'Code' },
  'operators.col-unit-name': { ru: 'Наименование', en: 'Name' },
  'operators.col-change': { ru: 'Изменение', en: 'Change' },
  'operators.col-name': { ru: 'ФИО', en: 'Full name' },
  'operators.col-position': { ru: 'Должность', en: 'Position' },
  'operators.col-role': { ru: 'Роль', en: 'Role' },
  'operators.col-email': { ru: 'E-mail', en: 'E-mail' },
  'operators.col-phone': { ru: 'Телефон', en: 'Phone' },
  'operators.col-details': { ru: 'Что изменилось', en: 'What changed' },
  'operators.added': { ru: 'добавить', en: 'add' },
  'operators.removed': { ru: 'удалить', en: 'remove' },
  'operators.changed': { ru: 'изменить', en: 'change' },
  'operators.details-added': { ru: 'новая учётная запись', en: 'new account' },
  'operators.details-removed': { ru: 'заблокировать учётную запись', en: 'block the account' },
  'operators.role-chief': { ru: 'главный оператор', en: 'chief operator' },
  'operators.role-operator': { ru: 'оператор', en: 'operator' },
  'operators.field-position': { ru: 'должность', en: 'position' },
  'operators.field-role': { ru: 'роль', en: 'role' },
  'operators.field-email': { ru: 'e-mail', en: 'e-mail' },
  'operators.field-phone': { ru: 'телефон', en: 'phone' },
  'meetings.template-sheet': { ru: 'Собрания', en: 'Meetings' },
  'meetings.template-title': {
    ru: 'Родительские собрания будущих первоклассников ({year}/{next} учебный год)',
    en: 'Meetings with the parents of future first-graders (school year {year}/{next})',
  },
  'meetings.template-hint': {
    ru: 'Строка на собрание. Отметьте «да» каждую обязательную тему; номер протокола обязателен.',
    en: 'A row per meeting. Tick «да» for each required topic; the protocol number is required.',
  },
  'meetings.template-written': { ru: 'Бланк записан: {file} (муниципалитет {municipality})', en: 'Template written: {file} (municipality {municipality})' },
  'meetings.stored': { ru: 'Принято собраний: {count}', en: 'Meetings stored: {count}' },
  'demo.step-info-published': {
    ru: 'Первый класс, этап 2: информация для родителей опубликована на сайтах МООУСО 01 и 03 (отмечается вручную)',
    en: 'First grade, stage 2: the information for parents is published on the sites of municipalities 01 and 03 (marked by hand)',
  },
  'demo.step-meetings-template': { ru: 'Этап 3: таблица родительских собраний для ДОО муниципалитета 02', en: 'Stage 3: the table of parents’ meetings for municipality 02’s preschools' },
  'demo.step-meetings-validate': {
    ru: 'Проверка собраний трёх муниципалитетов: в 02 не отмечена тема ЕСИА и одно собрание после срока',
    en: 'Checking the meetings of the three municipalities: in 02 the ЕСИА topic is not ticked and one meeting is late',
  },
  'demo.step-meetings-submit': { ru: 'Приём собраний без замечаний (два из 02 не принимаются)', en: 'Storing the meetings without findings (two of 02 are not stored)' },
  'demo.step-staff-submit': { ru: 'Этап 4: ответственные сотрудники МООУСО трёх муниципалитетов', en: 'Stage 4: the responsible municipal staff of the three municipalities' },
  'demo.step-staff-approve': { ru: 'Утверждение ответственных сотрудников муниципалитета', en: 'Approving a municipality’s responsible staff' },
  'demo.step-operators-template': { ru: 'Этап 5: бланк списка операторов для школ муниципалитета 02', en: 'Stage 5: the operator list form for municipality 02’s schools' },
  'demo.step-operators-validate': {
    ru: 'Проверка списков операторов: в 02 по одной ошибке каждого вида',
    en: 'Checking the operator lists: 02 has one mistake of each kind',
  },
  'demo.step-operators-submit': { ru: 'Приём списков: 01 и 03 приняты, 02 возвращён на исправление', en: 'Storing the lists: 01 and 03 stored, 02 sent back for correction' },
  'demo.step-operators-approve': { ru: 'Утверждение списка операторов муниципалитета', en: 'Approving a municipality’s operator list' },
  'demo.step-operators-changes': { ru: 'Этап 6: первая заявка в РЦОКО — все операторы 01 новые', en: 'Stage 6: the first application to the regional centre — every operator of 01 is new' },
  'demo.step-operators-resubmit': { ru: 'Месяц спустя: новая версия списка 01', en: 'A month later: a new version of 01’s list' },
  'demo.step-operators-changes-v2': { ru: 'Заявка об изменениях: кто добавлен, удалён, изменён в 01', en: 'The application of changes: who is added, removed, changed in 01' },
};
