/**
 * A municipality's e-mail in the registry (src/core/model/registry.ts Municipality.email), read from
 * the registry file's «Эл. почта МОУО» column beside the school's own «Эл. почта» requisite, kept by a
 * later file without the column, and the address of `deadlines remind`'s letters to the municipality
 * (src/features/deadlines/remind.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newWorkspace, run, tempDir } from '../../support/cli.js';

function csv(dir: string, name: string, rows: string[][]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.map((r) => r.join(';')).join('\n') + '\n');
  return file;
}

interface Letter {
  kind: string;
  code: string;
  email: string | null;
}

describe('the municipality’s e-mail in the registry', () => {
  it('is read from its own column, kept by a file without it, and addresses the reminder to the municipality', async () => {
    const ws = await newWorkspace(['--template', 'textbooks']);
    const dir = tempDir();
    const header = ['Код ОО', 'Краткое наименование', 'Код МО', 'Муниципальное образование', 'Эл. почта МОУО', 'Эл. почта'];
    const first = csv(dir, 'registry.csv', [
      header,
      ['0101', 'Школа 1', '01', 'Город', 'uo@gorod.ru', 'school1@gorod.ru'],
      ['0102', 'Школа 2', '01', 'Город', 'uo@gorod.ru', ''],
      ['0201', 'Школа 3', '02', 'Район', '', ''],
    ]);
    const r = await run(['registry', 'import', first, '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
    const stored = () => JSON.parse(fs.readFileSync(path.join(ws, 'state', 'registry.json'), 'utf8')) as {
      municipalities: { code: string; email?: string }[];
      schools: { code: string; requisites?: { email?: string } }[];
    };
    expect(stored().municipalities).toEqual([
      { code: '01', name: 'Город', email: 'uo@gorod.ru' },
      { code: '02', name: 'Район' },
    ]);
    // the school's own e-mail stays the school's: the two columns are not confused
    expect(stored().schools.map((s) => [s.code, s.requisites?.email])).toEqual([
      ['0101', 'school1@gorod.ru'],
      ['0102', undefined],
      ['0201', undefined],
    ]);

    const later = csv(dir, 'registry-2.csv', [header.slice(0, 4), ['0101', 'Школа 1', '01', 'Город'], ['0102', 'Школа 2', '01', 'Город']]);
    expect((await run(['registry', 'import', later, '-w', ws])).code).toBe(0);
    expect(stored().municipalities.find((m) => m.code === '01')?.email).toBe('uo@gorod.ru');

    // by 30 March every stage of the textbook plan is overdue, the municipalities' ones too
    const out = path.join(dir, 'letters');
    const remind = await run(['deadlines', 'remind', '--as-of', '2018-03-30', '--out', out, '--json', '-w', ws]);
    expect(remind.code, remind.stderr).toBe(0);
    const letters = (JSON.parse(remind.stdout) as { letters: Letter[] }).letters;
    expect(letters.filter((l) => l.kind === 'municipality').map((l) => [l.code, l.email])).toEqual([
      ['01', 'uo@gorod.ru'],
      ['02', null],
    ]);
    expect(letters.find((l) => l.code === '0101')?.email).toBe('school1@gorod.ru');
    const eml = fs.readFileSync(path.join(out, 'municipality-01.eml'), 'utf8');
    expect(eml).toMatch(/^To: uo@gorod\.ru\r$/mu);
  });
});
