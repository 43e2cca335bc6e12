/**
 * The export's orders read on two threads (src/features/order/formed-orders.ts): the parts the worker
 * reads come back in columns, and must make exactly the specifications reading every file here makes.
 * The tests run the TypeScript sources, where no worker starts, so the worker's part is done here.
 */
import { describe, expect, it } from 'vitest';
import { formedOrderOf, formedOrders, loadOrderAt } from '../../../src/features/order/index.js';
import { formedOrdersIn, readFormedColumns, type FormedOrder } from '../../../src/features/order/formed-orders.js';
import { loadPriceLists } from '../../../src/features/pricelist/index.js';
import { specificationsOf, type SpecificationItem } from '../../../src/features/specifications/specification.js';
import { openWorkspace } from '../../../src/io/workspace/index.js';
import { formedRegion } from '../../support/formed-region.js';

describe("reading the export's orders in the worker's columns", () => {
  it('gives every order and every specification (lines, totals) exactly as reading the files one by one', async () => {
    const ws = await openWorkspace(await formedRegion());
    const names = ws.listStates('orders').filter((n) => n.lastIndexOf('/') === 'orders'.length);
    expect(names.length).toBeGreaterThan(3);
    const items = new Map<string, SpecificationItem>();
    for (const list of loadPriceLists(ws)) for (const version of list.versions) for (const it of version.items) items.set(`${list.publisher}\u0000${it.key}`, it);
    const itemOf = (publisher: string, key: string) => items.get(`${publisher}\u0000${key}`);
    const specs = (o: FormedOrder | undefined) => (o ? specificationsOf(o, itemOf) : undefined);

    // an empty name is a file not to read (the export has that order already): nothing comes back for it
    const asked = [...names.slice(0, 2), '', ...names.slice(2)];
    const alone = asked.map((name) => (name === '' ? undefined : formedOrderOf(loadOrderAt(ws, name))));
    expect(alone.filter(Boolean).length).toBeGreaterThan(2);
    for (const split of [0, 3, asked.length]) {
      const theirs = [...formedOrdersIn(readFormedColumns(ws, asked.slice(split)))];
      const shared = [...alone.slice(0, split), ...theirs];
      expect(shared.map((o) => o && { ...o, lines: o.lines.map(({ row: _row, ...l }) => l) })).toEqual(alone.map((o) => o && { ...o, lines: o.lines.map(({ row: _row, ...l }) => l) }));
      expect(shared.map(specs)).toEqual(alone.map(specs));
    }

    // the iteration the export uses gives the same, one by one here
    const iterated: (FormedOrder | undefined)[] = [];
    for await (const o of formedOrders(ws, asked, undefined)) iterated.push(o);
    expect(iterated).toEqual(alone);
  });
});
