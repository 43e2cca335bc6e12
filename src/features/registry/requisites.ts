/**
 * Schools' requisites from a separate file (issue 17, `registry requisites`): each row names a school
 * by its code or, without one, by its ИНН, and gives any of the requisites. Pure: rows in, the updated
 * registry and the findings out; the command (requisites-command.ts) reads the file and stores the
 * result only when there is no error. A cell left empty keeps what the school had.
 */
import { finding, type CellAddress, type Finding } from '../../core/finding.js';
import { REQUISITE_FIELDS, type Registry, type Requisites, type School } from '../../core/model/registry.js';
import { cleanText } from '../../core/text.js';
import { checkBik, checkCorrespondentAccount, checkInn, checkInnTwice, checkKpp, checkSettlementAccount, digitsOnly } from './requisites-check.js';

export type RequisiteField = (typeof REQUISITE_FIELDS)[number];
export type RequisitesInputField = 'code' | 'inn' | 'kpp' | RequisiteField;

export interface RequisitesRowInput {
  row: number;
  values: Partial<Record<RequisitesInputField, string>>;
  at(field: RequisitesInputField): CellAddress;
}

export interface RequisitesUpdate {
  registry: Registry;
  findings: Finding[];
  /** schools whose stored values changed */
  updated: string[];
  /** rows that named a school */
  rows: number;
}

/** Fields written as one number, where the spaces and dashes people type are not part of it. */
const NUMBERS = new Set<RequisitesInputField>(['inn', 'bik', 'account', 'corr_account']);

function value(r: RequisitesRowInput, field: RequisitesInputField): string {
  const raw = cleanText(r.values[field] ?? '');
  if (NUMBERS.has(field)) return digitsOnly(raw);
  return field === 'kpp' ? raw.replace(/\s/gu, '') : raw;
}

/** The school a row names, or the finding that says why none. */
function schoolOf(r: RequisitesRowInput, byCode: Map<string, School>, byInn: Map<string, School[]>): School | Finding {
  const code = value(r, 'code');
  if (code) return byCode.get(code) ?? finding('requisites-school-unknown', 'error', r.at('code'), { value: code }, { actual: code });
  const inn = value(r, 'inn');
  const found = byInn.get(inn) ?? [];
  if (found.length === 1) return found[0]!;
  if (found.length > 1) return finding('requisites-school-ambiguous', 'error', r.at('inn'), { value: inn, candidates: found.map((s) => s.code).join(', ') }, { actual: inn });
  return finding('requisites-school-unknown', 'error', r.at('inn'), { value: inn }, { actual: inn });
}

/** The row's checks, each a finding at its cell. */
function checkRow(r: RequisitesRowInput, school: School, merged: Requisites): Finding[] {
  const out: (Finding | undefined)[] = [];
  const p = (field: RequisitesInputField) => ({ at: r.at(field), school: school.code });
  const inn = value(r, 'inn');
  if (inn) out.push(checkInn(inn, p('inn')));
  const kpp = value(r, 'kpp');
  if (kpp) out.push(checkKpp(kpp, p('kpp')));
  const bik = value(r, 'bik');
  if (bik) out.push(checkBik(bik, p('bik')));
  // An account is checked against the БИК the school will have: the row's, else the one stored.
  const account = value(r, 'account');
  if (account) out.push(checkSettlementAccount(account, merged.bik, p('account')));
  const corr = value(r, 'corr_account');
  if (corr) out.push(checkCorrespondentAccount(corr, merged.bik, p('corr_account')));
  return out.filter((f): f is Finding => f !== undefined);
}

export function applyRequisites(registry: Registry, rows: readonly RequisitesRowInput[]): RequisitesUpdate {
  const byCode = new Map(registry.schools.map((s) => [s.code, s]));
  const byInn = new Map<string, School[]>();
  for (const s of registry.schools) if (s.inn) byInn.set(s.inn, [...(byInn.get(s.inn) ?? []), s]);

  const findings: Finding[] = [];
  const changed = new Map<string, School>();
  const firstRow = new Map<string, number>();
  const innEntries: { inn: string; school: string; at: CellAddress }[] = [];
  let named = 0;
  for (const r of rows) {
    if (Object.values(r.values).every((v) => cleanText(v ?? '') === '')) continue;
    if (!value(r, 'code') && !value(r, 'inn')) {
      findings.push(finding('requisites-school-missing', 'error', r.at('code'), {}));
      continue;
    }
    const school = schoolOf(r, byCode, byInn);
    if ('severity' in school) {
      findings.push(school);
      continue;
    }
    named++;
    const first = firstRow.get(school.code);
    if (first !== undefined) {
      findings.push(finding('requisites-school-twice', 'error', r.at(value(r, 'code') ? 'code' : 'inn'), { school: school.code, first }, { school: school.code }));
      continue;
    }
    firstRow.set(school.code, r.row);

    const next: School = { ...school };
    const requisites: Requisites = { ...school.requisites };
    for (const f of REQUISITE_FIELDS) {
      const v = value(r, f);
      if (v) requisites[f] = v;
    }
    if (Object.keys(requisites).length) next.requisites = requisites;
    findings.push(...checkRow(r, school, requisites));
    const inn = value(r, 'inn');
    if (inn) next.inn = inn;
    const kpp = value(r, 'kpp');
    if (kpp) next.kpp = kpp;
    if (next.inn) innEntries.push({ inn: next.inn, school: next.code, at: r.at('inn') });
    if (JSON.stringify(next) !== JSON.stringify(school)) changed.set(school.code, next);
  }

  // One ИНН on two schools: against every school the file did not name, then between the file's rows.
  const others = registry.schools.filter((s) => s.inn && !firstRow.has(s.code)).map((s) => ({ inn: s.inn!, school: s.code, at: {} }));
  const inFile = new Set(innEntries.map((e) => e.school));
  findings.push(...checkInnTwice([...others, ...innEntries]).filter((f) => f.school !== undefined && inFile.has(f.school)));

  const schools = registry.schools.map((s) => changed.get(s.code) ?? s);
  return { registry: { ...registry, schools }, findings, updated: [...changed.keys()], rows: named };
}
