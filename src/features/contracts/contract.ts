/**
 * What a contract between a school and a publisher says (issue 17): the values of the placeholders a
 * .docx template may use, from the specification (src/features/specifications/specification.ts: the
 * same lines and totals to the kopeck), the school's and the publisher's requisites, the contract's
 * number and date. Pure; the template is filled in template.ts.
 *
 * Every placeholder is listed below with its meaning (`export contracts --placeholders` prints them, the
 * README's «Contracts» has the table), so a template using a name not there is refused before anything
 * is written. The meanings are in Russian whatever the operator reads: they describe a Russian contract.
 */
import type { Requisites } from '../../core/model/registry.js';
import { BLANK_DATE, BLANK_NUMBER, formatContractDate, rubles, signatureName, totalInWords, vatLabel, vatSentence, type ContractDate, type Specification } from '../specifications/index.js';

/** What is printed for a requisite nobody has given: room to write it by hand. */
export const BLANK = '____________________';

/** One party of a contract: the school (customer) or the publisher (supplier). */
export interface Party {
  /** full legal name */
  name: string;
  short_name: string;
  inn?: string;
  kpp?: string;
  requisites?: Requisites;
}

/** A party's placeholders, each with the prefix `customer_` or `supplier_`. */
const PARTY_FIELDS: Record<string, string> = {
  name: 'полное наименование',
  short_name: 'краткое наименование (для поставщика — как в прайс-листе)',
  inn: 'ИНН',
  kpp: 'КПП',
  address: 'юридический адрес',
  head_position: 'должность руководителя (подписанта)',
  head_name: 'ФИО руководителя полностью',
  head_signature: 'фамилия и инициалы для подписи: «Иванова И. П.»',
  head_basis: 'действует на основании (в родительном падеже: «Устава»)',
  bank: 'банк',
  bik: 'БИК',
  account: 'расчётный (казначейский) счёт',
  corr_account: 'корреспондентский счёт (ЕКС)',
  personal_account: 'лицевой счёт',
  email: 'электронная почта',
  phone: 'телефон',
};

/** A line of the table, inside `{#lines}…{/lines}`. */
const LINE_FIELDS: Record<string, string> = {
  n: 'номер строки',
  fpu_code: 'код по федеральному перечню',
  item_code: 'код позиции издательства',
  isbn: 'ISBN',
  authors: 'авторы',
  title: 'наименование',
  grade: 'класс',
  quantity: 'количество экземпляров',
  price: 'цена с НДС, руб.',
  sum: 'сумма с НДС, руб.',
  vat_rate: 'ставка НДС, %',
  vat: 'НДС в сумме строки, руб.',
};

/** A VAT rate of the contract, inside `{#vat_rates}…{/vat_rates}`. */
const RATE_FIELDS: Record<string, string> = {
  rate: 'ставка, %',
  label: '«в т.ч. НДС 10 %» или «Без НДС»',
  sum: 'сумма строк по этой ставке, руб.',
  vat: 'НДС по этой ставке, руб.',
};

/** The contract's own placeholders. */
const DOCUMENT_FIELDS: Record<string, string> = {
  contract_number: 'номер договора (--contract-number; иначе пустое место)',
  contract_date: 'дата договора: «15» марта 2019 г. (--date; иначе пустое место)',
  year: 'год кампании',
  region: 'регион',
  municipality: 'муниципалитет школы',
  municipality_code: 'код муниципалитета',
  school_code: 'код школы',
  lines_count: 'число строк',
  copies: 'всего экземпляров',
  total: 'сумма договора с НДС, руб.: «12 345,60»',
  total_kopecks: 'сумма договора в копейках',
  total_words: 'сумма прописью: «Двенадцать тысяч триста сорок пять рублей 60 копеек»',
  vat_total: 'НДС всего, руб.',
  vat_sentence: '«В т.ч. НДС 10 %: 1 122,33 руб.» или «НДС не облагается.»',
  lines: 'цикл по строкам: {#lines}…{/lines}',
  vat_rates: 'цикл по ставкам НДС: {#vat_rates}…{/vat_rates}',
};

/** Every name a template may use, at the top level and inside each loop. */
function knownPlaceholders(): { top: Set<string>; loops: Record<string, Set<string>> } {
  const top = new Set<string>(Object.keys(DOCUMENT_FIELDS));
  for (const f of Object.keys(PARTY_FIELDS)) {
    top.add(`customer_${f}`);
    top.add(`supplier_${f}`);
  }
  return { top, loops: { lines: new Set(Object.keys(LINE_FIELDS)), vat_rates: new Set(Object.keys(RATE_FIELDS)) } };
}

/** Every placeholder with its meaning, as `{name}` (loops as `{#name}…{/name}`, their fields indented). */
export function placeholderList(): [string, string][] {
  const out: [string, string][] = [];
  const loops: Record<string, Record<string, string>> = { lines: LINE_FIELDS, vat_rates: RATE_FIELDS };
  for (const [name, meaning] of Object.entries(DOCUMENT_FIELDS)) {
    const fields = loops[name];
    out.push([fields ? `{#${name}}…{/${name}}` : `{${name}}`, meaning]);
    if (fields) for (const [f, m] of Object.entries(fields)) out.push([`  {${f}}`, m]);
  }
  for (const [prefix, party] of [['customer', 'школа (заказчик)'], ['supplier', 'издательство (поставщик)']] as const)
    for (const [f, m] of Object.entries(PARTY_FIELDS)) out.push([`{${prefix}_${f}}`, `${party}: ${m}`]);
  return out;
}

/** A placeholder found in a template: its name, the loop it is in, and the part of the document. */
export interface TemplateTag {
  name: string;
  loop?: string;
  part: string;
}

/**
 * The tags of a template that are not placeholders uchebnik fills. Inside a loop the loop's own fields
 * are known and so are the top-level ones (docxtemplater looks a name up in the enclosing scope).
 */
export function unknownTags(tags: readonly TemplateTag[]): TemplateTag[] {
  const { top, loops } = knownPlaceholders();
  return tags.filter((t) => !(top.has(t.name) || (t.loop !== undefined && loops[t.loop]?.has(t.name))));
}

function partyValues(prefix: 'customer' | 'supplier', p: Party): Record<string, string> {
  const r = p.requisites ?? {};
  const v: Record<string, string | undefined> = {
    name: p.name,
    short_name: p.short_name,
    inn: p.inn,
    kpp: p.kpp,
    address: r.legal_address,
    head_position: r.head_position,
    head_name: r.head_name,
    head_signature: signatureName(r.head_name),
    head_basis: r.head_basis,
    bank: r.bank_name,
    bik: r.bik,
    account: r.account,
    corr_account: r.corr_account,
    personal_account: r.personal_account,
    email: r.email,
    phone: r.phone,
  };
  return Object.fromEntries(Object.keys(PARTY_FIELDS).map((k) => [`${prefix}_${k}`, v[k] || BLANK]));
}

export interface ContractInput {
  spec: Specification;
  customer: Party;
  supplier: Party;
  municipality_name: string;
  number?: string;
  date?: ContractDate;
  campaign: { year: number; region: string };
}

/** The values of every placeholder for one contract. */
export function contractValues(c: ContractInput): Record<string, unknown> {
  const t = c.spec.totals;
  return {
    contract_number: c.number && c.number.trim() ? c.number.trim() : BLANK_NUMBER,
    contract_date: c.date ? formatContractDate(c.date) : BLANK_DATE,
    year: String(c.campaign.year),
    region: c.campaign.region,
    municipality: c.municipality_name,
    municipality_code: c.spec.municipality,
    school_code: c.spec.school,
    lines_count: String(t.lines),
    copies: String(t.copies),
    total: rubles(t.sum_kopecks),
    total_kopecks: String(t.sum_kopecks),
    total_words: totalInWords(t),
    vat_total: rubles(t.vat_kopecks),
    vat_sentence: vatSentence(t.by_rate),
    ...partyValues('customer', c.customer),
    ...partyValues('supplier', c.supplier),
    lines: c.spec.lines.map((l) => ({
      n: String(l.n),
      fpu_code: l.fpu_code ?? '',
      item_code: l.item_code ?? '',
      isbn: l.isbn ?? '',
      authors: l.authors,
      title: l.title,
      grade: String(l.grade),
      quantity: String(l.quantity),
      price: rubles(l.price_kopecks),
      sum: rubles(l.sum_kopecks),
      vat_rate: String(l.vat_rate),
      vat: rubles(l.vat_kopecks),
    })),
    vat_rates: t.by_rate.map((r) => ({ rate: String(r.rate), label: vatLabel(r.rate), sum: rubles(r.sum_kopecks), vat: rubles(r.vat_kopecks) })),
  };
}
