/**
 * The orders of a consolidation read on two threads: a worker thread reads the second part of the
 * order files while this one reads and counts the first, then hands over what counting needs of each
 * order (read-orders-worker.ts). Reading the files is most of a region's counting (bench/README.md), and
 * orders are independent until `finish`.
 *
 * Orders are counted in the order of their files either way, and each file read and passed over as the
 * order store's `eachOrder` does (a legacy copy beside the file at the school's key is not an order of
 * its own: src/io/workspace/keyed.ts), so the counting — and its digest, which tells a new run from a
 * repeat — is the same as reading them one by one here.
 */
import { formedVersion, type OrderRecord } from '../../core/model/order-lifecycle.js';
import type { OrderLine } from '../../core/model/order.js';
import { readInTurns, turns } from '../../io/parallel/in-turns.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { eachOrder, loadOrderAt, orderStateName } from '../order/index.js';
import type { ConsolidationBuilder } from './consolidate.js';

/** The order files, by their state names, in the order the store lists them. */
export function orderFiles(ws: Workspace): string[] {
  return ws.listStates('orders').filter((n) => !n.slice('orders/'.length).includes('/'));
}

/** Reads the orders `names` and tells `visit` of each, passing over a legacy copy as the store does. */
export function readOrders(ws: Workspace, names: readonly string[], present: ReadonlySet<string>, visit: (record: OrderRecord) => void): void {
  for (const stateName of names) {
    const record = loadOrderAt(ws, stateName);
    if (!record) continue;
    const key = orderStateName(record.school);
    if (key !== stateName && present.has(key) && loadOrderAt(ws, key)?.school === record.school) continue;
    visit(record);
  }
}

/**
 * What counting takes of orders, in columns that cross threads as a few blocks: per order its school
 * and municipality (indices into `texts`), its formed version (0: none) and where its lines end; per
 * line its publisher and item key (indices), grade, quantity and price — numbers as they were, whatever
 * they were (a broken quantity is counting's to refuse).
 */
export interface CountedOrders {
  texts: string[];
  // Plain arrays, not Float64Array: numbers read back from a typed array of doubles are doubles, which
  // the line objects made of them keep boxed, and counting them cost more than the copy saved.
  orders: number[];
  lines: number[];
}

const ORDER = 4;
const LINE = 5;

export class CountedOrdersWriter {
  private readonly texts: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly orders: number[] = [];
  private readonly lines: number[] = [];

  private text(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) this.index.set(s, (i = this.texts.push(s) - 1));
    return i;
  }

  add(record: OrderRecord): void {
    const v = formedVersion(record);
    for (const l of v?.lines ?? []) this.lines.push(this.text(l.publisher), this.text(l.item_key), l.grade, l.quantity, l.price_kopecks);
    this.orders.push(this.text(record.school), this.text(record.municipality), v?.version ?? 0, this.lines.length / LINE);
  }

  done(): CountedOrders {
    return { texts: this.texts, orders: this.orders, lines: this.lines };
  }
}

/** Counts the orders handed over, in their order, as `builder.add` of each record would. */
export function addCountedOrders(builder: ConsolidationBuilder, c: CountedOrders): void {
  const { texts, orders, lines } = c;
  let from = 0;
  for (let o = 0; o < orders.length; o += ORDER) {
    const to = orders[o + 3]!;
    const version = orders[o + 2]!;
    let formed: { version: number; lines: OrderLine[] } | undefined;
    if (version !== 0) {
      formed = { version, lines: [] };
      for (let l = from * LINE; l < to * LINE; l += LINE) {
        formed.lines.push({ publisher: texts[lines[l]!]!, item_key: texts[lines[l + 1]!]!, grade: lines[l + 2]!, quantity: lines[l + 3]!, price_kopecks: lines[l + 4]! });
      }
    }
    builder.addSchool(texts[orders[o]!]!, texts[orders[o + 1]!]!, formed);
    from = to;
  }
}

/** What the worker is given once, and each time. */
export interface ReadInit {
  root: string;
}
export interface ReadTask {
  names: string[];
  present: string[];
}

/**
 * Counts every order of the workspace into `builder`: in turns with a worker thread when there are
 * enough files and cores (src/io/parallel/in-turns.ts), else one by one here.
 */
export async function countOrders(ws: Workspace, builder: ConsolidationBuilder, threadLimit: string | undefined): Promise<void> {
  const names = orderFiles(ws);
  if (!readInTurns(names.length, threadLimit, import.meta.url)) {
    for (const record of eachOrder(ws)) builder.add(record);
    return;
  }
  const present = new Set(names);
  const parts = turns<ReadInit, ReadTask, CountedOrders>(names, new URL('./read-orders-worker.js', import.meta.url), { root: ws.root }, (part) => ({ names: part, present: names }));
  for await (const part of parts) {
    if ('here' in part) {
      readOrders(ws, part.here, present, (record) => builder.add(record));
      continue;
    }
    addCountedOrders(builder, part.there);
    // The pool keeps every answer until the last: emptied once counted, so that only its shell stays.
    part.there.texts = [];
    part.there.orders = part.there.lines = [];
  }
}
