/**
 * A one-line progress indicator on stderr, only on a TTY (docs/architecture.md#conventions) and only once the work has
 * run for about a second, so short runs stay quiet.
 */
import type { Ctx } from './context.js';

export interface Progress {
  tick(label: string): void;
  done(): void;
}

export function progress(ctx: Ctx, total: number): Progress {
  if (!ctx.progress || total < 2) return { tick: () => {}, done: () => {} };
  const started = Date.now();
  let n = 0;
  let shown = false;
  const stream = ctx.streams.stderr;
  return {
    tick(label) {
      n++;
      if (Date.now() - started < 1000) return;
      shown = true;
      const width = 24;
      const filled = Math.round((n / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n}/${total} ${label.slice(-40).padEnd(40)}`);
    },
    done() {
      if (shown) stream.write('\r' + ' '.repeat(80) + '\r');
    },
  };
}
