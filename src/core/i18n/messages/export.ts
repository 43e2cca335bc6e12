import type { Catalog } from '../catalog.js';

/** What `export specifications` says (the documents themselves are always in Russian). */
export const exportCli: Catalog = {
  'export.publisher-unknown': { ru: 'издательства «{publisher}» нет среди загруженных прайс-листов. Есть: {known}.', en: 'publisher "{publisher}" has no loaded price list. Known: {known}.' },
  'export.template-unknown': {
    ru: 'в шаблоне --contract-number неизвестные поля {names}. Можно: {known}.',
    en: 'unknown fields {names} in the --contract-number template. Allowed: {known}.',
  },
  'export.date-bad': { ru: 'неверная дата --date «{value}»: нужна ДД.ММ.ГГГГ или ГГГГ-ММ-ДД', en: 'bad --date "{value}": use DD.MM.YYYY or YYYY-MM-DD' },
  'export.out-in-workspace': {
    ru: 'папка пакета «{dir}» не может содержать рабочую папку и не может лежать в её state/ или inputs/; укажите другую',
    en: 'the package folder "{dir}" must not contain the workspace nor lie in its state/ or inputs/; choose another',
  },
  'export.out-not-dir': { ru: '«{dir}» — файл, а не папка', en: '"{dir}" is a file, not a folder' },
  'export.out-not-package': {
    ru: 'папка «{dir}» не пуста и не является пакетом спецификаций (нет manifest.csv uchebnik); укажите пустую или новую папку',
    en: 'folder "{dir}" is not empty and is not a specification package (no uchebnik manifest.csv); choose an empty or new folder',
  },
  'export.exists': {
    ru: 'в папке «{dir}» уже есть пакет спецификаций; чтобы заменить его, добавьте --force',
    en: 'folder "{dir}" already holds a specification package; add --force to replace it',
  },
  'export.confirm': { ru: 'В папке «{dir}» уже есть пакет спецификаций. Заменить его? [д/Н] ', en: 'Folder "{dir}" already holds a specification package. Replace it? [y/N] ' },
  'export.nothing': { ru: 'нет сформированных заказов ({scope}) — спецификации не из чего строить; ничего не записано', en: 'no formed orders ({scope}) — nothing to build specifications from; nothing written' },
  'export.scope-region': { ru: 'по всему региону', en: 'in the whole region' },
  'export.unregistered': {
    ru: 'Школ нет в реестре: {count} ({schools}) — в их спецификациях вместо наименования код, ИНН оставлен для записи от руки.',
    en: '{count|school is|schools are} not in the registry ({schools}): their specifications show the code instead of the name, and a blank ИНН.',
  },
  'export.no-inn': { ru: 'У школ без ИНН в реестре ({count}) поле ИНН / КПП оставлено для записи от руки.', en: '{count|school has|schools have} no ИНН in the registry: the ИНН / КПП field is left blank to fill by hand.' },
  'export.items-unknown': {
    ru: 'Позиций, которых нет ни в одной версии прайс-листов: {count} — в спецификациях они помечены, ставка НДС взята 10 %.',
    en: '{count|line names|lines name} items missing from every price-list version: they are marked in the specifications and taxed at 10 %.',
  },
  'export.written': { ru: 'Записано спецификаций: {files}, папка {dir}', en: '{files|specification|specifications} written to {dir}' },
  'export.manifest-only-zip': {
    ru: '--zip и --manifest-only вместе нельзя: без спецификаций архивировать нечего',
    en: '--zip cannot be used with --manifest-only: there are no specifications to archive',
  },
  'export.manifest-only-written': {
    ru: 'Только манифест: строк спецификаций в manifest.csv — {files}, папка {dir}; файлы спецификаций не записаны',
    en: 'Manifest only: {files|specification row|specification rows} in manifest.csv and summary.csv in {dir}; no specification files written',
  },
  'export.manifest-only': {
    ru: 'Только манифест (--manifest-only): файлов спецификаций нет, столбец sha256 пуст, этап 22 не отмечен выполненным.',
    en: 'Manifest only (--manifest-only): no specification files, the sha256 column is empty, stage 22 is not marked done.',
  },
  'export.zip-written': { ru: 'Архив пакета: {file}', en: 'Package archive: {file}' },
  'export.manifest': { ru: 'Манифест: {file}', en: 'Manifest: {file}' },
  'export.col-publisher': { ru: 'Издательство', en: 'Publisher' },
  'export.col-schools': { ru: 'Школ', en: 'Schools' },
  'export.col-files': { ru: 'Спецификаций', en: 'Files' },
  'export.col-lines': { ru: 'Строк', en: 'Lines' },
  'export.col-copies': { ru: 'Экз.', en: 'Copies' },
  'export.col-sum': { ru: 'Сумма, ₽', en: 'Sum, ₽' },
  'export.col-vat': { ru: 'в т.ч. НДС, ₽', en: 'incl. VAT, ₽' },
  'export.total': { ru: 'Итого', en: 'Total' },
  'demo.step-export-specifications': {
    ru: 'Региональный центр выгружает пакет спецификаций к договорам: по файлу на школу и издательство, манифест с суммами и sha256 (этап 22)',
    en: 'The regional centre exports the package of contract specifications: one file per school and publisher, a manifest with sums and sha256 (stage 22)',
  },
};
