/**
 * Fuzzing (issue #11): CSV files made from the seeds' tables in random encodings (UTF-8 with and
 * without BOM, Windows-1251, UTF-16LE with and without BOM), delimiters, quoting, line breaks (CRLF,
 * LF, CR, mixed, inside quoted cells), unbalanced and stray quotes, blank and banner lines, nasty cell
 * values, and now and then damaged bytes — through every CLI entry point that reads a file.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Region, property, report, runs, timeoutFor } from './support/harness.js';
import { applyCsv, csvSpec } from './support/mutate.js';
import { ENTRY_IDS, entryPoints, seedsOf, type EntryPoint } from './support/seeds.js';

/** Inputs per entry point in the bounded run. */
const BOUNDED = 45;

let region: Region;
const entries = new Map<string, { entry: EntryPoint; tables: { name: string; table: string[][] }[] }>();

beforeAll(async () => {
  region = await Region.create();
  for (const entry of await entryPoints()) entries.set(entry.id, { entry, tables: (await seedsOf(entry)).tables });
});

afterAll(() => report('csv dialects'));

describe('fuzz: generated CSV through the CLI', () => {
  for (const id of ENTRY_IDS) {
    const n = runs(BOUNDED);
    it(
      id,
      async () => {
        const { entry, tables } = entries.get(id)!;
        const input = fc.record({ spec: csvSpec, json: fc.boolean() });
        await property(`csv ${id}`, input, n, async ({ spec, json }) => {
          const name = tables[spec.table % tables.length]!.name;
          await region.check(entry, 'csv', name, applyCsv(tables.map((t) => t.table), spec), json);
        });
      },
      timeoutFor(n, 100),
    );
  }
});
