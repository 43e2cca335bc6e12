/**
 * Files read in turns by this thread and one worker (issue 20): the files are cut into parts, which
 * this thread and the worker share, and the parts come out in their order — this thread's to be read
 * by the caller, the worker's as what it handed back. What the caller makes of them is then the same
 * as reading every file here, in order (src/features/order/orders-in-turns.ts).
 *
 * Who reads which part is decided as they go, not beforehand: this thread reads every part until the
 * worker has loaded its modules (≈0.3 s on a busy machine, when this thread would otherwise wait for the
 * worker's first part), and from then on the worker takes a part with one left before it for this
 * thread, or two in a row before one left for it, so that the two read side by side (`nextForWorker`):
 * this thread does more with each part than the worker (it also counts or writes every order), and
 * with a part each the worker sat idle a third of the time. The pool hands the worker two parts
 * ahead at most (src/io/parallel/pool.ts): a country's files are never all held at once. An error of
 * the worker's is thrown when its part's turn comes, as reading the files in order would.
 */
import { WorkerPool, secondThread } from './pool.js';

/** A part of the files, in order: this thread's own to read, or what the worker made of it. */
export type Turn<R> = { here: string[] } | { there: R };

/**
 * Files below which the worker is not worth it: this thread still turns every order the worker hands
 * back into objects, which costs nearly what reading its file does, while the worker's start and its
 * warming-up take a core for ≈0.2 s. `consolidate region`'s counting, one thread against two
 * (bench/README.md, issue 20, session 9): 700 schools 0.20–0.26 s against 0.26–0.41 s, 2,000 and 6,000
 * schools the same either way (1.0–1.15 s at 6,000), the country's 40,000 6.9–7.4 s against 6.3–6.8 s.
 */
const MIN_FILES = 5_000;
/** Files a part: small enough that the parts even out between the threads. */
const PART = 64;

/**
 * Whether `files` are worth a worker: enough of them and two cores, not with UCHEBNIK_THREADS 0 or 1,
 * nor from the TypeScript sources (the tests), where a worker module cannot start.
 */
export function readInTurns(files: number, threadLimit: string | undefined, moduleUrl: string): boolean {
  return files >= MIN_FILES && secondThread(threadLimit, moduleUrl);
}

/** Who reads each part: this thread, the worker, or nobody yet. */
export type Reader = 'here' | 'there' | undefined;

/**
 * The part the worker takes next: the first one not taken whose part before it is not taken either,
 * left for this thread to read meanwhile — or is the worker's, with the one before that left for this
 * thread (the worker takes at most two parts to one of this thread's). None when there is no such part
 * (and then there never will be: parts are only ever taken).
 */
export function nextForWorker(readers: readonly Reader[], count: number): number | undefined {
  for (let j = 1; j < count; j++) {
    if (readers[j] !== undefined) continue;
    if (readers[j - 1] === undefined || (j >= 2 && readers[j - 1] === 'there' && readers[j - 2] === undefined)) return j;
  }
  return undefined;
}

/** What `turns` needs of a pool: the tasks taken as the worker is free (src/io/parallel/pool.ts `WorkerPool`). */
export interface TurnPool<I, T, R> {
  map(init: I, tasks: () => { i: number; task: T } | undefined, opts: { onResult: (i: number, r: R) => void }): Promise<unknown>;
  close(): Promise<void>;
}

/** The parts of `names` in order, some read by a worker of `module` given `init` and `task(part)`. */
export function turns<I, T, R>(names: readonly string[], module: URL, init: I, task: (part: string[]) => T): AsyncGenerator<Turn<R>> {
  return turnsWith(names, new WorkerPool<I, T, R>(module, 1), init, task);
}

/** `turns` with the pool given: the same with a stand-in for the worker (test/io/parallel/in-turns.test.ts). */
export async function* turnsWith<I, T, R>(names: readonly string[], pool: TurnPool<I, T, R>, init: I, task: (part: string[]) => T): AsyncGenerator<Turn<R>> {
  const parts: string[][] = [];
  for (let i = 0; i < names.length; i += PART) parts.push(names.slice(i, i + PART));
  const readers: Reader[] = new Array<Reader>(parts.length).fill(undefined);
  const arrived = new Map<number, R>();
  const waiting = new Map<number, (r: R) => void>();
  try {
    const all = pool.map(
      init,
      () => {
        const j = nextForWorker(readers, parts.length);
        if (j === undefined) return undefined;
        readers[j] = 'there';
        return { i: j, task: task(parts[j]!) };
      },
      {
        onResult: (j, r) => {
          const wake = waiting.get(j);
          if (wake) wake(r);
          else arrived.set(j, r);
        },
      },
    );
    all.catch(() => undefined); // settled even when this thread's part fails first
    for (const [k, part] of parts.entries()) {
      // The worker's messages (it is ready, it has read a part) are heard only between this thread's
      // tasks: reading a part here is one, so the worker's next part is taken before the next of ours.
      if (readers[k] === undefined) await new Promise<void>((resolve) => setImmediate(resolve));
      if (readers[k] === undefined) {
        readers[k] = 'here';
        yield { here: part };
        continue;
      }
      const r = arrived.get(k) ?? (await Promise.race([new Promise<R>((resolve) => waiting.set(k, resolve)), all.then(() => arrived.get(k)!)]));
      arrived.delete(k);
      waiting.delete(k);
      yield { there: r };
    }
    // Every part is read, the worker's included: whatever it is still doing (loading its modules, when
    // this thread read every part) is not waited for.
  } finally {
    await pool.close();
  }
}
