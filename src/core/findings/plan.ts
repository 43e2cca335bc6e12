/**
 * The campaign plan and its deadlines: src/features/plan/.
 */
import type { FindingSpecs } from './spec.js';

export const plan = {
  'schedule-order-inconsistent': {
    severity: 'error',
    title: { ru: 'Сроки этапов не по порядку', en: 'Stage deadlines out of order' },
    message: {
      ru: 'Этап {stage} ({executor}): срок «{date}» нарушает порядок этапов — у этапа {other} срок {otherDate}; вероятно, опечатка в годе — должно быть {suggestion}',
      en: 'Stage {stage} ({executor}): deadline {date} breaks the order of the stages — stage {other} is due {otherDate}; probably a mistyped year, should be {suggestion}',
    },
  },
  'schedule-year-suspicious': {
    severity: 'warning',
    title: { ru: 'Подозрительный год срока', en: 'Suspicious deadline year' },
    message: {
      ru: 'Этап {stage} ({executor}): срок {date} приходится на {year} год, а кампания проходит в {from}–{to} годах; проверьте год',
      en: 'Stage {stage} ({executor}): deadline {date} falls in {year}, but the campaign runs in {from}–{to}; check the year',
    },
  },
  'schedule-date-unparsed': {
    severity: 'error',
    title: { ru: 'Срок не прочитан', en: 'Deadline not read' },
    message: {
      ru: 'Этап {stage} ({executor}): срок «{text}» не удалось прочитать как дату. Пишите, например, «до 16 февраля» или «До 27.12.2019»; если срока нет — «в течение всего периода»',
      en: 'Stage {stage} ({executor}): deadline "{text}" is not a date. Write e.g. «до 16 февраля» or «До 27.12.2019»; when there is no deadline, «в течение всего периода»',
    },
  },
  'schedule-date-invalid': {
    severity: 'error',
    title: { ru: 'Несуществующая дата', en: 'No such date' },
    message: {
      ru: 'Этап {stage} ({executor}): срок «{text}» — такого дня в календаре нет',
      en: 'Stage {stage} ({executor}): deadline "{text}" is not a day of the calendar',
    },
  },
  'plan-header-not-found': {
    severity: 'error',
    title: { ru: 'Не найден заголовок плана', en: 'Plan header not found' },
    message: {
      ru: 'Не найдена строка заголовков плана: нужны столбцы «№» и «Мероприятие» (или «Этап»), а за ними — столбцы исполнителей либо «Сроки» и «Ответственные»',
      en: 'No plan header found: the table needs columns «№» and «Мероприятие» (or «Этап»), followed by one column per executor or by «Сроки» and «Ответственные»',
    },
  },
  'plan-row-unnumbered': {
    severity: 'warning',
    title: { ru: 'Строка без номера этапа', en: 'Row without a stage number' },
    message: {
      ru: 'Строка без номера этапа пропущена: «{text}»',
      en: 'Row without a stage number skipped: "{text}"',
    },
  },
  'plan-stage-duplicate': {
    severity: 'error',
    title: { ru: 'Этап повторяется', en: 'Stage repeated' },
    message: {
      ru: 'Этап {stage} встречается повторно (впервые — в строке {first}); эта строка пропущена',
      en: 'Stage {stage} appears again (first in row {first}); this row is skipped',
    },
  },
  'plan-stage-no-executor': {
    severity: 'warning',
    title: { ru: 'Этап без исполнителя', en: 'Stage without an executor' },
    message: {
      ru: 'У этапа {stage} не указан ни один исполнитель; его сроки проверяться не будут',
      en: 'Stage {stage} names no executor; its deadlines will not be checked',
    },
  },
} satisfies FindingSpecs;
