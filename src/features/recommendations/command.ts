/**
 * `uchebnik recommendations load|split|check` — the ministry's recommendations (docs/file-formats.md#recommendations,
 * plan stages 13–17): validated and stored (load), sent on as one workbook per municipality and per
 * school (split), and compared with the orders the schools re-submit (check).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import type { Ctx } from '../../cli-kit/context.js';
import { readerFlags, readerOptions, readOptions, type ReaderOptions } from '../../cli-kit/options.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import type { Catalogue } from '../../core/model/catalogue.js';
import { cellRef, columnLetter, finding, type CellAddress } from '../../core/finding.js';
import { loadOrders } from '../order/index.js';
import {
  RECOMMENDATION_FIELDS,
  RECOMMENDATION_REQUIRED,
  baselineVersion,
  checkRecommendations,
  itemReference,
  parseRecommendations,
  schoolsConcerned,
  type CheckedRecommendation,
  type Recommendation,
  type RecommendationField,
  type RecommendationRowInput,
  type RawValue,
  type UnrequestedChange,
} from './recommend.js';
import type { OrderRecord, OrderVersion } from '../../core/model/order-lifecycle.js';
import type { Registry } from '../../core/model/registry.js';
import { DataError, EXIT, UsageError } from '../../core/errors.js';
import { buildReport, renderFinding } from '../../core/report/report.js';
import { fitted, plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import { openWorkbook } from '../../io/sheets/open.js';
import { findTable, type TableSpec } from '../../io/sheets/table.js';
import type { SheetCell } from '../../io/sheets/types.js';
import { isoWithOffset, makeDirsSync } from '../../io/workspace/io.js';
import { fileInside, OutputFolder } from '../../io/workspace/paths.js';
import { loadCatalogue } from '../pricelist/index.js';
import { loadRecommendations, saveRecommendations, type StoredRecommendations } from './store.js';
import { loadRegistry } from '../registry/index.js';
import { fileSha256 } from '../../io/workspace/inputs.js';

const SPEC: TableSpec = { fields: RECOMMENDATION_FIELDS, required: RECOMMENDATION_REQUIRED };

function raw(cell: SheetCell | undefined): RawValue {
  if (!cell || cell.value === null || cell.value === undefined) return null;
  return typeof cell.value === 'boolean' ? String(cell.value) : cell.value;
}

function municipalityKnown(registry: Registry, code: string | undefined): void {
  if (code !== undefined && !registry.municipalities.some((m) => m.code === code))
    throw new UsageError('registry.municipality-unknown', { code, known: registry.municipalities.map((m) => m.code).join(', ') || '—' });
}

function required(state: StoredRecommendations | undefined): StoredRecommendations {
  if (!state) throw new DataError('rec.none-loaded');
  return state;
}

// ─── load ─────────────────────────────────────────────────────────────────────────────────────────

async function readRows(file: string, opts: ReaderOptions): Promise<{ rows: RecommendationRowInput[]; sheet?: string; readerFindings: ReturnType<typeof finding>[] }> {
  const wb = await openWorkbook(file, readOptions(opts));
  try {
    const table = await findTable(wb, SPEC, { sheet: opts.sheet, map: opts.map });
    const sheet = wb.format === 'csv' ? undefined : table.sheet;
    // Addresses name the file as the user did; the stored recommendations keep its base name.
    const shown = path.basename(file);
    const rows: RecommendationRowInput[] = [];
    for await (const r of table.rows()) {
      if (r.kind !== 'data') continue;
      const values: Partial<Record<RecommendationField, RawValue>> = {};
      for (const f of RECOMMENDATION_FIELDS) if (table.has(f.key)) values[f.key] = raw(table.cell(r, f.key));
      rows.push({
        row: r.row,
        values,
        at: (field): CellAddress => {
          const col = table.columns.get(field);
          return { file: shown, ...(sheet ? { sheet } : {}), row: r.row, ...(col !== undefined ? { column: columnLetter(col) } : {}) };
        },
      });
    }
    return { rows, ...(sheet ? { sheet } : {}), readerFindings: table.findings.map((f) => ({ ...f, file: shown })) };
  } finally {
    await wb.close();
  }
}

function baselinesOf(registry: Registry, orders: OrderRecord[]): { versions: Map<string, OrderVersion>; numbers: Record<string, number | null> } {
  const bySchool = new Map(orders.map((o) => [o.school, o]));
  const versions = new Map<string, OrderVersion>();
  const numbers: Record<string, number | null> = {};
  for (const s of registry.schools) {
    const v = baselineVersion(bySchool.get(s.code));
    if (v) versions.set(s.code, v);
    numbers[s.code] = v?.version ?? null;
  }
  return { versions, numbers };
}

const loadOptions = readerOptions.extend({ force: z.boolean().optional(), ...flagSchema(['json']) });

async function load(ctx: Ctx, file: string, opts: z.output<typeof loadOptions>): Promise<number> {
  const { rows, sheet, readerFindings } = await readRows(file, opts);
  const sha256 = await fileSha256(file);
  const shown = path.basename(file);

  const outcome = await changeWorkspace(ctx, 'recommendations load', async (ws) => {
    const registry = loadRegistry(ws);
    const catalogue: Catalogue = loadCatalogue(ws);
    if (catalogue.size === 0) ctx.note(ctx.t('order.no-catalogue'));
    const orders = loadOrders(ws);
    if (orders.length === 0) ctx.note(ctx.t('rec.no-orders'));
    const baselines = baselinesOf(registry, orders);
    const parsed = parseRecommendations({ rows, registry, catalogue, baselines: baselines.versions, file: shown });
    const findings = [...readerFindings, ...parsed.findings];
    const report = buildReport([{ file: shown, rows: parsed.rows }], findings, ctx.lang);
    const previous = loadRecommendations(ws);
    const base = { report, parsed, stored: false, unchanged: false, previous: previous?.source.file };
    if (!report.ok && opts.force !== true) return { changed: [], result: base };
    if (previous && previous.source.sha256 === sha256) return { changed: [], result: { ...base, unchanged: true, stored: true } };
    const input = await ws.storeInput(file, shown);
    const state: StoredRecommendations = {
      loaded_at: isoWithOffset(new Date(), ws.config.campaign.timezone),
      source: { file: shown, sha256, stored: input.stored, ...(sheet ? { sheet } : {}) },
      items: parsed.recommendations,
      schools: schoolsConcerned(parsed.recommendations),
      baselines: baselines.numbers,
    };
    const written = await saveRecommendations(ws, state);
    return {
      changed: [written.path, input.stored],
      journal: { file, sha256, recommendations: parsed.recommendations.length, schools: state.schools.length, errors: report.summary.errors },
      result: { ...base, stored: true },
    };
  });

  const { report, parsed } = outcome;
  if (outcome.unchanged) ctx.note(ctx.t('rec.unchanged', { file: shown }));
  else if (!outcome.stored) ctx.note(ctx.t('rec.refused', { errors: report.summary.errors }));
  else {
    if (outcome.previous) ctx.note(ctx.t('rec.replaced', { file: outcome.previous }));
    ctx.note(ctx.t('rec.loaded', { file: shown, recommendations: parsed.recommendations.length, rows: parsed.rows, schools: schoolsConcerned(parsed.recommendations).length }));
  }
  if (opts.json) {
    ctx.out(
      renderJson({
        ...report,
        loaded: {
          recommendations: parsed.recommendations.length,
          rows: parsed.rows,
          schools: schoolsConcerned(parsed.recommendations).length,
          stored: outcome.stored,
          unchanged: outcome.unchanged,
        },
      }),
    );
  } else if (report.findings.length) ctx.out(renderReportTable(report, ctx));
  return report.ok ? EXIT.ok : EXIT.dataErrors;
}

// ─── split ────────────────────────────────────────────────────────────────────────────────────────

function rowsFor(recs: Recommendation[], registry: Registry, catalogue: Catalogue) {
  const names = new Map(registry.schools.map((s) => [s.code, s.short_name]));
  return recs.map((r) => {
    const first = catalogue.byKey(r.items[0]!.publisher, r.items[0]!.item_key);
    return {
      municipality: r.municipality,
      school: r.school,
      school_name: names.get(r.school) ?? '',
      publisher: r.items[0]!.publisher,
      reference: r.reference || (first ? itemReference(first) : r.items[0]!.item_key),
      title: r.title,
      grade: r.grade,
      ordered: Math.max(0, ...r.baseline.quantities),
      action: r.action,
      ...(r.quantity !== undefined ? { quantity: r.quantity } : {}),
      ...(r.replacement ? { replacement: `${r.replacement.reference} ${r.replacement.title}` } : {}),
      ...(r.comment ? { comment: r.comment } : {}),
      item_keys: r.items.map((i) => i.item_key).join(';'),
    };
  });
}

const splitOptions = z.object({ out: z.string().optional(), ...flagSchema(['municipality', 'json']) });

async function split(ctx: Ctx, opts: z.output<typeof splitOptions>): Promise<number> {
  const root = await useWorkspace(ctx);
  const registry = loadRegistry(root);
  const muni = opts.municipality;
  municipalityKnown(registry, muni);
  const dir = opts.out !== undefined ? path.resolve(ctx.cwd, opts.out) : root.outPath('recommendations');
  const { writeMunicipalityRecommendations, writeSchoolRecommendations } = await import('./workbooks.js');

  const result = await changeWorkspace(ctx, 'recommendations split', async (ws) => {
    const state = required(loadRecommendations(ws));
    const catalogue = loadCatalogue(ws);
    const meta = { campaign: ws.config.campaign, lang: ctx.lang };
    const recs = state.items.filter((r) => muni === undefined || r.municipality === muni);
    const files: { municipality: string; school?: string; file: string; recommendations: number }[] = [];
    const municipalities = [...new Set(recs.map((r) => r.municipality))].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }));
    const bySchoolOrder = (a: Recommendation, b: Recommendation) => a.school.localeCompare(b.school, 'ru', { numeric: true }) || a.id - b.id;
    if (municipalities.length > 0) makeDirsSync(dir);
    const folders = new OutputFolder(dir);
    for (const m of municipalities) {
      const mine = recs.filter((r) => r.municipality === m).sort(bySchoolOrder);
      const name = registry.municipalities.find((x) => x.code === m)?.name ?? m;
      // Every name through paths.ts OutputFolder: safe, bounded, unique in its folder, kept inside it.
      const folder = fileInside(dir, folders.name(m, '', { distinct: true }));
      makeDirsSync(folder);
      const names = new OutputFolder(folder);
      const muniFile = names.file(`municipality-${m}`, '.xlsx', { distinct: true });
      await writeMunicipalityRecommendations(muniFile, meta, { code: m, name }, rowsFor(mine, registry, catalogue));
      files.push({ municipality: m, file: muniFile, recommendations: mine.length });
      for (const code of [...new Set(mine.map((r) => r.school))]) {
        const school = registry.schools.find((s) => s.code === code);
        const ofSchool = mine.filter((r) => r.school === code);
        const schoolFile = names.file(`school-${code}`, '.xlsx', { distinct: true });
        await writeSchoolRecommendations(schoolFile, meta, { code, name: school?.full_name ?? code, municipality: m, municipalityName: name }, rowsFor(ofSchool, registry, catalogue));
        files.push({ municipality: m, school: code, file: schoolFile, recommendations: ofSchool.length });
      }
    }
    // Stages 14 and 15 are done once the recommendations have gone out; later splits change no state.
    if (state.split_at !== undefined || files.length === 0) return { changed: [], result: { files, first: false } };
    const written = await saveRecommendations(ws, { ...state, split_at: isoWithOffset(new Date(), ws.config.campaign.timezone) });
    return { changed: [written.path], journal: { dir, files: files.length }, result: { files, first: true } };
  });

  const { files } = result;
  const municipalities = files.filter((f) => !f.school).length;
  const schools = files.length - municipalities;
  if (files.length === 0) ctx.note(ctx.t('rec.split-nothing'));
  else ctx.note(ctx.t('rec.split-written', { files: files.length, municipalities, schools, dir }));
  if (opts.json) {
    ctx.out(renderJson({ dir, municipalities, schools, files: files.map((f) => ({ ...f, file: f.file })) }));
    return EXIT.ok;
  }
  if (files.length) {
    const table = plainTable([ctx.t('rec.col-municipality'), ctx.t('rec.col-school'), ctx.t('rec.col-count'), ctx.t('rec.col-file')], ctx.color);
    for (const f of files) table.push([f.municipality, f.school ?? '', f.recommendations, shownPath(ctx, f.file)]);
    ctx.out(fitted(table, ctx.width));
  }
  return EXIT.ok;
}

/** A path as short as it can be without climbing out of the current folder. */
function shownPath(ctx: Ctx, file: string): string {
  const rel = path.relative(ctx.cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

// ─── check ────────────────────────────────────────────────────────────────────────────────────────

function address(at: CellAddress): CellAddress & { cell?: string } {
  const cell = cellRef(at);
  return { ...at, ...(cell ? { cell } : {}) };
}

function resultJson(c: CheckedRecommendation) {
  const r = c.recommendation;
  return {
    municipality: r.municipality,
    school: r.school,
    item: r.reference,
    title: r.title,
    grade: r.grade,
    action: r.action,
    status: c.status,
    scope: r.scope,
    ...(r.quantity !== undefined ? { quantity: r.quantity } : {}),
    ...(r.replacement ? { replacement: { item: r.replacement.reference, title: r.replacement.title, before: r.baseline.replacement_quantities ?? [], now: c.replacement_quantities ?? [] } } : {}),
    parts: r.items.map((it, i) => ({ publisher: it.publisher, item_key: it.item_key, before: r.baseline.quantities[i] ?? 0, now: c.quantities[i] ?? 0 })),
    version_before: r.baseline.version,
    version_now: c.version,
    ...(c.state ? { state_now: c.state } : {}),
    ...(r.comment ? { comment: r.comment } : {}),
    ...address(r.at),
  };
}

function unrequestedJson(ctx: Ctx, u: UnrequestedChange, catalogue: Catalogue) {
  const item = catalogue.byKey(u.publisher, u.item_key);
  const title = item?.title ?? u.item_key;
  const f = finding('unrequested-change', 'warning', { ...(u.file ? { file: u.file } : {}), ...(u.row ? { row: u.row } : {}) }, { title, grade: u.grade, before: u.before, after: u.after }, { school: u.school, item: u.item_key, expected: u.before, actual: u.after });
  return {
    ...renderFinding(f, ctx.lang),
    municipality: u.municipality,
    publisher: u.publisher,
    item_key: u.item_key,
    reference: item ? itemReference(item) : u.item_key,
    grade: u.grade,
    before: u.before,
    after: u.after,
    version_before: u.version_before,
    version_after: u.version_after,
  };
}

const checkOptions = z.object(flagSchema(['municipality', 'json']));

async function check(ctx: Ctx, opts: z.output<typeof checkOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const registry = loadRegistry(ws);
  const muni = opts.municipality;
  municipalityKnown(registry, muni);
  const state = required(loadRecommendations(ws));
  const catalogue = loadCatalogue(ws);
  const orders = new Map(loadOrders(ws).map((o) => [o.school, o]));
  const outcome = checkRecommendations(state.items, orders, state.baselines);

  const results = outcome.results.filter((r) => muni === undefined || r.recommendation.municipality === muni);
  const unrequested = outcome.unrequested.filter((u) => muni === undefined || u.municipality === muni);
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const summary = { applied: count('applied'), partially_applied: count('partially-applied'), not_applied: count('not-applied') };
  const results_json = results.map(resultJson);
  const unrequested_json = unrequested.map((u) => unrequestedJson(ctx, u, catalogue));

  // Stage 16/17 is data: a whole-region check with a new outcome is recorded (the same outcome again changes nothing).
  if (muni === undefined) {
    const digest = createHash('sha256').update(JSON.stringify([results_json.map((r) => [r.school, r.item, r.grade, r.status, r.version_now]), unrequested_json.map((u) => [u.school, u.item_key, u.grade, u.after])])).digest('hex');
    if (state.check?.digest !== digest) {
      await changeWorkspace(ctx, 'recommendations check', async (locked) => {
        const current = loadRecommendations(locked);
        if (!current || current.source.sha256 !== state.source.sha256) return { changed: [], result: undefined };
        const written = await saveRecommendations(locked, {
          ...current,
          checked_at: isoWithOffset(new Date(), locked.config.campaign.timezone),
          check: { ...summary, unrequested: unrequested.length, digest },
        });
        return { changed: [written.path], journal: { ...summary, unrequested: unrequested.length }, result: undefined };
      });
      ctx.note(ctx.t('rec.check-recorded'));
    }
  }

  const exit = summary.partially_applied + summary.not_applied > 0 ? EXIT.dataErrors : EXIT.ok;
  if (opts.json) {
    ctx.out(renderJson({ results: results_json, unrequested: unrequested_json, summary: { ...summary, unrequested: unrequested.length } }));
    return exit;
  }
  if (results.length === 0) ctx.out(ctx.t('rec.check-nothing'));
  else {
    const table = plainTable(
      [ctx.t('rec.col-cell'), ctx.t('rec.col-municipality'), ctx.t('rec.col-school'), ctx.t('rec.col-item'), ctx.t('rec.col-grade'), ctx.t('rec.col-action'), ctx.t('rec.col-copies'), ctx.t('rec.col-status')],
      ctx.color,
    );
    for (const c of results) {
      const r = c.recommendation;
      const action = [
        ctx.t(`rec.action-${r.action}`),
        r.quantity === undefined || r.action === 'replace' ? '' : ctx.t(r.action === 'add' ? 'rec.copies' : 'rec.to', { quantity: r.quantity }),
        r.replacement ? ctx.t('rec.replace-with', { reference: r.replacement.reference }) : '',
      ]
        .filter(Boolean)
        .join(' ');
      const copies = [r.baseline.quantities.join('+') + ' → ' + c.quantities.join('+')];
      if (r.replacement) copies.push(`${(r.baseline.replacement_quantities ?? []).join('+')} → ${(c.replacement_quantities ?? []).join('+')}`);
      const where = [r.at.sheet, cellRef(r.at) ?? (r.at.row ? `${r.at.row}` : '')].filter(Boolean).join('!');
      table.push([where, r.municipality, r.school, `${r.reference}\n${r.title}`, r.grade, action, copies.join('\n'), ctx.t(`rec.status-${c.status}`)]);
    }
    ctx.out(fitted(table, ctx.width));
  }
  if (unrequested_json.length) {
    ctx.out(ctx.t('rec.unrequested-title'));
    const table = plainTable([ctx.t('rec.col-school'), ctx.t('rec.col-where'), ctx.t('rec.col-item'), ctx.t('report.col-message')], ctx.color);
    for (const u of unrequested_json) table.push([u.school ?? '', [u.file, u.row ? ctx.t('analyze.row', { row: u.row }) : ''].filter(Boolean).join(', '), u.reference, u.message]);
    ctx.out(fitted(table, ctx.width));
  }
  ctx.out(ctx.t('rec.check-summary', { total: results.length, ...summary, unrequested: unrequested.length }));
  return exit;
}

export function register(program: Command, rt: Runtime): void {
  const cmd = program
    .command('recommendations')
    .description(describe(rt, 'recommendations'));
  act(
    commonFlags(
      readerFlags(
        cmd
          .command('load')
          .argument('<file>', say(rt, 'файл рекомендаций (xlsx или csv)', 'recommendations file (xlsx or csv)'))
          .description(
            say(
              rt,
              'проверить и сохранить рекомендации: строка — муниципалитет, школа (пусто — весь муниципалитет), позиция, класс, действие, количество, замена, комментарий',
              'validate and store recommendations: a row is municipality, school (blank: the whole municipality), item, grade, action, quantity, replacement, comment',
            ),
          )
          .option('--force', say(rt, 'сохранить верные строки, несмотря на ошибки в других', 'store the valid rows despite errors in others')),
        rt,
      ),
      rt,
      ['json'],
    ).addHelpText('after', examples(rt, ['uchebnik recommendations load ministry-recommendations.xlsx', 'uchebnik recommendations load draft.xlsx --json', 'uchebnik recommendations load recs.csv --map action=F'])),
    rt,
    loadOptions,
    (ctx, opts, [file]) => load(ctx, file!, opts),
  );
  act(
    commonFlags(
      cmd
        .command('split')
        .description(say(rt, 'книга рекомендаций на каждый муниципалитет (этап 14) и на каждую школу (этап 15)', 'a workbook of recommendations per municipality (stage 14) and per school (stage 15)'))
        .option('--out <dir>', say(rt, 'папка (по умолчанию out/recommendations рабочей папки)', 'folder (default: out/recommendations of the workspace)')),
      rt,
      ['municipality', 'json'],
    ).addHelpText('after', examples(rt, ['uchebnik recommendations split --out to-send/', 'uchebnik recommendations split --out to-send/ --municipality 03'])),
    rt,
    splitOptions,
    (ctx, opts) => split(ctx, opts),
  );
  act(
    commonFlags(
      cmd.command('check').description(
        say(
          rt,
          'выполнены ли рекомендации в последних версиях заказов школ; изменения без рекомендаций (код 1 — есть невыполненные)',
          'whether the schools\' latest orders apply the recommendations; changes nobody asked for (exit 1 while any is not applied)',
        ),
      ),
      rt,
      ['municipality', 'json'],
    ).addHelpText('after', examples(rt, ['uchebnik recommendations check', 'uchebnik recommendations check --municipality 03 --json'])),
    rt,
    checkOptions,
    (ctx, opts) => check(ctx, opts),
  );
}
