/**
 * Runs the CLI in-process with captured streams (fast, for most command tests), or as a real
 * process through bin/uchebnik.js (for what only a process shows: exit, signals, stray stacks).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/main.js';

export const REPO = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const FIXTURES = path.join(REPO, 'fixtures');
export const REAL_DATA = path.resolve(REPO, '../shared/real-data');
export const BIN = path.join(REPO, 'bin', 'uchebnik.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** A run with the arguments it was given, as a golden file records it (test/support/golden.ts). */
export interface Ran extends RunResult {
  args: string[];
}

/** The CLI in this process. Environment defaults to a plain, colourless, Russian run. */
export async function run(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  const out = capture();
  const err = capture();
  const env = { NO_COLOR: '1', ...opts.env };
  const code = await main(['node', 'uchebnik', ...args], { stdout: out.stream, stderr: err.stream }, env, opts.cwd ?? process.cwd());
  return { args, code, stdout: out.text(), stderr: err.text() };
}

/** The CLI as a separate process (needs `npm run build`; `npm test` builds first). */
export function runProcess(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: opts.cwd ?? REPO, env: { ...process.env, NO_COLOR: '1', ...opts.env }, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 70) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export function tempDir(prefix = 'uchebnik-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Snapshot of every file under a directory (path → sha-less content size + mtime-free bytes) to prove «nothing written». */
export function treeSnapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** A fresh workspace for a test. */
export async function newWorkspace(extra: string[] = []): Promise<string> {
  const dir = path.join(tempDir(), 'ws');
  const r = await run(['init', dir, '--year', '2018', '--region', 'Тестовая область', '--tz', 'Europe/Samara', ...extra]);
  if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  return dir;
}

export function realDataPresent(): boolean {
  const present = fs.existsSync(REAL_DATA);
  if (!present) console.warn(`real-data tests NOT RUN: ${REAL_DATA} is absent (it is provided beside the repository in CI)`);
  return present;
}
