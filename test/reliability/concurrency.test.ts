/**
 * Concurrency (issue #11, docs/file-formats.md#workspace): eight processes submit eight schools' orders to one
 * workspace at the same moment while a ninth runs `deadlines check`. The lock serialises the writers:
 * a process that finds it taken waits (and says so on stderr); it may give up only with exit 4 naming
 * the holder, and then a retry must succeed. Afterwards every submission is stored exactly once, the
 * journal has, per submission, its version's line and the command's, whole and in the order they were made, and doctor finds nothing.
 * Needs the build (`npm test` makes it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalEntrySchema } from '../../src/io/workspace/journal.js';
import { DEFAULT_LOCK_WAIT_MS, openWorkspace } from '../../src/io/workspace/index.js';
import { loadOrders } from '../../src/features/order/store.js';
import { FIXTURES, newWorkspace, run, tempDir } from '../support/cli.js';
import { PRICELIST_FILES, REGISTRY_CSV } from '../support/order-fixtures.js';
import { copyTree, runUntil, sha256, type Exit } from './support.js';

const ROUNDS = 2;
/** eight schools whose fixture orders have no errors */
const SCHOOLS = ['0101', '0102', '0104', '0106', '0107', '0108', '0201', '0203'];
const EN = { UCHEBNIK_LANG: 'en' };

let base = '';
const made: string[] = [];

beforeAll(async () => {
  base = await newWorkspace(['--template', 'textbooks']);
  made.push(path.dirname(base));
  const steps = [['registry', 'import', REGISTRY_CSV], ...PRICELIST_FILES.map(([file, publisher]) => ['pricelist', 'load', file, '--publisher', publisher])];
  for (const args of steps) {
    const r = await run([...args, '-w', base]);
    if (r.code !== 0) throw new Error(`${args.join(' ')} → ${r.code}: ${r.stderr}`);
  }
}, 120_000);

afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

interface Journal {
  time: string;
  command: string;
  submitted?: Record<string, number>;
  storing?: { school: string; version: number };
}

describe('eight submissions and a deadlines check at once', () => {
  it('stores each submission exactly once, journals each once and in order, and never fails but for a lock it waited for', async () => {
    const figures = { rounds: 0, processes: 0, waited: 0, longestWaitMs: 0, exit4: 0, retries: 0, slowestMs: 0, codes: {} as Record<string, number> };
    for (let round = 0; round < ROUNDS; round++) {
      const dir = tempDir('uchebnik-concurrent-');
      made.push(dir);
      const ws = path.join(dir, 'ws');
      copyTree(base, ws);
      const journalBefore = fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8');
      const file = (school: string) => path.join(FIXTURES, 'region', 'orders', `${school}.xlsx`);

      const runs: Promise<Exit>[] = [
        ...SCHOOLS.map((school) => runUntil(['order', 'submit', file(school), '-w', ws], {}, EN)),
        runUntil(['deadlines', 'check', '--as-of', '2018-03-01', '--json', '-w', ws], {}, EN),
      ];
      const results = await Promise.all(runs);
      figures.rounds++;
      figures.processes += results.length;

      for (const [i, r] of results.entries()) {
        const what = i < SCHOOLS.length ? `order submit ${SCHOOLS[i]}` : 'deadlines check';
        figures.codes[String(r.code)] = (figures.codes[String(r.code)] ?? 0) + 1;
        figures.slowestMs = Math.max(figures.slowestMs, Math.round(r.ms));
        const waiting = r.lines.findIndex((l) => /Waiting for command/u.test(l.text));
        if (waiting >= 0) {
          figures.waited++;
          // The wait ends when the next line comes: the submission's own note, written holding the lock.
          const next = r.lines[waiting + 1]?.ms ?? r.ms;
          figures.longestWaitMs = Math.max(figures.longestWaitMs, Math.round(next - r.lines[waiting]!.ms));
        }
        expect(r.stderr, what).not.toMatch(/internal error|at .*\.js:\d+/u);
        if (i === SCHOOLS.length) {
          // Overdue stages on 1 March make it 1; anything else is a failure to read a workspace being written.
          expect([0, 1], `${what}: ${r.stderr}`).toContain(r.code);
          continue;
        }
        if (r.code === 4) {
          figures.exit4++;
          expect(r.stderr, what).toMatch(/Waiting for command/u);
          expect(r.stderr, what).toMatch(/The workspace is busy: command "order submit"/u);
          const again = await runUntil(['order', 'submit', file(SCHOOLS[i]!), '-w', ws], {}, EN);
          figures.retries++;
          expect(again.code, `${what}, retried: ${again.stderr}`).toBe(0);
        } else {
          expect(r.code, `${what}: ${r.stderr}`).toBe(0);
        }
      }

      // Every submission stored exactly once: one record per school with one version, its input kept whole.
      const w = await openWorkspace(ws);
      const orders = loadOrders(w);
      expect(orders.map((o) => o.school).sort()).toEqual([...SCHOOLS].sort());
      for (const o of orders) {
        expect(o.versions.map((v) => [v.version, v.state, v.source.file]), o.school).toEqual([[1, 'draft', `${o.school}.xlsx`]]);
        const [v] = o.versions;
        expect(sha256(path.join(ws, v!.source.stored))).toBe(sha256(file(o.school)));
      }

      // The journal: what it held, then one whole line per submission, in time order.
      const journal = fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8');
      expect(journal.startsWith(journalBefore)).toBe(true);
      expect(journal.endsWith('\n')).toBe(true);
      const added = journal
        .slice(journalBefore.length)
        .split('\n')
        .slice(0, -1)
        .map((line) => {
          const entry = JSON.parse(line) as Journal;
          expect(journalEntrySchema.safeParse(entry).success, line).toBe(true);
          return entry;
        });
      // each submission: its version's line (written before the version is stored), then the command's
      expect(added.map((e) => e.command)).toEqual(SCHOOLS.flatMap(() => ['order submit', 'order submit']));
      const storing = added.filter((e) => e.storing);
      const commands = added.filter((e) => !e.storing);
      expect(storing.map((e) => [e.storing!.school, e.storing!.version]).sort()).toEqual(SCHOOLS.map((s) => [s, 1]));
      expect(commands.flatMap((e) => Object.entries(e.submitted ?? {})).sort()).toEqual(SCHOOLS.map((s) => [s, 1]));
      added.forEach((e, i) => {
        if (e.storing) expect(Object.keys(added[i + 1]!.submitted ?? {})).toEqual([e.storing.school]);
      });
      const times = added.map((e) => Date.parse(e.time));
      expect(times).toEqual([...times].sort((a, b) => a - b));

      const doctor = await run(['doctor', '--json', '-w', ws]);
      expect(doctor.code, doctor.stdout).toBe(0);
      expect((JSON.parse(doctor.stdout) as { problems: unknown[] }).problems).toEqual([]);
      expect(fs.existsSync(path.join(ws, '.lock'))).toBe(false);
    }
    console.log(
      `concurrency: ${figures.rounds} rounds of ${SCHOOLS.length} submits + 1 deadlines check; processes ${figures.processes}, ` +
        `waited for the lock ${figures.waited} (longest wait ${figures.longestWaitMs} ms of the ${DEFAULT_LOCK_WAIT_MS} ms allowed), exit 4 ${figures.exit4} (retried ${figures.retries}), exit codes ${JSON.stringify(figures.codes)}, ` +
        `slowest process ${figures.slowestMs} ms`,
    );
    // All eight writers met at the lock at least once, or this proved nothing about it.
    expect(figures.waited).toBeGreaterThan(0);
  }, 120_000);
});
