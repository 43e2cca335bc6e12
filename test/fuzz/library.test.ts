/**
 * Fuzzing (issue #11) below the CLI: the reader's own entry points — openWorkbook (open.ts), openCsv
 * (csv-read.ts) with and without forced encodings and delimiters (good and bad names), every sheet's
 * rows (xlsx-read.ts), and findTable/readTable (table.ts) with the order and vacancy specs. Fast, so
 * many more inputs.
 *
 * Invariant: each call either succeeds or fails with an InputError (exit 3) — or, for a bad forced
 * encoding or delimiter, a UsageError (exit 2) — whose message exists in the catalogue and reads as
 * one line in both languages; nothing else is ever thrown, nothing hangs, and a CSV's rows come in
 * strictly increasing line order.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.js';
import { VACANCY_FIELDS, VACANCY_REQUIRED } from '../../src/features/vacancies/check.js';
import { EXIT, UchebnikError } from '../../src/core/errors.js';
import { hasMessage, t } from '../../src/core/i18n/index.js';
import { openCsv } from '../../src/io/sheets/csv-read.js';
import { openWorkbook } from '../../src/io/sheets/open.js';
import { ORDER_SPEC } from '../../src/features/order/read.js';
import { cellText, findTable, type TableSpec } from '../../src/io/sheets/table.js';
import type { OpenOptions, Workbook } from '../../src/io/sheets/types.js';
import { countLibrary, fail, progress, property, report, runs, timeoutFor } from './support/harness.js';
import { applyCsv, applyXlsx, csvSpec, xlsxMutation } from './support/mutate.js';
import { entryPoints, seedsOf, type Seed } from './support/seeds.js';

/** Inputs per family in the bounded run. */
const BOUNDED = 200;

const VACANCY_SPEC: TableSpec = { fields: VACANCY_FIELDS, required: VACANCY_REQUIRED };
const SPECS: [string, TableSpec][] = [
  ['order', ORDER_SPEC],
  ['vacancy', VACANCY_SPEC],
];
const LIMIT_MS = 10_000;

let dir: string;
let xlsxSeeds: Seed[] = [];
let tables: string[][][] = [];

beforeAll(async () => {
  dir = tempDir('uchebnik-fuzz-lib-');
  for (const e of await entryPoints()) {
    const s = await seedsOf(e);
    xlsxSeeds.push(...s.xlsx);
    tables.push(...s.tables.map((x) => x.table));
  }
  // one of each (the order and vacancy entry points share their seeds)
  xlsxSeeds = [...new Map(xlsxSeeds.map((s) => [s.bytes.toString('base64'), s])).values()];
  tables = [...new Map(tables.map((x) => [JSON.stringify(x), x])).values()];
});

afterAll(() => report('library'));

/** Reads everything a command could ask of the file: every sheet's rows, then a table by each spec. */
async function readEverything(file: string, open: () => Promise<Workbook>): Promise<void> {
  const wb = await open();
  try {
    for (const info of wb.sheets) {
      const sheet = await wb.sheet(info.index);
      let last = 0;
      for await (const r of sheet.rows()) {
        if (!Number.isInteger(r.row) || r.row < 1) throw new Error(`row number ${r.row}`);
        if (wb.format === 'csv' && r.row <= last) throw new Error(`CSV row ${r.row} after row ${last}`);
        last = r.row;
        for (const c of r.cells) if (c !== undefined) cellText(c);
      }
    }
  } finally {
    await wb.close();
  }
  let noHeader: UchebnikError | undefined;
  for (const [, spec] of SPECS) {
    const again = await open();
    try {
      const table = await findTable(again, spec, {});
      for await (const r of table.rows()) for (const [field] of table.columns) cellText(table.cell(r, field));
    } catch (err) {
      // no header is an answer for a file of another kind; its message is still checked
      if (!(err instanceof UchebnikError && err.key === 'table.header-not-found')) throw err;
      noHeader = err;
    } finally {
      await again.close();
    }
  }
  void file;
  if (noHeader) throw noHeader;
}

async function expectReadOrInputError(family: string, file: string, bytes: Buffer, open: () => Promise<Workbook>, forced = false): Promise<void> {
  countLibrary('library (open, rows, findTable)', family);
  progress({ entry: 'library', family, file, bytes: bytes.length });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      readEverything(file, open),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${LIMIT_MS} ms (a hang)`)), LIMIT_MS);
      }),
    ]);
  } catch (err) {
    const usage = forced && err instanceof UchebnikError && err.exitCode === EXIT.usage && BAD_OPTION.has(err.key);
    const ok = err instanceof UchebnikError && (err.exitCode === EXIT.input || usage) && hasMessage(err.key);
    const lines = ok ? [t('ru', err.key, err.params), t('en', err.key, err.params)].filter((m) => /[\r\n\u2028\u2029]/.test(m)) : [];
    if (!ok || lines.length) {
      const what = err instanceof UchebnikError ? `${err.name} ${err.key} (exit ${err.exitCode})${lines.length ? `: a message of several lines: ${JSON.stringify(lines[0])}` : ''}` : String((err as Error)?.stack ?? err);
      fail('library', family, bytes, `threw ${what.split('\n').slice(0, 6).join('\n')}`, '');
    }
  } finally {
    clearTimeout(timer);
  }
}

const ENCODINGS = ['utf-8', 'windows-1251', 'koi8-r', 'x-mac-cyrillic', 'utf-16le', 'utf-16be', 'CP1251', 'utf8', 'latin1', 'bogus', 'constructor', '__proto__', 'toString', ''];
/** What a bad --encoding or --delimiter is: a usage error (exit 2), never anything else. */
const BAD_OPTION = new Set(['csv.encoding-bad-name', 'csv.delimiter-bad']);

describe('fuzz: the reader library on mutated files', () => {
  const n = runs(BOUNDED);
  it(
    'openWorkbook + rows + findTable on mutated xlsx',
    async () => {
      const input = fc.record({ seed: fc.nat(), mutation: xlsxMutation });
      await property('library xlsx', input, n, async ({ seed, mutation }) => {
        const s = xlsxSeeds[seed % xlsxSeeds.length]!;
        const bytes = applyXlsx(s.bytes, s.parts, mutation);
        const file = path.join(dir, 'input.xlsx');
        fs.writeFileSync(file, bytes);
        await expectReadOrInputError('xlsx', file, bytes, () => openWorkbook(file));
      });
    },
    timeoutFor(n, 30),
  );

  it(
    'openWorkbook / openCsv (forced encoding and delimiter) + rows + findTable on generated CSV',
    async () => {
      const input = fc.record({
        spec: csvSpec,
        encoding: fc.option(fc.constantFrom(...ENCODINGS), { freq: 3 }),
        delimiter: fc.option(fc.constantFrom(';', ',', '\t', '|'), { freq: 3 }),
      });
      await property('library csv', input, n, async ({ spec, encoding, delimiter }) => {
        const bytes = applyCsv(tables, spec);
        const file = path.join(dir, 'input.csv');
        fs.writeFileSync(file, bytes);
        const opts: OpenOptions = {};
        if (encoding !== null) opts.encoding = encoding;
        if (delimiter !== null) opts.delimiter = delimiter;
        const forced = encoding !== null || delimiter !== null;
        await expectReadOrInputError('csv', file, bytes, () => (forced ? openCsv(file, opts) : openWorkbook(file)), forced);
      });
    },
    timeoutFor(n, 30),
  );

  it('the seeds themselves read without error (the fuzzer starts from good files)', async () => {
    expect(xlsxSeeds.length).toBeGreaterThan(5);
    expect(tables.length).toBeGreaterThan(5);
    for (const s of xlsxSeeds) {
      const file = path.join(dir, s.name);
      fs.writeFileSync(file, s.bytes);
      const wb = await openWorkbook(file);
      await wb.close();
    }
  });
});
