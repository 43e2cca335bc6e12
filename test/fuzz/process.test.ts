/**
 * Fuzzing (issue #11) at the level of the process: a few generated inputs through bin/uchebnik.js as a
 * child process (built by `npm test`), to show what only a process shows — the real exit code, that no
 * stack trace reaches stderr, that nothing is left hanging (the child is killed at the time limit and
 * that fails). Most inputs go through the in-process CLI in the other files, which is much faster.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../support/cli.js';
import { legacyXls } from '../support/xlsx-fixtures.js';
import { Region, fewRuns, propertySeed, report } from './support/harness.js';
import { applyBytes, applyCsv, applyXlsx, byteOp, csvSpec, xlsxMutation } from './support/mutate.js';
import { entryPoints, seedsOf, type EntryPoint, type Seed } from './support/seeds.js';

/** Inputs per entry point and family in the bounded run (each is a node process of ≈0.7 s). */
const BOUNDED = 1;
/** In a long run, one process for every PER inputs of the in-process properties. */
const PER = 50;

let region: Region;
const entries = new Map<string, { entry: EntryPoint; xlsx: Seed[]; tables: { name: string; table: string[][] }[] }>();

beforeAll(async () => {
  region = await Region.create();
  for (const entry of await entryPoints()) {
    const s = await seedsOf(entry);
    entries.set(entry.id, { entry, xlsx: s.xlsx, tables: s.tables });
  }
});

afterAll(() => report('child processes'));

describe('fuzz: generated inputs through bin/uchebnik.js as a child process', () => {
  it('the CLI is built (npm test builds it first)', () => {
    expect(fs.existsSync(path.join(path.dirname(BIN), '..', 'dist', 'main.js'))).toBe(true);
  });

  const n = fewRuns(BOUNDED, PER);
  for (const id of ['registry import', 'order validate', 'vacancies submit', 'form load']) {
    it(
      `${id}: mutated xlsx`,
      async () => {
        const { entry, xlsx } = entries.get(id)!;
        const inputs = fc.sample(fc.record({ seed: fc.nat(), mutation: xlsxMutation }), { seed: propertySeed(`process xlsx ${id}`), numRuns: n });
        for (const { seed, mutation } of inputs) {
          const s = xlsx[seed % xlsx.length]!;
          await region.check(entry, 'process-xlsx', s.name, applyXlsx(s.bytes, s.parts, mutation), false, { process: true });
        }
      },
      60_000 + n * 40_000,
    );
  }

  for (const id of ['pricelist load', 'order submit', 'vacancies validate', 'plan import']) {
    it(
      `${id}: generated CSV`,
      async () => {
        const { entry, tables } = entries.get(id)!;
        const inputs = fc.sample(csvSpec, { seed: propertySeed(`process csv ${id}`), numRuns: n });
        for (const spec of inputs) {
          const name = tables[spec.table % tables.length]!.name;
          await region.check(entry, 'process-csv', name, applyCsv(tables.map((t) => t.table), spec), true, { process: true });
        }
      },
      60_000 + n * 40_000,
    );
  }

  it(
    'pricelist load: a damaged Excel 97 file without LibreOffice on PATH exits 3 with one line saying how to convert',
    async () => {
      const dir = tempDir('uchebnik-fuzz-xls-');
      const bin = path.join(dir, 'bin');
      fs.mkdirSync(bin);
      fs.symlinkSync(process.execPath, path.join(bin, 'node'));
      const xls = fs.readFileSync(legacyXls(dir));
      const { entry } = entries.get('pricelist load')!;
      const ops = fc.sample(fc.array(byteOp, { minLength: 1, maxLength: 3 }), { seed: propertySeed('process xls'), numRuns: n });
      for (const o of ops) {
        // the OLE2 signature is kept, so the file still reads as Excel 97 and needs converting
        const bytes = Buffer.concat([xls.subarray(0, 8), applyBytes(xls.subarray(8), o)]);
        const r = await region.check(entry, 'process-xls', 'legacy.xls', bytes, false, { process: true, env: { PATH: bin } });
        expect(r.code).toBe(3);
        expect(r.stderr).toMatch(/xlsx/);
      }
    },
    60_000 + n * 40_000,
  );
});
