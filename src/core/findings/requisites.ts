/**
 * Schools' requisites for contracts: src/features/registry/requisites-check.ts.
 */
import type { FindingSpecs } from './spec.js';

export const requisites = {
  'requisites-inn-invalid': {
    severity: 'error',
    title: { ru: 'Неверный ИНН', en: 'Invalid INN' },
    message: {
      ru: 'ИНН «{value}» неверен: нужно 10 цифр (организация) или 12 (ИП), и контрольное число должно сходиться',
      en: 'ИНН (tax number) "{value}" is wrong: 10 digits (an organisation) or 12 (a person) with a matching checksum are required',
    },
  },
  'requisites-kpp-invalid': {
    severity: 'error',
    title: { ru: 'Неверный КПП', en: 'Invalid KPP' },
    message: {
      ru: 'КПП «{value}» неверен: нужно 9 знаков — 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры',
      en: 'КПП "{value}" is wrong: 9 characters are required — 4 digits, 2 digits or capital Latin letters, 3 digits',
    },
  },
  'requisites-bik-invalid': {
    severity: 'error',
    title: { ru: 'Неверный БИК', en: 'Invalid BIK' },
    message: {
      ru: 'БИК «{value}» неверен: нужно 9 цифр',
      en: 'БИК (bank code) "{value}" is wrong: 9 digits are required',
    },
  },
  'requisites-account-invalid': {
    severity: 'error',
    title: { ru: 'Неверный расчётный счёт', en: 'Invalid settlement account' },
    message: {
      ru: 'Расчётный счёт «{value}» неверен: нужно 20 цифр',
      en: 'Settlement account "{value}" is wrong: 20 digits are required',
    },
  },
  'requisites-account-key': {
    severity: 'error',
    title: { ru: 'Счёт не сходится с БИК', en: 'Account does not match the BIK' },
    message: {
      ru: 'Расчётный счёт {value} не сходится с БИК {bik} по контрольному ключу: ошибка в счёте или в БИК',
      en: 'Settlement account {value} does not match БИК {bik} by its control key: a mistake in the account or the БИК',
    },
  },
  'requisites-corr-account-invalid': {
    severity: 'error',
    title: { ru: 'Неверный корреспондентский счёт', en: 'Invalid correspondent account' },
    message: {
      ru: 'Корреспондентский счёт «{value}» неверен: нужно 20 цифр',
      en: 'Correspondent account "{value}" is wrong: 20 digits are required',
    },
  },
  'requisites-corr-account-key': {
    severity: 'error',
    title: { ru: 'Корр. счёт не сходится с БИК', en: 'Correspondent account does not match the BIK' },
    message: {
      ru: 'Корреспондентский счёт {value} не сходится с БИК {bik} по контрольному ключу: ошибка в счёте или в БИК',
      en: 'Correspondent account {value} does not match БИК {bik} by its control key: a mistake in the account or the БИК',
    },
  },
  'requisites-inn-duplicate': {
    severity: 'error',
    title: { ru: 'ИНН повторяется', en: 'INN repeated' },
    message: {
      ru: 'ИНН {inn} уже указан у школы {first}',
      en: 'ИНН {inn} is already given for school {first}',
    },
  },
  'requisites-missing': {
    severity: 'warning',
    title: { ru: 'Не хватает реквизитов', en: 'Requisites missing' },
    message: {
      ru: '{name}: для договора не хватает реквизитов ({fields}); в договоре останутся пустые места',
      en: '{name}: the contract lacks requisites ({fields}); the contract will have blanks there',
    },
  },
  'requisites-school-unknown': {
    severity: 'error',
    title: { ru: 'Школы нет в реестре', en: 'School not in the registry' },
    message: {
      ru: 'Школы «{value}» нет в реестре (ни по коду, ни по ИНН)',
      en: 'School "{value}" is not in the registry (neither by code nor by ИНН)',
    },
  },
  'requisites-school-missing': {
    severity: 'error',
    title: { ru: 'Не указана школа', en: 'No school given' },
    message: {
      ru: 'В строке есть реквизиты, но нет ни кода ОО, ни ИНН — чьи они, неизвестно',
      en: 'The row has requisites but neither a school code nor an ИНН — whose they are is unknown',
    },
  },
  'requisites-school-ambiguous': {
    severity: 'error',
    title: { ru: 'Школа определена неоднозначно', en: 'Ambiguous school' },
    message: {
      ru: 'ИНН {value} у нескольких школ реестра ({candidates}); укажите код ОО',
      en: 'ИНН {value} belongs to several schools of the registry ({candidates}); give the school code',
    },
  },
  'requisites-school-twice': {
    severity: 'error',
    title: { ru: 'Школа повторяется', en: 'School repeated' },
    message: {
      ru: 'Школа {school} уже указана в строке {first}; эта строка не учитывается',
      en: 'School {school} is already listed in row {first}; this row is not counted',
    },
  },
} satisfies FindingSpecs;
