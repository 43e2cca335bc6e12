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
import { DataError, InputError, UchebnikError, UsageError, WorkspaceError } from '../errors.js';

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
  port.on('message', (msg: { i: number; task: T }) => {
    handler(msg.task).then(
      (result) => port.postMessage({ i: msg.i, ok: true, result } satisfies Reply<R>),
      (err: unknown) => port.postMessage({ i: msg.i, ok: false, error: errorData(err) } satisfies Reply<R>),
    );
  });
}

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

/**
 * Runs every task in `threads` workers of `module` and returns the results in task order. The first
 * task that fails stops handing out new ones; its error is thrown (rebuilt) once the running ones end.
 */
export async function mapInWorkers<I, T, R>(module: URL, init: I, tasks: readonly T[], threads: number, onDone?: (i: number) => void): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  let next = 0;
  let failure: Error | undefined;
  const runOne = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const feed = () => {
        if (failure || next >= tasks.length) return resolve();
        const i = next++;
        worker.postMessage({ i, task: tasks[i] });
      };
      worker.on('message', (reply: Reply<R>) => {
        if (reply.ok) {
          results[reply.i] = reply.result;
          onDone?.(reply.i);
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
