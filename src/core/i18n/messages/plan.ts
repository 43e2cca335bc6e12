import type { Catalog } from '../catalog.js';

export const plan: Catalog = {
  'finding.schedule-order-inconsistent': {
    ru: 'Этап {stage} ({executor}): срок «{date}» нарушает порядок этапов — у этапа {other} срок {otherDate}; вероятно, опечатка в годе — должно быть {suggestion}',
    en: 'Stage {stage} ({executor}): deadline {date} breaks the order of the stages — stage {other} is due {otherDate}; probably a mistyped year, should be {suggestion}',
  },
  'finding.schedule-year-suspicious': {
    ru: 'Этап {stage} ({executor}): срок {date} приходится на {year} год, а кампания проходит в {from}–{to} годах; проверьте год',
    en: 'Stage {stage} ({executor}): deadline {date} falls in {year}, but the campaign runs in {from}–{to}; check the year',
  },
  'finding.schedule-date-unparsed': {
    ru: 'Этап {stage} ({executor}): срок «{text}» не удалось прочитать как дату. Пишите, например, «до 16 февраля» или «До 27.12.2019»; если срока нет — «в течение всего периода»',
    en: 'Stage {stage} ({executor}): deadline "{text}" is not a date. Write e.g. «до 16 февраля» or «До 27.12.2019»; when there is no deadline, «в течение всего периода»',
  },
  'finding.schedule-date-invalid': {
    ru: 'Этап {stage} ({executor}): срок «{text}» — такого дня в календаре нет',
    en: 'Stage {stage} ({executor}): deadline "{text}" is not a day of the calendar',
  },
  'finding.plan-header-not-found': {
    ru: 'Не найдена строка заголовков плана: нужны столбцы «№» и «Мероприятие» (или «Этап»), а за ними — столбцы исполнителей либо «Сроки» и «Ответственные»',
    en: 'No plan header found: the table needs columns «№» and «Мероприятие» (or «Этап»), followed by one column per executor or by «Сроки» and «Ответственные»',
  },
  'finding.plan-row-unnumbered': {
    ru: 'Строка без номера этапа пропущена: «{text}»',
    en: 'Row without a stage number skipped: "{text}"',
  },
  'finding.plan-stage-duplicate': {
    ru: 'Этап {stage} встречается повторно (впервые — в строке {first}); эта строка пропущена',
    en: 'Stage {stage} appears again (first in row {first}); this row is skipped',
  },
  'finding.plan-stage-no-executor': {
    ru: 'У этапа {stage} не указан ни один исполнитель; его сроки проверяться не будут',
    en: 'Stage {stage} names no executor; its deadlines will not be checked',
  },
};
