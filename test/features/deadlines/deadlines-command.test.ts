import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, newWorkspace, run, tempDir, treeSnapshot } from '../../support/cli.js';
import { expectGolden } from '../../support/golden.js';

const REGISTRY = path.join(FIXTURES, 'region', 'registry.csv');
/** The example region: municipalities 01 (0101–0108), 02 (0201–0206), 03 (0301–0305). */
const SCHOOLS = ['0101', '0102', '0103', '0104', '0105', '0106', '0107', '0108', '0201', '0202', '0203', '0204', '0205', '0206', '0301', '0302', '0303', '0304', '0305'];

interface Item {
  plan: string;
  stage: number;
  executor: string;
  deadline: string;
  entities: string[];
  entities_total?: number;
  days_overdue?: number;
  days_left?: number;
}
interface Check {
  as_of: string;
  timezone: string;
  overdue: Item[];
  due_soon: Item[];
}

async function region(extraInit: string[] = ['--template', 'textbooks']): Promise<string> {
  const ws = await newWorkspace(extraInit);
  expect((await run(['registry', 'import', REGISTRY, '-w', ws])).code).toBe(0);
  return ws;
}

async function check(ws: string, args: string[]): Promise<{ code: number; result: Check; stderr: string }> {
  const r = await run(['deadlines', 'check', '--json', '-w', ws, ...args]);
  return { code: r.code, result: JSON.parse(r.stdout) as Check, stderr: r.stderr };
}

/** Stage → the entities still to do it, for the overdue (or due-soon) items of a check. */
const late = (items: Item[]): Record<number, string[]> => Object.fromEntries(items.map((i) => [i.stage, i.entities]));

/** A state file as another area writes it (state/<name>.json with its schema version). */
function putState(ws: string, name: string, data: object): void {
  const file = path.join(ws, 'state', `${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ schema: 1, ...data }, null, 2) + '\n');
}

const SOURCE = { file: 'order.xlsx', sha256: '0'.repeat(64), stored: `inputs/${'0'.repeat(64)}.xlsx` };

/** state/orders/<school>.json: an OrderRecord (src/core/model/order-lifecycle.ts) with the given versions. */
function putOrder(ws: string, school: string, versions: { state: 'draft' | 'agreed' | 'formed'; submitted_at: string; agreed_at?: string; formed_at?: string }[]): void {
  putState(ws, `orders/${school}`, {
    school,
    municipality: school.slice(0, 2),
    versions: versions.map((v, i) => ({ version: i + 1, ...v, source: SOURCE, lines: [], totals: { copies: 0, sum_kopecks: 0 }, errors: 0 })),
  });
}

const formed = { state: 'formed' as const, submitted_at: '2018-02-20T10:00:00.000+04:00', agreed_at: '2018-02-22T10:00:00.000+04:00', formed_at: '2018-02-27T10:00:00.000+04:00' };

function journal(ws: string): Record<string, unknown>[] {
  return fs
    .readFileSync(path.join(ws, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('deadlines lint', () => {
  it('finds nothing wrong in plan 000 (exit 0)', async () => {
    const ws = await newWorkspace(['--template', 'textbooks']);
    const r = await run(['deadlines', 'lint', '--json', '-w', ws]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, summary: { files: 1, rows: 22, errors: 0, warnings: 0 }, findings: [] });
  });

  it('reports plan 003’s stage 8 «До 20.01.2019» and suggests 20.01.2020 (exit 1)', async () => {
    const dir = path.join(tempDir(), 'ws');
    await run(['init', dir, '--year', '2020', '--region', 'X', '--tz', 'Europe/Saratov', '--template', 'first-grade']);
    const r = await run(['deadlines', 'lint', '--json', '-w', dir]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([
      {
        code: 'schedule-order-inconsistent',
        severity: 'error',
        title: 'Сроки этапов не по порядку',
        file: 'state/plans.json#first-grade',
        message: expect.stringContaining('должно быть 20.01.2020'),
        params: expect.objectContaining({ stage: 8, date: '20.01.2019', suggestion: '20.01.2020' }),
        expected: '2020-01-20',
        actual: '2019-01-20',
      },
    ]);
    const human = await run(['deadlines', 'lint', '-w', dir]);
    expect(human.code).toBe(1);
    expectGolden('deadlines-lint.txt', human);
  });
});

describe('deadlines check: the end of the deadline day in the campaign’s zone (Europe/Samara)', () => {
  // Stages 1 and 2 are the municipalities' «до 16 февраля»; nothing else of theirs is due before March.
  const municipalities = ['--executor', 'Управления образования'];

  it('«до 16 февраля» is not overdue at 23:30 local on the 16th, nor at that instant in UTC', async () => {
    const ws = await region();
    for (const asOf of ['2018-02-16T23:30', '2018-02-16T19:30:00Z', '2018-02-16']) {
      const { code, result } = await check(ws, ['--as-of', asOf, ...municipalities]);
      expect(result.overdue).toEqual([]);
      expect(code).toBe(0);
    }
    expect((await check(ws, ['--as-of', '2018-02-16T19:30:00Z', ...municipalities])).result.as_of).toBe('2018-02-16T23:30:00.000+04:00');
  });

  it('and is overdue at 00:30 local on the 17th, and at that instant in UTC (exit 1)', async () => {
    const ws = await region();
    for (const asOf of ['2018-02-17T00:30', '2018-02-16T20:30:00Z', '17.02.2018']) {
      const { code, result } = await check(ws, ['--as-of', asOf, ...municipalities]);
      expect(code).toBe(1);
      expect(result.timezone).toBe('Europe/Samara');
      expect(result.overdue.map((i) => [i.stage, i.executor, i.deadline, i.days_overdue, i.entities])).toEqual([
        [1, 'Управления образования', '2018-02-16', 1, ['01', '02', '03']],
        [2, 'Управления образования', '2018-02-16', 1, ['01', '02', '03']],
      ]);
    }
    expect((await check(ws, ['--as-of', '2018-02-16T20:30:00Z', ...municipalities])).result.as_of).toBe('2018-02-17T00:30:00.000+04:00');
  });
});

describe('deadlines check: the nightly batch', () => {
  /** Schools 0102 and 0205 agreed but did not form, 0303 only submitted, 0304 nothing; the rest formed by 27 February. */
  async function batch(): Promise<string> {
    const ws = await region();
    for (const school of SCHOOLS) {
      if (school === '0304') continue;
      if (school === '0303') putOrder(ws, school, [{ state: 'draft', submitted_at: formed.submitted_at }]);
      else if (school === '0102' || school === '0205') putOrder(ws, school, [{ state: 'agreed', submitted_at: formed.submitted_at, agreed_at: formed.agreed_at }]);
      else putOrder(ws, school, [formed]);
    }
    // Stage 3 (schools check their accounts) has no data: the region marks it done.
    expect((await run(['deadlines', 'done', '3', '-w', ws])).code).toBe(0);
    return ws;
  }

  it('after stage 9’s deadline names exactly the schools that have not formed their order, and exits 1', async () => {
    const ws = await batch();
    const { code, result } = await check(ws, ['--as-of', '2018-03-01', '--executor', 'Школы']);
    expect(code).toBe(1);
    expect(result.overdue.map((i) => [i.stage, i.days_overdue, i.entities_total, i.entities])).toEqual([
      [7, 2, 19, ['0304']],
      [8, 2, 19, ['0303', '0304']],
      [9, 1, 19, ['0102', '0205', '0303', '0304']],
    ]);
    expect(result.due_soon).toEqual([]);
  });

  it('after those schools form their orders, exits 0', async () => {
    const ws = await batch();
    for (const school of ['0102', '0205', '0303', '0304']) putOrder(ws, school, [{ ...formed, formed_at: '2018-03-01T18:00:00.000+04:00' }]);
    const { code, result } = await check(ws, ['--as-of', '2018-03-01', '--executor', 'Школы']);
    expect(result.overdue).toEqual([]);
    expect(code).toBe(0);
  });

  it('golden: the whole check as people read it and as scripts get it', async () => {
    const ws = await batch();
    const human = await run(['deadlines', 'check', '--as-of', '2018-03-01', '-w', ws]);
    expect(human.code).toBe(1);
    expect(human.stderr).toBe('');
    expectGolden('deadlines-check.txt', human, { times: false });
    const en = await run(['deadlines', 'check', '--as-of', '2018-03-01', '-w', ws, '--lang', 'en']);
    expectGolden('deadlines-check.en.txt', en, { times: false });
    const json = await run(['deadlines', 'check', '--as-of', '2018-03-01', '--json', '-w', ws]);
    expect(json.code).toBe(1);
    expectGolden('deadlines-check.json.txt', json, { times: false });
  });

  it('through the order commands themselves: submitted, agreed and formed orders complete stages 7–9', async () => {
    const ws = await region();
    const orders = fs
      .readdirSync(path.join(FIXTURES, 'region', 'orders'))
      .filter((n) => /\.(xlsx|csv)$/.test(n))
      .map((n) => path.join(FIXTURES, 'region', 'orders', n));
    for (const name of ['prosveshchenie.xlsx', 'drofa.csv', 'russkoe-slovo.xlsx']) {
      const publisher = { 'prosveshchenie.xlsx': 'Просвещение', 'drofa.csv': 'Дрофа', 'russkoe-slovo.xlsx': 'Русское слово' }[name]!;
      expect((await run(['pricelist', 'load', path.join(FIXTURES, 'region', 'pricelists', name), '--publisher', publisher, '-w', ws])).code).toBe(0);
    }
    // The example orders have planted mistakes (reported with exit 1); --force keeps them so that every school has submitted.
    expect((await run(['order', 'submit', ...orders, '--force', '-w', ws])).code).toBe(1);
    expect(fs.readdirSync(path.join(ws, 'state', 'orders'))).toHaveLength(SCHOOLS.length);
    for (const m of ['01', '02', '03']) expect((await run(['order', 'agree', '--municipality', m, '-w', ws])).code).toBe(0);
    for (const m of ['01', '03']) expect((await run(['order', 'form', '--municipality', m, '-w', ws])).code).toBe(0);
    await run(['deadlines', 'done', '3', '-w', ws]);

    const before = await check(ws, ['--as-of', '2018-03-01', '--executor', 'schools']);
    expect(late(before.result.overdue)).toEqual({ 9: ['0201', '0202', '0203', '0204', '0205', '0206'] });
    expect(before.code).toBe(1);
    // Stage 6 (price lists loaded) is done from the data, too.
    expect((await check(ws, ['--as-of', '2018-03-01', '--executor', 'РЦИ и ОКО'])).result.overdue).toEqual([]);

    expect((await run(['order', 'form', '--municipality', '02', '-w', ws])).code).toBe(0);
    const after = await check(ws, ['--as-of', '2018-03-01', '--executor', 'schools']);
    expect(after.result.overdue).toEqual([]);
    expect(after.code).toBe(0);
  });
});

describe('deadlines check: completion from every kind of data', () => {
  it('price lists, consolidations, recommendations (round 2 only for the schools they concern), specifications', async () => {
    const ws = await region();
    const overdue = async () => late((await check(ws, ['--as-of', '2018-03-31'])).result.overdue);
    for (const school of SCHOOLS) putOrder(ws, school, [formed]);
    await run(['deadlines', 'done', '3', '-w', ws]);

    // Without recommendations nobody has an order to correct: stages 16, 17 and 19 require no one.
    expect(Object.keys(await overdue()).map(Number)).toEqual([1, 2, 4, 5, 6, 10, 11, 12, 13, 14, 15, 18, 20, 21, 22]);

    putState(ws, 'pricelists/Просвещение', { publisher: 'Просвещение', versions: [{ version: 1, loaded_at: '2018-02-19T12:00:00.000+04:00', items: [] }] });
    putState(ws, 'consolidations/01', { scope: 'municipality', municipality: '01', runs: [{ at: '2018-03-01T12:00:00.000+04:00' }] });
    putState(ws, 'consolidations/02', { scope: 'municipality', municipality: '02', runs: [{ at: '2018-03-01T12:00:00.000+04:00', round: 1 }] });
    putState(ws, 'consolidations/region', { scope: 'region', runs: [{ at: '2018-03-02T12:00:00.000+04:00' }] });
    let now = await overdue();
    expect(now[6]).toBeUndefined();
    expect(now[10]).toEqual(['03']);
    expect(now[11]).toBeUndefined();
    // Round 2 needs a run after the recommendations; there are none yet.
    expect(now[20]).toEqual(['01', '02', '03']);
    expect(now[21]).toEqual([]);

    putState(ws, 'recommendations', { loaded_at: '2018-03-15T10:00:00.000+04:00', split_at: '2018-03-16T10:00:00.000+04:00', schools: ['0101', '0201'] });
    // 0101 corrected its order after the recommendations; 0201's second version came before them.
    putOrder(ws, '0101', [formed, { state: 'formed', submitted_at: '2018-03-20T10:00:00.000+04:00', agreed_at: '2018-03-21T10:00:00.000+04:00', formed_at: '2018-03-22T10:00:00.000+04:00' }]);
    putOrder(ws, '0201', [formed, { state: 'agreed', submitted_at: '2018-03-10T10:00:00.000+04:00', agreed_at: '2018-03-11T10:00:00.000+04:00' }]);
    putState(ws, 'consolidations/01', { scope: 'municipality', municipality: '01', runs: [{ at: '2018-03-01T12:00:00.000+04:00' }, { at: '2018-03-25T12:00:00.000+04:00' }] });
    putState(ws, 'consolidations/02', { scope: 'municipality', municipality: '02', runs: [{ at: '2018-03-01T12:00:00.000+04:00', round: 1 }, { at: '2018-03-02T12:00:00.000+04:00', round: 2 }] });
    putState(ws, 'specifications', { exported_at: '2018-03-28T12:00:00.000+04:00' });
    now = await overdue();
    for (const stage of [13, 14, 15, 22]) expect(now[stage]).toBeUndefined();
    expect(now[16]).toEqual(['0201']);
    // Stage 17 is the municipalities' agreement of the corrected orders of their schools.
    expect(now[17]).toEqual(['02']);
    expect(now[19]).toEqual(['0201']);
    expect(now[20]).toEqual(['03']);
    const full = (await check(ws, ['--as-of', '2018-03-31'])).result.overdue.find((i) => i.stage === 16)!;
    expect(full.entities_total).toBe(2);
  });

  it('first-grade vacancies through the vacancies commands: submitted per school (stage 7), approved per municipality (stage 8)', async () => {
    const dir = path.join(tempDir(), 'ws');
    await run(['init', dir, '--year', '2020', '--region', 'X', '--tz', 'Europe/Samara', '--template', 'first-grade']);
    await run(['registry', 'import', REGISTRY, '-w', dir]);
    expect((await run(['vacancies', 'submit', path.join(FIXTURES, 'region', 'vacancies', 'mo-01.xlsx'), '-w', dir])).code).toBe(0);
    expect((await run(['vacancies', 'approve', '--municipality', '01', '-w', dir])).code).toBe(0);
    const { result } = await check(dir, ['--as-of', '2020-01-21']);
    const now = late(result.overdue);
    expect(now[7]).toEqual(SCHOOLS.filter((s) => !s.startsWith('01')));
    expect(now[8]).toEqual(['02', '03']);
  });
});

describe('deadlines done', () => {
  it('marks a whole stage, is journaled, and marking it again changes nothing', async () => {
    const ws = await region();
    const r = await run(['deadlines', 'done', '1', '--note', 'соглашения подписаны', '-w', ws]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Этап 1 плана «textbooks» отмечен выполненным (все исполнители): весь этап.');
    const marks = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'deadline-marks.json'), 'utf8'));
    expect(marks).toMatchObject({ schema: 1, marks: [{ plan: 'textbooks', stage: 1, note: 'соглашения подписаны', at: expect.stringMatching(/\+04:00$/) }] });
    expect(journal(ws).at(-1)).toMatchObject({ command: 'deadlines done', changed: ['state/deadline-marks.json'], plan: 'textbooks', stage: 1 });

    const before = treeSnapshot(ws);
    const again = await run(['deadlines', 'done', '1', '-w', ws]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('ничего не изменилось');
    expect(treeSnapshot(ws)).toEqual(before);
    expect((await check(ws, ['--as-of', '2018-02-17', '--executor', 'municipality'])).result.overdue.map((i) => i.stage)).toEqual([2]);
  });

  it('marks schools or municipalities; a municipality’s code marks its schools in a per-school stage; --undo removes a mark', async () => {
    const ws = await region();
    expect((await run(['deadlines', 'done', '2', '--entity', '01,02', '-w', ws])).code).toBe(0);
    expect((await run(['deadlines', 'done', '3', '--entity', '01', '--entity', '0201', '--at', '2018-02-10', '-w', ws])).code).toBe(0);
    const now = late((await check(ws, ['--as-of', '2018-02-17'])).result.overdue);
    expect(now[2]).toEqual(['03']);
    expect(now[3]).toEqual(SCHOOLS.filter((s) => !s.startsWith('01') && s !== '0201'));
    const mark = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'deadline-marks.json'), 'utf8')).marks.find((m: { entity?: string }) => m.entity === '0201');
    expect(mark.at).toBe('2018-02-10T23:59:59.999+04:00');

    const undo = await run(['deadlines', 'done', '2', '--entity', '02', '--undo', '-w', ws]);
    expect(undo.code).toBe(0);
    expect(undo.stderr).toContain('Снята отметка');
    expect(late((await check(ws, ['--as-of', '2018-02-17'])).result.overdue)[2]).toEqual(['02', '03']);
    expect(journal(ws).at(-1)).toMatchObject({ command: 'deadlines done', stage: 2, entities: ['02'], undo: true });
  });

  it('--executor marks one executor of a stage several share (plan 003, stage 2)', async () => {
    const dir = path.join(tempDir(), 'ws');
    await run(['init', dir, '--year', '2020', '--region', 'X', '--tz', 'Europe/Samara', '--template', 'first-grade']);
    await run(['registry', 'import', REGISTRY, '-w', dir]);
    expect((await run(['deadlines', 'done', '2', '--executor', 'доу', '-w', dir])).code).toBe(0);
    const stage2 = (await check(dir, ['--as-of', '2019-12-28'])).result.overdue.filter((i) => i.stage === 2);
    expect(stage2.map((i) => i.executor)).toEqual(['Руководители МООУСО', 'ОО']);
  });

  it('refuses what cannot be marked, with exit 2 and nothing written', async () => {
    const ws = await region(['--template', 'textbooks,first-grade']);
    const before = treeSnapshot(ws);
    const cases: [string[], string][] = [
      [['1'], 'укажите, какой: --plan'],
      [['99', '--plan', 'textbooks'], 'этапа «99» в плане «textbooks» нет'],
      [['1', '--plan', 'textbooks', '--entity', '9999'], '«9999» — в реестре нет'],
      [['4', '--plan', 'textbooks', '--entity', '01'], 'один раз за регион'],
      [['1', '--plan', 'textbooks', '--entity', '0101'], '«0101» — школа'],
      [['1', '--plan', 'textbooks', '--executor', 'Школы'], 'исполнителя «Школы» в плане нет'],
      [['1', '--plan', 'textbooks', '--at', '31.02.2018'], 'неверное значение --at'],
    ];
    for (const [args, message] of cases) {
      const r = await run(['deadlines', 'done', ...args, '-w', ws]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(treeSnapshot(ws)).toEqual(before);
  });
});

describe('deadlines check: options and edge cases', () => {
  it('--within decides what is due soon', async () => {
    const ws = await region();
    await run(['deadlines', 'done', '3', '-w', ws]);
    const week = await check(ws, ['--as-of', '2018-02-20', '--within', '1w', '--executor', 'Школы']);
    expect(week.code).toBe(0);
    expect(week.result.due_soon.map((i) => [i.stage, i.days_left, i.entities.length])).toEqual([
      [7, 7, 19],
      [8, 7, 19],
    ]);
    expect((await check(ws, ['--as-of', '2018-02-20', '--within', '3d', '--executor', 'Школы'])).result.due_soon).toEqual([]);
    const human = await run(['deadlines', 'check', '--as-of', '2018-02-20', '--within', '1w', '--executor', 'Школы', '-w', ws]);
    expect(human.stdout).toContain('Скоро срок (1 неделя и меньше)');
    expect(human.stdout).toContain('этап 7, срок 27.02.2018, осталось 7 дней');
  });

  it('lists at most 20 codes for people, all of them in JSON', async () => {
    const ws = await newWorkspace(['--template', 'textbooks']);
    const file = path.join(tempDir(), 'big.csv');
    const rows = Array.from({ length: 25 }, (_, i) => `07${String(i + 1).padStart(2, '0')};Школа ${i + 1};07`);
    fs.writeFileSync(file, ['Код ОО;Наименование;Код МО', ...rows].join('\n') + '\n');
    expect((await run(['registry', 'import', file, '-w', ws])).code).toBe(0);
    const human = await run(['deadlines', 'check', '--as-of', '2018-03-01', '--executor', 'Школы', '-w', ws]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('заказ не сформирован: 25 из 25 школ');
    expect(human.stdout).toContain('0720, и ещё 5');
    expect(human.stdout).not.toContain('0721');
    const json = await check(ws, ['--as-of', '2018-03-01', '--executor', 'Школы']);
    expect(late(json.result.overdue)[9]).toHaveLength(25);
  });

  it('without a registry, per-school stages are overdue as a whole, and it says why', async () => {
    const ws = await newWorkspace(['--template', 'textbooks']);
    const { code, result, stderr } = await check(ws, ['--as-of', '2018-03-01', '--executor', 'Школы']);
    expect(code).toBe(1);
    expect(result.overdue.map((i) => [i.stage, i.entities])).toEqual([
      [3, []],
      [7, []],
      [8, []],
      [9, []],
    ]);
    expect(stderr).toContain('Реестр пуст');
  });

  it('bad flags are usage errors; a workspace without a plan is a workspace problem', async () => {
    const ws = await region();
    const cases: [string[], string][] = [
      [['--as-of', '2018-02-30'], 'неверное значение --as-of'],
      [['--as-of', 'вчера'], 'неверное значение --as-of'],
      [['--within', 'скоро'], 'неверное значение --within'],
      [['--executor', 'Губернатор'], 'исполнителя «Губернатор» в плане нет'],
      [['--plan', 'first-grade'], 'плана «first-grade» в рабочей папке нет'],
    ];
    for (const [args, message] of cases) {
      const r = await run(['deadlines', 'check', ...args, '-w', ws]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    }
    const bare = await newWorkspace();
    for (const sub of ['check', 'lint']) expect((await run(['deadlines', sub, '-w', bare])).code).toBe(4);
  });
});
