/**
 * The checks of a party's requisites (issue 17): the figures a contract is signed with, each rule a
 * small pure function giving a finding at the cell the value came from. Used for schools
 * (src/features/registry/requisites-command.ts) and publishers (src/features/contracts/).
 *
 * The rules:
 * - ИНН: 10 digits (an organisation) or 12 (a person, an entrepreneur), the last one or two digits a
 *   checksum with the weights of the tax service;
 * - КПП: 9 characters, 4 digits, then 2 digits or capital Latin letters, then 3 digits;
 * - БИК: 9 digits;
 * - a settlement account and a correspondent account: 20 digits whose control key (the 9th digit) fits
 *   the bank's БИК — the Bank of Russia's key: weights 7, 1, 3 repeated over 23 digits, the sum of the
 *   products ending in 0. For an account in a credit institution the 23 digits are the last three of
 *   the БИК and the account; for the bank's correspondent account (kept at the Bank of Russia) they
 *   are «0», the 5th and 6th digits of the БИК, and the account. A budget school's treasury account
 *   (казначейский счёт, 03…) at a treasury office is checked for its 20 digits only: published pairs of
 *   such accounts with their ТОФК БИК fit neither rule (the single treasury account, 40102…, given as
 *   the correspondent account, fits the correspondent rule and is checked by it).
 */
import { finding, type CellAddress, type Finding } from '../../core/finding.js';

/** Where a value came from and whose it is: the cell, and the school (or publisher) for the report. */
export interface Place {
  at: CellAddress;
  school?: string;
}

const INN10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: string, weights: number[]): number {
  return (weights.reduce((s, w, i) => s + w * Number(digits[i]), 0) % 11) % 10;
}

/** A ИНН of 10 or 12 digits whose checksum fits. */
export function isValidInn(inn: string): boolean {
  if (/^\d{10}$/u.test(inn)) return checkDigit(inn, INN10) === Number(inn[9]);
  if (/^\d{12}$/u.test(inn)) return checkDigit(inn, INN12_11) === Number(inn[10]) && checkDigit(inn, INN12_12) === Number(inn[11]);
  return false;
}

export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/u.test(kpp);
}

export function isValidBik(bik: string): boolean {
  return /^\d{9}$/u.test(bik);
}

const KEY_WEIGHTS = [7, 1, 3];

/** Whether the 23 digits (a prefix of three and the account) give a sum of weighted digits ending in 0. */
function keyFits(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * KEY_WEIGHTS[i % 3]!;
  return sum % 10 === 0;
}

/** The control key of a settlement account in the bank with this БИК (both already of the right length). */
export function settlementKeyFits(account: string, bik: string): boolean {
  return keyFits(bik.slice(-3) + account);
}

/** The control key of a bank's correspondent account at the Bank of Russia, against the bank's БИК. */
export function correspondentKeyFits(account: string, bik: string): boolean {
  return keyFits('0' + bik.slice(4, 6) + account);
}

/** A treasury account of a budget institution (03…), whose key is not checked (see above). */
export function isTreasuryAccount(account: string): boolean {
  return account.startsWith('03');
}

/** Spaces, no-break spaces and dashes people type inside long numbers, taken out. */
export function digitsOnly(value: string): string {
  return value.replace(/[\s\u00A0\-]/gu, '');
}

export function checkInn(inn: string, p: Place): Finding | undefined {
  if (isValidInn(inn)) return undefined;
  return finding('requisites-inn-invalid', 'error', p.at, { value: inn }, { school: p.school, actual: inn });
}

export function checkKpp(kpp: string, p: Place): Finding | undefined {
  if (isValidKpp(kpp)) return undefined;
  return finding('requisites-kpp-invalid', 'error', p.at, { value: kpp }, { school: p.school, actual: kpp });
}

export function checkBik(bik: string, p: Place): Finding | undefined {
  if (isValidBik(bik)) return undefined;
  return finding('requisites-bik-invalid', 'error', p.at, { value: bik }, { school: p.school, actual: bik });
}

/**
 * A settlement account: 20 digits, and with a valid БИК of its bank the control key. Without a valid
 * БИК only the length is checked (the БИК has its own finding).
 */
export function checkSettlementAccount(account: string, bik: string | undefined, p: Place): Finding | undefined {
  if (!/^\d{20}$/u.test(account)) return finding('requisites-account-invalid', 'error', p.at, { value: account }, { school: p.school, actual: account });
  if (bik === undefined || !isValidBik(bik) || isTreasuryAccount(account) || settlementKeyFits(account, bik)) return undefined;
  return finding('requisites-account-key', 'error', p.at, { value: account, bik }, { school: p.school, actual: account });
}

/** A correspondent account: 20 digits, and with a valid БИК the control key against it. */
export function checkCorrespondentAccount(account: string, bik: string | undefined, p: Place): Finding | undefined {
  if (!/^\d{20}$/u.test(account)) return finding('requisites-corr-account-invalid', 'error', p.at, { value: account }, { school: p.school, actual: account });
  if (bik === undefined || !isValidBik(bik) || correspondentKeyFits(account, bik)) return undefined;
  return finding('requisites-corr-account-key', 'error', p.at, { value: account, bik }, { school: p.school, actual: account });
}

/** One ИНН on two schools: a finding at every later one, naming the first. */
export function checkInnTwice(entries: readonly { inn: string; school: string; at: CellAddress }[]): Finding[] {
  const first = new Map<string, string>();
  const out: Finding[] = [];
  for (const e of entries) {
    const seen = first.get(e.inn);
    if (seen === undefined) first.set(e.inn, e.school);
    else if (seen !== e.school) out.push(finding('requisites-inn-duplicate', 'error', e.at, { inn: e.inn, first: seen }, { school: e.school, actual: e.inn }));
  }
  return out;
}

/** The requisites a contract cannot be signed without, by field name. */
export const CONTRACT_FIELDS = ['full_name', 'inn', 'kpp', 'legal_address', 'head_name', 'bik', 'account'] as const;

/** A party missing what a contract needs: a warning naming the empty fields (at export). */
export function checkContractReady(party: Partial<Record<(typeof CONTRACT_FIELDS)[number], string>>, p: Place & { name: string }): Finding | undefined {
  const missing = CONTRACT_FIELDS.filter((f) => !party[f]);
  if (missing.length === 0) return undefined;
  return finding('requisites-missing', 'warning', p.at, { name: p.name, fields: missing.join(', ') }, { school: p.school });
}
