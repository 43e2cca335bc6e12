/**
 * `uchebnik analyze` on the example region (PRODUCT.md §4.5, stage 12), as the demo leaves it after
 * stage 9. What it must find is what fixtures/make-orders.mjs put there:
 *
 * - planted (fixtures/region/orders/MISTAKES.md): 0304 orders more copies than students + reserve;
 *   0103, 0105 and 0202 have errors, are refused on submit and so have no order; 0101 and 0301 are
 *   «the only two schools [that] order the copybook outside the federal list»;
 * - made by the generator without being listed there, and real findings all the same: 0205 sends its
 *   own CSV with every single-grade Просвещение item (the copybook included) and nothing of the other
 *   publishers, so its order costs half the municipality's per student; and schools order every line
 *   of the form for their students, so most order «Русский язык» for grades 1–2 from both Канакина's
 *   (Просвещение) and Рамзаева's (Дрофа) lines.
 *
 * Nothing else: in particular no quantity over students and no outlier at any other school.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir, treeSnapshot } from '../support/cli.js';
import { formedRegion } from '../support/formed-region.js';

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
  'analyze-no-order 0202',
  'analyze-item-not-in-fpu 0301:51',
  'analyze-qty-exceeds-students 0304:6',
];
const BY_GENERATOR = ['analyze-cost-outlier 0205', 'analyze-item-not-in-fpu 0205:27'];
/** school:row of the less ordered «Русский язык» line, grades 1 and 2 */
const TWO_LINES = [
  '0101:7', '0101:23', '0102:25', '0104:25', '0106:24', '0107:23', '0108:6', '0108:24', '0201:6', '0201:25', '0204:23',
  '0204:24', '0206:24', '0301:23', '0301:24', '0302:24', '0303:24', '0304:23', '0304:24', '0305:25',
].map((s) => `analyze-two-lines ${s}`);

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
    expect(found).toEqual([...PLANTED, ...BY_GENERATOR, ...TWO_LINES].sort());
    expect(doc.ok).toBe(true);
    expect(doc.summary).toEqual({ schools: 19, ordered: 16, errors: 0, warnings: 28 });
    expect(doc.findings.every((f) => f.severity === 'warning')).toBe(true);

    const qty = doc.findings.find((f) => f.code === 'analyze-qty-exceeds-students')!;
    expect(qty).toMatchObject({ school: '0304', municipality: '03', file: '0304.xlsx', row: 6, expected: 13, actual: 24 });
    expect(qty.message).toBe('«Русский язык», 1 класс: заказано 24, а обучающихся 12 (с резервом 10% — не больше 13)');
    // the two-lines findings are all about Russian in grades 1–2, the two lines of the example price lists
    for (const f of doc.findings.filter((x) => x.code === 'analyze-two-lines')) expect(f.message).toMatch(/^«Русский язык», [12] класс, заказан по двум линиям учебников: .*1\.1\.1\.1\.4 .*1\.1\.1\.1\.11|1\.1\.1\.1\.11 .*1\.1\.1\.1\.4/);

    expect(doc.method).toEqual({ fences: 'tukey', k: 1.5, quartiles: 'linear', min_schools: 4, reserve_percent: 10 });
    expect(doc.municipalities.map((m) => [m.code, m.ordered])).toEqual([
      ['01', 6],
      ['02', 5],
      ['03', 5],
    ]);
    expect(doc.municipalities[1]!.cost_per_student).toEqual({ q1_kopecks: 135667, median_kopecks: 150925, q3_kopecks: 153594, lower_fence_kopecks: 108777, upper_fence_kopecks: 180485 });
  });

  it('shows a table with the method, in English too, and keeps to --municipality', async () => {
    const r = await run(['analyze', '--municipality', '03', '-w', base]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('analyze-qty-exceeds-students');
    expect(r.stdout).not.toContain('0101');
    expect(r.stdout).toContain('Q1 − 1.5·IQR');
    expect(r.stdout).toContain('Итого: школ 5, со сформированным заказом 5; замечаний 9.');
    const en = await run(['analyze', '--municipality', '02', '--lang', 'en', '-w', base]);
    expect(en.stdout).toMatch(/The order costs 710\.53 ₽ per student \(252,237\.59 ₽ for 355 students\), outside municipality 02's fences 1,087\.77–1,804\.85 ₽/);
    expect(en.stdout).toContain('The school ordered nothing: no order was submitted');
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
    expect(r.stderr).toContain('Черновик рекомендаций (24 строк)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(draft);
    const sheet = wb.getWorksheet('Рекомендации')!;
    expect(sheet.getRow(5).values).toEqual([undefined, 'Муниципалитет', 'Код ОО', 'Наименование ОО', 'Издательство', 'Позиция (код, ISBN или № ФП)', 'Наименование', 'Класс', 'Заказано, экз.', 'Действие', 'Рекомендуемое количество', 'Замена', 'Комментарий']);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => n > 5 && rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(24);
    // 0304: decrease to students + reserve; the copybook: exclude; a second line: exclude it by its fpu code
    expect(rows.find((x) => x[1] === '0304' && x[8] === 'уменьшить')).toEqual(expect.arrayContaining(['03', '0304', 'Дрофа', 'DRF000000000412069', 1, 24, 'уменьшить', 13]));
    expect(rows.filter((x) => x[8] === 'исключить' && x[4] === '08-0100-16').map((x) => x[1])).toEqual(['0101', '0205', '0301']);
    expect(rows.find((x) => x[1] === '0107')).toEqual(expect.arrayContaining(['Просвещение', '1.1.1.1.4.2', 1, 57, 'исключить']));
    // every finding, outliers and schools without an order included, on the second sheet
    expect(wb.getWorksheet('Анализ')!.rowCount).toBe(1 + 28);

    const loaded = await run(['recommendations', 'load', draft, '--json', '-w', ws]);
    expect(loaded.code, loaded.stdout).toBe(0);
    expect(JSON.parse(loaded.stdout).loaded).toMatchObject({ recommendations: 24, rows: 24, stored: true });
    expect(fs.existsSync(path.join(ws, 'state', 'recommendations.json'))).toBe(true);
  });
});
