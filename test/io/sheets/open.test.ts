import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { hasMessage, t } from '../../../src/core/i18n/index.js';
import { CONVERT_LIMITS, convertWithLibreOffice, findSoffice } from '../../../src/io/sheets/convert.js';
import { openWorkbook, sniffFormat, xlsxOf } from '../../../src/io/sheets/open.js';
import { compileForChild } from '../../support/workspace-compile.js';
import type { OpenOptions, SheetRow, Workbook } from '../../../src/io/sheets/types.js';
import * as fx from '../../support/xlsx-fixtures.js';

let dir: string;
beforeAll(() => {
  dir = fx.tempDir();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  let result: unknown;
  try {
    result = await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(hasMessage(e.key), `catalogue entry for ${e.key}`).toBe(true);
    return e;
  }
  throw new Error(`expected an InputError, got ${JSON.stringify(result)}`);
}

async function firstRows(wb: Workbook, n = 3): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of (await wb.sheet()).rows()) {
    rows.push(row);
    if (rows.length === n) break;
  }
  return rows;
}

/** Runs `fn` with a PATH on which there is no LibreOffice. */
async function withoutSoffice<T>(fn: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = fs.mkdtempSync(path.join(dir, 'empty-path-'));
  try {
    expect(findSoffice()).toBeUndefined();
    return await fn();
  } finally {
    process.env.PATH = saved;
  }
}

describe('openWorkbook decides the format by content', () => {
  it('reads an xlsx whatever its name says', async () => {
    const file = fx.writeWorkbook(dir, 'xlsx-named-csv.csv', fx.simpleSpec());
    const wb = await openWorkbook(file, { displayName: 'заказ.csv' });
    expect(wb.format).toBe('xlsx');
    expect(wb.file).toBe('заказ.csv');
    expect((await firstRows(wb))[0]!.cells.map((c) => c?.value)).toEqual(['Просвещение — издательство', 42]);
    await wb.close();
  });

  it('hands text to the CSV reader', async () => {
    const file = fx.writeFile(dir, 'order.csv', 'Код;Количество\r\nDRF000000000412069;27\r\n');
    const wb = await openWorkbook(file);
    expect(wb.format).toBe('csv');
    expect((await firstRows(wb)).map((r) => r.cells.map((c) => c?.value))).toEqual([
      ['Код', 'Количество'],
      ['DRF000000000412069', '27'],
    ]);
    await wb.close();
  });

  it.each<[string, (dir: string) => string, string, OpenOptions?]>([
    ['a missing file', (d) => path.join(d, 'нет-такого.xlsx'), 'reader.not-found'],
    ['a directory', (d) => fs.mkdtempSync(path.join(d, 'folder-')), 'reader.not-a-file'],
    ['an empty file', fx.emptyFile, 'reader.empty'],
    ['a file over the size limit', (d) => fx.writeWorkbook(d, 'over-limit.xlsx', fx.simpleSpec()), 'reader.too-large', { limits: { maxFileBytes: 64 } }],
    ['random bytes named .xlsx', fx.randomBytesXlsx, 'reader.corrupt'],
    ['the first half of an xlsx', fx.truncatedXlsx, 'reader.corrupt'],
    ['a zip that is not a workbook', fx.zipNotWorkbook, 'reader.not-xlsx'],
    ['a password-protected workbook', fx.encryptedXlsx, 'reader.encrypted'],
    ['a zip bomb', fx.zipBomb, 'reader.zip-bomb'],
  ])('refuses %s, naming it', async (_, build, key, opts) => {
    const file = build(dir);
    const e = await refusal(openWorkbook(file, opts));
    expect(e.key).toBe(key);
    expect(e.params.file).toBe(file);
    expect(t('ru', e.key, e.params)).toContain(file);
    expect(t('en', e.key, e.params)).toContain(file);
  });

  it('tells how to remove the password of an encrypted workbook', async () => {
    const e = await refusal(openWorkbook(fx.encryptedXlsx(dir), { displayName: 'школа.xlsx' }));
    expect(t('ru', e.key, e.params)).toMatch(/«школа\.xlsx».*Файл → Сведения → Защитить книгу/);
  });

  it('says the file of random bytes is not a zip, rather than reading it as CSV', async () => {
    const e = await refusal(openWorkbook(fx.randomBytesXlsx(dir)));
    expect(String(e.params.detail)).toMatch(/not a zip/);
  });
});

describe('legacy formats go through LibreOffice', () => {
  it.each<[string, (dir: string) => string, string]>([
    ['.xls (Excel 97–2003)', fx.legacyXls, 'xls'],
    ['.ods (OpenDocument)', fx.legacyOds, 'ods'],
  ])('%s without LibreOffice on PATH: says how to convert it', async (_, build, format) => {
    const file = build(dir);
    const e = await withoutSoffice(() => refusal(openWorkbook(file)));
    expect(e.key).toBe('reader.needs-conversion');
    expect(e.exitCode).toBe(3);
    expect(e.params).toEqual({ file, format });
    expect(t('ru', e.key, e.params)).toMatch(/Сохранить как.*\.xlsx.*LibreOffice/);
  });

  it('convertWithLibreOffice without LibreOffice names the file and the format', async () => {
    const file = fx.legacyXls(dir);
    const e = await withoutSoffice(() => refusal(convertWithLibreOffice(file, 'xlsx', { displayName: 'старый.xls' })));
    expect(e.params).toEqual({ file: 'старый.xls', format: 'xls' });
  });

  /** Puts a stand-in `soffice` (a shell script) first on PATH while `fn` runs. */
  async function withFakeSoffice<T>(script: string, fn: () => Promise<T>): Promise<T> {
    const bin = fs.mkdtempSync(path.join(dir, 'fake-bin-'));
    fs.writeFileSync(path.join(bin, 'soffice'), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    const saved = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${saved}`;
    try {
      return await fn();
    } finally {
      process.env.PATH = saved;
    }
  }

  const posix = process.platform !== 'win32';

  /** Runs `fn` with a temporary directory of its own, so that other tests' conversions do not show. */
  async function withPrivateTmp(fn: (tmp: string) => Promise<void>): Promise<void> {
    const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      expect(os.tmpdir()).toBe(tmp);
      await fn(tmp);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  }

  it.runIf(posix)('reads what the converter produced, says it was converted, and converts a file once however often it is opened', async () => {
    const made = fx.writeWorkbook(dir, 'converted-by-fake.xlsx', fx.simpleSpec());
    const runs = path.join(dir, 'soffice-runs.txt');
    // soffice … --outdir DIR SOURCE: write DIR/<name of SOURCE>.xlsx, and count the runs
    const script = `ulimit -v >> '${runs}'; for a; do prev="$out"; out="$a"; [ "$prev" = "--outdir" ] && dir="$a"; done; name=$(basename "$out"); cp '${made}' "$dir/\${name%.*}.xlsx"`;
    const file = fx.legacyXls(dir);
    await withPrivateTmp(async (tmp) => {
      await withFakeSoffice(script, async () => {
        const wb = await openWorkbook(file, { displayName: 'старый.xls' });
        try {
          expect(wb).toMatchObject({ format: 'xlsx', convertedFrom: 'xls', file: 'старый.xls' });
          expect((await firstRows(wb))[0]!.cells.map((c) => c?.value)).toEqual(['Просвещение — издательство', 42]);
        } finally {
          await wb.close();
        }
        // the reader opens it again, the annotated copy asks for the xlsx to rewrite: the same conversion
        await (await openWorkbook(file)).close();
        const copy = await xlsxOf(file);
        expect(path.dirname(path.dirname(copy))).toBe(tmp);
        expect(fs.readdirSync(tmp)).toHaveLength(1);
        // one run, under the address-space limit (src/io/sheets/convert.ts CONVERT_LIMITS)
        expect(fs.readFileSync(runs, 'utf8').trim().split('\n')).toEqual([String(CONVERT_LIMITS.memoryBytes / 1024)]);
        expect(await sniffFormat(copy)).toBe('xlsx');
      });
    });
  });

  it.runIf(posix)('the converted copies go when the process ends', async () => {
    const made = fx.writeWorkbook(dir, 'converted-for-child.xlsx', fx.simpleSpec());
    const script = `for a; do prev="$out"; out="$a"; [ "$prev" = "--outdir" ] && dir="$a"; done; name=$(basename "$out"); cp '${made}' "$dir/\${name%.*}.xlsx"`;
    const file = fx.legacyXls(dir);
    const compiled = compileForChild(['io/sheets/convert.ts']);
    try {
      await withPrivateTmp(async (tmp) => {
        await withFakeSoffice(script, async () => {
          const child = `const { convertOnce } = await import(${JSON.stringify(pathToFileURL(path.join(compiled, 'io/sheets/convert.js')).href)}); console.log(await convertOnce(${JSON.stringify(file)}));`;
          const out = execFileSync(process.execPath, ['--input-type=module', '-e', child], { env: process.env, encoding: 'utf8' }).trim();
          expect(path.dirname(path.dirname(out))).toBe(tmp);
          expect(fs.existsSync(out)).toBe(false);
          expect(fs.readdirSync(tmp)).toEqual([]);
        });
      });
    } finally {
      fs.rmSync(compiled, { recursive: true, force: true });
    }
  });

  it.runIf(posix)('a converter that fails is reported with its own words', async () => {
    const file = fx.legacyXls(dir);
    const e = await withFakeSoffice('echo "Error: source file could not be loaded" >&2; exit 1', () => refusal(openWorkbook(file)));
    expect(e.key).toBe('reader.conversion-failed');
    expect(e.params).toEqual({ file, format: 'xls', detail: 'Error: source file could not be loaded' });
  });

  it.runIf(posix)('a converter that hangs is stopped at the timeout, with the worker it started', async () => {
    const pidFile = path.join(dir, 'worker.pid');
    // like LibreOffice's launcher: the work happens in a child process
    const script = `sleep 30 & echo $! > '${pidFile}'; wait`;
    const file = fx.legacyXls(dir);
    const started = performance.now();
    const e = await withFakeSoffice(script, () => refusal(convertWithLibreOffice(file, 'xlsx', { timeoutMs: 300 })));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(e.key).toBe('reader.conversion-failed');
    expect(String(e.params.detail)).toMatch(/0\.3 s/);
    const worker = Number(fs.readFileSync(pidFile, 'utf8'));
    // a killed child whose parent died may stay a zombie (in a container whose init does not reap):
    // that counts as stopped
    const alive = () => {
      try {
        const stat = fs.readFileSync(`/proc/${worker}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
      } catch {
        try {
          process.kill(worker, 0);
          return !fs.existsSync('/proc');
        } catch {
          return false;
        }
      }
    };
    for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(alive()).toBe(false);
  });

  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const legacy = path.resolve(repoRoot, '../shared/real-data/legacy/template_order.xls');
  const soffice = findSoffice();
  const canConvert = soffice !== undefined && fs.existsSync(legacy);
  if (!canConvert) {
    console.warn(
      `real .xls conversion test NOT RUN: ${soffice ? `${legacy} is absent` : 'no soffice/libreoffice on PATH (apt-get install libreoffice-calc-nogui)'}`,
    );
  }

  it.runIf(canConvert)(
    'converts the real legacy/template_order.xls, keeping the copy for the annotated copy to rewrite',
    async () => {
      await withPrivateTmp(async (tmp) => {
        const wb = await openWorkbook(legacy, { displayName: 'template_order.xls' });
        try {
          expect(wb.format).toBe('xlsx');
          expect(wb.convertedFrom).toBe('xls');
          expect(wb.file).toBe('template_order.xls');
          expect(wb.sheets.map((s) => s.name)).toEqual(['Заказ']);
          const rows = await firstRows(wb, 50);
          const header = rows.find((r) => r.row === 8)?.cells.map((c) => c?.value);
          expect(header).toEqual(['№', 'Код ФП', 'Наименование, авторы изданий', 'Кол-во', 'Цена,\nруб.', 'Сумма,\nруб.']);
          expect(fs.readdirSync(tmp)).toHaveLength(1);
        } finally {
          await wb.close();
        }
        // kept until the process ends (src/io/sheets/convert.ts convertOnce), and found again
        expect(fs.readdirSync(tmp)).toHaveLength(1);
        expect(path.dirname(path.dirname(await xlsxOf(legacy)))).toBe(tmp);
      });
    },
    130_000,
  );

  it.runIf(soffice !== undefined)(
    'a file LibreOffice cannot load is refused with its reason, and nothing is left behind',
    async () => {
      const file = fx.legacyOds(dir);
      await withPrivateTmp(async (tmp) => {
        const e = await refusal(openWorkbook(file));
        expect(e.key).toBe('reader.conversion-failed');
        expect(e.params).toMatchObject({ file, format: 'ods' });
        expect(String(e.params.detail)).toMatch(/could not be loaded/);
        expect(fs.readdirSync(tmp)).toEqual([]);
      });
    },
    130_000,
  );

  it.runIf(soffice !== undefined)(
    'converts an .ods (made by LibreOffice from an xlsx) and reads the same values',
    async () => {
      // test/support/files/simple-workbook.ods: fx.simpleSpec() written as xlsx and converted by
      // LibreOffice 7.4 (`soffice --convert-to ods`), kept rather than made on each run (a LibreOffice
      // start costs ≈5 s on the 2-core machine; the reading converts it back with one more).
      const ods = path.join(dir, 'ods-source.ods');
      fs.copyFileSync(path.join(repoRoot, 'test', 'support', 'files', 'simple-workbook.ods'), ods);
      const wb = await openWorkbook(ods);
      expect(wb.convertedFrom).toBe('ods');
      expect((await firstRows(wb))[0]!.cells.map((c) => c?.value)).toEqual(['Просвещение — издательство', 42]);
      await wb.close();
    },
    250_000,
  );
});
