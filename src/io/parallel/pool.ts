/**
 * Work that is per file, spread over the machine's cores with worker threads (issue #10: a region's
 * 700 order files validated on both cores). Results come back in the order of the tasks.
 *
 * A worker module runs `serveTasks(handler)`: it receives the pool's `init` once (its first message)
 * and then tasks one at a time. The workers are started before the init exists (`new WorkerPool`), so
 * that loading their modules overlaps with the command's own start — reading the workspace the init
 * is made of (issue 20). An error thrown by the handler travels back as data and is rebuilt in the
 * calling thread: an UchebnikError keeps its class, key and parameters, so a broken file is reported
 * exactly as it would be without workers.
 */
import os from 'node:os';
import { AsyncResource } from 'node:async_hooks';
import { Worker, parentPort } from 'node:worker_threads';
import { DataError, InputError, UchebnikError, UsageError, WorkspaceError } from '../../core/errors.js';

interface ErrorData {
  kind: 'uchebnik' | 'other';
  class?: string;
  key?: string;
  params?: Record<string, unknown>;
  message: string;
  stack?: string;
}

/** A worker's answer to a task (`serveTasks`); the pool's tasks and src/features/consolidate/parts-in-turns.ts's. */
export type Reply<R> = { i: number; ok: true; result: R } | { i: number; ok: false; error: ErrorData };

function errorData(err: unknown): ErrorData {
  if (err instanceof UchebnikError) return { kind: 'uchebnik', class: err.name, key: err.key, params: err.params as Record<string, unknown>, message: err.message };
  const e = err instanceof Error ? err : new Error(String(err));
  return { kind: 'other', message: e.message, stack: e.stack };
}

// `any`: each class narrows its parameters, and these were made by one of them
const CLASSES: Record<string, new (key: string, params: any) => UchebnikError> = { InputError, UsageError, WorkspaceError, DataError };

/** A worker's error as this thread's: an UchebnikError keeps its class, key and parameters. */
export function rebuild(e: ErrorData): Error {
  if (e.kind === 'uchebnik' && e.class && CLASSES[e.class]) return new CLASSES[e.class]!(e.key!, (e.params ?? {}) as never);
  const err = new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}

/** In a worker module: answer the pool's tasks with `handler`, built once from the pool's `init`. */
export function serveTasks<I, T, R>(setup: (init: I) => (task: T) => Promise<R>): void {
  if (!parentPort) throw new Error('serveTasks runs in a worker thread');
  const port = parentPort;
  let handler: ((task: T) => Promise<R>) | undefined;
  // The pool hands out the next task before this one is done (see PREFETCH); they are still done one at a time.
  const queue: { i: number; task: T }[] = [];
  let busy = false;
  const next = (): void => {
    const msg = busy ? undefined : queue.shift();
    if (!msg) return;
    busy = true;
    handler!(msg.task)
      .then(
        (result) => port.postMessage({ i: msg.i, ok: true, result } satisfies Reply<R>),
        (err: unknown) => port.postMessage({ i: msg.i, ok: false, error: errorData(err) } satisfies Reply<R>),
      )
      .finally(() => {
        busy = false;
        next();
      });
  };
  port.on('message', (msg: { init: I } | { i: number; task: T }) => {
    if ('init' in msg) {
      handler = setup(msg.init);
      // Tasks are handed out from now on (`WorkerPool.map`): one a worker is still loading would wait in
      // its queue, when the calling thread could have done it meanwhile (src/io/parallel/in-turns.ts).
      port.postMessage({ ready: true });
    } else {
      queue.push(msg);
      next();
    }
  });
}

/**
 * Tasks handed to a worker ahead of its answers: with one, a worker waits for the calling thread to
 * read its answer and send the next task, which it does late when it is busy itself (`order submit`
 * stores files there while the workers check the next ones).
 */
const PREFETCH = 2;

/**
 * Whether work may go to a second thread at all: only from the compiled modules (the tests run the
 * TypeScript sources, where a worker module cannot start), on two cores or more, and unless
 * UCHEBNIK_THREADS is 0 or 1. `moduleUrl`: the module whose worker file would be started.
 */
export function secondThread(threadLimit: string | undefined, moduleUrl: string): boolean {
  if (!moduleUrl.endsWith('.js')) return false;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return cores >= 2 && !(threadLimit !== undefined && /^[01]$/.test(threadLimit.trim()));
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
 * Tasks taken one at a time, as workers become free to do one: the next task and its index, or none
 * when there are no more. A list is handed out in its order; a function may decide on each call which
 * task comes next (src/io/parallel/in-turns.ts shares its parts with the calling thread this way).
 */
export type TaskSource<T> = readonly T[] | (() => { i: number; task: T } | undefined);

function taker<T>(tasks: TaskSource<T>): () => { i: number; task: T } | undefined {
  if (typeof tasks === 'function') return tasks;
  let next = 0;
  return () => (next < tasks.length ? { i: next, task: tasks[next++]! } : undefined);
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
 * Worker threads of `module`, started at once; `map` hands them the init and the tasks. `close` ends
 * them (always call it: a pool whose command failed before `map` must not keep the process alive).
 */
export class WorkerPool<I, T, R> {
  private readonly workers: Worker[];
  /** an error a worker raised before `map` listened (its module failed to load) */
  private early: Error | undefined;

  constructor(module: URL, threads: number) {
    this.workers = Array.from({ length: Math.max(1, threads) }, () => {
      const w = new Worker(module);
      w.on('error', (err) => (this.early ??= err));
      return w;
    });
  }

  /**
   * Runs every task and returns the results by task index. A worker is handed tasks once it has
   * loaded its modules and taken the init, two at a time. The first task that fails stops handing
   * out new ones; its error is thrown (rebuilt) once the ones handed out end. After `opts.signal`
   * aborts, the results of the tasks not run are missing (holes in the array). Once per pool.
   */
  async map(init: I, tasks: TaskSource<T>, opts: MapOptions<R> = {}): Promise<R[]> {
    if (this.early) throw this.early;
    const results: R[] = typeof tasks === 'function' ? [] : new Array<R>(tasks.length);
    const take = taker(tasks);
    let failure: Error | undefined;
    const runOne = (worker: Worker) =>
      new Promise<void>((resolve, reject) => {
        let handed = 0;
        const feed = () => {
          while (handed < PREFETCH && !failure && !opts.signal?.aborted) {
            const next = take();
            if (!next) break;
            handed++;
            worker.postMessage(next);
          }
          if (handed === 0) resolve();
        };
        // Answers are handled in the caller's async context, not the one the workers were started in:
        // `order submit` stores from here under the workspace lock it took after starting them, and the
        // lock is known by its context (src/io/workspace/lock.ts).
        worker.on('message', AsyncResource.bind((reply: Reply<R> | { ready: true }) => {
          if ('ready' in reply) return feed();
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
        }));
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with code ${code}`))));
        worker.postMessage({ init });
      });
    await Promise.all(this.workers.map(runOne));
    if (failure) throw failure;
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
