/**
 * `uchebnik analyze` — the analyst's first look at the regional order (docs/file-formats.md#recommendations, stage 12):
 * quantities over students, items outside the federal list, two textbook lines for one subject and
 * grade, outliers of cost per student, schools that ordered nothing. Reads the workspace, changes
 * nothing in it; `--draft-recommendations FILE` writes what it found as a recommendations workbook the
 * analyst edits and then loads with `recommendations load`.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import type { Ctx } from '../../cli-kit/context.js';
import { useWorkspace } from '../../cli-kit/workspace.js';
import { analyzeOrders, type Analysis } from './analysis.js';
import { writeDraftRecommendations } from '../recommendations/index.js';
import type { Finding } from '../../core/finding.js';
import { formatMoney } from '../../core/money.js';
import type { Registry } from '../../core/model/registry.js';
import { EXIT, UsageError } from '../../core/errors.js';
import { renderFinding, type ReportFinding } from '../../core/report/report.js';
import { fitted, plainTable, renderJson } from '../../core/report/render.js';
import { loadOrders } from '../order/index.js';
import { loadCatalogue } from '../pricelist/index.js';
import { loadRegistry } from '../registry/index.js';
import { makeDirsSync } from '../../io/workspace/io.js';

function where(ctx: Ctx, f: Pick<Finding, 'file' | 'row'>): string {
  return [f.file, f.row ? ctx.t('analyze.row', { row: f.row }) : ''].filter(Boolean).join(', ');
}

function municipalityOfSchool(registry: Registry): Map<string, string> {
  return new Map(registry.schools.map((s) => [s.code, s.municipality]));
}

async function writeDraft(ctx: Ctx, file: string, analysis: Analysis, registry: Registry, campaign: { id: string; year: number; region: string }): Promise<number> {
  const names = new Map(registry.schools.map((s) => [s.code, s.short_name]));
  const rows = analysis.draft.map((d) => ({
    municipality: d.municipality,
    school: d.school,
    school_name: names.get(d.school) ?? '',
    publisher: d.publisher,
    reference: d.reference,
    title: d.title,
    grade: d.grade,
    ordered: d.ordered,
    action: d.action,
    ...(d.quantity !== undefined ? { quantity: d.quantity } : {}),
    comment: renderFinding(d.finding, ctx.lang).message,
  }));
  const notes = analysis.findings.map((f) => ({ school: f.school ?? '', where: where(ctx, f), code: f.code, message: renderFinding(f, ctx.lang).message }));
  makeDirsSync(path.dirname(file));
  await writeDraftRecommendations(file, { campaign, lang: ctx.lang }, rows, notes);
  return rows.length;
}

const options = z.object({ ...flagSchema(['municipality', 'json']), draftRecommendations: z.string().optional() });

async function analyze(ctx: Ctx, opts: z.output<typeof options>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const registry = loadRegistry(ws);
  const muni = opts.municipality;
  if (muni !== undefined && !registry.municipalities.some((m) => m.code === muni))
    throw new UsageError('registry.municipality-unknown', { code: muni, known: registry.municipalities.map((m) => m.code).join(', ') || '—' });
  const analysis = analyzeOrders({
    registry,
    catalogue: loadCatalogue(ws),
    orders: loadOrders(ws),
    settings: { reserve_percent: ws.config.settings.reserve_percent },
    ...(muni !== undefined ? { municipality: muni } : {}),
  });
  if (analysis.withoutStudents.length) ctx.note(ctx.t('analyze.no-students', { schools: analysis.withoutStudents.join(', ') }));

  let draft: string | undefined;
  if (opts.draftRecommendations !== undefined) {
    draft = path.resolve(ctx.cwd, opts.draftRecommendations);
    const rows = await writeDraft(ctx, draft, analysis, registry, ws.config.campaign);
    ctx.note(ctx.t('analyze.draft-written', { file: draft, rows }));
  }

  const findings: ReportFinding[] = analysis.findings.map((f) => renderFinding(f, ctx.lang));
  const muniOf = municipalityOfSchool(registry);
  if (opts.json) {
    ctx.out(
      renderJson({
        ok: true,
        summary: { schools: analysis.schools, ordered: analysis.ordered, errors: 0, warnings: findings.length },
        method: analysis.method,
        municipalities: analysis.municipalities.map((m) => ({
          code: m.code,
          schools: m.schools,
          ordered: m.ordered,
          students: m.students,
          copies: m.copies,
          sum_kopecks: m.sum_kopecks,
          ...(m.fences
            ? {
                cost_per_student: {
                  q1_kopecks: m.fences.q1,
                  median_kopecks: m.fences.median,
                  q3_kopecks: m.fences.q3,
                  lower_fence_kopecks: m.fences.lower,
                  upper_fence_kopecks: m.fences.upper,
                },
              }
            : {}),
          ...(m.skipped ? { skipped: m.skipped } : {}),
        })),
        schools: analysis.costs.map((c) => ({ code: c.school, municipality: c.municipality, students: c.students, sum_kopecks: c.sum_kopecks, per_student_kopecks: c.per_student_kopecks })),
        findings: findings.map((f) => ({ ...f, ...(f.school ? { municipality: muniOf.get(f.school) } : {}) })),
        ...(draft ? { draft } : {}),
      }),
    );
    return EXIT.ok;
  }

  if (findings.length) {
    const table = plainTable([ctx.t('analyze.col-municipality'), ctx.t('analyze.col-school'), ctx.t('analyze.col-where'), ctx.t('report.col-code'), ctx.t('report.col-message')], ctx.color);
    for (const f of findings) table.push([muniOf.get(f.school ?? '') ?? '', f.school ?? '', where(ctx, f), f.code, f.message]);
    ctx.out(fitted(table, ctx.width));
  }
  const money = (k: number) => formatMoney(k, ctx.lang);
  const stats = plainTable([ctx.t('analyze.col-municipality'), ctx.t('registry.col-schools'), ctx.t('analyze.col-ordered'), ctx.t('analyze.col-cost'), ctx.t('analyze.col-fences')], ctx.color);
  for (const m of analysis.municipalities) {
    const f = m.fences;
    stats.push([
      m.code,
      m.schools,
      m.ordered,
      f ? `${money(f.q1)} / ${money(f.median)} / ${money(f.q3)}` : '—',
      f ? `${money(f.lower)} – ${money(f.upper)}` : m.skipped ? ctx.t('analyze.too-few', { min: analysis.method.min_schools }) : '—',
    ]);
  }
  ctx.out(fitted(stats, ctx.width));
  ctx.out(ctx.t('analyze.method', { k: analysis.method.k, min: analysis.method.min_schools, reserve: analysis.method.reserve_percent }));
  ctx.out(ctx.t('analyze.summary', { schools: analysis.schools, ordered: analysis.ordered, warnings: findings.length }));
  return EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  act(
    commonFlags(program.command('analyze').description(describe(rt, 'analyze')), rt, ['municipality', 'json'])
      .option('--draft-recommendations <file>', say(rt, 'записать найденное как черновик файла рекомендаций (xlsx)', 'write the findings as a draft recommendations workbook (xlsx)'))
      .addHelpText(
        'after',
        examples(rt, ['uchebnik analyze', 'uchebnik analyze --municipality 03 --json', 'uchebnik analyze --draft-recommendations out/recommendations-draft.xlsx']),
      ),
    rt,
    options,
    (ctx, opts) => analyze(ctx, opts),
  );
}
