import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Catalogue, type CatalogueItem } from '../../../src/core/model/catalogue.js';
import { compareFpu, summarize, type Totals } from '../../../src/features/consolidate/consolidate.js';
import { consolidateMunicipality, consolidateRegion } from '../../support/consolidation.js';
import { orderTotals, formedLines, type OrderRecord, type OrderState, type OrderVersion } from '../../../src/core/model/order-lifecycle.js';
import type { OrderLine } from '../../../src/core/model/order.js';
import type { Registry } from '../../../src/core/model/registry.js';

function item(publisher: string, code: string, over: Partial<CatalogueItem> = {}): CatalogueItem {
  return { key: `code:${code}`, publisher, item_code: code, authors: 'Автор А.А.', title: `Учебник ${code}`, grade_from: 1, grade_to: 11, price_kopecks: 10000, vat_rate: 10, ...over };
}

function version(n: number, state: OrderState, lines: OrderLine[]): OrderVersion {
  return {
    version: n,
    state,
    submitted_at: '2018-02-01T10:00:00.000+04:00',
    ...(state !== 'draft' ? { agreed_at: '2018-02-01T11:00:00.000+04:00' } : {}),
    ...(state === 'formed' ? { formed_at: '2018-02-01T12:00:00.000+04:00' } : {}),
    source: { file: 'x.xlsx', sha256: String(n).padStart(64, '0'), stored: '' },
    lines,
    totals: orderTotals(lines),
    errors: 0,
  };
}

function line(publisher: string, code: string, grade: number, quantity: number, price = 10000): OrderLine {
  return { publisher, item_key: `code:${code}`, grade, quantity, price_kopecks: price };
}

const registry: Registry = {
  municipalities: [
    { code: '01', name: 'Первый район' },
    { code: '02', name: 'Второй район' },
  ],
  schools: [
    { code: '0101', short_name: 'Школа 1', full_name: 'Школа 1', municipality: '01' },
    { code: '0102', short_name: 'Школа 2', full_name: 'Школа 2', municipality: '01' },
    { code: '0103', short_name: 'Школа 3', full_name: 'Школа 3', municipality: '01' },
    { code: '0201', short_name: 'Школа 21', full_name: 'Школа 21', municipality: '02' },
  ],
};

const catalogue = new Catalogue([
  item('Просвещение', 'P1', { fpu_code: '1.1.1.1.10.1' }),
  item('Просвещение', 'P2', { fpu_code: '1.1.1.1.2.1' }),
  item('Просвещение', 'P3'),
  item('Дрофа', 'D1', { fpu_code: '1.2.1.1.1.1', price_kopecks: 33333 }),
]);

describe('consolidateMunicipality', () => {
  const records: OrderRecord[] = [
    {
      school: '0101',
      municipality: '01',
      versions: [version(1, 'formed', [line('Просвещение', 'P1', 5, 10), line('Просвещение', 'P2', 5, 3), line('Дрофа', 'D1', 6, 7, 33333)])],
    },
    // a correction still in draft: the formed version 1 is what counts
    { school: '0102', municipality: '01', versions: [version(1, 'formed', [line('Просвещение', 'P1', 5, 4)]), version(2, 'draft', [line('Просвещение', 'P1', 5, 400)])] },
    // never formed
    { school: '0103', municipality: '01', versions: [version(1, 'agreed', [line('Просвещение', 'P1', 5, 99)])] },
    { school: '0201', municipality: '02', versions: [version(1, 'formed', [line('Просвещение', 'P1', 5, 1000)])] },
  ];

  it('builds items × schools per publisher with totals per item, school and publisher', () => {
    const c = consolidateMunicipality('01', records, catalogue, registry);
    expect(c.scope).toBe('municipality');
    expect(c.schools.map((s) => s.code)).toEqual(['0101', '0102']);
    expect(c.missing).toEqual(['0103']);
    expect(c.round).toBe(1);
    expect(c.publishers.map((p) => p.publisher)).toEqual(['Дрофа', 'Просвещение']);
    const prosv = c.publishers[1]!;
    expect(prosv.columns).toEqual(['0101', '0102']);
    // fpu order: 1.1.1.1.2.1 before 1.1.1.1.10.1
    expect(prosv.rows.map((r) => r.item.item_code)).toEqual(['P2', 'P1']);
    const p1 = prosv.rows[1]!;
    expect(p1.cells.get('0101')).toEqual({ copies: 10, sum_kopecks: 100000 });
    expect(p1.cells.get('0102')).toEqual({ copies: 4, sum_kopecks: 40000 });
    expect(p1.total).toEqual({ copies: 14, sum_kopecks: 140000 });
    expect(prosv.columnTotals.get('0101')).toEqual({ copies: 13, sum_kopecks: 130000 });
    expect(prosv.total).toEqual({ copies: 17, sum_kopecks: 170000 });
    expect(c.bySchool.get('0101')).toEqual({ copies: 20, sum_kopecks: 130000 + 7 * 33333 });
    expect(c.total).toEqual({ copies: 24, sum_kopecks: 170000 + 7 * 33333 });
    expect(summarize(c)).toEqual([
      { publisher: 'Дрофа', copies: 7, sum_kopecks: 233331, lines: 1, schools: 1 },
      { publisher: 'Просвещение', copies: 17, sum_kopecks: 170000, lines: 2, schools: 2 },
    ]);
  });

  it('is round 2 once a school counts a corrected (version ≥ 2) formed order', () => {
    const corrected: OrderRecord = { ...records[1]!, versions: [...records[1]!.versions.slice(0, 1), version(2, 'formed', [line('Просвещение', 'P1', 5, 5)])] };
    const c = consolidateMunicipality('01', [records[0]!, corrected], catalogue, registry);
    expect(c.round).toBe(2);
    expect(c.bySchool.get('0102')).toEqual({ copies: 5, sum_kopecks: 50000 });
  });

  it('keeps lines of one item at different prices apart, and items the catalogue lost by key', () => {
    const c = consolidateMunicipality(
      '01',
      [
        { school: '0101', municipality: '01', versions: [version(1, 'formed', [line('Просвещение', 'P1', 5, 2, 10000), line('Просвещение', 'GONE', 7, 1, 555)])] },
        { school: '0102', municipality: '01', versions: [version(1, 'formed', [line('Просвещение', 'P1', 5, 3, 12000)])] },
      ],
      catalogue,
      registry,
    );
    const rows = c.publishers[0]!.rows;
    expect(rows.map((r) => [r.item_key, r.price_kopecks, r.total.copies])).toEqual([
      ['code:P1', 10000, 2],
      ['code:P1', 12000, 3],
      ['code:GONE', 555, 1],
    ]);
    expect(rows[2]!.item).toEqual({ known: false, authors: '', title: 'code:GONE' });
    expect(c.total.sum_kopecks).toBe(20000 + 36000 + 555);
  });

  it('counts a school the registry no longer has under the municipality its order names', () => {
    const orphan: OrderRecord = { school: '0199', municipality: '01', versions: [version(1, 'formed', [line('Дрофа', 'D1', 6, 1, 33333)])] };
    const c = consolidateMunicipality('01', [orphan, records[0]!], catalogue, registry);
    expect(c.schools.map((s) => s.code)).toEqual(['0101', '0199']);
    expect(c.publishers[0]!.columns).toEqual(['0101', '0199']);
  });

  it('has nothing to count without formed orders', () => {
    const c = consolidateMunicipality('01', [records[2]!], catalogue, registry);
    expect(c.publishers).toEqual([]);
    expect(c.total).toEqual({ copies: 0, sum_kopecks: 0 });
    expect(c.missing).toEqual(['0101', '0102', '0103']);
  });
});

describe('consolidateRegion', () => {
  it('puts municipalities in the columns and keeps the per-school detail', () => {
    const records: OrderRecord[] = [
      { school: '0101', municipality: '01', versions: [version(1, 'formed', [line('Просвещение', 'P1', 5, 10)])] },
      { school: '0102', municipality: '01', versions: [version(1, 'formed', [line('Просвещение', 'P1', 5, 4)])] },
      { school: '0201', municipality: '02', versions: [version(1, 'formed', [line('Просвещение', 'P1', 5, 1)])] },
    ];
    const c = consolidateRegion(records, catalogue, registry);
    const p = c.publishers[0]!;
    expect(p.columns).toEqual(['01', '02']);
    expect(p.rows[0]!.cells.get('01')).toEqual({ copies: 14, sum_kopecks: 140000 });
    expect(p.lines.toArray().map((l) => [l.school, l.quantity])).toEqual([
      ['0101', 10],
      ['0102', 4],
      ['0201', 1],
    ]);
    expect([...c.byMunicipality.entries()]).toEqual([
      ['01', { copies: 14, sum_kopecks: 140000 }],
      ['02', { copies: 1, sum_kopecks: 10000 }],
    ]);
  });

  it('gives the same consolidation whatever order the orders come in: lines by row, then school in registry order', () => {
    const records: OrderRecord[] = [
      { school: '0201', municipality: '02', versions: [version(1, 'formed', [line('Просвещение', 'P2', 6, 3), line('Просвещение', 'P1', 5, 1)])] },
      { school: '0102', municipality: '01', versions: [version(1, 'formed', [line('Просвещение', 'P1', 5, 4), line('Просвещение', 'P2', 6, 2)])] },
      { school: '0101', municipality: '01', versions: [version(2, 'formed', [line('Просвещение', 'P2', 6, 7), line('Просвещение', 'P1', 5, 10)])] },
    ];
    const view = (c: ReturnType<typeof consolidateRegion>) => c.publishers.map((p) => ({ rows: p.rows.map((r) => [r.item_key, r.grade, r.total]), lines: p.lines.toArray().map((l) => [l.item_key, l.school, l.quantity, l.version]), schools: [...p.bySchool.keys()] }));
    const a = consolidateRegion(records, catalogue, registry);
    const b = consolidateRegion([...records].reverse(), catalogue, registry);
    expect(view(a)).toEqual(view(b));
    expect(a.schools.map((s) => s.code)).toEqual(['0101', '0102', '0201']);
    // P2 (fpu 1.1.1.1.2.1) comes before P1 (1.1.1.1.10.1)
    expect(view(a)[0]!.lines).toEqual([
      ['code:P2', '0101', 7, 2],
      ['code:P2', '0102', 2, 1],
      ['code:P2', '0201', 3, 1],
      ['code:P1', '0101', 10, 2],
      ['code:P1', '0102', 4, 1],
      ['code:P1', '0201', 1, 1],
    ]);
    // a batch at a time, and only some municipalities: the same lines in the same order
    const p = a.publishers[0]!;
    expect([...p.lines.batches(2)].map((batch) => batch.length)).toEqual([2, 2, 2]);
    expect([...p.lines.batches(4, new Set(['02']))].flat().map((l) => [l.item_key, l.school])).toEqual([
      ['code:P2', '0201'],
      ['code:P1', '0201'],
    ]);
    expect([...p.linesByMunicipality]).toEqual([
      ['01', 4],
      ['02', 2],
    ]);
  });

  it("gives a writer a volume's lines with only the volume's own schools, renumbered in order", () => {
    const records: OrderRecord[] = [
      { school: '0101', municipality: '01', versions: [version(1, 'formed', [line('Просвещение', 'P1', 5, 10), line('Дрофа', 'D1', 6, 1, 33333)])] },
      { school: '0102', municipality: '01', versions: [version(1, 'formed', [line('Просвещение', 'P2', 6, 2)])] },
      { school: '0103', municipality: '01', versions: [version(1, 'formed', [line('Просвещение', 'P1', 5, 3)])] },
      { school: '0201', municipality: '02', versions: [version(1, 'formed', [line('Просвещение', 'P1', 5, 1)])] },
    ];
    const c = consolidateRegion(records, catalogue, registry);
    const p = c.publishers.find((x) => x.publisher === 'Просвещение')!;
    const named = (only?: Set<string>) => {
      const l = p.lines.compact(only);
      return Array.from(l.school, (school, k) => [l.schools[school]!.code, l.rows[l.row[k]!]!.item_key, l.quantity[k]]);
    };
    expect(p.lines.compact(new Set(['02'])).schools.map((s) => s.code)).toEqual(['0201']);
    expect(named(new Set(['02']))).toEqual([['0201', 'code:P1', 1]]);
    expect(p.lines.compact(new Set(['01'])).schools.map((s) => s.code)).toEqual(['0101', '0102', '0103']);
    expect(named(new Set(['01']))).toEqual([
      ['0102', 'code:P2', 2],
      ['0101', 'code:P1', 10],
      ['0103', 'code:P1', 3],
    ]);
    // the whole publisher: every school that ordered from it, and not 0102 for Дрофа
    expect(named()).toEqual([
      ['0102', 'code:P2', 2],
      ['0101', 'code:P1', 10],
      ['0103', 'code:P1', 3],
      ['0201', 'code:P1', 1],
    ]);
    const drofa = c.publishers.find((x) => x.publisher === 'Дрофа')!.lines.compact();
    expect(drofa.schools.map((s) => s.code)).toEqual(['0101']);
    expect([...drofa.school]).toEqual([0]);
  });
});

describe('compareFpu', () => {
  it('orders dotted codes numerically, codes before none', () => {
    const codes = ['1.1.10', undefined, '1.1.2', '1.1', '2.1', '1.1.2.1'];
    expect([...codes].sort(compareFpu)).toEqual(['1.1', '1.1.2', '1.1.2.1', '1.1.10', '2.1', undefined]);
  });
});

// ---- the kopeck-exact property ----

const PUBLISHERS = ['Просвещение', 'Дрофа', 'Русское слово'];

const arbRecords = fc
  .record({
    municipalities: fc.integer({ min: 1, max: 4 }),
    schools: fc.array(fc.record({ muni: fc.nat(4), inRegistry: fc.boolean() }), { minLength: 1, maxLength: 12 }),
  })
  .chain(({ municipalities, schools }) => {
    const arbLine = fc.record({
      publisher: fc.constantFrom(...PUBLISHERS),
      code: fc.integer({ min: 1, max: 6 }).map(String),
      grade: fc.integer({ min: 1, max: 11 }),
      quantity: fc.integer({ min: 0, max: 5000 }),
      // prices at any kopeck, up to 20 000 ₽, sometimes odd ones that floats would drift on
      price: fc.oneof(fc.integer({ min: 1, max: 2_000_000 }), fc.constantFrom(24398, 1, 99, 10001)),
    });
    const arbVersions = fc.array(fc.record({ state: fc.constantFrom<OrderState>('draft', 'agreed', 'formed'), lines: fc.array(arbLine, { maxLength: 15 }) }), { minLength: 1, maxLength: 3 });
    return fc.tuple(fc.constant(municipalities), fc.constant(schools), fc.array(arbVersions, { minLength: schools.length, maxLength: schools.length }));
  })
  .map(([municipalities, schools, versions]) => {
    const muniCodes = Array.from({ length: municipalities }, (_, i) => String(i + 1).padStart(2, '0'));
    const reg: Registry = { municipalities: muniCodes.map((code) => ({ code, name: code })), schools: [] };
    const records: OrderRecord[] = schools.map((s, i) => {
      // a school may belong to a municipality the registry does not list (index == municipalities)
      const municipality = String((s.muni % (municipalities + 1)) + 1).padStart(2, '0');
      const code = `${municipality}${String(i).padStart(3, '0')}`;
      if (s.inRegistry) reg.schools.push({ code, short_name: code, full_name: code, municipality });
      return {
        school: code,
        municipality,
        versions: versions[i]!.map((v, n) => version(n + 1, v.state, v.lines.map((l) => line(l.publisher, l.code, l.grade, l.quantity, l.price)))),
      };
    });
    return { registry: reg, records };
  });

const sum = (ts: Iterable<Totals>): Totals => {
  let copies = 0;
  let kopecks = 0;
  for (const t of ts) {
    copies += t.copies;
    kopecks += t.sum_kopecks;
  }
  return { copies, sum_kopecks: kopecks };
};

describe('kopeck-exact totals (property)', () => {
  it('region total = Σ municipal totals = Σ formed school orders, per publisher too', () => {
    fc.assert(
      fc.property(arbRecords, ({ registry: reg, records }) => {
        const region = consolidateRegion(records, catalogue, reg);
        const schoolOrders = sum(records.map((r) => orderTotals(formedLines(r))));
        expect(region.total).toEqual(schoolOrders);

        const municipalities = [...new Set([...reg.municipalities.map((m) => m.code), ...records.map((r) => r.municipality)])];
        const municipal = municipalities.map((m) => consolidateMunicipality(m, records, catalogue, reg));
        expect(sum(municipal.map((c) => c.total))).toEqual(region.total);
        for (const c of municipal) expect(region.byMunicipality.get(c.municipality!) ?? { copies: 0, sum_kopecks: 0 }).toEqual(c.total);

        for (const p of region.publishers) {
          const perMunicipality = sum(municipal.flatMap((c) => c.publishers.filter((q) => q.publisher === p.publisher).map((q) => q.total)));
          expect(perMunicipality).toEqual(p.total);
          // inside one consolidation: rows, columns, schools and the long lines all add up to the same total
          expect(sum(p.rows.map((r) => r.total))).toEqual(p.total);
          expect(sum(p.columnTotals.values())).toEqual(p.total);
          expect(sum(p.bySchool.values())).toEqual(p.total);
          expect(sum(p.lines.toArray().map((l) => ({ copies: l.quantity, sum_kopecks: l.sum_kopecks })))).toEqual(p.total);
          expect(p.lines.length).toBe([...p.linesByMunicipality.values()].reduce((a, b) => a + b, 0));
          for (const r of p.rows) {
            expect(sum(r.cells.values())).toEqual(r.total);
            // each cell is its municipality's lines of the row, whatever order the schools came in
            for (const [m, cell] of r.cells) expect(cell).toEqual(sum(p.lines.toArray().filter((l) => l.row === r && l.municipality === m).map((l) => ({ copies: l.quantity, sum_kopecks: l.sum_kopecks }))));
            expect(sum(p.lines.toArray().filter((l) => l.row === r).map((l) => ({ copies: l.quantity, sum_kopecks: l.sum_kopecks })))).toEqual(r.total);
            expect(r.total.sum_kopecks).toBe(r.total.copies * r.price_kopecks);
          }
        }
        for (const c of [region, ...municipal]) {
          for (const p of c.publishers) expect(Number.isSafeInteger(p.total.sum_kopecks)).toBe(true);
          expect(sum(c.bySchool.values())).toEqual(c.total);
        }
      }),
      { numRuns: 200 },
    );
  });
});
