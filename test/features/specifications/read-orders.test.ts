/**
 * The export's orders read on two threads (src/features/order/orders-in-turns.ts): the parts the worker
 * reads come back in columns, and must make exactly the specifications reading every file here makes.
 * The TypeScript sources start no worker: the first test does the worker's part here, the second runs
 * the compiled modules, worker thread included.
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formedOrderOf, formedOrders, loadOrderAt } from '../../../src/features/order/index.js';
import { ordersIn, readOrderColumns, type FormedOrder } from '../../../src/features/order/orders-in-turns.js';
import { loadPriceLists } from '../../../src/features/pricelist/index.js';
import { specificationsOf, type SpecificationItem } from '../../../src/features/specifications/specification.js';
import { openWorkspace } from '../../../src/io/workspace/index.js';
import { formedRegion } from '../../support/formed-region.js';
import { compileForChild } from '../../support/workspace-compile.js';

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
      const theirs = [...ordersIn(readOrderColumns(ws, asked.slice(split)))];
      const shared = [...alone.slice(0, split), ...theirs];
      expect(shared.map((o) => o && { ...o, lines: o.lines.map(({ row: _row, ...l }) => l) })).toEqual(alone.map((o) => o && { ...o, lines: o.lines.map(({ row: _row, ...l }) => l) }));
      expect(shared.map(specs)).toEqual(alone.map(specs));
    }

    // the iteration the export uses gives the same, one by one here
    const iterated: (FormedOrder | undefined)[] = [];
    for await (const o of formedOrders(ws, asked, undefined)) iterated.push(o);
    expect(iterated).toEqual(alone);
  });

  it('gives the same from the compiled modules, where parts of the files are read by a worker thread', async () => {
    const root = await formedRegion();
    // Compiled, as the worker thread cannot start from the TypeScript sources (src/io/parallel/in-turns.ts).
    const out = compileForChild(['features/order/orders-in-turns.ts', 'features/order/orders-in-turns-worker.ts', 'io/workspace/workspace.ts']);
    const load = (file: string) => import(pathToFileURL(path.join(out, file)).href);
    const { formedOrders: compiledOrders, formedOrderOf: compiledOf } = await load('features/order/orders-in-turns.js');
    const { loadOrderAt: compiledLoad } = await load('features/order/store.js');
    const { openWorkspace: compiledOpen } = await load('io/workspace/workspace.js');
    const ws = await compiledOpen(root);
    const files = ws.listStates('orders').filter((n: string) => n.lastIndexOf('/') === 'orders'.length);
    // enough names for the worker (a file may be named more than once), an empty one among them
    const names: string[] = [];
    while (names.length < 5200) names.push(...files);
    names[300] = '';
    const alone = names.map((name) => (name === '' ? undefined : compiledOf(compiledLoad(ws, name))));
    const read: unknown[] = [];
    // This thread reads every part until the worker has loaded its modules (src/io/parallel/in-turns.ts):
    // a tiny region's files are read before that, so each is taken slowly here until one comes from the
    // worker (its lines come without their file rows).
    let fromWorker = false;
    for await (const o of compiledOrders(ws, names, undefined)) {
      read.push(o);
      fromWorker ||= o !== undefined && (o as FormedOrder).lines[0]?.row === undefined;
      if (!fromWorker) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const withoutRow = (o: FormedOrder | undefined) => o && { ...o, lines: o.lines.map(({ row: _row, ...l }) => l) };
    expect(read.length).toBe(names.length);
    // the worker's lines come without their file rows (src/features/order/orders-in-turns.ts)
    expect(read.map((o) => withoutRow(o as FormedOrder | undefined))).toEqual(alone.map(withoutRow));
    // the same reading one by one here, as with UCHEBNIK_THREADS=1
    const one: unknown[] = [];
    for await (const o of compiledOrders(ws, names, '1')) one.push(o);
    expect(one).toEqual(alone);
    // and with two cores some of them did come from the worker
    if (os.availableParallelism() >= 2) expect(read.some((o, i) => o !== undefined && (o as FormedOrder).lines[0]?.row === undefined && alone[i]?.lines[0]?.row !== undefined)).toBe(true);
  });
});
