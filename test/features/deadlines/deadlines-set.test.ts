/**
 * `uchebnik deadlines set STAGE --date DATE --reason TEXT` (issue 18): the first-grade plan's
 * «20.01.2018» that `deadlines lint` finds, corrected without re-importing the plan; the lint runs
 * again and the journal keeps the old and new dates with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../support/cli.js';

async function firstGrade(): Promise<string> {
  const ws = path.join(tempDir(), 'ws');
  const r = await run(['init', ws, '--year', '2019', '--region', 'Тестовая область', '--tz', 'Europe/Samara', '--template', 'first-grade']);
  expect(r.code, r.stderr).toBe(0);
  return ws;
}

describe('uchebnik deadlines set', () => {
  it('corrects one deadline, re-lints the plan and journals old and new date', async () => {
    const ws = await firstGrade();
    expect((await run(['deadlines', 'lint', '-w', ws])).code).toBe(1);

    const r = await run(['deadlines', 'set', '8', '--date', '20.01.2019', '--reason', 'опечатка в годе', '-w', ws]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain('20.01.2018 → 20.01.2019');
    expect((await run(['deadlines', 'lint', '-w', ws])).code).toBe(0);

    const plan = JSON.parse((await run(['plan', 'show', '--json', '-w', ws])).stdout) as { plans: { stages: { number: number; executors: { deadline: string; deadline_text: string }[] }[] }[] };
    expect(plan.plans[0]!.stages.find((s) => s.number === 8)!.executors.map((e) => [e.deadline, e.deadline_text])).toEqual([['2019-01-20', 'до 20.01.2019']]);

    const last = JSON.parse(fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8').trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ command: 'deadlines set', plan: 'first-grade', stage: 8, old: ['2018-01-20'], new: '2019-01-20', reason: 'опечатка в годе' });

    // the same date again changes nothing and journals nothing
    const lines = fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8');
    expect((await run(['deadlines', 'set', '8', '--date', '2019-01-20', '--reason', 'ещё раз', '-w', ws])).code).toBe(0);
    expect(fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8')).toBe(lines);
  });

  it('exits 1 while the plan still has faults, and refuses what it cannot use', async () => {
    const ws = await firstGrade();
    const wrong = await run(['deadlines', 'set', '7', '--date', '2019-01-10', '--reason', 'перенос', '-w', ws]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('schedule-order-inconsistent');
    for (const args of [
      ['99', '--date', '2019-01-20'],
      ['8', '--date', '31.02.2019'],
      ['8', '--date', '2019-01-20', '--executor', 'Никто'],
      ['8', '--date', '2019-01-20', '--plan', 'textbooks'],
    ]) {
      expect((await run(['deadlines', 'set', ...args, '--reason', 'x', '-w', ws])).code, args.join(' ')).toBe(2);
    }
    expect((await run(['deadlines', 'set', '8', '--date', '2019-01-20', '--reason', ' ', '-w', ws])).code).toBe(2);
  });
});
