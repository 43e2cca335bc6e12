/**
 * Helpers of the reliability tests (issue #11): the example region as the demo builds it, commands
 * run as real processes and killed, and a snapshot of everything a killed command may have changed —
 * read through the stores, as uchebnik itself reads it, with the checks that make a state «complete».
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { orderTotals, type OrderRecord } from '../../src/core/model/order-lifecycle.js';
import { openWorkspace, readJournal } from '../../src/io/workspace/index.js';
import { loadConsolidation } from '../../src/features/consolidate/store.js';
import { loadOrders } from '../../src/features/order/store.js';
import { loadSpecifications } from '../../src/features/specifications/store.js';
import { BIN, run } from '../support/cli.js';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** from spawn to exit */
  ms: number;
  /** from spawn to when the workspace lock was first seen, when watched */
  lockMs?: number;
  stderr: string;
  /** stderr's lines with when each arrived (ms from spawn) */
  lines: { ms: number; text: string }[];
}

export interface KillPlan {
  /** SIGKILL this long after the start */
  afterMs?: number;
  /** the workspace whose `.lock` is watched (polled every millisecond or so) */
  ws?: string;
  /** SIGKILL this long after the lock appears */
  afterLockMs?: number;
}

/**
 * `uchebnik …args` as a process (the build in dist/), killed with SIGKILL as `plan` says unless it
 * ends first; with an empty plan it runs to its end (and with `ws`, tells when it took the lock).
 */
export function runUntil(args: string[], plan: KillPlan = {}, env: NodeJS.ProcessEnv = {}): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
    let stderr = '';
    let lockMs: number | undefined;
    const lines: { ms: number; text: string }[] = [];
    child.stderr.on('data', (d: Buffer) => {
      const at = performance.now() - started;
      const text = d.toString();
      const pending = stderr.slice(stderr.lastIndexOf('\n') + 1);
      stderr += text;
      const parts = (pending + text).split('\n');
      parts.pop();
      for (const line of parts) lines.push({ ms: at, text: line });
    });
    const kill = () => child.kill('SIGKILL');
    const timers: NodeJS.Timeout[] = [];
    if (plan.afterMs !== undefined) timers.push(setTimeout(kill, plan.afterMs));
    let watching = plan.ws !== undefined;
    const lockFile = plan.ws === undefined ? '' : path.join(plan.ws, '.lock');
    const watch = () => {
      if (!watching) return;
      if (fs.existsSync(lockFile)) {
        watching = false;
        lockMs = performance.now() - started;
        if (plan.afterLockMs !== undefined) timers.push(setTimeout(kill, plan.afterLockMs));
        return;
      }
      setTimeout(watch, 1);
    };
    watch();
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      watching = false;
      for (const t of timers) clearTimeout(t);
      resolve({ code, signal, ms: performance.now() - started, ...(lockMs === undefined ? {} : { lockMs }), stderr, lines });
    });
  });
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * A copy of an order file with other bytes and the same content, so that submitting it makes a new
 * version: an xlsx gets a zip comment (the end-of-central-directory record's comment length is
 * set), a CSV one more empty line.
 */
export function resentCopy(src: string, dest: string): string {
  const data = fs.readFileSync(src);
  if (src.endsWith('.csv')) {
    fs.writeFileSync(dest, Buffer.concat([data, Buffer.from('\r\n')]));
    return dest;
  }
  const eocd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 !== data.length) throw new Error(`${src}: no end-of-central-directory record without a comment at its end`);
  const comment = Buffer.from('resent');
  const copy = Buffer.concat([data, comment]);
  copy.writeUInt16LE(comment.length, eocd + 20);
  fs.writeFileSync(dest, copy);
  return dest;
}

// ---------------------------------------------------------------------------------------------------
// What a state looks like, and whether it is complete.

export interface PackageView {
  /** manifest rows without their sha256 (the workbooks carry their making time), `;`-joined */
  rows: string[];
  /** the manifest as it is on disk, to tell the previous package from a new one */
  manifest: string;
}

export interface Snapshot {
  /** school → the order record without its timestamps */
  orders: Map<string, string>;
  /** state/consolidations/region.json without run times and workbook hashes, or undefined */
  region: string | undefined;
  /** state/specifications.json without its time and paths, or undefined */
  specifications: string | undefined;
  /** commands of the journal's entries, in order */
  journal: string[];
  /** `school@version` of every stored order version */
  versions: Set<string>;
  /** `school@version` of every version the journal says was stored (`order submit`'s `storing` lines) */
  journaled: Set<string>;
  /** the package in `out`, when one was asked for and is there */
  pkg: PackageView | undefined;
  /** every way the state is not complete (empty when it is) */
  incomplete: string[];
}

function withoutTimes(record: OrderRecord): string {
  return JSON.stringify({
    ...record,
    versions: record.versions.map(({ submitted_at: _s, agreed_at: _a, formed_at: _f, ...v }) => v),
  });
}

/** Every version of every order parses (the stores' schema), its input is stored whole, and its totals add up. */
function orderProblems(root: string, record: OrderRecord): string[] {
  const problems: string[] = [];
  for (const v of record.versions) {
    const at = `${record.school} v${v.version}`;
    const stored = path.join(root, v.source.stored);
    if (!fs.existsSync(stored)) problems.push(`${at}: stored input ${v.source.stored} missing`);
    else if (sha256(stored) !== v.source.sha256) problems.push(`${at}: stored input ${v.source.stored} is not the file submitted`);
    if (JSON.stringify(orderTotals(v.lines)) !== JSON.stringify(v.totals)) problems.push(`${at}: totals ${JSON.stringify(v.totals)} do not add up`);
    if (v.lines.length === 0) problems.push(`${at}: no lines`);
  }
  record.versions.forEach((v, i) => {
    if (v.version !== i + 1) problems.push(`${record.school}: version ${v.version} at position ${i + 1}`);
  });
  return problems;
}

export const MANIFEST_HEADER = 'municipality;school;publisher;file;lines;copies;sum_kopecks;vat_kopecks;sha256';

/** The package in `out`: every file the manifest lists is there with its sha256. */
function readPackage(out: string, incomplete: string[]): PackageView | undefined {
  const file = path.join(out, 'manifest.csv');
  if (!fs.existsSync(file)) {
    incomplete.push(`${out}: no package (manifest.csv missing)`);
    return undefined;
  }
  const manifest = fs.readFileSync(file, 'utf8');
  const [head, ...lines] = manifest.replace(/^\uFEFF/u, '').split('\r\n');
  if (head !== MANIFEST_HEADER) incomplete.push(`${file}: header ${head}`);
  if (lines.pop() !== '') incomplete.push(`${file}: does not end with a line end`);
  const rows: string[] = [];
  for (const line of lines) {
    const cells = line.split(';');
    const [rel, hash] = [cells[3] ?? '', cells[8] ?? ''];
    const wb = path.join(out, rel);
    if (!fs.existsSync(wb)) incomplete.push(`${file}: lists ${rel}, which is missing`);
    else if (sha256(wb) !== hash) incomplete.push(`${file}: ${rel} does not have the sha256 listed`);
    rows.push(cells.slice(0, 8).join(';'));
  }
  if (!fs.existsSync(path.join(out, 'summary.csv'))) incomplete.push(`${out}: summary.csv missing`);
  return { rows, manifest };
}

/** The state of the workspace `ws` (and of the package in `out`), read as uchebnik reads it. */
export async function snapshot(ws: string, out?: string): Promise<Snapshot> {
  const incomplete: string[] = [];
  const w = await openWorkspace(ws);
  const orders = new Map<string, string>();
  const versions = new Set<string>();
  for (const record of loadOrders(w)) {
    orders.set(record.school, withoutTimes(record));
    for (const v of record.versions) versions.add(`${record.school}@${v.version}`);
    incomplete.push(...orderProblems(w.root, record));
  }
  const stored = loadConsolidation(w, undefined);
  // A run's time and the sha256 of the workbooks it wrote differ from run to run (the workbooks say when
  // they were made): a killed trial that still recorded its run is the state after, whatever its second.
  // That the files on disk are the run's is doctor's check (workspace-output-stale), made above.
  const region = stored && JSON.stringify({ ...stored, runs: stored.runs.map(({ at: _at, sha256: _sha256, ...r }) => r) });
  const spec = loadSpecifications(w);
  const specifications = spec && JSON.stringify({ ...spec, exported_at: undefined, out: undefined, manifest: undefined });
  const { entries, damaged } = await readJournal(w.root);
  for (const d of damaged) incomplete.push(`journal.jsonl line ${d.line}${d.torn ? ' (torn)' : ''}: ${d.reason}`);
  return {
    orders,
    region,
    specifications,
    journal: entries.map((e) => e.command),
    versions,
    journaled: new Set(entries.flatMap((e) => (e['storing'] ? [`${(e['storing'] as { school: string }).school}@${(e['storing'] as { version: number }).version}`] : []))),
    pkg: out === undefined ? undefined : readPackage(out, incomplete),
    incomplete,
  };
}

export interface Totals {
  copies: number;
  sum_kopecks: number;
}

/** `consolidate region --json` in this process: the regional totals (it takes over a stale lock on the way). */
export async function regionTotals(ws: string): Promise<{ totals: Totals; stderr: string }> {
  const r = await run(['consolidate', 'region', '--json', '-w', ws]);
  if (r.code !== 0) throw new Error(`consolidate region → ${r.code}: ${r.stderr}`);
  const doc = JSON.parse(r.stdout) as { total: Totals };
  return { totals: { copies: doc.total.copies, sum_kopecks: doc.total.sum_kopecks }, stderr: r.stderr };
}

export function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
}
