/**
 * Schools' requisites: the pure update (src/features/registry/requisites.ts) and `registry requisites`
 * on small files (src/features/registry/requisites-command.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../../src/core/model/registry.js';
import { mergeRegistry } from '../../../src/core/model/registry.js';
import { applyRequisites, type RequisitesRowInput } from '../../../src/features/registry/requisites.js';
import { FIXTURES, newWorkspace, run, tempDir } from '../../support/cli.js';

const registry: Registry = {
  municipalities: [{ code: '01', name: 'Город' }],
  schools: [
    { code: '0101', short_name: 'СОШ 1', full_name: 'СОШ 1', municipality: '01', inn: '1801001689' },
    { code: '0102', short_name: 'СОШ 2', full_name: 'СОШ 2', municipality: '01', inn: '1801744099' },
    { code: '0103', short_name: 'СОШ 3', full_name: 'СОШ 3', municipality: '01' },
  ],
};

const COLUMNS = { code: 'A', inn: 'B', kpp: 'C', bik: 'D', account: 'E', corr_account: 'F', head_name: 'G' } as const;
function row(n: number, values: RequisitesRowInput['values']): RequisitesRowInput {
  return { row: n, values, at: (f) => ({ file: 'r.csv', row: n, column: (COLUMNS as Record<string, string>)[f] }) };
}

describe('applyRequisites', () => {
  it('finds a school by its code or by its ИНН; an empty cell keeps what was there', () => {
    const first = applyRequisites(registry, [row(2, { code: '0101', head_name: 'Иванова И. И.', bik: '044525225' }), row(3, { inn: '1801744099', head_name: 'Петров П. П.' })]);
    expect(first.findings).toEqual([]);
    expect(first.updated).toEqual(['0101', '0102']);
    expect(first.registry.schools[0]!.requisites).toEqual({ head_name: 'Иванова И. И.', bik: '044525225' });
    const second = applyRequisites(first.registry, [row(2, { code: '0101', head_name: '', corr_account: '3010 1810 4000 0000 0225' })]);
    expect(second.findings).toEqual([]);
    expect(second.registry.schools[0]!.requisites).toEqual({ head_name: 'Иванова И. И.', bik: '044525225', corr_account: '30101810400000000225' });
  });

  it('an account is checked against the БИК stored before when the row has none', () => {
    const first = applyRequisites(registry, [row(2, { code: '0101', bik: '044525225' })]);
    const r = applyRequisites(first.registry, [row(2, { code: '0101', corr_account: '30101810400000000226' })]);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'requisites-corr-account-key', column: 'F', row: 2, school: '0101' })]);
  });

  it('an unknown code or ИНН, a row naming no school, a school named twice, and one ИНН on two schools are errors at the cell; a blank row is nothing', () => {
    const r = applyRequisites(registry, [
      row(2, { code: '0199' }),
      row(3, { inn: '7707083893' }),
      row(4, { code: '0101', head_name: 'А' }),
      row(5, { code: '0101', head_name: 'Б' }),
      row(6, { code: '0103', inn: '1801744099' }),
      row(7, { code: '', head_name: 'Чей-то И. И.' }),
      row(8, { code: '', head_name: '' }),
    ]);
    expect(r.findings.map((f) => [f.code, f.row, f.column])).toEqual([
      ['requisites-school-unknown', 2, 'A'],
      ['requisites-school-unknown', 3, 'B'],
      ['requisites-school-twice', 5, 'A'],
      ['requisites-school-missing', 7, 'A'],
      ['requisites-inn-duplicate', 6, 'B'],
    ]);
  });

  it('every requisite check runs on its cell', () => {
    const r = applyRequisites(registry, [row(2, { code: '0103', inn: '1801001680', kpp: '18010100', bik: '04452522', account: '123', corr_account: '30101810400000000225' })]);
    expect(r.findings.map((f) => [f.code, f.column])).toEqual([
      ['requisites-inn-invalid', 'B'],
      ['requisites-kpp-invalid', 'C'],
      ['requisites-bik-invalid', 'D'],
      ['requisites-account-invalid', 'E'],
    ]);
  });

  it('a registry imported again without requisites keeps them', () => {
    const withReq = applyRequisites(registry, [row(2, { code: '0101', head_name: 'Иванова И. И.' })]).registry;
    const incoming: Registry = { municipalities: registry.municipalities, schools: registry.schools.map((s) => ({ ...s, inn: undefined })) };
    const merged = mergeRegistry(withReq, incoming);
    expect(merged.registry.schools[0]).toMatchObject({ inn: '1801001689', requisites: { head_name: 'Иванова И. И.' } });
    expect(merged.changed).toBe(0);
  });

  it('a school whose kept ИНН and КПП land after its other fields is not changed (the same file twice changes nothing)', () => {
    // found by the fuzzer: the kept fields were added at the end, and the school compared by its JSON text
    const stored: Registry = { municipalities: registry.municipalities, schools: [{ code: '0101', short_name: 'СОШ 1', full_name: 'СОШ 1', municipality: '01', inn: '1801001689', kpp: '180101001', legal_form: 'МБОУ' }] };
    const incoming: Registry = { municipalities: registry.municipalities, schools: [{ code: '0101', short_name: 'СОШ 1', full_name: 'СОШ 1', municipality: '01', legal_form: 'МБОУ' }] };
    const merged = mergeRegistry(stored, incoming);
    expect(merged.registry.schools).toEqual(stored.schools);
    expect(merged.changed).toBe(0);
  });
});

describe('registry requisites', () => {
  let ws: string;
  beforeAll(async () => {
    ws = await newWorkspace();
    const r = await run(['registry', 'import', path.join(FIXTURES, 'region', 'registry.csv'), '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('stores the demo region\'s requisites; `registry show --json` shows them', async () => {
    const r = await run(['registry', 'requisites', path.join(FIXTURES, 'requisites', 'schools.csv'), '-w', ws, '--json']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(JSON.parse(r.stdout).requisites).toMatchObject({ rows: 19, stored: true });
    const show = JSON.parse((await run(['registry', 'show', '--json', '-w', ws])).stdout) as Registry;
    expect(show.schools.find((s) => s.code === '0205')!.requisites).toMatchObject({ head_position: 'Директор', head_basis: 'Устава', bik: '019401001', corr_account: '40102810745370000001' });
    expect(show.schools.every((s) => s.requisites?.account?.length === 20)).toBe(true);
  });

  it('a small file with one mistake per row: exit 1, each finding at its cell, nothing stored', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      file,
      [
        'Код ОО;ИНН;КПП;БИК;Р/с;К/с;Руководитель',
        '0101;;;044525225;40702810238720001420;30101810400000000225;Новая И. И.', // all right
        '0102;;;044030790;40703810890480000102;;Другой П. П.', // the account's key
        '0103;;;044525225;;30101810400000000226;', // the correspondent account's key
        '0104;1801793340;;;;;', // ИНН checksum
        '0105;;18010100A;;;;', // КПП
        '0106;;;04403079;;;', // БИК
        '0107;;;;4070381089048000010;;', // account length
        '0108;1801001689;;;;;', // 0101's ИНН
        '0199;;;;;;Кто-то', // no such school
        ';;;;;;Чей-то', // no school at all
        '0101;;;;;;Снова', // 0101 again
      ].join('\n') + '\n',
    );
    const before = fs.readFileSync(path.join(ws, 'state', 'registry.json'), 'utf8');
    const r = await run(['registry', 'requisites', file, '-w', ws, '--json', '--lang', 'en']);
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout).findings as { code: string; row: number; column: string }[]).map((f) => `${f.row}${f.column} ${f.code}`).sort();
    expect(found).toEqual(
      [
        '3E requisites-account-key',
        '4F requisites-corr-account-key',
        '5B requisites-inn-invalid',
        '6C requisites-kpp-invalid',
        '7D requisites-bik-invalid',
        '8E requisites-account-invalid',
        '9B requisites-inn-duplicate',
        '10A requisites-school-unknown',
        '11A requisites-school-missing',
        '12A requisites-school-twice',
      ].sort(),
    );
    expect(r.stderr).toMatch(/no requisites were stored/);
    expect(fs.readFileSync(path.join(ws, 'state', 'registry.json'), 'utf8')).toBe(before);
  });
});
