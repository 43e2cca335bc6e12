/**
 * The formed orders of named order files, read on two threads: a worker thread reads every other part
 * of the files (formed-orders-worker.ts) while this one reads the parts between, and what the worker
 * hands back — each order's school, municipality and formed lines, in a few columns — is visited here
 * in the files' order. Reading the files is most of a country's `export specifications --manifest-only`
 * (bench/README.md, issue 20, session 6), and the files are independent of one another.
 *
 * The turns are a consolidation's (src/io/parallel/in-turns.ts), for callers that need an order's
 * formed lines rather than the counting's columns, and in their own order of files (the export's is
 * the package's: municipality, then school).
 */
import { formedVersion, type OrderRecord } from '../../core/model/order-lifecycle.js';
import type { OrderLine } from '../../core/model/order.js';
import { readInTurns, turns } from '../../io/parallel/in-turns.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { loadOrderAt } from './store.js';

/** An order's formed version, what a specification is made of; `row` is not carried (no caller uses it here). */
export interface FormedOrder {
  school: string;
  municipality: string;
  version: number;
  lines: OrderLine[];
}

/** The formed version of a stored order; none when there is no order or it was never formed. */
export function formedOrderOf(record: OrderRecord | undefined): FormedOrder | undefined {
  const v = formedVersion(record);
  return record && v ? { school: record.school, municipality: record.municipality, version: v.version, lines: v.lines } : undefined;
}

/**
 * Formed orders in columns that cross threads as a few blocks: per file its school and municipality
 * (indices into `texts`, -1: no formed order), its version and where its lines end; per line its
 * publisher and item key (indices), grade, quantity and price, numbers as they were. Plain arrays, not
 * a Float64Array: a whole number read back from one is a boxed double, and lines whose numbers are
 * doubles beside the ones this thread reads (small integers) made the export's lookups polymorphic —
 * twice its processor time (measured, bench/README.md).
 */
export interface FormedColumns {
  texts: string[];
  orders: number[];
  lines: number[];
}

const ORDER = 4;
const LINE = 5;

/** Reads the files `names` (an empty name: one not to read) into columns, one entry a name. */
export function readFormedColumns(ws: Workspace, names: readonly string[]): FormedColumns {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const text = (s: string) => {
    let i = index.get(s);
    if (i === undefined) index.set(s, (i = texts.push(s) - 1));
    return i;
  };
  const orders: number[] = [];
  const lines: number[] = [];
  for (const name of names) {
    const formed = name === '' ? undefined : formedOrderOf(loadOrderAt(ws, name));
    if (!formed) {
      orders.push(-1, -1, 0, lines.length / LINE);
      continue;
    }
    for (const l of formed.lines) lines.push(text(l.publisher), text(l.item_key), l.grade, l.quantity, l.price_kopecks);
    orders.push(text(formed.school), text(formed.municipality), formed.version, lines.length / LINE);
  }
  return { texts, orders, lines };
}

/** The entries of `readFormedColumns`, in order, as formedOrderOf would give them. */
export function* formedOrdersIn(c: FormedColumns): Generator<FormedOrder | undefined> {
  const { texts, orders, lines } = c;
  let from = 0;
  for (let o = 0; o < orders.length; o += ORDER) {
    const to = orders[o + 3]!;
    if (orders[o] === -1) {
      yield undefined;
    } else {
      const formed: OrderLine[] = [];
      for (let l = from * LINE; l < to * LINE; l += LINE) {
        formed.push({ publisher: texts[lines[l]!]!, item_key: texts[lines[l + 1]!]!, grade: lines[l + 2]!, quantity: lines[l + 3]!, price_kopecks: lines[l + 4]! });
      }
      yield { school: texts[orders[o]!]!, municipality: texts[orders[o + 1]!]!, version: orders[o + 2]!, lines: formed };
    }
    from = to;
  }
}

/** What the worker is given once, and each time. */
export interface FormedInit {
  root: string;
}
export interface FormedTask {
  names: string[];
}

/**
 * The formed order of each of `names` (an empty name: none, not read), in their order: read in turns
 * with a worker thread when there are enough files and cores (src/io/parallel/in-turns.ts), else one by
 * one here. An error reading a file is thrown when its turn comes, as reading them one by one would;
 * the worker ends when the iteration does, however it ends.
 */
export async function* formedOrders(ws: Workspace, names: readonly string[], threadLimit: string | undefined): AsyncGenerator<FormedOrder | undefined> {
  const readHere = (name: string) => (name === '' ? undefined : formedOrderOf(loadOrderAt(ws, name)));
  if (!readInTurns(names.length, threadLimit, import.meta.url)) {
    for (const name of names) yield readHere(name);
    return;
  }
  const parts = turns<FormedInit, FormedTask, FormedColumns>(names, new URL('./formed-orders-worker.js', import.meta.url), { root: ws.root }, (part) => ({ names: part }));
  for await (const part of parts) {
    if ('here' in part) {
      for (const name of part.here) yield readHere(name);
      continue;
    }
    yield* formedOrdersIn(part.there);
    // The pool keeps every answer until the last: emptied once visited, so that only its shell stays.
    part.there.texts = [];
    part.there.orders = part.there.lines = [];
  }
}
