/**
 * The large sheets of consolidation workbooks — each data sheet (data-part.ts) and each «По школам»
 * detail (detail-part.ts) — written by this thread and one worker thread, whichever is free (issue
 * 20). Parts are queued in the order their workbooks are written, a workbook or two ahead
 * (workbook.ts `writeConsolidationWorkbooks`); the worker takes the first part nobody has taken when
 * it is free, and this thread, when it needs a workbook's parts, writes those still untaken itself and,
 * while it waits for the worker's, the next untaken ones. Before, the worker wrote every data sheet
 * and this thread every detail: on the country's 62 detail workbooks the worker was idle 48 s of the
 * 85 s this thread wrote (bench/README.md).
 *
 * With no worker (the TypeScript sources under the tests, one core, UCHEBNIK_THREADS 0 or 1) this
 * thread writes every part, in the same order, with the same function: the bytes do not depend on
 * where a part was written; and a worker that dies leaves its part to this thread.
 */
import { Worker } from 'node:worker_threads';
import { writeDataPart, type DataPartTask } from './data-part.js';
import { writeDetailPart, type DetailPartTask } from './detail-part.js';
import type { ZipEntry } from '../../io/sheets/zip-write.js';
import { rebuild, type Reply } from '../../io/parallel/pool.js';

export type PartTask = { data: DataPartTask } | { detail: DetailPartTask };

/** Writes a part, in whichever thread runs it (part-worker.ts runs it in the worker). */
export function writePart(task: PartTask): Promise<ZipEntry> {
  return 'data' in task ? writeDataPart(task.data) : writeDetailPart(task.detail);
}

/** A part queued: its entry once written, here or there. */
export interface Part {
  readonly entry: Promise<ZipEntry>;
}

interface Job extends Part {
  task: PartTask | undefined;
  where: 'queued' | 'here' | 'there';
  settled: boolean;
  resolve(e: ZipEntry): void;
  reject(err: Error): void;
}

/** What the queue needs of a worker: posting a task, hearing it is ready and each answer (a stand-in in the tests). */
export interface PartWorker {
  post(id: number, task: PartTask): void;
  /** `ready` once the worker has loaded its modules; then an answer per part posted; `lost` if the thread ends */
  listen(on: { ready(): void; done(id: number, entry: ZipEntry): void; failed(id: number, err: Error): void; lost(err: Error): void }): void;
  /** while parts are out, the worker keeps the process; when none are, it must not */
  hold(holding: boolean): void;
  close(): Promise<void>;
}

export class PartsInTurns {
  private readonly queue: Job[] = [];
  private readonly out = new Map<number, Job>();
  private next = 0;
  private ready = false;
  private lost = false;
  /** resolved when a part the worker had comes back to the queue */
  private back = signal();

  constructor(private readonly worker?: PartWorker) {
    worker?.listen({
      ready: () => {
        this.ready = true;
        this.feed();
      },
      done: (id, entry) => this.answered(id, (job) => job.resolve(entry)),
      failed: (id, err) => this.answered(id, (job) => job.reject(err)),
      // The thread is gone (it ran out of memory, say): nothing more goes to it, and the part it had is
      // written here after all (a part is made from its task alone, so nothing of it is lost).
      lost: () => {
        this.lost = true;
        this.queue.unshift(...[...this.out.values()].map((job) => ((job.where = 'queued'), job)));
        this.out.clear();
        this.wake();
      },
    });
  }

  /** Queues a part; the worker may take it from now on. */
  add(task: PartTask): Part {
    let resolve!: (e: ZipEntry) => void;
    let reject!: (err: Error) => void;
    const entry = new Promise<ZipEntry>((res, rej) => ((resolve = res), (reject = rej)));
    // settled even when the command fails before asking for it, so that it is not also an unhandled rejection
    entry.catch(() => undefined);
    const job: Job = {
      entry,
      task,
      where: 'queued',
      settled: false,
      resolve: (e) => ((job.settled = true), (job.task = undefined), resolve(e)),
      reject: (err) => ((job.settled = true), (job.task = undefined), reject(err)),
    };
    this.queue.push(job);
    this.feed();
    return job;
  }

  /**
   * The entries of `parts`, in their order: those nobody has taken are written here, and while the
   * worker's are not back, this thread writes the next parts nobody has taken.
   */
  async entries(parts: readonly Part[]): Promise<ZipEntry[]> {
    const jobs = parts as Job[];
    for (;;) {
      const waiting = jobs.filter((j) => !j.settled);
      if (waiting.length === 0) break;
      const next = waiting.find((j) => j.where === 'queued') ?? this.queue.find((j) => j.where === 'queued');
      if (next) await this.writeHere(next);
      else await Promise.race([this.back.promise, ...waiting.map((j) => j.entry.then(() => undefined, () => undefined))]);
    }
    return Promise.all(jobs.map((j) => j.entry));
  }

  async close(): Promise<void> {
    await this.worker?.close();
  }

  private async writeHere(job: Job): Promise<void> {
    job.where = 'here';
    this.drop(job);
    try {
      job.resolve(await writePart(job.task!));
    } catch (err) {
      job.reject(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
  }

  /** The worker has one part at a time: one queued with it could have been written here meanwhile. */
  private feed(): void {
    if (!this.worker || !this.ready || this.lost || this.out.size > 0) return;
    const job = this.queue.find((j) => j.where === 'queued');
    if (!job) return this.worker.hold(false);
    job.where = 'there';
    this.drop(job);
    const id = this.next++;
    this.out.set(id, job);
    this.worker.hold(true);
    this.worker.post(id, job.task!);
  }

  private answered(id: number, settle: (job: Job) => void): void {
    const job = this.out.get(id);
    if (!job) return;
    this.out.delete(id);
    settle(job);
    this.feed();
  }

  private wake(): void {
    this.back.resolve();
    this.back = signal();
  }

  private drop(job: Job): void {
    const i = this.queue.indexOf(job);
    if (i >= 0) this.queue.splice(i, 1);
  }
}

function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The worker thread of part-worker.ts, which answers with the pool's protocol (src/io/parallel/pool.ts
 * `serveTasks`): it says it is ready once it has the init, and a writer's error comes back rebuilt.
 */
export function partWorker(): PartWorker {
  const worker = new Worker(new URL('./part-worker.js', import.meta.url));
  worker.unref();
  worker.postMessage({ init: null });
  // a Buffer crosses threads as a plain Uint8Array
  const buf = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return {
    post: (i, task) => worker.postMessage({ i, task }),
    listen(on) {
      let ended = false;
      const fail = (err: Error) => {
        ended = true;
        on.lost(err);
      };
      worker.on('message', (m: Reply<ZipEntry> | { ready: true }) => {
        if ('ready' in m) return on.ready();
        if (!m.ok) return on.failed(m.i, rebuild(m.error));
        const e = m.result;
        on.done(m.i, { name: buf(e.name), method: e.method, crc: e.crc, size: e.size, data: buf(e.data) });
      });
      worker.on('error', fail);
      worker.on('exit', (code) => ended || fail(new Error(`consolidation sheets: the worker thread ended with ${code}`)));
    },
    hold: (holding) => (holding ? worker.ref() : worker.unref()),
    close: async () => void (await worker.terminate()),
  };
}
