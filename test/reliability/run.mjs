#!/usr/bin/env node
/**
 * The long crash run (issue #11): `npm run crash -- --trials 200` builds, then runs
 * test/reliability/crash.test.ts with that many trials and prints the figures — trials run, kills
 * that landed mid-write, failures, time. Exit status: vitest's (0 when every trial passed).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function usage(message) {
  if (message) console.error(message);
  console.error('usage: npm run crash -- [--trials N]   (default 200)');
  process.exit(2);
}

let trials = 200;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  let value;
  if (arg === '--trials') value = args[++i];
  else if (arg.startsWith('--trials=')) value = arg.slice('--trials='.length);
  else if (arg === '--help' || arg === '-h') usage();
  else usage(`unknown argument: ${arg}`);
  if (value === undefined || !/^[1-9][0-9]*$/.test(value)) usage(`--trials needs a positive whole number, not ${value ?? 'nothing'}`);
  trials = Number(value);
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'uchebnik-crash-run-')), 'figures.json');
const started = Date.now();
const vitest = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/reliability/crash.test.ts'], {
  cwd: repo,
  stdio: 'inherit',
  env: { ...process.env, UCHEBNIK_CRASH_TRIALS: String(trials), UCHEBNIK_CRASH_REPORT: report },
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);

if (!fs.existsSync(report)) {
  console.error(`\ncrash run: no figures (vitest ended with ${vitest.status ?? vitest.signal} before the trials finished), ${seconds} s`);
  process.exit(vitest.status || 1);
}
const f = JSON.parse(fs.readFileSync(report, 'utf8'));
fs.rmSync(path.dirname(report), { recursive: true, force: true });
console.log(
  [
    '',
    'crash run',
    `  trials run:                         ${f.trials}`,
    `  kills mid-write (holding the lock): ${f.midWrite}  (leaving a part-old, part-new state or temp files: ${f.partial})`,
    `  kills before the lock:              ${f.beforeLock}`,
    `  kills mid-swap of the package:      ${f.swapWindow}`,
    `  runs that ended before the kill:    ${f.finished}`,
    `  failures:                           ${f.failures.length}`,
    `  time:                               ${(f.ms / 1000).toFixed(1)} s of trials, ${seconds} s in all`,
    `  per command:                        ${JSON.stringify(f.byCommand)}`,
    ...f.failures.slice(0, 20).map((x) => `  FAIL ${x.split('\n')[0]}`),
  ].join('\n'),
);
process.exit(vitest.status ?? 1);
