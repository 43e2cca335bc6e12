import type { Catalog } from '../catalog.js';

/** `init --template`, `plan show|import`, `deadlines lint|done|check`. */
export const deadlines: Catalog = {
  'plan.none': {
    ru: 'в рабочей папке нет плана кампании. Создайте папку с планом (uchebnik init … --template textbooks) или загрузите план: uchebnik plan import ФАЙЛ',
    en: 'the workspace has no campaign plan. Create it with one (uchebnik init … --template textbooks) or load one: uchebnik plan import FILE',
  },
  'plan.unknown': { ru: 'плана «{id}» в рабочей папке нет. Есть: {known}.', en: 'no plan "{id}" in the workspace. Known: {known}.' },
  'plan.template-added': {
    ru: 'План «{id}»: {title} — этапов {stages}, сроки с {from} по {to}.',
    en: 'Plan "{id}": {title} — {stages|stage|stages}, deadlines from {from} to {to}.',
  },
  'plan.first-grade-year': {
    ru: 'Приём в 1 класс на {year}/{next} учебный год: подготовка начинается в {start} году.',
    en: 'First-grade admission for the {year}/{next} school year: preparation starts in {start}.',
  },
  'plan.imported': {
    ru: 'План «{id}» из «{file}»: этапов {stages}, из них по данным рабочей папки отмечаются {data}.',
    en: 'Plan "{id}" from "{file}": {stages|stage|stages}, {data} of them completed from the workspace data.',
  },
  'plan.replaced': { ru: 'Прежний план «{id}» заменён.', en: 'The previous plan "{id}" was replaced.' },
  'plan.unchanged': { ru: 'План «{id}» из «{file}» уже загружен, ничего не изменилось.', en: 'Plan "{id}" from "{file}" is already loaded; nothing changed.' },
  'plan.header-not-found': {
    ru: 'в файле «{file}» не найдена таблица плана: нужны столбцы «№» и «Мероприятия» (или «Этап»), а за ними — столбцы исполнителей или «Сроки» и «Ответственные»',
    en: 'no plan table found in "{file}": it needs columns «№» and «Мероприятия» (or «Этап»), followed by one column per executor or by «Сроки» and «Ответственные»',
  },
  'plan.col-number': { ru: '№', en: 'No.' },
  'plan.col-text': { ru: 'Мероприятия', en: 'Stage' },
  'plan.col-deadline': { ru: 'Сроки', en: 'Deadline' },
  'plan.col-responsible': { ru: 'Ответственные', en: 'Responsible' },
  'plan.timezone': {
    ru: 'Срок — до конца указанного дня по часовому поясу {tz}.',
    en: 'A deadline ends at the end of its day in the {tz} time zone.',
  },
  'plan.data-note': {
    ru: '* выполнение этапа видно по данным рабочей папки; остальные этапы отмечаются командой uchebnik deadlines done.',
    en: '* the stage is completed from the workspace data; other stages are marked with uchebnik deadlines done.',
  },

  'deadlines.as-of-bad': {
    ru: 'неверное значение --as-of: «{value}». Укажите дату (2018-03-01 или 01.03.2018) или дату и время (2018-02-16T23:30 по часовому поясу кампании, 2018-02-16T20:30:00Z)',
    en: 'bad value for --as-of: "{value}". Give a date (2018-03-01 or 01.03.2018) or a date and time (2018-02-16T23:30 in the campaign zone, 2018-02-16T20:30:00Z)',
  },
  'deadlines.at-bad': {
    ru: 'неверное значение --at: «{value}». Укажите дату (2018-02-15 или 15.02.2018) или дату и время',
    en: 'bad value for --at: "{value}". Give a date (2018-02-15 or 15.02.2018) or a date and time',
  },
  'deadlines.within-bad': {
    ru: 'неверное значение --within: «{value}». Примеры: 3d (3 дня), 12h (12 часов), 1w (неделя)',
    en: 'bad value for --within: "{value}". Examples: 3d (3 days), 12h (12 hours), 1w (a week)',
  },
  'deadlines.executor-unknown': {
    ru: 'исполнителя «{value}» в плане нет. Есть: {known} (или роль: schools, municipality, regional-centre, ministry, school-heads, other).',
    en: 'no executor "{value}" in the plan. Known: {known} (or a role: schools, municipality, regional-centre, ministry, school-heads, other).',
  },
  'deadlines.stage-unknown': {
    ru: 'этапа «{stage}» в плане «{plan}» нет; этапы: {known}.',
    en: 'no stage "{stage}" in plan "{plan}"; its stages: {known}.',
  },
  'deadlines.plan-choose': {
    ru: 'в рабочей папке несколько планов ({known}); укажите, какой: --plan',
    en: 'the workspace has several plans ({known}); say which with --plan',
  },
  'deadlines.entity-unknown': {
    ru: '«{code}» — в реестре нет ни школы, ни муниципалитета с таким кодом',
    en: '"{code}" is neither a school nor a municipality code of the registry',
  },
  'deadlines.entity-not-applicable': {
    ru: 'этап {stage} выполняют {executors} один раз за регион: отметка по «{code}» к нему не относится; отметьте этап целиком, без --entity',
    en: 'stage {stage} is done once for the region by {executors}: a mark for "{code}" does not apply; mark the whole stage, without --entity',
  },
  'deadlines.entity-wrong-scope': {
    ru: 'этап {stage} выполняет каждый муниципалитет ({executors}), а «{code}» — школа; укажите код муниципалитета',
    en: 'stage {stage} is done by each municipality ({executors}), and "{code}" is a school; give a municipality code',
  },
  'deadlines.whole-stage': { ru: 'весь этап', en: 'the whole stage' },
  'deadlines.marked': {
    ru: 'Этап {stage} плана «{plan}» отмечен выполненным ({executor}): {what}.',
    en: 'Stage {stage} of plan "{plan}" marked done ({executor}): {what}.',
  },
  'deadlines.mark-unchanged': {
    ru: 'Этап {stage} плана «{plan}» уже отмечен ({executor}): {what}; ничего не изменилось.',
    en: 'Stage {stage} of plan "{plan}" is already marked ({executor}): {what}; nothing changed.',
  },
  'deadlines.unmarked': {
    ru: 'Снята отметка о выполнении этапа {stage} плана «{plan}» ({executor}): {what}.',
    en: 'Removed the mark of stage {stage} of plan "{plan}" ({executor}): {what}.',
  },
  'deadlines.unmark-none': {
    ru: 'Отметки о выполнении этапа {stage} плана «{plan}» ({executor}) для: {what} — нет; ничего не изменилось.',
    en: 'Stage {stage} of plan "{plan}" ({executor}) has no mark for: {what}; nothing changed.',
  },
  'deadlines.all-executors': { ru: 'все исполнители', en: 'every executor' },
  'deadlines.data-stage': {
    ru: 'Этап {stage} отмечается и по данным рабочей папки; ручная отметка засчитывается вместе с ними.',
    en: 'Stage {stage} is also completed from the workspace data; the mark counts together with it.',
  },
  'deadlines.no-registry': {
    ru: 'Реестр пуст: этапы, которые выполняет каждая школа или каждый муниципалитет, считаются невыполненными, пока не загружен реестр (uchebnik registry import) или этап не отмечен целиком.',
    en: 'The registry is empty: stages done by each school or municipality count as not done until the registry is loaded (uchebnik registry import) or the whole stage is marked.',
  },

  'deadlines.header': { ru: 'Сроки на {as_of} ({tz})', en: 'Deadlines as of {as_of} ({tz})' },
  'deadlines.plan': { ru: 'План «{id}»: {title}', en: 'Plan "{id}": {title}' },
  'deadlines.overdue': { ru: 'Просрочено', en: 'Overdue' },
  'deadlines.due-soon': { ru: 'Скоро срок ({within} и меньше)', en: 'Due soon ({within} or less)' },
  'deadlines.item-overdue': {
    ru: 'этап {stage}, срок {deadline}, просрочено {days}',
    en: 'stage {stage}, due {deadline}, overdue by {days}',
  },
  'deadlines.item-due': { ru: 'этап {stage}, срок {deadline}, осталось {days}', en: 'stage {stage}, due {deadline}, {days} left' },
  'deadlines.item-due-today': { ru: 'этап {stage}, срок сегодня, {deadline}', en: 'stage {stage}, due today, {deadline}' },
  // «из 21 школы», «из 212 школ»: after «из N» the noun is genitive, singular only when N ends in 1 (not 11).
  'deadlines.pending-school': { ru: '{what}: {count} из {total|школы|школ|школ}', en: '{what}: {count} of {total|school|schools}' },
  'deadlines.pending-municipality': {
    ru: '{what}: {count} из {total|муниципалитета|муниципалитетов|муниципалитетов}',
    en: '{what}: {count} of {total|municipality|municipalities}',
  },
  'deadlines.and-more': { ru: 'и ещё {n}', en: 'and {n} more' },
  'deadlines.nothing-overdue': { ru: 'Просроченных этапов нет.', en: 'Nothing is overdue.' },
  'deadlines.summary': {
    ru: 'Итого: просрочено {overdue}, скоро срок {soon}.',
    en: 'Total: {overdue} overdue, {soon} due soon.',
  },
  'deadlines.what.orders-submitted': { ru: 'заказ не подан', en: 'order not submitted' },
  'deadlines.what.orders-agreed': { ru: 'заказ не согласован', en: 'order not agreed' },
  'deadlines.what.orders-formed': { ru: 'заказ не сформирован', en: 'order not formed' },
  'deadlines.what.orders-submitted-2': { ru: 'исправленный заказ не подан', en: 'corrected order not submitted' },
  'deadlines.what.orders-agreed-2': { ru: 'исправленный заказ не согласован', en: 'corrected order not agreed' },
  'deadlines.what.orders-formed-2': { ru: 'исправленный заказ не сформирован', en: 'corrected order not formed' },
  'deadlines.what.consolidation': { ru: 'сводный заказ не сформирован', en: 'consolidated order not built' },
  'deadlines.what.recommendations': { ru: 'рекомендации не разосланы', en: 'recommendations not sent on' },
  'deadlines.what.vacancies-submitted': { ru: 'вакансии не внесены', en: 'vacancies not submitted' },
  'deadlines.what.vacancies-approved': { ru: 'вакансии не утверждены', en: 'vacancies not approved' },
  'deadlines.what.manual': { ru: 'выполнение не отмечено', en: 'not marked done' },
  'deadlines.days': { ru: '{n|день|дня|дней}', en: '{n|day|days}' },

  'demo.step-deadlines-done': {
    ru: 'Этап без данных в рабочей папке (соглашения с ОО) отмечается выполненным вручную',
    en: 'A stage with no data in the workspace (agreements with schools) is marked done by hand',
  },
  'demo.step-deadlines-lint': {
    ru: 'Проверка плана кампании: годы и порядок сроков',
    en: 'The campaign plan is checked: years and order of the deadlines',
  },
  'demo.step-deadlines-check': {
    ru: 'Ночная проверка сроков на 1 марта 2018 года: что просрочено и у кого',
    en: 'The nightly deadline check as of 1 March 2018: what is overdue, and whose',
  },
};
