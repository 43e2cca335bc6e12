// Fallback of bench/lib/measure.mjs where /usr/bin/time is missing: loaded with `node --require`, it
// writes the process's peak RSS (KiB) and processor seconds to $BENCH_RUSAGE_FILE when it exits. The
// variable is removed at once, so processes the command starts do not overwrite the figure.
'use strict';
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const file = process.env.BENCH_RUSAGE_FILE;
if (isMainThread && file) {
  delete process.env.BENCH_RUSAGE_FILE;
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(file, `${u.maxRSS} ${(u.userCPUTime / 1e6).toFixed(2)} ${(u.systemCPUTime / 1e6).toFixed(2)}\n`);
  });
}
