import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffOrders, type DiffInputLine } from '../../../src/features/diff/order-diff.js';

const l = (publisher: string, item_key: string, grade: number, quantity: number, price_kopecks = 10000, school?: string): DiffInputLine => ({
  ...(school ? { school } : {}),
  publisher,
  item_key,
  grade,
  quantity,
  price_kopecks,
});

describe('diffOrders', () => {
  it('finds added, removed and changed lines with quantity and money deltas per publisher', () => {
    const d = diffOrders(
      [l('Просвещение', 'a', 5, 10), l('Просвещение', 'b', 6, 3), l('Дрофа', 'd', 7, 2, 33333), l('Дрофа', 'same', 7, 1)],
      [l('Просвещение', 'a', 5, 12), l('Просвещение', 'c', 6, 1, 500), l('Дрофа', 'd', 7, 2, 34000), l('Дрофа', 'same', 7, 1)],
    );
    expect(d.equal).toBe(false);
    const [drofa, prosv] = d.publishers;
    expect(prosv!.publisher).toBe('Просвещение');
    expect(prosv!.changed).toEqual([
      { publisher: 'Просвещение', item_key: 'a', grade: 5, from: { quantity: 10, price_kopecks: 10000, sum_kopecks: 100000 }, to: { quantity: 12, price_kopecks: 10000, sum_kopecks: 120000 }, delta: { copies: 2, sum_kopecks: 20000 } },
    ]);
    expect(prosv!.removed.map((c) => [c.item_key, c.delta])).toEqual([['b', { copies: -3, sum_kopecks: -30000 }]]);
    expect(prosv!.added.map((c) => [c.item_key, c.delta])).toEqual([['c', { copies: 1, sum_kopecks: 500 }]]);
    // a price change alone is a change: no copies, the money moves
    expect(drofa!.changed.map((c) => [c.item_key, c.delta])).toEqual([['d', { copies: 0, sum_kopecks: 2 * (34000 - 33333) }]]);
    expect(drofa!.delta).toEqual({ copies: 0, sum_kopecks: 1334 });
    expect(d.delta).toEqual({ copies: 0, sum_kopecks: 20000 - 30000 + 500 + 1334 });
  });

  it('keeps schools apart when the lines name them, and ignores zero quantities', () => {
    const d = diffOrders([l('П', 'a', 5, 10, 100, '0101'), l('П', 'z', 5, 0, 100, '0101')], [l('П', 'a', 5, 10, 100, '0102')]);
    expect(d.publishers[0]!.removed.map((c) => c.school)).toEqual(['0101']);
    expect(d.publishers[0]!.added.map((c) => c.school)).toEqual(['0102']);
    expect(d.delta).toEqual({ copies: 0, sum_kopecks: 0 });
    expect(d.equal).toBe(false);
  });

  it('adds up repeated lines of one key', () => {
    expect(diffOrders([l('П', 'a', 5, 4), l('П', 'a', 5, 6)], [l('П', 'a', 5, 10)]).equal).toBe(true);
  });

  const arbLines = fc.array(
    fc.record({
      publisher: fc.constantFrom('П', 'Д'),
      item_key: fc.constantFrom('a', 'b', 'c'),
      grade: fc.integer({ min: 1, max: 3 }),
      quantity: fc.integer({ min: 0, max: 500 }),
      price_kopecks: fc.integer({ min: 1, max: 1_000_000 }),
      school: fc.constantFrom('0101', '0102'),
    }),
    { maxLength: 12 },
  );

  it('deltas add up: Σ from + Σ deltas = Σ to; a diff with itself is equal; swapping sides swaps added and removed', () => {
    fc.assert(
      fc.property(arbLines, arbLines, (a, b) => {
        const d = diffOrders(a, b);
        const changes = d.publishers.flatMap((p) => [...p.added, ...p.removed, ...p.changed]);
        expect(d.from.copies + changes.reduce((n, c) => n + c.delta.copies, 0)).toBe(d.to.copies);
        expect(d.from.sum_kopecks + changes.reduce((n, c) => n + c.delta.sum_kopecks, 0)).toBe(d.to.sum_kopecks);
        expect(d.delta).toEqual({ copies: d.to.copies - d.from.copies, sum_kopecks: d.to.sum_kopecks - d.from.sum_kopecks });
        expect(diffOrders(a, a).equal).toBe(true);
        const back = diffOrders(b, a);
        expect(back.publishers.map((p) => p.added.length)).toEqual(d.publishers.map((p) => p.removed.length));
        expect(back.equal).toBe(d.equal);
      }),
      { numRuns: 300 },
    );
  });
});
