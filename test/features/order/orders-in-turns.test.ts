/**
 * The orders as the readers in turns give them (src/features/order/orders-in-turns.ts): what crosses
 * from the worker in columns is what reading each file here gives — for an order never formed too,
 * whose school and municipality counting needs (a registry school without a formed order is missing
 * from the consolidation). The worker thread itself is run from the compiled modules in
 * test/features/specifications/read-orders.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadOrderAt, orderStateName, saveOrder, schoolOrders, formedOrders } from '../../../src/features/order/index.js';
import { ordersIn, readOrderColumns, schoolOrderOf, type SchoolOrder } from '../../../src/features/order/orders-in-turns.js';
import { openWorkspace } from '../../../src/io/workspace/index.js';
import { formedRegion } from '../../support/formed-region.js';

const withoutRow = (o: SchoolOrder | undefined) => o && { ...o, lines: o.lines.map(({ row: _row, ...l }) => l) };

describe('orders read in turns', () => {
  it('hands over every order in columns as reading its file here gives it, an order never formed with its school and no lines', async () => {
    const ws = await openWorkspace(await formedRegion());
    // one school's order taken back to agreed: it has no formed version any more
    const unformed = loadOrderAt(ws, orderStateName('0101'))!;
    await ws.withLock('test', () => saveOrder(ws, { ...unformed, versions: unformed.versions.map((v) => ({ ...v, state: 'agreed' as const, formed_at: undefined })) }));
    const names = ws.listStates('orders').filter((n) => n.lastIndexOf('/') === 'orders'.length);
    const asked = ['', ...names, 'orders/missing.json'];
    const here = asked.map((n) => (n === '' ? undefined : schoolOrderOf(loadOrderAt(ws, n))));
    expect(here.find((o) => o?.school === '0101')).toEqual({ school: '0101', municipality: '01', version: 0, lines: [] });
    expect(here.filter((o) => o && o.version > 0).length).toBeGreaterThan(10);
    expect(here[0]).toBeUndefined();
    expect(here[here.length - 1]).toBeUndefined();

    for (const split of [0, 5, asked.length]) {
      const shared = [...here.slice(0, split), ...ordersIn(readOrderColumns(ws, asked.slice(split)))];
      expect(shared.map(withoutRow)).toEqual(here.map(withoutRow));
    }
    const all: (SchoolOrder | undefined)[] = [];
    for await (const o of schoolOrders(ws, asked, '1')) all.push(o);
    expect(all).toEqual(here);
    // the export's reading leaves out the order never formed
    const formed: (SchoolOrder | undefined)[] = [];
    for await (const o of formedOrders(ws, asked, '1')) formed.push(o);
    expect(formed).toEqual(here.map((o) => (o && o.version > 0 ? o : undefined)));
  });
});
