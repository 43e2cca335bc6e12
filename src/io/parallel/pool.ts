/**
 * Work that is per file, spread over the machine's cores with worker threads (issue #10: a region's
 * 700 order files validated on both cores). Results come back in the order of the tasks.
 *
 * A worker module runs `serveTasks(handler)`: it receives the pool's `init` once (as workerData) and
 * then tasks one at a time. An error thrown by the handler travels back as data and is rebuilt in the
 * calling thread: an UchebnikError keeps its class, key and parameters, so a broken file is reported
 * exactly as it would be without workers.
 */
import os from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { DataError, InputError, UchebnikError, UsageError, WorkspaceError } from '../../core/errors.js';

interface ErrorData {
  kind: 'uchebnik' | 'other';
  class?: string;
  key?: string;
  params?: Record<string, unknown>;
  message: string;
  stack?: string;
}

type Reply<R> = { i: number; ok: true; result: R } | { i: number; ok: false; error: ErrorData };

function errorData(err: unknown): ErrorData {
  if (err instanceof UchebnikError) return { kind: 'uchebnik', class: err.name, key: err.key, params: err.params as Record<string, unknown>, message: err.message };
  const e = err instanceof Error ? err : new Error(String(err));
  return { kind: 'other', message: e.message, stack: e.stack };
}

// `any`: each class narrows its parameters, and these were made by one of them
const CLASSES: Record<string, new (key: string, params: any) => UchebnikError> = { InputError, UsageError, WorkspaceError, DataError };

function rebuild(e: ErrorData): Error {
  if (e.kind === 'uchebnik' && e.class && CLASSES[e.class]) return new CLASSES[e.class]!(e.key!, (e.params ?? {}) as never);
  const err = new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}

/** In a worker module: answer the pool's tasks with `handler`, built once from the pool's `init`. */
export function serveTasks<I, T, R>(setup: (init: I) => (task: T) => Promise<R>): void {
  if (!parentPort) throw new Error('serveTasks runs in a worker thread');
  const port = parentPort;
  const handler = setup(workerData as I);
  // The pool hands out the next task before this one is done (see PREFETCH); they are still done one at a time.
  const queue: { i: number; task: T }[] = [];
  let busy = false;
  const next = (): void => {
    const msg = busy ? undefined : queue.shift();
    if (!msg) return;
    busy = true;
    handler(msg.task)
      .then(
        (result) => port.postMessage({ i: msg.i, ok: true, result } satisfies Reply<R>),
        (err: unknown) => port.postMessage({ i: msg.i, ok: false, error: errorData(err) } satisfies Reply<R>),
      )
      .finally(() => {
        busy = false;
        next();
      });
  };
  port.on('message', (msg: { i: number; task: T }) => {
    queue.push(msg);
    next();
  });
}

/**
 * Tasks handed to a worker ahead of its answers: with one, a worker waits for the calling thread to
 * read its answer and send the next task, which it does late when it is busy itself (`order submit`
 * stores files there while the workers check the next ones).
 */
const PREFETCH = 2;

/**
 * How many workers are worth starting for `tasks` tasks: one per core, none for a handful or on one
 * core. `limit` (UCHEBNIK_THREADS) caps them, e.g. on a shared server; 0 or 1 keeps the work in the
 * calling thread.
 */
export function workersFor(tasks: number, limit?: string, minTasks = 8): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const cap = limit !== undefined && /^\d+$/.test(limit.trim()) ? Number(limit) : cores;
  const n = Math.min(cores, cap, Math.ceil(tasks / 4));
  return n < 2 || tasks < minTasks ? 0 : n;
}

export interface MapOptions<R> {
  /**
   * Told of each result as soon as it arrives, in any order, while the workers go on with the next
   * tasks (so the caller can start on it at once). Throwing fails the whole map like a failed task.
   */
  onResult?: (i: number, result: R) => void;
  /** Aborted: no more tasks are handed out; the running ones end and the map resolves without the rest. */
  signal?: AbortSignal;
}

/**
 * Runs every task in `threads` workers of `module` and returns the results in task order. The first
 * task that fails stops handing out new ones; its error is thrown (rebuilt) once the ones handed out end.
 * After `opts.signal` aborts, the results of the tasks not run are missing (holes in the array).
 */
export async function mapInWorkers<I, T, R>(module: URL, init: I, tasks: readonly T[], threads: number, opts: MapOptions<R> = {}): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  let next = 0;
  let failure: Error | undefined;
  const runOne = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let handed = 0;
      const feed = () => {
        while (handed < PREFETCH && !failure && !opts.signal?.aborted && next < tasks.length) {
          const i = next++;
          handed++;
          worker.postMessage({ i, task: tasks[i] });
        }
        if (handed === 0) resolve();
      };
      worker.on('message', (reply: Reply<R>) => {
        handed--;
        if (reply.ok) {
          results[reply.i] = reply.result;
          try {
            opts.onResult?.(reply.i, reply.result);
          } catch (err) {
            failure ??= err instanceof Error ? err : new Error(String(err));
          }
        } else failure ??= rebuild(reply.error);
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with code ${code}`))));
      feed();
    });
  const workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(module, { workerData: init }));
  try {
    await Promise.all(workers.map(runOne));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure) throw failure;
  return results;
}
