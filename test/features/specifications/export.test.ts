import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateRegion } from '../../support/consolidation.js';
import { amountInWords } from '../../../src/core/words.js';
import { DATA_SHEET_NAME, readDataSheet } from '../../../src/io/sheets/data-sheet.js';
import { openWorkbook } from '../../../src/io/sheets/open.js';
import { SPECIFICATION_SHEET } from '../../../src/features/specifications/workbook.js';
import type { SheetRow } from '../../../src/io/sheets/types.js';
import { openZip } from '../../../src/io/sheets/zip.js';
import { DEFAULT_LIMITS } from '../../../src/io/sheets/types.js';
import { openWorkspace } from '../../../src/io/workspace/index.js';
import { loadOrders } from '../../../src/features/order/store.js';
import type { OrderRecord } from '../../../src/core/model/order-lifecycle.js';
import { loadCatalogue } from '../../../src/features/pricelist/store.js';
import { loadRegistry } from '../../../src/features/registry/store.js';
import { BIN, FIXTURES, REAL_DATA, newWorkspace, realDataPresent, run, runProcess, tempDir, treeSnapshot } from '../../support/cli.js';
import { csvRows } from '../../support/csv-out.js';

const F = path.join(FIXTURES, 'region');

async function ok(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const r = await run(args);
  if (r.code !== 0) throw new Error(`${args.join(' ')} → ${r.code}\n${r.stderr}`);
  return r;
}

/** The example region with every correct order submitted, agreed and formed (what `demo` does). */
async function formedRegion(): Promise<string> {
  const ws = await newWorkspace();
  await ok(['registry', 'import', path.join(F, 'registry.csv'), '-w', ws]);
  await ok(['pricelist', 'load', path.join(F, 'pricelists/prosveshchenie.xlsx'), '--publisher', 'Просвещение', '-w', ws]);
  await ok(['pricelist', 'load', path.join(F, 'pricelists/drofa.csv'), '--publisher', 'Дрофа', '-w', ws]);
  await ok(['pricelist', 'load', path.join(F, 'pricelists/russkoe-slovo.xlsx'), '--publisher', 'Русское слово', '-w', ws]);
  const orders = fs
    .readdirSync(path.join(F, 'orders'))
    .filter((n) => /\.(xlsx|csv)$/.test(n))
    .map((n) => path.join(F, 'orders', n));
  await run(['order', 'submit', ...orders, '-w', ws]); // the files with planted mistakes are refused (exit 1)
  for (const m of ['01', '02', '03']) {
    await ok(['order', 'agree', '--municipality', m, '-w', ws]);
    await ok(['order', 'form', '--municipality', m, '-w', ws]);
  }
  return ws;
}

function copyWorkspace(ws: string): string {
  const to = path.join(tempDir(), 'ws');
  fs.cpSync(ws, to, { recursive: true });
  return to;
}

interface ManifestLine {
  municipality: string;
  school: string;
  publisher: string;
  file: string;
  lines: number;
  copies: number;
  sum_kopecks: number;
  vat_kopecks: number;
  sha256: string;
}

function readManifest(file: string): ManifestLine[] {
  const [head, ...rows] = csvRows(file);
  expect(head).toEqual(['municipality', 'school', 'publisher', 'file', 'lines', 'copies', 'sum_kopecks', 'vat_kopecks', 'sha256']);
  return rows.map(([municipality, school, publisher, file, lines, copies, sum, vat, sha256]) => ({
    municipality: municipality!,
    school: school!,
    publisher: publisher!,
    file: file!,
    lines: Number(lines),
    copies: Number(copies),
    sum_kopecks: Number(sum),
    vat_kopecks: Number(vat),
    sha256: sha256!,
  }));
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function sheetRows(file: string, sheet: string): Promise<SheetRow[]> {
  const wb = await openWorkbook(file);
  try {
    const rows: SheetRow[] = [];
    for await (const row of (await wb.sheet(sheet)).rows()) rows.push(row);
    return rows;
  } finally {
    await wb.close();
  }
}

/** The sheet's text as rows[row - 1][column], empty rows and cells as empty. */
function texts(rows: SheetRow[]): string[][] {
  const out: string[][] = [];
  for (const r of rows) out[r.row - 1] = Array.from(r.cells, (c) => (c?.value === null || c?.value === undefined ? '' : String(c.value)));
  return Array.from(out, (r) => r ?? []);
}

/** Per publisher, the formed orders' lines added up here, independently of the product's code. */
function formedTotalsFromState(records: readonly OrderRecord[]): Map<string, { copies: number; sum_kopecks: number }> {
  const totals = new Map<string, { copies: number; sum_kopecks: number }>();
  // the records as the order store reads them (its file format is the store's: src/features/order/store.ts)
  for (const record of records) {
    const formed = [...record.versions].reverse().find((v) => v.state === 'formed');
    for (const l of formed?.lines ?? []) {
      const t = totals.get(l.publisher) ?? { copies: 0, sum_kopecks: 0 };
      t.copies += l.quantity;
      t.sum_kopecks += l.quantity * l.price_kopecks;
      totals.set(l.publisher, t);
    }
  }
  return totals;
}

function addUp(rows: ManifestLine[]): Map<string, { copies: number; sum_kopecks: number }> {
  const m = new Map<string, { copies: number; sum_kopecks: number }>();
  for (const r of rows) {
    const t = m.get(r.publisher) ?? { copies: 0, sum_kopecks: 0 };
    t.copies += r.copies;
    t.sum_kopecks += r.sum_kopecks;
    m.set(r.publisher, t);
  }
  return m;
}

let region: string;
beforeAll(async () => {
  region = await formedRegion();
});

describe('export specifications on the example region', () => {
  let ws: string;
  let out: string;
  let json: { files: number; total: { copies: number; sum_kopecks: number; vat_kopecks: number }; manifest: string; publishers: { publisher: string; sum_kopecks: number; copies: number; vat: { rate: number; vat_kopecks: number }[] }[] };
  let manifest: ManifestLine[];

  beforeAll(async () => {
    ws = copyWorkspace(region);
    out = path.join(tempDir(), 'specifications');
    const r = await run(['export', 'specifications', '--out', out, '--json', '-w', ws]);
    expect(r.stderr).toContain('Записано спецификаций: 48');
    expect(r.code).toBe(0);
    json = JSON.parse(r.stdout);
    manifest = readManifest(path.join(out, 'manifest.csv'));
  });

  it('prints the §8 JSON and lays the package out as DIR/<municipality>/<school>/<publisher>.xlsx', () => {
    expect(json).toMatchObject({ files: 48, manifest: path.join(out, 'manifest.csv') });
    expect(Object.keys(json.total).sort()).toEqual(['copies', 'sum_kopecks', 'vat_kopecks']);
    expect(manifest).toHaveLength(48);
    expect(manifest[0]).toMatchObject({ municipality: '01', school: '0101', publisher: 'Дрофа', file: '01/0101/Дрофа.xlsx' });
    expect(manifest.map((r) => r.file)).toContain('03/0305/Русское_слово.xlsx');
    const onDisk: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith('.xlsx')) onDisk.push(path.relative(out, path.join(d, e.name)).split(path.sep).join('/'));
      }
    };
    walk(out);
    expect(onDisk.sort()).toEqual(manifest.map((r) => r.file).sort());
    for (const r of manifest) expect(sha(path.join(out, r.file))).toBe(r.sha256);
    expect(fs.readdirSync(path.dirname(out)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('draws on a worker thread (the built CLI) the workbooks this thread draws (the tests run the sources: no worker)', async () => {
    const other = path.join(tempDir(), 'specifications');
    const r = await runProcess(['export', 'specifications', '--out', other, '--json', '-w', copyWorkspace(region)], { env: { UCHEBNIK_THREADS: '2' } });
    expect(r.code).toBe(0);
    const withoutSha = (rows: ManifestLine[]) => rows.map((m) => ({ ...m, sha256: '' }));
    expect(withoutSha(readManifest(path.join(other, 'manifest.csv')))).toEqual(withoutSha(manifest));
    // the specification sheet (the data sheet and the properties carry the time of writing)
    const sheet = async (file: string) => {
      const zip = await openZip(file, file, DEFAULT_LIMITS);
      try {
        return await zip.readAll(zip.part('xl/worksheets/sheet1.xml')!);
      } finally {
        await zip.close();
      }
    };
    for (const m of manifest) expect((await sheet(path.join(other, m.file))).equals(await sheet(path.join(out, m.file))), m.file).toBe(true);
  });

  it('totals per publisher equal the regional consolidation and the formed order lines, to the kopeck', async () => {
    const fromManifest = addUp(manifest);
    // the product's own consolidation (src/features/consolidate/consolidate.ts) …
    const w = await openWorkspace(ws);
    const consolidation = consolidateRegion(loadOrders(w), loadCatalogue(w), loadRegistry(w));
    expect(consolidation.publishers.length).toBe(3);
    for (const p of consolidation.publishers) expect(fromManifest.get(p.publisher)).toEqual({ copies: p.total.copies, sum_kopecks: p.total.sum_kopecks });
    // … and the state files added up here
    expect(fromManifest).toEqual(formedTotalsFromState(loadOrders(w)));
    expect(json.total.sum_kopecks).toBe(consolidation.total.sum_kopecks);
    expect(json.total.copies).toBe(consolidation.total.copies);
    expect(json.publishers.map((p) => [p.publisher, p.sum_kopecks])).toEqual(consolidation.publishers.map((p) => [p.publisher, p.total.sum_kopecks]));
  });

  it('writes a per-publisher summary equal to the manifest', () => {
    const [head, ...rows] = csvRows(path.join(out, 'summary.csv'));
    expect(head).toEqual(['publisher', 'schools', 'files', 'lines', 'copies', 'sum_kopecks', 'vat_kopecks', 'sum_at_10_kopecks', 'vat_10_kopecks']);
    const fromManifest = addUp(manifest);
    expect(rows.map((r) => r[0])).toEqual(['Дрофа', 'Просвещение', 'Русское слово']);
    for (const r of rows) {
      expect(Number(r[4])).toBe(fromManifest.get(r[0]!)!.copies);
      expect(Number(r[5])).toBe(fromManifest.get(r[0]!)!.sum_kopecks);
      expect(Number(r[6])).toBe(manifest.filter((m) => m.publisher === r[0]).reduce((n, m) => n + m.vat_kopecks, 0));
    }
  });

  it('records the export in state for the deadlines (stage 22), with the campaign zone offset', () => {
    const state = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'specifications.json'), 'utf8'));
    expect(state).toMatchObject({ schema: 1, out, files: 48, total: json.total });
    expect(state.exported_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+04:00$/);
    const journal = fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(journal[journal.length - 1]!)).toMatchObject({ command: 'export specifications', files: 48 });
  });

  it('writes a document a person signs: title, parties, numbered lines, totals, VAT, words, signatures', async () => {
    const row = manifest.find((r) => r.school === '0101' && r.publisher === 'Просвещение')!;
    const file = path.join(out, row.file);
    const rows = texts(await sheetRows(file, SPECIFICATION_SHEET));
    const all = rows.map((r) => r.join('|'));
    expect(rows[0]![0]).toBe('Спецификация к договору №\u00A0_______________ от «____» _______________ 20____\u00A0г.');
    expect(all).toContain('Заказчик:|||Муниципальное казённое общеобразовательное учреждение «Лицей № 1» г. Заречный');
    expect(all.find((l) => l.startsWith('ИНН / КПП:'))).toMatch(/^ИНН \/ КПП:\|\|\|\d{10} \/ \d{9}$/);
    expect(all).toContain('Муниципалитет:|||Город Заречный');
    expect(all).toContain('Поставщик:|||Просвещение');
    expect(rows[8]).toEqual(['№ п/п', 'Код по ФПУ', 'Код издательства', 'ISBN', 'Авторы', 'Наименование учебника', 'Класс', 'Кол-во, экз.', 'Цена с НДС, руб.', 'Ставка НДС', 'Сумма с НДС, руб.']);
    expect(rows[9]).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    const lines = rows.slice(10, 10 + row.lines);
    expect(lines.map((l) => Number(l[0]))).toEqual(Array.from({ length: row.lines }, (_, i) => i + 1));
    expect(lines[0]).toEqual(['1', '1.1.1.1.4.1', '04-0053-09', '', 'Горецкий В.Г., Кирюшкин В.А., Виноградская Л.А. и др.', 'Азбука. В 2-х частях. Часть 1', '1', '33', '243.98', '10\u00A0%', '8051.34']);
    const total = rows[10 + row.lines]!;
    expect([total[0], total[7], total[10]]).toEqual(['Итого:', String(row.copies), String(row.sum_kopecks / 100)]);
    expect(rows[11 + row.lines]![0]).toBe('в т.ч. НДС 10\u00A0%:');
    expect(Math.round(Number(rows[11 + row.lines]![10]) * 100)).toBe(row.vat_kopecks);
    expect(all).toContain(`Сумма прописью: ${amountInWords(row.sum_kopecks)}`);
    expect(all.some((l) => l.startsWith('Всего наименований 23, экземпляров 1629, на сумму 596\u00A0882,58 руб.'))).toBe(true);
    expect(all.some((l) => l.startsWith('Заказчик:||||') && l.endsWith('Поставщик:'))).toBe(true);
    expect(all.filter((l) => l.includes('М.П.'))).toHaveLength(1);
    // requisites under both names (no publisher's stored here: its ИНН / КПП are blanks), and each side's line to sign
    expect(all).toContain('Реквизиты и подписи сторон');
    expect(all.find((l) => l.startsWith('ИНН / КПП: ') && l.includes('|||||ИНН / КПП: ______________ / ______________'))).toMatch(/^ИНН \/ КПП: \d{10} \/ \d{9}/);
    expect(all.filter((l) => l.includes('/ ______________________ /'))).toHaveLength(1);
    expect(all.join('\n')).toContain('(подпись)');

    // what only an independent reader shows: merges, A4 landscape fitted to width, header rows repeated
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet(SPECIFICATION_SHEET)!;
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '9:10' });
    expect(sheet.getCell('A1').isMerged).toBe(true);
    expect(sheet.getCell('I11').numFmt).toBe('#,##0.00_)');
    expect(sheet.getCell('F9').border?.top?.style).toBe('thin');
    expect(sheet.getCell('A9').font?.name).toBe('Times New Roman');
    expect(wb.getWorksheet(DATA_SHEET_NAME)!.state).toBe('veryHidden');
  });

  it('carries the lines in the hidden data sheet, checksummed, for machines', async () => {
    for (const row of manifest.slice(0, 5)) {
      const data = readDataSheet(await sheetRows(path.join(out, row.file), DATA_SHEET_NAME))!;
      expect(data.checksumOk).toBe(true);
      expect(data.meta).toMatchObject({ kind: 'specification', school: row.school, publisher: row.publisher, sum_kopecks: String(row.sum_kopecks) });
      expect(data.rows).toHaveLength(row.lines);
      const col = (name: string) => data.columns.indexOf(name);
      expect(data.rows.reduce((n, r) => n + Number(r[col('sum_kopecks')]), 0)).toBe(row.sum_kopecks);
      expect(data.rows.reduce((n, r) => n + Number(r[col('quantity')]), 0)).toBe(row.copies);
      expect(data.rows.reduce((n, r) => n + Number(r[col('vat_kopecks')]), 0)).toBe(row.vat_kopecks);
      expect(typeof data.rows[0]![col('school')]).toBe('string');
    }
  });

  it('prints a per-publisher table without --json', async () => {
    const again = path.join(tempDir(), 'again');
    const r = await run(['export', 'specifications', '--out', again, '-w', ws, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Просвещение\s+│ 16\s+│ 16/);
    expect(r.stdout).toContain('Total');
    expect(r.stderr).toContain('48 specifications written');
  });
});

describe('refusals and filters', () => {
  it('refuses an existing package without --force, touching nothing; replaces it with --force', async () => {
    const ws = copyWorkspace(region);
    const out = path.join(tempDir(), 'spec');
    expect((await run(['export', 'specifications', '--out', out, '-w', ws])).code).toBe(0);
    const before = treeSnapshot(out);
    const again = await run(['export', 'specifications', '--out', out, '-w', ws]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(treeSnapshot(out)).toEqual(before);
    const forced = await run(['export', 'specifications', '--out', out, '--force', '--municipality', '03', '-w', ws]);
    expect(forced.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['03', 'manifest.csv', 'summary.csv']);
    expect(readManifest(path.join(out, 'manifest.csv')).every((r) => r.municipality === '03')).toBe(true);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['spec']);
  });

  it('never replaces a folder that is not a package, nor one holding the workspace', async () => {
    const ws = copyWorkspace(region);
    const other = tempDir();
    fs.writeFileSync(path.join(other, 'notes.txt'), 'мои заметки');
    const r = await run(['export', 'specifications', '--out', other, '--force', '-w', ws]);
    expect(r.code).toBe(2);
    expect(fs.readdirSync(other)).toEqual(['notes.txt']);
    expect((await run(['export', 'specifications', '--out', path.dirname(ws), '--force', '-w', ws])).code).toBe(2);
    expect((await run(['export', 'specifications', '--out', path.join(ws, 'state', 'x'), '-w', ws])).code).toBe(2);
    expect(fs.existsSync(path.join(ws, 'state', 'specifications.json'))).toBe(false);
  });

  it('filters by municipality and publisher (named in any case), and refuses unknown ones', async () => {
    const ws = copyWorkspace(region);
    const out = path.join(tempDir(), 'spec');
    const r = await run(['export', 'specifications', '--out', out, '--municipality', '02', '--publisher', 'просвещение', '--json', '-w', ws]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files).toBe(5);
    expect(readManifest(path.join(out, 'manifest.csv')).map((m) => m.file)).toEqual(['0201', '0203', '0204', '0205', '0206'].map((s) => `02/${s}/Просвещение.xlsx`));
    const state = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'specifications.json'), 'utf8'));
    expect(state.scope).toEqual({ municipality: '02', publisher: 'Просвещение' });
    expect((await run(['export', 'specifications', '--out', path.join(tempDir(), 'a'), '--municipality', '99', '-w', ws])).code).toBe(2);
    const unknown = await run(['export', 'specifications', '--out', path.join(tempDir(), 'b'), '--publisher', 'Вентана', '-w', ws]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Дрофа, Просвещение, Русское слово');
  });

  it('fills the contract number and date from templates, and refuses bad ones', async () => {
    const ws = copyWorkspace(region);
    const out = path.join(tempDir(), 'spec');
    const r = await run(['export', 'specifications', '--out', out, '--municipality', '01', '--contract-number', '{school}/{n}-{year}', '--date', '01.03.2019', '-w', ws]);
    expect(r.code).toBe(0);
    const rows = texts(await sheetRows(path.join(out, '01', '0102', 'Дрофа.xlsx'), SPECIFICATION_SHEET));
    expect(rows[0]![0]).toBe('Спецификация к договору №\u00A00102/4-2018 от «1» марта 2019\u00A0г.');
    const bad = await run(['export', 'specifications', '--out', path.join(tempDir(), 'x'), '--contract-number', '{nomer}', '-w', ws]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('{nomer}');
    expect((await run(['export', 'specifications', '--out', path.join(tempDir(), 'y'), '--date', '30.02.2019', '-w', ws])).code).toBe(2);
    expect((await run(['export', 'specifications', '-w', ws])).code).toBe(2);
  });

  it('exits 1 and writes nothing when no order is formed', async () => {
    const ws = await newWorkspace();
    await ok(['registry', 'import', path.join(F, 'registry.csv'), '-w', ws]);
    const parent = tempDir();
    const r = await run(['export', 'specifications', '--out', path.join(parent, 'spec'), '-w', ws]);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(parent)).toEqual([]);
    expect(fs.existsSync(path.join(ws, 'state', 'specifications.json'))).toBe(false);
  });
});

describe('an interrupted export', () => {
  it('fails on a damaged order half-way, leaving the earlier package whole and no building folder', async () => {
    const ws = copyWorkspace(region);
    const out = path.join(tempDir(), 'spec');
    expect((await run(['export', 'specifications', '--out', out, '-w', ws])).code).toBe(0);
    const before = treeSnapshot(out);
    fs.writeFileSync(path.join(ws, 'state', 'orders', '0303.json'), '{"schema": 1, "school": ');
    const r = await run(['export', 'specifications', '--out', out, '--force', '-w', ws]);
    expect(r.code).toBe(4);
    expect(treeSnapshot(out)).toEqual(before);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['spec']);
  });

  it('killed at any moment, never leaves a manifest listing a file that is not there', async () => {
    const ws = copyWorkspace(region);
    const out = path.join(tempDir(), 'spec');
    for (const ms of [120, 250, 400, 600]) {
      await new Promise<void>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'export', 'specifications', '--out', out, '--force', '--zip', '-w', ws], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
        const timer = setTimeout(() => child.kill('SIGKILL'), ms);
        child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (fs.existsSync(path.join(out, 'manifest.csv'))) {
        for (const r of readManifest(path.join(out, 'manifest.csv'))) expect(sha(path.join(out, r.file))).toBe(r.sha256);
      } else {
        expect(fs.existsSync(out)).toBe(false);
      }
    }
    // the next export removes what the killed ones left and succeeds
    const r = await run(['export', 'specifications', '--out', out, '--force', '-w', ws]);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['spec']);
  });
});

describe('--zip', () => {
  it('adds one archive holding every workbook, the manifest and the summary, byte for byte', async () => {
    const ws = copyWorkspace(region);
    const out = path.join(tempDir(), 'spec');
    const r = await run(['export', 'specifications', '--out', out, '--zip', '--municipality', '03', '--json', '-w', ws]);
    expect(r.code).toBe(0);
    const zipFile = path.join(out, 'specifications.zip');
    expect(JSON.parse(r.stdout).zip).toBe(zipFile);
    const manifest = readManifest(path.join(out, 'manifest.csv'));
    const zip = await openZip(zipFile, zipFile, DEFAULT_LIMITS);
    try {
      for (const name of ['manifest.csv', 'summary.csv', ...manifest.map((m) => m.file)]) {
        const part = zip.part(name);
        expect(part, name).toBeDefined();
        // readAll checks the CRC-32 the archive declares
        expect((await zip.readAll(part!)).equals(fs.readFileSync(path.join(out, name)))).toBe(true);
      }
    } finally {
      zip.close();
    }
    const listing = execFileSync('unzip', ['-Z1', zipFile], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toHaveLength(manifest.length + 2);
  });
});

const SOFFICE = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();
if (!SOFFICE) console.warn('export: soffice is not on PATH; the LibreOffice PDF conversion of a specification is NOT run');

describe('printing', () => {
  it.runIf(SOFFICE)('a specification opens in LibreOffice and converts to an A4 landscape PDF with its signatures', async () => {
    const ws = copyWorkspace(region);
    const out = path.join(tempDir(), 'spec');
    expect((await run(['export', 'specifications', '--out', out, '--municipality', '01', '-w', ws])).code).toBe(0);
    const pdfDir = tempDir();
    const profile = path.join(os.tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
    try {
      execFileSync(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, path.join(out, '01', '0101', 'Просвещение.xlsx')], { stdio: 'pipe', timeout: 120_000 });
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
    const pdf = fs.readFileSync(path.join(pdfDir, 'Просвещение.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdf.toString('latin1');
    // A4 landscape: 842 × 595 points
    expect(text).toMatch(/\/MediaBox\s*\[\s*0 0 841\.8\d* 595\.\d+\s*\]/);
    let plain: string | undefined;
    try {
      plain = execFileSync('pdftotext', ['-layout', path.join(pdfDir, 'Просвещение.pdf'), '-'], { encoding: 'utf8' });
    } catch {
      console.warn('export: pdftotext is not installed; the PDF text is not checked');
    }
    if (plain !== undefined) {
      expect(plain).toContain('Спецификация к договору');
      expect(plain).toContain('Пятьсот девяносто шесть тысяч восемьсот восемьдесят два рубля 58 копеек');
      // the signature block is printed whole on the last page, with «Итого»
      const pages = plain.split('\f').filter((p) => p.trim());
      const last = pages[pages.length - 1]!;
      for (const s of ['Итого:', 'Заказчик:', 'Поставщик:', 'М.П.']) expect(last).toContain(s);
    }
  });
});

describe.runIf(realDataPresent())('VAT per rate on the real Мнемозина price list', () => {
  it('states the 10 % and 18 % VAT of book and book + CD items, each summed from its lines', async () => {
    const ws = await newWorkspace();
    await ok(['registry', 'import', path.join(F, 'registry.csv'), '-w', ws]);
    const load = await run(['pricelist', 'load', path.join(REAL_DATA, 'pricelists', 'mnemo.csv'), '--publisher', 'Мнемозина', '-w', ws]);
    expect(load.code).toBe(0);
    const dir = tempDir();
    const order = path.join(dir, '0101.csv');
    // «Букварь» + электронное приложение at 18 %, the book alone and the electronic supplement at 10 %
    fs.writeFileSync(order, 'Издательство;Код издательства;Класс;Количество\nМнемозина;201.401.0Д.ХХ;1;27\nМнемозина;201.401.0К.ХХ;1;29\nМнемозина;201.401.ЭЛ.ХХ;1;3\n');
    await ok(['order', 'submit', order, '--school', '0101', '-w', ws]);
    await ok(['order', 'agree', '--school', '0101', '-w', ws]);
    await ok(['order', 'form', '--school', '0101', '-w', ws]);
    const out = path.join(dir, 'spec');
    const r = await run(['export', 'specifications', '--out', out, '--json', '-w', ws]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    // 27 × 917,61 = 24 775,47 → НДС 18 %: 3 779,31; 29 × 630,58 = 18 286,82 → 1 662,44 and 3 × 125,96 = 377,88 → 34,35 at 10 %
    expect(json.total).toEqual({ copies: 59, sum_kopecks: 4344017, vat_kopecks: 547610 });
    expect(json.publishers[0].vat).toEqual([
      { rate: 10, sum_kopecks: 1828682 + 37788, vat_kopecks: 166244 + 3435 },
      { rate: 18, sum_kopecks: 2477547, vat_kopecks: 377931 },
    ]);
    const rows = texts(await sheetRows(path.join(out, '01', '0101', 'Мнемозина.xlsx'), SPECIFICATION_SHEET)).map((r) => r.join('|'));
    expect(rows).toContain('в т.ч. НДС 10\u00A0%:||||||||||1696.79');
    expect(rows).toContain('в т.ч. НДС 18\u00A0%:||||||||||3779.31');
    expect(rows.some((l) => l.startsWith('В т.ч. НДС 10\u00A0%: 1\u00A0696,79 руб.; НДС 18\u00A0%: 3\u00A0779,31 руб.'))).toBe(true);
    expect(rows).toContain('Сумма прописью: Сорок три тысячи четыреста сорок рублей 17 копеек');
  });
});
