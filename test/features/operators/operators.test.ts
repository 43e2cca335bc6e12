import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findSoffice } from '../../../src/io/sheets/convert.js';
import { emailValid, phoneValid, positionAtLeastDeputy } from '../../../src/features/operators/check.js';
import { FIXTURES, newWorkspace, run, tempDir } from '../../support/cli.js';

const REGISTRY = path.join(FIXTURES, 'region', 'registry.csv');
const soffice = findSoffice();
if (!soffice) console.warn('LibreOffice (soffice) is not on PATH: that the operator and meeting documents open in it is NOT tested');

async function region(extra: string[] = []): Promise<string> {
  const ws = await newWorkspace(extra);
  const r = await run(['registry', 'import', REGISTRY, '-w', ws]);
  if (r.code !== 0) throw new Error(r.stderr);
  return ws;
}

type Row = [school: string, name: string, position: string, role: string, email: string, phone: string];
const HEADER = ['Код ОО', 'Ф.И.О.', 'Должность', 'Роль', 'Эл. почта', 'Телефон'];

/** A school-made list: a title, «Муниципалитет: 03», the header on row 3. */
async function list(dir: string, name: string, rows: Row[], municipality = '03'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Список');
  ws.getCell('A1').value = `Муниципалитет: ${municipality}`;
  ws.getRow(3).values = HEADER;
  rows.forEach((r, i) => (ws.getRow(4 + i).values = r));
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const GOOD: Row[] = [
  ['0301', 'Иванова Анна Петровна', 'Заместитель директора по УВР', 'Главный оператор', 'ivanova@school1.ru', '+7 (3412) 12-34-56'],
  ['0301', 'Петров Пётр Ильич', 'Учитель информатики', 'Оператор', 'petrov@school1.ru', '8 912 345 67 89'],
  ['0302', 'Сидорова Мария Ивановна', 'Директор', 'Главный оператор', 'sidorova@school2.ru', '83412223344'],
  ['0303', 'Кузнецов Олег Павлович', 'И.о. директора', 'Главный оператор', 'kuz@school3.ru', '3412 55 66 77'],
  ['0304', 'Орлова Вера Сергеевна', 'Заместитель директора', 'Главный оператор', 'orlova@school4.ru', '+73412000001'],
  ['0305', 'Смирнов Иван Иванович', 'Директор школы', 'Главный оператор', 'smirnov@school5.ru', '+7 341 200 00 02 доб. 15'],
];

interface JsonFinding {
  code: string;
  cell?: string;
  row?: number;
  school?: string;
}

describe('operator rules', () => {
  it('accepts deputy director and above as a chief operator’s position, and nothing below', () => {
    for (const p of ['Директор', 'директор МБОУ СОШ № 2', 'Заместитель директора по ВР', 'Зам. директора', 'И. о. директора', 'Руководитель'])
      expect(positionAtLeastDeputy(p), p).toBe(true);
    for (const p of ['Учитель', 'Секретарь руководителя', 'Заведующий библиотекой', 'Педагог-организатор', 'Директорский помощник'])
      expect(positionAtLeastDeputy(p), p).toBe(false);
  });
  it('tells a malformed e-mail and phone', () => {
    expect(emailValid('a.b@school.ru')).toBe(true);
    for (const e of ['ivanova.school.ru', 'a@b', 'a b@c.ru', 'a@b.ru, c@d.ru']) expect(emailValid(e), e).toBe(false);
    for (const p of ['+7 (3412) 12-34-56', '89123456789', '3412 55 66 77', '+7 341 200 00 02 доб. 15']) expect(phoneValid(p), p).toBe(true);
    for (const p of ['12-34-56', '+7 912 345 67', 'нет', '59123456789']) expect(phoneValid(p), p).toBe(false);
  });
});

describe('operators validate', () => {
  it('points at the cell of each mistake planted in fixtures/first-grade/operators-02.xlsx', async () => {
    const ws = await region();
    const dir = tempDir();
    const file = path.join(FIXTURES, 'first-grade', 'operators-02.xlsx');
    const r = await run(['operators', 'validate', file, '--json', '--annotate', path.join(dir, 'checked'), '-w', ws]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout).findings as JsonFinding[]).map((f) => `${f.code}@${f.cell}`)).toEqual([
      'operator-chief-position@C5',
      'operator-duplicate@B8',
      'operator-chief-missing@D9',
      'operator-email-invalid@E10',
      'operator-phone-invalid@F11',
      'operator-school-unknown@A12',
    ]);
    expect(fs.existsSync(path.join(dir, 'checked', 'operators-02.checked.xlsx'))).toBe(true);
    // The clean lists of 01 and 03 have nothing to report.
    const clean = await run(['operators', 'validate', ...['01', '03'].map((m) => path.join(FIXTURES, 'first-grade', `operators-${m}.xlsx`)), '-w', ws]);
    expect(clean.code, clean.stdout).toBe(0);
  });

  it('finds a school of the municipality missing from the file', async () => {
    const ws = await region();
    const file = await list(tempDir(), 'mo-03.xlsx', GOOD.slice(0, 5));
    const r = await run(['operators', 'validate', file, '--json', '-w', ws]);
    // 0305 is of municipality 03 and not in the file at all: the finding is the file's
    expect((JSON.parse(r.stdout).findings as JsonFinding[]).map((f) => [f.code, f.cell, f.school])).toEqual([['operator-chief-missing', undefined, '0305']]);
  });

  it('reads back its own template; an unfilled school is one without a chief operator', async () => {
    const ws = await region();
    const dir = tempDir();
    const out = path.join(dir, 't.xlsx');
    expect((await run(['operators', 'template', '--municipality', '02', '--out', out, '-w', ws])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('B2').value).toBe('02');
    expect(sheet.getRow(4).values).toContain('ФИО');
    // Fill in the chief operator of the first school only.
    sheet.getCell('C5').value = 'Белова Ольга Ивановна';
    sheet.getCell('D5').value = 'Директор';
    sheet.getCell('F5').value = 'belova@b1.ru';
    sheet.getCell('G5').value = '+7 3412 11 22 33';
    await wb.xlsx.writeFile(out);
    const r = await run(['operators', 'validate', out, '--json', '-w', ws]);
    const findings = JSON.parse(r.stdout).findings as JsonFinding[];
    expect(findings.every((f) => f.code === 'operator-chief-missing')).toBe(true);
    // 0202…0206: each at the role cell of its first (chief operator's) row
    expect(findings.map((f) => f.cell)).toEqual(['E7', 'E9', 'E11', 'E13', 'E15']);
  });
});

describe('operators submit, approve, changes', () => {
  it('applies the changes between two approved versions', async () => {
    // Plan 003 for 2018/19: stage 5 is due 16.12.2017, stage 6 10.01.2018.
    const ws = await region(['--template', 'first-grade']);
    const overdue = async (stage: number) => {
      const d = await run(['deadlines', 'check', '--plan', 'first-grade', '--as-of', '2018-02-01', '--json', '-w', ws]);
      return (JSON.parse(d.stdout).overdue as { stage: number; entities: string[] }[]).find((o) => o.stage === stage);
    };
    const dir = tempDir();
    const v1 = await list(dir, 'v1.xlsx', GOOD);
    expect((await run(['operators', 'submit', v1, '-w', ws])).code).toBe(0);
    expect((await run(['operators', 'approve', '--municipality', '03', '-w', ws])).code).toBe(0);
    // Stage 5 is done by the schools of 03, whose chief operators are approved; the others are late.
    const stage5 = (await overdue(5))!.entities;
    expect(stage5).toContain('0101');
    expect(stage5.filter((s) => s.startsWith('03'))).toEqual([]);
    // A second list from school 0301 alone: Petrov leaves, Lebedev comes, Ivanova's phone changes.
    const v2 = await list(dir, 'v2.xlsx', [
      ['0301', 'Иванова Анна Петровна', 'Заместитель директора по УВР', 'Главный оператор', 'ivanova@school1.ru', '+7 (3412) 99-99-99'],
      ['0301', 'Лебедев Антон Юрьевич', 'Учитель', 'Оператор', 'lebedev@school1.ru', '+7 3412 11 11 11'],
    ]);
    const submitted = await run(['operators', 'submit', v2, '--municipality', '03', '-w', ws]);
    expect(submitted.code, submitted.stderr).toBe(1); // 0302…0305 are not in this file: their chiefs are missing from it
    const forced = await run(['operators', 'submit', v2, '--municipality', '03', '--force', '--reason', 'только школа 0301', '-w', ws]);
    expect(forced.stderr).toMatch(/версия 2/);
    // The other schools were carried over: only the version's open errors stop the approval.
    expect((await run(['operators', 'approve', '--municipality', '03', '-w', ws])).code).toBe(1);
    expect((await run(['operators', 'approve', '--municipality', '03', '--force', '--reason', 'остальные школы не менялись', '-w', ws])).code).toBe(0);

    const out = path.join(dir, 'zayavka.xlsx');
    const r = await run(['operators', 'changes', '--municipality', '03', '--out', out, '--json', '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout);
    expect([c.from, c.to]).toEqual([1, 2]);
    expect(c.totals).toEqual({ added: 1, removed: 1, changed: 1 });
    const unit = c.units[0];
    expect(unit.unit).toBe('0301');
    expect(unit.added.map((p: { full_name: string }) => p.full_name)).toEqual(['Лебедев Антон Юрьевич']);
    expect(unit.removed.map((p: { full_name: string }) => p.full_name)).toEqual(['Петров Пётр Ильич']);
    expect(unit.changed[0].fields).toEqual([{ field: 'phone', before: '+7 (3412) 12-34-56', after: '+7 (3412) 99-99-99' }]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    for (const s of ['Лебедев Антон Юрьевич', 'Петров Пётр Ильич', 'телефон: +7 (3412) 12-34-56 → +7 (3412) 99-99-99']) expect(text).toContain(s);

    // Against version 0 (--since 0) every person of version 2 is new.
    const all = JSON.parse((await run(['operators', 'changes', '--municipality', '03', '--since', '0', '--json', '-w', ws])).stdout);
    expect(all.totals).toEqual({ added: 6, removed: 0, changed: 0 });
  });

  it('keeps the municipal staff (stage 4) with the municipality as the unit', async () => {
    const ws = await region();
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Ответственные');
    sheet.getRow(1).values = ['Код МО', 'ФИО', 'Должность', 'Роль', 'E-mail', 'Телефон'];
    sheet.getRow(2).values = ['01', 'Зайцева Нина Петровна', 'Главный специалист', 'Главный оператор', 'zaitseva@uo01.ru', '+7 3412 40 40 40'];
    sheet.getRow(3).values = ['07', 'Волков Илья', 'Специалист', 'Оператор', 'volkov@uo.ru', '+7 3412 40 40 41'];
    const file = path.join(dir, 'staff.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await run(['operators', 'validate', file, '--unit', 'municipality', '--json', '-w', ws]);
    // A specialist may be the chief here: the plan sets no level for the municipal staff.
    expect((JSON.parse(r.stdout).findings as JsonFinding[]).map((f) => `${f.code}@${f.cell}`)).toEqual(['operator-municipality-unknown@A3']);
  });
});

describe('the documents open in LibreOffice', () => {
  it.runIf(soffice)('the operator list form, the meetings table and the application convert with their text', async () => {
    const ws = await region(['--template', 'first-grade']);
    const dir = tempDir();
    const file = (n: string) => path.join(dir, n);
    expect((await run(['operators', 'template', '--municipality', '03', '--out', file('operators.xlsx'), '-w', ws])).code).toBe(0);
    expect((await run(['meetings', 'template', '--municipality', '03', '--out', file('meetings.xlsx'), '-w', ws])).code).toBe(0);
    expect((await run(['operators', 'submit', path.join(FIXTURES, 'first-grade', 'operators-03.xlsx'), '-w', ws])).code).toBe(0);
    expect((await run(['operators', 'approve', '--municipality', '03', '-w', ws])).code).toBe(0);
    expect((await run(['operators', 'changes', '--municipality', '03', '--out', file('application.xlsx'), '-w', ws])).code).toBe(0);
    const out = path.join(dir, 'csv');
    execFileSync(
      soffice!,
      ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1', '--outdir', out, file('operators.xlsx'), file('meetings.xlsx'), file('application.xlsx')],
      { stdio: 'ignore', timeout: 180_000 },
    );
    const csv = (n: string) => fs.readFileSync(path.join(out, n), 'utf8');
    expect(csv('operators.csv')).toContain('Главный оператор');
    expect(csv('meetings.csv')).toContain('Регистрация в ЕСИА');
    expect(csv('application.csv')).toContain('Щукин Борис Николаевич');
  });
});
