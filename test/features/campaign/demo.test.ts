/**
 * `uchebnik demo DIR` (README.md#start-here-a-fresh-clone): the whole campaign on the example region, in this process.
 * Four example orders carry planted mistakes (fixtures/region/orders/MISTAKES.md): three of them have
 * errors and are refused on submit, 0304 only exceeds its students (a warning) — so 16 of the 19
 * schools end with a formed order. After the corrections round the demo consolidates again (stages
 * 20–21, into round-2/), shows `diff` of the two rounds and writes status.html.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, run, tempDir } from '../../support/cli.js';
import { numericCellsThatAreNot } from '../../support/numeric-cells.js';
import { csvRows } from '../../support/csv-out.js';

const REFUSED = ['0103', '0105', '0202'];

describe('uchebnik demo', () => {
  it('runs every step, exits 0 and leaves the 16 clean schools with formed orders', async () => {
    const dir = path.join(tempDir(), 'demo');
    const r = await run(['demo', dir]);
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    expect(r.stderr).not.toMatch(/внутренняя ошибка|internal error/i);

    const status = await run(['order', 'status', '--json', '-w', dir]);
    expect(status.code).toBe(0);
    const { schools, municipalities } = JSON.parse(status.stdout) as {
      schools: { code: string; state: string; version: number | null }[];
      municipalities: { municipality: string; schools: number; formed: number }[];
    };
    expect(schools).toHaveLength(19);
    const formed = schools.filter((s) => s.state === 'formed');
    expect(formed).toHaveLength(16);
    // after the ministry's recommendations four schools re-submit: their formed order is version 2
    expect(formed.filter((s) => s.version !== 1).map((s) => [s.code, s.version])).toEqual(['0101', '0107', '0302', '0304'].map((c) => [c, 2]));
    const check = await run(['recommendations', 'check', '--json', '-w', dir]);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).summary).toEqual({ applied: 4, partially_applied: 1, not_applied: 1, unrequested: 1 });
    // the analysis after the round: what the recommendations fixed is gone (0101's copybook, 0107's two
    // lines, 0304's excess); 0301 did not re-submit and the three refused schools never ordered
    const analysis = await run(['analyze', '--json', '-w', dir]);
    expect(analysis.code).toBe(0);
    expect((JSON.parse(analysis.stdout).findings as { code: string; school: string }[]).map((f) => `${f.code} ${f.school}`)).toEqual([
      'analyze-no-order 0103',
      'analyze-no-order 0105',
      'analyze-no-order 0202',
      'analyze-item-not-in-fpu 0301',
    ]);
    expect(fs.readdirSync(path.join(dir, 'recommendations', '03')).sort()).toEqual(['municipality-03.xlsx', 'school-0301.xlsx', 'school-0302.xlsx', 'school-0304.xlsx']);
    expect(schools.filter((s) => s.state !== 'formed').map((s) => [s.code, s.state])).toEqual(REFUSED.map((c) => [c, 'none']));
    expect(municipalities.map((m) => [m.municipality, m.schools, m.formed])).toEqual([
      ['01', 8, 6],
      ['02', 6, 5],
      ['03', 5, 5],
    ]);

    // the annotated copies the specialist sends back, and a workspace doctor finds consistent
    expect(fs.readdirSync(path.join(dir, 'checked')).filter((n) => n.endsWith('.checked.xlsx'))).toHaveLength(19);
    expect((await run(['doctor', '-w', dir])).code).toBe(0);

    // The contract package (issue 17): a contract and its annex for every school × publisher of the
    // specification package, with the same sums to the kopeck, each file where the manifest says.
    const manifestRows = (file: string) => {
      const [head, ...rows] = csvRows(file);
      return rows.map((row) => Object.fromEntries(head!.map((h, i) => [h, row[i]!])));
    };
    const contractRows = manifestRows(path.join(dir, 'contracts', 'manifest.csv'));
    const sums = (rows: Record<string, string>[]) => rows.map((x) => `${x.school} ${x.publisher} ${x.sum_kopecks}`).sort();
    expect(sums(contractRows.filter((x) => x.kind === 'contract'))).toEqual(sums(manifestRows(path.join(dir, 'specifications', 'manifest.csv'))));
    expect(contractRows.filter((x) => x.kind === 'specification')).toHaveLength(contractRows.filter((x) => x.kind === 'contract').length);
    for (const x of contractRows) expect(fs.existsSync(path.join(dir, 'contracts', ...x.file!.split('/'))), x.file).toBe(true);

    // The first-grade part (plan 003, stages 2–6): 02's operator list came back with its planted
    // mistakes, so its schools still owe stage 5; 01's two applications to the regional centre are written.
    const firstGrade = JSON.parse((await run(['deadlines', 'check', '--plan', 'first-grade', '--as-of', '2018-03-01', '--json', '-w', dir])).stdout) as {
      overdue: { stage: number; entities: string[] }[];
    };
    expect(firstGrade.overdue.find((o) => o.stage === 5)?.entities).toEqual(['0201', '0202', '0203', '0204', '0205', '0206']);
    expect(firstGrade.overdue.some((o) => o.stage === 3 || o.stage === 4)).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'first-grade')).filter((n) => n.startsWith('application')).sort()).toEqual(['application-01-v2.xlsx', 'application-01.xlsx']);

    // The second round (stages 20–21) is consolidated into round-2/ beside the first round's
    // out/consolidation/, so the demo could show `diff` of the two (each publisher's workbook changed).
    const runs = (name: string) => (JSON.parse(fs.readFileSync(path.join(dir, 'state', 'consolidations', `${name}.json`), 'utf8')) as { runs: { round: number; files: string[] }[] }).runs;
    expect(runs('region').map((r) => [r.round, path.dirname(r.files[0]!)])).toEqual([
      [1, 'out/consolidation/region'],
      [2, 'round-2/region'],
    ]);
    expect(['01', '03'].map((m) => runs(m).at(-1)!.round)).toEqual([2, 2]);
    // (the demo requires each diff to end with 1, «they differ»; here: one per publisher was run)
    const publishers = fs.readdirSync(path.join(dir, 'out', 'consolidation', 'region')).sort();
    expect(publishers).toHaveLength(3);
    expect([...r.stdout.matchAll(/^\$ uchebnik diff \S+\/out\/consolidation\/region\/(\S+) \S+\/round-2\/region\/(\S+)$/gmu)].map((m) => [m[1], m[2]])).toEqual(publishers.map((n) => [n, n]));

    // The status page the demo wrote shows the figures of `status --json` on the same day, and the
    // plan's stage 8 of first grade was corrected to 2018 as init advised.
    const statusJson = await run(['status', '--json', '--as-of', '2018-03-01', '-w', dir]);
    const campaign = JSON.parse(statusJson.stdout) as {
      orders: { municipalities: Record<string, number | string>[]; total: Record<string, number> };
      publishers: { publisher: string; copies: number; schools: number }[];
      total: { schools: number; copies: number };
      deadlines: { overdue: unknown[]; due_soon: unknown[] };
      stages: { plan: string; stage: number; state: string; to: string }[];
      first_grade: { municipalities: { municipality: string; schools: number; submitted: number }[] };
    };
    const page = fs.readFileSync(path.join(dir, 'status.html'), 'utf8');
    const figures = new Map([...page.matchAll(/data-k="([^"]+)">([^<]*)</gu)].map((m) => [m[1]!, m[2]!]));
    const expected: [string, number][] = [
      ...campaign.orders.municipalities.flatMap((m) => (['schools', 'none', 'formed'] as const).map((k): [string, number] => [`orders.${m.municipality}.${k}`, m[k] as number])),
      ['orders.total.formed', campaign.orders.total.formed!],
      ...campaign.publishers.flatMap((p): [string, number][] => [[`publishers.${p.publisher}.copies`, p.copies], [`publishers.${p.publisher}.schools`, p.schools]]),
      ['total.copies', campaign.total.copies],
      ['deadlines.overdue.count', campaign.deadlines.overdue.length],
      ['deadlines.due_soon.count', campaign.deadlines.due_soon.length],
      ...campaign.first_grade.municipalities.map((m): [string, number] => [`first_grade.${m.municipality}.submitted`, m.submitted]),
    ];
    expect(expected.map(([k]) => [k, figures.get(k)])).toEqual(expected.map(([k, v]) => [k, String(v)]));
    expect(campaign.stages.find((s) => s.plan === 'textbooks' && s.stage === 21)?.state).toBe('done');
    expect(campaign.stages.find((s) => s.plan === 'first-grade' && s.stage === 8)?.to).toBe('2018-01-20');

    // No workbook the demo wrote (filled forms, consolidations, specifications, annotated copies,
    // templates) and no bundled fixture has a numeric cell whose value is no number («NaN»): openpyxl
    // refuses such a file and LibreOffice shows «NaN» (issue 22).
    expect(numericCellsThatAreNot([dir, path.join(REPO, 'fixtures')])).toEqual([]);
  });

  it('refuses a non-empty folder it did not make', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'campaign.txt'), 'someone else’s files');
    const r = await run(['demo', dir]);
    expect(r.code).toBe(2);
    expect(fs.readdirSync(dir)).toEqual(['campaign.txt']);
  });
});
