/**
 * The specification workbooks of an export drawn on worker threads while this one reads the orders,
 * lays out the specifications and writes the files (drawing a workbook was ≈60 % of an export's
 * processor time on the bench, bench/README.md). Workbooks come back in the order asked for, so the
 * package is the same whichever thread drew them: the same function draws them either way
 * (workbook.ts `specificationXlsx`).
 *
 * In this thread instead when the compiled modules are not what runs (the tests run the TypeScript
 * sources), on one core, or with UCHEBNIK_THREADS 0 or 1 (as for `order validate`,
 * src/io/parallel/pool.ts): see `drawingThreads`.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sha256, specificationXlsx, type SpecificationDocument } from './workbook.js';

export interface DrawnWorkbook {
  data: Buffer;
  sha256: string;
}

/** What the worker is sent and answers (drawing-worker.ts). */
export interface DrawRequest {
  id: number;
  doc: SpecificationDocument;
}
export type DrawReply = { id: number; data: Uint8Array; sha256: string } | { id: number; error: string };

export function draw(doc: SpecificationDocument): DrawnWorkbook {
  const data = specificationXlsx(doc);
  return { data, sha256: sha256(data) };
}

/**
 * Drawing threads: one per core, as the main thread is busy a third of the time only (bench/README.md);
 * none (this thread) from the sources, on one core, or with UCHEBNIK_THREADS 0 or 1; at most
 * UCHEBNIK_THREADS.
 */
function drawingThreads(limit: string | undefined): number {
  if (!import.meta.url.endsWith('.js')) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const cap = limit !== undefined && /^\d+$/.test(limit.trim()) ? Number(limit) : cores;
  const n = Math.min(cores, cap);
  return n < 2 ? 0 : n;
}

export class Drawing {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (w: DrawnWorkbook) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor(threadLimit: string | undefined) {
    const fail = (err: Error) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    for (let i = 0; i < drawingThreads(threadLimit); i++) {
      const worker = new Worker(new URL('./drawing-worker.js', import.meta.url));
      worker.on('message', (m: DrawReply) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if ('error' in m) return p.reject(new Error(`specification workbook (worker thread): ${m.error}`));
        // a Buffer crosses threads as a plain Uint8Array
        p.resolve({ data: Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength), sha256: m.sha256 });
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`specification workbooks: a worker thread ended with ${code}`)));
      this.workers.push(worker);
    }
  }

  /** The workbook of `doc`, drawn on a worker (in turn) while the caller goes on. */
  draw(doc: SpecificationDocument): Promise<DrawnWorkbook> {
    if (this.workers.length === 0) return Promise.resolve().then(() => draw(doc));
    const id = this.next++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, doc } satisfies DrawRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
