/**
 * docs/exit-codes.md#3, docs/file-formats.md#reading and the foundation issue: every broken input exits 3 with one line that names the
 * file, never a stack trace, and leaves the workspace exactly as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, run, runProcess, tempDir, treeSnapshot } from '../support/cli.js';
import { csvFixtures } from '../support/csv-fixtures.js';
import { emptyFile, encryptedXlsx, legacyXls, randomBytesXlsx, truncatedXlsx, zipBomb, zipNotWorkbook } from '../support/xlsx-fixtures.js';

let ws: string;
let dir: string;

beforeAll(async () => {
  ws = await newWorkspace();
  dir = tempDir();
});

/** A PATH without LibreOffice, so .xls cannot be converted whatever this machine has installed. */
function pathWithoutSoffice(): string {
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  return bin;
}

const cases: [string, () => string, RegExp][] = [
  ['an empty file', () => emptyFile(dir), /пуст/i],
  ['random bytes named .xlsx', () => randomBytesXlsx(dir), /повреждён|не является/i],
  ['a truncated xlsx', () => truncatedXlsx(dir), /повреждён|не является|неполн/i],
  ['a zip that is not a workbook', () => zipNotWorkbook(dir), /книг/i],
  ['an encrypted xlsx', () => encryptedXlsx(dir), /парол/i],
  ['a zip bomb', () => zipBomb(dir), /распаков|сжат|велик|больш/i],
  [
    'a CSV in an unknown encoding',
    () => {
      const f = path.join(dir, 'unknown-encoding.csv');
      fs.writeFileSync(f, csvFixtures['random-high-bytes.csv']());
      return f;
    },
    /кодировк/i,
  ],
  ['a missing file', () => path.join(dir, 'no-such-file.xlsx'), /не найден|нет такого/i],
];

describe('broken inputs exit 3 with one line and write nothing', () => {
  for (const [name, make, message] of cases) {
    it(name, async () => {
      const file = make();
      const before = treeSnapshot(ws);
      const started = Date.now();
      const r = await run(['registry', 'import', file, '-w', ws]);
      expect(r.code).toBe(3);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(path.basename(file));
      expect(lines[0]).toMatch(message);
      // the reason quoted from the reader and the message's own sentence end do not double up
      expect(lines[0]).not.toMatch(/[^.]\.\. /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
      expect(treeSnapshot(ws)).toEqual(before);
      // The zip bomb in particular must be refused from the directory, before anything is inflated.
      expect(Date.now() - started).toBeLessThan(5000);
    });
  }

  it('an .xls without LibreOffice says how to convert it', async () => {
    const file = legacyXls(dir);
    const before = treeSnapshot(ws);
    // A real process: the converter looks for soffice on the process's own PATH.
    const r = await runProcess(['registry', 'import', file, '-w', ws], { env: { PATH: pathWithoutSoffice() } });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(path.basename(file));
    expect(r.stderr).toMatch(/xlsx/);
    expect(treeSnapshot(ws)).toEqual(before);
  });

  it('a file without a recognisable header exits 3 listing the headers seen and showing --map', async () => {
    const file = path.join(dir, 'no-header.csv');
    fs.writeFileSync(file, 'Колонка А;Колонка Б\n1;2\n');
    const r = await run(['registry', 'import', file, '-w', ws]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('«Колонка А»');
    expect(r.stderr).toContain('--map');
  });
});
