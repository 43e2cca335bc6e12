/**
 * makeDirs / makeDirsSync (src/io/workspace/io.ts): `mkdir -p` that always ends. Node's own recursive
 * mkdir spins forever under /proc, where a missing folder's mkdir answers ENOENT though its parent
 * exists — `status --html /proc/x/a.html` hung at full CPU until it was killed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkspaceError } from '../../../src/core/errors.js';
import { makeDirs, makeDirsSync } from '../../../src/io/workspace/io.js';
import { FIXTURES, newWorkspace, run, tempDir } from '../../support/cli.js';

const procfs = fs.existsSync('/proc/self/status');

describe('makeDirs', () => {
  it('makes every missing folder of a path, and is content when they exist', async () => {
    const base = tempDir();
    await makeDirs(path.join(base, 'a', 'b', 'c'));
    makeDirsSync(path.join(base, 'a', 'x', 'y'));
    await makeDirs(path.join(base, 'a', 'b', 'c'));
    expect(fs.statSync(path.join(base, 'a', 'b', 'c')).isDirectory()).toBe(true);
    expect(fs.statSync(path.join(base, 'a', 'x', 'y')).isDirectory()).toBe(true);
  });

  it('a dangling symlink or a file on the way: workspace.write-failed naming the folder, at once', async () => {
    const base = tempDir();
    fs.symlinkSync(path.join(base, 'gone'), path.join(base, 'link'));
    fs.writeFileSync(path.join(base, 'file'), '');
    for (const dir of [path.join(base, 'link', 'out'), path.join(base, 'file', 'out')]) {
      await expect(makeDirs(dir)).rejects.toBeInstanceOf(WorkspaceError);
      expect(() => makeDirsSync(dir)).toThrow(WorkspaceError);
    }
  });

  it.runIf(procfs)('under /proc: refused at once, never a spin (async, sync, and a command writing there: exit 4)', async () => {
    const started = Date.now();
    await expect(makeDirs('/proc/uchebnik-no-such/x')).rejects.toMatchObject({ key: 'workspace.write-failed', params: { file: '/proc/uchebnik-no-such', code: 'ENOENT' } });
    expect(() => makeDirsSync('/proc/uchebnik-no-such/x')).toThrow(WorkspaceError);
    const ws = await newWorkspace();
    expect((await run(['registry', 'import', path.join(FIXTURES, 'region', 'registry.csv'), '-w', ws])).code).toBe(0);
    const r = await run(['vacancies', 'template', '--out', '/proc/uchebnik-no-such/v.xlsx', '-w', ws]);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain('/proc/uchebnik-no-such');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
