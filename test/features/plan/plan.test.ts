import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstGradePlan, textbooksPlan } from '../../../src/features/plan/templates.js';
import type { Plan } from '../../../src/features/plan/model.js';
import { newWorkspace, run, tempDir, treeSnapshot } from '../../support/cli.js';
import { seedsDir, seedsPresent } from './seeds.js';

const TEXTBOOKS_SEED = path.join(seedsDir, '000_e16074e7cd54a95d.txt');

async function shown(ws: string, extra: string[] = []): Promise<{ timezone: string; plans: (Plan & Record<string, unknown>)[] }> {
  const r = await run(['plan', 'show', '--json', '-w', ws, ...extra]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

function journal(ws: string): Record<string, unknown>[] {
  return fs
    .readFileSync(path.join(ws, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

/** Stages as data, without what only the JSON of `plan show` adds (deadline_at). */
const stagesOf = (plan: Plan) =>
  plan.stages.map((s) => ({ ...s, executors: s.executors.map(({ deadline_at: _, ...e }: Record<string, unknown>) => e) }));

/** A plan as a «Сроки» + «Ответственные» table (plan 003's shape), written as CSV. */
function responsibleCsv(plan: Plan): string {
  const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
  const rows = [[plan.title], [], ['№ п.п.', 'Этап подготовки', 'Сроки', 'Ответственные']];
  for (const s of plan.stages) rows.push([`${s.number}.`, s.text, s.executors[0]!.deadline_text, s.executors.map((e) => e.name).join(', ')]);
  return rows.map((r) => r.map(q).join(';')).join('\r\n') + '\r\n';
}

describe('init --template', () => {
  it('stores plan 000 for the campaign year, under the lock, with a journal line', async () => {
    const ws = await newWorkspace(['--template', 'textbooks']);
    const { timezone, plans } = await shown(ws);
    expect(timezone).toBe('Europe/Samara');
    expect(plans.map((p) => p.id)).toEqual(['textbooks']);
    expect(stagesOf(plans[0]!)).toEqual(textbooksPlan(2018).stages);
    const stage9 = plans[0]!.stages.find((s) => s.number === 9)!;
    expect(stage9.executors[0]).toMatchObject({ name: 'Школы', deadline_text: 'До 28 февраля', deadline: '2018-02-28', deadline_at: '2018-02-28T23:59:59.999+04:00' });
    const lines = journal(ws);
    expect(lines.map((l) => l.command)).toEqual(['init', 'init']);
    expect(lines[1]).toMatchObject({ changed: ['state/plans.json'], templates: ['textbooks'] });
    expect(fs.existsSync(path.join(ws, '.lock'))).toBe(false);
  });

  it('first-grade: --year is the school year, so 2020 gives the seed’s plan for 2020/21 starting in December 2019', async () => {
    const dir = path.join(tempDir(), 'ws');
    const r = await run(['init', dir, '--year', '2020', '--region', 'Саратовская область', '--tz', 'Europe/Saratov', '--template', 'first-grade']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2020/2021 учебный год: подготовка начинается в 2019 году');
    const plan = (await shown(dir)).plans[0]!;
    expect(plan.id).toBe('first-grade');
    expect(plan.campaign_year).toBe(2019);
    expect(stagesOf(plan)).toEqual(firstGradePlan(2019).stages);
    expect(plan.title).toContain('2020/2021');
    expect(plan.stages.map((s) => s.executors[0]!.deadline)).toEqual([null, '2019-12-27', '2019-12-27', '2019-12-16', '2019-12-16', '2020-01-10', '2020-01-17', '2019-01-20']);
  });

  it('takes both templates, as a comma list or repeated, and --plan picks one', async () => {
    for (const flags of [['--template', 'textbooks,first-grade'], ['--template', 'textbooks', '--template', 'first-grade']]) {
      const ws = await newWorkspace(flags);
      expect((await shown(ws)).plans.map((p) => [p.id, p.campaign_year])).toEqual([
        ['textbooks', 2018],
        ['first-grade', 2017],
      ]);
      expect((await shown(ws, ['--plan', 'first-grade'])).plans.map((p) => p.id)).toEqual(['first-grade']);
    }
  });

  it('an unknown template is a usage error and creates nothing', async () => {
    const dir = path.join(tempDir(), 'ws');
    const r = await run(['init', dir, '--year', '2018', '--region', 'X', '--tz', 'Europe/Samara', '--template', 'textbook']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('textbooks, first-grade');
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('plan show', () => {
  it('prints plan 000 as the seed does — a column per executor — with each deadline’s date', async () => {
    const ws = await newWorkspace(['--template', 'textbooks']);
    const r = await run(['plan', 'show', '-w', ws]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('План работы с АИС «Заказ учебников» по формированию потребности в учебниках на 2018 г. [textbooks]');
    const header = lines.slice(1, 5).join('\n');
    for (const col of ['Мероприятия', 'Школы', 'РЦИ и ОКО', 'Министерство']) expect(header).toContain(col);
    // Stage 1 is the municipalities' (4th column), due «до 16 февраля», i.e. 16.02.2018.
    const stage1 = lines.find((l) => l.startsWith('│ 1. '))!;
    expect(stage1.split('│').map((c) => c.trim())).toEqual(['', '1.', 'Оформление соглашений об', '', 'до 16 февраля', '', '', '']);
    expect(lines[lines.indexOf(stage1) + 1]).toContain('(16.02.2018)');
    // Stages completed from data carry a star, explained under the table.
    expect(lines.some((l) => l.startsWith('│ 9.*'))).toBe(true);
    expect(lines.some((l) => l.startsWith('│ 1.*'))).toBe(false);
    expect(r.stdout).toContain('* выполнение этапа видно по данным рабочей папки');
    expect(r.stdout).toContain('по часовому поясу Europe/Samara');
  });

  it('prints plan 003 with «Сроки» and «Ответственные», sharing a line between executors with one deadline, and its notes', async () => {
    const dir = path.join(tempDir(), 'ws');
    await run(['init', dir, '--year', '2020', '--region', 'X', '--tz', 'Europe/Saratov', '--template', 'first-grade']);
    const r = await run(['plan', 'show', '-w', dir, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ Deadline\s+│ Responsible\s+│/);
    const stage2 = r.stdout.split('\n').find((l) => l.startsWith('│ 2. '))!;
    expect(stage2).toMatch(/│ До 27\.12\.2019\s+│ Руководители МООУСО,\s+│$/);
    expect(r.stdout).toContain('ОО – образовательные организации');
    expect(r.stdout).toContain('Europe/Saratov');
  });

  it('says how to get a plan when the workspace has none (exit 4), and names the plans it has for a wrong --plan (exit 2)', async () => {
    const bare = await newWorkspace();
    const none = await run(['plan', 'show', '-w', bare]);
    expect(none.code).toBe(4);
    expect(none.stderr).toContain('--template textbooks');
    const ws = await newWorkspace(['--template', 'textbooks']);
    const wrong = await run(['plan', 'show', '--plan', 'first-grade', '-w', ws]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Есть: textbooks');
  });
});

describe('plan import', () => {
  it.runIf(seedsPresent)('reads seed 000 as the textbook plan, keeps its completion rules, and a second load changes nothing', async () => {
    const ws = await newWorkspace();
    const first = await run(['plan', 'import', TEXTBOOKS_SEED, '-w', ws, '--json']);
    expect(first.stderr).toContain('этапов 22, из них по данным рабочей папки отмечаются 16');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ ok: true, summary: { errors: 0, warnings: 0 }, imported: { plan: 'textbooks', stages: 22, data_stages: 16, unchanged: false, replaced: false } });

    const plan = (await shown(ws)).plans[0]!;
    const template = textbooksPlan(2018);
    expect(plan.stages.map((s) => [s.number, s.completion])).toEqual(template.stages.map((s) => [s.number, s.completion]));
    expect(plan.stages.map((s) => s.executors.map((e) => [e.name, e.deadline]))).toEqual(template.stages.map((s) => s.executors.map((e) => [e.name, e.deadline])));
    expect(plan.source).toMatchObject({ file: TEXTBOOKS_SEED, stored: expect.stringMatching(/^inputs\/[0-9a-f]{64}\.txt$/) });

    const before = treeSnapshot(ws);
    const again = await run(['plan', 'import', TEXTBOOKS_SEED, '-w', ws]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('уже загружен, ничего не изменилось');
    expect(treeSnapshot(ws)).toEqual(before);
  });

  it('reads plan 003’s shape, dates it for the school year, and reports the mistyped year at its cell (exit 1)', async () => {
    const dir = path.join(tempDir(), 'ws');
    await run(['init', dir, '--year', '2020', '--region', 'X', '--tz', 'Europe/Saratov']);
    const file = path.join(tempDir(), 'priem.csv');
    fs.writeFileSync(file, responsibleCsv(firstGradePlan(2019)));
    const r = await run(['plan', 'import', file, '-w', dir, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.imported).toMatchObject({ plan: 'first-grade', stages: 8, data_stages: 6 });
    // A CSV row is the record's number, as a spreadsheet shows it (issue 16, pattern 8): title, blank
    // line, header, then stage 1 in row 4 and stage 8 in row 11 — though the texts of stages 2, 3 and 7
    // span 4, 4 and 2 lines, so stage 8 starts on line 18 of the text.
    expect(report.findings).toEqual([
      expect.objectContaining({ code: 'schedule-order-inconsistent', severity: 'error', file, cell: 'C11', expected: '2020-01-20', actual: '2019-01-20' }),
    ]);
    expect(report.findings[0].message).toContain('должно быть 20.01.2020');
    const plan = (await shown(dir)).plans[0]!;
    expect(plan.campaign_year).toBe(2019);
    expect(plan.stages.filter((s) => s.completion).map((s) => [s.number, s.completion])).toEqual([
      [3, { kind: 'meetings' }],
      [4, { kind: 'operators', unit: 'municipality', step: 'approved' }],
      [5, { kind: 'operators', unit: 'school', step: 'approved' }],
      [6, { kind: 'operators', unit: 'school', step: 'application' }],
      [7, { kind: 'vacancies', step: 'submitted' }],
      [8, { kind: 'vacancies', step: 'approved' }],
    ]);
  });

  it('keeps a table that is no template’s copy as «imported», without completion rules, and --id names it', async () => {
    const ws = await newWorkspace(['--template', 'textbooks']);
    const file = path.join(tempDir(), 'own.csv');
    fs.writeFileSync(file, '№;Мероприятия;Школы;Министерство\n1.;Инвентаризация фонда;до 5 марта;\n2.;Сводный отчёт;;до 12 марта\n');
    expect((await run(['plan', 'import', file, '-w', ws])).code).toBe(0);
    expect((await run(['plan', 'import', file, '--id', 'library', '-w', ws])).code).toBe(0);
    const plans = (await shown(ws)).plans;
    expect(plans.map((p) => p.id)).toEqual(['textbooks', 'imported', 'library']);
    expect(plans[1]!.stages.map((s) => [s.number, s.completion, s.executors[0]!.deadline])).toEqual([
      [1, undefined, '2018-03-05'],
      [2, undefined, '2018-03-12'],
    ]);
  });

  it('a file with no plan table is an input error (exit 3) and changes nothing', async () => {
    const ws = await newWorkspace();
    const file = path.join(tempDir(), 'not-a-plan.csv');
    fs.writeFileSync(file, 'Школа;Количество\n0101;5\n');
    const before = treeSnapshot(ws);
    const r = await run(['plan', 'import', file, '-w', ws]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^uchebnik: в файле «.+not-a-plan\.csv» не найдена таблица плана/);
    expect(treeSnapshot(ws)).toEqual(before);
  });
});
