/**
 * `export specifications --manifest-only` (issue 10, «the whole country by simulation»): the package
 * folder of a normal export without its workbooks — the same manifest.csv (sha256 empty) and
 * summary.csv, nothing recorded for stage 22.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, newWorkspace, run, tempDir, treeSnapshot } from '../../support/cli.js';
import { csvRows } from '../../support/csv-out.js';
import { formedRegion } from '../../support/formed-region.js';

/** Every file under `dir`, relative, with forward slashes, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out.push(path.relative(dir, path.join(d, e.name)).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

const SHA = 8; // the sha256 column of manifest.csv

describe('export specifications --manifest-only', () => {
  let ws: string;
  let fullOut: string;
  let onlyOut: string;
  let full: { files: number; manifest_only: boolean; total: unknown; publishers: unknown[] };
  let only: { files: number; manifest_only: boolean; total: unknown; publishers: unknown[]; manifest: string; summary: string; zip?: string };
  let onlyStderr: string;

  beforeAll(async () => {
    ws = await formedRegion();
    fullOut = path.join(tempDir(), 'full');
    onlyOut = path.join(tempDir(), 'only');
    // the manifest-only run first, on a workspace without any export yet: it must record nothing
    const o = await run(['export', 'specifications', '--out', onlyOut, '--manifest-only', '--json', '-w', ws]);
    expect(o.code).toBe(0);
    only = JSON.parse(o.stdout);
    onlyStderr = o.stderr;
    const f = await run(['export', 'specifications', '--out', fullOut, '--json', '-w', ws]);
    expect(f.code).toBe(0);
    full = JSON.parse(f.stdout);
  });

  it('writes manifest.csv and summary.csv only: no workbook, no folder, no building folder left', () => {
    expect(filesUnder(onlyOut)).toEqual(['manifest.csv', 'summary.csv']);
    expect(fs.readdirSync(onlyOut).sort()).toEqual(['manifest.csv', 'summary.csv']);
    expect(fs.readdirSync(path.dirname(onlyOut))).toEqual(['only']);
    expect(filesUnder(fullOut).filter((f) => f.endsWith('.xlsx'))).toHaveLength(48);
  });

  it('has the full export’s manifest rows, in the same order, with the sha256 empty', () => {
    const fullRows = csvRows(path.join(fullOut, 'manifest.csv'));
    const onlyRows = csvRows(path.join(onlyOut, 'manifest.csv'));
    expect(onlyRows[0]).toEqual(fullRows[0]);
    expect(onlyRows[0]![SHA]).toBe('sha256');
    expect(onlyRows).toHaveLength(49);
    for (const r of fullRows.slice(1)) expect(r[SHA]).toMatch(/^[0-9a-f]{64}$/);
    for (const r of onlyRows.slice(1)) expect(r[SHA]).toBe('');
    // the file column names the workbook the full export wrote there
    expect(onlyRows.slice(1).map((r) => r.slice(0, SHA))).toEqual(fullRows.slice(1).map((r) => r.slice(0, SHA)));
    for (const r of onlyRows.slice(1)) expect(fs.existsSync(path.join(fullOut, r[3]!))).toBe(true);
  });

  it('has the full export’s summary.csv byte for byte, and the same figures in --json with manifest_only', () => {
    expect(fs.readFileSync(path.join(onlyOut, 'summary.csv'), 'utf8')).toBe(fs.readFileSync(path.join(fullOut, 'summary.csv'), 'utf8'));
    expect(only.manifest_only).toBe(true);
    expect(full.manifest_only).toBe(false);
    expect(only.files).toBe(48);
    expect(only.total).toEqual(full.total);
    expect(only.publishers).toEqual(full.publishers);
    expect(only).toMatchObject({ manifest: path.join(onlyOut, 'manifest.csv'), summary: path.join(onlyOut, 'summary.csv') });
    expect(only.zip).toBeUndefined();
    expect(onlyStderr).toContain('Только манифест');
    expect(onlyStderr).not.toContain('Записано спецификаций');
  });

  it('does not mark stage 22 done: nothing recorded in state, nothing journaled', async () => {
    // the full export after it recorded its own package, not the manifest-only one
    const state = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'specifications.json'), 'utf8'));
    expect(state.out).toBe(fullOut);
    const fresh = await formedRegion();
    const before = treeSnapshot(fresh);
    const r = await run(['export', 'specifications', '--out', path.join(tempDir(), 'spec'), '--manifest-only', '-w', fresh]);
    expect(r.code).toBe(0);
    expect(treeSnapshot(fresh)).toEqual(before);
    expect(fs.existsSync(path.join(fresh, 'state', 'specifications.json'))).toBe(false);
    // and a manifest-only run after a real export leaves that export's record as it was
    const recorded = fs.readFileSync(path.join(ws, 'state', 'specifications.json'), 'utf8');
    expect((await run(['export', 'specifications', '--out', path.join(tempDir(), 'again'), '--manifest-only', '-w', ws])).code).toBe(0);
    expect(fs.readFileSync(path.join(ws, 'state', 'specifications.json'), 'utf8')).toBe(recorded);
  });

  it('says so in the human output, in Russian and English', async () => {
    const ru = await run(['export', 'specifications', '--out', path.join(tempDir(), 'ru'), '--manifest-only', '-w', ws]);
    expect(ru.code).toBe(0);
    expect(ru.stdout).toContain('Только манифест (--manifest-only)');
    expect(ru.stdout).toMatch(/Просвещение\s+│ 16\s+│ 16/);
    const en = await run(['export', 'specifications', '--out', path.join(tempDir(), 'en'), '--manifest-only', '-w', ws, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Manifest only (--manifest-only)');
    expect(en.stderr).toContain('Manifest only: 48 specification rows');
    const normal = await run(['export', 'specifications', '--out', path.join(tempDir(), 'normal'), '-w', await formedRegion(), '--lang', 'en']);
    expect(normal.stdout).not.toContain('Manifest only');
  });

  it('filters like the full export, and replaces an earlier package only with --force, leaving no workbook of it', async () => {
    const w = await formedRegion();
    const out = path.join(tempDir(), 'spec');
    expect((await run(['export', 'specifications', '--out', out, '--municipality', '02', '-w', w])).code).toBe(0);
    const fullRows = csvRows(path.join(out, 'manifest.csv'));
    const before = treeSnapshot(out);
    const refused = await run(['export', 'specifications', '--out', out, '--municipality', '02', '--manifest-only', '-w', w]);
    expect(refused.code).toBe(2);
    expect(treeSnapshot(out)).toEqual(before);
    expect((await run(['export', 'specifications', '--out', out, '--municipality', '02', '--manifest-only', '--force', '-w', w])).code).toBe(0);
    expect(filesUnder(out)).toEqual(['manifest.csv', 'summary.csv']);
    const onlyRows = csvRows(path.join(out, 'manifest.csv'));
    expect(onlyRows.map((r) => r.slice(0, SHA))).toEqual(fullRows.map((r) => r.slice(0, SHA)));
    expect(onlyRows.slice(1).every((r) => r[0] === '02' && r[SHA] === '')).toBe(true);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['spec']);
  });
});

describe('--manifest-only refusals', () => {
  it('--zip with --manifest-only is a usage error (exit 2) in both languages, and nothing is written', async () => {
    const ws = await formedRegion();
    const parent = tempDir();
    const out = path.join(parent, 'spec');
    const before = treeSnapshot(ws);
    const ru = await run(['export', 'specifications', '--out', out, '--manifest-only', '--zip', '-w', ws]);
    expect(ru.code).toBe(2);
    expect(ru.stderr).toContain('--zip и --manifest-only вместе нельзя');
    const en = await run(['export', 'specifications', '--out', out, '--zip', '--manifest-only', '--json', '-w', ws, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('--zip cannot be used with --manifest-only');
    expect(en.stdout).toBe('');
    expect(fs.readdirSync(parent)).toEqual([]);
    expect(treeSnapshot(ws)).toEqual(before);
  });

  it('exits 1 and writes nothing when no order is formed, as the full export does', async () => {
    const ws = await newWorkspace();
    expect((await run(['registry', 'import', path.join(FIXTURES, 'region', 'registry.csv'), '-w', ws])).code).toBe(0);
    const parent = tempDir();
    const r = await run(['export', 'specifications', '--out', path.join(parent, 'spec'), '--manifest-only', '-w', ws]);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it('is in the help, in Russian and English', async () => {
    const ru = await run(['export', 'specifications', '--help']);
    expect(ru.code).toBe(0);
    // commander wraps the descriptions to the terminal's width
    const flat = (text: string) => text.replace(/\s+/gu, ' ');
    expect(ru.stdout).toContain('--manifest-only');
    expect(flat(ru.stdout)).toContain('без файлов спецификаций');
    expect(flat(ru.stdout)).toContain('не вместе с --zip');
    const en = await run(['--lang', 'en', 'export', 'specifications', '--help']);
    expect(flat(en.stdout)).toContain('only manifest.csv and summary.csv, no specification files');
  });
});
