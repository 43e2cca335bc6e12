/**
 * `uchebnik journal show` and the journal's hash chain (issue 18): entries filtered by date, command
 * and school; a line edited or removed by hand is reported by `doctor` (exit 4) with its number, and
 * a journal written before the chain existed still reads and checks clean.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendJournal, lineHash, verifyChain } from '../../../src/io/workspace/journal.js';
import { withLock } from '../../../src/io/workspace/lock.js';
import { newWorkspace, run } from '../../support/cli.js';
import { ORDERS_DIR, regionWorkspace } from '../../support/order-fixtures.js';

interface Shown {
  entries: { line: number; command: string; school?: string; prev?: string }[];
  chain: { ok: boolean; broken: { line: number; previous: number }[] };
}

async function withOrders(): Promise<string> {
  const ws = await regionWorkspace();
  expect((await run(['order', 'submit', path.join(ORDERS_DIR, '0101.xlsx'), path.join(ORDERS_DIR, '0102.xlsx'), '-w', ws])).code).toBe(0);
  expect((await run(['order', 'return', '--school', '0102', '--reason', 'нет 5 класса', '-w', ws])).code).toBe(0);
  return ws;
}

const journalLines = (ws: string) => fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8').split('\n').filter((l) => l !== '');

describe('uchebnik journal show', () => {
  it('lists entries with their line numbers, filtered by command, school and date', async () => {
    const ws = await withOrders();
    const all = JSON.parse((await run(['journal', 'show', '--json', '-w', ws])).stdout) as Shown;
    expect(all.chain).toEqual({ ok: true, broken: [] });
    expect(all.entries.map((e) => e.line)).toEqual(journalLines(ws).map((_, i) => i + 1));
    expect(all.entries.at(-1)).toMatchObject({ command: 'order return', school: '0102' });

    const orders = JSON.parse((await run(['journal', 'show', '--command', 'order', '--json', '-w', ws])).stdout) as Shown;
    // submit journals each file it stores, then the submission
    expect(orders.entries.map((e) => e.command)).toEqual(['order submit', 'order submit', 'order submit', 'order return']);
    expect(all.entries.filter((e) => e.command.startsWith('order')).map((e) => e.line)).toEqual(orders.entries.map((e) => e.line));
    const school = JSON.parse((await run(['journal', 'show', '--school', '0102', '--json', '-w', ws])).stdout) as Shown;
    expect(school.entries.map((e) => e.command)).toEqual(['order submit', 'order submit', 'order return']);
    const other = JSON.parse((await run(['journal', 'show', '--school', '0305', '--json', '-w', ws])).stdout) as Shown;
    expect(other.entries).toEqual([]);
    const future = JSON.parse((await run(['journal', 'show', '--since', '2100-01-01', '--json', '-w', ws])).stdout) as Shown;
    expect(future.entries).toEqual([]);
    expect((JSON.parse((await run(['journal', 'show', '--since', '2000-01-01', '--json', '-w', ws])).stdout) as Shown).entries).toHaveLength(all.entries.length);

    const table = await run(['journal', 'show', '--command', 'order return', '-w', ws]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('нет 5 класса');
    expect((await run(['journal', 'show', '--since', 'когда-то', '-w', ws])).code).toBe(2);
  });

  it('chains each line to the one before it', async () => {
    const ws = await withOrders();
    const lines = journalLines(ws);
    lines.forEach((line, i) => expect((JSON.parse(line) as { prev: string }).prev).toBe(lineHash(i === 0 ? '' : lines[i - 1]!)));
    expect((await run(['doctor', '-w', ws])).code).toBe(0);
  });

  it('appends several entries in one write, each chained to the one before it', async () => {
    // order submit journals the versions of its concurrent stores together (src/features/order/submit.ts)
    const ws = await newWorkspace();
    const before = journalLines(ws).length;
    await withLock(ws, 'order submit', () =>
      appendJournal(ws, [1, 2, 3].map((v) => ({ command: 'order submit', changed: [`state/orders/010${v}.json`], storing: { school: `010${v}`, version: 1 } }))),
    );
    const lines = journalLines(ws);
    expect(lines.length).toBe(before + 3);
    expect(lines.slice(before).map((l) => (JSON.parse(l) as { storing: { school: string } }).storing.school)).toEqual(['0101', '0102', '0103']);
    expect(verifyChain(lines)).toEqual([]);
    expect((await run(['doctor', '-w', ws])).code).toBe(0);
  });

  it('chains to the line really last: the one it appended, or one another writer added or tore since', async () => {
    // appendJournal remembers the line it appended last (src/io/workspace/journal.ts lastAppended)
    const ws = await newWorkspace();
    const file = path.join(ws, 'journal.jsonl');
    const append = (school: string) => withLock(ws, 'order submit', () => appendJournal(ws, { command: 'order submit', changed: [`state/orders/${school}.json`] }));
    await append('0101');
    await append('0102');
    // another writer's line, chained by hand; then a torn one
    const theirs = JSON.stringify({ time: '2026-12-08T10:00:00.000+04:00', user: 'other', command: 'order submit', changed: [], prev: lineHash(journalLines(ws).at(-1)!) });
    fs.appendFileSync(file, theirs + '\n');
    await append('0103');
    fs.appendFileSync(file, '{"time":"2026-12');
    await append('0104');
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
    expect(lines.at(-4)).toBe(theirs);
    expect((JSON.parse(lines.at(-3)!) as { prev: string }).prev).toBe(lineHash(theirs));
    expect(lines.at(-2)).toBe('{"time":"2026-12');
    expect((JSON.parse(lines.at(-1)!) as { prev: string; changed: string[] }).changed).toEqual(['state/orders/0104.json']);
    expect((JSON.parse(lines.at(-1)!) as { prev: string }).prev).toBe(lineHash('{"time":"2026-12'));
  });

  it('doctor reports a line edited by hand, and a line removed, with the line number (exit 4)', async () => {
    const ws = await withOrders();
    const file = path.join(ws, 'journal.jsonl');
    const original = journalLines(ws);
    const edited = [...original];
    edited[2] = edited[2]!.replace('"user":"', '"user":"x');
    fs.writeFileSync(file, edited.join('\n') + '\n');
    const doctor = await run(['doctor', '--json', '-w', ws]);
    expect(doctor.code).toBe(4);
    const problems = (JSON.parse(doctor.stdout) as { problems: { code: string; params: Record<string, number> }[] }).problems.filter((p) => p.code === 'workspace-journal-chain-broken');
    expect(problems.map((p) => p.params)).toEqual([{ line: 4, previous: 3 }]);
    expect((await run(['doctor', '-w', ws])).stdout).toContain('строка 3 изменена');
    const shown = await run(['journal', 'show', '-w', ws]);
    expect(shown.code).toBe(4);
    expect(shown.stderr).toContain('изменён вручную');

    fs.writeFileSync(file, original.filter((_, i) => i !== 1).join('\n') + '\n');
    const removed = JSON.parse((await run(['doctor', '--json', '-w', ws])).stdout) as { problems: { code: string; params: Record<string, number> }[] };
    expect(removed.problems.filter((p) => p.code === 'workspace-journal-chain-broken').map((p) => p.params)).toEqual([{ line: 2, previous: 1 }]);
  });

  it('keeps reading a journal written before the chain, and chains what is appended to it', async () => {
    const ws = await regionWorkspace();
    const file = path.join(ws, 'journal.jsonl');
    const legacy = journalLines(ws).map((l) => {
      const { prev: _prev, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify(rest);
    });
    fs.writeFileSync(file, legacy.join('\n') + '\n');
    expect((await run(['doctor', '-w', ws])).code).toBe(0);
    expect((await run(['order', 'submit', path.join(ORDERS_DIR, '0101.xlsx'), '-w', ws])).code).toBe(0);
    const lines = journalLines(ws);
    const n = legacy.length;
    expect(lines.slice(0, n)).toEqual(legacy);
    expect((JSON.parse(lines[n]!) as { prev: string }).prev).toBe(lineHash(legacy.at(-1)!));
    expect(verifyChain(lines)).toEqual([]);
    // the last legacy line is covered by the first chained one; the legacy lines before it are not
    const tampered = [...lines];
    tampered[n - 1] = `${lines[n - 1]} `;
    expect(verifyChain(tampered)).toEqual([{ line: n + 1, previous: n }]);
    tampered[0] = `${lines[0]} `;
    expect(verifyChain(tampered)).toEqual([{ line: n + 1, previous: n }]);
    expect((await run(['doctor', '-w', ws])).code).toBe(0);
  });
});
