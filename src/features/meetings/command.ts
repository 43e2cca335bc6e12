/**
 * `uchebnik meetings template|validate|submit` — the parents' meetings of the preschool institutions
 * (plan 003, stage 3): a row per meeting with its protocol number and the three required topics
 * ticked. Rules: src/features/meetings/check.ts; the deadline is stage 3's in the workspace's
 * first-grade plan.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { outputFile } from '../../cli-kit/output.js';
import { finishValidation, readOrFinding, validationExit, validationReport, type CheckedFile } from '../../cli-kit/validate.js';
import { commonFlags } from '../../cli-kit/flags.js';
import type { Ctx } from '../../cli-kit/context.js';
import { readOptions, readerFlags, readerOptions } from '../../cli-kit/options.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import { EXIT, UchebnikError, UsageError } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import type { Registry } from '../../core/model/registry.js';
import { renderJson, renderReportTable } from '../../core/report/render.js';
import type { Workspace } from '../../io/workspace/index.js';
import { isoWithOffset } from '../../io/workspace/io.js';
import { findMunicipality, readRows, type ReadFile } from '../operators/index.js';
import { selectPlans } from '../plan/index.js';
import { loadRegistry } from '../registry/index.js';
import { MEETING_FIELDS, MEETING_REQUIRED, validateMeetings, type Meeting, type MeetingField } from './check.js';
import { loadMeetings, saveMeetings, type StoredMeeting } from './store.js';
import { writeMeetingTemplate } from './template.js';

const readingOptions = readerOptions.extend({ municipality: z.string().optional(), json: z.boolean().optional() });
const validateOptions = readingOptions.extend({ annotate: z.string().optional() });
const submitOptions = readingOptions;
const templateOptions = z.object({ municipality: z.string(), out: z.string() });
type ReadingOptions = z.output<typeof readingOptions>;

function registryOf(ws: Workspace): Registry {
  const registry = loadRegistry(ws);
  if (registry.municipalities.length === 0) throw new UsageError('vacancies.registry-empty');
  return registry;
}

function knownMunicipality(registry: Registry, code: string): string {
  if (!registry.municipalities.some((m) => m.code === code))
    throw new UsageError('registry.municipality-unknown', { code, known: registry.municipalities.map((m) => m.code).join(', ') || '—' });
  return code;
}

/** Stage 3's deadline in the first-grade plan; none when the workspace has no such plan. */
function stageDeadline(ws: Workspace): string | undefined {
  let plan;
  try {
    plan = selectPlans(ws, undefined).find((p) => p.id === 'first-grade');
  } catch (err) {
    if (err instanceof UchebnikError && err.key === 'plan.none') return undefined;
    throw err;
  }
  return plan?.stages.find((s) => s.number === 3)?.executors.find((e) => e.deadline !== null)?.deadline ?? undefined;
}

interface Checked {
  file: string;
  read?: ReadFile<MeetingField>;
  meetings: Meeting[];
  findings: Finding[];
}

async function checkFiles(ctx: Ctx, ws: Workspace, files: string[], opts: ReadingOptions): Promise<Checked[]> {
  const registry = registryOf(ws);
  const given = opts.municipality === undefined ? undefined : knownMunicipality(registry, opts.municipality);
  const deadline = stageDeadline(ws);
  const checked: Checked[] = [];
  for (const file of files) {
    const got = await readOrFinding(ctx, file, () =>
      readRows<MeetingField>(file, { fields: MEETING_FIELDS, required: MEETING_REQUIRED }, {
        sheet: opts.sheet,
        map: opts.map && Object.keys(opts.map).length ? opts.map : undefined,
        read: readOptions(opts),
        statedLabels: ['Муниципалитет'],
      }),
    );
    if ('unreadable' in got) {
      checked.push({ file, meetings: [], findings: [got.unreadable] });
      continue;
    }
    const read = got.value;
    const municipality = given ?? (read.stated === undefined ? undefined : findMunicipality(registry, read.stated));
    const result = validateMeetings({ rows: read.rows, municipality, findMunicipality: (s) => findMunicipality(registry, s), deadline });
    checked.push({ file, read, meetings: result.meetings, findings: [...read.findings, ...result.findings] });
  }
  return checked;
}

/** What the shared validate pipeline (src/cli-kit/validate.ts) needs of a checked file. */
function asChecked(c: Checked): CheckedFile {
  return { file: c.file, rows: c.read?.rows.length ?? 0, findings: c.findings, format: c.read?.format };
}

async function validate(ctx: Ctx, files: string[], opts: z.output<typeof validateOptions>): Promise<number> {
  const checked = await checkFiles(ctx, await useWorkspace(ctx), files, opts);
  return finishValidation(ctx, checked.map(asChecked), { json: opts.json, annotate: opts.annotate, read: readOptions(opts) });
}

/**
 * The meetings without findings are stored (the same institution and protocol replaces the earlier
 * one); rows with findings are left out and reported, and the command ends with 1 while any remain.
 */
async function submit(ctx: Ctx, files: string[], opts: z.output<typeof submitOptions>): Promise<number> {
  const checked = await checkFiles(ctx, await useWorkspace(ctx), files, opts);
  const report = validationReport(ctx, checked.map(asChecked));
  const stored = await changeWorkspace<number>(ctx, 'meetings submit', async (ws) => {
    const now = isoWithOffset(new Date(), ws.config.campaign.timezone);
    const changed: string[] = [];
    let count = 0;
    const byMunicipality = new Map<string, StoredMeeting[]>();
    for (const c of checked) {
      if (!c.meetings.length) continue;
      const input = await ws.storeInput(c.file, path.basename(c.file));
      if (!input.existed) changed.push(input.stored);
      for (const m of c.meetings)
        byMunicipality.set(m.municipality, [...(byMunicipality.get(m.municipality) ?? []), { ...m, submitted_at: now, source: { file: path.basename(c.file), sha256: input.sha256, stored: input.stored } }]);
    }
    for (const [municipality, added] of byMunicipality) {
      const current = loadMeetings(ws, municipality);
      const key = (m: { institution: string; protocol: string }) => `${m.institution}\u0000${m.protocol}`;
      const replaced = new Set(added.map(key));
      current.meetings = [...current.meetings.filter((m) => !replaced.has(key(m))), ...added];
      changed.push(await saveMeetings(ws, current));
      count += added.length;
    }
    return { changed, journal: { meetings: count }, result: count };
  });
  ctx.note(ctx.t('meetings.stored', { count: stored }));
  if (opts.json) ctx.out(renderJson({ ...report, stored }));
  else if (report.findings.length) ctx.out(renderReportTable(report, ctx));
  return validationExit(checked.map(asChecked), { ok: report.ok });
}

async function template(ctx: Ctx, opts: z.output<typeof templateOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const registry = registryOf(ws);
  const municipality = knownMunicipality(registry, opts.municipality);
  const out = outputFile(ctx, opts.out);
  const name = registry.municipalities.find((m) => m.code === municipality)?.name ?? '';
  await writeMeetingTemplate({ municipality, name, campaign: ws.config.campaign, lang: ctx.lang }, out);
  ctx.note(ctx.t('meetings.template-written', { file: opts.out, municipality }));
  return EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  const meetings = program.command('meetings').description(describe(rt, 'meetings'));
  const reading = (cmd: Command) =>
    commonFlags(
      readerFlags(cmd, rt).option('--municipality <code>', say(rt, 'муниципалитет таблицы (иначе из ячейки «Муниципалитет:» или столбца)', 'the municipality of the table (else from a «Муниципалитет:» cell or a column)')),
      rt,
      ['json'],
    );
  act(
    meetings
      .command('template')
      .description(say(rt, 'таблица собраний для ДОО муниципалитета: строка на собрание', 'the table of meetings for a municipality’s preschools: a row per meeting'))
      .requiredOption('--municipality <code>', say(rt, 'код муниципалитета', 'municipality code'))
      .requiredOption('--out <file>', say(rt, 'куда записать xlsx', 'where to write the xlsx'))
      .addHelpText('after', examples(rt, ['uchebnik meetings template --municipality 01 --out meetings-01.xlsx'])),
    rt,
    templateOptions,
    (ctx, opts) => template(ctx, opts),
  );
  act(
    reading(
      commonFlags(
        meetings
          .command('validate')
          .argument('<files...>', say(rt, 'таблицы собраний', 'tables of meetings'))
          .description(say(rt, 'проверить собрания: три темы, протокол, срок этапа 3 (ничего не меняет)', 'check meetings: three topics, protocol, stage 3’s deadline (changes nothing)')),
        rt,
        ['annotate'],
      ),
    ).addHelpText('after', examples(rt, ['uchebnik meetings validate meetings-01.xlsx', 'uchebnik meetings validate incoming/*.xlsx --annotate checked/'])),
    rt,
    validateOptions,
    (ctx, opts, files) => validate(ctx, files, opts),
  );
  act(
    reading(
      meetings
        .command('submit')
        .argument('<files...>', say(rt, 'таблицы собраний', 'tables of meetings'))
        .description(say(rt, 'принять собрания без замечаний (то же ДОО и номер протокола заменяет прежнее)', 'accept the meetings without findings (the same preschool and protocol number replaces the earlier one)')),
    ).addHelpText('after', examples(rt, ['uchebnik meetings submit meetings-01.xlsx'])),
    rt,
    submitOptions,
    (ctx, opts, files) => submit(ctx, files, opts),
  );
}
