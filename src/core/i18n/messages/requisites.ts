import type { Catalog } from '../catalog.js';

/** Requisites of schools and publishers, and the contracts made from them (issue 17). */
export const requisites: Catalog = {
  'requisites.stored': {
    ru: 'Реквизиты из {file}: обновлено школ — {schools} (строк со школами — {rows})',
    en: 'Requisites from {file}: {schools|school|schools} updated ({rows|row|rows} naming a school)',
  },
  'requisites.unchanged': {
    ru: 'Реквизиты из {file} уже такие же (строк со школами — {rows}); ничего не изменено',
    en: 'The requisites in {file} are already as stored ({rows|row|rows} naming a school); nothing changed',
  },
  'requisites.not-stored': {
    ru: 'В {file} есть ошибки; реквизиты не сохранены — исправьте отмеченные ячейки и загрузите файл снова',
    en: '{file} has errors; no requisites were stored — fix the cells listed and load the file again',
  },
  'publisher.stored': {
    ru: 'Реквизиты издательств сохранены: {names}',
    en: 'Publishers\' requisites stored: {names}',
  },
  'publisher.not-stored': {
    ru: 'Есть ошибки; реквизиты издательств не сохранены — исправьте и повторите',
    en: 'There are errors; no publisher\'s requisites were stored — fix them and run again',
  },
  'publisher.no-pricelist': {
    ru: 'Прайс-листа под именем {names} не загружено: реквизиты сохранены под этим именем, договоры найдут их, когда прайс-лист будет загружен так же (--publisher)',
    en: 'No price list is loaded under the name {names}: the requisites are stored under it, and contracts find them once a price list is loaded by that name (--publisher)',
  },
  'publisher.none': {
    ru: 'Реквизитов издательств пока нет: publisher set или publisher import',
    en: 'No publishers\' requisites yet: publisher set or publisher import',
  },
  'publisher.col-publisher': { ru: 'Издательство', en: 'Publisher' },
  'publisher.col-legal-name': { ru: 'Полное наименование', en: 'Legal name' },
  'publisher.col-inn': { ru: 'ИНН', en: 'ИНН' },
  'publisher.col-missing': { ru: 'Не хватает для договора', en: 'Missing for a contract' },
  'contracts.template-not-docx': {
    ru: 'Шаблон договора {file} — не документ Word (.docx); сохраните его в Word или LibreOffice как .docx',
    en: 'The contract template {file} is not a Word document (.docx); save it as .docx in Word or LibreOffice',
  },
  'contracts.template-broken': {
    ru: 'В шаблоне договора {file} ошибка в полях: {detail}',
    en: 'The contract template {file} has a broken placeholder: {detail}',
  },
  'contracts.template-unknown': {
    ru: 'В шаблоне договора {file} поля, которые uchebnik не заполняет: {names} (где: {where}); исправьте их по списку: uchebnik export contracts --placeholders. Ничего не записано',
    en: 'The contract template {file} uses placeholders uchebnik does not fill: {names} (in {where}); correct them by the list: uchebnik export contracts --placeholders. Nothing was written',
  },
  'contracts.template-missing': {
    ru: 'Шаблон договора {file} не найден или не читается',
    en: 'The contract template {file} is missing or cannot be read',
  },
  'contracts.template-exists': {
    ru: 'Файл {file} уже есть; чтобы заменить его встроенным шаблоном, добавьте --force',
    en: '{file} already exists; add --force to replace it with the built-in template',
  },
  'contracts.template-saved': {
    ru: 'Встроенный шаблон договора записан в {file}: поправьте текст, сохраните как .docx и передайте в --template',
    en: 'The built-in contract template is written to {file}: edit the text, save it as .docx and pass it to --template',
  },
  'contracts.no-soffice': {
    ru: 'Для --pdf нужен LibreOffice (команда soffice), а его не найдено; ничего не записано. Установите LibreOffice или запустите без --pdf',
    en: '--pdf needs LibreOffice (the soffice command), which was not found; nothing was written. Install LibreOffice or run without --pdf',
  },
  'contracts.pdf-failed': {
    ru: 'LibreOffice не смог сделать PDF из {file}: {detail}; пакет не записан. Для договоров (.docx) нужен LibreOffice Writer (пакет libreoffice-writer), не только Calc',
    en: 'LibreOffice could not make a PDF of {file}: {detail}; the package was not written. Contracts (.docx) need LibreOffice Writer (the libreoffice-writer package), not only Calc',
  },
  'contracts.out-required': {
    ru: 'Укажите папку пакета: --out DIR',
    en: 'Give the package folder: --out DIR',
  },
  'contracts.out-not-package': {
    ru: 'В папке «{dir}» есть файлы, и это не пакет договоров; укажите пустую или новую папку',
    en: '"{dir}" holds files and is not a contract package; give an empty or new folder',
  },
  'contracts.exists': {
    ru: 'В «{dir}» уже есть пакет договоров; чтобы заменить его, добавьте --force',
    en: '"{dir}" already holds a contract package; add --force to replace it',
  },
  'contracts.written': {
    ru: 'Договоров: {contracts}, всего документов: {files} — в {dir}',
    en: '{contracts|contract|contracts}, {files|document|documents} in all — in {dir}',
  },
  'contracts.col-contracts': { ru: 'Договоров', en: 'Contracts' },
  'demo.step-registry-requisites': {
    ru: 'Региональный центр вносит реквизиты школ для договоров: адрес, руководитель, банк, БИК, казначейские счета, контакты',
    en: 'The regional centre adds the schools\' requisites for the contracts: address, head, bank, БИК, treasury accounts, contacts',
  },
  'demo.step-publisher-import': {
    ru: 'Реквизиты издательств-поставщиков: полное наименование, ИНН/КПП, адрес, банк, подписант',
    en: 'The publishers\' requisites as suppliers: legal name, ИНН/КПП, address, bank, signatory',
  },
  'demo.step-export-contracts': {
    ru: 'Пакет договоров: договор каждой школы с каждым издательством по встроенному шаблону, спецификация-приложение рядом, манифест с sha256',
    en: 'The contract package: a contract of each school with each publisher from the built-in template, its specification beside it as the annex, a manifest with sha256',
  },
};
