import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, newWorkspace, run, tempDir } from '../../support/cli.js';
import { formatOrder, parseOrder } from '../../../src/features/order/order-file.js';

const REGION = path.join(FIXTURES, 'region');

async function must(args: string[], ok = [0]): Promise<string> {
  const r = await run(args);
  if (!ok.includes(r.code)) throw new Error(`${args.join(' ')} → ${r.code}: ${r.stderr}`);
  return r.stdout;
}

interface Json {
  publishers: { publisher: string; copies: number; sum_kopecks: number }[];
  total: { copies: number; sum_kopecks: number };
  files: string[];
}

let ws: string;
let round1: Json;
let round2: Json;
/** 0101's corrected order: the first line one copy less, the second line gone */
let firstLine: { publisher: string; item_key: string; grade: number; quantity: number; price_kopecks: number };
let secondLine: typeof firstLine;

beforeAll(async () => {
  ws = await newWorkspace();
  await must(['registry', 'import', path.join(REGION, 'registry.csv'), '-w', ws]);
  for (const [file, publisher] of [
    ['prosveshchenie.xlsx', 'Просвещение'],
    ['drofa.csv', 'Дрофа'],
    ['russkoe-slovo.xlsx', 'Русское слово'],
  ] as const) {
    await must(['pricelist', 'load', path.join(REGION, 'pricelists', file), '--publisher', publisher, '-w', ws]);
  }
  const orders = ['0101.xlsx', '0102.xlsx', '0104.xlsx'].map((n) => path.join(REGION, 'orders', n));
  await must(['order', 'submit', ...orders, '-w', ws]);
  await must(['order', 'agree', '--municipality', '01', '-w', ws]);
  await must(['order', 'form', '--municipality', '01', '-w', ws]);
  round1 = JSON.parse(await must(['consolidate', 'municipality', '01', '--out', path.join(tempDir(), 'r1'), '--json', '-w', ws]));

  const file = path.join(ws, 'state', 'orders', '0101.json');
  // The order as the store keeps it (src/features/order/order-file.ts), edited as a record.
  const record = parseOrder(fs.readFileSync(file, 'utf8'), file);
  const v1 = record.versions[0];
  [firstLine, secondLine] = v1.lines;
  const lines = [{ ...firstLine, quantity: firstLine.quantity - 1 }, ...v1.lines.slice(2)];
  record.versions.push({ ...v1, version: 2, lines });
  fs.writeFileSync(file, formatOrder(record));
  round2 = JSON.parse(await must(['consolidate', 'municipality', '01', '--out', path.join(tempDir(), 'r2'), '--json', '-w', ws]));
});

describe('diff of two consolidations', () => {
  it('lists the changed and removed lines per publisher with deltas that match the totals (exit 1)', async () => {
    const publisher = firstLine.publisher;
    const a = round1.files.find((f) => f.includes(publisher))!;
    const b = round2.files.find((f) => f.includes(publisher))!;
    // no workspace needed: run from an empty folder
    const r = await run(['diff', a, b, '--json'], { cwd: tempDir() });
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout);
    expect(d.equal).toBe(false);
    expect(d.from).toMatchObject({ kind: 'consolidation-municipality', municipality: '01', publisher, edited: false });
    const p = d.publishers.find((x: { publisher: string }) => x.publisher === publisher);
    expect(p.changed).toEqual([
      expect.objectContaining({ school: '0101', item_key: firstLine.item_key, grade: firstLine.grade, delta: { copies: -1, sum_kopecks: -firstLine.price_kopecks } }),
    ]);
    if (secondLine.publisher === publisher) {
      expect(p.removed).toEqual([expect.objectContaining({ school: '0101', item_key: secondLine.item_key, delta: { copies: -secondLine.quantity, sum_kopecks: -secondLine.quantity * secondLine.price_kopecks } })]);
    }
    const before = round1.publishers.find((x) => x.publisher === publisher)!;
    const after = round2.publishers.find((x) => x.publisher === publisher)!;
    expect(d.total.delta).toEqual({ copies: after.copies - before.copies, sum_kopecks: after.sum_kopecks - before.sum_kopecks });
    expect(p.changed[0].item).toMatch(/\S/);
  });

  it('says so and exits 0 when they are equal', async () => {
    const other = round1.publishers.map((p) => p.publisher).find((p) => p !== firstLine.publisher && p !== secondLine.publisher);
    const pairs = other ? [[round1.files.find((f) => f.includes(other))!, round2.files.find((f) => f.includes(other))!]] : [[round1.files[0]!, round1.files[0]!]];
    for (const [a, b] of pairs) {
      const r = await run(['diff', a!, b!]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Различий нет');
    }
  });

  it('refuses what is not a consolidation (exit 3) and a bad command line (exit 2)', async () => {
    expect((await run(['diff', path.join(REGION, 'pricelists', 'prosveshchenie.xlsx'), round1.files[0]!])).code).toBe(3);
    expect((await run(['diff', round1.files[0]!])).code).toBe(2);
    expect((await run(['diff', round1.files[0]!, round1.files[1]!, '--from', '1'])).code).toBe(2);
  });
});

describe('diff of two versions of a school\'s order', () => {
  it('compares the latest version with the one before by default (exit 1)', async () => {
    const r = await run(['diff', '--school', '0101', '--json', '-w', ws]);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout);
    expect(d.from).toMatchObject({ school: '0101', version: 1 });
    expect(d.to).toMatchObject({ school: '0101', version: 2 });
    const all = d.publishers.flatMap((p: { changed: unknown[]; removed: unknown[]; added: unknown[] }) => [...p.changed, ...p.removed, ...p.added]);
    expect(all).toHaveLength(2);
    expect(d.total.delta).toEqual({
      copies: -1 - secondLine.quantity,
      sum_kopecks: -firstLine.price_kopecks - secondLine.quantity * secondLine.price_kopecks,
    });
    const human = await run(['diff', '--school', '0101', '--from', '1', '--to', '2', '-w', ws]);
    expect(human.stdout).toContain('удалена');
    expect(human.stdout).toContain('изменена');
  });

  it('equal versions exit 0; unknown versions and schools are usage errors', async () => {
    expect((await run(['diff', '--school', '0101', '--from', '2', '--to', '2', '-w', ws])).code).toBe(0);
    const missing = await run(['diff', '--school', '0101', '--from', '1', '--to', '7', '-w', ws]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('нет версии 7');
    expect((await run(['diff', '--school', '0102', '-w', ws])).code).toBe(2);
    expect((await run(['diff', '--school', '9999', '-w', ws])).code).toBe(2);
    expect((await run(['diff', '--school', '0101', '--from', 'x', '-w', ws])).code).toBe(2);
    const empty = await newWorkspace();
    expect((await run(['diff', '--school', '0101', '-w', empty])).code).toBe(2);
  });
});
