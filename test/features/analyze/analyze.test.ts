import { describe, expect, it } from 'vitest';
import { analyzeOrders, courseOf, quantile, subjectAndLine, tukeyFences, type AnalyzeInput } from '../../../src/features/analyze/analysis.js';
import { Catalogue, type CatalogueItem } from '../../../src/core/model/catalogue.js';
import type { OrderRecord, OrderVersion } from '../../../src/core/model/order-lifecycle.js';
import type { OrderLine } from '../../../src/core/model/order.js';
import type { Registry, School } from '../../../src/core/model/registry.js';

function item(key: string, extra: Partial<CatalogueItem>): CatalogueItem {
  return { key, publisher: 'Просвещение', authors: 'Автор А.А.', title: key, grade_from: 1, grade_to: 1, price_kopecks: 10000, vat_rate: 10, item_code: key, ...extra };
}

const ITEMS = [
  item('K1', { fpu_code: '1.1.1.1.4.2', title: 'Русский язык', authors: 'Канакина В.П.' }),
  item('R1a', { publisher: 'Дрофа', fpu_code: '1.1.1.1.11.2', title: 'Русский язык. Часть 1', authors: 'Рамзаева Т.Г.' }),
  item('R1b', { publisher: 'Дрофа', fpu_code: '1.1.1.1.11.2', title: 'Русский язык. Часть 2', authors: 'Рамзаева Т.Г.' }),
  item('AZ', { fpu_code: '1.1.1.1.4.1', title: 'Азбука. В 2-х частях. Часть 1' }),
  item('ALG', { fpu_code: '1.3.3.1.2.1', title: 'Алгебра и начала математического анализа', grade_from: 10, grade_to: 11 }),
  item('GEO', { fpu_code: '1.3.3.1.3.1', title: 'Геометрия', grade_from: 10, grade_to: 11 }),
  item('PR', { fpu_code: '99.99.99.99.99.99', not_in_fpu: true, title: 'Пропись' }),
  item('NOFPU', { title: 'Рабочая тетрадь' }),
];
const catalogue = new Catalogue(ITEMS);
const byKey = new Map(ITEMS.map((i) => [i.key, i]));

function line(key: string, grade: number, quantity: number, row?: number): OrderLine {
  const it = byKey.get(key)!;
  return { publisher: it.publisher, item_key: key, grade, quantity, price_kopecks: it.price_kopecks, ...(row !== undefined ? { row } : {}) };
}

function order(school: string, municipality: string, lines: OrderLine[], state: OrderVersion['state'] = 'formed'): OrderRecord {
  const sum = lines.reduce((n, l) => n + l.quantity * l.price_kopecks, 0);
  return {
    school,
    municipality,
    versions: [{ version: 1, state, submitted_at: '2018-02-20T10:00:00+04:00', source: { file: `${school}.xlsx`, sha256: school, stored: '' }, lines, totals: { copies: lines.reduce((n, l) => n + l.quantity, 0), sum_kopecks: sum }, errors: 0 }],
  };
}

function school(code: string, municipality: string, students?: Record<string, number>): School {
  return { code, short_name: code, full_name: code, municipality, ...(students ? { students } : {}) };
}

function input(schools: School[], orders: OrderRecord[], extra: Partial<AnalyzeInput> = {}): AnalyzeInput {
  const registry: Registry = { municipalities: [...new Set(schools.map((s) => s.municipality))].map((code) => ({ code, name: code })), schools };
  return { registry, catalogue, orders, settings: { reserve_percent: 10 }, ...extra };
}

const brief = (a: ReturnType<typeof analyzeOrders>) => a.findings.map((f) => `${f.code} ${f.school}${f.row ? ':' + f.row : ''}`);

describe('statistics', () => {
  it('interpolates quartiles linearly between order statistics, as QUARTILE.INC does', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.75)).toBe(4);
    expect(quantile([7], 0.25)).toBe(7);
    expect(tukeyFences([10, 20, 30, 40, 50])).toEqual({ q1: 20, median: 30, q3: 40, lower: -10, upper: 70 });
    expect(tukeyFences([10, 20, 30, 40, 50], 3)).toMatchObject({ lower: -40, upper: 100 });
  });

  it('reads subject and line from 6- and 7-level fpu codes and the course from the title', () => {
    expect(subjectAndLine({ fpu_code: '1.1.1.1.4.2' })).toEqual({ subject: '1.1.1.1', line: '1.1.1.1.4' });
    expect(subjectAndLine({ fpu_code: '1.1.1.2.1.3.61' })).toEqual({ subject: '1.1.1.2.1', line: '1.1.1.2.1.3' });
    expect(subjectAndLine({ fpu_code: '99.99.99.99.99.99', not_in_fpu: true })).toBeUndefined();
    expect(subjectAndLine({})).toBeUndefined();
    expect(courseOf('Русский язык. В 2-х частях. Часть 1')).toBe('русский язык');
    expect(courseOf('Физика (базовый уровень)')).toBe('физика');
    expect(courseOf('Алгебра и начала математического анализа')).toBe('алгебра и начала математического анализа');
  });
});

describe('analyzeOrders', () => {
  it('finds quantities over students with the reserve, items outside the list, and suggests draft rows for them', () => {
    const a = analyzeOrders(input([school('0101', '01', { '1': 20, '10': 30 })], [order('0101', '01', [line('K1', 1, 22, 6), line('AZ', 1, 23, 7), line('PR', 1, 20, 8), line('NOFPU', 1, 5, 9)])]));
    // 20 students with 10 % allow 22
    expect(brief(a)).toEqual(['analyze-qty-exceeds-students 0101:7', 'analyze-item-not-in-fpu 0101:8', 'analyze-item-not-in-fpu 0101:9']);
    expect(a.findings[0]).toMatchObject({ file: '0101.xlsx', row: 7, expected: 22, actual: 23, severity: 'warning' });
    expect(a.draft.map((d) => [d.reference, d.action, d.quantity, d.ordered])).toEqual([
      ['AZ', 'decrease', 22, 23],
      ['PR', 'exclude', undefined, 20],
      ['NOFPU', 'exclude', undefined, 5],
    ]);
  });

  it('flags one subject and grade from two lines when their copies together exceed the students', () => {
    const schools = [school('0101', '01', { '1': 20 }), school('0102', '01', { '1': 20 }), school('0103', '01')];
    const a = analyzeOrders(
      input(schools, [
        // both lines for all 20 students: 40 copies, and Рамзаева's two parts count once
        order('0101', '01', [line('K1', 1, 20, 6), line('R1a', 1, 12, 7), line('R1b', 1, 12, 8)]),
        // parallel classes on different lines: 12 + 10 ≤ 22
        order('0102', '01', [line('K1', 1, 12, 6), line('R1a', 1, 10, 7), line('R1b', 1, 10, 8)]),
        // no student counts: any two lines are worth a look (a tie keeps the first publisher in order)
        order('0103', '01', [line('K1', 1, 5, 6), line('R1a', 1, 5, 7)]),
      ]),
    );
    expect(brief(a)).toEqual(['analyze-two-lines 0101:7', 'analyze-two-lines 0103:6']);
    expect(a.findings[0]!.params).toMatchObject({ grade: 1, total: 32, students: 20 });
    expect(String(a.findings[0]!.params!.lines)).toBe('Просвещение 1.1.1.1.4 (Канакина В.П.): 20; Дрофа 1.1.1.1.11 (Рамзаева Т.Г.): 12');
    // the draft excludes the less ordered line, by the fpu code of its book (both parts)
    expect(a.draft.filter((d) => d.school === '0101').map((d) => [d.publisher, d.reference, d.action, d.ordered])).toEqual([['Дрофа', '1.1.1.1.11.2', 'exclude', 12]]);
    expect(a.withoutStudents).toEqual(['0103']);
  });

  it('does not take two courses of one subject for two lines (algebra and geometry in 10–11), nor Азбука for Русский язык', () => {
    const a = analyzeOrders(input([school('0101', '01', { '1': 20, '10': 30 })], [order('0101', '01', [line('ALG', 10, 30), line('GEO', 10, 30), line('AZ', 1, 20), line('K1', 1, 20)])]));
    expect(brief(a)).toEqual([]);
  });

  it('flags cost per student beyond the fences of the municipality, and skips a municipality with too few schools', () => {
    const students = { '1': 10 };
    const schools = ['1', '2', '3', '4', '5'].map((n) => school(`010${n}`, '01', students));
    schools.push(school('0201', '02', students), school('0202', '02', students));
    // 10 students each; K1 costs 100 ₽: 10, 11, 12, 13 and 40 copies → 100…400 ₽ per student
    const orders = [10, 11, 12, 13, 40].map((q, i) => order(`010${i + 1}`, '01', [line('K1', 1, q)]));
    orders.push(order('0201', '02', [line('K1', 1, 10)]), order('0202', '02', [line('K1', 1, 50)]));
    const a = analyzeOrders(input(schools, orders, { settings: { reserve_percent: 500 } }));
    expect(brief(a)).toEqual(['analyze-cost-outlier 0105']);
    const f = a.findings[0]!;
    expect(f.actual).toBe(40000);
    expect(f.params).toMatchObject({ cost_kopecks: 40000, municipality: '01', k: 1.5 });
    const m = Object.fromEntries(a.municipalities.map((x) => [x.code, x]));
    expect(m['01']!.fences).toEqual({ q1: 11000, median: 12000, q3: 13000, lower: 8000, upper: 16000 });
    expect(m['02']!.skipped).toBe('too-few-schools');
    expect(m['02']!.fences).toBeUndefined();
    expect(a.costs.find((c) => c.school === '0105')).toMatchObject({ students: 10, sum_kopecks: 400000, per_student_kopecks: 40000 });
  });

  it('names schools without a formed order, or with an empty one, and keeps to --municipality', () => {
    const schools = [school('0101', '01'), school('0102', '01'), school('0103', '01'), school('0104', '01'), school('0201', '02')];
    const orders = [order('0102', '01', [line('K1', 1, 5)], 'draft'), order('0103', '01', [line('K1', 1, 5)], 'agreed'), order('0104', '01', []), order('0201', '02', [line('PR', 1, 5)])];
    const a = analyzeOrders(input(schools, orders, { municipality: '01' }));
    expect(a.findings.map((f) => [f.code, f.school, f.actual])).toEqual([
      ['analyze-no-order', '0101', 'none'],
      ['analyze-no-order', '0102', 'draft'],
      ['analyze-no-order', '0103', 'agreed'],
      ['analyze-no-order', '0104', 'empty'],
    ]);
    expect(a.schools).toBe(4);
    expect(a.ordered).toBe(0);
    expect(a.municipalities.map((m) => m.code)).toEqual(['01']);
  });
});
