/**
 * The order store's compact format (src/features/order/order-file.ts, schema 2 of issue 20): the same
 * orders back as written, the first line alone giving the versions, schema 1 files still read and
 * rewritten as schema 2 (by a save, by `doctor --fix`), and damage refused in both and reported by doctor.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../../src/core/model/order-lifecycle.js';
import { initWorkspace, type Workspace } from '../../../src/io/workspace/workspace.js';
import { formatOrder, parseOrder, readOrderHead } from '../../../src/features/order/order-file.js';
import { eachOrder, eachOrderHead, loadOrder, loadOrderAt, saveOrder } from '../../../src/features/order/store.js';
import { orderFiles } from '../../../src/features/order/doctor.js';
import { checkWorkspace } from '../../../src/io/workspace/doctor.js';
import { useTempDirs } from '../../support/workspace-tmp.js';

const tempDir = useTempDirs();
const newWorkspace = (): Promise<Workspace> => initWorkspace(tempDir(), { year: 2026, region: 'Тестовая область', timezone: 'Europe/Samara' });

const SOURCE = { file: 'Школа №1 "лучшая".xlsx', sha256: 'a'.repeat(64), stored: `inputs/${'a'.repeat(64)}.xlsx` };

/** Two versions, the first returned with a reason over two lines; lines with and without a row, three publishers. */
function order(school = '0101'): OrderRecord {
  return {
    school,
    municipality: '01',
    versions: [
      {
        version: 1,
        state: 'returned',
        submitted_at: '2026-02-01T10:00:00.000+04:00',
        returned_at: '2026-02-02T10:00:00.000+04:00',
        return_reason: 'Нет 5 класса,\nисправьте "Дрофу"',
        source: SOURCE,
        lines: [{ publisher: 'Дрофа', item_key: 'code:"D1"', grade: 5, quantity: 0, price_kopecks: 1, row: 6 }],
        totals: { copies: 0, sum_kopecks: 0 },
        errors: 2,
        forced: true,
      },
      {
        version: 2,
        state: 'formed',
        submitted_at: '2026-02-03T10:00:00.000+04:00',
        agreed_at: '2026-02-04T10:00:00.000+04:00',
        formed_at: '2026-02-05T10:00:00.000+04:00',
        source: SOURCE,
        lines: [
          { publisher: 'Просвещение', item_key: 'code:P1', grade: 1, quantity: 25, price_kopecks: 45_678, row: 6 },
          { publisher: 'Дрофа', item_key: 'isbn:978-5-00', grade: 11, quantity: 3, price_kopecks: 99_999_999 },
          { publisher: 'Бином. Лаборатория знаний', item_key: 'code:B1', grade: 1, quantity: 1, price_kopecks: 0, row: 8 },
          { publisher: 'Просвещение', item_key: 'code:P2', grade: 2, quantity: 7, price_kopecks: 12_345, row: 9 },
        ],
        totals: { copies: 36, sum_kopecks: 300_000_000 },
        errors: 0,
      },
    ],
  };
}

const withoutLines = (r: OrderRecord) => ({ ...r, versions: r.versions.map(({ lines: _lines, ...v }) => v) });

/** An order file as uchebnik wrote it before issue 20 (Workspace.writeState: pretty-printed, schema 1). */
function writeSchema1(ws: Workspace, record: OrderRecord, name = record.school): string {
  const file = path.join(ws.root, 'state', 'orders', `${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ schema: 1, ...record }, null, 2) + '\n');
  return file;
}

describe('the order file at schema 2', () => {
  it('gives back the order it was written from, and the same text for the same order', () => {
    const text = formatOrder(order());
    expect(parseOrder(text, 'f')).toEqual(order());
    expect(formatOrder(parseOrder(text, 'f'))).toBe(text);
    // Plain JSON a person can read: one order line per text line, each publisher named once.
    expect(JSON.parse(text)).toMatchObject({ schema: 2, school: '0101', publishers: ['Дрофа', 'Просвещение', 'Бином. Лаборатория знаний'] });
    expect(text.split('\n')).toContain('[0,"isbn:978-5-00",11,3,99999999],');
    expect(text.match(/"Дрофа"/gu)).toHaveLength(1);
  });

  it('keeps the versions on the first line, read alone by readOrderHead', async () => {
    const ws = await newWorkspace();
    await ws.withLock('test', () => saveOrder(ws, order()));
    const file = path.join(ws.root, 'state/orders/0101.json');
    const first = fs.readFileSync(file, 'utf8').split('\n')[0]!;
    expect(JSON.parse(`${first.slice(0, -1)}}`)).toEqual({ schema: 2, ...withoutLines(order()) });
    // Lines damaged after the first line are not read by it (doctor and every full reader refuse them).
    fs.appendFileSync(file, 'garbage');
    expect(readOrderHead(file)).toEqual(withoutLines(order()));
    expect(readOrderHead(path.join(ws.root, 'state/orders/none.json'))).toBeUndefined();

    // A first line longer than one read (a long reason, Cyrillic letters split between two reads).
    const long = order('0102');
    long.versions[0]!.return_reason = 'причина '.repeat(2000);
    await ws.withLock('test', () => saveOrder(ws, long));
    expect(readOrderHead(path.join(ws.root, 'state/orders/0102.json'))).toEqual(withoutLines(long));
  });

  it('refuses what schema 1 refused, and a newer schema', () => {
    const good = formatOrder(order());
    const damaged = (text: string) => expect(() => parseOrder(text, 'F')).toThrow(expect.objectContaining({ key: 'workspace.damaged', params: expect.objectContaining({ file: 'F' }) }));
    damaged(good.replace('[1,"code:P1",1,25,', '[1,"code:P1",1,-25,'));
    damaged(good.replace('[1,"code:P1",1,25,', '[1,"code:P1",1.5,25,'));
    damaged(good.replace('[1,"code:P1",1,25,', '[7,"code:P1",1,25,'));
    damaged(good.replace('[1,"code:P1",1,25,45678,6]', '[1,"code:P1",1,25]'));
    damaged(good.replace('"line_columns":["publisher"', '"line_columns":["publisher_name"'));
    damaged(good.replace('"state":"formed"', '"state":"done"'));
    damaged(good.slice(0, -20));
    expect(() => parseOrder(good.replace('"schema":2', '"schema":3'), 'F')).toThrow(
      expect.objectContaining({ key: 'workspace.newer-schema', params: { file: 'F', found: 3, supported: 2 } }),
    );
    const v1 = JSON.stringify({ schema: 1, ...order() }, null, 2);
    expect(parseOrder(v1, 'F')).toEqual(order());
    damaged(v1.replace('"quantity": 25', '"quantity": -25'));
  });
});

const doctor = async (ws: Workspace, fix = false) =>
  (await checkWorkspace(ws.root, { fix, checks: [orderFiles] })).problems.map((p) => `${p.severity} ${p.code} ${p.path}${p.fixed ? ' fixed' : ''}`);

describe('a workspace with orders of schema 1', () => {
  it('reads them as they were; a save and doctor --fix write schema 2 with the same orders', async () => {
    const ws = await newWorkspace();
    const old = ['0101', '0102', '0103'].map((s) => writeSchema1(ws, order(s)));
    expect(loadOrder(ws, '0101')).toEqual(order('0101'));
    expect([...eachOrder(ws)]).toEqual([order('0101'), order('0102'), order('0103')]);
    expect([...eachOrderHead(ws)]).toEqual([order('0101'), order('0102'), order('0103')].map(withoutLines));

    await ws.withLock('test', () => saveOrder(ws, order('0101')));
    expect(fs.readFileSync(old[0]!, 'utf8')).toBe(formatOrder(order('0101')));
    expect(await doctor(ws)).toEqual(['warning workspace-state-old-schema state/orders/0102.json', 'warning workspace-state-old-schema state/orders/0103.json']);
    expect(await doctor(ws, true)).toEqual(['warning workspace-state-old-schema state/orders/0102.json fixed', 'warning workspace-state-old-schema state/orders/0103.json fixed']);
    for (const file of old) expect(fs.readFileSync(file, 'utf8')).toMatch(/^\{"schema":2,/u);
    expect([...eachOrder(ws)]).toEqual([order('0101'), order('0102'), order('0103')]);
    expect(await doctor(ws)).toEqual([]);
  });

  it('migrates a legacy file where it is, and reports a damaged file of either schema without rewriting it', async () => {
    const ws = await newWorkspace();
    writeSchema1(ws, order('77 01'), '77_01');
    const bad1 = writeSchema1(ws, order('0102'));
    fs.writeFileSync(bad1, fs.readFileSync(bad1, 'utf8').replace('"quantity": 25', '"quantity": -25'));
    const bad2 = path.join(ws.root, 'state/orders/0103.json');
    fs.writeFileSync(bad2, formatOrder(order('0103')).replace('[1,"code:P1",1,25,', '[1,"code:P1",1,"25",'));
    const before = [fs.readFileSync(bad1, 'utf8'), fs.readFileSync(bad2, 'utf8')];
    expect(await doctor(ws, true)).toEqual([
      'error workspace-state-damaged state/orders/0102.json',
      'error workspace-state-damaged state/orders/0103.json',
      'warning workspace-state-old-schema state/orders/77_01.json fixed',
    ]);
    expect([fs.readFileSync(bad1, 'utf8'), fs.readFileSync(bad2, 'utf8')]).toEqual(before);
    expect(() => loadOrder(ws, '0102')).toThrow(expect.objectContaining({ key: 'workspace.damaged' }));
    expect(() => loadOrder(ws, '0103')).toThrow(expect.objectContaining({ key: 'workspace.damaged' }));
    expect(loadOrderAt(ws, 'orders/77_01')).toEqual(order('77 01'));
    expect(fs.readFileSync(path.join(ws.root, 'state/orders/77_01.json'), 'utf8')).toBe(formatOrder(order('77 01')));
  });
});
