/**
 * A publisher's requisites as the supplier of a contract (issue 17): its legal name, ИНН/КПП and the
 * requisites every party has (core/model/registry.ts Requisites). Pure: the values given, from a file
 * row or from `publisher set`, in; the record and the findings of the shared rules
 * (src/features/registry/requisites-check.ts) out. Not a check.ts: those rules come through the
 * registry's index.ts, which also exports its store.
 */
import type { CellAddress, Finding } from '../../core/finding.js';
import { REQUISITE_FIELDS, type Requisites } from '../../core/model/registry.js';
import { cleanText } from '../../core/text.js';
import { checkBik, checkCorrespondentAccount, checkInn, checkKpp, checkSettlementAccount, digitsOnly } from '../registry/index.js';

export type PublisherField = 'publisher' | 'legal_name' | 'inn' | 'kpp' | (typeof REQUISITE_FIELDS)[number];

/** What is stored of a publisher besides when. */
export interface PublisherRequisites {
  /** the publisher's name as its price list is loaded under (`pricelist load --publisher`) */
  publisher: string;
  /** «Акционерное общество «Издательство «Просвещение»» */
  legal_name?: string;
  inn?: string;
  kpp?: string;
  requisites?: Requisites;
}

export interface PublisherInput {
  values: Partial<Record<PublisherField, string>>;
  at(field: PublisherField): CellAddress;
}

const NUMBERS = new Set<PublisherField>(['inn', 'bik', 'account', 'corr_account']);

function value(input: PublisherInput, field: PublisherField): string {
  const raw = cleanText(input.values[field] ?? '');
  if (NUMBERS.has(field)) return digitsOnly(raw);
  return field === 'kpp' ? raw.replace(/\s/gu, '') : raw;
}

/**
 * The publisher's record with the input's non-empty values laid over `before` (what was stored), and
 * the findings of the input's values.
 */
export function publisherFrom(input: PublisherInput, before?: PublisherRequisites): { record: PublisherRequisites; findings: Finding[] } {
  const publisher = value(input, 'publisher') || before?.publisher || '';
  const record: PublisherRequisites = { ...before, publisher };
  const requisites: Requisites = { ...before?.requisites };
  for (const f of REQUISITE_FIELDS) {
    const v = value(input, f);
    if (v) requisites[f] = v;
  }
  if (Object.keys(requisites).length) record.requisites = requisites;
  for (const f of ['legal_name', 'inn', 'kpp'] as const) {
    const v = value(input, f);
    if (v) record[f] = v;
  }
  const p = (field: PublisherField) => ({ at: input.at(field) });
  const found: (Finding | undefined)[] = [];
  const inn = value(input, 'inn');
  if (inn) found.push(checkInn(inn, p('inn')));
  const kpp = value(input, 'kpp');
  if (kpp) found.push(checkKpp(kpp, p('kpp')));
  const bik = value(input, 'bik');
  if (bik) found.push(checkBik(bik, p('bik')));
  const account = value(input, 'account');
  if (account) found.push(checkSettlementAccount(account, requisites.bik, p('account')));
  const corr = value(input, 'corr_account');
  if (corr) found.push(checkCorrespondentAccount(corr, requisites.bik, p('corr_account')));
  return { record, findings: found.filter((f): f is Finding => f !== undefined) };
}
