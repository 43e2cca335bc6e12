import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConsolidationBuilder, summarize } from '../../../src/features/consolidate/consolidate.js';
import { addCountedOrders, CountedOrdersWriter, orderFiles, readOrders } from '../../../src/features/consolidate/read-orders.js';
import { eachOrder } from '../../../src/features/order/index.js';
import { loadCatalogue } from '../../../src/features/pricelist/index.js';
import { loadRegistry } from '../../../src/features/registry/index.js';
import { openWorkspace } from '../../../src/io/workspace/index.js';
import { formedRegion } from '../../support/formed-region.js';

function digest(b: ConsolidationBuilder): string {
  const h = createHash('sha256');
  for (const part of b.digestParts()) h.update(part);
  return h.digest('hex');
}

describe('reading a consolidation\'s orders on two threads', () => {
  it('counts the orders handed over from the second part exactly as reading them all here: the same digest and totals', async () => {
    const ws = await openWorkspace(await formedRegion());
    const registry = loadRegistry(ws);
    const catalogue = loadCatalogue(ws);
    const alone = new ConsolidationBuilder('region', undefined, catalogue, registry);
    for (const record of eachOrder(ws)) alone.add(record);

    const names = orderFiles(ws);
    const present = new Set(names);
    for (const split of [0, 7, names.length]) {
      const shared = new ConsolidationBuilder('region', undefined, catalogue, registry);
      readOrders(ws, names.slice(0, split), present, (record) => shared.add(record));
      // what the worker thread does with the rest (read-orders-worker.ts), without the thread
      const theirs = new CountedOrdersWriter();
      readOrders(ws, names.slice(split), present, (record) => theirs.add(record));
      addCountedOrders(shared, theirs.done());
      expect(digest(shared)).toBe(digest(alone));
      const [a, b] = [alone.finish(), shared.finish()];
      expect(summarize(b)).toEqual(summarize(a));
      expect(b.total).toEqual(a.total);
      expect(b.schools).toEqual(a.schools);
      expect(b.round).toBe(a.round);
    }

    // parts in turn, as countOrders hands every other part to the worker
    const inTurns = new ConsolidationBuilder('region', undefined, catalogue, registry);
    for (let i = 0, k = 0; i < names.length; i += 3, k++) {
      const part = names.slice(i, i + 3);
      if (k % 2 === 0) readOrders(ws, part, present, (record) => inTurns.add(record));
      else {
        const theirs = new CountedOrdersWriter();
        readOrders(ws, part, present, (record) => theirs.add(record));
        addCountedOrders(inTurns, theirs.done());
      }
    }
    expect(digest(inTurns)).toBe(digest(alone));
  });
});
