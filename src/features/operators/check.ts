/**
 * The lists of people who work in the enrolment module (plan 003): each school's chief operators and
 * operators (stage 5) and the municipal staff responsible for the module (stage 4). Both are one
 * register, a row per person — the unit (a school, or a municipality), full name, position, role,
 * e-mail, phone — that differs only in its unit, so one set of rules checks both. Every rule is a
 * small function below; `validateOperators` applies them in order.
 */
import { finding, type CellAddress, type Finding, type FindingCode } from '../../core/finding.js';
import type { Registry } from '../../core/model/registry.js';
import { cleanText, isBlankText, normalizeHeader } from '../../core/text.js';

/** What one row of the register belongs to: a school (stage 5) or the municipality itself (stage 4). */
export type Unit = 'school' | 'municipality';

export type OperatorField = 'school_code' | 'school_name' | 'municipality' | 'full_name' | 'position' | 'role' | 'email' | 'phone';

/** Structurally a sheets/table FieldSpec; the first synonym is the column title the template writes. */
export interface OperatorFieldSpec {
  key: OperatorField;
  synonyms: string[];
}

export const OPERATOR_FIELDS: OperatorFieldSpec[] = [
  { key: 'school_code', synonyms: ['Код ОО', 'Код школы', 'Код', 'Код организации'] },
  { key: 'school_name', synonyms: ['Наименование ОО', 'Школа', 'ОО', 'Наименование', 'Образовательная организация'] },
  { key: 'municipality', synonyms: ['Код МО', 'Муниципалитет', 'МО', 'Код муниципалитета', 'Муниципальное образование', 'МООУСО'] },
  { key: 'full_name', synonyms: ['ФИО', 'Ф.И.О.', 'Фамилия, имя, отчество', 'Фамилия имя отчество', 'Сотрудник'] },
  { key: 'position', synonyms: ['Должность', 'Занимаемая должность'] },
  { key: 'role', synonyms: ['Роль', 'Роль в системе', 'Оператор'] },
  { key: 'email', synonyms: ['E-mail', 'Email', 'Электронная почта', 'Адрес электронной почты', 'Эл. почта'] },
  { key: 'phone', synonyms: ['Телефон', 'Контактный телефон', 'Тел.', 'Номер телефона'] },
];

/** `a|b`: either will do (the table layer's convention). */
export function operatorRequired(unit: Unit): string[] {
  return [unit === 'school' ? 'school_code|school_name' : 'municipality', 'full_name', 'position', 'role'];
}

export const TITLE = Object.fromEntries(OPERATOR_FIELDS.map((f) => [f.key, f.synonyms[0]!])) as Record<OperatorField, string>;

export type Role = 'chief' | 'operator';

/** The words a role cell may hold, after normalizeHeader; the first of each is what the template writes. */
export const ROLE_WORDS: Record<Role, string[]> = {
  chief: ['главный оператор', 'главный', 'гл оператор', 'chief', 'chief operator', 'ответственный'],
  operator: ['оператор', 'operator'],
};

/**
 * Positions «not below deputy director» (plan 003, stage 5) that a chief operator may hold, after
 * normalizeHeader: a position is accepted when it is one of these or begins with one and a space
 * («заместитель директора по УВР», «директор школы»). A teacher, a secretary, a librarian or an
 * IT specialist is below the level and is a finding. README «Первый класс: операторы и собрания»
 * lists the same words.
 */
export const CHIEF_POSITIONS = [
  'директор',
  'руководитель',
  'исполняющий обязанности директора',
  'временно исполняющий обязанности директора',
  'и о директора',
  'врио директора',
  'первый заместитель директора',
  'заместитель директора',
  'зам директора',
  'заместитель руководителя',
];

/** One row of a register as read: the raw cell values and where each field's cell is. */
export interface OperatorRowInput {
  row: number;
  values: Partial<Record<OperatorField, string | number | null>>;
  at(field: OperatorField): CellAddress;
}

/** One accepted person of a register. */
export interface Person {
  /** the school code, or the municipality code for the municipal staff */
  unit: string;
  municipality: string;
  full_name: string;
  position: string;
  role: Role;
  email: string;
  phone: string;
}

export interface OperatorValidation {
  people: Person[];
  findings: Finding[];
  /** every unit of the registry the file names, people or not (a submission replaces their people) */
  units: string[];
}

const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : cleanText(String(v)));

/** A person's identity within a unit: the full name, any case, ё/е, spaces and dots aside. */
export function personKey(fullName: string): string {
  return normalizeHeader(fullName);
}

export function parseRole(value: string): Role | undefined {
  const n = normalizeHeader(value);
  return (Object.keys(ROLE_WORDS) as Role[]).find((r) => ROLE_WORDS[r].includes(n));
}

/** Rule: a chief operator's position is deputy director or above. */
export function positionAtLeastDeputy(position: string): boolean {
  const n = normalizeHeader(position);
  return CHIEF_POSITIONS.some((p) => n === p || n.startsWith(p + ' '));
}

// One @, something before it, a domain with a dot after it, no spaces: what mail servers accept in
// practice; the finer points of RFC 5322 (quoted local parts) do not occur in school staff lists.
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;.]{2,}$/u;

/** Rule: a mailbox address. */
export function emailValid(email: string): boolean {
  return EMAIL.test(email);
}

/**
 * Rule: a Russian phone number: 10 digits (area code and number), or 11 starting with 7 or 8, with
 * any spaces, brackets, dashes and a leading +; an extension («доб. 123») may follow. A local number
 * without its area code cannot be dialled from the regional centre and is a finding.
 */
export function phoneValid(phone: string): boolean {
  const main = phone.replace(/\s*(?:доб\.?|ext\.?|вн\.?)\s*\d{1,5}$/iu, '');
  if (!/^[+\d\s()\-–]+$/u.test(main)) return false;
  const digits = main.replace(/\D/gu, '');
  return digits.length === 10 || (digits.length === 11 && (digits[0] === '7' || digits[0] === '8'));
}

/** The registry's school a row names by code, else by its short or full name (when only one fits). */
export function findSchool(registry: Registry, code: string, name: string): string | undefined {
  if (code) return registry.schools.find((s) => s.code === code)?.code;
  const n = normalizeHeader(name);
  if (!n) return undefined;
  const fits = registry.schools.filter((s) => normalizeHeader(s.short_name) === n || normalizeHeader(s.full_name) === n);
  return fits.length === 1 ? fits[0]!.code : undefined;
}

/** The registry's municipality by its code (leading zeros optional) or its name. */
export function findMunicipality(registry: Registry, stated: string): string | undefined {
  const key = normalizeHeader(stated);
  if (!key) return undefined;
  const number = /^\d+$/u.test(key) ? Number(key) : undefined;
  return registry.municipalities.find(
    (m) => normalizeHeader(m.code) === key || normalizeHeader(m.name) === key || (number !== undefined && /^\d+$/u.test(m.code) && Number(m.code) === number),
  )?.code;
}

/** A row with nothing about a person: the template's empty rows under a school. */
function noPerson(r: OperatorRowInput): boolean {
  return (['full_name', 'position', 'email', 'phone'] as const).every((f) => isBlankText(text(r.values[f])));
}

/**
 * Checks a register. `scope` is the municipality the file is for (from --municipality or the
 * template's «Муниципалитет:» cell): its units absent from the file have no chief operator either.
 *
 * Findings (all errors):
 * - `operator-school-unknown` / `operator-municipality-unknown` — the unit is not in the registry;
 * - `operator-value-missing` — full name, position, role, e-mail or phone left empty;
 * - `operator-role-invalid` — the role is neither «главный оператор» nor «оператор»;
 * - `operator-email-invalid`, `operator-phone-invalid` — a malformed contact;
 * - `operator-chief-position` — a school's chief operator below deputy director (CHIEF_POSITIONS);
 * - `operator-duplicate` — the same person twice in one unit (params: the first row);
 * - `operator-chief-missing` — a unit without a chief operator: at the first row of the unit, or at
 *   the file when the unit of the municipality is not in the file at all.
 */
export function validateOperators(input: { rows: OperatorRowInput[]; registry: Registry; unit: Unit; scope?: string; file?: string }): OperatorValidation {
  const { registry, unit } = input;
  const findings: Finding[] = [];
  const people: Person[] = [];
  const firstRowOfUnit = new Map<string, OperatorRowInput>();
  const chiefs = new Set<string>();
  const seen = new Map<string, number>();
  const municipalityOf = new Map(registry.schools.map((s) => [s.code, s.municipality]));

  for (const r of input.rows) {
    const resolved = unitOf(r, registry, unit);
    if ('finding' in resolved) {
      findings.push(resolved.finding);
      continue;
    }
    const id = resolved.unit;
    const school = unit === 'school' ? id : undefined;
    if (!firstRowOfUnit.has(id)) firstRowOfUnit.set(id, r);
    if (noPerson(r)) continue;

    const before = findings.length;
    const push = (code: FindingCode, field: OperatorField, params: Record<string, string | number> = {}) =>
      findings.push(finding(code, 'error', r.at(field), { title: TITLE[field], ...params }, school ? { school } : {}));
    const value = (f: OperatorField) => text(r.values[f]);
    for (const f of ['full_name', 'position', 'role', 'email', 'phone'] as const) if (isBlankText(value(f))) push('operator-value-missing', f);

    const role = isBlankText(value('role')) ? undefined : parseRole(value('role'));
    if (!isBlankText(value('role')) && role === undefined) push('operator-role-invalid', 'role', { value: value('role') });
    if (value('email') && !emailValid(value('email'))) push('operator-email-invalid', 'email', { value: value('email') });
    if (value('phone') && !phoneValid(value('phone'))) push('operator-phone-invalid', 'phone', { value: value('phone') });
    if (role === 'chief' && unit === 'school' && value('position') && !positionAtLeastDeputy(value('position')))
      push('operator-chief-position', 'position', { value: value('position') });
    if (role === 'chief') chiefs.add(id);

    const key = `${id}\u0000${personKey(value('full_name'))}`;
    const first = seen.get(key);
    if (value('full_name') && first !== undefined) push('operator-duplicate', 'full_name', { name: value('full_name'), first });
    else if (value('full_name')) seen.set(key, r.row);

    if (findings.length === before && role !== undefined)
      people.push({
        unit: id,
        municipality: unit === 'school' ? (municipalityOf.get(id) ?? '') : id,
        full_name: value('full_name'),
        position: value('position'),
        role,
        email: value('email'),
        phone: value('phone'),
      });
  }

  for (const [id, r] of firstRowOfUnit)
    if (!chiefs.has(id)) findings.push(finding('operator-chief-missing', 'error', r.at('role'), { unit: id }, unit === 'school' ? { school: id } : {}));
  if (input.scope !== undefined)
    for (const id of unitsOf(registry, unit, input.scope))
      if (!firstRowOfUnit.has(id)) findings.push(finding('operator-chief-missing', 'error', { file: input.file }, { unit: id }, unit === 'school' ? { school: id } : {}));

  return { people, findings, units: [...firstRowOfUnit.keys()] };
}

/** The units a municipality's register covers: its schools, or the municipality itself. */
export function unitsOf(registry: Registry, unit: Unit, municipality: string): string[] {
  return unit === 'school' ? registry.schools.filter((s) => s.municipality === municipality).map((s) => s.code) : [municipality];
}

/** Rule: the row's unit is in the registry. */
function unitOf(r: OperatorRowInput, registry: Registry, unit: Unit): { unit: string } | { finding: Finding } {
  if (unit === 'municipality') {
    const given = text(r.values.municipality);
    const code = findMunicipality(registry, given);
    if (code) return { unit: code };
    return { finding: finding(given ? 'operator-municipality-unknown' : 'operator-value-missing', 'error', r.at('municipality'), { title: TITLE.municipality, value: given }) };
  }
  const code = text(r.values.school_code);
  const name = text(r.values.school_name);
  const found = findSchool(registry, isBlankText(code) ? '' : code, name);
  if (found) return { unit: found };
  const field: OperatorField = code ? 'school_code' : 'school_name';
  return { finding: finding(code || name ? 'operator-school-unknown' : 'operator-value-missing', 'error', r.at(field), { title: TITLE[field], value: code || name }) };
}
