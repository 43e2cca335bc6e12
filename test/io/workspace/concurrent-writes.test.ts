/**
 * Writes in flight at once in one process (issue 10: `order submit` stores several files at a time):
 * temporary names never collide, atomic writes and stored inputs stay whole, and directory syncs
 * asked for at once are shared without leaving any caller's entry unsynced.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseTempName, tempPathFor, writeFileAtomic } from '../../../src/io/workspace/atomic.js';
import { readInput } from '../../../src/io/workspace/inputs.js';
import { fsyncDir } from '../../../src/io/workspace/io.js';
import { initWorkspace, type Workspace } from '../../../src/io/workspace/workspace.js';
import { useTempDirs } from '../../support/workspace-tmp.js';

const tempDir = useTempDirs();

afterEach(() => {
  vi.restoreAllMocks();
});

async function newWorkspace(): Promise<Workspace> {
  return initWorkspace(tempDir(), { year: 2019, region: 'Удмуртская Республика', timezone: 'Europe/Samara' });
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

describe('temporary names in one process', () => {
  it('never repeat, for one target or many, and still carry the pid', () => {
    const names = Array.from({ length: 10_000 }, () => tempPathFor('/ws/state/orders/0101.json'));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names.slice(0, 50)) expect(parseTempName(path.basename(name))).toEqual({ target: '0101.json', pid: process.pid });
  });
});

describe('two atomic writes in flight at once', () => {
  it('do not collide: each completes, the target holds one of them whole, no temporary file is left', async () => {
    const dir = path.join(tempDir(), 'state', 'orders');
    const target = path.join(dir, '0101.json');
    const contents = ['a'.repeat(200_000), 'b'.repeat(200_000)];
    // Started together: the second temporary file is opened before the first is renamed.
    const open = vi.spyOn(fsp, 'open');
    await Promise.all(contents.map((c) => writeFileAtomic(target, c)));
    const temps = open.mock.calls.map((call) => String(call[0])).filter((p) => parseTempName(path.basename(p)));
    expect(new Set(temps).size).toBe(2);
    expect(contents).toContain(fs.readFileSync(target, 'utf8'));
    expect(fs.readdirSync(dir)).toEqual(['0101.json']);
  });

  it('many at once, to one file and to its neighbours, in a folder that does not exist yet', async () => {
    const dir = path.join(tempDir(), 'state', 'orders');
    const writes = Array.from({ length: 40 }, (_, i) => ({ file: path.join(dir, `${i % 8}.json`), text: `${i}:`.padEnd(10_000, String(i % 10)) }));
    await Promise.all(writes.map((w) => writeFileAtomic(w.file, w.text)));
    expect(fs.readdirSync(dir).sort()).toEqual(['0.json', '1.json', '2.json', '3.json', '4.json', '5.json', '6.json', '7.json']);
    for (let k = 0; k < 8; k++) {
      const text = fs.readFileSync(path.join(dir, `${k}.json`), 'utf8');
      expect(writes.filter((w) => w.file.endsWith(`/${k}.json`)).map((w) => w.text)).toContain(text);
    }
  });
});

describe('storeInput called several times at once', () => {
  it('stores different files side by side and the same content once', async () => {
    const ws = await newWorkspace();
    const src = tempDir();
    const files = Array.from({ length: 12 }, (_, i) => {
      const file = path.join(src, `${String(i).padStart(4, '0')}.xlsx`);
      // files 0-5 differ; 6-11 repeat the content of 0-5 under other names
      fs.writeFileSync(file, `PK workbook ${i % 6} `.repeat(5_000));
      return file;
    });
    const stored = await ws.withLock('test', () =>
      Promise.all(files.map(async (f, i) => (i % 2 ? ws.storeInput(f, path.basename(f), await readInput(f)) : ws.storeInput(f, path.basename(f))))),
    );
    for (const [i, s] of stored.entries()) {
      const content = fs.readFileSync(files[i]!);
      expect(s.sha256).toBe(sha256(content));
      expect(s.stored).toBe(`inputs/${s.sha256}.xlsx`);
      expect(fs.readFileSync(path.join(ws.root, s.stored)).equals(content)).toBe(true);
    }
    // Of each pair of equal files exactly one stored it; the other found it stored.
    for (let k = 0; k < 6; k++) expect([stored[k]!.existed, stored[k + 6]!.existed].sort()).toEqual([false, true]);
    const names = fs.readdirSync(path.join(ws.root, 'inputs')).sort();
    expect(names).toHaveLength(12);
    expect(names.every((n) => /^[0-9a-f]{64}\.(xlsx|meta\.json)$/.test(n))).toBe(true);
  });
});

describe('fsyncDir asked for at once', () => {
  it('shares the syncs of one folder, and a call made while one runs gets a later one', async () => {
    const dir = tempDir();
    const open = vi.spyOn(fsp, 'open');
    const dirOpens = () => open.mock.calls.filter((c) => c[0] === dir).length;

    await Promise.all(Array.from({ length: 20 }, () => fsyncDir(dir)));
    // all twenty asked before the sync began, so one sync covers them all
    expect(dirOpens()).toBe(1);

    open.mockClear();
    const first = fsyncDir(dir);
    await new Promise((resolve) => setImmediate(resolve));
    // the first is under way now: this entry may be after it began, so it must get a sync of its own
    fs.writeFileSync(path.join(dir, 'late'), 'x');
    const late = fsyncDir(dir);
    expect(late).not.toBe(first);
    await Promise.all([first, late]);
    expect(dirOpens()).toBe(2);
  });

  it('tells every caller of a shared sync that it failed', async () => {
    const dir = tempDir();
    const open = fsp.open;
    vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      if (args[0] === dir) throw Object.assign(new Error('EIO: simulated'), { code: 'EIO', syscall: 'open' });
      return open(...args);
    });
    const calls = Array.from({ length: 5 }, () => fsyncDir(dir));
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    vi.restoreAllMocks();
    // and the next call syncs again
    await expect(fsyncDir(dir)).resolves.toBeUndefined();
  });
});
