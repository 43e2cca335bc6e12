// Runs one command as a whole child process and measures it: wall time (from spawn to exit, taken
// here), peak RSS and processor time. The peak RSS comes from GNU time (`/usr/bin/time -f '%M %U %S'`,
// the kernel's ru_maxrss of the child — of the largest single process if the command starts others;
// worker threads are part of the process), or, where /usr/bin/time is missing, from
// bench/lib/rusage-preload.cjs loaded with `node --require` (process.resourceUsage() at exit). Either
// way the figure is the command's own, not the runner's. A command running longer than its time
// limit is killed with its process group.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rusage-preload.cjs');
export const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
export const METHOD = TIME ? '/usr/bin/time -f "%M %U %S" (ru_maxrss of the child)' : 'node --require bench/lib/rusage-preload.cjs (process.resourceUsage().maxRSS at exit)';

/**
 * node `args` with `opts.nodeFlags` before them (or the program `opts.exec` with `args`). Writes stdout and stderr to `${opts.log}.out` / `.err`.
 * Resolves { exit, signal, timedOut, wall (s), rssMiB, rssPolled (the figure is from /proc, the command
 * having been killed), cpu (s), stdout (text, when under 64 MiB) }.
 */
export function measure(args, opts) {
  const { log, timeoutMs = 15 * 60_000, env = process.env, cwd, nodeFlags = [], exec } = opts;
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const usage = `${log}.rusage`;
  fs.rmSync(usage, { force: true });
  const out = fs.openSync(`${log}.out`, 'w');
  const err = fs.openSync(`${log}.err`, 'w');
  // `exec`: another program than node (the Python peer); without GNU time it gets wall time only
  const [cmd, argv, childEnv] = TIME
    ? [TIME, ['-f', '%M %U %S', '-o', usage, exec ?? process.execPath, ...(exec ? [] : nodeFlags), ...args], env]
    : exec
      ? [exec, args, env]
      : [process.execPath, ['--require', PRELOAD, ...nodeFlags, ...args], { ...env, BENCH_RUSAGE_FILE: usage }];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd, env: childEnv, stdio: ['ignore', out, err], detached: true });
    // The peak so far, read from /proc while it runs (VmHWM of the node process): the figure of a
    // command killed at its time limit, which GNU time cannot report any more.
    let polledKiB = 0;
    const poll = setInterval(() => {
      try {
        let pid = child.pid;
        if (TIME) pid = Number(fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)[0]);
        const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (hwm) polledKiB = Math.max(polledKiB, Number(hwm[1]));
      } catch {
        /* not started yet, gone, or no /proc */
      }
    }, 1000);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      clearTimeout(timer);
      clearInterval(poll);
      fs.closeSync(out);
      fs.closeSync(err);
      let rssMiB;
      let cpu;
      try {
        // GNU time writes «Command exited with non-zero status N» before the figures
        const last = fs.readFileSync(usage, 'utf8').trim().split('\n').pop().trim().split(/\s+/).map(Number);
        if (last.length === 3 && last.every(Number.isFinite)) {
          rssMiB = last[0] / 1024;
          cpu = last[1] + last[2];
        }
      } catch {
        /* killed before it could say */
      }
      if (rssMiB === undefined && polledKiB > 0) rssMiB = polledKiB / 1024;
      const size = fs.statSync(`${log}.out`).size;
      const stdout = size < 64 * 2 ** 20 ? fs.readFileSync(`${log}.out`, 'utf8') : undefined;
      resolve({ exit: code, signal, timedOut, wall, rssMiB, rssPolled: rssMiB === polledKiB / 1024 && polledKiB > 0, cpu, stdout });
    });
  });
}
