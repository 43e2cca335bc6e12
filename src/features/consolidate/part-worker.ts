/** The worker thread of parts-in-turns.ts: writes each consolidation sheet part it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { writePart, type PartTask } from './parts-in-turns.js';

const port = parentPort!;
port.on('message', (m: { id: number; task: PartTask }) => {
  // The entry is copied, not transferred: a small part's bytes may sit in Buffer's shared pool, which cannot move.
  writePart(m.task).then(
    (entry) => port.postMessage({ id: m.id, entry }),
    (err: unknown) => port.postMessage({ id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
port.postMessage({ ready: true });
