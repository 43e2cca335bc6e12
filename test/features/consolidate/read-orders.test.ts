import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsolidationBuilder, summarize } from '../../../src/features/consolidate/consolidate.js';
import { countOrders } from '../../../src/features/consolidate/read-orders.js';
import { eachOrder, loadOrderAt, orderStateName, saveOrder } from '../../../src/features/order/index.js';
import { loadCatalogue } from '../../../src/features/pricelist/index.js';
import { loadRegistry } from '../../../src/features/registry/index.js';
import { openWorkspace } from '../../../src/io/workspace/index.js';
import { formedRegion } from '../../support/formed-region.js';

function digest(b: ConsolidationBuilder): string {
  const h = createHash('sha256');
  for (const part of b.digestParts()) h.update(part);
  return h.digest('hex');
}

describe("counting a consolidation's orders as the readers in turns give them", () => {
  it('counts exactly as adding every stored order: the same digest, totals and missing schools, an order never formed and a legacy copy included', async () => {
    const ws = await openWorkspace(await formedRegion());
    // an order taken back to agreed (its school is then missing) …
    const unformed = loadOrderAt(ws, orderStateName('0102'))!;
    await ws.withLock('test', () => saveOrder(ws, { ...unformed, versions: unformed.versions.map((v) => ({ ...v, state: 'agreed' as const, formed_at: undefined })) }));
    // … and a legacy copy of another school's order, older than its file at the key and listed before
    // it (a save killed before it removed the copy): counted, it would replace the order's lines
    const original = loadOrderAt(ws, orderStateName('0201'))!;
    const older = { ...original, versions: original.versions.map((v) => ({ ...v, lines: v.lines.map((l) => ({ ...l, quantity: l.quantity + 1 })) })) };
    await ws.withLock('test', () => saveOrder(ws, older));
    const own = ws.stateFile(orderStateName('0201'));
    fs.copyFileSync(own, path.join(path.dirname(own), `0200_copy${path.extname(own)}`));
    await ws.withLock('test', () => saveOrder(ws, original));
    const listed = ws.listStates('orders');
    expect(listed.indexOf('orders/0200_copy')).toBeLessThan(listed.indexOf(orderStateName('0201')));

    const registry = loadRegistry(ws);
    const catalogue = loadCatalogue(ws);
    const alone = new ConsolidationBuilder('region', undefined, catalogue, registry);
    for (const record of eachOrder(ws)) alone.add(record);
    const counted = new ConsolidationBuilder('region', undefined, catalogue, registry);
    await countOrders(ws, counted, '1');

    expect(digest(counted)).toBe(digest(alone));
    const [a, b] = [alone.finish(), counted.finish()];
    expect(b.missing).toContain('0102');
    expect(b.missing).toEqual(a.missing);
    expect(summarize(b)).toEqual(summarize(a));
    expect(b.total).toEqual(a.total);
    expect(b.schools).toEqual(a.schools);
    expect(b.round).toBe(a.round);
  });
});
