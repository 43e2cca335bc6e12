import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UsageError, WorkspaceError } from '../../../src/core/errors.js';
import { hasMessage } from '../../../src/core/i18n/index.js';
import { readJournal } from '../../../src/io/workspace/journal.js';
import { locateWorkspace } from '../../../src/io/workspace/locate.js';
import { SCHEMA_VERSION } from '../../../src/io/workspace/schema.js';
import { Workspace, initWorkspace, openWorkspace } from '../../../src/io/workspace/workspace.js';
import { useTempDirs } from '../../support/workspace-tmp.js';

const tempDir = useTempDirs();
const CAMPAIGN = { year: 2019, region: 'Удмуртская Республика', timezone: 'Europe/Samara' };

async function newWorkspace(): Promise<Workspace> {
  return initWorkspace(tempDir(), CAMPAIGN);
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

const registrySchema = z.object({ schools: z.array(z.string()) });

describe('initWorkspace', () => {
  it('writes the marker, folders and an init journal entry', async () => {
    const dir = path.join(tempDir(), 'campaign-2019');
    const ws = await initWorkspace(dir, { ...CAMPAIGN, settings: { reserve_percent: 5 } });
    expect(ws.root).toBe(dir);
    for (const sub of ['state', 'inputs', 'out']) expect(fs.statSync(path.join(dir, sub)).isDirectory()).toBe(true);
    expect(fs.existsSync(path.join(dir, '.lock'))).toBe(false);

    const marker = JSON.parse(fs.readFileSync(path.join(dir, 'uchebnik.json'), 'utf8'));
    expect(marker).toMatchObject({
      schema: SCHEMA_VERSION,
      kind: 'uchebnik-workspace',
      campaign: { year: 2019, region: 'Удмуртская Республика', timezone: 'Europe/Samara' },
      settings: { reserve_percent: 5, max_class_size: 25 },
    });
    expect(marker.campaign.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(marker.campaign.created_at).toMatch(/\+04:00$/);
    expect(ws.config).toEqual({ kind: marker.kind, campaign: marker.campaign, settings: marker.settings });

    const { entries, damaged } = await readJournal(dir);
    expect(damaged).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ command: 'init', changed: ['uchebnik.json'] });
    expect(entries[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+04:00$/);
    expect(entries[0]?.user).not.toBe('');
  });

  it('refuses a directory that already is a workspace', async () => {
    const ws = await newWorkspace();
    await expect(initWorkspace(ws.root, CAMPAIGN)).rejects.toMatchObject({ key: 'workspace.exists', exitCode: 4 });
  });

  it('accepts a directory with other files, but not the remains of a workspace', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'школа-0412.xlsx'), 'x');
    await expect(initWorkspace(dir, CAMPAIGN)).resolves.toBeInstanceOf(Workspace);

    const orphan = tempDir();
    writeJson(path.join(orphan, 'state', 'registry.json'), { schema: 1, schools: [] });
    await expect(initWorkspace(orphan, CAMPAIGN)).rejects.toMatchObject({
      key: 'workspace.init-not-clean',
      params: { entry: 'state' },
    });
  });

  it('refuses bad campaign options as usage errors', async () => {
    const dir = tempDir();
    const cases: [Partial<typeof CAMPAIGN> & { settings?: object }, string][] = [
      [{ timezone: 'Europe/Izhevsk' }, 'workspace.bad-timezone'],
      [{ year: 19 }, 'workspace.bad-year'],
      [{ region: '  ' }, 'workspace.bad-region'],
      [{ settings: { reserve_percent: 150 } }, 'workspace.bad-settings'],
    ];
    for (const [change, key] of cases) {
      const err = await initWorkspace(dir, { ...CAMPAIGN, ...change }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect(err).toMatchObject({ key, exitCode: 2 });
    }
    expect(fs.existsSync(path.join(dir, 'uchebnik.json'))).toBe(false);
  });

  it('refuses a path that is a file', async () => {
    const file = path.join(tempDir(), 'file');
    fs.writeFileSync(file, '');
    await expect(initWorkspace(file, CAMPAIGN)).rejects.toMatchObject({ key: 'workspace.not-a-directory' });
  });
});

describe('openWorkspace', () => {
  it('reads the config and keeps settings it does not know', async () => {
    const ws = await newWorkspace();
    const markerFile = path.join(ws.root, 'uchebnik.json');
    const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8'));
    delete marker.settings.max_class_size;
    marker.settings.vacancy_rounding = 'up';
    fs.writeFileSync(markerFile, JSON.stringify(marker));
    const opened = await openWorkspace(ws.root);
    expect(opened.config.settings).toEqual({ reserve_percent: 10, max_class_size: 25, vacancy_rounding: 'up' });
    expect(opened.config.campaign).toEqual(ws.config.campaign);
  });

  it('refuses a directory without a marker', async () => {
    await expect(openWorkspace(tempDir())).rejects.toMatchObject({ key: 'workspace.not-a-workspace', exitCode: 4 });
    await expect(openWorkspace(path.join(tempDir(), 'missing'))).rejects.toMatchObject({ key: 'workspace.not-a-workspace' });
  });

  it('refuses a marker of a newer schema, naming the file and both versions', async () => {
    const ws = await newWorkspace();
    const markerFile = path.join(ws.root, 'uchebnik.json');
    writeJson(markerFile, { schema: SCHEMA_VERSION + 1, kind: 'something new' });
    const err = await openWorkspace(ws.root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkspaceError);
    expect(err).toMatchObject({
      exitCode: 4,
      key: 'workspace.newer-schema',
      params: { file: markerFile, found: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION },
    });
  });

  it('reports a damaged marker', async () => {
    const ws = await newWorkspace();
    const markerFile = path.join(ws.root, 'uchebnik.json');
    fs.writeFileSync(markerFile, '{"schema": 1, "kind": "uchebnik-workspace", "campa');
    await expect(openWorkspace(ws.root)).rejects.toMatchObject({ key: 'workspace.damaged', params: { file: markerFile } });
    writeJson(markerFile, { schema: 1, kind: 'uchebnik-workspace', campaign: { ...ws.config.campaign, timezone: 'Mars/Olympus' } });
    await expect(openWorkspace(ws.root)).rejects.toMatchObject({
      key: 'workspace.damaged',
      params: { reason: expect.stringContaining('campaign.timezone') },
    });
  });
});

describe('locateWorkspace', () => {
  it('takes --workspace first, then UCHEBNIK_WORKSPACE', async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    const cwd = tempDir();
    expect(locateWorkspace({ flag: a.root, env: b.root, cwd })).toBe(a.root);
    expect(locateWorkspace({ env: b.root, cwd })).toBe(b.root);
    expect(locateWorkspace({ flag: path.relative(cwd, a.root), cwd })).toBe(a.root);
  });

  it('walks up from a nested directory', async () => {
    const ws = await newWorkspace();
    const nested = path.join(ws.root, 'out', 'municipal', '124');
    fs.mkdirSync(nested, { recursive: true });
    expect(locateWorkspace({ cwd: nested })).toBe(ws.root);
    expect(locateWorkspace({ env: '', cwd: nested })).toBe(ws.root);
  });

  it('says how to create one when none is found', () => {
    const cwd = tempDir();
    let err: unknown;
    try {
      locateWorkspace({ cwd });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ key: 'workspace.not-found', exitCode: 4, params: { cwd } });
    expect(hasMessage('workspace.not-found')).toBe(true);
  });

  it('does not search upwards from a directory named explicitly', async () => {
    const ws = await newWorkspace();
    const nested = path.join(ws.root, 'state');
    expect(() => locateWorkspace({ flag: nested, cwd: '/' })).toThrow(
      expect.objectContaining({ key: 'workspace.not-a-workspace', params: { dir: nested, source: '--workspace' } }),
    );
    expect(() => locateWorkspace({ env: nested, cwd: '/' })).toThrow(
      expect.objectContaining({ params: { dir: nested, source: 'UCHEBNIK_WORKSPACE' } }),
    );
  });
});

describe('state files', () => {
  it('round-trips state with its schema version, nested names included', async () => {
    const ws = await newWorkspace();
    const written = await ws.withLock('test', async () => ({
      registry: await ws.writeState('registry', { schools: ['124-001'] }),
      order: await ws.writeState('orders/124-001', { schools: ['x'] }),
    }));
    expect(written.registry).toEqual({ path: 'state/registry.json', changed: true });
    expect(written.order.path).toBe('state/orders/124-001.json');
    const raw = fs.readFileSync(path.join(ws.root, 'state/registry.json'), 'utf8');
    expect(raw).toBe(`{\n  "schema": ${SCHEMA_VERSION},\n  "schools": [\n    "124-001"\n  ]\n}\n`);
    expect(ws.readState('registry', registrySchema.strict())).toEqual({ schools: ['124-001'] });
    expect(ws.readState('orders/124-001', registrySchema)).toEqual({ schools: ['x'] });
    expect(ws.readState('missing', registrySchema)).toBeUndefined();
  });

  it('does not rewrite identical content', async () => {
    const ws = await newWorkspace();
    await ws.withLock('test', () => ws.writeState('registry', { schools: [] }));
    const file = path.join(ws.root, 'state/registry.json');
    const before = fs.statSync(file).ino;
    const again = await ws.withLock('test', () => ws.writeState('registry', { schools: [] }));
    expect(again.changed).toBe(false);
    expect(fs.statSync(file).ino).toBe(before);
  });

  it('lists state names under a prefix, ignoring temporary files', async () => {
    const ws = await newWorkspace();
    await ws.withLock('test', async () => {
      for (const name of ['registry', 'orders/124-002', 'orders/124-001', 'orders/archive/124-001']) await ws.writeState(name, {});
    });
    fs.writeFileSync(path.join(ws.root, 'state/orders/.124-003.json.tmp-1-abcdef12'), '{');
    fs.writeFileSync(path.join(ws.root, 'state/orders/notes.txt'), '');
    expect(ws.listStates('orders')).toEqual(['orders/124-001', 'orders/124-002', 'orders/archive/124-001']);
    expect(ws.listStates()).toEqual(['orders/124-001', 'orders/124-002', 'orders/archive/124-001', 'registry']);
    expect(ws.listStates('nothing')).toEqual([]);
  });

  it('refuses a newer schema and damaged content with exit 4', async () => {
    const ws = await newWorkspace();
    const file = path.join(ws.root, 'state/registry.json');
    writeJson(file, { schema: SCHEMA_VERSION + 1, schools: [] });
    expect(() => ws.readState('registry', registrySchema)).toThrow(
      expect.objectContaining({ exitCode: 4, key: 'workspace.newer-schema', params: { file, found: 2, supported: 1 } }),
    );
    for (const content of ['{"schema":1,"schools":[', '[1]', '{"schools":[]}', '{"schema":1,"schools":"124"}']) {
      fs.writeFileSync(file, content);
      expect(() => ws.readState('registry', registrySchema)).toThrow(
        expect.objectContaining({ exitCode: 4, key: 'workspace.damaged', params: expect.objectContaining({ file }) }),
      );
    }
  });

  it('refuses writes outside the lock and unsafe names', async () => {
    const ws = await newWorkspace();
    await expect(ws.writeState('registry', {})).rejects.toThrow(/without the workspace lock/);
    await expect(ws.journal({ command: 'x', changed: [] })).rejects.toThrow(/without the workspace lock/);
    await ws.withLock('test', async () => {
      for (const name of ['../x', 'orders/../../x', '/etc/x', 'a b', '', 'orders/']) {
        await expect(ws.writeState(name, {})).rejects.toThrow(/unsafe state name/);
      }
      await expect(ws.writeState('registry', { schema: 3 })).rejects.toThrow(/schema/);
    });
  });

  it('refuses to write through a planted symlink', async () => {
    const ws = await newWorkspace();
    const outside = tempDir();
    fs.symlinkSync(outside, path.join(ws.root, 'state', 'orders'));
    await expect(ws.withLock('test', () => ws.writeState('orders/124-001', {}))).rejects.toMatchObject({
      key: 'workspace.path-escapes',
    });
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('reads through a folder checked once, and judges a symlink at a file as resolveInside does', async () => {
    const ws = await newWorkspace();
    await ws.withLock('test', async () => {
      await ws.writeState('orders/124-001', { n: 1 });
      await ws.writeState('orders/124-002', { n: 2 });
    });
    expect(ws.readStateText('orders/124-001')).toContain('"n": 1');
    expect(ws.stateFile('orders/124-003')).toBe(path.join(ws.root, 'state', 'orders', '124-003.json'));
    fs.symlinkSync(path.join(ws.root, 'state', 'orders', '124-002.json'), path.join(ws.root, 'state', 'orders', 'inside.json'));
    expect(ws.readStateText('orders/inside')).toContain('"n": 2');
    const outside = path.join(tempDir(), 'x.json');
    fs.writeFileSync(outside, '{"schema":1}');
    fs.symlinkSync(outside, path.join(ws.root, 'state', 'orders', 'outside.json'));
    expect(() => ws.readStateText('orders/outside')).toThrow(expect.objectContaining({ key: 'workspace.path-escapes' }));
  });
});

describe('storeInput', () => {
  it('stores by content, once, with metadata', async () => {
    const ws = await newWorkspace();
    const src = path.join(tempDir(), 'Школа 0412.XLSX');
    const content = Buffer.from('PK fake workbook ' + 'я'.repeat(3_000_000));
    fs.writeFileSync(src, content);
    const sha = (await import('node:crypto')).createHash('sha256').update(content).digest('hex');

    const first = await ws.withLock('test', () => ws.storeInput(src, 'Школа 0412.XLSX'));
    expect(first).toEqual({ sha256: sha, stored: `inputs/${sha}.xlsx`, size: content.length, existed: false });
    expect(fs.readFileSync(path.join(ws.root, first.stored)).equals(content)).toBe(true);
    const meta = JSON.parse(fs.readFileSync(path.join(ws.root, `inputs/${sha}.meta.json`), 'utf8'));
    expect(meta).toMatchObject({ schema: 1, sha256: sha, stored: first.stored, original_name: 'Школа 0412.XLSX', size: content.length });
    expect(meta.stored_at).toMatch(/\+04:00$/);

    const copy = path.join(tempDir(), 'copy.xls');
    fs.copyFileSync(src, copy);
    const second = await ws.withLock('test', () => ws.storeInput(copy, 'copy.xls'));
    expect(second).toEqual({ ...first, existed: true });
    expect(fs.readdirSync(path.join(ws.root, 'inputs')).sort()).toEqual([`${sha}.meta.json`, `${sha}.xlsx`]);
  });

  it('re-stores a copy that lost its sidecar or was truncated', async () => {
    const ws = await newWorkspace();
    const src = path.join(tempDir(), 'a.csv');
    fs.writeFileSync(src, 'code;name\n1;a\n');
    const first = await ws.withLock('test', () => ws.storeInput(src, 'a.csv'));
    fs.writeFileSync(path.join(ws.root, first.stored), 'code');
    const again = await ws.withLock('test', () => ws.storeInput(src, 'a.csv'));
    expect(again.existed).toBe(false);
    expect(fs.readFileSync(path.join(ws.root, first.stored), 'utf8')).toBe('code;name\n1;a\n');
  });

  it('reports an unreadable source as an input error and leaves nothing behind', async () => {
    const ws = await newWorkspace();
    const missing = path.join(tempDir(), 'nope.xlsx');
    await expect(ws.withLock('test', () => ws.storeInput(missing, 'nope.xlsx'))).rejects.toMatchObject({
      exitCode: 3,
      key: 'workspace.input-unreadable',
      params: { file: missing, code: 'ENOENT' },
    });
    await expect(ws.withLock('test', () => ws.storeInput(tempDir(), 'dir.xlsx'))).rejects.toMatchObject({ exitCode: 3 });
    expect(fs.readdirSync(path.join(ws.root, 'inputs'))).toEqual([]);
  });
});

describe('outPath and journal', () => {
  it('sanitises each part of an out/ path', async () => {
    const ws = await newWorkspace();
    expect(ws.outPath('municipal', 'Просвещение.xlsx')).toBe(path.join(ws.root, 'out', 'municipal', 'Просвещение.xlsx'));
    const evil = ws.outPath('..', '../../etc/passwd');
    expect(path.dirname(path.dirname(evil))).toBe(path.join(ws.root, 'out'));
  });

  it('appends entries with details, one line each', async () => {
    const ws = await newWorkspace();
    await ws.withLock('pricelist load', () =>
      ws.journal({ command: 'pricelist load', changed: ['state/pricelists/prosv.json'], publisher: 'Просвещение', time: 'ignored' }),
    );
    const lines = fs.readFileSync(path.join(ws.root, 'journal.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const entry = JSON.parse(lines[1] ?? '');
    // `prev` last: the hash of the line before (the journal's hash chain, src/io/workspace/journal.ts)
    expect(Object.keys(entry)).toEqual(['time', 'user', 'command', 'changed', 'publisher', 'prev']);
    expect(entry).toMatchObject({ command: 'pricelist load', changed: ['state/pricelists/prosv.json'], publisher: 'Просвещение' });
    expect(entry.time).not.toBe('ignored');
  });

  it('keeps later entries intact after a torn last line, and reports it', async () => {
    const ws = await newWorkspace();
    const file = path.join(ws.root, 'journal.jsonl');
    fs.appendFileSync(file, '{"time":"2019-01-01T00:00:00+04:00","user":"u","comm');
    let read = await readJournal(ws.root);
    expect(read.entries).toHaveLength(1);
    expect(read.damaged).toEqual([expect.objectContaining({ line: 2, torn: true })]);

    await ws.withLock('test', () => ws.journal({ command: 'order form', changed: [] }));
    read = await readJournal(ws.root);
    expect(read.entries.map((e) => e.command)).toEqual(['init', 'order form']);
    expect(read.damaged).toEqual([expect.objectContaining({ line: 2, torn: false })]);
  });
});
