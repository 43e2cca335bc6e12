/**
 * A school's card (textbook plan, stage 3: schools check their own data before ordering): what the
 * registry holds about one school, a row per value, with a column beside each for the school to
 * write the right value in. Pure: the rows of a card out of the registry (cards-write.ts lays them
 * out), and a returned card's corrections compared with the registry and checked by the registry's
 * own rules (requisites-check.ts, core/model/registry.ts) — each failure a finding at its cell.
 *
 * A correction left empty means «the value is right»; a value cannot be erased through a card
 * (the registry's file or `registry requisites` do that). The code and the municipality stand
 * above the table and are not corrected here: they name the school.
 */
import { finding, type CellAddress, type Finding } from '../../core/finding.js';
import { GRADES, REQUISITE_FIELDS, type Registry, type Requisites, type School } from '../../core/model/registry.js';
import { cleanText } from '../../core/text.js';
import { parseWholeNumber } from '../../core/values.js';
import { checkBik, checkCorrespondentAccount, checkInn, checkKpp, checkSettlementAccount, digitsOnly } from './requisites-check.js';

type RequisiteField = (typeof REQUISITE_FIELDS)[number];
export type CardField = 'short_name' | 'full_name' | 'inn' | 'kpp' | 'legal_form' | RequisiteField | `students_${(typeof GRADES)[number]}`;

/** The card's rows in order, with the words the school reads. */
export const CARD_FIELDS: readonly { field: CardField; label: string }[] = [
  { field: 'short_name', label: 'Краткое наименование' },
  { field: 'full_name', label: 'Полное наименование' },
  { field: 'legal_form', label: 'Тип учреждения' },
  { field: 'inn', label: 'ИНН' },
  { field: 'kpp', label: 'КПП' },
  { field: 'legal_address', label: 'Юридический адрес' },
  { field: 'head_position', label: 'Должность руководителя' },
  { field: 'head_name', label: 'ФИО руководителя' },
  { field: 'head_basis', label: 'Действует на основании' },
  { field: 'bank_name', label: 'Банк' },
  { field: 'bik', label: 'БИК' },
  { field: 'account', label: 'Расчётный (казначейский) счёт' },
  { field: 'corr_account', label: 'Корреспондентский счёт' },
  { field: 'personal_account', label: 'Лицевой счёт' },
  { field: 'email', label: 'Электронная почта' },
  { field: 'phone', label: 'Телефон' },
  ...GRADES.map((g) => ({ field: `students_${g}` as CardField, label: `Обучающихся в ${g} классе` })),
];

const KNOWN = new Set<string>(CARD_FIELDS.map((f) => f.field));

export function isCardField(key: string): key is CardField {
  return KNOWN.has(key);
}

/** What the registry holds for one field of a school, as text ('' when nothing). */
export function registryValue(school: School, field: CardField): string {
  if (field.startsWith('students_')) {
    const n = school.students?.[field.slice('students_'.length)];
    return n === undefined ? '' : String(n);
  }
  if (field === 'short_name' || field === 'full_name' || field === 'inn' || field === 'kpp' || field === 'legal_form') return school[field] ?? '';
  return school.requisites?.[field as RequisiteField] ?? '';
}

/** One corrected cell of a returned card. */
export interface CardCorrection {
  field: CardField;
  /** the cell as read: text, or a number as the spreadsheet stores it */
  value: string | number;
  at: CellAddress;
}

/** A returned card as read: the school it names (above the table) and the corrections written in it. */
export interface CardInput {
  file: string;
  school: string;
  schoolAt: CellAddress;
  corrections: CardCorrection[];
}

export interface CardChange {
  field: CardField;
  from: string;
  to: string;
  at: CellAddress;
}

export interface CardComparison {
  school: string;
  file: string;
  /** the values that differ from the registry, in the card's order */
  changes: CardChange[];
  findings: Finding[];
  /** the school as it is with the changes; undefined when the card names no school of the registry */
  next?: School;
}

/** Fields written as one number, where the spaces and dashes people type are not part of it. */
const NUMBERS = new Set<CardField>(['inn', 'bik', 'account', 'corr_account']);

function normalised(field: CardField, value: string | number): string {
  const text = cleanText(String(value));
  if (NUMBERS.has(field)) return digitsOnly(text);
  return field === 'kpp' ? text.replace(/\s/gu, '') : text;
}

/** The school with one value changed. Students are numbers; the rest text. */
function withValue(school: School, field: CardField, value: string): School {
  if (field.startsWith('students_')) return { ...school, students: { ...school.students, [field.slice('students_'.length)]: Number(value) } };
  if (field === 'short_name' || field === 'full_name' || field === 'inn' || field === 'kpp' || field === 'legal_form') return { ...school, [field]: value };
  const requisites: Requisites = { ...school.requisites, [field]: value };
  return { ...school, requisites };
}

/** A students' correction: a whole number ≥ 0, or the registry's finding at its cell. */
function studentsValue(c: CardCorrection, school: string): string | Finding {
  const n = parseWholeNumber(c.value);
  if (typeof n === 'number') return String(n);
  return finding('registry-students-invalid', 'error', c.at, { grade: c.field.slice('students_'.length), value: String(c.value) }, { school, actual: String(c.value) });
}

/** The checks of the registry for the changed values, against the school as it will be. */
function checkChanges(changes: readonly CardChange[], next: School): Finding[] {
  const out: (Finding | undefined)[] = [];
  for (const ch of changes) {
    const p = { at: ch.at, school: next.code };
    if (ch.field === 'inn') out.push(checkInn(ch.to, p));
    else if (ch.field === 'kpp') out.push(checkKpp(ch.to, p));
    else if (ch.field === 'bik') out.push(checkBik(ch.to, p));
    else if (ch.field === 'account') out.push(checkSettlementAccount(ch.to, next.requisites?.bik, p));
    else if (ch.field === 'corr_account') out.push(checkCorrespondentAccount(ch.to, next.requisites?.bik, p));
  }
  return out.filter((f): f is Finding => f !== undefined);
}

/** A returned card against the registry: what it changes and what of that fails the registry's checks. */
export function compareCard(registry: Registry, card: CardInput): CardComparison {
  const school = registry.schools.find((s) => s.code === card.school);
  if (!school) {
    return { school: card.school, file: card.file, changes: [], findings: [finding('requisites-school-unknown', 'error', card.schoolAt, { value: card.school }, { actual: card.school })] };
  }
  const findings: Finding[] = [];
  const changes: CardChange[] = [];
  let next = school;
  for (const c of card.corrections) {
    let to = normalised(c.field, c.value);
    if (to === '') continue;
    if (c.field.startsWith('students_')) {
      const v = studentsValue(c, school.code);
      if (typeof v !== 'string') {
        findings.push(v);
        continue;
      }
      to = v;
    }
    const from = registryValue(school, c.field);
    if (to === from) continue;
    changes.push({ field: c.field, from, to, at: c.at });
    next = withValue(next, c.field, to);
  }
  findings.push(...checkChanges(changes, next));
  return { school: school.code, file: card.file, changes, findings, next };
}
