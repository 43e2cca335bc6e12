/**
 * `uchebnik form load FILE --publisher NAME` — registers a publisher's own consolidated-order workbook
 * (docs/file-formats.md#forms, stage 6 «Загрузка и настройка форм сводных заказов для издательств») and says what
 * uchebnik found in it (the layout, layout.ts). The form's items are compared with the
 * publisher's loaded price list: form rows the list lacks, list items the form lacks and differing
 * prices are warnings. `consolidate municipality` fills a copy of the registered form (fill.ts).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { shellQuote } from '../../cli-kit/shell.js';
import { describe } from '../../cli-kit/commands.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import type { Ctx } from '../../cli-kit/context.js';
import { changeWorkspace, useWorkspace } from '../../cli-kit/workspace.js';
import { Catalogue } from '../../core/model/catalogue.js';
import { finding, type Finding } from '../../core/finding.js';
import { EXIT, InputError, UsageError } from '../../core/errors.js';
import { buildReport } from '../../core/report/report.js';
import { renderJson, renderReportTable } from '../../core/report/render.js';
import { collectMap } from '../../cli-kit/options.js';
import { columnIndex } from '../../core/finding.js';
import { detectFormLayout, FORM_FIELDS, guessOptions, recipientsOption, type FormField, type FormLayout, type LayoutOptions, type Recipient } from './layout.js';
import { isoWithOffset } from '../../io/workspace/io.js';
import { currentVersion, loadPriceList } from '../pricelist/index.js';
import { fileSha256 } from '../../io/workspace/inputs.js';
import { loadForm, sameLayout, saveForm } from './store.js';

/** The form's items against the publisher's price list: warnings, never silent drops. */
function compare(layout: FormLayout, catalogue: Catalogue, publisher: string, file: string): { findings: Finding[]; seen: Set<string> } {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const priceCol = layout.columns.price;
  for (const it of layout.items) {
    const at = { file, sheet: layout.sheet, row: it.row };
    const found = catalogue.lookup({ publisher, item_code: it.item_code, fpu_code: it.item_code ? undefined : it.fpu_code, title: it.title });
    if (found.kind !== 'found') {
      findings.push(finding('form-item-not-in-pricelist', 'warning', { ...at, column: layout.columns.item_code ?? layout.columns.fpu_code }, { item: it.item_code ?? it.fpu_code ?? '' }, { item: it.item_code ?? it.fpu_code }));
      continue;
    }
    seen.add(found.item.key);
    if (it.price_kopecks !== undefined && it.price_kopecks !== found.item.price_kopecks) {
      findings.push(
        finding(
          'form-price-differs',
          'warning',
          { ...at, column: priceCol },
          { item: it.item_code ?? it.fpu_code ?? '', form_price_kopecks: it.price_kopecks, list_price_kopecks: found.item.price_kopecks },
          { item: found.item.key, expected: found.item.price_kopecks, actual: it.price_kopecks },
        ),
      );
    }
  }
  return { findings, seen };
}


/** The command line that loads `file` with `o` (what a refusal ends with). */
function commandLine(file: string, publisher: string, o: LayoutOptions): string {
  const words = ['uchebnik', 'form', 'load', file, '--publisher', publisher];
  if (o.sheet !== undefined) words.push('--sheet', o.sheet);
  for (const [f, c] of Object.entries(o.map ?? {})) words.push('--map', `${f}=${c}`);
  if (o.recipients) {
    words.push('--recipients', recipientsOption(o.recipients));
    if (o.recipients.width === 1) words.push('--recipient-width', '1');
  }
  return words.map(shellQuote).join(' ');
}

/** `--map`, `--recipients`, `--recipient-width`, `--sheet` read into the layout's options. */
const loadOptions = z.object({
  publisher: z.string(),
  sheet: z.string().optional(),
  map: z.record(z.string(), z.string()).optional(),
  recipients: z.string().optional(),
  recipientWidth: z.string().optional(),
  ...flagSchema(['json']),
});
type LoadOptions = z.output<typeof loadOptions>;

function layoutOptions(opts: LoadOptions): LayoutOptions {
  const out: LayoutOptions = {};
  if (opts.sheet !== undefined) out.sheet = opts.sheet;
  const map = opts.map ?? {};
  for (const [field, where] of Object.entries(map)) {
    if (!(FORM_FIELDS as readonly string[]).includes(field)) throw new UsageError('form.bad-map-field', { field, fields: FORM_FIELDS.join(', ') });
    (out.map ??= {})[field as FormField] = where;
  }
  const width = opts.recipientWidth === undefined ? 2 : Number(opts.recipientWidth);
  if (width !== 1 && width !== 2) throw new UsageError('form.bad-recipient-width', { value: opts.recipientWidth ?? '' });
  if (opts.recipients !== undefined) {
    const m = /^\s*([A-Za-z]{1,3})\s*:\s*([A-Za-z]{1,3})\s*$/u.exec(opts.recipients);
    const from = m ? columnIndex(m[1]!) : -1;
    const to = m ? columnIndex(m[2]!) : -1;
    if (from < 0 || to < from) throw new UsageError('form.bad-recipients', { value: opts.recipients });
    if ((to - from + 1) % width !== 0) throw new UsageError('form.recipients-odd', { value: opts.recipients });
    out.recipients = { from, to, width };
  } else if (opts.recipientWidth !== undefined) throw new UsageError('form.width-without-recipients');
  return out;
}

/** A refusal that ends with the command line that loads the file, tried before it is proposed. */
async function refusal(key: string, file: string, publisher: string, o: LayoutOptions, layout: FormLayout | null): Promise<InputError> {
  const proposed = await guessOptions(file, o, layout);
  const params = { file, sheet: layout?.sheet, row: layout?.header_row };
  if (proposed) return new InputError(key, { ...params, command: commandLine(file, publisher, proposed) });
  return new InputError(`${key}-template`, { ...params, command: commandLine(file, publisher, { ...o, map: { ...(o.map ?? {}), ...(layout ? {} : { item_code: '?', price: '?' }) }, recipients: undefined }) + ` --recipients ${shellQuote('?:?')}` });
}

async function load(ctx: Ctx, file: string, opts: LoadOptions): Promise<number> {
  const publisher = opts.publisher.trim();
  if (!publisher) throw new UsageError('form.publisher-empty');
  const o = layoutOptions(opts);
  const layout = await detectFormLayout(file, o);
  if (!layout) throw await refusal('form.no-items', file, publisher, o, null);
  if (layout.recipients.length === 0) throw await refusal('form.no-recipients', file, publisher, o, layout);

  const root = await useWorkspace(ctx);
  const list = loadPriceList(root, publisher);
  const findings: Finding[] = [];
  if (!list) ctx.note(ctx.t('form.no-pricelist', { publisher }));
  else {
    const items = currentVersion(list).items;
    const catalogue = new Catalogue(items);
    const { findings: mine, seen } = compare(layout, catalogue, publisher, file);
    findings.push(...mine);
    for (const it of items) {
      if (!seen.has(it.key)) findings.push(finding('form-item-missing', 'warning', { file, sheet: layout.sheet }, { item: it.item_code ?? it.fpu_code ?? it.key, title: it.title }, { item: it.key }));
    }
  }
  // Two recipients labelled with one number are a slip in the form a person filling it should know of.
  const numbers = new Map<string, Recipient>();
  for (const r of layout.recipients) {
    const n = /№\s*(\d+)/u.exec(r.label)?.[1];
    if (n === undefined) continue;
    const first = numbers.get(n);
    if (first) findings.push(finding('form-recipient-number-repeated', 'warning', { file, sheet: layout.sheet, row: layout.header_row - 1, column: r.quantity }, { number: n, first: first.quantity }));
    else numbers.set(n, r);
  }
  const report = buildReport([{ file, rows: layout.items.length }], findings, ctx.lang);

  const outcome = await changeWorkspace<{ unchanged: boolean }>(ctx, 'form load', async (ws) => {
    const current = loadForm(ws, publisher);
    const sha = await fileSha256(file);
    if (current && current.source.sha256 === sha && sameLayout(current.layout, layout)) return { changed: [], result: { unchanged: true } };
    const input = await ws.storeInput(file, path.basename(file));
    const written = await saveForm(ws, {
      publisher,
      loaded_at: isoWithOffset(new Date(), ws.config.campaign.timezone),
      source: { file: path.basename(file), sha256: input.sha256, stored: input.stored },
      layout,
    });
    return { changed: [written, input.stored], journal: { publisher, file, sha256: input.sha256, items: layout.items.length, recipients: layout.recipients.length }, result: { unchanged: false } };
  });

  const first = layout.recipients[0]!;
  const last = layout.recipients[layout.recipients.length - 1]!;
  const span = (r: Recipient) => (r.sum ? `${r.quantity}:${r.sum}` : r.quantity);
  const summary = {
    publisher,
    sheet: layout.sheet,
    header_row: layout.header_row,
    columns: layout.columns,
    items: layout.items.length,
    first_item_row: layout.items[0]!.row,
    last_item_row: layout.items[layout.items.length - 1]!.row,
    recipients_from: layout.recipients_from,
    found_by: layout.found_by ?? [],
    ...(layout.label_row !== undefined ? { label_row: layout.label_row } : {}),
    recipients: layout.recipients,
    ...(layout.total ? { total: layout.total } : {}),
    unchanged: outcome.unchanged,
  };
  ctx.note(ctx.t(outcome.unchanged ? 'form.unchanged' : 'form.loaded', { publisher, file }));
  if (opts.json) {
    ctx.out(renderJson({ ...report, form: summary }));
  } else {
    ctx.out(
      ctx.t('form.summary', {
        sheet: layout.sheet,
        row: layout.header_row,
        columns: Object.entries(layout.columns)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
        items: layout.items.length,
        first: summary.first_item_row,
        last: summary.last_item_row,
        recipients: layout.recipients.length,
        how: [ctx.t(`form.recipients-${layout.recipients_from}`), ...(layout.found_by ?? []).map((b) => ctx.t(`form.found-by-${b}`))].join('; '),
        from: span(first),
        to: span(last),
        total: layout.total ? `${span({ n: 0, ...layout.total })} «${layout.total.label}»` : '—',
      }),
    );
    if (findings.length) ctx.out(renderReportTable(report, ctx));
  }
  return report.ok ? EXIT.ok : EXIT.dataErrors;
}

export function register(program: Command, rt: Runtime): void {
  const cmd = program.command('form').description(describe(rt, 'form'));
  act(
    commonFlags(
      cmd
      .command('load')
      .argument('<file>', say(rt, 'книга издательства (xlsx)', 'the publisher\'s workbook (xlsx)'))
      .description(say(rt, 'зарегистрировать форму издательства: найти строки позиций и столбцы получателей', 'register a publisher\'s form: find its item rows and recipient columns'))
      .requiredOption('--publisher <name>', say(rt, 'издательство (как в прайс-листе)', 'publisher (as in the price list)'))
      .option('--sheet <name>', say(rt, 'лист формы (иначе первый с заголовком позиций)', 'the form\'s sheet (else the first with an item header)'))
      .option(
        '--map <field=column>',
        say(rt, `где поле (${FORM_FIELDS.join(', ')}): буква столбца или текст заголовка (можно несколько)`, `where a field is (${FORM_FIELDS.join(', ')}): column letter or header text (repeatable)`),
        collectMap,
      )
      .option(
        '--recipients <from:to>',
        say(rt, 'столбцы получателей, с первого по последний, когда их не видно по структуре формы: пары «количество, сумма» (O:EZ — пары O:P … EY:EZ)', 'the recipients\' columns, first to last, when the form\'s structure does not show them: pairs of quantity and sum (O:EZ — pairs O:P … EY:EZ)'),
      )
      .option('--recipient-width <n>', say(rt, 'столбцов на получателя в --recipients: 2 (количество и сумма, по умолчанию) или 1 (только количество)', 'columns per recipient in --recipients: 2 (quantity and sum, the default) or 1 (quantity only)')),
      rt,
      ['json'],
    ).addHelpText(
        'after',
        say(
          rt,
          '\nПолучателей ищут по структуре: повторяющаяся пара столбцов количества и суммы («Кол-во, шт.» / «Стоимость», «Заказ , экз./ комплект.» / «Сумма, руб.»)\nпод строкой «получатель N» / «Наименование получателя №N», или столбцы, которые складывает итог формы (=SUM(O7:BS7), =N7+P7+R7,\n=SUMPRODUCT((MOD(COLUMN(O7:EZ7),2)=1)*O7:EZ7)). Столбец «Код» — код позиции, как в прайс-листе. Если форма не читается,\nсообщение заканчивается командой, которая её загрузит.\n',
          '\nRecipients are found by structure: a repeated pair of quantity and sum columns («Кол-во, шт.» / «Стоимость», «Заказ , экз./ комплект.» / «Сумма, руб.»)\nunder a row «получатель N» / «Наименование получателя №N», or the columns the form\'s total adds (=SUM(O7:BS7), =N7+P7+R7,\n=SUMPRODUCT((MOD(COLUMN(O7:EZ7),2)=1)*O7:EZ7)). A column «Код» is the item code, as in price lists. When a form cannot be read,\nthe message ends with the command line that loads it.\n',
        ) +
          examples(rt, [
            'uchebnik form load drofa_svod.xlsx --publisher Дрофа',
            'uchebnik form load prosv_svod.xlsx --publisher Просвещение --json | jq .form.recipients',
            'uchebnik form load form.xlsx --publisher Бином --recipients O:EZ',
            'uchebnik form load form.xlsx --publisher Бином --recipients O:BS --recipient-width 1',
            'uchebnik form load form.xlsx --publisher Бином --map item_code=C --map price=H --map fpu_code=B',
          ]),
      ),
    rt,
    loadOptions,
    (ctx, opts, [file]) => load(ctx, file!, opts),
  );
}
