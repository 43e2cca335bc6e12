/**
 * `uchebnik recommendations load|split|check` on the example region (docs/file-formats.md#recommendations, stages 13–17).
 * fixtures/region/recommendations.xlsx holds one recommendation of each action plus one for a whole
 * municipality; fixtures/region/orders-v2/ re-submits four schools: three apply theirs, 0302 applies
 * one of its two only in part, 0301 (the municipality-wide row) does not re-submit, and 0304 also
 * changes a line nobody asked about. See fixtures/make-recommendations.mjs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, run, tempDir, treeSnapshot } from '../../support/cli.js';
import { formedRegion } from '../../support/formed-region.js';

const RECS = path.join(FIXTURES, 'region', 'recommendations.xlsx');
const V2 = path.join(FIXTURES, 'region', 'orders-v2');
const CORRECTED = ['0101', '0107', '0302', '0304'];

const SOFFICE = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();
if (!SOFFICE) console.warn('recommendations: soffice is not on PATH; the test that opens the split workbooks in LibreOffice is NOT run');

interface Result {
  municipality: string;
  school: string;
  item: string;
  action: string;
  status: string;
  scope: string;
  grade: number;
  file: string;
  sheet: string;
  cell: string;
  parts: { before: number; now: number }[];
  replacement?: { item: string; before: number[]; now: number[] };
}

async function mustRun(args: string[], code = 0) {
  const r = await run(args);
  if (r.code !== code) throw new Error(`uchebnik ${args.join(' ')} → ${r.code}, expected ${code}\n${r.stderr}\n${r.stdout}`);
  return r;
}

function state(ws: string) {
  return JSON.parse(fs.readFileSync(path.join(ws, 'state', 'recommendations.json'), 'utf8'));
}

async function resubmit(ws: string): Promise<void> {
  await mustRun(['order', 'submit', ...CORRECTED.map((s) => path.join(V2, `${s}.xlsx`)), '-w', ws]);
  for (const s of CORRECTED) {
    await mustRun(['order', 'agree', '--school', s, '-w', ws]);
    await mustRun(['order', 'form', '--school', s, '-w', ws]);
  }
}

async function sheetValues(file: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: unknown[][] = [];
  wb.getWorksheet('Рекомендации')!.eachRow((row, n) => n > 5 && rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

let ws: string;
beforeAll(async () => {
  ws = await formedRegion();
});

describe('the ministry’s recommendations for the example region', () => {
  it('load: validates, stores with the original file, says who must correct, and loading again changes nothing', async () => {
    const r = await mustRun(['recommendations', 'load', RECS, '--json', '-w', ws]);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.findings).toEqual([]);
    expect(doc.loaded).toEqual({ recommendations: 6, rows: 6, schools: 5, stored: true, unchanged: false });
    const s = state(ws);
    expect(s.schema).toBe(1);
    // the deadlines read these names (stages 13–15): ISO with the campaign zone's offset (Europe/Samara)
    expect(s.loaded_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+04:00$/);
    expect(s.split_at).toBeUndefined();
    expect(s.schools).toEqual(['0101', '0107', '0301', '0302', '0304']);
    expect(s.source.file).toBe('recommendations.xlsx');
    expect(fs.existsSync(path.join(ws, s.source.stored))).toBe(true);
    expect(s.baselines['0304']).toBe(1);
    expect(s.baselines['0103']).toBeNull();

    const before = treeSnapshot(ws);
    const again = await mustRun(['recommendations', 'load', RECS, '-w', ws]);
    expect(again.stderr).toContain('уже загружены — ничего не изменилось');
    expect(treeSnapshot(ws)).toEqual(before);
  });

  it('check before anyone re-submits: nothing is applied, exit 1', async () => {
    const r = await mustRun(['recommendations', 'check', '--json', '-w', ws], 1);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toEqual({ applied: 0, partially_applied: 0, not_applied: 6, unrequested: 0 });
    expect(doc.unrequested).toEqual([]);
  });

  it('split: one workbook per municipality with only its schools, one per school, stage 14/15 recorded once', async () => {
    const out = path.join(tempDir(), 'to-send');
    const r = await mustRun(['recommendations', 'split', '--out', out, '--json', '-w', ws]);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { file: string }) => path.relative(out, f.file)).sort()).toEqual(
      ['01/municipality-01.xlsx', '01/school-0101.xlsx', '01/school-0107.xlsx', '03/municipality-03.xlsx', '03/school-0301.xlsx', '03/school-0302.xlsx', '03/school-0304.xlsx'].map((p) => p.split('/').join(path.sep)),
    );
    const split_at = state(ws).split_at;
    expect(split_at).toMatch(/\+04:00$/);

    // number, school, school name, publisher, item, title, grade, ordered, action, quantity, replacement, why
    const m03 = await sheetValues(path.join(out, '03', 'municipality-03.xlsx'));
    expect(m03.map((x) => [x[1], x[4], x[6], x[7], x[8], x[9]])).toEqual([
      ['0301', '08-0100-16', 1, 4, 'исключить', undefined],
      ['0302', '04-0052-11', 1, 10, 'увеличить', 17],
      ['0302', '04-0053-09', 1, 0, 'добавить', 17],
      ['0304', 'DRF000000000412069', 1, 24, 'уменьшить', 13],
    ]);
    expect((await sheetValues(path.join(out, '01', 'municipality-01.xlsx'))).map((x) => x[1])).toEqual(['0101', '0107']);
    const s0107 = await sheetValues(path.join(out, '01', 'school-0107.xlsx'));
    expect(s0107).toHaveLength(1);
    expect(s0107[0]).toEqual(expect.arrayContaining(['978-5-358-15433-9', 95, 'заменить', 'Русский язык в 1 классе заказан по двум линиям; оставить линию Канакиной В.П. на всех обучающихся.']));
    expect(String(s0107[0]![8])).toMatch(/^1\.1\.1\.1\.4\.2 Канакина В\.П\., Горецкий В\.Г\. Русский язык$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, '03', 'school-0302.xlsx'));
    expect(wb.getWorksheet('Рекомендации')!.getCell('A2').value).toMatch(/^Школа 0302 .+ \(Озёрский муниципальный район\)$/);
    expect(wb.getWorksheet('_uchebnik')!.state).toBe('veryHidden');

    // splitting again rewrites the files but not the state: the stage was done the first time
    const stateBefore = treeSnapshot(path.join(ws, 'state'));
    await mustRun(['recommendations', 'split', '--out', out, '-w', ws]);
    expect(treeSnapshot(path.join(ws, 'state'))).toEqual(stateBefore);
  });

  it.runIf(SOFFICE)('split workbooks open in LibreOffice', async () => {
    const out = path.join(tempDir(), 'lo');
    const src = path.join(tempDir(), 'send');
    await mustRun(['recommendations', 'split', '--out', src, '--municipality', '03', '-w', ws]);
    const profile = path.join(tempDir(), 'profile');
    const files = [path.join(src, '03', 'municipality-03.xlsx'), path.join(src, '03', 'school-0304.xlsx')];
    execFileSync(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', out, ...files], { stdio: 'pipe', timeout: 120_000 });
    const m = fs.readFileSync(path.join(out, 'municipality-03.csv'), 'utf8');
    expect(m).toContain('Муниципалитет 03 Озёрский муниципальный район');
    expect(m).toContain('DRF000000000412069');
    expect(m).not.toContain('0101');
    expect(fs.readFileSync(path.join(out, 'school-0304.csv'), 'utf8')).toContain('уменьшить,13');
  });

  it('check after the corrections: applied, partially applied and not applied, each at its cell; the unrequested change at its row', async () => {
    await resubmit(ws);
    const r = await run(['recommendations', 'check', '--json', '-w', ws]);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { results: Result[]; unrequested: Record<string, unknown>[]; summary: Record<string, number> };
    expect(doc.results.map((x) => [x.cell, x.municipality, x.school, x.item, x.action, x.status, x.scope])).toEqual([
      ['E5', '03', '0304', 'DRF000000000412069', 'decrease', 'applied', 'school'],
      ['E6', '01', '0101', '08-0100-16', 'exclude', 'applied', 'school'],
      ['E7', '01', '0107', '978-5-358-15433-9', 'replace', 'applied', 'school'],
      ['E8', '03', '0302', '04-0052-11', 'increase', 'partially-applied', 'school'],
      ['E9', '03', '0302', '04-0053-09', 'add', 'applied', 'school'],
      ['E10', '03', '0301', '08-0100-16', 'exclude', 'not-applied', 'municipality'],
    ]);
    expect(doc.results.every((x) => x.file === 'recommendations.xlsx' && x.sheet === 'Рекомендации')).toBe(true);
    expect(doc.results[3]!.parts).toEqual([{ publisher: 'Просвещение', item_key: 'code:04-0052-11', before: 10, now: 14 }]);
    expect(doc.results[2]!.replacement).toEqual({ item: '1.1.1.1.4.2', title: 'Канакина В.П., Горецкий В.Г. Русский язык', before: [57], now: [95] });
    expect(doc.summary).toEqual({ applied: 4, partially_applied: 1, not_applied: 1, unrequested: 1 });
    expect(doc.unrequested).toEqual([
      expect.objectContaining({
        code: 'unrequested-change',
        severity: 'warning',
        municipality: '03',
        school: '0304',
        file: '0304.xlsx',
        row: 57,
        reference: '14502',
        grade: 6,
        before: 17,
        after: 29,
        version_before: 1,
        version_after: 2,
        message: '«Всеобщая история. История Средних веков», 6 класс: 17 → 29 экз. без рекомендации',
      }),
    ]);

    const s = state(ws);
    expect(s.checked_at).toMatch(/\+04:00$/);
    expect(s.check).toMatchObject({ applied: 4, partially_applied: 1, not_applied: 1, unrequested: 1 });
    // the same outcome again records nothing
    const before = treeSnapshot(ws);
    const again = await run(['recommendations', 'check', '-w', ws]);
    expect(again.code).toBe(1);
    expect(treeSnapshot(ws)).toEqual(before);
    expect(again.stdout).toContain('Итого: рекомендаций 6; выполнено 4, частично 1, не выполнено 1; изменений без рекомендации 1.');
    expect(again.stdout).toMatch(/Рекомендации!E8 .*0302 .*увеличить до 17 .*10 → 14 .*выполнена частично/);

    // municipality 01 applied everything: exit 0, and a partial check records nothing
    const m01 = await run(['recommendations', 'check', '--municipality', '01', '--json', '-w', ws]);
    expect(m01.code).toBe(0);
    expect(JSON.parse(m01.stdout).results.map((x: Result) => x.status)).toEqual(['applied', 'applied']);
    expect(treeSnapshot(ws)).toEqual(before);
  });
});

describe('recommendations files with mistakes', () => {
  function csv(rows: string[][]): string {
    const file = path.join(tempDir(), 'recs.csv');
    fs.writeFileSync(file, ['Рекомендации Министерства', '', 'Муниципалитет;Код ОО;Позиция;Класс;Действие;Количество;Замена;Комментарий', ...rows.map((r) => r.join(';'))].join('\r\n') + '\r\n');
    return file;
  }

  it('refuses a file with errors and stores nothing; every finding at its cell; --force keeps the valid rows', async () => {
    const w = await formedRegion();
    const file = csv([
      ['03', '0304', 'DRF000000000412069', '1', 'уменьшить', '13', '', 'ok'],
      ['03', '0999', '08-0100-16', '1', 'исключить', '', '', ''],
      ['03', '0301', 'NOPE', '1', 'исключить', '', '', ''],
      ['03', '0301', '08-0100-16', '1', 'оставить', '', '', ''],
      ['03', '0302', '04-0052-11', '1', 'увеличить', 'много', '', ''],
      ['03', '0304', 'DRF000000000412069', '1', 'исключить', '', '', 'again'],
      ['01', '', '04-0052-11', '1', 'добавить', '5', '', ''],
      ['01', '0107', '05-0036-16', '1', 'заменить', '', '', ''],
    ]);
    const before = treeSnapshot(w);
    const r = await run(['recommendations', 'load', file, '--json', '-w', w]);
    expect(r.code).toBe(1);
    expect(treeSnapshot(w)).toEqual(before);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: { code: string; cell: string; file: string }) => `${f.file} ${f.code}@${f.cell}`)).toEqual([
      'recs.csv rec-school-unknown@B5',
      'recs.csv rec-item-unknown@C6',
      'recs.csv rec-action-invalid@E7',
      'recs.csv rec-qty-invalid@F8',
      'recs.csv rec-duplicate@C9',
      'recs.csv rec-school-required@B10',
      'recs.csv rec-replacement-invalid@G11',
    ]);
    expect(r.stderr).toContain('Рекомендации не сохранены: в файле ошибок — 7');
    expect(doc.loaded).toMatchObject({ stored: false, recommendations: 1 });

    const forced = await run(['recommendations', 'load', file, '--force', '-w', w]);
    expect(forced.code).toBe(1);
    expect(forced.stdout).toContain('rec-school-unknown');
    expect(state(w).items.map((x: { school: string; action: string }) => [x.school, x.action])).toEqual([['0304', 'decrease']]);
  });

  it('a new file replaces the recommendations and starts the round again', async () => {
    const w = await formedRegion();
    await mustRun(['recommendations', 'load', RECS, '-w', w]);
    await mustRun(['recommendations', 'split', '-w', w]);
    expect(fs.existsSync(path.join(w, 'out', 'recommendations', '03', 'school-0304.xlsx'))).toBe(true);
    expect(state(w).split_at).toBeDefined();
    const other = csv([['01', '0101', '08-0100-16', '1', 'исключить', '', '', '']]);
    const r = await mustRun(['recommendations', 'load', other, '-w', w]);
    expect(r.stderr).toContain('Прежние рекомендации (из «recommendations.xlsx») заменены новыми.');
    const s = state(w);
    expect(s.split_at).toBeUndefined();
    expect(s.schools).toEqual(['0101']);
  });

  it('split and check need loaded recommendations (exit 1 with what to do); a bad municipality is a usage error', async () => {
    const w = await formedRegion();
    for (const cmd of [['check'], ['split', '--out', tempDir()]]) {
      const r = await run(['recommendations', ...cmd, '-w', w]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^uchebnik: рекомендации ещё не загружены: uchebnik recommendations load ФАЙЛ\n$/);
    }
    await mustRun(['recommendations', 'load', RECS, '-w', w]);
    expect((await run(['recommendations', 'check', '--municipality', '77', '-w', w])).code).toBe(2);
    const en = await run(['recommendations', 'check', '--lang', 'en', '-w', w]);
    expect(en.stdout).toContain('Total: 6 recommendations; 0 applied, 0 partially, 6 not applied; 0 changes without a recommendation.');
  });
});
