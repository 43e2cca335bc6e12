/**
 * The formed orders of named order files, read on two threads: a worker thread reads every other part
 * of the files (formed-orders-worker.ts) while this one reads the parts between, and what the worker
 * hands back — each order's school, municipality and formed lines, in a few columns — is visited here
 * in the files' order. Reading the files is most of a country's `export specifications --manifest-only`
 * (bench/README.md, issue 20, session 6), and the files are independent of one another.
 *
 * The same mechanism as a consolidation's reading (src/features/consolidate/read-orders.ts), for
 * callers that need an order's formed lines rather than the counting's columns, and in their own
 * order of files (the export's is the package's: municipality, then school).
 */
import os from 'node:os';
import { formedVersion, type OrderRecord } from '../../core/model/order-lifecycle.js';
import type { OrderLine } from '../../core/model/order.js';
import { WorkerPool } from '../../io/parallel/pool.js';
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

/** Files below which a second thread is not worth its start (≈0.1 s of processor time), as for a consolidation. */
const MIN_FILES = 200;
/**
 * Files a part: the parts go to the two threads in turn, and the worker's are visited here as soon as
 * the part before them is; the pool hands the worker two parts ahead at most (src/io/parallel/pool.ts),
 * so a country's orders are never all held at once.
 */
const PART = 128;

function useWorker(files: number, limit: string | undefined): boolean {
  if (!import.meta.url.endsWith('.js') || files < MIN_FILES) return false;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return cores >= 2 && !(limit !== undefined && /^[01]$/.test(limit.trim()));
}

/**
 * The formed order of each of `names` (an empty name: none, not read), in their order: read on two
 * threads when there are enough files and cores (not with UCHEBNIK_THREADS 0 or 1, nor from the
 * TypeScript sources), else one by one here. An error reading a file is thrown when its turn comes, as
 * reading them one by one would; the worker ends when the iteration does, however it ends.
 */
export async function* formedOrders(ws: Workspace, names: readonly string[], threadLimit: string | undefined): AsyncGenerator<FormedOrder | undefined> {
  if (!useWorker(names.length, threadLimit)) {
    for (const name of names) yield name === '' ? undefined : formedOrderOf(loadOrderAt(ws, name));
    return;
  }
  const parts: string[][] = [];
  for (let i = 0; i < names.length; i += PART) parts.push(names.slice(i, i + PART));
  // The odd parts are the worker's: task j is part 2j + 1.
  const tasks: FormedTask[] = parts.filter((_, k) => k % 2 === 1).map((part) => ({ names: part }));
  const arrived = new Map<number, FormedColumns>();
  const waiting = new Map<number, (c: FormedColumns) => void>();
  const pool = new WorkerPool<FormedInit, FormedTask, FormedColumns>(new URL('./formed-orders-worker.js', import.meta.url), 1);
  try {
    const all = pool.map({ root: ws.root }, tasks, {
      onResult: (j, columns) => {
        const wake = waiting.get(j);
        if (wake) wake(columns);
        else arrived.set(j, columns);
      },
    });
    all.catch(() => undefined); // settled even when this thread's part fails first
    for (const [k, part] of parts.entries()) {
      if (k % 2 === 0) {
        for (const name of part) yield name === '' ? undefined : formedOrderOf(loadOrderAt(ws, name));
        continue;
      }
      const j = (k - 1) / 2;
      const columns = arrived.get(j) ?? (await Promise.race([new Promise<FormedColumns>((resolve) => waiting.set(j, resolve)), all.then(() => arrived.get(j)!)]));
      arrived.delete(j);
      waiting.delete(j);
      yield* formedOrdersIn(columns);
      // The pool keeps every answer until the last: emptied once visited, so that only its shell stays.
      columns.texts = [];
      columns.orders = columns.lines = [];
    }
    await all;
  } finally {
    await pool.close();
  }
}
