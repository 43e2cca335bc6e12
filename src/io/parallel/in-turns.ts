/**
 * Files read in turns by this thread and one worker (issue 20): the files are cut into parts, the even
 * parts are this thread's and the odd ones the worker's, and the parts come out in their order — this
 * thread's to be read by the caller, the worker's as what it handed back. What the caller makes of
 * them is then the same as reading every file here, in order (src/features/consolidate/read-orders.ts,
 * src/features/order/orders-in-turns.ts).
 *
 * The worker's answers are used as soon as the part before them is, and the pool hands the worker two
 * parts ahead at most (src/io/parallel/pool.ts): a country's files are never all held at once. An
 * error of the worker's is thrown when its part's turn comes, as reading the files in order would.
 */
import os from 'node:os';
import { WorkerPool } from './pool.js';

/** A part of the files, in order: this thread's own to read, or what the worker made of it. */
export type Turn<R> = { here: string[] } | { there: R };

/** Files below which a second thread is not worth its start (≈0.1 s of processor time). */
const MIN_FILES = 200;
/** Files a part. */
const PART = 128;

/**
 * Whether `files` are worth a worker: enough of them and two cores, not with UCHEBNIK_THREADS 0 or 1,
 * nor from the TypeScript sources (the tests), where a worker module cannot start.
 */
export function readInTurns(files: number, threadLimit: string | undefined, moduleUrl: string): boolean {
  if (!moduleUrl.endsWith('.js') || files < MIN_FILES) return false;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return cores >= 2 && !(threadLimit !== undefined && /^[01]$/.test(threadLimit.trim()));
}

/** The parts of `names` in order, the odd ones read by a worker of `module` given `init` and `task(part)`. */
export async function* turns<I, T, R>(names: readonly string[], module: URL, init: I, task: (part: string[]) => T): AsyncGenerator<Turn<R>> {
  const parts: string[][] = [];
  for (let i = 0; i < names.length; i += PART) parts.push(names.slice(i, i + PART));
  // The odd parts are the worker's: task j is part 2j + 1.
  const tasks = parts.filter((_, k) => k % 2 === 1).map(task);
  const arrived = new Map<number, R>();
  const waiting = new Map<number, (r: R) => void>();
  const pool = new WorkerPool<I, T, R>(module, 1);
  try {
    const all = pool.map(init, tasks, {
      onResult: (j, r) => {
        const wake = waiting.get(j);
        if (wake) wake(r);
        else arrived.set(j, r);
      },
    });
    all.catch(() => undefined); // settled even when this thread's part fails first
    for (const [k, part] of parts.entries()) {
      if (k % 2 === 0) {
        yield { here: part };
        continue;
      }
      const j = (k - 1) / 2;
      const r = arrived.get(j) ?? (await Promise.race([new Promise<R>((resolve) => waiting.set(j, resolve)), all.then(() => arrived.get(j)!)]));
      arrived.delete(j);
      waiting.delete(j);
      yield { there: r };
    }
    await all;
  } finally {
    await pool.close();
  }
}
