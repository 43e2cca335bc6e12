import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseTempName, tempPathFor, writeFileAtomic } from '../../../src/io/workspace/atomic.js';
import { useTempDirs } from '../../support/workspace-tmp.js';

const tempDir = useTempDirs();

afterEach(() => {
  vi.restoreAllMocks();
});

function errno(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code, syscall });
}

describe('writeFileAtomic', () => {
  it('writes new content, creating folders, and leaves no temporary file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'state', 'orders', 'заказ.json');
    await writeFileAtomic(file, '{"a":1}');
    await writeFileAtomic(file, Buffer.from('{"a":2}'));
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":2}');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['заказ.json']);
  });

  it('keeps the old content when it fails before the rename', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'registry.json');
    fs.writeFileSync(file, 'old');
    const rename = vi.spyOn(fsp, 'rename').mockRejectedValueOnce(errno('ENOSPC', 'rename'));
    await expect(writeFileAtomic(file, 'new')).rejects.toMatchObject({
      exitCode: 4,
      key: 'workspace.write-failed',
      params: { file, code: 'ENOSPC' },
    });
    expect(rename).toHaveBeenCalledOnce();
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['registry.json']);
  });

  it('keeps the old content when writing stops half-way', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'registry.json');
    fs.writeFileSync(file, 'old');
    const open = fsp.open;
    let partial = '';
    vi.spyOn(fsp, 'open').mockImplementationOnce(async (...args: Parameters<typeof fsp.open>) => {
      const handle = await open(...args);
      vi.spyOn(handle, 'writeFile').mockImplementationOnce(async () => {
        await handle.write('ne');
        partial = fs.readFileSync(String(args[0]), 'utf8');
        throw errno('EIO', 'write');
      });
      return handle;
    });
    await expect(writeFileAtomic(file, 'new')).rejects.toMatchObject({ key: 'workspace.write-failed', params: { code: 'EIO' } });
    expect(partial).toBe('ne');
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['registry.json']);
  });

  it('rethrows an error that is not a failed system call', async () => {
    const file = path.join(tempDir(), 'x.json');
    vi.spyOn(fsp, 'rename').mockRejectedValueOnce(new TypeError('a bug'));
    await expect(writeFileAtomic(file, 'x')).rejects.toThrow(TypeError);
  });
});

describe('temporary names', () => {
  it('are hidden, in the same folder, and carry the writer pid', () => {
    const temp = tempPathFor('/ws/state/registry.json');
    expect(path.dirname(temp)).toBe('/ws/state');
    expect(path.basename(temp)).toMatch(new RegExp(`^\\.registry\\.json\\.tmp-${process.pid}-[0-9a-f]{8}$`));
    expect(parseTempName(path.basename(temp))).toEqual({ target: 'registry.json', pid: process.pid });
    expect(parseTempName('registry.json')).toBeUndefined();
  });

  it('stay within 255 bytes for long names', () => {
    const temp = tempPathFor(path.join('/ws', 'я'.repeat(127) + '.json'));
    expect(Buffer.byteLength(path.basename(temp))).toBeLessThanOrEqual(255);
    expect(parseTempName(path.basename(temp))?.pid).toBe(process.pid);
  });
});
