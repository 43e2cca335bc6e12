/**
 * Hostile names through every writing command (issue #22 items 1 and 2): school codes, municipality
 * codes and publisher names made by fast-check from separators, `..`, absolute paths, control and
 * bidi characters (U+202E), Windows device names, 1 000-byte names and pairs that collide once
 * sanitised («77 01» / «77_01»), carried through `order template --all --out`, `order template
 * --school` (into the current folder), `order submit`, `order agree`/`form`, `consolidate
 * municipality`/`region`, `export specifications` and `recommendations split`. Nothing may be written outside the workspace
 * and the output folders, no two entities may share a file, no command may end with exit 70.
 *
 * The registry and the price lists are written into the state directly (their readers have their
 * own tests): what is under test is where the writers put things. Bounded: a few runs of a few
 * entities, a few seconds in `npm test`.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../src/core/model/order-lifecycle.js';
import { entityKey } from '../../src/io/workspace/paths.js';
import { saveOrder } from '../../src/features/order/store.js';
import { saveRecommendations } from '../../src/features/recommendations/store.js';
import { savePriceList } from '../../src/features/pricelist/store.js';
import { saveRegistry } from '../../src/features/registry/store.js';
import { openWorkspace } from '../../src/io/workspace/workspace.js';
import { run, tempDir, type RunResult } from '../support/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** Every file and folder under `dir`, relative with `/`, links not followed. */
function listAll(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out.push(path.relative(dir, p).split(path.sep).join('/'));
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

// Pieces a hostile name is made of.
const PIECES = ['..', '/', '\\', '../../', '/tmp/abs', ' ', '_', '.', '\n', '\u001b[31m', '\u202e', '\u0000', 'CON', 'nul', 'com1', 'Ш'.repeat(300), 'x'.repeat(1000), 'Русское', 'слово', '77', '01', ':*?"<>|', '=1+1', '-', 'Ё', 'é'];
const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

/** `n` distinct names, the first two a pair that collides once sanitised (a space and an `_`). */
const names = (n: number) =>
  fc.tuple(hostile, fc.uniqueArray(hostile, { minLength: n, maxLength: n })).map(([base, rest]) => {
    const stem = base.replace(/[ _]/gu, '') || 'x';
    return [...new Set([`${stem} 1`, `${stem}_1`, ...rest])].filter((s) => s.trim() !== '');
  });

function noInternalError(r: RunResult, what: string, allowed = [0, 1]): void {
  expect(r.code, `${what} → ${r.code}: ${r.stderr}`).not.toBe(70);
  expect(allowed, `${what} → ${r.code}: ${r.stderr}\n${r.stdout}`).toContain(r.code);
  expect(r.stderr, what).not.toMatch(/внутренняя ошибка|internal error|\n\s+at /u);
}

function draft(school: string, municipality: string, publishers: string[]): OrderRecord {
  return {
    school,
    municipality,
    versions: [
      {
        version: 1,
        state: 'draft',
        submitted_at: '2018-03-01T10:00:00+04:00',
        source: { file: 'order.csv', sha256: 'a'.repeat(64), stored: 'inputs/a.csv' },
        lines: publishers.map((p, i) => ({ publisher: p, item_key: `K-${i}`, grade: 2, quantity: 10, price_kopecks: 22000 })),
        totals: { copies: 10 * publishers.length, sum_kopecks: 220000 * publishers.length },
        errors: 0,
      },
    ],
  };
}

async function scenario(municipalities: string[], schools: string[], publishers: string[]): Promise<void> {
  const root = tempDir('uchebnik-hostile-');
  made.push(root);
  // Deep enough that `../../../` from any folder written into still lands inside `root`.
  const base = path.join(root, 'a', 'b', 'c');
  const ws = path.join(base, 'ws');
  const templates = path.join(base, 'templates');
  const here = path.join(base, 'here');
  const spec = path.join(base, 'spec');
  const recs = path.join(base, 'recs');
  const orders = path.join(root, 'in');
  fs.mkdirSync(here, { recursive: true });
  fs.mkdirSync(orders);
  expect((await run(['init', ws, '--year', '2018', '--region', 'Тест', '--tz', 'Europe/Samara'])).code).toBe(0);

  // Schools in pairs per municipality: the colliding pair of codes shares one folder of the package.
  const municipalityOf = (i: number) => municipalities[Math.floor(i / 2) % municipalities.length]!;
  const w = await openWorkspace(ws);
  await w.withLock('test', async () => {
    await saveRegistry(w, {
      municipalities: municipalities.map((code) => ({ code, name: `МО ${code}` })),
      schools: schools.map((code, i) => ({ code, short_name: `Школа ${i}`, full_name: `Школа номер ${i}`, municipality: municipalityOf(i), inn: '1801001689' })),
    });
    for (const [i, publisher] of publishers.entries()) {
      await savePriceList(w, {
        publisher,
        versions: [
          {
            version: 1,
            loaded_at: '2018-02-01T10:00:00+04:00',
            source: { file: 'p.csv', sha256: 'b'.repeat(64), stored: 'inputs/b.csv' },
            items: [{ key: `K-${i}`, item_code: `K-${i}`, publisher, authors: 'Автор', title: `Книга ${i}`, grade_from: 2, grade_to: 2, price_kopecks: 22000, vat_rate: 10 }],
          },
        ],
      });
    }
    for (const [i, school] of schools.entries()) await saveOrder(w, draft(school, municipalityOf(i), publishers));
    // One recommendation per school, as `recommendations load` would keep it.
    await saveRecommendations(w, {
      loaded_at: '2018-04-01T10:00:00+04:00',
      source: { file: 'r.xlsx', sha256: 'c'.repeat(64), stored: 'inputs/c.xlsx' },
      items: schools.map((school, i) => ({
        id: i + 1,
        municipality: municipalityOf(i),
        school,
        scope: 'school' as const,
        reference: 'K-0',
        title: 'Книга 0',
        items: [{ publisher: publishers[0]!, item_key: 'K-0' }],
        grade: 2,
        action: 'decrease' as const,
        quantity: 5,
        baseline: { version: 1, quantities: [10] },
        at: { file: 'r.xlsx', row: i + 2 },
      })),
      schools,
      baselines: Object.fromEntries(schools.map((s) => [s, 1])),
    });
  });

  const step = async (args: string[], cwd?: string, allowed?: number[]) => {
    const r = await run([...args], cwd ? { cwd } : {});
    noInternalError(r, args.map((a) => JSON.stringify(a).slice(0, 40)).join(' '), allowed);
    return r;
  };
  await step(['order', 'template', '--all', '--out', templates, '-w', ws]);
  for (const school of schools) await step(['order', 'template', `--school=${school}`, '-w', ws], here);
  // A second version of every school's order through the reader, its school named on the command line.
  for (const [i, school] of schools.entries()) {
    const file = path.join(orders, `order-${i}.csv`);
    const cell = (v: string) => (/[;"\r\n]/u.test(v) ? `"${v.replace(/"/gu, '""')}"` : v);
    const lines = publishers.map((p, k) => [p, `K-${k}`, `Книга ${k}`, '2', '220,00', '12'].map(cell).join(';'));
    fs.writeFileSync(file, ['Издательство;Код издательства;Наименование;Класс;Цена, руб.;Количество', ...lines].join('\r\n') + '\r\n');
    // A publisher name with NUL makes the order file itself unreadable (exit 3): refused, not stored.
    await step(['order', 'submit', file, `--school=${school}`, '--force', '-w', ws], undefined, [0, 1, 3]);
  }
  for (const m of municipalities) {
    await step(['order', 'agree', `--municipality=${m}`, '-w', ws]);
    await step(['order', 'form', `--municipality=${m}`, '-w', ws]);
    await step(['consolidate', 'municipality', '-w', ws, '--', m]);
  }
  await step(['consolidate', 'region', '-w', ws]);
  await step(['export', 'specifications', '--out', spec, '-w', ws]);
  await step(['recommendations', 'split', '--out', recs, '-w', ws]);

  // Nothing outside the workspace and the folders asked for.
  const asked = ['in', 'a', 'a/b', 'a/b/c', 'a/b/c/ws', 'a/b/c/templates', 'a/b/c/here', 'a/b/c/spec', 'a/b/c/recs'];
  const outside = listAll(root).filter((p) => !asked.includes(p) && !/^(in|a\/b\/c\/(ws|templates|here|spec|recs))\//u.test(p));
  expect(outside).toEqual([]);
  // Every name written is one short, plain segment.
  for (const dir of [ws, templates, here, spec, recs]) {
    for (const p of listAll(dir)) {
      for (const seg of p.split('/')) {
        expect(Buffer.byteLength(seg), p).toBeLessThanOrEqual(120);
        expect(seg, p).not.toMatch(/[\p{Cc}\p{Cf}\\:*?"<>|]|^\.\.?$/u);
      }
    }
  }

  // No two entities share a file.
  const stateFiles = (dir: string) => fs.readdirSync(path.join(ws, 'state', dir)).filter((n) => n.endsWith('.json'));
  const stored = (dir: string, field: string) => stateFiles(dir).map((n) => (JSON.parse(fs.readFileSync(path.join(ws, 'state', dir, n), 'utf8')) as Record<string, unknown>)[field]);
  expect(new Set(stored('orders', 'school'))).toEqual(new Set(schools));
  expect(stateFiles('orders')).toHaveLength(schools.length);
  expect(new Set(stored('pricelists', 'publisher'))).toEqual(new Set(publishers));
  expect(stateFiles('pricelists')).toHaveLength(publishers.length);
  expect(stateFiles('consolidations')).toHaveLength(new Set(schools.map((_, i) => municipalityOf(i))).size + 1);
  for (const school of schools) {
    const record = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'orders', `${entityKey(school)}.json`), 'utf8')) as OrderRecord;
    expect(record.school).toBe(school);
    expect(record.versions.at(-1)!.state).toBe('formed');
  }
  expect(fs.readdirSync(templates).filter((n) => n.endsWith('.xlsx'))).toHaveLength(schools.length);
  expect(fs.readdirSync(here).filter((n) => n.endsWith('.xlsx'))).toHaveLength(schools.length);
  const region = fs.readdirSync(path.join(ws, 'out', 'consolidation', 'region')).filter((n) => n.endsWith('.xlsx'));
  expect(region).toHaveLength(publishers.length);
  const manifest = fs.readFileSync(path.join(spec, 'manifest.csv'), 'utf8');
  const books = listAll(spec).filter((p) => p.endsWith('.xlsx'));
  expect(books).toHaveLength(schools.length * publishers.length);
  expect(manifest.split('\r\n').filter(Boolean)).toHaveLength(1 + books.length);
  const split = listAll(recs).filter((p) => p.endsWith('.xlsx'));
  expect(split).toHaveLength(schools.length + new Set(schools.map((_, i) => municipalityOf(i))).size);
}

describe('hostile names through every writing command', () => {
  it('write nowhere else, into no shared file, and never end in exit 70', async () => {
    await fc.assert(
      fc.asyncProperty(names(1), names(2), names(1), async (municipalities, schools, publishers) => {
        await scenario(municipalities, schools, publishers);
      }),
      { numRuns: 3, endOnFailure: true },
    );
  }, 120_000);
});
