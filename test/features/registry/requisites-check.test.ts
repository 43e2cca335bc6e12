/**
 * The requisite rules (src/features/registry/requisites-check.ts). The control key is tested on
 * pairs published by their owners: the banks' own correspondent accounts with their БИК, and the
 * settlement account an organisation prints on its donation page (АНО «КДДГ», kddg.ru/donate).
 */
import { describe, expect, it } from 'vitest';
import {
  checkBik,
  checkContractReady,
  checkCorrespondentAccount,
  checkInn,
  checkInnTwice,
  checkKpp,
  checkSettlementAccount,
  correspondentKeyFits,
  isValidInn,
  settlementKeyFits,
} from '../../../src/features/registry/requisites-check.js';

const at = { file: 'req.xlsx', sheet: 'Лист1', row: 4, column: 'F' };
const p = { at, school: '0101' };

/** БИК and correspondent account as the banks publish them. */
const BANKS: [string, string, string][] = [
  ['ПАО Сбербанк', '044525225', '30101810400000000225'],
  ['Банк ВТБ (ПАО)', '044525187', '30101810700000000187'],
  ['АО «Альфа-Банк»', '044525593', '30101810200000000593'],
  ['АО «ТБанк»', '044525974', '30101810145250000974'],
  ['ПАО «Банк «Санкт-Петербург»', '044030790', '30101810900000000790'],
];
/** A settlement account with its bank's БИК, as the organisation publishes it. */
const SETTLEMENT = { bik: '044030790', account: '40703810890480000101' };

/** The same digits with the one at `i` changed (to the next digit). */
function oneWrong(s: string, i: number): string {
  return s.slice(0, i) + String((Number(s[i]) + 1) % 10) + s.slice(i + 1);
}

describe('ИНН', () => {
  it('accepts real 10-digit numbers (Сбербанк, АНО «КДДГ») and a 12-digit one; refuses a wrong checksum and a wrong length', () => {
    for (const inn of ['7707083893', '7813669506', '500100732259']) expect(isValidInn(inn)).toBe(true);
    expect(isValidInn(oneWrong('7707083893', 9))).toBe(false);
    expect(isValidInn(oneWrong('500100732259', 11))).toBe(false);
    expect(isValidInn(oneWrong('500100732259', 10))).toBe(false);
    expect(isValidInn('770708389')).toBe(false);
    expect(isValidInn('77070838930')).toBe(false);
  });

  it('a finding at the cell with the value', () => {
    expect(checkInn('7707083893', p)).toBeUndefined();
    expect(checkInn('7707083894', p)).toMatchObject({ code: 'requisites-inn-invalid', severity: 'error', file: 'req.xlsx', sheet: 'Лист1', row: 4, column: 'F', school: '0101', params: { value: '7707083894' } });
  });
});

describe('КПП', () => {
  it('9 characters: 4 digits, 2 digits or capital letters, 3 digits', () => {
    expect(checkKpp('773601001', p)).toBeUndefined();
    expect(checkKpp('7736AB001', p)).toBeUndefined();
    for (const bad of ['77360100', '7736010011', '7736ab001', 'A73601001', '7736010A1', '7736ЖЖ001'])
      expect(checkKpp(bad, p), bad).toMatchObject({ code: 'requisites-kpp-invalid', column: 'F' });
  });
});

describe('БИК', () => {
  it('9 digits', () => {
    expect(checkBik('044525225', p)).toBeUndefined();
    for (const bad of ['04452522', '0445252255', '04452522A']) expect(checkBik(bad, p), bad).toMatchObject({ code: 'requisites-bik-invalid' });
  });
});

describe('the control key of an account against the БИК', () => {
  it.each(BANKS)('%s: the correspondent account fits its БИК', (_, bik, account) => {
    expect(correspondentKeyFits(account, bik)).toBe(true);
    expect(checkCorrespondentAccount(account, bik, p)).toBeUndefined();
  });

  it.each(BANKS)('%s: one wrong digit of the correspondent account is found', (_, bik, account) => {
    const wrong = oneWrong(account, 15);
    expect(correspondentKeyFits(wrong, bik)).toBe(false);
    expect(checkCorrespondentAccount(wrong, bik, p)).toMatchObject({ code: 'requisites-corr-account-key', params: { value: wrong, bik } });
  });

  it('a published settlement account fits its bank\'s БИК; one wrong digit in it or in the БИК does not', () => {
    expect(settlementKeyFits(SETTLEMENT.account, SETTLEMENT.bik)).toBe(true);
    expect(checkSettlementAccount(SETTLEMENT.account, SETTLEMENT.bik, p)).toBeUndefined();
    expect(checkSettlementAccount(oneWrong(SETTLEMENT.account, 19), SETTLEMENT.bik, p)).toMatchObject({ code: 'requisites-account-key', column: 'F' });
    expect(settlementKeyFits(SETTLEMENT.account, oneWrong(SETTLEMENT.bik, 8))).toBe(false);
  });

  it('a settlement account is checked against the last three digits of the БИК, a correspondent one against «0» and digits 5–6', () => {
    // The bank's own correspondent account read as a settlement account, and the other way round, does not fit.
    expect(settlementKeyFits('30101810400000000225', '044525225')).toBe(false);
    expect(correspondentKeyFits(SETTLEMENT.account, SETTLEMENT.bik)).toBe(false);
  });

  it('a budget school\'s treasury account (03…) is checked for length only; the single treasury account as correspondent account fits the ТОФК БИК', () => {
    // As a university in Иваново publishes its payment requisites: БИК ТОФК, казначейский счёт, ЕКС.
    const bik = '012406500';
    expect(checkSettlementAccount('03214643000000013300', bik, p)).toBeUndefined();
    expect(checkSettlementAccount('0321464300000001330', bik, p)).toMatchObject({ code: 'requisites-account-invalid' });
    expect(checkCorrespondentAccount('40102810645370000025', bik, p)).toBeUndefined();
    expect(checkCorrespondentAccount(oneWrong('40102810645370000025', 12), bik, p)).toMatchObject({ code: 'requisites-corr-account-key' });
  });

  it('20 digits first; without a valid БИК only the length is checked', () => {
    expect(checkSettlementAccount('4070381089048000010', SETTLEMENT.bik, p)).toMatchObject({ code: 'requisites-account-invalid' });
    expect(checkCorrespondentAccount('3010181040000000022X', '044525225', p)).toMatchObject({ code: 'requisites-corr-account-invalid' });
    expect(checkSettlementAccount(oneWrong(SETTLEMENT.account, 19), undefined, p)).toBeUndefined();
    expect(checkSettlementAccount(oneWrong(SETTLEMENT.account, 19), '04403079', p)).toBeUndefined();
  });
});

describe('one ИНН on two schools', () => {
  it('a finding at the later school, naming the first; the same school twice is not', () => {
    const f = checkInnTwice([
      { inn: '7707083893', school: '0101', at: { row: 2, column: 'C' } },
      { inn: '7813669506', school: '0102', at: { row: 3, column: 'C' } },
      { inn: '7707083893', school: '0103', at: { row: 4, column: 'C' } },
      { inn: '7813669506', school: '0102', at: { row: 5, column: 'C' } },
    ]);
    expect(f).toEqual([expect.objectContaining({ code: 'requisites-inn-duplicate', row: 4, column: 'C', school: '0103', params: { inn: '7707083893', first: '0101' } })]);
  });
});

describe('what a contract needs', () => {
  it('a warning naming the missing fields; none when all are there', () => {
    const full = { full_name: 'МБОУ СОШ № 1', inn: '7707083893', kpp: '773601001', legal_address: 'г. Москва', head_name: 'Иванова И. И.', bik: '044525225', account: '40702810238720001420' };
    expect(checkContractReady(full, { at: {}, school: '0101', name: 'МБОУ СОШ № 1' })).toBeUndefined();
    expect(checkContractReady({ ...full, bik: '', head_name: undefined }, { at: {}, school: '0101', name: 'МБОУ СОШ № 1' })).toMatchObject({
      code: 'requisites-missing',
      severity: 'warning',
      params: { fields: 'head_name, bik' },
    });
  });
});
