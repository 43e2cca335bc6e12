import type { Catalog } from '../catalog.js';

/** `status` (the campaign at a glance), `order return`, `journal show`, `deadlines set`, `deadlines remind` (issue 18). */
export const status: Catalog = {
  'status.header': { ru: 'Кампания {year}: {region} — состояние на {as_of}', en: 'Campaign {year}: {region} — as of {as_of}' },
  'status.orders': { ru: 'Заказы школ', en: 'School orders' },
  'status.state-none': { ru: 'нет заказа', en: 'no order' },
  'status.state-draft': { ru: 'черновик', en: 'draft' },
  'status.state-returned': { ru: 'возвращён', en: 'returned' },
  'status.state-agreed': { ru: 'согласован', en: 'agreed' },
  'status.state-formed': { ru: 'сформирован', en: 'formed' },
  'status.total': { ru: 'Всего', en: 'Total' },
  'status.deadlines': { ru: 'Сроки: просрочено {overdue}, скоро срок {soon}', en: 'Deadlines: {overdue} overdue, {soon} due soon' },
  'status.item-overdue': { ru: 'этап {stage}, срок {deadline}, просрочен — {executor}', en: 'stage {stage}, due {deadline}, overdue — {executor}' },
  'status.item-due': { ru: 'этап {stage}, срок {deadline} — {executor}', en: 'stage {stage}, due {deadline} — {executor}' },
  'status.item-entities': { ru: 'не выполнили {count} из {total}', en: '{count} of {total} have not done it' },
  'status.publishers': { ru: 'Издательства: сформированные заказы', en: 'Publishers: formed orders' },
  'status.recommendations': { ru: 'Рекомендации Министерства', en: 'The ministry’s recommendations' },
  'status.rec-none': { ru: 'ещё не загружены', en: 'not loaded yet' },
  'status.rec-summary': {
    ru: 'выполнены {applied}, частично {partially_applied}, не выполнены {not_applied}; изменений без рекомендации {unrequested}',
    en: '{applied} applied, {partially_applied} partially, {not_applied} not applied; {unrequested} changes without a recommendation',
  },
  'status.html-written': { ru: 'Страница состояния записана: {file}', en: 'Status page written: {file}' },
  'order.state-returned': { ru: 'возвращён', en: 'returned' },
  'order.returned': {
    ru: 'Версия {version} заказа школы {school} возвращена на доработку: {reason}',
    en: 'Version {version} of the order of school {school} returned for correction: {reason}',
  },
  'order.return-unchanged': {
    ru: 'Версия {version} заказа школы {school} уже возвращена с этой причиной; ничего не изменено',
    en: 'Version {version} of the order of school {school} is already returned with this reason; nothing changed',
  },
  'order.return-formed': {
    ru: 'Версия {version} заказа школы {school} уже сформирована и вошла в свод; вернуть её нельзя — школа подаёт исправленную версию (order submit)',
    en: 'Version {version} of the order of school {school} is already formed and consolidated; it cannot be returned — the school submits a corrected version (order submit)',
  },
  'order.returned-needs-submit': {
    ru: 'Версия {version} заказа школы {school} возвращена на доработку: школа подаёт новую версию (order submit)',
    en: 'Version {version} of the order of school {school} was returned for correction: the school submits a new version (order submit)',
  },
  'order.return-reason-empty': { ru: 'укажите причину возврата: --reason "что исправить"', en: 'give the reason for the return: --reason "what to correct"' },
  'order.col-reason': { ru: 'Причина возврата', en: 'Reason returned' },
  'journal.since-bad': { ru: 'не понимаю --since «{value}»: нужна дата (2018-02-20, 20.02.2018) или дата и время', en: 'cannot read --since "{value}": give a date (2018-02-20, 20.02.2018) or a date and time' },
  'journal.none': { ru: 'Записей нет.', en: 'No entries.' },
  'journal.damaged': { ru: 'Строк журнала, которые не читаются: {count} (подробности: uchebnik doctor)', en: 'Unreadable journal lines: {count} (details: uchebnik doctor)' },
  'journal.chain-broken': {
    ru: 'Журнал изменён вручную: строка {line} не продолжает строку {previous} (строка {previous} изменена, после неё удалены строки или вставлена строка {line})',
    en: 'The journal was edited by hand: line {line} does not follow line {previous} (line {previous} changed, lines after it removed, or line {line} inserted)',
  },
  'journal.col-line': { ru: 'Строка', en: 'Line' },
  'journal.col-time': { ru: 'Время', en: 'Time' },
  'journal.col-user': { ru: 'Пользователь', en: 'User' },
  'journal.col-command': { ru: 'Команда', en: 'Command' },
  'journal.col-what': { ru: 'Что', en: 'What' },
  'deadlines.set-date-bad': { ru: 'не понимаю дату «{value}»: нужна 2019-01-20 или 20.01.2019', en: 'cannot read the date "{value}": give 2019-01-20 or 20.01.2019' },
  'deadlines.set-reason-empty': { ru: 'укажите причину: --reason "почему срок меняется"', en: 'give the reason: --reason "why the deadline changes"' },
  'deadlines.set-done': {
    ru: 'План «{plan}», этап {stage} ({executor}): срок {old} → {new}',
    en: 'Plan "{plan}", stage {stage} ({executor}): deadline {old} → {new}',
  },
  'deadlines.remind-written': { ru: 'Писем-напоминаний: {count}, в папке {dir} (список: index.csv). Ничего не отправлено.', en: '{count} reminder letters in {dir} (list: index.csv). Nothing was sent.' },
  'deadlines.remind-no-address': {
    ru: 'Без адреса: {count} — в реестре нет электронной почты (uchebnik registry requisites); впишите адрес в письмо сами',
    en: '{count} without an address — the registry has no e-mail (uchebnik registry requisites); fill in the address yourself',
  },
};
