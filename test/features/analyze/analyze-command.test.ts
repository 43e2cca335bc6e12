/**
 * `uchebnik analyze` on the example region (docs/file-formats.md#recommendations, stage 12), as the demo leaves it after
 * stage 9. What it must find is exactly what fixtures/make-orders.mjs planted and lists in
 * fixtures/region/orders/MISTAKES.md (section «What `uchebnik analyze` finds»):
 *
 * - 0304 orders more copies than students + reserve; 0103, 0105 and 0202 have errors, are refused on
 *   submit and so have no order; 0101 and 0301 are the only two schools that order the copybook outside
 *   the federal list; 0107 orders «Русский язык» for grade 1 from both Рамзаева's and Канакина's lines.
 *
 * Nothing else: every other school orders Russian for grades 1–2 from one line, 0205's own CSV orders
 * nothing outside the list, and no school is a cost-per-student outlier of its municipality. A change
 * of the generator that brings back an artefact fails the first test.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, run, tempDir, treeSnapshot } from '../../support/cli.js';
import { formedRegion } from '../../support/formed-region.js';
import { writeCsv } from '../../support/order-fixtures.js';

interface JsonFinding {
  code: string;
  severity: string;
  school?: string;
  municipality?: string;
  file?: string;
  row?: number;
  message: string;
  expected?: number | string;
  actual?: number | string;
}

const PLANTED = [
  'analyze-item-not-in-fpu 0101:51',
  'analyze-no-order 0103',
  'analyze-no-order 0105',
  'analyze-two-lines 0107:23',
  'analyze-no-order 0202',
  'analyze-item-not-in-fpu 0301:51',
  'analyze-qty-exceeds-students 0304:6',
];

/** «code school» of every finding MISTAKES.md lists for analyze: «- 0103, 0105: … (analyze-no-order)». */
function documented(): string[] {
  const text = fs.readFileSync(path.join(FIXTURES, 'region', 'orders', 'MISTAKES.md'), 'utf8');
  const section = text.split(/^## /m).find((s) => s.includes('uchebnik analyze'));
  if (!section) throw new Error('MISTAKES.md has no section on uchebnik analyze');
  return section
    .split('\n')
    .map((l) => /^- ([\d, ]+): .*\((analyze-[a-z-]+)\)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .flatMap((m) => m[1]!.split(/,\s*/).map((school) => `${m[2]} ${school}`));
}

const brief = (f: JsonFinding) => `${f.code} ${f.school}${f.row ? ':' + f.row : ''}`;

let base: string;
beforeAll(async () => {
  base = await formedRegion();
});

describe('uchebnik analyze on the example region', () => {
  it('finds what the fixtures planted and nothing else, changing nothing in the workspace', async () => {
    const before = treeSnapshot(base);
    const r = await run(['analyze', '--json', '-w', base]);
    expect(r.code, r.stderr).toBe(0);
    expect(treeSnapshot(base)).toEqual(before);
    const doc = JSON.parse(r.stdout) as { ok: boolean; summary: Record<string, number>; findings: JsonFinding[]; municipalities: { code: string; ordered: number; cost_per_student?: Record<string, number> }[]; method: Record<string, unknown> };
    const found = doc.findings.map(brief).sort();
    expect(found).toEqual([...PLANTED].sort());
    // … which is what MISTAKES.md explains, school by school
    expect(doc.findings.map((f) => `${f.code} ${f.school}`).sort()).toEqual(documented().sort());
    expect(doc.ok).toBe(true);
    expect(doc.summary).toEqual({ schools: 19, ordered: 16, errors: 0, warnings: 7 });
    expect(doc.findings.every((f) => f.severity === 'warning')).toBe(true);

    const qty = doc.findings.find((f) => f.code === 'analyze-qty-exceeds-students')!;
    expect(qty).toMatchObject({ school: '0304', municipality: '03', file: '0304.xlsx', row: 6, expected: 13, actual: 24 });
    expect(qty.message).toBe('«Русский язык», 1 класс: заказано 24, а обучающихся 12 (с резервом 10% — не больше 13)');
    // the one school with two lines for a subject and grade: Russian in grade 1, the two lines of the example price lists
    const two = doc.findings.find((f) => f.code === 'analyze-two-lines')!;
    expect(two).toMatchObject({ school: '0107', municipality: '01', file: '0107.xlsx', row: 23, expected: 104, actual: 152 });
    expect(two.message).toMatch(/^«Русский язык», 1 класс, заказан по двум линиям учебников: Дрофа 1\.1\.1\.1\.11 \(Рамзаева Т\.Г\.\): 95; Просвещение 1\.1\.1\.1\.4 \(Канакина В\.П\., Горецкий В\.Г\.\): 57/);

    expect(doc.method).toEqual({ fences: 'tukey', k: 1.5, quartiles: 'linear', min_schools: 4, reserve_percent: 10 });
    expect(doc.municipalities.map((m) => [m.code, m.ordered])).toEqual([
      ['01', 6],
      ['02', 5],
      ['03', 5],
    ]);
    expect(doc.municipalities[1]!.cost_per_student).toEqual({ q1_kopecks: 135473, median_kopecks: 142536, q3_kopecks: 148028, lower_fence_kopecks: 116641, upper_fence_kopecks: 166861 });
  });

  it('shows a table with the method, in English too, and keeps to --municipality', async () => {
    const r = await run(['analyze', '--municipality', '03', '-w', base]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('analyze-qty-exceeds-students');
    expect(r.stdout).not.toContain('0101');
    expect(r.stdout).toContain('Q1 − 1.5·IQR');
    expect(r.stdout).toContain('Итого: школ 5, со сформированным заказом 5; замечаний 2.');
    const en = await run(['analyze', '--municipality', '02', '--lang', 'en', '-w', base]);
    expect(en.stdout).toContain('The school ordered nothing: no order was submitted');
    expect(en.stdout).not.toContain('analyze-cost-outlier');
  });

  it('a school that orders next to nothing is an outlier of its municipality', async () => {
    // 0202, refused for its errors, sends one line instead: «Азбука», part 1, for its 45 first-graders
    const ws = await formedRegion();
    const file = writeCsv(tempDir(), '0202.csv', [
      ['Код 1С', 'Класс', 'Количество'],
      ['04-0052-11', 1, 45],
    ]);
    for (const args of [['order', 'submit', file], ['order', 'agree', '--school', '0202'], ['order', 'form', '--school', '0202']]) {
      const step = await run([...args, '-w', ws]);
      expect(step.code, step.stderr).toBe(0);
    }
    const en = await run(['analyze', '--municipality', '02', '--lang', 'en', '--json', '-w', ws]);
    const outliers = (JSON.parse(en.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.code === 'analyze-cost-outlier');
    expect(outliers.map((f) => f.school)).toEqual(['0202']);
    expect(outliers[0]!.message).toMatch(/^The order costs 34\.42 ₽ per student \(10,979\.10 ₽ for 319 students\), outside municipality 02's fences 1,123\.51–1,672\.37 ₽ \(median 1,390\.05 ₽/);
  });

  it('refuses an unknown municipality as a usage error', async () => {
    const r = await run(['analyze', '--municipality', '99', '-w', base]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('99');
  });

  it('writes a draft the analyst edits, which loads as recommendations as it is', async () => {
    const ws = await formedRegion();
    const draft = path.join(tempDir(), 'draft', 'recs.xlsx');
    const r = await run(['analyze', '--draft-recommendations', draft, '-w', ws]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Черновик рекомендаций (4 строки)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(draft);
    const sheet = wb.getWorksheet('Рекомендации')!;
    expect(sheet.getRow(5).values).toEqual([undefined, 'Муниципалитет', 'Код ОО', 'Наименование ОО', 'Издательство', 'Позиция (код, ISBN или № ФП)', 'Наименование', 'Класс', 'Заказано, экз.', 'Действие', 'Рекомендуемое количество', 'Замена', 'Комментарий']);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => n > 5 && rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(4);
    // 0304: decrease to students + reserve; the copybook: exclude; a second line: exclude it by its fpu code
    expect(rows.find((x) => x[1] === '0304' && x[8] === 'уменьшить')).toEqual(expect.arrayContaining(['03', '0304', 'Дрофа', 'DRF000000000412069', 1, 24, 'уменьшить', 13]));
    expect(rows.filter((x) => x[8] === 'исключить' && x[4] === '08-0100-16').map((x) => x[1])).toEqual(['0101', '0301']);
    expect(rows.find((x) => x[1] === '0107')).toEqual(expect.arrayContaining(['Просвещение', '1.1.1.1.4.2', 1, 57, 'исключить']));
    // every finding, schools without an order included, on the second sheet
    expect(wb.getWorksheet('Анализ')!.rowCount).toBe(1 + 7);

    const loaded = await run(['recommendations', 'load', draft, '--json', '-w', ws]);
    expect(loaded.code, loaded.stdout).toBe(0);
    expect(JSON.parse(loaded.stdout).loaded).toMatchObject({ recommendations: 4, rows: 4, stored: true });
    expect(fs.existsSync(path.join(ws, 'state', 'recommendations.json'))).toBe(true);
  });
});
