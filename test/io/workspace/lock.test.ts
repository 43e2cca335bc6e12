import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdsLock, withLock, type Notice } from '../../../src/io/workspace/lock.js';
import { useTempDirs } from '../../support/workspace-tmp.js';

const tempDir = useTempDirs();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function plantLock(root: string, holder: Partial<Record<'pid' | 'host' | 'user' | 'command' | 'started' | 'token', unknown>> = {}): string {
  const file = path.join(root, '.lock');
  const record = { pid: process.ppid, host: os.hostname(), user: 'ivanova', command: 'order form', started: '2019-02-01T09:30:00.000+04:00', token: 'theirs', ...holder };
  fs.writeFileSync(file, JSON.stringify(record));
  return file;
}

/** The pid of a process that has certainly ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function collect(): { notices: Notice[]; onNotice: (n: Notice) => void } {
  const notices: Notice[] = [];
  return { notices, onNotice: (n) => notices.push(n) };
}

describe('withLock', () => {
  it('holds a lock file naming the holder while fn runs, and removes it after', async () => {
    const root = tempDir();
    const signalListeners = process.listenerCount('SIGTERM');
    const seen = await withLock(root, 'order form', async () => {
      expect(holdsLock(root)).toBe(true);
      expect(process.listenerCount('SIGTERM')).toBe(signalListeners + 1);
      return JSON.parse(fs.readFileSync(path.join(root, '.lock'), 'utf8'));
    });
    expect(seen).toMatchObject({ pid: process.pid, host: os.hostname(), command: 'order form' });
    expect(seen.started).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}([+-]\d\d:\d\d|Z)$/);
    expect(fs.existsSync(path.join(root, '.lock'))).toBe(false);
    expect(holdsLock(root)).toBe(false);
    expect(process.listenerCount('SIGTERM')).toBe(signalListeners);
  });

  it('releases the lock when fn fails', async () => {
    const root = tempDir();
    await expect(withLock(root, 'x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(fs.existsSync(path.join(root, '.lock'))).toBe(false);
    await expect(withLock(root, 'y', async () => 'again', { waitMs: 0 })).resolves.toBe('again');
  });

  it('is re-entrant along one chain of calls', async () => {
    const root = tempDir();
    const result = await withLock(root, 'outer', async () => {
      const inner = await withLock(root, 'inner', async () => 'inner done', { waitMs: 0 });
      expect(fs.existsSync(path.join(root, '.lock'))).toBe(true);
      return inner;
    });
    expect(result).toBe('inner done');
    expect(fs.existsSync(path.join(root, '.lock'))).toBe(false);
  });

  it('makes a second caller wait for the first', async () => {
    const root = tempDir();
    const order: string[] = [];
    const { notices, onNotice } = collect();
    const first = withLock(root, 'pricelist load', async () => {
      order.push('first start');
      await sleep(300);
      order.push('first end');
    });
    await sleep(50);
    const second = withLock(
      root,
      'order form',
      async () => {
        expect(holdsLock(root)).toBe(true);
        order.push('second');
      },
      { onNotice },
    );
    expect(holdsLock(root)).toBe(false);
    await Promise.all([first, second]);
    expect(order).toEqual(['first start', 'first end', 'second']);
    expect(notices).toEqual([{ key: 'workspace.lock-waiting', params: expect.objectContaining({ pid: process.pid, command: 'pricelist load' }) }]);
  });

  it('gives up after waitMs with workspace.locked naming the holder', async () => {
    const root = tempDir();
    const lockFile = plantLock(root);
    const before = fs.readFileSync(lockFile, 'utf8');
    const started = Date.now();
    const err = await withLock(root, 'order form', async () => 'never', { waitMs: 300 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(err).toMatchObject({
      exitCode: 4,
      key: 'workspace.locked',
      params: { pid: process.ppid, user: 'ivanova', command: 'order form', since: '2019-02-01T09:30:00.000+04:00', host: os.hostname(), lock: lockFile },
    });
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(before);
  });

  it('tells the holder\'s start in the campaign\'s zone, not the machine\'s', async () => {
    const root = tempDir();
    plantLock(root);
    const err = await withLock(root, 'order form', async () => 'never', { waitMs: 0, timezone: 'Asia/Yekaterinburg' }).catch((e: unknown) => e);
    // 09:30 at +04:00 is 10:30 in Yekaterinburg (+05:00): the same instant
    expect(err).toMatchObject({ key: 'workspace.locked', params: { since: '2019-02-01T10:30:00.000+05:00' } });
  });

  it('does not judge a holder on another machine', async () => {
    const root = tempDir();
    plantLock(root, { pid: deadPid(), host: 'other-pc' });
    await expect(withLock(root, 'x', async () => 'never', { waitMs: 100 })).rejects.toMatchObject({
      key: 'workspace.locked',
      params: { host: 'other-pc' },
    });
  });

  it('takes over the lock of a process that has ended, and says so', async () => {
    const root = tempDir();
    const pid = deadPid();
    plantLock(root, { pid });
    const { notices, onNotice } = collect();
    await expect(withLock(root, 'order agree', async () => 'done', { waitMs: 0, onNotice })).resolves.toBe('done');
    expect(notices).toEqual([
      { key: 'workspace.lock-stale-taken-over', params: expect.objectContaining({ pid, user: 'ivanova', command: 'order form' }) },
    ]);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('takes over a lock left by an earlier run that had our pid', async () => {
    const root = tempDir();
    plantLock(root, { pid: process.pid, token: 'an earlier run' });
    const { notices, onNotice } = collect();
    await expect(withLock(root, 'x', async () => 'done', { waitMs: 0, onNotice })).resolves.toBe('done');
    expect(notices.map((n) => n.key)).toEqual(['workspace.lock-stale-taken-over']);
  });

  it('waits on an unparseable lock file, but takes it over once it is old', async () => {
    const root = tempDir();
    const lockFile = path.join(root, '.lock');
    fs.writeFileSync(lockFile, '');
    await expect(withLock(root, 'x', async () => 'never', { waitMs: 100 })).rejects.toMatchObject({
      key: 'workspace.locked',
      params: { pid: '?', command: '?' },
    });
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    fs.utimesSync(lockFile, twoMinutesAgo, twoMinutesAgo);
    const { notices, onNotice } = collect();
    await expect(withLock(root, 'x', async () => 'done', { waitMs: 0, onNotice })).resolves.toBe('done');
    expect(notices.map((n) => n.key)).toEqual(['workspace.lock-stale-taken-over']);
  });

  it('leaves alone a lock that another process took over from it', async () => {
    const root = tempDir();
    const lockFile = path.join(root, '.lock');
    await withLock(root, 'x', async () => {
      plantLock(root, { token: 'the new holder' });
    });
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).token).toBe('the new holder');
  });

  it('refuses a root that does not exist', async () => {
    await expect(withLock(path.join(tempDir(), 'missing'), 'x', async () => 1)).rejects.toMatchObject({
      key: 'workspace.not-a-workspace',
    });
  });
});
