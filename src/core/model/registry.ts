/**
 * The registry of municipalities and schools (docs/file-formats.md#registry). Real school lists carry only the
 * municipality code, a short and a full name, so everything else is optional, and a school without
 * a code of its own is numbered `<municipality>-<NNN>` in the order the file lists it.
 */
import { finding, type CellAddress, type Finding } from '../finding.js';
import { cleanText } from '../text.js';
import { parseWholeNumber } from '../values.js';

export const GRADES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'] as const;

export interface School {
  code: string;
  short_name: string;
  full_name: string;
  /** municipality code */
  municipality: string;
  inn?: string;
  kpp?: string;
  legal_form?: string;
  /** students per grade «1»…«11», when the file has them */
  students?: Record<string, number>;
  /** what a contract names the school by besides ИНН/КПП (`registry requisites`, issue 17) */
  requisites?: Requisites;
}

/**
 * A party's requisites for a contract (issue 17): its address, who signs and on what authority, its
 * bank details, how to reach it. The same shape for schools and publishers; every field optional — a
 * contract shows a blank for what is missing, and export warns (requisites-missing).
 */
export interface Requisites {
  legal_address?: string;
  /** «Директор» */
  head_position?: string;
  /** «Иванова Ирина Ивановна» */
  head_name?: string;
  /** what the head acts on: «Устава», «доверенности № 5 от 01.02.2019» */
  head_basis?: string;
  bank_name?: string;
  bik?: string;
  /** settlement account (расчётный счёт), 20 digits */
  account?: string;
  /** the bank's correspondent account, 20 digits */
  corr_account?: string;
  /** personal account (лицевой счёт) of a budget institution at the treasury */
  personal_account?: string;
  email?: string;
  phone?: string;
}

export const REQUISITE_FIELDS = ['legal_address', 'head_position', 'head_name', 'head_basis', 'bank_name', 'bik', 'account', 'corr_account', 'personal_account', 'email', 'phone'] as const satisfies readonly (keyof Requisites)[];

export interface Municipality {
  code: string;
  name: string;
  /** the municipal education authority's e-mail, when the registry file has a column of it (`deadlines remind` addresses its letters there) */
  email?: string;
}

export interface Registry {
  municipalities: Municipality[];
  schools: School[];
}

export const EMPTY_REGISTRY: Registry = { municipalities: [], schools: [] };

/** One row of a registry file, as text, with where each field came from. */
export interface RegistryRowInput {
  row: number;
  code?: string;
  short_name?: string;
  full_name?: string;
  municipality_code?: string;
  municipality_name?: string;
  municipality_email?: string;
  inn?: string;
  kpp?: string;
  legal_form?: string;
  /** grade → the cell's raw value */
  students: Record<string, string | number | null>;
  at(field: string): CellAddress;
}

/** ИНН of an organisation: 10 digits, the last a checksum (ФНС weights). */
export function isValidOrgInn(inn: string): boolean {
  if (!/^\d{10}$/.test(inn)) return false;
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = w.reduce((s, k, i) => s + k * Number(inn[i]), 0);
  return (sum % 11) % 10 === Number(inn[9]);
}

export function parseRegistryRows(rows: RegistryRowInput[]): { registry: Registry; findings: Finding[] } {
  const findings: Finding[] = [];
  const schools: School[] = [];
  const municipalities = new Map<string, Municipality>();
  const byCode = new Map<string, number>();
  const counters = new Map<string, number>();

  for (const r of rows) {
    const text = (v: string | undefined) => cleanText(v ?? '');
    const muni = text(r.municipality_code) || text(r.municipality_name);
    const shortName = text(r.short_name) || text(r.full_name);
    const fullName = text(r.full_name) || shortName;
    if (!muni && !shortName && !text(r.code)) continue;
    if (!muni) {
      findings.push(finding('registry-municipality-missing', 'error', r.at('municipality_code'), { name: shortName }));
      continue;
    }
    if (!shortName) {
      findings.push(finding('registry-name-missing', 'error', r.at('short_name'), { code: text(r.code) }));
      continue;
    }
    if (!municipalities.has(muni)) municipalities.set(muni, { code: muni, name: text(r.municipality_name) || muni });
    // The first e-mail a municipality's rows give is its own; a file repeats it on every school's row.
    const email = text(r.municipality_email);
    const m = municipalities.get(muni)!;
    if (email && m.email === undefined) m.email = email;

    let code = text(r.code);
    if (!code) {
      const n = (counters.get(muni) ?? 0) + 1;
      counters.set(muni, n);
      code = `${muni}-${String(n).padStart(3, '0')}`;
    }
    if (byCode.has(code)) {
      findings.push(finding('registry-duplicate-school', 'error', r.at('code'), { code, first: byCode.get(code) }, { school: code }));
      continue;
    }
    byCode.set(code, r.row);

    const school: School = { code, short_name: shortName, full_name: fullName, municipality: muni };
    const inn = text(r.inn).replace(/\s/g, '');
    if (inn) {
      if (!isValidOrgInn(inn)) findings.push(finding('registry-inn-invalid', 'warning', r.at('inn'), { inn }, { school: code, actual: inn }));
      school.inn = inn;
    }
    const kpp = text(r.kpp).replace(/\s/g, '');
    if (kpp) school.kpp = kpp;
    const form = text(r.legal_form);
    if (form) school.legal_form = form;

    const students: Record<string, number> = {};
    for (const g of GRADES) {
      const raw = r.students[g];
      if (raw === undefined) continue;
      const n = parseWholeNumber(raw ?? null);
      if (n === null) continue;
      if (typeof n === 'number') students[g] = n;
      else findings.push(finding('registry-students-invalid', 'error', r.at(`students_${g}`), { grade: g, value: String(raw) }, { school: code, actual: String(raw) }));
    }
    if (Object.keys(students).length) school.students = students;
    schools.push(school);
  }
  return { registry: { municipalities: [...municipalities.values()], schools }, findings };
}

/**
 * Merges an imported registry into the stored one: the municipalities in the file are replaced whole
 * (a municipality sends its full list), the others are kept. Returns what changed.
 */
export function mergeRegistry(stored: Registry, incoming: Registry): { registry: Registry; added: number; removed: number; changed: number } {
  const storedByCode = new Map(stored.schools.map((s) => [s.code, s]));
  incoming = { ...incoming, schools: incoming.schools.map((s) => keepRequisites(s, storedByCode.get(s.code))) };
  const replaced = new Set(incoming.municipalities.map((m) => m.code));
  const old = new Map(stored.schools.filter((s) => replaced.has(s.municipality)).map((s) => [s.code, schoolKey(s)]));
  const fresh = new Map(incoming.schools.map((s) => [s.code, schoolKey(s)]));
  let added = 0;
  let changed = 0;
  for (const [code, json] of fresh) {
    const before = old.get(code);
    if (before === undefined) added++;
    else if (before !== json) changed++;
  }
  const removed = [...old.keys()].filter((c) => !fresh.has(c)).length;
  const municipalities = [
    ...stored.municipalities.filter((m) => !replaced.has(m.code)),
    ...incoming.municipalities.map((m) => {
      const prev = stored.municipalities.find((p) => p.code === m.code);
      // A file with codes only must not erase a name known from an earlier, richer file, nor one
      // without the e-mail column an e-mail.
      const kept = prev && m.name === m.code ? { ...m, name: prev.name } : m;
      return prev?.email !== undefined && kept.email === undefined ? { ...kept, email: prev.email } : kept;
    }),
  ].sort((a, b) => a.code.localeCompare(b.code, 'ru', { numeric: true }));
  const schools = [...stored.schools.filter((s) => !replaced.has(s.municipality)), ...incoming.schools].sort(
    (a, b) => a.municipality.localeCompare(b.municipality, 'ru', { numeric: true }) || a.code.localeCompare(b.code, 'ru', { numeric: true }),
  );
  return { registry: { municipalities, schools }, added, removed, changed };
}

/**
 * A school's content as one string, its keys in one order: a kept ИНН or requisite is added after the
 * other fields, and the same school must not read as changed for that (the same file loaded twice
 * changes nothing, docs/architecture.md#conventions).
 */
export function schoolKey(school: School): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sorted(x)])) : v;
  return JSON.stringify(sorted(school));
}

/**
 * A school list without ИНН, КПП or requisites does not erase what an earlier file or `registry
 * requisites` gave the school: the stored values are kept where the incoming school has none.
 */
function keepRequisites(school: School, before: School | undefined): School {
  if (!before) return school;
  const kept: School = { ...school };
  if (!kept.inn && before.inn) kept.inn = before.inn;
  if (!kept.kpp && before.kpp) kept.kpp = before.kpp;
  if (!kept.requisites && before.requisites) kept.requisites = before.requisites;
  return kept;
}

export function schoolsOf(registry: Registry, municipality?: string): School[] {
  return municipality ? registry.schools.filter((s) => s.municipality === municipality) : registry.schools;
}
