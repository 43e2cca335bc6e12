/**
 * `uchebnik import FILE…` — a consolidation written by uchebnik in another workspace (a municipality's,
 * sent to the regional centre) read back from its hidden data sheet (docs/file-formats.md#data-sheet) and stored as the
 * formed orders of its schools.
 *
 * What a file speaks for: a municipal consolidation is the complete order of its municipality from its
 * publisher, a regional one of every municipality it lists. So importing it replaces, for each school
 * of those municipalities, the lines of that publisher in the school's formed order — a school the file
 * no longer names has ordered nothing from the publisher — and keeps its lines of other publishers.
 * Each school whose formed order changes gets one new version (submitted, agreed and formed at once);
 * importing the same files again changes nothing.
 *
 * Trust: a file of another campaign (neither the same campaign id nor the same year and region) is
 * refused unless `--any-campaign`; a data sheet whose checksum fails was edited by hand and is refused
 * unless `--force`; a data sheet of a newer schema is refused outright (exit 3) — this uchebnik cannot
 * know what it means. A file with errors is stored whole or not at all.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import type { Ctx } from '../../cli-kit/context.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import { finding, type Finding } from '../../core/finding.js';
import { agree, form, formedLines, submitVersion, type OrderRecord } from '../../core/model/order-lifecycle.js';
import type { OrderLine } from '../../core/model/order.js';
import { EXIT, UchebnikError } from '../../core/errors.js';
import { buildReport } from '../../core/report/report.js';
import { renderJson, renderReportTable } from '../../core/report/render.js';
import { DATA_SHEET_NAME } from '../../io/sheets/data-sheet.js';
import { isoWithOffset } from '../../io/workspace/io.js';
import type { Workspace } from '../../io/workspace/index.js';
import { loadOrder, loadOrders, saveOrder } from '../order/index.js';
import { loadCatalogue } from '../pricelist/index.js';
import { loadRegistry } from '../registry/index.js';
import { fileSha256 } from '../../io/workspace/inputs.js';
import { checkConsolidationFile } from './check.js';
import { CONSOLIDATION_KINDS, coveredMunicipalities, readConsolidationFile, type ConsolidationFile } from './read.js';

const options = z.object({ force: z.boolean().optional(), anyCampaign: z.boolean().optional(), ...flagSchema(['json']) });
type Options = z.output<typeof options>;

function canonical(lines: readonly OrderLine[]): string {
  return JSON.stringify(lines.map((l) => [l.publisher, l.item_key, l.grade, l.quantity, l.price_kopecks]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
}

interface Accepted {
  data: ConsolidationFile;
  publisher: string;
  covered: Set<string>;
  sha256: string;
}

interface Stored {
  school: string;
  version: number;
  copies: number;
}

async function importFiles(ctx: Ctx, files: string[], opts: Options): Promise<number> {
  const root = await useWorkspace(ctx);
  const registry = loadRegistry(root);
  const catalogue = loadCatalogue(root);

  const findings: Finding[] = [];
  const summaries: { file: string; rows: number }[] = [];
  const accepted: Accepted[] = [];
  const scopes = new Map<string, string>();
  let unreadable = 0;
  for (const file of files) {
    let data: ConsolidationFile;
    try {
      data = await readConsolidationFile(file);
    } catch (err) {
      // A newer schema refuses the whole import; a file that is not ours is reported and the rest go on.
      if (!(err instanceof UchebnikError) || err.exitCode !== EXIT.input || err.key === 'import.newer-schema') throw err;
      unreadable++;
      summaries.push({ file, rows: 0 });
      findings.push(finding('file-unreadable', 'error', { file }, { reason: ctx.t(err.key, err.params) }));
      continue;
    }
    summaries.push({ file, rows: data.lines.length });
    if (!CONSOLIDATION_KINDS.includes(data.kind)) {
      findings.push(finding('import-kind-unsupported', 'error', { file, sheet: DATA_SHEET_NAME }, { kind: data.kind }));
      continue;
    }
    const mine = checkConsolidationFile(data, root.config.campaign, registry, catalogue, opts.anyCampaign === true);
    findings.push(...mine);
    const publisher = data.meta['publisher'] ?? data.lines[0]?.publisher ?? '';
    const covered = coveredMunicipalities(data);
    const clash = covered.map((m) => [m, scopes.get(`${m}\u0000${publisher}`)] as const).find(([, first]) => first !== undefined);
    if (clash) {
      findings.push(finding('import-duplicate-scope', 'error', { file, sheet: DATA_SHEET_NAME }, { publisher, municipality: clash[0], first: clash[1] }));
      continue;
    }
    const structural = mine.some((f) => f.code === 'import-columns-missing');
    const errors = mine.some((f) => f.severity === 'error');
    if (structural || (errors && !opts.force)) continue;
    for (const m of covered) scopes.set(`${m}\u0000${publisher}`, file);
    const sha256 = await fileSha256(file);
    accepted.push({ data, publisher, covered: new Set(covered), sha256 });
  }
  const report = buildReport(summaries, findings, ctx.lang);

  const stored: Stored[] = [];
  let unchanged = 0;
  if (accepted.length) {
    await changeWorkspace(ctx, 'import', async (ws) => {
      const now = isoWithOffset(new Date(), ws.config.campaign.timezone);
      const municipalityOf = new Map(registry.schools.map((s) => [s.code, s.municipality]));
      const records = new Map(loadOrders(ws).map((r) => [r.school, r]));
      // Every school the files speak for: those they name, and every school of the municipalities they cover.
      const schools = new Set<string>();
      for (const a of accepted) for (const l of a.data.lines) schools.add(l.school);
      const coveredAny = (m: string | undefined) => m !== undefined && accepted.some((a) => a.covered.has(m));
      for (const s of registry.schools) if (coveredAny(s.municipality)) schools.add(s.code);
      for (const r of records.values()) if (coveredAny(municipalityOf.get(r.school) ?? r.municipality)) schools.add(r.school);

      // First what changes; the files are kept in inputs/ only when something does.
      const pending: { school: string; municipality: string; record: OrderRecord | undefined; lines: OrderLine[]; source: Accepted }[] = [];
      for (const school of [...schools].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }))) {
        const record: OrderRecord | undefined = records.get(school) ?? loadOrder(ws, school);
        const fileLines = accepted.flatMap((a) => a.data.lines.filter((l) => l.school === school).map((l) => ({ a, l })));
        const municipality = municipalityOf.get(school) ?? record?.municipality ?? fileLines[0]?.l.municipality ?? '';
        const covering = accepted.filter((a) => a.covered.has(municipality));
        const replaced = new Set(covering.map((a) => a.publisher));
        for (const { a } of fileLines) replaced.add(a.publisher);
        const current = formedLines(record).map(({ row: _row, ...l }) => l);
        const lines: OrderLine[] = [
          ...current.filter((l) => !replaced.has(l.publisher)),
          ...fileLines.map(({ l }) => ({ publisher: l.publisher, item_key: l.item_key, grade: l.grade, quantity: l.quantity, price_kopecks: l.price_kopecks })),
        ];
        if (canonical(lines) === canonical(current)) {
          if (record) {
            unchanged++;
            ctx.note(ctx.t('import.unchanged-school', { school, version: record.versions[record.versions.length - 1]!.version }));
          }
          continue;
        }
        // The version's source: a file with this school's lines, else one that covers it — not the file of
        // the latest version, which submitVersion would take for a repeated submission.
        const candidates = [...new Set([...fileLines.map(({ a }) => a), ...covering])];
        const latestSha = record?.versions[record.versions.length - 1]?.source.sha256;
        pending.push({ school, municipality, record, lines, source: candidates.find((c) => c.sha256 !== latestSha) ?? candidates[0]! });
      }
      if (pending.length === 0) return { changed: [], result: undefined };

      const inputs = new Map<Accepted, { stored: string; sha256: string }>();
      const changed: string[] = [];
      for (const a of accepted) {
        const kept = await ws.storeInput(a.data.file, path.basename(a.data.file));
        inputs.set(a, { stored: kept.stored, sha256: kept.sha256 });
        if (!kept.existed) changed.push(kept.stored);
      }
      for (const { school, municipality, record, lines, source } of pending) {
        const input = inputs.get(source)!;
        const submitted = submitVersion(record, { school, municipality, source: { file: path.basename(source.data.file), sha256: input.sha256, stored: input.stored }, lines, errors: 0 }, now);
        if (submitted.kind !== 'changed') {
          unchanged++;
          continue;
        }
        const agreed = agree(submitted.record, now);
        const formed = agreed.kind === 'changed' ? form(agreed.record, now) : agreed;
        if (formed.kind !== 'changed') throw new Error(`import: the new version of ${school} could not be formed`);
        changed.push(await saveOrder(ws, formed.record));
        stored.push({ school, version: formed.version.version, copies: formed.version.totals.copies });
        ctx.note(ctx.t('import.stored', { school, version: formed.version.version, copies: formed.version.totals.copies }));
      }
      return {
        changed: [...new Set(changed)],
        journal: { files: accepted.map((a) => ({ file: a.data.file, sha256: a.sha256, kind: a.data.kind, publisher: a.publisher })), schools: Object.fromEntries(stored.map((s) => [s.school, s.version])) },
        result: undefined,
      };
    });
  } else if (files.length > unreadable) {
    ctx.note(ctx.t('import.nothing-stored', { reason: ctx.t('import.refused-errors') }));
  }
  ctx.note(ctx.t('import.summary', { files: files.length - unreadable, stored: stored.length, unchanged }));

  if (opts.json) {
    ctx.out(renderJson({ ...report, imported: { files: accepted.map((a) => a.data.file), stored: stored.map(({ school, version }) => ({ school, version })), unchanged } }));
  } else if (findings.length) {
    ctx.out(renderReportTable(report, ctx));
  }
  if (unreadable === files.length) return EXIT.input;
  return report.ok ? EXIT.ok : EXIT.dataErrors;
}

export function register(program: Command, rt: Runtime): void {
  act(
    commonFlags(
      program
        .command('import')
        .argument('<files...>', say(rt, 'книги сводов, записанные uchebnik в другой рабочей папке', 'consolidation workbooks uchebnik wrote in another workspace'))
        .description(describe(rt, 'import'))
        .option('--force', say(rt, 'принять файлы с ошибками (в т. ч. изменённые вручную)', 'accept files with errors (hand-edited ones included)'))
        .option('--any-campaign', say(rt, 'принять файл другой кампании (другой год или регион)', 'accept a file of another campaign (another year or region)')),
      rt,
      ['json'],
    ).addHelpText('after', examples(rt, ['uchebnik import from-01/*.xlsx from-02/*.xlsx', 'uchebnik consolidate region   # after importing every municipality', 'uchebnik import 01_Просвещение.xlsx --json'])),
    rt,
    options,
    (ctx, opts, files) => importFiles(ctx, files, opts),
  );
}
