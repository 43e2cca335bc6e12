import type { Catalog } from '../catalog.js';

/** What the order commands say (findings and lifecycle messages are in order.ts). */
export const orderCli: Catalog = {
  'order.no-catalogue': {
    ru: 'Прайс-листы не загружены: любая позиция заказа будет «неизвестной». Сначала uchebnik pricelist load.',
    en: 'No price lists loaded: every order line will be "unknown". Run uchebnik pricelist load first.',
  },
  'order.no-catalogue-template': { ru: 'нет загруженных прайс-листов — бланку не из чего строиться (uchebnik pricelist load)', en: 'no price lists loaded — nothing to build the form from (uchebnik pricelist load)' },
  'order.annotated': { ru: 'Копия с замечаниями: {out}', en: 'Annotated copy: {out}' },
  'order.annotate-failed': { ru: 'Копия с замечаниями для «{file}» не записана: {reason}', en: 'No annotated copy of "{file}": {reason}' },
  'order.students-skipped': {
    ru: '«{file}»: в реестре нет численности обучающихся этой школы — проверка на превышение контингента пропущена.',
    en: '"{file}": the registry has no student counts for this school — the check against students was skipped.',
  },
  'order.submit-no-school': { ru: '«{file}» не сохранён: школа не определена или её нет в реестре.', en: '"{file}" not stored: the school is unknown or not in the registry.' },
  'order.school-or-municipality': { ru: 'укажите ровно одно: --school, --municipality или --all', en: 'give exactly one of --school, --municipality or --all' },
  'order.region-done': { ru: 'Регион: обработано школ — {count}.', en: 'Region: {count|school|schools} done.' },
  'order.school-unknown': { ru: 'школы «{school}» нет в реестре', en: 'school "{school}" is not in the registry' },
  'order.municipality-done': { ru: 'Муниципалитет {municipality}: обработано школ — {count}.', en: 'Municipality {municipality}: {count|school|schools} done.' },
  'order.transition-refused': { ru: 'отказано: {count}', en: 'refused: {count}' },
  'order.no-order': { ru: 'школа «{school}» ещё не подавала заказ', en: 'school "{school}" has not submitted an order yet' },
  'order.history-latest': { ru: 'Школа {school}: последняя версия {version} — {state}.', en: 'School {school}: latest version {version} — {state}.' },
  'order.all-needs-out': { ru: 'с --all нужна папка --out', en: '--all needs an --out folder' },
  'order.template-written': { ru: 'Бланк заказа школы {school} ({items|позиция|позиции|позиций}): {out}', en: 'Order form for school {school} ({items|item|items}): {out}' },
  'order.templates-written': { ru: 'Бланков записано: {count}, папка {dir}', en: '{count|form|forms} written to {dir}' },
  'order.state-none': { ru: 'нет заказа', en: 'none' },
  'order.state-draft': { ru: 'черновик', en: 'draft' },
  'order.state-agreed': { ru: 'согласован', en: 'agreed' },
  'order.state-formed': { ru: 'сформирован', en: 'formed' },
  'order.col-state': { ru: 'Состояние', en: 'State' },
  'order.col-version': { ru: 'Версия', en: 'Version' },
  'order.col-submitted': { ru: 'Подан', en: 'Submitted' },
  'order.col-agreed': { ru: 'Согласован', en: 'Agreed' },
  'order.col-formed': { ru: 'Сформирован', en: 'Formed' },
  'order.col-file': { ru: 'Файл', en: 'File' },
  'order.col-copies': { ru: 'Экз.', en: 'Copies' },
  'order.col-sum': { ru: 'Сумма, ₽', en: 'Sum, ₽' },
};
