/**
 * Fuzzing (issue #11): xlsx files made from the fixtures and the real files — truncated, bit-flipped,
 * zip entries shuffled, dropped, duplicated, renamed, XML parts edited — through every CLI entry point
 * that reads a file. See support/harness.ts for what must hold for every input.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Region, property, report, runs, timeoutFor } from './support/harness.js';
import { applyXlsx, xlsxMutation } from './support/mutate.js';
import { ENTRY_IDS, entryPoints, seedsOf, type EntryPoint, type Seed } from './support/seeds.js';

/** Inputs per entry point in the bounded run. */
const BOUNDED = 45;

let region: Region;
const entries = new Map<string, { entry: EntryPoint; seeds: Seed[] }>();

beforeAll(async () => {
  region = await Region.create();
  for (const entry of await entryPoints()) entries.set(entry.id, { entry, seeds: (await seedsOf(entry)).xlsx });
});

afterAll(() => report('xlsx mutations'));

describe('fuzz: mutated xlsx through the CLI', () => {
  for (const id of ENTRY_IDS) {
    const n = runs(BOUNDED);
    it(
      id,
      async () => {
        const { entry, seeds } = entries.get(id)!;
        const input = fc.record({ seed: fc.nat(), mutation: xlsxMutation, json: fc.boolean() });
        await property(`xlsx ${id}`, input, n, async ({ seed, mutation, json }) => {
          const s = seeds[seed % seeds.length]!;
          await region.check(entry, 'xlsx', s.name, applyXlsx(s.bytes, s.parts, mutation), json);
        });
      },
      timeoutFor(n, 100),
    );
  }
});
