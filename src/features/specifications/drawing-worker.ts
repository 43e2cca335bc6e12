/** The worker thread of drawing.ts: draws each specification workbook it is sent. */
import { parentPort } from 'node:worker_threads';
import { draw, type DrawReply, type DrawRequest } from './drawing.js';

const port = parentPort!;
port.on('message', ({ id, doc }: DrawRequest) => {
  let drawn: ReturnType<typeof draw>;
  try {
    drawn = draw(doc);
  } catch (err) {
    port.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies DrawReply);
    return;
  }
  // Handed over, not copied: a workbook of its own memory moves as it is (a small one in Buffer's shared pool is copied out first).
  const { data, sha256 } = drawn;
  const own = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : new Uint8Array(data);
  port.postMessage({ id, data: own, sha256 } satisfies DrawReply, [own.buffer as ArrayBuffer]);
});
