import type { Catalog } from '../catalog.js';

/** Schools' cards (textbook plan stage 3) and where first-grade information was published (plan 003 stage 2). */
export const cards: Catalog = {
  'cards.written': {
    ru: 'Карточки записаны в {dir}: {n|школа|школы|школ}. Разошлите их школам; вернувшиеся загрузите: uchebnik registry import-cards ФАЙЛЫ',
    en: 'Cards written to {dir}: {n|school|schools}. Send them to the schools; load the returned ones with: uchebnik registry import-cards FILES',
  },
  'cards.no-schools': {
    ru: 'В реестре нет школ (для этого муниципалитета): сначала uchebnik registry import',
    en: 'The registry has no schools (for this municipality): run uchebnik registry import first',
  },
  'cards.school-missing': {
    ru: 'В {file} над таблицей нет клетки «{label}» с кодом школы: это не карточка из uchebnik registry cards',
    en: '{file} has no «{label}» cell with the school code above the table: it is not a card from uchebnik registry cards',
  },
  'cards.school-twice': {
    ru: 'Карточка школы {school} дана дважды ({first} и {file}): берётся {file}',
    en: 'The card of school {school} is given twice ({first} and {file}): {file} is taken',
  },
  'cards.col-school': { ru: 'Школа', en: 'School' },
  'cards.col-field': { ru: 'Сведения', en: 'Value' },
  'cards.col-from': { ru: 'В реестре', en: 'In the registry' },
  'cards.col-to': { ru: 'Исправлено на', en: 'Corrected to' },
  'cards.col-cell': { ru: 'Ячейка', en: 'Cell' },
  'cards.no-changes': {
    ru: 'Школа {school} ({file}): исправлений нет, данные верны',
    en: 'School {school} ({file}): no corrections, the data is right',
  },
  'cards.not-applied': {
    ru: 'Карточка школы {school} ({file}) не вносится: в ней ошибки — исправьте отмеченные ячейки и загрузите её снова',
    en: 'The card of school {school} ({file}) is not applied: it has errors — fix the cells listed and load it again',
  },
  'cards.preview': {
    ru: 'Карточек: {schools}, исправлений: {changes}. Реестр не изменён; чтобы внести исправления, повторите с --apply',
    en: '{schools|card|cards}, {changes|correction|corrections}. The registry is unchanged; to write the corrections in, run again with --apply',
  },
  'cards.applied': {
    ru: 'Внесено карточек: {schools}, исправлений: {changes}; этап 3 плана заказа выполнен для этих школ',
    en: '{schools|card|cards} applied with {changes|correction|corrections}; textbook plan stage 3 is done for these schools',
  },
  'cards.already-applied': {
    ru: 'Эти карточки уже внесены, исправлений в них нет; ничего не изменено',
    en: 'These cards are already applied and hold no corrections; nothing changed',
  },
  'cards.nothing-applied': {
    ru: 'Ничего не внесено: нет карточек без ошибок',
    en: 'Nothing applied: no card without errors',
  },
  'deadlines.what.cards': { ru: 'карточка школы не вернулась', en: 'school card not returned' },
  'deadlines.evidence-bad': {
    ru: '--evidence «{value}»: нужна ссылка http:// или https:// (страница сайта или фото стенда); слова — в --note',
    en: '--evidence "{value}": a http:// or https:// link is needed (a site page or a photo of the stand); words go in --note',
  },
  'deadlines.evidence-head': {
    ru: 'Где опубликовано — этап {stage} ({plan}):',
    en: 'Where it was published — stage {stage} ({plan}):',
  },
  'deadlines.evidence-missing': {
    ru: 'без ссылки: {executor} — {entities}',
    en: 'no link: {executor} — {entities}',
  },
  'deadlines.evidence-kept': {
    ru: 'Ссылки сохранены: {evidence}',
    en: 'Links kept: {evidence}',
  },
};
