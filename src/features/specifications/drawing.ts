/**
 * The specification workbooks of an export drawn on a worker thread while this one reads the orders,
 * lays out the specifications and writes the files (drawing a workbook was ≈60 % of an export's
 * processor time on the bench, bench/README.md). Workbooks come back in the order asked for, so the
 * package is the same whichever thread drew them: the same function draws them either way
 * (workbook.ts `specificationXlsx`).
 *
 * In this thread instead when the compiled modules are not what runs (the tests run the TypeScript
 * sources), on one core, or with UCHEBNIK_THREADS 0 or 1 (as for `order validate`,
 * src/io/parallel/pool.ts).
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

function useWorker(limit: string | undefined): boolean {
  if (!import.meta.url.endsWith('.js')) return false;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return cores >= 2 && !(limit !== undefined && /^[01]$/.test(limit.trim()));
}

export class Drawing {
  private readonly worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (w: DrawnWorkbook) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor(threadLimit: string | undefined) {
    if (!useWorker(threadLimit)) return;
    const worker = (this.worker = new Worker(new URL('./drawing-worker.js', import.meta.url)));
    const fail = (err: Error) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('message', (m: DrawReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('error' in m) return p.reject(new Error(`specification workbook (worker thread): ${m.error}`));
      // a Buffer crosses threads as a plain Uint8Array
      p.resolve({ data: Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength), sha256: m.sha256 });
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`specification workbooks: the worker thread ended with ${code}`)));
  }

  /** The workbook of `doc`, drawn on the worker while the caller goes on. */
  draw(doc: SpecificationDocument): Promise<DrawnWorkbook> {
    const worker = this.worker;
    if (!worker) return Promise.resolve().then(() => draw(doc));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, doc } satisfies DrawRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
