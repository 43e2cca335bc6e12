/**
 * `uchebnik publisher set|import|show` — the publishers' requisites as suppliers (issue 17): legal
 * name, ИНН/КПП, address, signatory, bank details. Given one publisher at a time on the command line
 * (`set`) or as a file with a row per publisher (`import`, read with the one reader by header words).
 * Checked by the rules the schools' requisites have; any error is a finding and nothing is stored.
 * Each change is journaled.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { describe } from '../../cli-kit/commands.js';
import type { Ctx } from '../../cli-kit/context.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { readerFlags, readerOptions, readOptions } from '../../cli-kit/options.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import { EXIT } from '../../core/errors.js';
import { columnLetter, type CellAddress, type Finding } from '../../core/finding.js';
import { buildReport } from '../../core/report/report.js';
import { fitted, plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import { normalizeHeader } from '../../core/text.js';
import { openWorkbook } from '../../io/sheets/open.js';
import { findTable, type TableSpec } from '../../io/sheets/table.js';
import { isoWithOffset } from '../../io/workspace/io.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { loadPriceLists } from '../pricelist/index.js';
import { CONTRACT_FIELDS, requisiteCellText } from '../registry/index.js';
import { publisherFrom, type PublisherField, type PublisherInput, type PublisherRequisites } from './publisher.js';
import { loadPublisher, loadPublishers, savePublisher } from './store.js';

export const PUBLISHERS_SPEC: TableSpec = {
  fields: [
    { key: 'publisher', synonyms: ['Издательство', 'Поставщик', 'Издатель', 'Краткое наименование'] },
    { key: 'legal_name', synonyms: ['Полное наименование', 'Наименование организации', 'Юридическое наименование', 'Наименование поставщика'] },
    { key: 'inn', synonyms: ['ИНН'], prefix: false },
    { key: 'kpp', synonyms: ['КПП'], prefix: false },
    { key: 'legal_address', synonyms: ['Юридический адрес', 'Юр. адрес', 'Адрес', 'Место нахождения'] },
    { key: 'head_position', synonyms: ['Должность руководителя', 'Должность подписанта', 'Должность'] },
    { key: 'head_name', synonyms: ['ФИО руководителя', 'Руководитель', 'Подписант', 'ФИО подписанта'] },
    { key: 'head_basis', synonyms: ['Действует на основании', 'На основании', 'Основание полномочий', 'Основание'] },
    { key: 'bank_name', synonyms: ['Банк', 'Наименование банка'] },
    { key: 'bik', synonyms: ['БИК', 'БИК банка'] },
    { key: 'account', synonyms: ['Расчётный счёт', 'Расчетный счет', 'Р/с', 'Р/сч'] },
    { key: 'corr_account', synonyms: ['Корреспондентский счёт', 'Корр. счёт', 'Кор. счёт', 'К/с', 'Кор/сч'] },
    { key: 'personal_account', synonyms: ['Лицевой счёт', 'Л/с'] },
    { key: 'email', synonyms: ['Электронная почта', 'E-mail', 'Email', 'Эл. почта'] },
    { key: 'phone', synonyms: ['Телефон', 'Тел.', 'Контактный телефон'] },
  ],
  required: ['publisher'],
};

/** The name a loaded price list has for `given` (case and punctuation aside), or undefined. */
function priceListName(ws: Workspace, given: string): string | undefined {
  return loadPriceLists(ws)
    .map((p) => p.publisher)
    .find((p) => normalizeHeader(p) === normalizeHeader(given));
}

interface Outcome {
  findings: Finding[];
  records: PublisherRequisites[];
  stored: boolean;
  /** names no loaded price list has */
  unknown: string[];
}

/** Checks the inputs over what is stored and saves them all when there is no error. */
async function store(ctx: Ctx, command: string, inputs: PublisherInput[], journal: Record<string, unknown>): Promise<Outcome> {
  return changeWorkspace<Outcome>(ctx, command, async (ws) => {
    const findings: Finding[] = [];
    const records: PublisherRequisites[] = [];
    const unknown: string[] = [];
    for (const input of inputs) {
      const given = input.values.publisher?.trim() ?? '';
      if (!given) continue;
      const name = priceListName(ws, given) ?? given;
      if (name === given && !priceListName(ws, given)) unknown.push(given);
      const r = publisherFrom({ ...input, values: { ...input.values, publisher: name } }, loadPublisher(ws, name));
      findings.push(...r.findings);
      records.push(r.record);
    }
    if (findings.some((f) => f.severity === 'error') || records.length === 0) return { changed: [], result: { findings, records, stored: false, unknown } };
    const now = isoWithOffset(new Date(), ws.config.campaign.timezone);
    const changed: string[] = [];
    for (const r of records) changed.push(await savePublisher(ws, { ...r, updated_at: now }));
    return { changed, journal: { ...journal, publishers: records.map((r) => r.publisher) }, result: { findings, records, stored: true, unknown } };
  });
}

function finish(ctx: Ctx, outcome: Outcome, files: { file: string; rows: number }[], json: boolean | undefined): number {
  const report = buildReport(files, outcome.findings, ctx.lang);
  if (outcome.unknown.length && outcome.stored) ctx.note(ctx.t('publisher.no-pricelist', { names: outcome.unknown.join(', ') }));
  ctx.note(ctx.t(outcome.stored ? 'publisher.stored' : 'publisher.not-stored', { count: outcome.records.length, names: outcome.records.map((r) => r.publisher).join(', ') }));
  if (json) ctx.out(renderJson({ ...report, publishers: outcome.records.map((r) => r.publisher), stored: outcome.stored }));
  else if (report.findings.length) ctx.out(renderReportTable(report, ctx));
  return report.ok ? EXIT.ok : EXIT.dataErrors;
}

/** The options of `publisher set`, one per field (commander's attribute names). */
const setOptions = z.object({
  legalName: z.string().optional(),
  inn: z.string().optional(),
  kpp: z.string().optional(),
  address: z.string().optional(),
  headPosition: z.string().optional(),
  headName: z.string().optional(),
  headBasis: z.string().optional(),
  bank: z.string().optional(),
  bik: z.string().optional(),
  account: z.string().optional(),
  corrAccount: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  ...flagSchema(['json']),
});
type SetOptions = z.output<typeof setOptions>;

/** Each flag of `publisher set`, its key in the options (commander's attribute name) and the field it sets. */
const SET_FLAGS: [flag: string, key: Exclude<keyof SetOptions, 'json'>, field: PublisherField, ru: string, en: string][] = [
  ['--legal-name <text>', 'legalName', 'legal_name', 'полное наименование', 'full legal name'],
  ['--inn <digits>', 'inn', 'inn', 'ИНН', 'ИНН (tax number)'],
  ['--kpp <code>', 'kpp', 'kpp', 'КПП', 'КПП'],
  ['--address <text>', 'address', 'legal_address', 'юридический адрес', 'legal address'],
  ['--head-position <text>', 'headPosition', 'head_position', 'должность подписанта', 'signatory\'s position'],
  ['--head-name <text>', 'headName', 'head_name', 'ФИО подписанта', 'signatory\'s full name'],
  ['--head-basis <text>', 'headBasis', 'head_basis', 'действует на основании (Устава, доверенности…)', 'acting on the basis of (charter, power of attorney…)'],
  ['--bank <text>', 'bank', 'bank_name', 'банк', 'bank'],
  ['--bik <digits>', 'bik', 'bik', 'БИК банка', 'bank БИК'],
  ['--account <digits>', 'account', 'account', 'расчётный счёт', 'settlement account'],
  ['--corr-account <digits>', 'corrAccount', 'corr_account', 'корреспондентский счёт', 'correspondent account'],
  ['--email <address>', 'email', 'email', 'электронная почта', 'e-mail'],
  ['--phone <text>', 'phone', 'phone', 'телефон', 'phone'],
];

async function setPublisher(ctx: Ctx, name: string, opts: SetOptions): Promise<number> {
  const values: PublisherInput['values'] = { publisher: name };
  for (const [, key, field] of SET_FLAGS) {
    const v = opts[key];
    if (v !== undefined) values[field] = v;
  }
  // A value given on the command line has no cell; the finding's message quotes the value.
  const outcome = await store(ctx, 'publisher set', [{ values, at: () => ({}) }], { publisher: name });
  return finish(ctx, outcome, [], opts.json === true);
}

const importOptions = readerOptions.extend(flagSchema(['json']));

async function importPublishers(ctx: Ctx, file: string, opts: z.output<typeof importOptions>): Promise<number> {
  const wb = await openWorkbook(file, readOptions(opts));
  const inputs: PublisherInput[] = [];
  let rows = 0;
  let tableFindings: Finding[] = [];
  let tableFile = file;
  try {
    const table = await findTable(wb, PUBLISHERS_SPEC, { sheet: opts.sheet, map: opts.map });
    tableFindings = table.findings;
    tableFile = table.file;
    for await (const r of table.rows()) {
      if (r.kind !== 'data') continue;
      rows++;
      const values: PublisherInput['values'] = {};
      for (const f of PUBLISHERS_SPEC.fields) if (table.has(f.key)) values[f.key as PublisherField] = requisiteCellText(table.cell(r, f.key), f.key);
      inputs.push({
        values,
        at: (field): CellAddress => {
          const col = table.columns.get(field);
          return { file: table.file, sheet: wb.format === 'csv' ? undefined : table.sheet, row: r.row, column: col === undefined ? undefined : columnLetter(col) };
        },
      });
    }
  } finally {
    await wb.close();
  }
  const outcome = await store(ctx, 'publisher import', inputs, { file });
  outcome.findings.unshift(...tableFindings);
  return finish(ctx, outcome, [{ file: tableFile, rows }], opts.json);
}

const showOptions = z.object(flagSchema(['json']));

async function showPublishers(ctx: Ctx, opts: z.output<typeof showOptions>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const all = loadPublishers(ws);
  if (opts.json) {
    ctx.out(renderJson({ publishers: all }));
    return EXIT.ok;
  }
  const table = plainTable([ctx.t('publisher.col-publisher'), ctx.t('publisher.col-legal-name'), ctx.t('publisher.col-inn'), ctx.t('publisher.col-missing')], ctx.color);
  for (const p of all) {
    // What export warns about (requisites-missing): the fields a contract cannot do without.
    const missing = CONTRACT_FIELDS.map((f) => (f === 'full_name' ? 'legal_name' : f)).filter(
      (f) => !((p as Record<string, unknown>)[f] ?? p.requisites?.[f as keyof typeof p.requisites]),
    );
    table.push([p.publisher, p.legal_name ?? '', p.inn ?? '', missing.join(', ') || '—']);
  }
  ctx.out(all.length ? fitted(table, ctx.width) : ctx.t('publisher.none'));
  return EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  const cmd = program.command('publisher').description(describe(rt, 'publisher'));
  const set = cmd
    .command('set')
    .argument('<name>', say(rt, 'издательство, как его прайс-лист загружен (--publisher)', 'the publisher, as its price list is loaded (--publisher)'))
    .description(say(rt, 'задать или дополнить реквизиты издательства (поставщика); пустые не меняются', 'set or add to a publisher\'s (supplier\'s) requisites; those not given stay'));
  for (const [flag, , , ru, en] of SET_FLAGS) set.option(flag, say(rt, ru, en));
  act(
    commonFlags(set, rt, ['json']).addHelpText(
      'after',
      examples(rt, [
        'uchebnik publisher set Просвещение --legal-name "АО «Издательство «Просвещение»" --inn 7715995942 --kpp 771501001',
        'uchebnik publisher set Дрофа --bik 044525225 --account 40702810238720001420 --corr-account 30101810400000000225',
      ]),
    ),
    rt,
    setOptions,
    (ctx, opts, [name]) => setPublisher(ctx, name!, opts),
  );
  act(
    commonFlags(
      readerFlags(
        cmd
          .command('import')
          .argument('<file>', say(rt, 'файл xlsx или csv: строка на издательство', 'an xlsx or csv file: a row per publisher'))
          .description(say(rt, 'реквизиты издательств из файла (при ошибках ничего не сохраняется)', 'publishers\' requisites from a file (nothing is stored on errors)')),
        rt,
        { fields: PUBLISHERS_SPEC.fields.map((f) => f.key) },
      ),
      rt,
      ['json'],
    ).addHelpText('after', examples(rt, ['uchebnik publisher import publishers.xlsx', 'uchebnik publisher import suppliers.csv --map publisher=A --json'])),
    rt,
    importOptions,
    (ctx, opts, [file]) => importPublishers(ctx, file!, opts),
  );
  act(
    commonFlags(cmd.command('show').description(say(rt, 'реквизиты издательств и чего в них не хватает для договора', 'publishers\' requisites and what a contract still lacks')), rt, ['json']).addHelpText(
      'after',
      examples(rt, ['uchebnik publisher show', 'uchebnik publisher show --json']),
    ),
    rt,
    showOptions,
    (ctx, opts) => showPublishers(ctx, opts),
  );
}
