/**
 * Stored orders read on two threads: a worker thread reads parts of the order files
 * (orders-in-turns-worker.ts) while this one reads the parts between, and what the worker hands back —
 * each order's school, municipality and latest formed version, in a few columns — is visited here in
 * the files' order, from 5,000 files (a country's; a region's are read here alone, src/io/parallel/in-turns.ts
 * MIN_FILES). Reading the files is most of a country's `consolidate region` and
 * `export specifications --manifest-only` (bench/README.md, issue 20), and the files are independent
 * of one another. Both read through here: the consolidation counts every school's order (one never
 * formed is a missing school), the export each formed one, in its own order of files (the package's:
 * municipality, then school).
 *
 * The turns themselves are src/io/parallel/in-turns.ts.
 */
import { formedVersion, type OrderRecord } from '../../core/model/order-lifecycle.js';
import type { OrderLine } from '../../core/model/order.js';
import { readInTurns, turns } from '../../io/parallel/in-turns.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { loadOrderAt } from './store.js';

/**
 * A stored order as counting and the export see it: its school and municipality, and the number and
 * lines of its latest formed version (0 and none: never formed). `row` is not carried from the worker.
 */
export interface SchoolOrder {
  school: string;
  municipality: string;
  version: number;
  lines: OrderLine[];
}

/** An order with a formed version, what a specification is made of. */
export type FormedOrder = SchoolOrder;

/** What counting and the export take of a stored order; none when there is no order. */
export function schoolOrderOf(record: OrderRecord | undefined): SchoolOrder | undefined {
  if (!record) return undefined;
  const v = formedVersion(record);
  return { school: record.school, municipality: record.municipality, version: v?.version ?? 0, lines: v?.lines ?? [] };
}

/** The formed version of a stored order; none when there is no order or it was never formed. */
export function formedOrderOf(record: OrderRecord | undefined): FormedOrder | undefined {
  return formedOnly(schoolOrderOf(record));
}

const formedOnly = (o: SchoolOrder | undefined) => (o && o.version > 0 ? o : undefined);

/**
 * Orders in columns that cross threads as a few blocks: per file its school and municipality
 * (indices into `texts`; -1: no order, or a file not read), its formed version (0: none) and where its
 * lines end; per line its publisher and item key (indices), grade, quantity and price — numbers as they
 * were, whatever they were (a broken quantity is the reader's to refuse). Plain arrays, not a
 * Float64Array: a whole number read back from one is a boxed double, and lines whose numbers are
 * doubles beside the ones this thread reads (small integers) made the export's lookups polymorphic —
 * twice its processor time (measured, bench/README.md).
 */
export interface OrderColumns {
  texts: string[];
  orders: number[];
  lines: number[];
}

const ORDER = 4;
const LINE = 5;

/** Reads the files `names` (an empty name: one not to read) into columns, one entry a name. */
export function readOrderColumns(ws: Workspace, names: readonly string[]): OrderColumns {
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
    const order = name === '' ? undefined : schoolOrderOf(loadOrderAt(ws, name));
    if (!order) {
      orders.push(-1, -1, 0, lines.length / LINE);
      continue;
    }
    for (const l of order.lines) lines.push(text(l.publisher), text(l.item_key), l.grade, l.quantity, l.price_kopecks);
    orders.push(text(order.school), text(order.municipality), order.version, lines.length / LINE);
  }
  return { texts, orders, lines };
}

/** The entries of `readOrderColumns`, in order, as schoolOrderOf would give them. */
export function* ordersIn(c: OrderColumns): Generator<SchoolOrder | undefined> {
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
export interface ReadInit {
  root: string;
}
export interface ReadTask {
  names: string[];
}

/**
 * The order of each of `names` (an empty name: none, not read), in their order: read in turns with a
 * worker thread when there are enough files and cores (src/io/parallel/in-turns.ts), else one by one
 * here. An error reading a file is thrown when its turn comes, as reading them one by one would; the
 * worker ends when the iteration does, however it ends.
 */
export async function* schoolOrders(ws: Workspace, names: readonly string[], threadLimit: string | undefined): AsyncGenerator<SchoolOrder | undefined> {
  const readHere = (name: string) => (name === '' ? undefined : schoolOrderOf(loadOrderAt(ws, name)));
  if (!readInTurns(names.length, threadLimit, import.meta.url)) {
    for (const name of names) yield readHere(name);
    return;
  }
  const parts = turns<ReadInit, ReadTask, OrderColumns>(names, new URL('./orders-in-turns-worker.js', import.meta.url), { root: ws.root }, (part) => ({ names: part }));
  for await (const part of parts) {
    if ('here' in part) {
      for (const name of part.here) yield readHere(name);
      continue;
    }
    yield* ordersIn(part.there);
    // The pool keeps every answer until the last: emptied once visited, so that only its shell stays.
    part.there.texts = [];
    part.there.orders = part.there.lines = [];
  }
}

/** `schoolOrders` with only the formed ones: none for an order never formed. */
export async function* formedOrders(ws: Workspace, names: readonly string[], threadLimit: string | undefined): AsyncGenerator<FormedOrder | undefined> {
  for await (const o of schoolOrders(ws, names, threadLimit)) yield formedOnly(o);
}
