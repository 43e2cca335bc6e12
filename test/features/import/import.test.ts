import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, newWorkspace, run, tempDir, treeSnapshot } from '../../support/cli.js';
import { formatOrder, parseOrder } from '../../../src/features/order/order-file.js';

const REGION = path.join(FIXTURES, 'region');
const PRICELISTS: [string, string][] = [
  ['prosveshchenie.xlsx', 'Просвещение'],
  ['drofa.csv', 'Дрофа'],
  ['russkoe-slovo.xlsx', 'Русское слово'],
];

async function must(args: string[], ok = [0]): Promise<string> {
  const r = await run(args);
  if (!ok.includes(r.code)) throw new Error(`${args.join(' ')} → ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** A workspace with the example registry and price lists, no orders. */
async function catalogueOnly(init: string[] = []): Promise<string> {
  const ws = await newWorkspace(init);
  await must(['registry', 'import', path.join(REGION, 'registry.csv'), '-w', ws]);
  for (const [file, publisher] of PRICELISTS) await must(['pricelist', 'load', path.join(REGION, 'pricelists', file), '--publisher', publisher, '-w', ws]);
  return ws;
}

/** The example region with every valid order formed. */
async function formedRegion(): Promise<string> {
  const ws = await catalogueOnly();
  const orders = fs.readdirSync(path.join(REGION, 'orders')).filter((n) => /\.(xlsx|csv)$/.test(n)).map((n) => path.join(REGION, 'orders', n));
  await must(['order', 'submit', ...orders, '-w', ws], [1]);
  for (const m of ['01', '02', '03']) {
    await must(['order', 'agree', '--municipality', m, '-w', ws]);
    await must(['order', 'form', '--municipality', m, '-w', ws]);
  }
  return ws;
}

function copyOf(ws: string): string {
  const dir = path.join(tempDir(), 'ws');
  fs.cpSync(ws, dir, { recursive: true });
  return dir;
}

interface Json {
  publishers: { publisher: string; copies: number; sum_kopecks: number; lines: number }[];
  total: { copies: number; sum_kopecks: number };
  files: string[];
}

/** Consolidates every municipality of `ws`; the workbooks written. */
async function municipalFiles(ws: string): Promise<string[]> {
  const files: string[] = [];
  for (const m of ['01', '02', '03']) files.push(...(JSON.parse(await must(['consolidate', 'municipality', m, '--json', '-w', ws])) as Json).files);
  return files;
}

const totals = (j: Json) => ({ total: j.total, publishers: j.publishers.map(({ publisher, copies, sum_kopecks, lines }) => ({ publisher, copies, sum_kopecks, lines })) });

/** A copy of `file` with its data sheet changed by `edit` (exceljs, as a person's spreadsheet program would). */
async function edited(file: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  edit(wb.getWorksheet('_uchebnik')!);
  const out = path.join(tempDir(), path.basename(file));
  await wb.xlsx.writeFile(out);
  return out;
}

function dataRowAfterHeader(ws: ExcelJS.Worksheet): number {
  let n = 0;
  ws.eachRow((row, r) => {
    if (row.getCell(1).value === 'checksum') n = r + 2;
  });
  return n;
}

let municipal: string;
let files: string[];
beforeAll(async () => {
  municipal = await formedRegion();
  files = await municipalFiles(municipal);
});

describe('import', () => {
  it('round trip: municipal consolidations imported into the regional workspace give exactly the same regional totals', async () => {
    const regional = await catalogueOnly();
    const r = await run(['import', ...files, '--json', '-w', regional]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(true);
    expect(report.imported.stored).toHaveLength(16);
    expect(report.imported.stored.every((s: { version: number }) => s.version === 1)).toBe(true);

    const status = JSON.parse(await must(['order', 'status', '--json', '-w', regional]));
    expect(status.schools.filter((s: { state: string }) => s.state === 'formed')).toHaveLength(16);

    const here = JSON.parse(await must(['consolidate', 'region', '--json', '-w', regional])) as Json;
    const there = JSON.parse(await must(['consolidate', 'region', '--json', '-w', copyOf(municipal)])) as Json;
    expect(totals(here)).toEqual(totals(there));
    expect(here.total.sum_kopecks).toBeGreaterThan(0);
    expect((await run(['doctor', '-w', regional])).code).toBe(0);
  });

  it('is idempotent: the same files again change nothing', async () => {
    const regional = await catalogueOnly();
    await must(['import', ...files, '-w', regional]);
    const before = treeSnapshot(regional);
    const again = await run(['import', ...files, '-w', regional]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('школ с новой версией: 0, без изменений: 16');
    expect(treeSnapshot(regional)).toEqual(before);
  });

  it('a newer consolidation replaces the publisher\'s lines of its municipality, keeping the other publishers', async () => {
    const regional = await catalogueOnly();
    await must(['import', ...files, '-w', regional]);

    // 0101 drops every Просвещение line in a corrected order, formed in the municipal workspace
    const ws = copyOf(municipal);
    const file = path.join(ws, 'state', 'orders', '0101.json');
    // The order as the store keeps it (src/features/order/order-file.ts), edited as a record.
    const record = parseOrder(fs.readFileSync(file, 'utf8'), file);
    const v1 = record.versions[0];
    const lines = v1.lines.filter((l: { publisher: string }) => l.publisher !== 'Просвещение');
    record.versions.push({ ...v1, version: 2, lines, totals: { copies: 0, sum_kopecks: 0 } });
    fs.writeFileSync(file, formatOrder(record));
    const newer = (JSON.parse(await must(['consolidate', 'municipality', '01', '--json', '-w', ws])) as Json).files.find((f) => f.includes('Просвещение'))!;

    const r = await run(['import', newer, '--json', '-w', regional]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).imported.stored).toEqual([{ school: '0101', version: 2 }]);
    const storedFile = path.join(regional, 'state', 'orders', '0101.json');
    const stored = parseOrder(fs.readFileSync(storedFile, 'utf8'), storedFile);
    const publishers = new Set(stored.versions[1]!.lines.map((l) => l.publisher));
    expect(publishers.has('Просвещение')).toBe(false);
    expect(publishers.has('Дрофа')).toBe(true);

    const here = JSON.parse(await must(['consolidate', 'region', '--json', '-w', regional])) as Json;
    const there = JSON.parse(await must(['consolidate', 'region', '--json', '-w', ws])) as Json;
    expect(totals(here)).toEqual(totals(there));
  });

  it('refuses a hand-edited data sheet (import-edited) unless --force', async () => {
    const regional = await catalogueOnly();
    const file = await edited(files[0]!, (ws) => {
      const cell = ws.getRow(dataRowAfterHeader(ws)).getCell(6);
      cell.value = Number(cell.value) + 100;
    });
    const before = treeSnapshot(regional);
    const r = await run(['import', file, '--json', '-w', regional]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toContain('import-edited');
    expect(treeSnapshot(regional)).toEqual(before);

    const forced = await run(['import', file, '--force', '--json', '-w', regional]);
    expect(forced.code).toBe(1);
    expect(JSON.parse(forced.stdout).imported.stored.length).toBeGreaterThan(0);
  });

  it('refuses a data sheet of a newer schema outright (exit 3), changing nothing', async () => {
    const regional = await catalogueOnly();
    const file = await edited(files[0]!, (ws) => {
      ws.eachRow((row) => {
        if (row.getCell(1).value === 'schema') row.getCell(2).value = '99';
      });
    });
    const before = treeSnapshot(regional);
    const r = await run(['import', file, ...files.slice(1), '-w', regional]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('более новой версией');
    expect(treeSnapshot(regional)).toEqual(before);
  });

  it('refuses another campaign unless --any-campaign', async () => {
    const other = await catalogueOnly();
    const marker = path.join(other, 'uchebnik.json');
    const config = JSON.parse(fs.readFileSync(marker, 'utf8'));
    config.campaign.region = 'Другая область';
    fs.writeFileSync(marker, JSON.stringify(config));
    const r = await run(['import', files[0]!, '--json', '-w', other]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].code).toBe('import-campaign-mismatch');
    const ok = await run(['import', files[0]!, '--any-campaign', '-w', other]);
    expect(ok.code).toBe(0);
  });

  it('reports schools the registry lacks, and files that are not consolidations', async () => {
    const bare = await newWorkspace();
    const r = await run(['import', files[0]!, '--json', '-w', bare]);
    expect(r.code).toBe(1);
    const codes = JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code);
    expect(codes).toContain('import-school-unknown');
    expect(codes).toContain('import-item-unknown');
    expect(fs.existsSync(path.join(bare, 'state', 'orders'))).toBe(false);

    const notOurs = await run(['import', path.join(REGION, 'pricelists', 'prosveshchenie.xlsx'), '-w', bare]);
    expect(notOurs.code).toBe(3);
    expect(notOurs.stdout).toContain('file-unreadable');

    const template = path.join(tempDir(), 'form.xlsx');
    await must(['order', 'template', '--school', '0101', '--out', template, '-w', municipal]);
    const kind = await run(['import', template, '--json', '-w', bare]);
    expect(kind.code).toBe(1);
    expect(JSON.parse(kind.stdout).findings[0].code).toBe('import-kind-unsupported');
  });
});
