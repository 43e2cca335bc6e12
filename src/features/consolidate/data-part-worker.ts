/** The worker thread of data-part.ts `dataPart`: writes each consolidation data sheet it is sent. */
import { parentPort } from 'node:worker_threads';
import { writeDataPart, type DataPartTask } from './data-part.js';

const port = parentPort!;
port.on('message', (m: { id: number; task: DataPartTask }) => {
  // The entry is copied, not transferred: a small part's bytes may sit in Buffer's shared pool, which cannot move.
  writeDataPart(m.task).then(
    (entry) => port.postMessage({ id: m.id, entry }),
    (err: unknown) => port.postMessage({ id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
