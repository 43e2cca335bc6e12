/**
 * Runs one generated input through the CLI and checks what must hold for every input whatever it is
 * (docs/exit-codes.md, docs/file-formats.md#reading, docs/file-formats.md#workspace):
 *
 *   - the exit code is 0, 1 or 3 — never 2 (usage), 4 (workspace), 70 (internal error);
 *   - nothing looks like a stack trace or a raw JavaScript error on stdout or stderr;
 *   - on exit 3: stderr holds at most one line — exactly one `uchebnik: …` line and nothing on stdout
 *     for the single-file commands; the multi-file ones (order/vacancies validate/submit) report the
 *     unreadable file as a `file-unreadable` finding in their report instead — and the workspace is
 *     byte for byte what it was;
 *   - with --json, stdout is one JSON document, and a validating command's `ok` matches its exit code;
 *   - the validating commands never write; a command that wrote (exit 0/1) changes nothing when given
 *     the same file again, exits as it did the first time, and `uchebnik doctor` finds the workspace
 *     sound — what was written reads back;
 *   - no uncaught exception or unhandled rejection while the command runs, no prototype pollution,
 *     and an answer within the time limit (a hang is a failure, reported with the input that caused it;
 *     so is an input that takes over 10 s).
 *
 * A failing input is saved under $TMPDIR/uchebnik-fuzz-failures/ and the failure names that file, so
 * it can be replayed by hand and turned into a regression test.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { newWorkspace, run, runProcess, tempDir, treeSnapshot, type RunResult } from '../../support/cli.js';
import { PRICELIST_FILES, REGISTRY_CSV } from '../../support/order-fixtures.js';
import type { EntryPoint } from './seeds.js';

// ---------------------------------------------------------------- configuration

/** The fixed seed of the bounded run (CI is reproducible); FUZZ_SEED overrides it. */
export const DEFAULT_SEED = 20_181_122;

function envInt(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name}=${v}: a whole number is expected`);
  return n;
}

export const FUZZ_SEED = envInt('FUZZ_SEED') ?? DEFAULT_SEED;
const FUZZ_RUNS = envInt('FUZZ_RUNS');
/** A long run (test/fuzz/run.mjs) rather than the bounded one inside `npm test`. */
export const LONG_RUN = FUZZ_RUNS !== undefined;

/** Inputs per property: the bounded default, or FUZZ_RUNS in a long run. */
export function runs(bounded: number): number {
  return FUZZ_RUNS ?? bounded;
}

/**
 * Inputs for the expensive properties (a child process each): the bounded default, or a share of
 * FUZZ_RUNS in a long run (one for every `per` inputs of the cheap properties, at least the default).
 */
export function fewRuns(bounded: number, per: number): number {
  return FUZZ_RUNS === undefined ? bounded : Math.max(bounded, Math.ceil(FUZZ_RUNS / per));
}

/** A vitest timeout for a property of `n` inputs at about `msEach` each, with room for a slow machine. */
export function timeoutFor(n: number, msEach: number): number {
  return 120_000 + n * msEach * 4;
}

/** A seed of its own for each property, derived from the run's seed and the property's name. */
export function propertySeed(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return (FUZZ_SEED ^ h) | 0;
}

/** How long one input may take through the CLI before it counts as a hang. */
const INPUT_TIMEOUT_MS = envInt('FUZZ_INPUT_TIMEOUT_MS') ?? 30_000;
/**
 * An input that takes longer than this is a failure even though it finished: every input is under
 * half a megabyte, and a fraction of a second is what they take (the slowest in the bounded run is
 * the 300 KB real Дрофа form, ≈0.5 s). A super-linear path is a hang waiting for a bigger file.
 */
const SLOW_MS = envInt('FUZZ_SLOW_MS') ?? 10_000;

export const FAILURES_DIR = path.join(os.tmpdir(), 'uchebnik-fuzz-failures');

// ---------------------------------------------------------------- statistics

const counts = new Map<string, number>();
/** exit codes seen per entry point and family: how deep the inputs got (0/1 read through, 3 refused) */
const exits = new Map<string, Map<number, number>>();
const failures: { entry: string; family: string; file: string; problem: string }[] = [];
let slowest = { ms: 0, what: '' };

function count(entry: string, family: string, code?: number): void {
  const key = `${entry}\t${family}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  if (code === undefined) return;
  const byCode = exits.get(key) ?? new Map<number, number>();
  byCode.set(code, (byCode.get(code) ?? 0) + 1);
  exits.set(key, byCode);
}

function exitSummary(key: string): string {
  const byCode = exits.get(key);
  if (!byCode) return '';
  return ` (${[...byCode.entries()].sort((a, b) => a[0] - b[0]).map(([c, n]) => `exit ${c}: ${n}`).join(', ')})`;
}

/** Counts inputs run outside the CLI (the library-level fuzzing). */
export function countLibrary(entry: string, family: string): void {
  count(entry, family);
}

/**
 * Prints the seed and what was fuzzed (vitest shows it with the file's output), and appends it to
 * FUZZ_REPORT for test/fuzz/run.mjs to add up.
 */
export function report(suite: string): void {
  progress({ done: true });
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const lines = [...counts.entries()].sort().map(([k, n]) => `  ${k.replace('\t', ' / ')}: ${n}${exitSummary(k)}`);
  console.log(
    `[fuzz] ${suite}: seed ${FUZZ_SEED}${LONG_RUN ? `, FUZZ_RUNS ${FUZZ_RUNS}` : ' (bounded run)'}, ${total} inputs fuzzed` +
      (slowest.what ? `, slowest ${slowest.ms} ms (${slowest.what})` : '') +
      `\n${lines.join('\n')}` +
      (failures.length
        ? `\n  FAILURES (${failures.length} failing inputs, shrinking included; the first ones):\n` +
          failures
            .slice(0, 5)
            .map((f) => `    ${f.entry} / ${f.family}: ${f.problem} — input saved as ${f.file}`)
            .join('\n')
        : ''),
  );
  const out = process.env.FUZZ_REPORT;
  if (out) {
    const entries = [...counts.entries()].map(([k, n]) => {
      const [entry, family] = k.split('\t');
      return { entry, family, n, exits: Object.fromEntries(exits.get(k) ?? []) };
    });
    fs.appendFileSync(out, JSON.stringify({ suite, seed: FUZZ_SEED, counts: entries, failures, slowest }) + '\n');
  }
}

/** Where the fuzzer is, for run.mjs's watchdog: a hang leaves the input it hung on named here. */
export function progress(what: object): void {
  const file = process.env.FUZZ_PROGRESS;
  if (file) fs.writeFileSync(`${file}.${process.pid}`, JSON.stringify({ at: Date.now(), ...what }));
}

// ---------------------------------------------------------------- uncaught errors

const uncaught: unknown[] = [];
process.on('uncaughtException', (err) => uncaught.push(err));
process.on('unhandledRejection', (err) => uncaught.push(err));

// ---------------------------------------------------------------- the workspace

/**
 * A workspace with the example region (registry of 19 schools, three price lists): built once per test
 * file, then reset to exactly that state whenever a command has changed it.
 */
export class Region {
  private constructor(
    private readonly base: string,
    readonly ws: string,
    private readonly baseTree: Record<string, string>,
    readonly inputs: string,
  ) {}

  static async create(): Promise<Region> {
    const base = await newWorkspace();
    const steps: string[][] = [['registry', 'import', REGISTRY_CSV], ...PRICELIST_FILES.map(([f, p]) => ['pricelist', 'load', f, '--publisher', p])];
    for (const s of steps) {
      const r = await run([...s, '-w', base]);
      if (r.code !== 0) throw new Error(`${s.join(' ')} → ${r.code}: ${r.stderr}`);
    }
    const ws = path.join(tempDir('uchebnik-fuzz-'), 'ws');
    fs.cpSync(base, ws, { recursive: true });
    return new Region(base, ws, treeSnapshot(base), tempDir('uchebnik-fuzz-in-'));
  }

  reset(): void {
    fs.rmSync(this.ws, { recursive: true, force: true });
    fs.cpSync(this.base, this.ws, { recursive: true });
  }

  /** A file for the next input, named as the CLI will see it (the name can matter: a school code). */
  input(name: string, bytes: Buffer): string {
    const file = path.join(this.inputs, name);
    fs.writeFileSync(file, bytes);
    return file;
  }

  /**
   * Runs `entry` on `bytes` in this process and checks the invariants. Throws (for fast-check to
   * report and shrink) when one does not hold.
   */
  async check(entry: EntryPoint, family: string, name: string, bytes: Buffer, json: boolean, via: { process?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
    const file = this.input(name, bytes);
    const args = [...entry.args(file), ...(json ? ['--json'] : []), '-w', this.ws];
    progress({ entry: entry.id, family, file, bytes: bytes.length });
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).length;
    uncaught.length = 0;
    const started = Date.now();
    let r: RunResult;
    try {
      // A child process is killed at the time limit (and then exits 70, which fails below).
      r = via.process ? await runProcess(args, { env: via.env, timeoutMs: INPUT_TIMEOUT_MS }) : await withTimeout(run(args), INPUT_TIMEOUT_MS);
    } catch (err) {
      // The command is still running: its workspace cannot be trusted any more.
      fail(entry, family, bytes, String((err as Error).message), '');
    }
    const ms = Date.now() - started;
    if (ms > slowest.ms) slowest = { ms, what: `${entry.id}, ${family}, ${bytes.length} bytes` };
    await new Promise((resolve) => setImmediate(resolve));
    count(entry.id, family, r.code);

    const problems: string[] = [];
    if (![0, 1, 3].includes(r.code)) problems.push(`exit code ${r.code}`);
    const both = `${r.stdout}\n${r.stderr}`;
    if (/^\s+at\s.+[(:]/m.test(both)) problems.push('a stack trace');
    if (/node:internal|\bError: |\b(?:Type|Range|Syntax|Reference|Eval|URI|Aggregate)Error\b|\bERR_[A-Z_]{3,}\b/.test(both)) problems.push('a raw JavaScript error');
    if (/внутренняя ошибка|internal error/i.test(both)) problems.push('an internal error');
    // a lone CR or a Unicode line separator breaks the line on a terminal as surely as LF does
    const errLines = r.stderr.split(/\r\n|\r|\n|\u2028|\u2029/).filter((l) => l.trim() !== '');
    let parsed: { ok?: unknown; findings?: { code?: string }[] } | undefined;
    if (json && (r.code === 0 || r.code === 1 || (r.code === 3 && entry.multi))) {
      try {
        parsed = JSON.parse(r.stdout) as typeof parsed;
      } catch {
        problems.push('--json output that is not one JSON document');
      }
    }
    if (r.code === 3) {
      // One message line; a refusal of a file that can be read another way adds the command line that
      // reads it (issue 16): a label ending in «:» and the command, indented.
      const [message, ...rest] = errLines;
      const commandBlock = rest.length === 0 || (rest.length <= 2 && rest.at(-1)!.startsWith('  uchebnik ') && rest.slice(0, -1).every((l) => /:\s*$/u.test(l)));
      if (!commandBlock) problems.push(`${errLines.length} lines on stderr on exit 3`);
      if (!entry.multi && !(message?.startsWith('uchebnik: ') && commandBlock)) problems.push('no one-line message on exit 3');
      if (!entry.multi && r.stdout !== '') problems.push('output on stdout on exit 3');
      if (entry.multi && parsed && !parsed.findings?.some((f) => f.code === 'file-unreadable')) problems.push('exit 3 without a file-unreadable finding');
    }
    if (parsed && entry.validates && r.code !== 3 && parsed.ok !== (r.code === 0)) problems.push(`"ok": ${String(parsed.ok)} with exit ${r.code}`);
    if (Object.getOwnPropertyNames(Object.prototype).length !== protoBefore || Object.keys(Object.prototype).length > 0) problems.push('Object.prototype polluted');
    if (uncaught.length) problems.push(`uncaught: ${uncaught.map((e) => String((e as Error)?.stack ?? e).split('\n')[0]).join('; ')}`);
    if (ms > SLOW_MS) problems.push(`slow: ${ms} ms for ${bytes.length} bytes`);

    const after = treeSnapshot(this.ws);
    const changed = !isDeepStrictEqual(after, this.baseTree);
    if (changed && r.code === 3) problems.push('the workspace changed on exit 3');
    if (changed && entry.validates) problems.push(`${entry.id} changed the workspace`);
    if (changed && !problems.length && (r.code === 0 || r.code === 1) && !via.process) {
      // docs/architecture.md#conventions: loading the same file twice changes nothing the second time
      const again = await withTimeout(run(args), INPUT_TIMEOUT_MS);
      const diff = changedPaths(after, treeSnapshot(this.ws));
      if (diff.length) problems.push(`not idempotent: the same file again (exit ${again.code}) changed ${diff.slice(0, 3).join(', ')}`);
      if (again.code !== r.code) problems.push(`the same file again exits ${again.code}, the first time ${r.code}: ${again.stderr.split('\n').find((l) => l.startsWith('uchebnik: ')) ?? again.stderr.split('\n')[0]}`);
      // what was written reads back: the state files pass their schemas and agree with each other
      const doctor = await withTimeout(run(['doctor', '-w', this.ws]), INPUT_TIMEOUT_MS);
      if (doctor.code !== 0) problems.push(`uchebnik doctor exits ${doctor.code} after the change: ${(doctor.stderr + doctor.stdout).split('\n').slice(0, 3).join(' | ')}`);
    }
    if (changed) this.reset();
    if (problems.length) fail(entry, family, bytes, problems.join(', '), `exit ${r.code}\n--- stderr ---\n${r.stderr.slice(0, 2000)}\n--- stdout ---\n${r.stdout.slice(0, 2000)}`);
    return r;
  }
}

function changedPaths(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms (a hang)`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Saves the input, records the failure and throws. */
export function fail(entry: EntryPoint | string, family: string, bytes: Buffer, problem: string, detail: string): never {
  const id = typeof entry === 'string' ? entry : entry.id;
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  let file = path.join(FAILURES_DIR, `${id.replace(/\s+/g, '-')}-${family}-${hash}.bin`);
  // the harness's own tests fail on purpose: nothing to keep
  if (id === 'self-test') file = '(not saved)';
  else {
    fs.mkdirSync(FAILURES_DIR, { recursive: true });
    fs.writeFileSync(file, bytes);
  }
  if (!failures.some((f) => f.file === file)) failures.push({ entry: id, family, file, problem });
  throw new Error(`${id} (${family}): ${problem}\ninput saved as ${file}\n${detail}`);
}

/**
 * fast-check with the property's own seed: fixed for the bounded run, printed with every failure
 * (seed and path replay the exact case). Shrinking is on: it finds the smallest input that fails.
 */
export async function property<T>(name: string, arb: fc.Arbitrary<T>, numRuns: number, check: (value: T) => Promise<void>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arb, check),
    { seed: propertySeed(name), numRuns, endOnFailure: false, verbose: 0, markInterruptAsFailure: true },
  );
}
