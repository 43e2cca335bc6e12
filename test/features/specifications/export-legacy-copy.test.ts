/**
 * An order file left beside a school's own file by a workspace from before keys carried a hash (a
 * save killed before it removed the copy, src/io/workspace/keyed.ts): the export counts each school's
 * order once, by the order store's own rule (`isLeftBehindOrder`) — the copy is left behind only when
 * the file at the school's key holds that school's order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrderAt, orderStateName, saveOrder } from '../../../src/features/order/index.js';
import { openWorkspace } from '../../../src/io/workspace/index.js';
import { run, tempDir } from '../../support/cli.js';
import { csvRows } from '../../support/csv-out.js';
import { formedRegion } from '../../support/formed-region.js';

/** The manifest's rows (without the sha256, empty here) of a --manifest-only export. */
async function manifest(ws: string): Promise<string[][]> {
  const out = path.join(tempDir(), 'spec');
  const r = await run(['export', 'specifications', '--out', out, '--manifest-only', '-w', ws]);
  expect(r.code, r.stderr).toBe(0);
  return csvRows(path.join(out, 'manifest.csv')).slice(1);
}

/** A copy of 0201's order with a quantity more on each line, at a legacy name listed before 0201's own file. */
async function withLegacyCopy(): Promise<{ ws: string; copy: string; own: string }> {
  const root = await formedRegion();
  const ws = await openWorkspace(root);
  const original = loadOrderAt(ws, orderStateName('0201'))!;
  const older = { ...original, versions: original.versions.map((v) => ({ ...v, lines: v.lines.map((l) => ({ ...l, quantity: l.quantity + 1 })) })) };
  await ws.withLock('test', () => saveOrder(ws, older));
  const own = ws.stateFile(orderStateName('0201'));
  const copy = path.join(path.dirname(own), `0200_copy${path.extname(own)}`);
  fs.copyFileSync(own, copy);
  await ws.withLock('test', () => saveOrder(ws, original));
  return { ws: root, copy, own };
}

describe('export specifications and a legacy copy of an order', () => {
  it("counts the school once, from the file at its key, when that file holds the school's order", async () => {
    const plain = await manifest(await formedRegion());
    const { ws } = await withLegacyCopy();
    expect(await manifest(ws)).toEqual(plain);
  });

  it('counts the copy as the school’s order when the file at its key holds another school', async () => {
    const plain = await manifest(await formedRegion());
    const { ws, copy, own } = await withLegacyCopy();
    // the copy is the only file left holding 0201; the file at 0201's key holds 0203's order (a hand's
    // doing): not a copy left behind, so 0201 is not dropped from the package, nor 0203 counted twice
    fs.copyFileSync(copy.replace('0200_copy', '0203'), own);
    const rows = await manifest(ws);
    const schools = (r: string[][]) => r.map((x) => x[1]);
    expect(schools(rows).filter((s) => s === '0203')).toEqual(schools(plain).filter((s) => s === '0203'));
    expect(schools(rows)).toContain('0201');
    // its lines are the copy's: a copy more on each line than the order at the key had
    const copies = (r: string[][], school: string) => r.filter((x) => x[1] === school);
    expect(copies(rows, '0201').length).toBe(copies(plain, '0201').length);
    expect(copies(rows, '0201')).not.toEqual(copies(plain, '0201'));
  });
});
