import { describe, expect, it } from 'vitest';
import { Catalogue, type CatalogueItem } from '../../../src/core/model/catalogue.js';
import { cellRef, type CellAddress, type Finding } from '../../../src/core/finding.js';
import type { OrderField } from '../../../src/core/model/order.js';
import {
  MAX_LINE_COPIES,
  validateOrder,
  type OrderRowInput,
  type OrderTotalRowInput,
  type RawValue,
  type ValidateOrderInput,
} from '../../../src/features/order/check.js';
import type { Registry } from '../../../src/core/model/registry.js';
import { order as orderFindings } from '../../../src/core/findings/order.js';

const FILE = 'incoming/school-0412.xlsx';
const SHEET = 'Заказ';
// The layout of the template uchebnik writes.
const COLUMN: Record<OrderField, string> = {
  publisher: 'A',
  fpu_code: 'B',
  item_code: 'C',
  isbn: 'D',
  authors: 'E',
  title: 'F',
  grade: 'G',
  price: 'H',
  quantity: 'I',
  sum: 'J',
};
const at = (row: number, column?: string): CellAddress => ({ file: FILE, sheet: SHEET, row, ...(column ? { column } : {}) });

function row(n: number, values: Partial<Record<OrderField, RawValue>>): OrderRowInput {
  return { row: n, values, at: (f) => at(n, COLUMN[f]) };
}

function totalRow(n: number, values: { quantity?: RawValue; sum?: RawValue }): OrderTotalRowInput {
  return { row: n, values, at: (f) => at(n, COLUMN[f]) };
}

const P = 'Просвещение';

function item(over: Partial<CatalogueItem> & Pick<CatalogueItem, 'key' | 'title' | 'grade_from' | 'grade_to' | 'price_kopecks'>): CatalogueItem {
  return { publisher: P, authors: 'Авторы', vat_rate: 10, ...over };
}

const ITEMS: CatalogueItem[] = [
  item({ key: 'code:1001', item_code: '1001', fpu_code: '1.1.2.1.1.1', isbn: '9785090000011', title: 'Русский язык', grade_from: 5, grade_to: 5, price_kopecks: 24398 }),
  item({ key: 'code:1002', item_code: '1002', fpu_code: '1.1.2.3.1.1', title: 'Математика', grade_from: 5, grade_to: 6, price_kopecks: 50000 }),
  item({ key: 'fpu:1.1.1.1.4.1:азбука в 2 ч ч 1', fpu_code: '1.1.1.1.4.1', title: 'Азбука. В 2 ч. Ч. 1', grade_from: 1, grade_to: 1, price_kopecks: 40000 }),
  item({ key: 'fpu:1.1.1.1.4.1:азбука в 2 ч ч 2', fpu_code: '1.1.1.1.4.1', title: 'Азбука. В 2 ч. Ч. 2', grade_from: 1, grade_to: 1, price_kopecks: 41000 }),
  item({ key: 'code:2001', item_code: '2001', not_in_fpu: true, title: 'Рабочая тетрадь', grade_from: 5, grade_to: 9, price_kopecks: 15000 }),
];
const catalogue = new Catalogue(ITEMS);

const registry: Registry = {
  municipalities: [{ code: '01', name: 'Город' }],
  schools: [
    { code: '0412', short_name: 'МБОУ СОШ № 12', full_name: 'МБОУ СОШ № 12', municipality: '01', students: { '1': 20, '5': 27, '6': 30 } },
    { code: '0413', short_name: 'МБОУ СОШ № 13', full_name: 'МБОУ СОШ № 13', municipality: '01' },
  ],
};

const SCHOOL_AT = at(2, 'B');

function validate(rows: OrderRowInput[], over: Partial<ValidateOrderInput> = {}) {
  return validateOrder({
    rows,
    school: '0412',
    schoolAt: SCHOOL_AT,
    registry,
    catalogue,
    settings: { reserve_percent: 10, strict: false },
    file: FILE,
    ...over,
  });
}

/** One line per finding, short enough to compare whole: code, severity, cell. */
const brief = (fs: Finding[]) => fs.map((f) => `${f.code} ${f.severity} ${cellRef(f) ?? (f.row ? `row ${f.row}` : f.file)}`);

/** The rows of a correct order, as the template writes them. */
const CLEAN = () => [
  row(10, { publisher: P, fpu_code: '1.1.2.1.1.1', item_code: '1001', title: 'Русский язык', grade: '5', price: 243.98000000000002, quantity: 27, sum: 6587.46 }),
  row(11, { publisher: P, fpu_code: '1.1.2.3.1.1', item_code: '1002', title: 'Математика', grade: 6, price: '500,00 руб.', quantity: '30', sum: '15 000,00' }),
  row(12, { publisher: P, fpu_code: '1.1.1.1.4.1', title: 'Азбука. В 2 ч. Ч. 1', grade: 1, price: 400, quantity: 20 }),
  row(13, { publisher: P, fpu_code: '1.1.1.1.4.1', title: 'Азбука. В 2 ч. Ч. 2', grade: 1, price: 410, quantity: 20 }),
  // Hundreds of template lines are left blank, or 0; whatever else they hold is not looked at.
  row(14, { item_code: '9999', grade: 'abc', price: 'x', quantity: null }),
  row(15, { item_code: '1002', grade: 5, price: 1, quantity: 0, sum: 99 }),
  row(16, { item_code: '1002', grade: 5, quantity: '  ' }),
];

describe('validateOrder: a correct order', () => {
  it('has no findings and yields its lines at the catalogue price', () => {
    const r = validate(CLEAN(), { totalRow: totalRow(20, { quantity: 97, sum: 6587.46 + 15000 + 400 * 20 + 410 * 20 }) });
    expect(brief(r.findings)).toEqual([]);
    expect(r.skipped).toEqual({ students: false });
    expect(r.lines).toEqual([
      { publisher: P, item_key: 'code:1001', grade: 5, quantity: 27, price_kopecks: 24398, row: 10 },
      { publisher: P, item_key: 'code:1002', grade: 6, quantity: 30, price_kopecks: 50000, row: 11 },
      { publisher: P, item_key: 'fpu:1.1.1.1.4.1:азбука в 2 ч ч 1', grade: 1, quantity: 20, price_kopecks: 40000, row: 12 },
      { publisher: P, item_key: 'fpu:1.1.1.1.4.1:азбука в 2 ч ч 2', grade: 1, quantity: 20, price_kopecks: 41000, row: 13 },
    ]);
  });

  it('finds items by ISBN alone, and a blank grade of a one-grade item is that grade', () => {
    const r = validate([row(10, { isbn: '978-5-09-000001-1', grade: null, quantity: 3 })]);
    expect(brief(r.findings)).toEqual([]);
    expect(r.lines).toEqual([{ publisher: P, item_key: 'code:1001', grade: 5, quantity: 3, price_kopecks: 24398, row: 10 }]);
  });
});

describe('validateOrder: each finding at the cell to fix', () => {
  it('order-school-unknown at the cell naming the school, or for the file when none does', () => {
    const unknown = validate(CLEAN(), { school: '9999' });
    expect(brief(unknown.findings)).toEqual(['order-school-unknown error B2']);
    expect(unknown.findings[0]).toMatchObject({ school: '9999', params: { school: '9999' } });
    // Without a school there are no counts to check against.
    expect(unknown.skipped.students).toBe(true);

    const missing = validate(CLEAN(), { school: undefined, schoolAt: undefined });
    expect(missing.findings).toEqual([{ code: 'order-school-unknown', severity: 'error', file: FILE, params: { school: '—' } }]);
  });

  it.each([
    ['2,5', 'fraction'],
    [2.5, 'a fractional number'],
    ['много', 'text'],
    [-3, 'negative'],
    ['-3', 'negative text'],
    [MAX_LINE_COPIES + 1, 'more than any school orders'],
  ])('order-qty-invalid at the quantity cell: %j (%s)', (quantity, _why) => {
    const r = validate([row(10, { item_code: '1001', grade: 5, quantity })]);
    expect(brief(r.findings)).toEqual(['order-qty-invalid error I10']);
    expect(r.findings[0]!.actual).toBe(String(quantity));
    expect(r.lines).toEqual([]);
  });

  it('a row with an unreadable quantity is still checked for its item, price and grade', () => {
    const r = validate([row(10, { item_code: '7777', grade: 5, quantity: 'два' }), row(11, { item_code: '1001', grade: 7, price: 1, quantity: 'два' })]);
    expect(brief(r.findings)).toEqual([
      'order-qty-invalid error I10',
      'order-item-unknown error C10',
      'order-qty-invalid error I11',
      'order-price-mismatch error H11',
      'order-grade-mismatch error G11',
    ]);
  });

  it('order-item-unknown at the reference the row uses: item code, else ISBN, else fpu code', () => {
    const r = validate([
      row(10, { fpu_code: '1.1.2.1.1.1', item_code: '9999', isbn: '9780000000000', grade: 5, quantity: 1 }),
      row(11, { fpu_code: '1.1.2.3.1.1', isbn: '9780000000002', grade: 5, quantity: 1 }),
      row(12, { fpu_code: '9.9.9.9.9', title: 'Нет такого', grade: 5, quantity: 1 }),
      row(13, { publisher: 'Дрофа', item_code: '1001', grade: 5, quantity: 1 }),
      row(14, { title: 'Без кода', grade: 5, quantity: 1 }),
    ]);
    // Rows 10 and 11 name a known fpu code too: the catalogue finds them by it.
    expect(brief(r.findings)).toEqual(['order-item-unknown error B12', 'order-item-unknown error C13', 'order-item-unknown error C14']);
    expect(r.findings[0]).toMatchObject({ item: '9.9.9.9.9 Нет такого', params: { reference: '9.9.9.9.9 Нет такого' } });
    expect(r.lines.map((l) => l.row)).toEqual([10, 11]);
  });

  it('parts 1 and 2 sharing an fpu code: the title chooses, or the line is ambiguous listing both', () => {
    const r = validate([
      row(10, { fpu_code: '1.1.1.1.4.1', title: 'Азбука, часть 2', grade: 1, quantity: 5 }),
      row(11, { fpu_code: '1.1.1.1.4.1', title: 'Азбука', grade: 1, quantity: 5 }),
      row(12, { fpu_code: '1.1.1.1.4.1', grade: 1, quantity: 5 }),
    ]);
    expect(r.lines).toEqual([{ publisher: P, item_key: 'fpu:1.1.1.1.4.1:азбука в 2 ч ч 2', grade: 1, quantity: 5, price_kopecks: 41000, row: 10 }]);
    expect(brief(r.findings)).toEqual(['order-item-ambiguous error B11', 'order-item-ambiguous error B12']);
    const candidates = String(r.findings[0]!.params!.candidates);
    expect(candidates).toContain('Азбука. В 2 ч. Ч. 1');
    expect(candidates).toContain('Азбука. В 2 ч. Ч. 2');
    expect(r.findings[0]!.params!.count).toBe(2);
  });

  it('order-price-mismatch at the price cell, in kopecks', () => {
    const r = validate([row(10, { item_code: '1001', grade: 5, price: '250,00', quantity: 1 }), row(11, { item_code: '1001', grade: 5, price: 'дорого', quantity: 1 })]);
    expect(brief(r.findings)).toEqual(['order-price-mismatch error H10', 'order-price-mismatch error H11', 'order-duplicate-line error I11']);
    expect(r.findings[0]).toMatchObject({ expected: 24398, actual: 25000, item: 'code:1001', school: '0412', params: { price_kopecks: 25000, list_price_kopecks: 24398 } });
    expect(r.findings[1]).toMatchObject({ expected: 24398, actual: 'дорого' });
    // The line is ordered at the price list's price.
    expect(r.lines[0]!.price_kopecks).toBe(24398);
  });

  it('order-grade-mismatch at the grade cell: outside the range, unreadable, a range, or missing for a multi-grade item', () => {
    const r = validate([
      row(10, { item_code: '1001', grade: 7, quantity: 1 }),
      row(11, { item_code: '1002', grade: 'пятый', quantity: 1 }),
      row(12, { item_code: '1002', grade: '5-6', quantity: 1 }),
      row(13, { item_code: '1002', grade: null, quantity: 1 }),
    ]);
    expect(brief(r.findings)).toEqual(['order-grade-mismatch error G10', 'order-grade-mismatch error G11', 'order-grade-mismatch error G12', 'order-grade-mismatch error G13']);
    expect(r.findings[0]).toMatchObject({ expected: '5', actual: '7', params: { grade: '7', range: '5' } });
    expect(r.findings[1]).toMatchObject({ expected: '5–6', actual: 'пятый' });
    expect(r.findings[3]!.params!.grade).toBe('—');
    // An item and grade known stay a line (the grade is wrong, not unknown); the others cannot be.
    expect(r.lines.map((l) => [l.row, l.grade])).toEqual([[10, 7]]);
  });

  it('order-duplicate-line at the second line’s quantity, naming the first row', () => {
    const r = validate([
      row(10, { item_code: '1002', grade: 5, quantity: 3 }),
      row(11, { item_code: '1002', grade: 6, quantity: 3 }),
      row(12, { fpu_code: '1.1.2.3.1.1', grade: '5', quantity: 4 }),
    ]);
    expect(brief(r.findings)).toEqual(['order-duplicate-line error I12']);
    expect(r.findings[0]).toMatchObject({ params: { first: 10, grade: 5 }, actual: 4 });
    expect(r.lines.map((l) => l.row)).toEqual([10, 11]);
  });

  it('order-sum-mismatch at the sum cell: quantity × the file’s price when it gives one, else the list’s', () => {
    const r = validate([
      row(10, { item_code: '1001', grade: 5, quantity: 10, sum: '2400' }),
      // The price differs (its own finding) but the sum is right for it: no sum finding.
      row(11, { item_code: '1002', grade: 5, price: 510, quantity: 2, sum: 1020 }),
      row(12, { item_code: '1002', grade: 6, price: 510, quantity: 2, sum: 1000 }),
      row(13, { item_code: '2001', grade: 5, quantity: 1, sum: 'сто' }),
    ]);
    expect(brief(r.findings)).toEqual([
      'order-sum-mismatch error J10',
      'order-price-mismatch error H11',
      'order-price-mismatch error H12',
      'order-sum-mismatch error J12',
      'order-item-not-in-fpu warning C13',
      'order-sum-mismatch error J13',
    ]);
    expect(r.findings[0]).toMatchObject({ expected: 243980, actual: 240000, params: { quantity: 10, computed_kopecks: 243980 } });
    expect(r.findings[3]).toMatchObject({ expected: 102000, actual: 100000 });
    expect(r.findings[5]).toMatchObject({ expected: 15000, actual: 'сто' });
  });

  it('order-total-mismatch at the totals row’s quantity and sum cells', () => {
    const rows = () => [row(10, { item_code: '1001', grade: 5, quantity: 10, sum: 2439.8 }), row(11, { item_code: '1002', grade: 6, quantity: 2 })];
    const ok = validate(rows(), { totalRow: totalRow(30, { quantity: 12, sum: '3 439,80' }) });
    expect(brief(ok.findings)).toEqual([]);

    const r = validate(rows(), { totalRow: totalRow(30, { quantity: 13, sum: 3439.81 }) });
    expect(brief(r.findings)).toEqual(['order-total-mismatch error I30', 'order-total-mismatch error J30']);
    expect(r.findings[0]).toMatchObject({ expected: 12, actual: 13 });
    expect(r.findings[1]).toMatchObject({ expected: 343980, actual: 343981 });
  });

  it('the totals row follows the file’s own line sums, and waits for unreadable quantities to be fixed', () => {
    const wrongSum = [row(10, { item_code: '1001', grade: 5, quantity: 10, sum: 2400 })];
    // The file's total agrees with its (wrong) line: only the line is wrong.
    expect(brief(validate(wrongSum, { totalRow: totalRow(30, { quantity: 10, sum: 2400 }) }).findings)).toEqual(['order-sum-mismatch error J10']);

    const unreadable = [row(10, { item_code: '1001', grade: 5, quantity: 'десять' }), row(11, { item_code: '1002', grade: 6, quantity: 2 })];
    expect(brief(validate(unreadable, { totalRow: totalRow(30, { quantity: 99, sum: 1 }) }).findings)).toEqual(['order-qty-invalid error I10']);
  });

  it('order-qty-exceeds-students: 27 students and 10 % allow 29 copies, 30 is a warning', () => {
    const at29 = validate([row(10, { item_code: '1001', grade: 5, quantity: 29 })]);
    expect(brief(at29.findings)).toEqual([]);
    const at30 = validate([row(10, { item_code: '1001', grade: 5, quantity: 30 })]);
    expect(brief(at30.findings)).toEqual(['order-qty-exceeds-students warning I10']);
    expect(at30.findings[0]).toMatchObject({ school: '0412', item: 'code:1001', expected: 29, actual: 30, params: { grade: 5, students: 27, reserve: 10 } });
  });

  it('order-qty-exceeds-students is an error with strict, and follows the reserve setting', () => {
    const rows = () => [row(10, { item_code: '1001', grade: 5, quantity: 30 })];
    expect(brief(validate(rows(), { settings: { reserve_percent: 10, strict: true } }).findings)).toEqual(['order-qty-exceeds-students error I10']);
    // 27 × 1.15 = 31.05: 31 copies allowed.
    expect(brief(validate(rows(), { settings: { reserve_percent: 15, strict: true } }).findings)).toEqual([]);
    expect(brief(validate(rows(), { settings: { reserve_percent: 0, strict: false } }).findings)).toEqual(['order-qty-exceeds-students warning I10']);
  });

  it('the students check is skipped for a school without counts, and for grades the registry has no count of', () => {
    const r = validate([row(10, { item_code: '1001', grade: 5, quantity: 500 })], { school: '0413' });
    expect(brief(r.findings)).toEqual([]);
    expect(r.skipped.students).toBe(true);
    // 0412 has counts, but none for grade 9.
    const grade9 = validate([row(10, { item_code: '2001', grade: 9, quantity: 500 })]);
    expect(brief(grade9.findings)).toEqual(['order-item-not-in-fpu warning C10']);
    expect(grade9.skipped.students).toBe(false);
  });

  it('order-item-not-in-fpu at the item cell', () => {
    const r = validate([row(10, { item_code: '2001', title: 'Рабочая тетрадь', grade: 7, quantity: 4 })]);
    expect(r.findings).toEqual([
      {
        code: 'order-item-not-in-fpu',
        severity: 'warning',
        file: FILE,
        sheet: SHEET,
        row: 10,
        column: 'C',
        params: { title: 'Рабочая тетрадь', publisher: P },
        school: '0412',
        item: 'code:2001',
      },
    ]);
    expect(r.lines).toHaveLength(1);
  });

  it('order-empty for the file when no line has a quantity', () => {
    const r = validate(CLEAN().slice(4));
    expect(r.findings).toEqual([{ code: 'order-empty', severity: 'warning', file: FILE, params: {}, school: '0412' }]);
    expect(brief(validate([]).findings)).toEqual([`order-empty warning ${FILE}`]);
  });

  it('every order finding has its message in both languages, with every placeholder filled', () => {
    const findings = [
      ...validate(
        [
          row(10, { item_code: '1001', grade: 7, price: 1, quantity: 30, sum: 1 }),
          row(11, { item_code: '1001', grade: 7, quantity: 1 }),
          row(12, { item_code: '8888', grade: 5, quantity: 1 }),
          row(13, { fpu_code: '1.1.1.1.4.1', grade: 1, quantity: 1 }),
          row(14, { item_code: '1001', grade: 5, quantity: 40 }),
        ],
        { totalRow: totalRow(30, { quantity: 1, sum: 1 }) },
      ).findings,
      ...validate([row(10, { item_code: '2001', grade: 5, quantity: 'x' })], { school: 'nope' }).findings,
      ...validate([]).findings,
    ];
    const codes = new Set(findings.map((f) => f.code));
    expect([...codes].sort()).toEqual(
      Object.keys(orderFindings).sort(),
    );
    for (const f of findings)
      for (const lang of ['ru', 'en'] as const) {
        const template = orderFindings[f.code as keyof typeof orderFindings].message[lang];
        const params: Record<string, unknown> = { ...f.params, expected: f.expected, actual: f.actual };
        // `{price}` is filled by `price_kopecks`, shown as money (src/core/i18n/index.ts)
        for (const [, name] of template.matchAll(/\{(\w+)\}/g)) expect([f.code, lang, name, params[name!] ?? params[`${name}_kopecks`]]).not.toContainEqual(undefined);
      }
  });
});

/**
 * A school's order over `items` textbooks (pairs of parts 1 and 2 sharing an fpu code), each for five
 * grades. A fifth of the pairs are named by item code, a fifth by ISBN alone, the rest by fpu code
 * and title. Prices and sums come as Excel leaves them: float noise, text with a decimal comma.
 */
function bigOrder(items: number) {
  const catalogueItems: CatalogueItem[] = [];
  const rows: OrderRowInput[] = [];
  let n = 10;
  let copies = 0;
  let sum = 0;
  for (let i = 0; i < items; i++) {
    const pair = Math.floor(i / 2);
    const publisher = pair % 2 ? P : 'Дрофа';
    const kind = pair % 5 === 0 ? 'code' : pair % 5 === 1 ? 'isbn' : 'title';
    const from = 1 + (pair % 7);
    const price = 10000 + ((i * 7919) % 90000) + 1;
    const fpu = `2.1.${Math.floor(pair / 100) + 1}.${(pair % 100) + 1}.1`;
    const title = `Учебник ${pair}. В 2 ч. Ч. ${(i % 2) + 1}`;
    const code = `DRF${String(i).padStart(12, '0')}`;
    const digits = String(i).padStart(9, '0');
    catalogueItems.push({
      key: `k${i}`,
      publisher,
      authors: 'Иванов И.И.',
      title,
      fpu_code: fpu,
      ...(kind === 'code' ? { item_code: code } : {}),
      ...(kind === 'isbn' ? { isbn: `9785${digits}` } : {}),
      grade_from: from,
      grade_to: from + 4,
      price_kopecks: price,
      vat_rate: 10,
    });
    for (let g = from; g <= from + 4; g++) {
      const q = 1 + ((i + g) % 25);
      copies += q;
      sum += q * price;
      rows.push(
        row(n++, {
          publisher,
          item_code: kind === 'code' ? code : null,
          isbn: kind === 'isbn' ? `978-5-${digits}` : null,
          fpu_code: kind === 'isbn' ? null : fpu,
          title: kind === 'title' ? title : null,
          grade: g % 2 ? g : `${g} класс`,
          price: g % 3 ? (price / 100) * 1.0000000000000002 : String(price / 100).replace('.', ','),
          quantity: g % 2 ? q : String(q),
          sum: g % 4 ? (q * price) / 100 : null,
        }),
      );
    }
  }
  const students = Object.fromEntries(Array.from({ length: 11 }, (_, k) => [String(k + 1), 25]));
  return {
    catalogue: new Catalogue(catalogueItems),
    rows,
    totalRow: totalRow(n + 1, { quantity: copies, sum: sum / 100 }),
    registry: { municipalities: registry.municipalities, schools: [{ ...registry.schools[0]!, students }] },
  };
}

describe('validateOrder: a large correct order', () => {
  it('2,000 lines over 400 items × grades give no finding', () => {
    const big = bigOrder(400);
    expect(big.rows).toHaveLength(2000);
    const r = validate(big.rows, big);
    expect(brief(r.findings)).toEqual([]);
    expect(r.lines).toHaveLength(2000);
    expect(new Set(r.lines.map((l) => `${l.publisher}/${l.item_key}/${l.grade}`)).size).toBe(2000);
  });

  // Measured ≈0.5 s; a scan of the lines per line takes ≈50 s. The margin is for a loaded CI machine.
  it('is linear: 30,000 lines in a few seconds at most', () => {
    const big = bigOrder(6000);
    const start = performance.now();
    const r = validate(big.rows, big);
    const ms = performance.now() - start;
    expect(brief(r.findings)).toEqual([]);
    expect(r.lines).toHaveLength(30000);
    expect(ms).toBeLessThan(5000);
  });
});

describe('validateOrder: the title chooses only where a reference is ambiguous', () => {
  // Catalogue lookups are cached per reference, with the title a key only where it can change the
  // answer (src/features/order/check.ts): the same references with other titles, in any order.
  const keys = (rows: OrderRowInput[]) => validate(rows).lines.map((l) => l.item_key);
  const azbuka = (n: number, title: string) => row(n, { fpu_code: '1.1.1.1.4.1', title, grade: 1, quantity: 1 });
  const russian = (n: number, title: string) => row(n, { item_code: '1001', title, grade: 5, quantity: 1 });

  it('tells apart two parts of one fpu code by their titles, whichever comes first', () => {
    expect(keys([azbuka(10, 'Азбука. В 2 ч. Ч. 2'), azbuka(11, 'Азбука. В 2 ч. Ч. 1')])).toEqual(['fpu:1.1.1.1.4.1:азбука в 2 ч ч 2', 'fpu:1.1.1.1.4.1:азбука в 2 ч ч 1']);
    expect(keys([azbuka(10, 'Азбука. В 2 ч. Ч. 1'), azbuka(11, 'Азбука. В 2 ч. Ч. 2')])).toEqual(['fpu:1.1.1.1.4.1:азбука в 2 ч ч 1', 'fpu:1.1.1.1.4.1:азбука в 2 ч ч 2']);
    const unknown = validate([azbuka(10, 'Что-то другое')]);
    expect(unknown.lines).toEqual([]);
    expect(unknown.findings.map((f) => f.code)).toContain('order-item-ambiguous');
  });

  it('finds an item its code names alone with any title, or none', () => {
    for (const title of ['Русский язык', 'Совсем не то', '', 'Русский язык']) expect(keys([russian(10, title)])).toEqual(['code:1001']);
  });
});
