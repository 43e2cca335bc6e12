/**
 * Other processes against the workspace: a real lock holder, killed politely and not, and a writer
 * killed at random moments in the middle of replacing a 5 MB state file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/io/workspace/atomic.js';
import { checkWorkspace } from '../../../src/io/workspace/doctor.js';
import { withLock, type Notice } from '../../../src/io/workspace/lock.js';
import { initWorkspace, type Workspace } from '../../../src/io/workspace/workspace.js';
import { compileForChild } from '../../support/workspace-compile.js';
import { useTempDirs } from '../../support/workspace-tmp.js';

const tempDir = useTempDirs();
const childScript = fileURLToPath(new URL('../../support/workspace-child.mjs', import.meta.url));
let compiled = '';

beforeAll(() => {
  compiled = compileForChild(['io/workspace/lock.ts', 'io/workspace/atomic.ts']);
});
afterAll(() => {
  if (compiled) fs.rmSync(compiled, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  /** resolves with the child's first line of output */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(...args: string[]): Running {
  const child = spawn(process.execPath, [childScript, compiled, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '');
    });
    void exited.then(({ code, signal }) => reject(new Error(`child ended (${code ?? signal}) before it was ready: ${stderr}`)));
  });
  return { child, ready, exited };
}

async function workspace(): Promise<Workspace> {
  return initWorkspace(tempDir(), { year: 2019, region: 'Удмуртская Республика', timezone: 'Europe/Samara' });
}

describe('across processes', () => {
  it('a second process is refused while the first holds the lock, and SIGTERM releases it', async () => {
    const ws = await workspace();
    const holder = startChild('hold-lock', ws.root, 'order form');
    expect(await holder.ready).toBe('locked');

    await expect(withLock(ws.root, 'order agree', async () => 'never', { waitMs: 300 })).rejects.toMatchObject({
      exitCode: 4,
      key: 'workspace.locked',
      params: { pid: holder.child.pid, command: 'order form' },
    });

    holder.child.kill('SIGTERM');
    expect(await holder.exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(fs.existsSync(path.join(ws.root, '.lock'))).toBe(false);
    const notices: Notice[] = [];
    await expect(withLock(ws.root, 'order agree', async () => 'mine', { waitMs: 0, onNotice: (n) => notices.push(n) })).resolves.toBe('mine');
    expect(notices).toEqual([]);
  });

  it('SIGKILL leaves a stale lock that doctor reports and the next command takes over', async () => {
    const ws = await workspace();
    const holder = startChild('hold-lock', ws.root, 'consolidate region');
    await holder.ready;
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(fs.existsSync(path.join(ws.root, '.lock'))).toBe(true);

    const report = await checkWorkspace(ws.root);
    expect(report.problems).toEqual([
      expect.objectContaining({ code: 'workspace-lock-stale', severity: 'warning', params: expect.objectContaining({ pid: holder.child.pid }) }),
    ]);

    const notices: Notice[] = [];
    await expect(withLock(ws.root, 'doctor', async () => 'mine', { waitMs: 0, onNotice: (n) => notices.push(n) })).resolves.toBe('mine');
    expect(notices).toEqual([
      { key: 'workspace.lock-stale-taken-over', params: expect.objectContaining({ pid: holder.child.pid, command: 'consolidate region' }) },
    ]);
  });

  it('a writer killed at random moments leaves the old or the new file, never a mixture', async () => {
    const ws = await workspace();
    const target = path.join(ws.root, 'state', 'big.json');
    const size = 5 * 1024 * 1024;
    const version = (v: string) => Buffer.from(JSON.stringify({ schema: 1, version: v, pad: v.toLowerCase().repeat(size) }));
    const contents = [version('A'), version('B')];
    const sources = contents.map((c, i) => {
      const file = path.join(tempDir(), `v${i}.json`);
      fs.writeFileSync(file, c);
      return file;
    });
    await writeFileAtomic(target, contents[0] ?? '');

    let leftovers = 0;
    for (let trial = 0; trial < 10; trial++) {
      const writer = startChild('write-loop', target, sources[0] ?? '', sources[1] ?? '');
      await writer.ready;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 250));
      writer.child.kill('SIGKILL');
      expect((await writer.exited).signal).toBe('SIGKILL');

      const now = fs.readFileSync(target);
      expect(contents.some((c) => c.equals(now)), `trial ${trial}: ${now.length} bytes`).toBe(true);
      const report = await checkWorkspace(ws.root);
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(report.problems.every((p) => p.code === 'workspace-temp-leftover')).toBe(true);
      // Each report lists every leftover so far, one per kill that landed before a rename.
      leftovers = report.problems.length;
    }

    const fixed = await checkWorkspace(ws.root, { fix: true });
    expect(fixed.problems).toHaveLength(leftovers);
    expect((await checkWorkspace(ws.root)).problems).toEqual([]);
  });
});
