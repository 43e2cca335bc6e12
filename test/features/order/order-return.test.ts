/**
 * `uchebnik order return --school CODE --reason TEXT` (issue 18): the specialist returns a draft or
 * an agreed version with a comment; `order status` and `status` count it as returned, agree/form
 * refuse it, the journal has the reason, and the school's next submit is a new draft version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../support/cli.js';
import { ORDERS_DIR, regionWorkspace } from '../../support/order-fixtures.js';

const REASON = 'нет заказа на 5 класс';

describe('uchebnik order return', () => {
  it('returns an order with its reason, shows it, refuses to agree it, and a new submit starts a new version', async () => {
    const ws = await regionWorkspace();
    const file = path.join(ORDERS_DIR, '0101.xlsx');
    expect((await run(['order', 'submit', file, '-w', ws])).code).toBe(0);
    expect((await run(['order', 'agree', '--school', '0101', '-w', ws])).code).toBe(0);

    const r = await run(['order', 'return', '--school', '0101', '--reason', REASON, '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(REASON);

    const status = JSON.parse((await run(['order', 'status', '--json', '-w', ws])).stdout) as {
      schools: { code: string; state: string; return_reason?: string }[];
      municipalities: { municipality: string; returned: number; agreed: number }[];
    };
    expect(status.schools.find((s) => s.code === '0101')).toMatchObject({ state: 'returned', return_reason: REASON });
    expect(status.municipalities.find((m) => m.municipality === '01')).toMatchObject({ returned: 1, agreed: 0 });
    const table = await run(['order', 'status', '--municipality', '01', '-w', ws]);
    expect(table.stdout).toContain('возвращён');
    expect(table.stdout).toContain(REASON);
    const overall = JSON.parse((await run(['status', '--json', '-w', ws])).stdout) as { orders: { total: { returned: number } }; missing: { code: string; state: string }[] };
    expect(overall.orders.total.returned).toBe(1);
    expect(overall.missing.find((m) => m.code === '0101')?.state).toBe('returned');

    const journal = fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(journal.at(-1)).toMatchObject({ command: 'order return', school: '0101', version: 1, reason: REASON });

    // a returned version is not agreed or formed; returning it again with the same reason changes nothing
    expect((await run(['order', 'agree', '--school', '0101', '-w', ws])).code).toBe(1);
    expect((await run(['order', 'form', '--school', '0101', '-w', ws])).code).toBe(1);
    const again = await run(['order', 'return', '--school', '0101', '--reason', REASON, '-w', ws]);
    expect(again.code).toBe(0);
    expect(fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8').trim().split('\n')).toHaveLength(journal.length);

    // the school's corrected file is a new draft version
    const corrected = path.join(path.dirname(ws), '0101-corrected.csv');
    fs.copyFileSync(path.join(ORDERS_DIR, '0205.csv'), corrected);
    const resubmit = await run(['order', 'submit', corrected, '--school', '0101', '-w', ws]);
    expect(resubmit.code, resubmit.stderr).toBe(0);
    const history = JSON.parse((await run(['order', 'history', '--school', '0101', '--json', '-w', ws])).stdout) as { versions: { version: number; state: string; return_reason?: string }[] };
    expect(history.versions.map((v) => [v.version, v.state, v.return_reason])).toEqual([
      [1, 'returned', REASON],
      [2, 'draft', undefined],
    ]);
    expect((await run(['order', 'agree', '--school', '0101', '-w', ws])).code).toBe(0);
  });

  it('refuses a formed order, an empty reason and an unknown school', async () => {
    const ws = await regionWorkspace();
    expect((await run(['order', 'submit', path.join(ORDERS_DIR, '0102.xlsx'), '-w', ws])).code).toBe(0);
    expect((await run(['order', 'return', '--school', '0102', '--reason', '  ', '-w', ws])).code).toBe(2);
    expect((await run(['order', 'return', '--school', '9999', '--reason', REASON, '-w', ws])).code).toBe(2);
    for (const step of ['agree', 'form']) expect((await run(['order', step, '--school', '0102', '-w', ws])).code).toBe(0);
    const formed = await run(['order', 'return', '--school', '0102', '--reason', REASON, '-w', ws]);
    expect(formed.code).toBe(1);
    expect(formed.stderr).toContain('order submit');
  });
});
