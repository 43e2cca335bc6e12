/**
 * `registry import` of a file that carries the schools' requisites beside them (issue 17,
 * src/features/registry/command.ts): read by the header words of a `registry requisites` file, checked
 * at their cells, laid over what was stored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Registry } from '../../../src/core/model/registry.js';
import { newWorkspace, run, tempDir } from '../../support/cli.js';

const HEAD = 'Код ОО;Наименование ОО;Код МО;Муниципалитет;ИНН;КПП;Юридический адрес;ФИО руководителя;БИК;Казначейский счёт;ЕКС';
// A БИК and treasury accounts whose control keys hold (fixtures/requisites/schools.csv).
const BANK = '019401001;03234643000000019400;40102810745370000001';

function file(lines: string[]): string {
  const f = path.join(tempDir(), 'registry.csv');
  fs.writeFileSync(f, [HEAD, ...lines].join('\n') + '\n');
  return f;
}

async function show(ws: string): Promise<Registry> {
  return JSON.parse((await run(['registry', 'show', '--json', '-w', ws])).stdout) as Registry;
}

describe('registry import with requisites columns', () => {
  it('stores each school\'s requisites; a wrong БИК is an error at its cell and that school keeps what it had', async () => {
    const ws = await newWorkspace();
    const r = await run([
      'registry', 'import',
      file([`0101;СОШ 1;01;Город;1801001689;180101001;г. Заречный, ул. Школьная, 1;Иванова Ирина Петровна;${BANK}`, '0102;СОШ 2;01;Город;1801744099;180101001;г. Заречный, ул. Школьная, 2;Петров Сергей Николаевич;12345;;']),
      '--json', '-w', ws,
    ]);
    expect(r.code, r.stderr).toBe(1);
    const findings = JSON.parse(r.stdout).findings as { code: string; row: number; column: string; school?: string }[];
    expect(findings.map((f) => [f.code, f.row, f.column])).toEqual([['requisites-bik-invalid', 3, 'I']]);
    const registry = await show(ws);
    expect(registry.schools.find((s) => s.code === '0101')!.requisites).toEqual({
      legal_address: 'г. Заречный, ул. Школьная, 1',
      head_name: 'Иванова Ирина Петровна',
      bik: '019401001',
      account: '03234643000000019400',
      corr_account: '40102810745370000001',
    });
    expect(registry.schools.find((s) => s.code === '0102')!.requisites).toBeUndefined();
  });

  it('a file giving only some requisites keeps the others stored, and the school counts as changed', async () => {
    const ws = await newWorkspace();
    const first = file([`0101;СОШ 1;01;Город;1801001689;180101001;г. Заречный, ул. Школьная, 1;Иванова Ирина Петровна;${BANK}`]);
    expect((await run(['registry', 'import', first, '-w', ws])).code).toBe(0);
    const again = file(['0101;СОШ 1;01;Город;1801001689;180101001;г. Заречный, ул. Новая, 7;;;;']);
    const r = await run(['registry', 'import', again, '--json', '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).imported).toMatchObject({ added: 0, changed: 1, unchanged: false });
    expect((await show(ws)).schools[0]!.requisites).toEqual({
      legal_address: 'г. Заречный, ул. Новая, 7',
      head_name: 'Иванова Ирина Петровна',
      bik: '019401001',
      account: '03234643000000019400',
      corr_account: '40102810745370000001',
    });
  });
});
