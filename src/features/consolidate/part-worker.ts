/** The worker thread of parts-in-turns.ts: writes each consolidation sheet part it is sent, one at a time (src/io/parallel/pool.ts `serveTasks`). */
import { serveTasks } from '../../io/parallel/pool.js';
import { writePart } from './parts-in-turns.js';

// The entry is copied, not transferred: a small part's bytes may sit in Buffer's shared pool, which cannot move.
serveTasks(() => writePart);
