// The functions with the most self time in V8 CPU profiles (node --cpu-prof), for bench/run.mjs
// --cpu-prof STAGE, or by hand:  node bench/cpuprof-top.mjs FILE.cpuprofile… [--top N]
// Several files (a command's main thread and its worker threads each write one) are added together.
// «(idle)» is a thread waiting, not work: it is counted apart and left out of the list.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function topSelf(files, n = 5) {
  const self = new Map();
  let total = 0;
  let idle = 0;
  for (const file of [files].flat()) {
    const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
    const byId = new Map(prof.nodes.map((node) => [node.id, node]));
    for (let i = 0; i < prof.samples.length; i++) {
      const dt = prof.timeDeltas[i] ?? 0;
      const f = byId.get(prof.samples[i]).callFrame;
      if (f.functionName === '(idle)') {
        idle += dt;
        continue;
      }
      total += dt;
      const where = f.url ? `${f.url.replace(/^file:\/\//, '').replace(/^.*\/(dist|node_modules)\//, '$1/')}:${f.lineNumber + 1}` : '';
      const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
      self.set(key, (self.get(key) ?? 0) + dt);
    }
  }
  return {
    threads: [files].flat().length,
    busy_ms: Math.round(total / 1000),
    idle_ms: Math.round(idle / 1000),
    top: [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([fn, us]) => ({ function: fn, self_ms: Math.round(us / 1000), percent_of_busy: +((100 * us) / total).toFixed(1) })),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--top');
  const n = at >= 0 ? Number(args.splice(at, 2)[1]) : 10;
  const r = topSelf(args, n);
  console.log(`${r.threads} profile(s): ${r.busy_ms} ms busy, ${r.idle_ms} ms idle`);
  for (const t of r.top) console.log(`${String(t.self_ms).padStart(8)} ms ${String(t.percent_of_busy).padStart(5)} %  ${t.function}`);
}
