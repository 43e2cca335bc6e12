/**
 * Schools' cards (textbook plan stage 3): `registry cards` writes a card per school, a school corrects
 * it in Excel (here exceljs), `registry import-cards` shows the differences and with --apply writes
 * them into the registry, and the stage is done for the schools whose card came back
 * (src/features/registry/cards*.ts, src/features/deadlines/store.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../../src/core/model/registry.js';
import { findSoffice } from '../../../src/io/sheets/convert.js';
import { compareCard } from '../../../src/features/registry/cards.js';
import { FIXTURES, newWorkspace, run, tempDir } from '../../support/cli.js';

/** Writes `value` into the «Исправленное значение» cell of the row whose field key is `field`. */
async function correct(file: string, values: Record<string, string | number>): Promise<Record<string, string>> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets.find((s) => s.state === 'visible')!;
  const cells: Record<string, string> = {};
  sheet.eachRow((row, n) => {
    const key = row.getCell(1).value;
    if (typeof key === 'string' && key in values) {
      row.getCell(4).value = values[key]!;
      cells[key] = `D${n}`;
    }
  });
  await wb.xlsx.writeFile(file);
  return cells;
}

const soffice = findSoffice();
if (!soffice) console.warn('LibreOffice (soffice) is not on PATH: that a school card opens in it is NOT tested');

function registryOf(ws: string): Registry {
  return JSON.parse(fs.readFileSync(path.join(ws, 'state', 'registry.json'), 'utf8')) as Registry;
}

interface CheckJson {
  overdue: { stage: number; plan: string; entities: string[] }[];
}

describe('registry cards → import-cards → stage 3', () => {
  let ws: string;
  let dir: string;
  beforeAll(async () => {
    ws = await newWorkspace(['--template', 'textbooks']);
    expect((await run(['registry', 'import', path.join(FIXTURES, 'region', 'registry.csv'), '-w', ws])).code).toBe(0);
    dir = tempDir();
    const r = await run(['registry', 'cards', '--out', dir, '--municipality', '01', '-w', ws]);
    expect(r.code).toBe(0);
  });

  it('writes one card per school of the municipality, with the registry’s values', async () => {
    const schools = registryOf(ws).schools.filter((s) => s.municipality === '01');
    expect(fs.readdirSync(dir).sort()).toEqual(schools.map((s) => `${s.code}.xlsx`).sort());
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, '0101.xlsx'));
    const sheet = wb.worksheets[0]!;
    const byKey = new Map<string, unknown>();
    sheet.eachRow((row) => byKey.set(String(row.getCell(1).value), row.getCell(3).value));
    const school = schools.find((s) => s.code === '0101')!;
    expect(sheet.getCell('A2').value).toBe('Код ОО:');
    expect(sheet.getCell('B2').value).toBe('0101');
    expect(byKey.get('inn')).toBe(school.inn);
    expect(byKey.get('full_name')).toBe(school.full_name);
    expect(byKey.get('students_5')).toBe(String(school.students!['5']));
  });

  it.runIf(soffice)('a card opens in LibreOffice with its text', () => {
    const out = path.join(tempDir(), 'csv');
    execFileSync(
      soffice!,
      ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(out, 'profile')}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1', '--outdir', out, path.join(dir, '0104.xlsx')],
      { stdio: 'ignore', timeout: 180_000 },
    );
    const csv = fs.readFileSync(path.join(out, '0104.csv'), 'utf8');
    expect(csv).toContain('Исправленное значение');
    expect(csv).toContain('"Код ОО:";"0104"');
  });

  it('shows the differences, refuses a value that fails the registry’s checks at its cell, applies the rest and completes stage 3 for that school only', async () => {
    const good = path.join(dir, '0102.xlsx');
    const bad = path.join(dir, '0103.xlsx');
    await correct(good, { full_name: 'МБОУ «Средняя школа № 2» (исправлено)', students_5: 31 });
    const badCells = await correct(bad, { kpp: '18-01' });
    const before = registryOf(ws);

    const preview = await run(['registry', 'import-cards', good, bad, '--json', '-w', ws]);
    expect(preview.code).toBe(1);
    const shown = JSON.parse(preview.stdout) as { cards: { school: string; applied: boolean; changes: { field: string; to: string }[] }[]; findings: { code: string; row: number; column: string; school: string }[] };
    expect(shown.cards.find((c) => c.school === '0102')!.changes.map((c) => [c.field, c.to])).toEqual([
      ['full_name', 'МБОУ «Средняя школа № 2» (исправлено)'],
      ['students_5', '31'],
    ]);
    expect(shown.findings.map((f) => [f.code, f.school, `${f.column}${f.row}`])).toEqual([['requisites-kpp-invalid', '0103', badCells.kpp]]);
    expect(registryOf(ws)).toEqual(before);

    const applied = await run(['registry', 'import-cards', good, bad, '--apply', '-w', ws]);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain('Полное наименование');
    const after = registryOf(ws).schools;
    expect(after.find((s) => s.code === '0102')).toMatchObject({ full_name: 'МБОУ «Средняя школа № 2» (исправлено)', students: { '5': 31 } });
    expect(after.find((s) => s.code === '0103')).toEqual(before.schools.find((s) => s.code === '0103'));
    const journal = fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(journal.at(-1)).toMatchObject({ command: 'registry import-cards', schools: ['0102'], changes: 2 });

    // The same cards again: the corrections are in, so nothing changes and nothing is journaled.
    const again = await run(['registry', 'import-cards', good, '--apply', '-w', ws]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('ничего не изменено');
    expect(fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8').trim().split('\n')).toHaveLength(journal.length);

    const check = JSON.parse((await run(['deadlines', 'check', '--as-of', '2018-02-13', '--plan', 'textbooks', '--json', '-w', ws])).stdout) as CheckJson;
    const stage3 = check.overdue.find((i) => i.stage === 3)!;
    expect(stage3.entities).not.toContain('0102');
    expect(stage3.entities).toContain('0103');
    expect(stage3.entities).toHaveLength(registryOf(ws).schools.length - 1);
  });

  it('a card of a school the registry does not know is a finding at the code’s cell; a students’ count must be a whole number', () => {
    const registry: Registry = { municipalities: [{ code: '01', name: 'Г' }], schools: [{ code: '0101', short_name: 'А', full_name: 'А', municipality: '01', students: { '1': 10 } }] };
    const unknown = compareCard(registry, { file: 'c.xlsx', school: '9999', schoolAt: { file: 'c.xlsx', row: 2, column: 'B' }, corrections: [] });
    expect(unknown.findings.map((f) => [f.code, f.row, f.column])).toEqual([['requisites-school-unknown', 2, 'B']]);
    const students = compareCard(registry, { file: 'c.xlsx', school: '0101', schoolAt: {}, corrections: [{ field: 'students_1', value: '12,5', at: { row: 16, column: 'D' } }, { field: 'students_2', value: 7, at: { row: 17, column: 'D' } }] });
    expect(students.findings.map((f) => [f.code, f.row])).toEqual([['registry-students-invalid', 16]]);
    expect(students.changes.map((c) => [c.field, c.from, c.to])).toEqual([['students_2', '', '7']]);
  });
});
