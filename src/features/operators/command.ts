/**
 * `uchebnik operators template|validate|submit|approve|changes` — the registers of people who work in
 * the enrolment module (plan 003): schools' chief operators and operators (stage 5), and with
 * `--unit municipality` the municipality's responsible staff (stage 4); `changes` writes the
 * application of changes to the regional centre (stage 6). Rules: src/features/operators/check.ts;
 * versions: store.ts.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import { outputFile } from '../../cli-kit/output.js';
import { finishValidation, readOrFinding, validationExit, validationReport, type CheckedFile } from '../../cli-kit/validate.js';
import { commonFlags } from '../../cli-kit/flags.js';
import type { Ctx } from '../../cli-kit/context.js';
import { readOptions, readerFlags, readerOptions } from '../../cli-kit/options.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import { DataError, EXIT, UsageError } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import type { Registry } from '../../core/model/registry.js';
import { plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import type { Workspace } from '../../io/workspace/index.js';
import { currentUser, isoWithOffset } from '../../io/workspace/io.js';
import { loadRegistry } from '../registry/index.js';
import { listChanges, type ListChanges } from './changes.js';
import { findMunicipality, operatorRequired, OPERATOR_FIELDS, unitsOf, validateOperators, type OperatorField, type Person, type Unit } from './check.js';
import { readRows, type ReadFile } from './read.js';
import { approvedVersions, latestVersion, loadList, saveList, type ListVersion, type StoredList } from './store.js';
import { MUNICIPALITY_LABEL, writeOperatorTemplate } from './template.js';

const unit = z.enum(['school', 'municipality']);
const reason = { force: z.boolean().optional(), reason: z.string().optional() };
const readingOptions = readerOptions.extend({ unit, municipality: z.string().optional(), json: z.boolean().optional() });
const validateOptions = readingOptions.extend({ annotate: z.string().optional() });
const submitOptions = readingOptions.extend(reason);
const templateOptions = z.object({ unit, municipality: z.string(), out: z.string() });
const approveOptions = z.object({ unit, municipality: z.string(), ...reason });
const changesOptions = z.object({ unit, municipality: z.string(), since: z.coerce.number().int().min(0).optional(), out: z.string().optional(), json: z.boolean().optional() });

type ReadingOptions = z.output<typeof readingOptions>;

function registryOf(ws: Workspace): Registry {
  const registry = loadRegistry(ws);
  if (registry.schools.length === 0) throw new UsageError('vacancies.registry-empty');
  return registry;
}

function knownMunicipality(registry: Registry, code: string): string {
  if (!registry.municipalities.some((m) => m.code === code))
    throw new UsageError('registry.municipality-unknown', { code, known: registry.municipalities.map((m) => m.code).join(', ') || '—' });
  return code;
}

/** How people read a stored timestamp: the campaign zone's wall clock it was written in. */
function shownTime(iso: string): string {
  const time = DateTime.fromISO(iso, { setZone: true });
  return time.isValid ? time.toFormat('dd.MM.yyyy HH:mm') : iso;
}


// ---------------------------------------------------------------------------------------------
// Checking files (validate and submit share it)

interface Checked {
  file: string;
  read?: ReadFile<OperatorField>;
  people: Person[];
  /** the units the file names */
  units: string[];
  findings: Finding[];
}

async function checkFiles(ctx: Ctx, ws: Workspace, files: string[], opts: ReadingOptions): Promise<Checked[]> {
  const unit = opts.unit;
  const registry = registryOf(ws);
  const given = opts.municipality === undefined ? undefined : knownMunicipality(registry, opts.municipality);
  const map = opts.map;
  const checked: Checked[] = [];
  for (const file of files) {
    const got = await readOrFinding(ctx, file, () =>
      readRows<OperatorField>(file, { fields: OPERATOR_FIELDS, required: operatorRequired(unit) }, {
        sheet: opts.sheet,
        map: map && Object.keys(map).length ? map : undefined,
        read: readOptions(opts),
        statedLabels: [MUNICIPALITY_LABEL.replace(':', '')],
      }),
    );
    if ('unreadable' in got) {
      checked.push({ file, people: [], units: [], findings: [got.unreadable] });
      continue;
    }
    const read = got.value;
    let scope = given;
    if (scope === undefined && read.stated !== undefined) {
      scope = findMunicipality(registry, read.stated);
      if (scope === undefined) ctx.note(ctx.t('vacancies.municipality-unrecognised', { file, value: read.stated }));
    }
    const result = validateOperators({ rows: read.rows, registry, unit, scope, file });
    checked.push({ file, read, people: result.people, units: result.units, findings: [...read.findings, ...result.findings] });
  }
  return checked;
}

/** What the shared validate pipeline (src/cli-kit/validate.ts) needs of a checked file. */
function asChecked(c: Checked): CheckedFile {
  return { file: c.file, rows: c.read?.rows.length ?? 0, findings: c.findings, format: c.read?.format };
}

async function validate(ctx: Ctx, files: string[], opts: z.output<typeof validateOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const checked = await checkFiles(ctx, ws, files, opts);
  return finishValidation(ctx, checked.map(asChecked), { json: opts.json, annotate: opts.annotate, read: readOptions(opts) });
}

// ---------------------------------------------------------------------------------------------
// Submitting: a new version per municipality whose list changes

const samePeople = (a: Person[], b: Person[]) => JSON.stringify(a) === JSON.stringify(b);

type Outcome = { municipality: string; status: 'stored' | 'unchanged' | 'refused'; version?: number; errors: number };

async function submit(ctx: Ctx, files: string[], opts: z.output<typeof submitOptions>): Promise<number> {
  const unit = opts.unit;
  const force = opts.force === true;
  const reason = opts.reason?.trim() ?? '';
  if (force && !reason) throw new UsageError('vacancies.force-needs-reason');
  const checked = await checkFiles(ctx, await useWorkspace(ctx), files, opts);
  const report = validationReport(ctx, checked.map(asChecked));
  const errorsOf = (c: Checked) => c.findings.filter((f) => f.severity === 'error').length;
  const errors = checked.reduce((n, c) => n + errorsOf(c), 0);

  const outcomes = await changeWorkspace<Outcome[]>(ctx, `operators submit`, async (ws) => {
    const registry = registryOf(ws);
    const municipalityOf = (id: string) => (unit === 'school' ? registry.schools.find((s) => s.code === id)?.municipality : id) ?? '';
    const now = isoWithOffset(new Date(), ws.config.campaign.timezone);
    const changed: string[] = [];
    const out: Outcome[] = [];
    const municipalities = [...new Set(checked.flatMap((c) => c.units.map(municipalityOf)))].filter(Boolean).sort();
    for (const m of municipalities) {
      // A file with errors holds back the municipalities it names; the other files' are stored.
      const files = checked.filter((c) => c.units.some((u) => municipalityOf(u) === m));
      const errors = files.reduce((n, c) => n + errorsOf(c), 0);
      if (errors > 0 && !force) {
        out.push({ municipality: m, status: 'refused', errors });
        continue;
      }
      const named = new Set(files.flatMap((c) => c.units));
      const list: StoredList = loadList(ws, unit, m) ?? { municipality: m, versions: [] };
      const last = latestVersion(list);
      // The units the files name take the files' people; the others keep theirs.
      const people = [...(last?.people ?? []).filter((p) => !named.has(p.unit)), ...files.flatMap((c) => c.people.filter((p) => p.municipality === m))].sort(
        (a, b) => a.unit.localeCompare(b.unit, 'ru', { numeric: true }) || a.full_name.localeCompare(b.full_name, 'ru'),
      );
      if (last && samePeople(last.people, people) && errors === 0) {
        out.push({ municipality: m, status: 'unchanged', version: last.version, errors: 0 });
        continue;
      }
      const sources = [];
      for (const c of files) {
        const input = await ws.storeInput(c.file, path.basename(c.file));
        if (!input.existed) changed.push(input.stored);
        sources.push({ file: path.basename(c.file), sha256: input.sha256, stored: input.stored });
      }
      const version: ListVersion = { version: (last?.version ?? 0) + 1, submitted_at: now, people, sources, errors, ...(errors ? { forced: true, reason } : {}) };
      list.versions.push(version);
      changed.push(await saveList(ws, unit, list));
      out.push({ municipality: m, status: 'stored', version: version.version, errors });
    }
    const stored = out.filter((o) => o.status === 'stored');
    return {
      changed,
      journal: { unit, versions: stored.map((o) => `${o.municipality}:${o.version}`), ...(stored.some((o) => o.errors > 0) ? { forced: true, reason } : {}) },
      result: out,
    };
  });

  for (const o of outcomes) ctx.note(ctx.t(`operators.submit-${o.status}`, { municipality: o.municipality, version: o.version ?? '', errors: o.errors }));
  if (outcomes.length === 0) ctx.note(ctx.t('vacancies.nothing-to-submit'));
  if (opts.json) ctx.out(renderJson({ ...report, submitted: outcomes }));
  else if (report.findings.length) ctx.out(renderReportTable(report, ctx));
  // Done without errors when every error was stored anyway (--force).
  return validationExit(checked.map(asChecked), { ok: errors === 0 || (force && !outcomes.some((o) => o.status === 'refused')) });
}

// ---------------------------------------------------------------------------------------------
// Approving (stage 5 for schools, stage 4 for the municipal staff)

/** Why a version cannot be approved as it is: open errors, units without a chief operator. */
function approvalProblems(ctx: Ctx, registry: Registry, unit: Unit, municipality: string, v: ListVersion): string[] {
  const chiefs = new Set(v.people.filter((p) => p.role === 'chief').map((p) => p.unit));
  const without = unitsOf(registry, unit, municipality).filter((u) => !chiefs.has(u));
  return [
    ...(v.errors > 0 ? [ctx.t('vacancy.refused-errors', { count: v.errors })] : []),
    ...(without.length ? [ctx.t('operators.refused-no-chief', { units: without.join(', ') })] : []),
  ];
}

async function approve(ctx: Ctx, opts: z.output<typeof approveOptions>): Promise<number> {
  const unit = opts.unit;
  const code = opts.municipality;
  const force = opts.force === true;
  const reason = opts.reason?.trim() ?? '';
  if (force && !reason) throw new UsageError('vacancies.force-needs-reason');
  const result = await changeWorkspace<{ version: ListVersion; already: boolean }>(ctx, 'operators approve', async (ws) => {
    const registry = registryOf(ws);
    knownMunicipality(registry, code);
    const list = loadList(ws, unit, code);
    const last = latestVersion(list);
    if (!list || !last) throw new DataError('operators.nothing-submitted', { municipality: code });
    if (last.approved_at) return { changed: [], result: { version: last, already: true } };
    const problems = approvalProblems(ctx, registry, unit, code, last);
    if (problems.length && !force) throw new DataError('vacancy.approve-refused', { municipality: code, reasons: problems.join('; ') });
    last.approved_at = isoWithOffset(new Date(), ws.config.campaign.timezone);
    last.approved_by = currentUser();
    if (problems.length) last.approval_reason = reason;
    const written = await saveList(ws, unit, list);
    return {
      changed: [written],
      journal: { unit, municipality: code, version: last.version, ...(problems.length ? { forced: true, reason, overridden: problems } : {}) },
      result: { version: last, already: false },
    };
  });
  const params = { municipality: code, version: result.version.version, date: shownTime(result.version.approved_at!) };
  ctx.note(ctx.t(result.already ? 'operators.already-approved' : 'operators.approved', params));
  return EXIT.ok;
}

// ---------------------------------------------------------------------------------------------
// The application of changes (stage 6)

/**
 * The latest approved version against `--since VERSION` (0: nothing, every person is new), else
 * against the approved version before it (none: every person is new, the first application).
 */
function changesOf(list: StoredList | undefined, municipality: string, since: number | undefined): { changes: ListChanges; version: ListVersion } {
  const approved = approvedVersions(list);
  const to = approved[0];
  if (!to) throw new DataError('operators.nothing-approved', { municipality });
  let from: { version: number; people: Person[] } = { version: 0, people: [] };
  if (since !== undefined && since > 0) {
    const v = list!.versions.find((x) => x.version === since);
    if (!v) throw new UsageError('operators.version-unknown', { version: since, versions: list!.versions.map((x) => x.version).join(', ') });
    from = v;
  } else if (since === undefined && approved[1]) from = approved[1];
  return { changes: listChanges(municipality, from, to), version: to };
}

async function changes(ctx: Ctx, opts: z.output<typeof changesOptions>): Promise<number> {
  const unit = opts.unit;
  const code = opts.municipality;
  const since = opts.since;
  let result: ListChanges;
  if (typeof opts.out === 'string') {
    const out = outputFile(ctx, opts.out);
    result = await changeWorkspace<ListChanges>(ctx, 'operators changes', async (ws) => {
      const registry = registryOf(ws);
      knownMunicipality(registry, code);
      const list = loadList(ws, unit, code);
      const { changes: c, version } = changesOf(list, code, since);
      const { writeChanges } = await import('./changes-write.js');
      await writeChanges({ changes: c, registry, unit, campaign: ws.config.campaign, lang: ctx.lang }, out);
      // Stage 6 is done for the municipality once its application follows the approval.
      version.application_at = isoWithOffset(new Date(), ws.config.campaign.timezone);
      return { changed: [await saveList(ws, unit, list!)], journal: { unit, municipality: code, from: c.from, to: c.to, out: opts.out }, result: c };
    });
    ctx.note(ctx.t('operators.changes-written', { file: String(opts.out), ...result.totals }));
  } else {
    const ws = await useWorkspace(ctx);
    knownMunicipality(registryOf(ws), code);
    result = changesOf(loadList(ws, unit, code), code, since).changes;
  }
  if (opts.json) ctx.out(renderJson(result));
  else if (typeof opts.out !== 'string') ctx.out(changesTable(ctx, result));
  return EXIT.ok;
}

function changesTable(ctx: Ctx, c: ListChanges): string {
  const table = plainTable(['operators.col-unit', 'operators.col-change', 'operators.col-name', 'operators.col-details'].map((k) => ctx.t(k)), ctx.color);
  for (const u of c.units) {
    for (const p of u.added) table.push([u.unit, ctx.t('operators.added'), p.full_name, `${p.position}; ${ctx.t(`operators.role-${p.role}`)}; ${p.email}; ${p.phone}`]);
    for (const p of u.removed) table.push([u.unit, ctx.t('operators.removed'), p.full_name, `${p.position}; ${ctx.t(`operators.role-${p.role}`)}`]);
    for (const p of u.changed)
      table.push([u.unit, ctx.t('operators.changed'), p.full_name, p.fields.map((f) => `${ctx.t(`operators.field-${f.field}`)}: ${f.before} → ${f.after}`).join('; ')]);
  }
  return [ctx.t('operators.changes-head', { municipality: c.municipality, from: c.from, to: c.to, ...c.totals }), table.toString()].join('\n');
}

async function template(ctx: Ctx, opts: z.output<typeof templateOptions>): Promise<number> {
  const unit = opts.unit;
  const ws = await useWorkspace(ctx);
  const registry = registryOf(ws);
  const municipality = knownMunicipality(registry, opts.municipality);
  const out = outputFile(ctx, opts.out);
  const { units } = await writeOperatorTemplate({ registry, municipality, unit, campaign: ws.config.campaign, lang: ctx.lang }, out);
  ctx.note(ctx.t('operators.template-written', { file: opts.out, units, municipality }));
  return EXIT.ok;
}

// ---------------------------------------------------------------------------------------------

export function register(program: Command, rt: Runtime): void {
  const operators = program.command('operators').description(describe(rt, 'operators'));
  const unitFlag = (cmd: Command) =>
    cmd.option(
      '--unit <unit>',
      say(rt, 'school — операторы школ (этап 5), municipality — ответственные сотрудники МООУСО (этап 4)', 'school — schools’ operators (stage 5), municipality — the municipality’s responsible staff (stage 4)'),
      'school',
    );
  const reading = (cmd: Command) =>
    commonFlags(
      unitFlag(readerFlags(cmd, rt)).option('--municipality <code>', say(rt, 'муниципалитет списка (иначе из ячейки «Муниципалитет:»)', 'the municipality of the list (else from a «Муниципалитет:» cell)')),
      rt,
      ['json'],
    );

  act(
    unitFlag(
      operators
        .command('template')
        .description(say(rt, 'бланк списка: строка на человека (ОО, ФИО, должность, роль, e-mail, телефон)', 'the list to fill: a row per person (school, name, position, role, e-mail, phone)'))
        .requiredOption('--municipality <code>', say(rt, 'код муниципалитета', 'municipality code'))
        .requiredOption('--out <file>', say(rt, 'куда записать xlsx', 'where to write the xlsx')),
    ).addHelpText('after', examples(rt, ['uchebnik operators template --municipality 01 --out operators-01.xlsx', 'uchebnik operators template --unit municipality --municipality 01 --out staff-01.xlsx'])),
    rt,
    templateOptions,
    (ctx, opts) => template(ctx, opts),
  );
  act(
    reading(
      commonFlags(
        operators
          .command('validate')
          .argument('<files...>', say(rt, 'списки: xlsx или csv', 'lists: xlsx or csv'))
          .description(say(rt, 'проверить списки операторов (ничего не меняет)', 'check operator lists (changes nothing)')),
        rt,
        ['annotate'],
      ),
    ).addHelpText('after', examples(rt, ['uchebnik operators validate operators-01.xlsx', 'uchebnik operators validate incoming/*.xlsx --annotate checked/ --json'])),
    rt,
    validateOptions,
    (ctx, opts, files) => validate(ctx, files, opts),
  );
  act(
    reading(
      operators
        .command('submit')
        .argument('<files...>', say(rt, 'проверенные списки', 'checked lists'))
        .description(say(rt, 'принять списки: новая версия списка муниципалитета', 'accept lists: a new version of the municipality’s list'))
        .option('--force', say(rt, 'принять и с ошибками', 'accept with errors too'))
        .option('--reason <text>', say(rt, 'почему (обязательно с --force, записывается в журнал)', 'why (required with --force, journaled)')),
    ).addHelpText('after', examples(rt, ['uchebnik operators submit operators-01.xlsx', 'uchebnik operators submit --unit municipality staff-01.xlsx'])),
    rt,
    submitOptions,
    (ctx, opts, files) => submit(ctx, files, opts),
  );
  act(
    unitFlag(
      operators
        .command('approve')
        .description(say(rt, 'утвердить последнюю версию списка муниципалитета (этапы 4, 5)', 'approve the latest version of a municipality’s list (stages 4, 5)'))
        .requiredOption('--municipality <code>', say(rt, 'код муниципалитета', 'municipality code'))
        .option('--force', say(rt, 'утвердить, хотя есть ошибки или школы без главного оператора', 'approve although there are errors or schools without a chief operator'))
        .option('--reason <text>', say(rt, 'почему (обязательно с --force, записывается в журнал)', 'why (required with --force, journaled)')),
    ).addHelpText('after', examples(rt, ['uchebnik operators approve --municipality 01'])),
    rt,
    approveOptions,
    (ctx, opts) => approve(ctx, opts),
  );
  act(
    commonFlags(
      unitFlag(
      operators
        .command('changes')
        .description(say(rt, 'заявка в РЦОКО: кто добавлен, удалён, изменён по сравнению с прежним утверждённым списком (этап 6)', 'the application to the regional centre: who is added, removed, changed since the previous approved list (stage 6)'))
        .requiredOption('--municipality <code>', say(rt, 'код муниципалитета', 'municipality code'))
        .option('--since <version>', say(rt, 'сравнить с этой версией (иначе с прежней утверждённой)', 'compare with this version (else the previous approved one)'))
        .option('--out <file>', say(rt, 'записать заявку в xlsx для печати', 'write the application as a printable xlsx')),
      ),
      rt,
      ['json'],
    ).addHelpText('after', examples(rt, ['uchebnik operators changes --municipality 01', 'uchebnik operators changes --municipality 01 --out zayavka-01.xlsx', 'uchebnik operators changes --municipality 01 --since 1 --json'])),
    rt,
    changesOptions,
    (ctx, opts) => changes(ctx, opts),
  );
}
