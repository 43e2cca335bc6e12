/**
 * Plan 003 stage 2: `deadlines done 2 --entity X --evidence URL` keeps where the information was
 * published, and `deadlines check` shows the links and who has given none
 * (src/features/deadlines/command.ts, evidence.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, run, tempDir, treeSnapshot } from '../../support/cli.js';

interface Registry {
  schools: { code: string; municipality: string }[];
}
interface CheckJson {
  evidence?: { stage: number; executor?: string; entity?: string; links: string[] }[];
  evidence_missing?: { stage: number; executor: string; entities: string[]; whole: boolean }[];
  overdue: { stage: number; executor: string; entities: string[] }[];
}

const SITE = 'https://uo01.example.ru/priem-2020';
const SCHOOL_SITE = 'https://school0101.example.ru/news/1';
const STAND = 'https://school0101.example.ru/photo/stand.jpg';

describe('deadlines done --evidence (plan 003, stage 2)', () => {
  let ws: string;
  let schools: string[];
  beforeAll(async () => {
    ws = path.join(tempDir(), 'ws');
    expect((await run(['init', ws, '--year', '2020', '--region', 'X', '--tz', 'Europe/Samara', '--template', 'first-grade'])).code).toBe(0);
    expect((await run(['registry', 'import', path.join(FIXTURES, 'region', 'registry.csv'), '-w', ws])).code).toBe(0);
    schools = (JSON.parse(fs.readFileSync(path.join(ws, 'state', 'registry.json'), 'utf8')) as Registry).schools.map((s) => s.code);
  });

  it('keeps the links on the marks (adding up), journals them, and refuses what is not a link', async () => {
    const done = (args: string[]) => run(['deadlines', 'done', '2', ...args, '-w', ws]);
    expect((await done(['--executor', 'Руководители МООУСО', '--entity', '01', '--evidence', SITE])).code).toBe(0);
    expect((await done(['--executor', 'ОО', '--entity', '0101', '--evidence', SCHOOL_SITE])).code).toBe(0);
    const second = await done(['--executor', 'ОО', '--entity', '0101', '--evidence', STAND]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(STAND);
    const marks = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'deadline-marks.json'), 'utf8')).marks as { entity?: string; evidence?: string[] }[];
    expect(marks.find((m) => m.entity === '0101')!.evidence).toEqual([SCHOOL_SITE, STAND]);
    expect(marks.find((m) => m.entity === '01')!.evidence).toEqual([SITE]);
    const journal = fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(journal.at(-1)).toMatchObject({ command: 'deadlines done', stage: 2, entities: ['0101'], evidence: [STAND] });

    const before = treeSnapshot(ws);
    const bad = await done(['--executor', 'ОО', '--entity', '0102', '--evidence', 'стенд в холле']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--evidence «стенд в холле»');
    expect(treeSnapshot(ws)).toEqual(before);
  });

  it('deadlines check shows the links and, per executor, who has given none', async () => {
    const json = JSON.parse((await run(['deadlines', 'check', '--as-of', '2019-12-28', '--json', '-w', ws])).stdout) as CheckJson;
    expect(json.evidence!.map((e) => [e.stage, e.executor, e.entity, e.links])).toEqual([
      [2, 'Руководители МООУСО', '01', [SITE]],
      [2, 'ОО', '0101', [SCHOOL_SITE, STAND]],
    ]);
    expect(json.evidence_missing!.map((m) => [m.executor, m.whole, m.entities])).toEqual([
      ['Руководители МООУСО', false, ['02', '03']],
      ['ДОУ', true, []],
      ['ОО', false, schools.filter((s) => s !== '0101')],
    ]);
    // The marks with links complete the stage for those entities, as any mark does.
    const late = json.overdue.filter((i) => i.stage === 2);
    expect(late.find((i) => i.executor === 'Руководители МООУСО')!.entities).toEqual(['02', '03']);

    const text = await run(['deadlines', 'check', '--as-of', '2019-12-28', '-w', ws]);
    expect(text.stdout).toContain('Где опубликовано — этап 2 (first-grade):');
    expect(text.stdout).toContain(`01 (Руководители МООУСО): ${SITE}`);
    expect(text.stdout).toContain('без ссылки: Руководители МООУСО — 02, 03');
    const en = await run(['deadlines', 'check', '--as-of', '2019-12-28', '--lang', 'en', '-w', ws]);
    expect(en.stdout).toContain('no link: Руководители МООУСО — 02, 03');
  });
});
