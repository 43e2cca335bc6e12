import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { topicTicked } from '../../../src/features/meetings/check.js';
import { FIXTURES, newWorkspace, run, tempDir } from '../../support/cli.js';

/** The example region with plan 003 for 2018/19: stage 3 is due 27.12.2017. */
async function region(): Promise<string> {
  const ws = await newWorkspace(['--template', 'first-grade']);
  const r = await run(['registry', 'import', path.join(FIXTURES, 'region', 'registry.csv'), '-w', ws]);
  if (r.code !== 0) throw new Error(r.stderr);
  return ws;
}

interface JsonFinding {
  code: string;
  cell?: string;
}

describe('meetings', () => {
  it('counts a tick, a plus or «да» as a topic covered, and nothing else', () => {
    for (const v of ['да', 'Да', '+', '✓', 'v', 'x', 1]) expect(topicTicked(v), String(v)).toBe(true);
    for (const v of ['', 'нет', '-', 0, null]) expect(topicTicked(v), String(v)).toBe(false);
  });

  it('fills its own template and finds a topic left out and a meeting after the deadline at their cells', async () => {
    const ws = await region();
    const dir = tempDir();
    const file = path.join(dir, 'meetings-02.xlsx');
    expect((await run(['meetings', 'template', '--municipality', '02', '--out', file, '-w', ws])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    const rows = [
      ['МБДОУ д/с № 1 с. Берёзовка', new Date(Date.UTC(2017, 11, 20)), 24, 'да', 'да', 'да', '1'],
      ['МБДОУ д/с № 2 с. Берёзовка', '21.12.2017', 18, 'да', 'нет', 'да', '7'], // row 6: topic E
      ['МАДОУ д/с № 3 с. Берёзовка', '15.01.2018', 30, 'да', 'да', 'да', '3'], // row 7: late
    ];
    rows.forEach((r, i) => r.forEach((v, c) => (sheet.getCell(5 + i, c + 1).value = v)));
    await wb.xlsx.writeFile(file);

    const r = await run(['meetings', 'validate', file, '--json', '-w', ws]);
    expect(r.code, r.stderr).toBe(1);
    expect((JSON.parse(r.stdout).findings as JsonFinding[]).map((f) => `${f.code}@${f.cell}`)).toEqual(['meeting-topic-missing@E6', 'meeting-late@B7']);

    const s = await run(['meetings', 'submit', file, '--json', '-w', ws]);
    expect(JSON.parse(s.stdout).stored).toBe(1);
    // Stage 3 is done by the region's preschools once every municipality has held a meeting.
    const stage3Overdue = async () => {
      const d = await run(['deadlines', 'check', '--plan', 'first-grade', '--as-of', '2018-02-01', '--json', '-w', ws]);
      return (JSON.parse(d.stdout).overdue as { stage: number }[]).some((o) => o.stage === 3);
    };
    expect(await stage3Overdue()).toBe(true);
    const others = new ExcelJS.Workbook();
    const o = others.addWorksheet('Собрания');
    o.getRow(1).values = ['Код МО', 'ДОО', 'Дата', 'Присутствовало', 'Порядок и сроки записи', 'До 6,5 или после 8 лет', 'ЕСИА', '№ протокола'];
    o.getRow(2).values = ['01', 'МБДОУ д/с № 5 г. Заречный', '19.12.2017', 40, '+', '+', '+', '2'];
    o.getRow(3).values = ['03', 'МБДОУ д/с № 1 п. Озёрный', '18.12.2017', 12, '+', '+', '+', '1'];
    const more = path.join(dir, 'others.xlsx');
    await others.xlsx.writeFile(more);
    expect((await run(['meetings', 'submit', more, '-w', ws])).code).toBe(0);
    expect(await stage3Overdue()).toBe(false);
  });

  it('finds the mistakes planted in fixtures/first-grade/meetings-02.xlsx, and none in the other municipalities’', async () => {
    const ws = await region();
    const f = (m: string) => path.join(FIXTURES, 'first-grade', `meetings-${m}.xlsx`);
    const r = await run(['meetings', 'validate', f('01'), f('02'), f('03'), '--json', '-w', ws]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout).findings as (JsonFinding & { file: string })[]).map((x) => `${path.basename(x.file)} ${x.code}@${x.cell}`)).toEqual([
      'meetings-02.xlsx meeting-topic-missing@F6',
      'meetings-02.xlsx meeting-late@B7',
    ]);
  });
});
