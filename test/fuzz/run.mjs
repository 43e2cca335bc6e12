#!/usr/bin/env node
/**
 * The long fuzz run, outside the test suite (issue #11):
 *
 *     npm run fuzz -- --runs 2000 [--seed 12345] [--only csv] [--workers 1] [--idle 180]
 *
 * Runs vitest on test/fuzz with FUZZ_RUNS (inputs per property: per entry point and family of input)
 * and FUZZ_SEED (default: a new seed from the clock, printed so that a failure can be replayed with
 * `--seed`), then prints what was fuzzed per entry point and every failure with the file its input was
 * saved to. A watchdog stops the run when no input has finished for `--idle` seconds and names the
 * input the fuzzer was on: a hang is a failure too, and the one kind an in-process test cannot stop.
 *
 * Exit code: 0 when every property held, 1 otherwise (vitest's own code).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FAILURES_DIR = path.join(os.tmpdir(), 'uchebnik-fuzz-failures');

function usage(message) {
  if (message) console.error(`run.mjs: ${message}`);
  console.error('usage: npm run fuzz -- --runs N [--seed S] [--only PATTERN] [--workers K] [--idle SECONDS]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { runs: undefined, seed: undefined, only: undefined, workers: undefined, idle: 180 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    const whole = (v, name, min = 0) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < min) usage(`${name} must be a whole number ≥ ${min}, not «${v}»`);
      return n;
    };
    switch (flag) {
      case '--runs':
        opts.runs = whole(value(), '--runs', 1);
        break;
      case '--seed':
        opts.seed = whole(value(), '--seed');
        break;
      case '--only':
        opts.only = value();
        break;
      case '--workers':
        opts.workers = whole(value(), '--workers', 1);
        break;
      case '--idle':
        opts.idle = whole(value(), '--idle', 10);
        break;
      case '-h':
      case '--help':
        usage();
        break;
      default:
        usage(`unknown option ${flag}`);
    }
  }
  if (opts.runs === undefined) usage('--runs is required');
  opts.seed ??= Date.now() % 2_147_483_647;
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'uchebnik-fuzz-run-'));
const reportFile = path.join(work, 'report.jsonl');
const progressPrefix = path.join(work, 'progress');

console.log(`fuzz: --runs ${opts.runs} (inputs per entry point and family), --seed ${opts.seed}${opts.only ? `, --only ${opts.only}` : ''}`);
console.log(`fuzz: failing inputs are saved in ${FAILURES_DIR}; replay with --seed ${opts.seed}`);

const vitestArgs = [path.join(REPO, 'node_modules', 'vitest', 'vitest.mjs'), 'run', opts.only ? `test/fuzz/${opts.only}` : 'test/fuzz'];
if (opts.workers) vitestArgs.push(`--maxWorkers=${opts.workers}`, `--minWorkers=1`);
const started = Date.now();
const child = spawn(process.execPath, vitestArgs, {
  cwd: REPO,
  stdio: 'inherit',
  detached: true,
  env: { ...process.env, FUZZ_RUNS: String(opts.runs), FUZZ_SEED: String(opts.seed), FUZZ_REPORT: reportFile, FUZZ_PROGRESS: progressPrefix },
});

let hang;
const watchdog = setInterval(() => {
  const now = Date.now();
  for (const name of fs.readdirSync(work).filter((n) => n.startsWith('progress.'))) {
    let p;
    try {
      p = JSON.parse(fs.readFileSync(path.join(work, name), 'utf8'));
    } catch {
      continue; // being written
    }
    if (p.done || now - p.at < opts.idle * 1000) continue;
    hang = p;
    let saved = p.file;
    try {
      fs.mkdirSync(FAILURES_DIR, { recursive: true });
      saved = path.join(FAILURES_DIR, `hang-${p.entry.replace(/\s+/g, '-')}-${p.family}-${path.basename(p.file)}`);
      fs.copyFileSync(p.file, saved);
    } catch {
      // the input is gone; its description is all there is
    }
    hang.saved = saved;
    console.error(`\nfuzz: HANG — no answer for ${Math.round((now - p.at) / 1000)} s from «${p.entry}» on a ${p.family} input of ${p.bytes} bytes, saved as ${saved}; stopping`);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
    clearInterval(watchdog);
    return;
  }
}, 5000);

child.on('exit', (code, signal) => {
  clearInterval(watchdog);
  const seconds = Math.round((Date.now() - started) / 1000);
  const suites = fs.existsSync(reportFile)
    ? fs
        .readFileSync(reportFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  const perEntry = new Map();
  const failures = [];
  let total = 0;
  for (const s of suites) {
    for (const c of s.counts) {
      const e = perEntry.get(c.entry) ?? { n: 0, families: new Map(), exits: {} };
      e.n += c.n;
      e.families.set(c.family, (e.families.get(c.family) ?? 0) + c.n);
      for (const [k, v] of Object.entries(c.exits ?? {})) e.exits[k] = (e.exits[k] ?? 0) + v;
      perEntry.set(c.entry, e);
      total += c.n;
    }
    failures.push(...s.failures);
  }
  console.log(`\n================ fuzz summary ================`);
  console.log(`seed ${opts.seed}, --runs ${opts.runs}, ${total} inputs in ${Math.floor(seconds / 60)} min ${seconds % 60} s`);
  for (const [entry, e] of [...perEntry.entries()].sort()) {
    const families = [...e.families.entries()].map(([f, n]) => `${f} ${n}`).join(', ');
    const exits = Object.entries(e.exits)
      .map(([k, v]) => `exit ${k}: ${v}`)
      .join(', ');
    console.log(`  ${entry.padEnd(32)} ${String(e.n).padStart(7)}  (${families}${exits ? `; ${exits}` : ''})`);
  }
  if (hang) failures.push({ entry: hang.entry, family: hang.family, file: hang.saved, problem: `hang (no answer for ${opts.idle} s)` });
  if (failures.length) {
    console.log(`FAILURES: ${failures.length} failing inputs (shrinking steps included)`);
    for (const f of failures) console.log(`  ${f.entry} / ${f.family}: ${f.problem}\n    input: ${f.file}`);
  } else {
    console.log('failures: none');
  }
  if (suites.length === 0 && !hang) console.log('(no suite reported: did vitest start? see its output above)');
  fs.rmSync(work, { recursive: true, force: true });
  const failed = hang || failures.length > 0 || code !== 0 || signal;
  process.exit(failed ? 1 : 0);
});
