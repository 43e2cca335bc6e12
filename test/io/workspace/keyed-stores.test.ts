/**
 * State stores keyed by entity names (src/io/workspace/keyed.ts, issue #22 item 2): two names
 * that sanitise alike keep two files, plain names keep the file they always had, and a workspace
 * written before the hash suffix is read and migrated.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../../src/core/model/order-lifecycle.js';
import { initWorkspace, type Workspace } from '../../../src/io/workspace/workspace.js';
import { loadConsolidation, loadConsolidations, saveConsolidation } from '../../../src/features/consolidate/store.js';
import { eachOrder, loadOrder, loadOrders, orderStateName, saveOrder } from '../../../src/features/order/store.js';
import { loadPriceList, loadPriceLists, priceListStateName, savePriceList, type StoredPriceList } from '../../../src/features/pricelist/store.js';
import { loadVacancies, vacancyStateName } from '../../../src/features/vacancies/store.js';
import { useTempDirs } from '../../support/workspace-tmp.js';

const tempDir = useTempDirs();
const CAMPAIGN = { year: 2026, region: 'Тестовая область', timezone: 'Europe/Samara' };

const newWorkspace = (): Promise<Workspace> => initWorkspace(tempDir(), CAMPAIGN);

function priceList(publisher: string, title = 'Букварь'): StoredPriceList {
  return {
    publisher,
    versions: [
      {
        version: 1,
        loaded_at: '2026-01-10T10:00:00+04:00',
        source: { file: 'p.xlsx', sha256: 'a'.repeat(64), stored: 'inputs/a.xlsx' },
        items: [{ key: 'k1', publisher, authors: 'А', title, grade_from: 1, grade_to: 1, price_kopecks: 10000, vat_rate: 10 }],
      },
    ],
  };
}

function order(school: string, municipality = '77'): OrderRecord {
  return {
    school,
    municipality,
    versions: [
      {
        version: 1,
        state: 'draft',
        submitted_at: '2026-02-01T10:00:00+04:00',
        source: { file: `${school}.xlsx`, sha256: 'b'.repeat(64), stored: 'inputs/b.xlsx' },
        lines: [],
        totals: { copies: 0, sum_kopecks: 0 },
        errors: 0,
      },
    ],
  };
}

const stateFiles = (ws: Workspace, dir: string) => fs.readdirSync(path.join(ws.root, 'state', dir)).sort();
const writeLegacy = (ws: Workspace, rel: string, body: object) => {
  fs.mkdirSync(path.dirname(path.join(ws.root, 'state', rel)), { recursive: true });
  fs.writeFileSync(path.join(ws.root, 'state', rel), JSON.stringify({ schema: 1, ...body }));
};

describe('keyed state stores', () => {
  it('keep plain names at the file they always had', () => {
    expect(priceListStateName('Просвещение')).toBe('pricelists/Просвещение');
    expect(orderStateName('0101')).toBe('orders/0101');
    expect(orderStateName('124-001')).toBe('orders/124-001');
    expect(vacancyStateName('0101')).toBe('vacancies/0101');
  });

  it('give «Русское слово» and «Русское_слово» two price lists', async () => {
    const ws = await newWorkspace();
    await ws.withLock('test', async () => {
      await savePriceList(ws, priceList('Русское слово', 'Первый'));
      await savePriceList(ws, priceList('Русское_слово', 'Второй'));
    });
    expect(loadPriceList(ws, 'Русское слово')?.versions[0]!.items[0]!.title).toBe('Первый');
    expect(loadPriceList(ws, 'Русское_слово')?.versions[0]!.items[0]!.title).toBe('Второй');
    expect(loadPriceLists(ws).map((p) => p.publisher).sort()).toEqual(['Русское слово', 'Русское_слово'].sort());
    expect(stateFiles(ws, 'pricelists')).toHaveLength(2);
  });

  it('give «77 01», «77_01», «77/01» and «77\\u202e01» four orders', async () => {
    const ws = await newWorkspace();
    const codes = ['77 01', '77_01', '77/01', '77\u202e01', '../77_01'];
    await ws.withLock('test', async () => {
      for (const c of codes) await saveOrder(ws, order(c));
    });
    for (const c of codes) expect(loadOrder(ws, c)?.school).toBe(c);
    expect(loadOrders(ws).map((r) => r.school).sort()).toEqual([...codes].sort());
    expect(stateFiles(ws, 'orders')).toHaveLength(codes.length);
  });

  it('keep the region and a municipality coded «region» apart', async () => {
    const ws = await newWorkspace();
    await ws.withLock('test', async () => {
      await saveConsolidation(ws, undefined, { scope: 'region', runs: [] });
      await saveConsolidation(ws, 'region', { scope: 'municipality', municipality: 'region', runs: [] });
    });
    expect(loadConsolidation(ws, undefined)?.scope).toBe('region');
    expect(loadConsolidation(ws, 'region')?.scope).toBe('municipality');
    expect(loadConsolidations(ws)).toHaveLength(2);
  });

  it('read a workspace written before the hash and move its files when they are next saved', async () => {
    const ws = await newWorkspace();
    // Before issue #22 «Русское слово» was kept at Русское_слово.json, and «77 01» at 77_01.json.
    writeLegacy(ws, 'pricelists/Русское_слово.json', priceList('Русское слово', 'Старый'));
    writeLegacy(ws, 'orders/77_01.json', order('77 01'));
    writeLegacy(ws, 'vacancies/77_01.json', { school: '77 01', municipality: '77', submitted_at: 'x', classes: 1, places: 1, vacancies: 0, errors: 0, source: { file: 'v', sha256: 'c', stored: 'i' } });
    expect(loadPriceList(ws, 'Русское слово')?.versions[0]!.items[0]!.title).toBe('Старый');
    expect(loadPriceList(ws, 'Русское_слово')).toBeUndefined();
    expect(loadOrder(ws, '77 01')?.school).toBe('77 01');
    expect(loadOrder(ws, '77_01')).toBeUndefined();
    expect(loadVacancies(ws).map((v) => v.school)).toEqual(['77 01']);

    // The new «Русское_слово» takes its file: the old publisher's list moves to its own key first.
    await ws.withLock('test', () => savePriceList(ws, priceList('Русское_слово', 'Новый')));
    expect(loadPriceList(ws, 'Русское слово')?.versions[0]!.items[0]!.title).toBe('Старый');
    expect(loadPriceList(ws, 'Русское_слово')?.versions[0]!.items[0]!.title).toBe('Новый');
    expect(stateFiles(ws, 'pricelists')).toEqual([`${priceListStateName('Русское слово').split('/')[1]}.json`, 'Русское_слово.json'].sort());

    // Saving the old school moves it; its legacy file is gone.
    await ws.withLock('test', () => saveOrder(ws, order('77 01', '78')));
    expect(stateFiles(ws, 'orders')).toEqual([`${orderStateName('77 01').split('/')[1]}.json`]);
    expect(loadOrder(ws, '77 01')?.municipality).toBe('78');
  });

  it('list an entity once when a killed save left its legacy copy beside the new file', async () => {
    const ws = await newWorkspace();
    await ws.withLock('test', () => saveOrder(ws, order('77 01', 'new')));
    writeLegacy(ws, 'orders/77_01.json', order('77 01', 'old'));
    expect([...eachOrder(ws)].map((r) => r.municipality)).toEqual(['new']);
    expect(loadOrder(ws, '77 01')?.municipality).toBe('new');
  });
});

describe('keyed state stores on a file system that ignores case', () => {
  it('give «ДРОФА» the hashed key when «Дрофа»’s file answers for it, and find both', async () => {
    const ws = await newWorkspace();
    await ws.withLock('test', () => savePriceList(ws, priceList('Дрофа', 'Первый')));
    // What Windows and macOS show at state/pricelists/ДРОФА.json: the file of «Дрофа».
    fs.copyFileSync(path.join(ws.root, 'state/pricelists/Дрофа.json'), path.join(ws.root, 'state/pricelists/ДРОФА.json'));
    await ws.withLock('test', () => savePriceList(ws, priceList('ДРОФА', 'Второй')));
    expect(JSON.parse(fs.readFileSync(path.join(ws.root, 'state/pricelists/ДРОФА.json'), 'utf8')).publisher).toBe('Дрофа');
    expect(loadPriceList(ws, 'Дрофа')?.versions[0]!.items[0]!.title).toBe('Первый');
    expect(loadPriceList(ws, 'ДРОФА')?.versions[0]!.items[0]!.title).toBe('Второй');
  });
});
