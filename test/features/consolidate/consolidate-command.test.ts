import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openWorkbook } from '../../../src/io/sheets/open.js';
import { readDataSheet } from '../../../src/io/sheets/data-sheet.js';
import { loadOrder, loadOrders, saveOrder } from '../../../src/features/order/index.js';
import { openWorkspace } from '../../../src/io/workspace/index.js';
import type { SheetRow } from '../../../src/io/sheets/types.js';
import { FIXTURES, newWorkspace, run, tempDir, treeSnapshot } from '../../support/cli.js';

const REGION = path.join(FIXTURES, 'region');

/** The example region with every valid school order submitted, agreed and formed. */
async function formedRegion(): Promise<string> {
  const ws = await newWorkspace();
  const w = ['-w', ws];
  const step = async (args: string[], ok = [0]) => {
    const r = await run([...args, ...w]);
    if (!ok.includes(r.code)) throw new Error(`${args.join(' ')} → ${r.code}: ${r.stderr}`);
  };
  await step(['registry', 'import', path.join(REGION, 'registry.csv')]);
  await step(['pricelist', 'load', path.join(REGION, 'pricelists/prosveshchenie.xlsx'), '--publisher', 'Просвещение']);
  await step(['pricelist', 'load', path.join(REGION, 'pricelists/drofa.csv'), '--publisher', 'Дрофа']);
  await step(['pricelist', 'load', path.join(REGION, 'pricelists/russkoe-slovo.xlsx'), '--publisher', 'Русское слово']);
  const orders = fs.readdirSync(path.join(REGION, 'orders')).filter((n) => /\.(xlsx|csv)$/.test(n)).map((n) => path.join(REGION, 'orders', n));
  // four of the example orders have planted mistakes and are refused: exit 1
  await step(['order', 'submit', ...orders], [1]);
  for (const m of ['01', '02', '03']) {
    await step(['order', 'agree', '--municipality', m]);
    await step(['order', 'form', '--municipality', m]);
  }
  return ws;
}

/** A copy of a prepared workspace, for tests that change it. */
function copyOf(ws: string): string {
  const dir = path.join(tempDir(), 'ws');
  fs.cpSync(ws, dir, { recursive: true });
  return dir;
}

/** Σ of the formed school orders straight from the order store, per publisher. */
async function formedTotals(ws: string, municipality?: string): Promise<Map<string, { copies: number; sum_kopecks: number }>> {
  const out = new Map<string, { copies: number; sum_kopecks: number }>();
  for (const o of loadOrders(await openWorkspace(ws))) {
    if (municipality && o.municipality !== municipality) continue;
    const formed = [...o.versions].reverse().find((v) => v.state === 'formed');
    for (const l of formed?.lines ?? []) {
      const t = out.get(l.publisher) ?? { copies: 0, sum_kopecks: 0 };
      out.set(l.publisher, { copies: t.copies + l.quantity, sum_kopecks: t.sum_kopecks + l.quantity * l.price_kopecks });
    }
  }
  return out;
}

async function sheetRows(file: string, sheet: string): Promise<SheetRow[]> {
  const wb = await openWorkbook(file);
  try {
    const rows: SheetRow[] = [];
    for await (const r of (await wb.sheet(sheet)).rows()) rows.push(r);
    return rows;
  } finally {
    await wb.close();
  }
}

interface ConsolidationJson {
  scope: string;
  municipality?: string;
  round: number;
  missing: string[];
  publishers: { publisher: string; copies: number; sum_kopecks: number; lines: number }[];
  total: { copies: number; sum_kopecks: number };
  files: string[];
}

let region: string;
beforeAll(async () => {
  region = await formedRegion();
});

describe('consolidate municipality', () => {
  it('writes one workbook per publisher whose totals are the formed school orders, to the kopeck', async () => {
    const ws = copyOf(region);
    const r = await run(['consolidate', 'municipality', '01', '--json', '-w', ws]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as ConsolidationJson;
    expect(doc.scope).toBe('municipality');
    expect(doc.round).toBe(1);
    // 0103 and 0105 carry planted mistakes: never stored, so not formed
    expect(doc.missing).toEqual(['0103', '0105']);
    expect(r.stderr).toContain('0103, 0105');
    const expected = await formedTotals(ws, '01');
    expect(doc.publishers.map((p) => p.publisher)).toEqual(['Дрофа', 'Просвещение', 'Русское слово']);
    for (const p of doc.publishers) expect({ copies: p.copies, sum_kopecks: p.sum_kopecks }).toEqual(expected.get(p.publisher));
    expect(doc.total.sum_kopecks).toBe(doc.publishers.reduce((n, p) => n + p.sum_kopecks, 0));
    expect(doc.files).toEqual([
      path.join(ws, 'out', 'consolidation', '01', '01_Дрофа.xlsx'),
      path.join(ws, 'out', 'consolidation', '01', '01_Просвещение.xlsx'),
      path.join(ws, 'out', 'consolidation', '01', '01_Русское_слово.xlsx'),
    ].map((f) => fs.realpathSync(path.dirname(f)) + path.sep + path.basename(f)));
    for (const f of doc.files) expect(fs.existsSync(f)).toBe(true);
  });

  it('lays out items × schools with formulas whose cached values add up, a signature sheet and a hidden data sheet', async () => {
    const ws = copyOf(region);
    const doc = JSON.parse((await run(['consolidate', 'municipality', '01', '--json', '-w', ws])).stdout) as ConsolidationJson;
    const file = doc.files.find((f) => f.includes('Просвещение'))!;
    const prosv = doc.publishers.find((p) => p.publisher === 'Просвещение')!;

    const wb = await openWorkbook(file);
    expect(wb.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Свод', false],
      ['Для подписи', false],
      ['_uchebnik', true],
    ]);
    await wb.close();

    const main = await sheetRows(file, 'Свод');
    const header = Array.from(main.find((r) => r.row === 5)!.cells, (c) => c?.value ?? null);
    expect(header.slice(0, 8)).toEqual(['№', '№ ФП', 'Код издательства', 'Авторы, наименование', 'Класс', 'Цена, руб.', 'Итого', null]);
    expect(header[8]).toBe('0101 МКОУ лицей № 1 г. Заречный');
    const sub = Array.from(main.find((r) => r.row === 6)!.cells, (c) => c?.value ?? null);
    expect(sub.slice(6, 10)).toEqual(['Кол-во', 'Сумма, руб.', 'Кол-во', 'Сумма, руб.']);

    const data = main.filter((r) => r.row > 6 && typeof r.cells[0]?.value === 'number');
    expect(data).toHaveLength(prosv.lines);
    for (const r of data) {
      const qty = r.cells[6]!;
      expect(qty.formula).toBe(`SUMIF($I$6:$T$6,"Кол-во",I${r.row}:T${r.row})`);
      let copies = 0;
      for (let c = 8; c < sub.length; c += 2) {
        const q = r.cells[c]?.value;
        if (typeof q !== 'number') continue;
        copies += q;
        expect(r.cells[c + 1]!.formula).toBe(`F${r.row}*${String.fromCharCode(65 + c)}${r.row}`);
        expect(Math.round((r.cells[c + 1]!.value as number) * 100)).toBe(Math.round((r.cells[5]!.value as number) * 100) * q);
      }
      expect(qty.value).toBe(copies);
    }
    const totals = main[main.length - 1]!;
    expect(totals.cells[0]!.value).toBe('Итого');
    expect(totals.cells[6]!.formula).toBe(`SUM(G7:G${totals.row - 1})`);
    expect(totals.cells[6]!.value).toBe(prosv.copies);
    expect(Math.round((totals.cells[7]!.value as number) * 100)).toBe(prosv.sum_kopecks);

    const sign = (await sheetRows(file, 'Для подписи')).map((r) => Array.from(r.cells, (c) => c?.value ?? '').join(' '));
    expect(sign.some((l) => l.includes('Руководитель УО'))).toBe(true);
    expect(sign.filter((l) => /^Директор ОО .+ \(о верности заказа\)/.test(l.trim()))).toHaveLength(6);

    const sheet = readDataSheet(await sheetRows(file, '_uchebnik'))!;
    const campaign = JSON.parse(fs.readFileSync(path.join(ws, 'uchebnik.json'), 'utf8')).campaign.id;
    expect(sheet.checksumOk).toBe(true);
    expect(sheet.meta).toMatchObject({ kind: 'consolidation-municipality', campaign, municipality: '01', publisher: 'Просвещение', round: '1' });
    expect(sheet.columns.slice(0, 7)).toEqual(['school', 'municipality', 'publisher', 'item_key', 'grade', 'quantity', 'price_kopecks']);
    const sum = sheet.rows.reduce((n, r) => n + (r[5] as number) * (r[6] as number), 0);
    expect(sum).toBe(prosv.sum_kopecks);
  });

  it('records the run for the deadlines module, and a repeated run changes nothing in the state', async () => {
    const ws = copyOf(region);
    expect((await run(['consolidate', 'municipality', '02', '-w', ws])).code).toBe(0);
    const state = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'consolidations', '02.json'), 'utf8'));
    expect(state).toMatchObject({ schema: 1, scope: 'municipality', municipality: '02' });
    expect(state.runs).toHaveLength(1);
    expect(state.runs[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+04:00$/);
    expect(state.runs[0].round).toBe(1);
    expect(state.runs[0].publishers[0]).toEqual(expect.objectContaining({ publisher: 'Дрофа', copies: expect.any(Number), sum_kopecks: expect.any(Number) }));

    const before = treeSnapshot(path.join(ws, 'state'));
    const journal = fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8');
    const again = await run(['consolidate', 'municipality', '02', '-w', ws]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Заказы не менялись');
    expect(treeSnapshot(path.join(ws, 'state'))).toEqual(before);
    expect(fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8')).toBe(journal);
  });

  it('doctor tells a consolidation folder that is not what its run wrote, and the next run puts it right', async () => {
    const ws = copyOf(region);
    expect((await run(['consolidate', 'municipality', '02', '-w', ws])).code).toBe(0);
    const dir = path.join(ws, 'out', 'consolidation', '02');
    const workbooks = fs.readdirSync(dir).sort();
    expect(workbooks.length).toBeGreaterThan(1);
    // no staging folder is left beside it
    expect(fs.readdirSync(path.dirname(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
    expect((await run(['doctor', '-w', ws])).code).toBe(0);
    fs.rmSync(path.join(dir, workbooks[0]!));
    fs.appendFileSync(path.join(dir, workbooks[1]!), 'x');
    const doctor = await run(['doctor', '--json', '--lang', 'en', '-w', ws]);
    const problems = (JSON.parse(doctor.stdout) as { problems: { code: string; severity: string; path: string; message: string }[] }).problems;
    expect(problems.map((p) => [p.code, p.severity, path.basename(p.path)])).toEqual([
      ['workspace-output-stale', 'warning', workbooks[0]],
      ['workspace-output-stale', 'warning', workbooks[1]],
    ]);
    expect(problems[0]!.message).toContain('uchebnik consolidate municipality 02');
    const again = await run(['consolidate', 'municipality', '02', '-w', ws]);
    expect(again.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(workbooks);
    expect(JSON.parse((await run(['doctor', '--json', '-w', ws])).stdout).problems).toEqual([]);
  });

  it('is round 2 once a school counts a corrected formed version, and records a new run', async () => {
    const ws = copyOf(region);
    await run(['consolidate', 'municipality', '01', '-w', ws]);
    // a corrected order (version 2, formed) for 0101: one copy less of its first line
    const w = await openWorkspace(ws);
    const record = loadOrder(w, '0101')!;
    const v1 = record.versions[0]!;
    const lines = v1.lines.map((l, i) => (i === 0 ? { ...l, quantity: l.quantity - 1 } : l));
    record.versions.push({ ...v1, version: 2, lines, totals: { copies: v1.totals.copies - 1, sum_kopecks: v1.totals.sum_kopecks - v1.lines[0]!.price_kopecks } });
    await w.withLock('test', () => saveOrder(w, record));

    const doc = JSON.parse((await run(['consolidate', 'municipality', '01', '--json', '-w', ws])).stdout) as ConsolidationJson;
    expect(doc.round).toBe(2);
    const expected = await formedTotals(ws, '01');
    for (const p of doc.publishers) expect(p.sum_kopecks).toBe(expected.get(p.publisher)!.sum_kopecks);
    const state = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'consolidations', '01.json'), 'utf8'));
    expect(state.runs.map((x: { round: number }) => x.round)).toEqual([1, 2]);
  });

  it('writes to --out and speaks English with --lang en', async () => {
    const ws = copyOf(region);
    const out = tempDir();
    const r = await run(['consolidate', 'municipality', '03', '--out', out, '--lang', 'en', '-w', ws]);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['03_Дрофа.xlsx', '03_Просвещение.xlsx', '03_Русское_слово.xlsx']);
    expect(r.stdout).toContain('Publisher');
    expect(r.stderr).toContain('Consolidation of municipality 03 recorded');
  });

  it('refuses an unknown municipality (exit 2) and has nothing to consolidate without formed orders (exit 1)', async () => {
    const ws = copyOf(region);
    const unknown = await run(['consolidate', 'municipality', '99', '-w', ws]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('99');

    const empty = await newWorkspace();
    await run(['registry', 'import', path.join(REGION, 'registry.csv'), '-w', empty]);
    const before = treeSnapshot(empty);
    const r = await run(['consolidate', 'municipality', '01', '-w', empty]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('нет сформированных заказов');
    expect(treeSnapshot(empty)).toEqual(before);
  });
});

describe('consolidate region', () => {
  it('equals the sum of the municipal consolidations and of the formed school orders', async () => {
    const ws = copyOf(region);
    const municipal = [];
    for (const m of ['01', '02', '03']) municipal.push(JSON.parse((await run(['consolidate', 'municipality', m, '--json', '-w', ws])).stdout) as ConsolidationJson);
    const r = await run(['consolidate', 'region', '--json', '-w', ws]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as ConsolidationJson;
    expect(doc.scope).toBe('region');
    expect(doc.total).toEqual({
      copies: municipal.reduce((n, m) => n + m.total.copies, 0),
      sum_kopecks: municipal.reduce((n, m) => n + m.total.sum_kopecks, 0),
    });
    const expected = await formedTotals(ws);
    for (const p of doc.publishers) {
      expect({ copies: p.copies, sum_kopecks: p.sum_kopecks }).toEqual(expected.get(p.publisher));
      const perMunicipality = municipal.flatMap((m) => m.publishers.filter((q) => q.publisher === p.publisher));
      expect(perMunicipality.reduce((n, q) => n + q.sum_kopecks, 0)).toBe(p.sum_kopecks);
    }

    const file = doc.files.find((f) => f.includes('Дрофа'))!;
    expect(path.basename(file)).toBe('region_Дрофа.xlsx');
    const main = await sheetRows(file, 'Свод');
    expect(main.find((x) => x.row === 5)!.cells[8]!.value).toBe('01 Город Заречный');
    const detail = await sheetRows(file, 'По школам');
    const last = detail[detail.length - 1]!;
    expect(last.cells[0]!.value).toBe('Итого');
    expect(Math.round((last.cells[9]!.value as number) * 100)).toBe(doc.publishers.find((p) => p.publisher === 'Дрофа')!.sum_kopecks);
    const sheet = readDataSheet(await sheetRows(file, '_uchebnik'))!;
    expect(sheet.meta).toMatchObject({ kind: 'consolidation-region', municipalities: '01,02,03' });
    expect(new Set(sheet.rows.map((x) => x[1]))).toEqual(new Set(['01', '02', '03']));
    // the detail (written from pieces made once per school and row) has the data sheet's lines, one for one
    const detailLines = detail.slice(4, -1).map((x) => [x.cells[0]?.value, x.cells[1]?.value, x.cells[4]?.value ?? '', x.cells[6]?.value, x.cells[7]?.value, x.cells[8]?.value, x.cells[9]?.value]);
    const dataLines = sheet.rows.map((d) => [d[1], d[0], d[9], d[4], (d[6] as number) / 100, d[5], ((d[5] as number) * (d[6] as number)) / 100]);
    expect(detailLines).toEqual(dataLines);
    expect(detail.slice(4, -1).every((x) => typeof x.cells[2]?.value === 'string' && typeof x.cells[5]?.value === 'string')).toBe(true);

    const state = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'consolidations', 'region.json'), 'utf8'));
    expect(state.scope).toBe('region');
    expect(state.runs[0].total).toEqual(doc.total);
  });

  it('splits a detail larger than --detail-lines into workbooks by municipality, which import reads back to the same totals', async () => {
    const ws = copyOf(region);
    const whole = JSON.parse((await run(['consolidate', 'region', '--json', '-w', ws])).stdout) as ConsolidationJson;
    const r = await run(['consolidate', 'region', '--json', '--detail-lines', '15', '--out', path.join(tempDir(), 'split'), '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as ConsolidationJson;
    expect(doc.total).toEqual(whole.total);
    const drofa = doc.files.filter((f) => path.basename(f).startsWith('region_Дрофа'));
    expect(drofa.map((f) => path.basename(f))).toEqual(['region_Дрофа.xlsx', 'region_Дрофа_по_школам_01.xlsx', 'region_Дрофа_по_школам_02.xlsx', 'region_Дрофа_по_школам_03.xlsx']);
    // the main workbook has no detail sheet and a data sheet that covers no municipality
    const wb = await openWorkbook(drofa[0]!);
    try {
      expect(wb.sheets.map((x) => x.name)).not.toContain('По школам');
    } finally {
      await wb.close();
    }
    const mainData = readDataSheet(await sheetRows(drofa[0]!, '_uchebnik'))!;
    expect(mainData.meta).toMatchObject({ municipalities: '', detail_workbooks: '3' });
    expect(mainData.rows).toEqual([]);
    // each part: whole municipalities, its own totals row, a data sheet of exactly its lines
    const covered: string[] = [];
    let kopecks = 0;
    for (const f of drofa.slice(1)) {
      const data = readDataSheet(await sheetRows(f, '_uchebnik'))!;
      expect(data.checksumOk).toBe(true);
      covered.push(...data.meta['municipalities']!.split(','));
      expect(new Set(data.rows.map((x) => x[1]))).toEqual(new Set(data.meta['municipalities']!.split(',')));
      const detail = await sheetRows(f, 'По школам');
      expect(detail.length - 5).toBe(data.rows.length); // three title rows, a header and the totals row
      kopecks += Math.round((detail[detail.length - 1]!.cells[9]!.value as number) * 100);
    }
    expect(covered).toEqual(['01', '02', '03']);
    expect(kopecks).toBe(doc.publishers.find((p) => p.publisher === 'Дрофа')!.sum_kopecks);

    // diff refuses the main workbook, whose data sheet has no lines (exit 3), and compares parts
    const refused = await run(['diff', drofa[0]!, drofa[0]!, '-w', ws]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('по школам 01');
    expect((await run(['diff', drofa[1]!, drofa[1]!, '-w', ws])).code).toBe(0);

    // a workspace with the catalogue and none of the orders: every file of the split consolidation imported
    const fresh = copyOf(region);
    fs.rmSync(path.join(fresh, 'state', 'orders'), { recursive: true });
    fs.rmSync(path.join(fresh, 'state', 'consolidations'), { recursive: true, force: true });
    const imported = await run(['import', ...doc.files, '-w', fresh]);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    const again = JSON.parse((await run(['consolidate', 'region', '--json', '-w', fresh])).stdout) as ConsolidationJson;
    expect(again.publishers).toEqual(whole.publishers);
    expect(again.total).toEqual(whole.total);
  });

  it('removes the detail parts of an earlier run that this one does not write', async () => {
    const ws = copyOf(region);
    const dir = path.join(ws, 'out', 'consolidation', 'region');
    const onDisk = () => fs.readdirSync(dir).filter((n) => n.includes('по_школам')).sort();
    const consolidate = async (extra: string[]) => {
      const r = await run(['consolidate', 'region', '--json', ...extra, '-w', ws]);
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as ConsolidationJson).files.map((f) => path.basename(f)).filter((n) => n.includes('по_школам')).sort();
    };
    const many = await consolidate(['--detail-lines', '15']);
    expect(onDisk()).toEqual(many);
    const fewer = await consolidate(['--detail-lines', '120']);
    expect(fewer.length).toBeLessThan(many.length);
    expect(onDisk()).toEqual(fewer);
    expect(await consolidate([])).toEqual([]);
    expect(onDisk()).toEqual([]);
  });

  it('refuses a --detail-lines that is not a whole number above zero (exit 2)', async () => {
    const r = await run(['consolidate', 'region', '--detail-lines', '0', '-w', copyOf(region)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--detail-lines');
  });
});
