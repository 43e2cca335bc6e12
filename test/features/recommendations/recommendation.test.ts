import { describe, expect, it } from 'vitest';
import { Catalogue, type CatalogueItem } from '../../../src/core/model/catalogue.js';
import { cellRef, type CellAddress, type Finding } from '../../../src/core/finding.js';
import type { OrderRecord, OrderVersion } from '../../../src/core/model/order-lifecycle.js';
import type { OrderLine } from '../../../src/core/model/order.js';
import {
  baselineVersion,
  checkRecommendations,
  parseAction,
  parseRecommendations,
  recommendationStatus,
  schoolsConcerned,
  type RawValue,
  type Recommendation,
  type RecommendationField,
  type RecommendationRowInput,
} from '../../../src/features/recommendations/recommend.js';
import type { Registry } from '../../../src/core/model/registry.js';

const FILE = 'recs.xlsx';
const COLUMN: Record<RecommendationField, string> = {
  municipality: 'A',
  school: 'B',
  school_name: 'C',
  publisher: 'D',
  item: 'E',
  title: 'F',
  grade: 'G',
  ordered: 'H',
  action: 'I',
  quantity: 'J',
  replacement: 'K',
  comment: 'L',
};
const at = (row: number, column: string): CellAddress => ({ file: FILE, sheet: 'Рекомендации', row, column });

function row(n: number, values: Partial<Record<RecommendationField, RawValue>>): RecommendationRowInput {
  return { row: n, values, at: (f) => at(n, COLUMN[f]) };
}

function item(key: string, extra: Partial<CatalogueItem>): CatalogueItem {
  return { key, publisher: 'Просвещение', authors: 'Автор А.А.', title: key, grade_from: 5, grade_to: 5, price_kopecks: 30000, vat_rate: 10, ...extra };
}

const ITEMS: CatalogueItem[] = [
  item('code:A1', { item_code: 'A1', fpu_code: '1.2.1.1.1.1', title: 'Русский язык' }),
  item('code:P1', { item_code: 'P1', fpu_code: '1.1.1.1.4.1', title: 'Азбука. Часть 1', grade_from: 1, grade_to: 1 }),
  item('code:P2', { item_code: 'P2', fpu_code: '1.1.1.1.4.1', title: 'Азбука. Часть 2', grade_from: 1, grade_to: 1 }),
  item('code:R1', { item_code: 'R1', fpu_code: '1.2.1.1.2.1', title: 'Русский язык (другая линия)' }),
  item('isbn:9785090000001', { publisher: 'Дрофа', isbn: '9785358154339', fpu_code: '1.2.2.1.7.1', title: 'Биология' }),
  item('code:G', { item_code: 'G', fpu_code: '1.2.3.3.1.1', title: 'Геометрия', grade_from: 7, grade_to: 9 }),
  item('code:X1', { publisher: 'Просвещение', item_code: 'X1', title: 'Один код' }),
  item('code:X1', { publisher: 'Дрофа', item_code: 'X1', title: 'Тот же код' }),
];
const catalogue = new Catalogue(ITEMS);

const registry: Registry = {
  municipalities: [
    { code: '01', name: 'Город Заречный' },
    { code: '02', name: 'Берёзовский район' },
  ],
  schools: [
    { code: '0101', short_name: 'Школа 1', full_name: 'Школа 1', municipality: '01' },
    { code: '0102', short_name: 'Школа 2', full_name: 'Школа 2', municipality: '01' },
    { code: '0103', short_name: 'Школа 3', full_name: 'Школа 3', municipality: '01' },
    { code: '0201', short_name: 'Школа 21', full_name: 'Школа 21', municipality: '02' },
  ],
};

function line(item_key: string, grade: number, quantity: number, row?: number, publisher = 'Просвещение'): OrderLine {
  return { publisher, item_key, grade, quantity, price_kopecks: 30000, ...(row !== undefined ? { row } : {}) };
}

function version(n: number, lines: OrderLine[], state: OrderVersion['state'] = 'formed'): OrderVersion {
  return { version: n, state, submitted_at: '2018-03-01T10:00:00.000+04:00', source: { file: `v${n}.xlsx`, sha256: String(n), stored: '' }, lines, totals: { copies: 0, sum_kopecks: 0 }, errors: 0 };
}

const BASE: Record<string, OrderLine[]> = {
  '0101': [line('code:A1', 5, 30, 6), line('code:P1', 1, 20, 7), line('code:P2', 1, 20, 8), line('isbn:9785090000001', 5, 30, 9, 'Дрофа'), line('code:G', 8, 25, 10)],
  '0102': [line('code:A1', 5, 12, 6), line('code:P1', 1, 10, 7)],
  '0103': [line('code:P1', 1, 40, 6)],
  '0201': [line('code:A1', 5, 50, 6)],
};
const baselines = new Map(Object.entries(BASE).map(([s, lines]) => [s, version(1, lines)]));

function parse(rows: RecommendationRowInput[]) {
  return parseRecommendations({ rows, registry, catalogue, baselines, file: FILE });
}

const brief = (f: Finding) => `${f.code}@${cellRef(f)}`;

describe('parseAction', () => {
  it('reads the five actions, their nouns and English, by the first word', () => {
    expect(parseAction('уменьшить')).toBe('decrease');
    expect(parseAction('Уменьшить количество')).toBe('decrease');
    expect(parseAction('УВЕЛИЧЕНИЕ')).toBe('increase');
    expect(parseAction('Исключить из заказа')).toBe('exclude');
    expect(parseAction('замена')).toBe('replace');
    expect(parseAction('добавить')).toBe('add');
    expect(parseAction('remove')).toBe('exclude');
    expect(parseAction('оставить')).toBe('invalid');
    expect(parseAction('  ')).toBeNull();
    expect(parseAction(null)).toBeNull();
  });
});

describe('parseRecommendations', () => {
  it('reads one recommendation of each action, naming items by code, ISBN and fpu code', () => {
    const { recommendations, findings, rows } = parse([
      row(6, { municipality: '01', school: '0101', item: 'A1', grade: 5, action: 'уменьшить', quantity: 20, comment: 'больше контингента' }),
      row(7, { school: '0101', item: '978-5-358-15433-9', grade: '5', action: 'исключить' }),
      row(8, { school: '0102', item: 'A1', grade: 5, action: 'заменить', replacement: 'R1' }),
      row(9, { school: '0102', item: '1.1.1.1.4.1', grade: 1, action: 'увеличить', quantity: 15 }),
      row(10, { school: '0103', item: 'P2', action: 'добавить', quantity: '40' }),
      row(11, {}),
    ]);
    expect(findings).toEqual([]);
    expect(rows).toBe(5);
    expect(recommendations.map((r) => [r.id, r.school, r.action, r.items.map((i) => i.item_key), r.grade, r.quantity, r.baseline.quantities])).toEqual([
      [1, '0101', 'decrease', ['code:A1'], 5, 20, [30]],
      [2, '0101', 'exclude', ['isbn:9785090000001'], 5, undefined, [30]],
      [3, '0102', 'replace', ['code:A1'], 5, undefined, [12]],
      // an fpu code names the textbook: both its parts
      [4, '0102', 'increase', ['code:P1', 'code:P2'], 1, 15, [10, 0]],
      // a blank grade is the item's only grade
      [5, '0103', 'add', ['code:P2'], 1, 40, [0]],
    ]);
    expect(recommendations[0]!.comment).toBe('больше контингента');
    expect(recommendations[0]!.municipality).toBe('01');
    expect(recommendations[0]!.scope).toBe('school');
    expect(recommendations[0]!.at).toEqual(at(6, 'I'));
    expect(recommendations[2]!.replacement).toMatchObject({ reference: 'R1', items: [{ publisher: 'Просвещение', item_key: 'code:R1' }] });
    expect(recommendations[2]!.baseline.replacement_quantities).toEqual([0]);
    expect(schoolsConcerned(recommendations)).toEqual(['0101', '0102', '0103']);
  });

  it('puts every mistake of a row at its cell', () => {
    const { recommendations, findings } = parse([
      row(6, { school: '0999', item: 'A1', grade: 5, action: 'исключить' }),
      row(7, { municipality: '09', item: 'A1', grade: 5, action: 'исключить' }),
      row(8, { municipality: '02', school: '0101', item: 'A1', grade: 5, action: 'исключить' }),
      row(9, { school: '0101', item: 'NOPE', grade: 5, action: 'исключить' }),
      row(10, { school: '0101', item: 'X1', grade: 5, action: 'исключить' }),
      row(11, { school: '0101', item: 'A1', grade: 5, action: 'оставить' }),
      row(12, { school: '0101', item: 'A1', grade: 5, action: 'уменьшить' }),
      row(13, { school: '0101', item: 'A1', grade: 5, action: 'уменьшить', quantity: 2.5 }),
      row(14, { school: '0101', item: 'A1', grade: 5, action: 'добавить', quantity: 0 }),
      row(15, { school: '0101', item: 'A1', grade: 5, action: 'исключить', quantity: 3 }),
      row(16, { school: '0101', item: 'A1', grade: 5, action: 'заменить' }),
      row(17, { school: '0101', item: 'A1', grade: 5, action: 'заменить', replacement: 'A1' }),
      row(18, { school: '0101', item: 'A1', grade: 5, action: 'заменить', replacement: 'P1' }),
      row(19, { school: '0101', item: 'A1', grade: 5, action: 'заменить', replacement: 'ZZZ' }),
      row(20, { school: '0101', item: 'G', action: 'исключить' }),
      row(21, { school: '0101', item: 'G', grade: '7-9', action: 'исключить' }),
      row(22, { school: '0101', item: 'A1', grade: 6, action: 'исключить' }),
      row(23, { municipality: '01', item: 'P1', grade: 1, action: 'добавить', quantity: 5 }),
      row(24, { school: '0101', item: 'A1', grade: 5, action: 'исключить' }),
      row(25, { school: '0101', item: 'A1', grade: 5, action: 'уменьшить', quantity: 3 }),
    ]);
    expect(findings.map(brief)).toEqual([
      'rec-school-unknown@B6',
      'rec-municipality-unknown@A7',
      'rec-municipality-mismatch@A8',
      'rec-item-unknown@E9',
      'rec-item-ambiguous@E10',
      'rec-action-invalid@I11',
      'rec-qty-invalid@J12',
      'rec-qty-invalid@J13',
      'rec-qty-invalid@J14',
      'rec-qty-invalid@J15',
      'rec-replacement-invalid@K16',
      'rec-replacement-invalid@K17',
      'rec-replacement-invalid@K18',
      'rec-item-unknown@K19',
      'rec-grade-invalid@G20',
      'rec-grade-invalid@G21',
      'rec-grade-invalid@G22',
      'rec-school-required@B23',
      'rec-duplicate@E25',
    ]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    expect(findings.find((f) => f.code === 'rec-duplicate')!.params).toMatchObject({ first: 24 });
    // only row 24 was good
    expect(recommendations.map((r) => r.at.row)).toEqual([24]);
  });

  it('a municipality-wide row applies to each of its schools that ordered the item, a school row takes precedence', () => {
    const { recommendations, findings } = parse([
      row(6, { municipality: 'Город Заречный', item: 'P1', grade: 1, action: 'исключить', comment: 'для всех' }),
      row(7, { school: '0103', item: 'P1', grade: 1, action: 'уменьшить', quantity: 30 }),
      row(8, { municipality: '01', item: 'A1', grade: 5, action: 'уменьшить', quantity: 20 }),
      row(9, { municipality: '02', item: 'P2', grade: 1, action: 'исключить' }),
    ]);
    expect(recommendations.map((r) => [r.at.row, r.school, r.scope, r.action, r.quantity])).toEqual([
      [6, '0101', 'municipality', 'exclude', undefined],
      [6, '0102', 'municipality', 'exclude', undefined],
      [7, '0103', 'school', 'decrease', 30],
      // 0102 ordered 12, already within 20: nothing for it
      [8, '0101', 'municipality', 'decrease', 20],
    ]);
    expect(recommendations.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(recommendations[0]!.comment).toBe('для всех');
    expect(findings.map((f) => `${f.severity} ${brief(f)}`)).toEqual(['warning rec-not-ordered-municipality@E9']);
  });

  it('a school row the order already satisfies is a warning and is not stored', () => {
    const { recommendations, findings } = parse([
      row(6, { school: '0102', item: 'R1', grade: 5, action: 'исключить' }),
      row(7, { school: '0102', item: 'A1', grade: 5, action: 'уменьшить', quantity: 12 }),
      row(8, { school: '0201', item: 'A1', grade: 5, action: 'увеличить', quantity: 10 }),
    ]);
    expect(recommendations).toEqual([]);
    expect(findings.map((f) => `${f.severity} ${brief(f)}`)).toEqual(['warning rec-not-ordered@E6', 'warning rec-qty-no-change@J7', 'warning rec-qty-no-change@J8']);
  });

  it('measures against the formed version while a newer one is pending', () => {
    const record: OrderRecord = { school: '0101', municipality: '01', versions: [version(1, []), version(2, [], 'draft')] };
    expect(baselineVersion(record)?.version).toBe(1);
    expect(baselineVersion({ ...record, versions: [version(1, [], 'agreed')] })?.version).toBe(1);
    expect(baselineVersion(undefined)).toBeUndefined();
  });
});

function rec(partial: Partial<Recommendation> & Pick<Recommendation, 'action' | 'items'>): Recommendation {
  return {
    id: 1,
    municipality: '01',
    school: '0101',
    scope: 'school',
    reference: 'A1',
    title: 'Русский язык',
    grade: 5,
    baseline: { version: 1, quantities: partial.items.map(() => 30) },
    at: at(6, 'I'),
    ...partial,
  };
}

const A1 = { publisher: 'Просвещение', item_key: 'code:A1' };
const P1 = { publisher: 'Просвещение', item_key: 'code:P1' };
const P2 = { publisher: 'Просвещение', item_key: 'code:P2' };
const R1 = { publisher: 'Просвещение', item_key: 'code:R1' };

describe('recommendationStatus', () => {
  it('decrease: applied at or below the target, partially when lower than before', () => {
    const r = rec({ action: 'decrease', items: [A1], quantity: 20 });
    expect(recommendationStatus(r, [20])).toBe('applied');
    expect(recommendationStatus(r, [0])).toBe('applied');
    expect(recommendationStatus(r, [25])).toBe('partially-applied');
    expect(recommendationStatus(r, [30])).toBe('not-applied');
    expect(recommendationStatus(r, [35])).toBe('not-applied');
  });

  it('increase and add: applied at or above the target', () => {
    const inc = rec({ action: 'increase', items: [A1], quantity: 40 });
    expect(recommendationStatus(inc, [40])).toBe('applied');
    expect(recommendationStatus(inc, [35])).toBe('partially-applied');
    expect(recommendationStatus(inc, [30])).toBe('not-applied');
    const add = rec({ action: 'add', items: [A1], quantity: 10, baseline: { version: 1, quantities: [0] } });
    expect(recommendationStatus(add, [12])).toBe('applied');
    expect(recommendationStatus(add, [4])).toBe('partially-applied');
    expect(recommendationStatus(add, [0])).toBe('not-applied');
  });

  it('exclude: every part must go; one part removed is partial', () => {
    const r = rec({ action: 'exclude', items: [P1, P2], grade: 1 });
    expect(recommendationStatus(r, [0, 0])).toBe('applied');
    expect(recommendationStatus(r, [0, 30])).toBe('partially-applied');
    expect(recommendationStatus(r, [30, 30])).toBe('not-applied');
  });

  it('replace: the item out and the replacement in, by default as many as the replaced one', () => {
    const r = rec({ action: 'replace', items: [A1], replacement: { reference: 'R1', title: 'R', items: [R1] }, baseline: { version: 1, quantities: [30], replacement_quantities: [0] } });
    expect(recommendationStatus(r, [0], [30])).toBe('applied');
    expect(recommendationStatus(r, [0], [0])).toBe('partially-applied');
    expect(recommendationStatus(r, [30], [30])).toBe('partially-applied');
    expect(recommendationStatus(r, [30], [0])).toBe('not-applied');
    expect(recommendationStatus({ ...r, quantity: 10 }, [0], [10])).toBe('applied');
    expect(recommendationStatus(r, [0], [10])).toBe('partially-applied');
  });
});

describe('checkRecommendations', () => {
  const v1 = version(1, [line('code:A1', 5, 30, 6), line('code:P1', 1, 20, 7), line('code:R1', 5, 5, 8)]);
  it('compares with the latest version and lists the changes nobody asked for', () => {
    const v2 = version(2, [line('code:A1', 5, 20, 6), line('code:R1', 5, 8, 8), line('code:P2', 1, 9, 12)], 'draft');
    const orders = new Map<string, OrderRecord>([
      ['0101', { school: '0101', municipality: '01', versions: [v1, v2] }],
      ['0102', { school: '0102', municipality: '01', versions: [version(1, [line('code:A1', 5, 12, 6)])] }],
      ['0103', { school: '0103', municipality: '01', versions: [version(1, [line('code:A1', 5, 3, 9)], 'draft')] }],
    ]);
    const recs = [
      rec({ id: 1, action: 'decrease', items: [A1], quantity: 20 }),
      rec({ id: 2, school: '0102', action: 'exclude', items: [A1], baseline: { version: 1, quantities: [12] } }),
      rec({ id: 3, school: '0201', municipality: '02', action: 'add', items: [A1], quantity: 5, baseline: { version: null, quantities: [0] } }),
    ];
    const out = checkRecommendations(recs, orders, { '0101': 1, '0102': 1, '0103': null, '0201': null });
    expect(out.results.map((r) => [r.recommendation.id, r.status, r.version, r.quantities])).toEqual([
      [1, 'applied', 2, [20]],
      [2, 'not-applied', 1, [12]],
      [3, 'not-applied', null, [0]],
    ]);
    expect(out.results[0]!.state).toBe('draft');
    expect(out.summary).toEqual({ applied: 1, partially_applied: 0, not_applied: 2 });
    expect(out.unrequested.map((u) => [u.school, u.item_key, u.grade, u.before, u.after, u.file, u.row])).toEqual([
      // 0101: P1 removed (addressed in the baseline's file), R1 changed, P2 added; A1 was recommended
      ['0101', 'code:P1', 1, 20, 0, 'v1.xlsx', 7],
      ['0101', 'code:R1', 5, 5, 8, 'v2.xlsx', 8],
      ['0101', 'code:P2', 1, 0, 9, 'v2.xlsx', 12],
      // 0103 had no order when the recommendations were loaded: its new order is a change too
      ['0103', 'code:A1', 5, 0, 3, 'v1.xlsx', 9],
    ]);
  });

  it('does not count a replacement line as unrequested', () => {
    const v2 = version(2, [line('code:P1', 1, 20, 7), line('code:R1', 5, 35, 8)]);
    const orders = new Map<string, OrderRecord>([['0101', { school: '0101', municipality: '01', versions: [v1, v2] }]]);
    const r = rec({ action: 'replace', items: [A1], replacement: { reference: 'R1', title: 'R', items: [R1] }, baseline: { version: 1, quantities: [30], replacement_quantities: [5] } });
    const out = checkRecommendations([r], orders, { '0101': 1 });
    expect(out.results[0]!.status).toBe('applied');
    expect(out.unrequested).toEqual([]);
  });
});
