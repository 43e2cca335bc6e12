/**
 * `uchebnik registry requisites FILE` — the schools' requisites for contracts (issue 17) from a file
 * with a row per school, named by its code or ИНН: legal address, head, bank details, contacts. Read
 * with the one reader (src/io/sheets/open.ts, table.ts) by header words; the rules are in
 * requisites.ts and requisites-check.ts. Any error is a finding at its cell, and then nothing is stored.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import type { Ctx } from '../../cli-kit/context.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { readerFlags, readerOptions, readOptions } from '../../cli-kit/options.js';
import { changeWorkspace } from '../../cli-kit/workspace.js';
import { EXIT } from '../../core/errors.js';
import { columnLetter, type CellAddress } from '../../core/finding.js';
import { buildReport } from '../../core/report/report.js';
import { renderJson, renderReportTable } from '../../core/report/render.js';
import { openWorkbook } from '../../io/sheets/open.js';
import { findTable, type TableSpec } from '../../io/sheets/table.js';
import { requisiteCellText } from './requisite-cell.js';
import { applyRequisites, type RequisitesInputField, type RequisitesRowInput } from './requisites.js';
import { loadRegistry, saveRegistry } from './store.js';

/** The header words of a requisites file, as schools and municipalities write them. */
export const REQUISITES_SPEC: TableSpec = {
  fields: [
    { key: 'code', synonyms: ['Код ОО', 'Код школы', 'Код организации', 'Код учреждения', 'Код'], prefix: false },
    { key: 'inn', synonyms: ['ИНН', 'ИНН организации', 'ИНН учреждения'], prefix: false },
    { key: 'kpp', synonyms: ['КПП'], prefix: false },
    { key: 'legal_address', synonyms: ['Юридический адрес', 'Юр. адрес', 'Адрес', 'Место нахождения', 'Адрес (место нахождения)', 'Почтовый адрес'] },
    { key: 'head_position', synonyms: ['Должность руководителя', 'Должность'] },
    { key: 'head_name', synonyms: ['ФИО руководителя', 'Руководитель', 'Директор', 'ФИО директора', 'Подписант'] },
    { key: 'head_basis', synonyms: ['Действует на основании', 'На основании', 'Основание полномочий', 'Основание'] },
    { key: 'bank_name', synonyms: ['Банк', 'Наименование банка', 'Банк получателя', 'Наименование банка получателя'] },
    { key: 'bik', synonyms: ['БИК', 'БИК банка', 'БИК ТОФК'] },
    { key: 'account', synonyms: ['Расчётный счёт', 'Расчетный счет', 'Р/с', 'Р/сч', 'Казначейский счёт', 'Номер казначейского счёта', 'Счёт получателя'] },
    { key: 'corr_account', synonyms: ['Корреспондентский счёт', 'Корр. счёт', 'Кор. счёт', 'К/с', 'Кор/сч', 'Единый казначейский счёт', 'ЕКС'] },
    { key: 'personal_account', synonyms: ['Лицевой счёт', 'Л/с', 'Л/сч'] },
    { key: 'email', synonyms: ['Электронная почта', 'E-mail', 'Email', 'Эл. почта'] },
    { key: 'phone', synonyms: ['Телефон', 'Тел.', 'Контактный телефон'] },
  ],
  required: ['code|inn'],
};


async function readRequisites(file: string, opts: z.output<typeof options>) {
  const wb = await openWorkbook(file, readOptions(opts));
  try {
    const table = await findTable(wb, REQUISITES_SPEC, { sheet: opts.sheet, map: opts.map });
    const rows: RequisitesRowInput[] = [];
    let dataRows = 0;
    for await (const r of table.rows()) {
      if (r.kind !== 'data') continue;
      dataRows++;
      const values: RequisitesRowInput['values'] = {};
      for (const f of REQUISITES_SPEC.fields) if (table.has(f.key)) values[f.key as RequisitesInputField] = requisiteCellText(table.cell(r, f.key), f.key);
      rows.push({
        row: r.row,
        values,
        at: (field): CellAddress => {
          const col = table.columns.get(field);
          return { file: table.file, sheet: wb.format === 'csv' ? undefined : table.sheet, row: r.row, column: col === undefined ? undefined : columnLetter(col) };
        },
      });
    }
    return { rows, dataRows, findings: table.findings, file: table.file };
  } finally {
    await wb.close();
  }
}

const options = readerOptions.extend(flagSchema(['json']));

async function importRequisites(ctx: Ctx, file: string, opts: z.output<typeof options>): Promise<number> {
  const read = await readRequisites(file, opts);
  const outcome = await changeWorkspace(ctx, 'registry requisites', async (ws) => {
    const update = applyRequisites(loadRegistry(ws), read.rows);
    const report = buildReport([{ file: read.file, rows: read.dataRows }], [...read.findings, ...update.findings], ctx.lang);
    if (!report.ok || update.updated.length === 0) return { changed: [], result: { report, update, stored: false } };
    const input = await ws.storeInput(file, file);
    const written = await saveRegistry(ws, update.registry);
    return {
      changed: [written, input.stored],
      journal: { file, sha256: input.sha256, schools: update.updated.length },
      result: { report, update, stored: true },
    };
  });
  const { report, update, stored } = outcome;
  if (!report.ok) ctx.note(ctx.t('requisites.not-stored', { file }));
  else ctx.note(ctx.t(stored ? 'requisites.stored' : 'requisites.unchanged', { file, schools: update.updated.length, rows: update.rows }));
  if (opts.json) ctx.out(renderJson({ ...report, requisites: { rows: update.rows, updated: update.updated, stored } }));
  else if (report.findings.length) ctx.out(renderReportTable(report, ctx));
  return report.ok ? EXIT.ok : EXIT.dataErrors;
}

/** Adds `requisites` to the `registry` command. */
export function registerRequisites(registry: Command, rt: Runtime): void {
  act(
    commonFlags(
      readerFlags(
        registry
          .command('requisites')
          .argument('<file>', say(rt, 'файл xlsx или csv: строка на школу, код ОО или ИНН и реквизиты', 'an xlsx or csv file: a row per school, its code or ИНН and requisites'))
          .description(
            say(
              rt,
              'реквизиты школ для договоров: юридический адрес, руководитель, банк, БИК, счета, л/с, почта, телефон (при ошибках ничего не сохраняется)',
              'schools\' requisites for contracts: legal address, head, bank, БИК, accounts, personal account, e-mail, phone (nothing is stored on errors)',
            ),
          ),
        rt,
        { fields: REQUISITES_SPEC.fields.map((f) => f.key) },
      ),
      rt,
      ['json'],
    ).addHelpText('after', examples(rt, ['uchebnik registry requisites requisites.xlsx', 'uchebnik registry requisites banks.csv --map account=F --json'])),
    rt,
    options,
    (ctx, opts, [file]) => importRequisites(ctx, file!, opts),
  );
}
