/**
 * Issue 16, acceptance bullet 1: a generated corpus of price lists and registries in many shapes, each
 * with its truth; every variant loads exactly right, or is refused with the command line that loads it.
 * No silent difference in any price, VAT rate, fpu code, code, grade or item count.
 *
 *   npx vitest run test/corpus                      the acceptance test
 *   CORPUS_REPORT=1 npx vitest run test/corpus      also prints pass / refused / silent per shape tag
 *   CORPUS_REPORT=/tmp/corpus.txt …                 writes that report and every failure to a file instead
 *   CORPUS_FILTER='net\+gross' …                     only variants whose id or a tag matches the regexp
 *   CORPUS_KEEP=1 …                                  keeps the generated files (path printed) to look at
 *   CORPUS_SEED=7 …                                  another corpus of the same shapes
 *   CORPUS_SAMPLE=1 …                                 every variant (npm run test:long); `npm test`
 *                                                    loads every 4th, to stay within its three minutes
 *
 * See test/corpus/README.md for the shapes and how to add one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, tempDir } from '../support/cli.js';
import { checkVariant, failureTable, STATUSES, tagReport, Workspaces, type Outcome } from './check.js';
import { DEFAULT_SEED, generateCorpus, type Variant } from './generate.js';

const SEED = Number(process.env.CORPUS_SEED ?? DEFAULT_SEED);
const FILTER = process.env.CORPUS_FILTER ? new RegExp(process.env.CORPUS_FILTER, 'u') : undefined;
/** `1`: print the per-tag report; a path: write it there, with every failure, to compare runs */
const REPORT = process.env.CORPUS_REPORT;
const KEEP = process.env.CORPUS_KEEP === '1';
/** every n-th variant is loaded (all of them are generated, and checked for shape and truth) */
const SAMPLE = FILTER ? 1 : Math.max(1, Number(process.env.CORPUS_SAMPLE ?? 4));

let root = '';
let variants: Variant[] = [];
const outcomes: Outcome[] = [];

beforeAll(async () => {
  root = tempDir('uchebnik-corpus-');
  variants = generateCorpus(path.join(root, 'files'), { seed: SEED });
  const template = await newWorkspace();
  const workspaces = new Workspaces(template, path.join(root, 'ws'));
  const chosen = variants.filter((v, i) => i % SAMPLE === 0 && (!FILTER || FILTER.test(v.id) || v.tags.some((t) => FILTER.test(t))));
  const started = Date.now();
  for (const v of chosen) outcomes.push(await checkVariant(v, workspaces));
  const count = (s: string) => outcomes.filter((o) => o.status === s).length;
  console.log(
    `corpus (seed ${SEED}): ${outcomes.length} of ${variants.length} variants${SAMPLE > 1 ? ` (every ${SAMPLE}th; CORPUS_SAMPLE=1 for all)` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s — ` +
      STATUSES.map((s) => `${s} ${count(s)}`).join(', ') +
      ` (silent with exit 0: ${outcomes.filter((o) => o.quiet).length})` +
      (KEEP ? `\nfiles and truths kept in ${path.join(root, 'files')}` : ''),
  );
  if (REPORT === '1') console.log(`per shape tag:\n${tagReport(outcomes)}`);
  else if (REPORT) {
    const failed = outcomes.filter((o) => o.status !== 'pass' && o.status !== 'refused-ok');
    fs.writeFileSync(REPORT, `${tagReport(outcomes)}\n\n${failureTable(failed)}\n`);
    console.log(`per-tag report and every failure written to ${REPORT}`);
  }
  fs.rmSync(path.join(root, 'ws'), { recursive: true, force: true });
  fs.rmSync(path.dirname(template), { recursive: true, force: true });
}, 600_000);

afterAll(() => {
  if (!KEEP && root) fs.rmSync(root, { recursive: true, force: true });
});

describe('the generated corpus (issue 16)', () => {
  it('has at least 500 variants, at least 400 of them price lists and 60 publisher forms, each written beside its truth', () => {
    expect(variants.length).toBeGreaterThanOrEqual(500);
    expect(variants.filter((v) => v.kind === 'pricelist').length).toBeGreaterThanOrEqual(400);
    expect(variants.filter((v) => v.kind === 'form').length).toBeGreaterThanOrEqual(60);
    for (const v of variants) {
      expect(fs.existsSync(v.file), v.file).toBe(true);
      if (v.kind === 'form') expect(fs.existsSync(v.pricelist), v.pricelist).toBe(true);
      expect(fs.existsSync(path.join(path.dirname(v.file), `${v.id}.truth.json`)), v.id).toBe(true);
    }
  });

  it('is deterministic: the same seed writes the same bytes', () => {
    const a = generateCorpus(path.join(root, 'again-a'), { seed: SEED, pricelists: 40, registries: 10, forms: 10 });
    const b = generateCorpus(path.join(root, 'again-b'), { seed: SEED, pricelists: 40, registries: 10, forms: 10 });
    const full = new Map(variants.map((v) => [v.id, v]));
    for (const [i, v] of a.entries()) {
      expect(fs.readFileSync(v.file).equals(fs.readFileSync(b[i]!.file)), v.id).toBe(true);
      expect(fs.readFileSync(v.file).equals(fs.readFileSync(full.get(v.id)!.file)), v.id).toBe(true);
    }
  });

  it('covers every shape the issue names', () => {
    const tags = new Set(variants.flatMap((v) => v.tags));
    const needed = [
      'words:documented', 'words:outside', 'order:shuffled', 'banners', 'section-rows', 'header-rows:1', 'header-rows:2',
      'merged-cells', 'column-numbers-row', 'no-header', 'authors+title-combined', 'net+gross', 'net-right-of-gross',
      'vat:column', 'vat:note', 'vat-cell:pct', 'vat-cell:share', 'no-grade-items', 'parts', 'continuation-rows',
      'fpu-trailing-dot', 'multiline-cells', 'price:rub', 'price:thousands', 'price:onedec', 'price:number', 'isbn', 'enc:windows-1251',
      'enc:utf-8', 'enc:utf-8-bom', 'delim:;', 'delim:,', 'delim:tab', 'fmt:xlsx', 'registry/tomsk-like',
      'registry/school-code:login', 'registry/empty-columns:many', 'hw:title=Товар', 'hw:authors=ПродукцияАвторыДляПрайса',
      'hw:fpu=№ в ФП', 'hw:gross=Прайс для юр.лиц (с НДС)', 'hw:gross=Стоимость с НДС',
      // publisher forms (patterns 9 and 10)
      'form/pairs:kol-stoimost', 'form/pairs:zakaz-summa', 'form/pairs:kolichestvo-summa', 'form/recipients:single-columns',
      'form/labels:drofa', 'form/labels:poluchatel', 'form/labels:naimenovanie', 'form/labels:none', 'form/labels:merged',
      'form/total-formula:plus', 'form/total-formula:sum-list', 'form/total-formula:sumproduct', 'form/total-formula:sum-range',
      'form/total:pair', 'form/total:column', 'form/row-without-total-formula', 'form/code-header:Код', 'form/code-header:Код 1С',
      'form/code-header:Код заказа 1С', 'form/code-header:Артикул', 'form/banners', 'form/section-rows', 'form/requisites-sheet',
      'form/recipients:1', 'form/recipients:75', 'form/fmt:csv', 'form/header-rows:2', 'form/column-numbers-row', 'form/total:pair-unlabelled',
    ];
    const all = new Set([...tags, ...variants.filter((v) => v.kind !== 'pricelist').flatMap((v) => v.tags.map((t) => `${v.kind}/${t}`))]);
    expect(needed.filter((t) => !all.has(t))).toEqual([]);
  });

  it('loads a sample of every kind of file (price lists, registries, forms)', () => {
    const loaded = new Set(outcomes.map((o) => o.kind));
    expect([...loaded].sort()).toEqual(['form', 'pricelist', 'registry']);
  });

  it('stores no silent difference: nothing loaded differs from the truth (price, VAT, fpu code, code, grade, count)', () => {
    const silent = outcomes.filter((o) => o.status === 'silent');
    expect(silent.length, `${silent.length} variants loaded with a silent difference:\n${failureTable(silent)}\n`).toBe(0);
  });

  it('loads every variant exactly right, or refuses it with a `uchebnik …` command that loads it', () => {
    const wrong = outcomes.filter((o) => o.status !== 'pass' && o.status !== 'refused-ok');
    const counts = STATUSES.map((s) => `${s} ${outcomes.filter((o) => o.status === s).length}`).join(', ');
    expect(wrong.length, `${counts}\n${failureTable(wrong, 4)}\n`).toBe(0);
  });
});
