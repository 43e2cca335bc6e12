/**
 * Data-driven overflow (issue #22 item 3): sums beyond Number.MAX_SAFE_INTEGER kopecks are the data's
 * fault — a price like an ISBN pasted into the price column — so `consolidate` and `export
 * specifications` report an `amount-overflow` finding naming the entity and exit 1, never exit 70
 * «внутренняя ошибка программы», and write nothing. The state is written directly: a price list load
 * refuses such prices (money.ts implausiblePrice), but a workspace may already hold them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../../src/core/model/order-lifecycle.js';
import { openWorkspace } from '../../../src/io/workspace/workspace.js';
import { saveOrder } from '../../../src/features/order/store.js';
import { savePriceList } from '../../../src/features/pricelist/store.js';
import { saveRegistry } from '../../../src/features/registry/store.js';
import { newWorkspace, run, tempDir, type RunResult } from '../../support/cli.js';

const HUGE = 4_503_599_627_370_496; // 2^52 kopecks: a safe price, two copies of it are not a safe sum

function formed(school: string, municipality: string, quantity: number, price = HUGE): OrderRecord {
  return {
    school,
    municipality,
    versions: [
      {
        version: 1,
        state: 'formed',
        submitted_at: '2018-03-01T10:00:00+04:00',
        agreed_at: '2018-03-02T10:00:00+04:00',
        formed_at: '2018-03-03T10:00:00+04:00',
        source: { file: `${school}.csv`, sha256: 'a'.repeat(64), stored: 'inputs/a.csv' },
        lines: [{ publisher: 'Изд', item_key: 'K-1', grade: 2, quantity, price_kopecks: price }],
        totals: { copies: quantity, sum_kopecks: 0 },
        errors: 0,
      },
    ],
  };
}

async function workspace(orders: OrderRecord[], schools: string[] = orders.map((o) => o.school)): Promise<string> {
  const dir = await newWorkspace();
  const ws = await openWorkspace(dir);
  await ws.withLock('test', async () => {
    await saveRegistry(ws, {
      municipalities: [{ code: '01', name: 'МО 1' }],
      schools: schools.map((code) => ({ code, short_name: `Школа ${code}`, full_name: `Школа ${code}`, municipality: '01', inn: '1801001689' })),
    });
    await savePriceList(ws, {
      publisher: 'Изд',
      versions: [
        {
          version: 1,
          loaded_at: '2018-02-01T10:00:00+04:00',
          source: { file: 'p.csv', sha256: 'b'.repeat(64), stored: 'inputs/b.csv' },
          items: [{ key: 'K-1', item_code: 'K-1', publisher: 'Изд', authors: 'А', title: 'Книга', grade_from: 2, grade_to: 2, price_kopecks: HUGE, vat_rate: 10 }],
        },
      ],
    });
    for (const o of orders) await saveOrder(ws, o);
  });
  return dir;
}

function reportsOverflow(r: RunResult, what: string): void {
  expect(r.code, `${what}: ${r.stderr}`).toBe(1);
  expect(r.stderr + r.stdout, what).not.toMatch(/внутренняя ошибка|internal error|\n\s+at /u);
}

describe('an overflowing sum is a finding, not an internal error', () => {
  it('consolidate municipality and region: a total of two safe lines beyond the safe range', async () => {
    const ws = await workspace([formed('0101', '01', 1), formed('0102', '01', 1)]);
    for (const args of [['consolidate', 'municipality', '01'], ['consolidate', 'region']]) {
      const r = await run([...args, '-w', ws, '--json']);
      reportsOverflow(r, args.join(' '));
      const doc = JSON.parse(r.stdout) as { ok: boolean; findings: { code: string; severity: string; message: string; params: Record<string, unknown> }[] };
      expect(doc.ok).toBe(false);
      expect(doc.findings).toHaveLength(1);
      expect(doc.findings[0]).toMatchObject({ code: 'amount-overflow', severity: 'error' });
      expect(doc.findings[0]!.message).toMatch(/Изд|01/u);
    }
    expect(fs.existsSync(path.join(ws, 'out', 'consolidation'))).toBe(false);
    expect(fs.existsSync(path.join(ws, 'state', 'consolidations'))).toBe(false);
  });

  it('consolidate: a line whose quantity × price is beyond the range names the school and the item', async () => {
    const ws = await workspace([formed('0101', '01', 3)]);
    const r = await run(['consolidate', 'region', '-w', ws]);
    reportsOverflow(r, 'consolidate region');
    expect(r.stdout).toContain('amount-overflow');
    expect(r.stdout).toContain('0101');
    expect(r.stdout).toContain('K-1');
    const en = await run(['consolidate', 'region', '-w', ws, '--lang', 'en']);
    expect(en.stdout).toMatch(/beyond exact counting.*school «0101»/u);
  });

  it('export specifications: one school over the range, or a package total over it; the earlier package stays', async () => {
    for (const orders of [[formed('0101', '01', 3)], [formed('0101', '01', 1), formed('0102', '01', 1)]]) {
      const ws = await workspace(orders);
      const out = path.join(tempDir(), 'spec');
      const r = await run(['export', 'specifications', '--out', out, '-w', ws, '--json']);
      reportsOverflow(r, 'export specifications');
      expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ code: 'amount-overflow' });
      expect(fs.existsSync(out)).toBe(false);
      expect(fs.readdirSync(path.dirname(out))).toEqual([]);
    }
  });

  it('order history and status still show a workspace holding such an order', async () => {
    const ws = await workspace([formed('0101', '01', 1)]);
    const r = await run(['order', 'history', '--school', '0101', '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('order submit --force of a line whose sum overflows', () => {
  it('ends with exit 1 and a reason, never exit 70', async () => {
    const ws = await workspace([], ['0101']);
    const file = path.join(tempDir(), '0101.csv');
    fs.writeFileSync(file, '\uFEFFКод ОО:;0101\r\nИздательство;Код издательства;Наименование;Класс;Цена, руб.;Количество\r\nИзд;K-1;Книга;2;45035996273704,96;3\r\n');
    const r = await run(['order', 'submit', file, '--school', '0101', '--force', '-w', ws]);
    reportsOverflow(r, 'order submit --force');
    expect(r.stderr).toMatch(/количество «3», цена 45\s035\s996\s273\s704,96 ₽/u);
  });
});
