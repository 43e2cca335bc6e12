/**
 * `uchebnik registry cards --out DIR` and `uchebnik registry import-cards FILE...` — textbook plan
 * stage 3, schools check their own data: a card per school with what the registry holds about it
 * (cards-write.ts), and the returned cards read back (cards-read.ts), their differences shown per
 * school and, with `--apply`, written into the registry (journaled). A card with an error is not
 * applied; every applied card — with or without corrections — counts as returned, which completes
 * the stage for its school (src/features/deadlines/store.ts).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import type { Ctx } from '../../cli-kit/context.js';
import { progress } from '../../cli-kit/progress.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import { EXIT, UsageError } from '../../core/errors.js';
import { schoolsOf, type Registry } from '../../core/model/registry.js';
import { buildReport } from '../../core/report/report.js';
import { plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import { isoWithOffset, makeDirsSync } from '../../io/workspace/io.js';
import { CARD_FIELDS, compareCard, type CardComparison, type CardInput } from './cards.js';
import { readCard } from './cards-read.js';
import { loadReturnedCards, saveReturnedCards } from './cards-store.js';
import { cardFileName, writeCard } from './cards-write.js';
import { loadRegistry, saveRegistry } from './store.js';

const LABEL = new Map(CARD_FIELDS.map((f) => [f.field, f.label]));

// ---------------------------------------------------------------- cards

const cardsOptions = z.object({ out: z.string(), ...flagSchema(['municipality']) });

async function writeCards(ctx: Ctx, opts: z.output<typeof cardsOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const registry = loadRegistry(ws);
  const muni = opts.municipality;
  if (muni !== undefined && !registry.municipalities.some((m) => m.code === muni))
    throw new UsageError('registry.municipality-unknown', { code: muni, known: registry.municipalities.map((m) => m.code).join(', ') || '—' });
  const schools = schoolsOf(registry, muni);
  if (schools.length === 0) throw new UsageError('cards.no-schools', {});
  const dir = path.resolve(ctx.cwd, opts.out);
  makeDirsSync(dir);
  const bar = progress(ctx, schools.length);
  for (const school of schools) {
    await writeCard(registry, school, ws.config.campaign.id, path.join(dir, cardFileName(school)));
    bar.tick(school.code);
  }
  bar.done();
  ctx.note(ctx.t('cards.written', { n: schools.length, dir: opts.out }));
  return EXIT.ok;
}

// ---------------------------------------------------------------- import-cards

const importOptions = z.object({ apply: z.boolean().optional(), ...flagSchema(['json']) });

/** The cards in the order given; a school's later card replaces its earlier one, said on stderr. */
function lastPerSchool(ctx: Ctx, cards: CardInput[]): CardInput[] {
  const bySchool = new Map<string, CardInput>();
  for (const card of cards) {
    const earlier = bySchool.get(card.school);
    if (earlier) ctx.note(ctx.t('cards.school-twice', { school: card.school, first: earlier.file, file: card.file }));
    bySchool.delete(card.school);
    bySchool.set(card.school, card);
  }
  return [...bySchool.values()];
}

function hasErrors(c: CardComparison): boolean {
  return c.findings.some((f) => f.severity === 'error');
}

function differencesTable(ctx: Ctx, comparisons: CardComparison[]): string {
  const table = plainTable([ctx.t('cards.col-school'), ctx.t('cards.col-field'), ctx.t('cards.col-from'), ctx.t('cards.col-to'), ctx.t('cards.col-cell')], ctx.color);
  for (const c of comparisons)
    for (const ch of c.changes) table.push([c.school, LABEL.get(ch.field) ?? ch.field, ch.from || '—', ch.to, `${path.basename(c.file)} ${ch.at.column ?? ''}${ch.at.row ?? ''}`]);
  return table.toString();
}

/** The registry with each card without errors applied. */
function applied(registry: Registry, comparisons: CardComparison[]): Registry {
  const next = new Map(comparisons.filter((c) => !hasErrors(c) && c.next).map((c) => [c.school, c.next!]));
  return { ...registry, schools: registry.schools.map((s) => next.get(s.code) ?? s) };
}

async function importCards(ctx: Ctx, files: string[], opts: z.output<typeof importOptions>): Promise<number> {
  const read: (CardInput & { rows: number })[] = [];
  const bar = progress(ctx, files.length);
  for (const file of files) {
    read.push(await readCard(file));
    bar.tick(path.basename(file));
  }
  bar.done();
  const cards = lastPerSchool(ctx, read);
  const compare = (registry: Registry) => cards.map((card) => compareCard(registry, card));

  let comparisons: CardComparison[];
  let stored = false;
  if (opts.apply) {
    const outcome = await changeWorkspace(ctx, 'registry import-cards', async (ws) => {
      const registry = loadRegistry(ws);
      const result = compare(registry);
      const good = result.filter((c) => !hasErrors(c) && c.next);
      if (good.length === 0) return { changed: [], result: { result, stored: false } };
      const tz = ws.config.campaign.timezone;
      const returned = { ...loadReturnedCards(ws) };
      const changed: string[] = [];
      let recorded = 0;
      for (const c of good) {
        const input = await ws.storeInput(c.file, c.file);
        if (!input.existed) changed.push(input.stored);
        // The same card applied again, with nothing left to change, keeps its first record: repeating a command changes nothing.
        if (c.changes.length === 0 && returned[c.school]?.sha256 === input.sha256) continue;
        returned[c.school] = { at: isoWithOffset(new Date(), tz), file: path.basename(c.file), sha256: input.sha256, changes: c.changes.length };
        recorded++;
      }
      if (recorded === 0 && changed.length === 0) return { changed: [], result: { result, stored: false } };
      if (good.some((c) => c.changes.length)) changed.push(await saveRegistry(ws, applied(registry, result)));
      changed.push(await saveReturnedCards(ws, returned));
      return {
        changed,
        journal: { files: good.map((c) => c.file), schools: good.map((c) => c.school), changes: good.reduce((n, c) => n + c.changes.length, 0) },
        result: { result, stored: true },
      };
    });
    comparisons = outcome.result;
    stored = outcome.stored;
  } else {
    comparisons = compare(loadRegistry(await useWorkspace(ctx)));
  }

  const findings = comparisons.flatMap((c) => c.findings);
  const report = buildReport(read.map((r) => ({ file: r.file, rows: r.rows })), findings, ctx.lang);
  const changes = comparisons.reduce((n, c) => n + c.changes.length, 0);
  for (const c of comparisons) if (hasErrors(c)) ctx.note(ctx.t('cards.not-applied', { school: c.school, file: c.file }));
  const good = comparisons.filter((c) => !hasErrors(c));
  if (opts.apply) ctx.note(ctx.t(stored ? 'cards.applied' : good.length ? 'cards.already-applied' : 'cards.nothing-applied', { changes: good.reduce((n, c) => n + c.changes.length, 0), schools: good.length }));
  else ctx.note(ctx.t('cards.preview', { changes, schools: comparisons.length }));

  if (opts.json) {
    ctx.out(
      renderJson({
        ...report,
        cards: comparisons.map((c) => ({ school: c.school, file: c.file, applied: stored && !hasErrors(c), changes: c.changes.map((ch) => ({ field: ch.field, from: ch.from, to: ch.to, row: ch.at.row, column: ch.at.column })) })),
      }),
    );
  } else {
    if (changes) ctx.out(differencesTable(ctx, comparisons));
    for (const c of comparisons) if (c.changes.length === 0 && !hasErrors(c)) ctx.out(ctx.t('cards.no-changes', { school: c.school, file: path.basename(c.file) }));
    if (findings.length) ctx.out(renderReportTable(report, ctx));
  }
  return report.ok ? EXIT.ok : EXIT.dataErrors;
}

/** Adds `cards` and `import-cards` to the `registry` command. */
export function registerCards(registry: Command, rt: Runtime): void {
  act(
    commonFlags(
      registry
        .command('cards')
        .description(
          say(
            rt,
            'карточки школ для проверки своих данных (этап 3 плана заказа): по файлу на школу — наименования, ИНН/КПП, реквизиты, обучающиеся по классам, со столбцом «Исправленное значение»',
            'schools’ cards to check their own data (textbook plan stage 3): a file per school — names, ИНН/КПП, requisites, students per grade, with a «corrected value» column',
          ),
        )
        .requiredOption('--out <dir>', say(rt, 'папка для карточек (файл <код ОО>.xlsx на школу)', 'the folder for the cards (a file <school code>.xlsx per school)')),
      rt,
      ['municipality'],
    ).addHelpText('after', examples(rt, ['uchebnik registry cards --out cards/', 'uchebnik registry cards --municipality 01 --out cards-01/'])),
    rt,
    cardsOptions,
    (ctx, opts) => writeCards(ctx, opts),
  );
  act(
    commonFlags(
      registry
        .command('import-cards')
        .argument('<files...>', say(rt, 'вернувшиеся карточки школ (xlsx)', 'the schools’ returned cards (xlsx)'))
        .description(
          say(
            rt,
            'прочитать вернувшиеся карточки: различия с реестром по школам; с --apply внести их (карточка с ошибками не вносится); внесённая карточка выполняет этап 3 для школы',
            'read the returned cards: the differences from the registry per school; with --apply write them in (a card with errors is not); an applied card completes stage 3 for its school',
          ),
        )
        .option('--apply', say(rt, 'внести исправления в реестр', 'write the corrections into the registry')),
      rt,
      ['json'],
    ).addHelpText('after', examples(rt, ['uchebnik registry import-cards returned/*.xlsx', 'uchebnik registry import-cards returned/0101.xlsx --apply', 'uchebnik registry import-cards returned/*.xlsx --json'])),
    rt,
    importOptions,
    (ctx, opts, files) => importCards(ctx, files, opts),
  );
}
