/**
 * `uchebnik form load FILE --publisher NAME` — registers a publisher's own consolidated-order workbook
 * (PRODUCT.md §4.4, stage 6 «Загрузка и настройка форм сводных заказов для издательств») and says what
 * uchebnik found in it (the layout, sheets/form-layout.ts). The form's items are compared with the
 * publisher's loaded price list: form rows the list lacks, list items the form lacks and differing
 * prices are warnings. `consolidate municipality` fills a copy of the registered form (form-fill.ts).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { act, examples, say, type Runtime } from '../cli/action.js';
import { describe } from './index.js';
import type { Ctx } from '../cli/context.js';
import { changeWorkspace, useWorkspace } from '../cli/workspace.js';
import { Catalogue } from '../domain/catalogue.js';
import { finding, type Finding } from '../domain/finding.js';
import { formatMoney } from '../domain/money.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import { buildReport } from '../report/report.js';
import { renderJson, renderReportTable } from '../report/render.js';
import { detectFormLayout, type FormLayout, type Recipient } from '../sheets/form-layout.js';
import { isoWithOffset } from '../workspace/io.js';
import { currentVersion, loadPriceList } from '../workspace/stores/pricelists.js';
import { fileSha256 } from '../workspace/inputs.js';
import { loadForm, sameLayout, saveForm } from '../workspace/stores/forms.js';

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
          { item: it.item_code ?? it.fpu_code ?? '', form_price: formatMoney(it.price_kopecks, 'ru'), list_price: formatMoney(found.item.price_kopecks, 'ru') },
          { item: found.item.key, expected: found.item.price_kopecks, actual: it.price_kopecks },
        ),
      );
    }
  }
  return { findings, seen };
}

async function load(ctx: Ctx, file: string, opts: Record<string, unknown>): Promise<number> {
  const publisher = String(opts.publisher ?? '').trim();
  if (!publisher) throw new UsageError('form.publisher-empty');
  const layout = await detectFormLayout(file);
  if (!layout) throw new InputError('form.no-items', { file });
  if (layout.recipients.length === 0) throw new InputError('form.no-recipients', { file, sheet: layout.sheet, row: layout.header_row });

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
        how: ctx.t(`form.recipients-${layout.recipients_from}`),
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
    cmd
      .command('load')
      .argument('<file>', say(rt, 'книга издательства (xlsx)', 'the publisher\'s workbook (xlsx)'))
      .description(say(rt, 'зарегистрировать форму издательства: найти строки позиций и столбцы получателей', 'register a publisher\'s form: find its item rows and recipient columns'))
      .requiredOption('--publisher <name>', say(rt, 'издательство (как в прайс-листе)', 'publisher (as in the price list)'))
      .option('--json', say(rt, 'в JSON', 'as JSON'))
      .addHelpText('after', examples(rt, ['uchebnik form load drofa_svod.xlsx --publisher Дрофа', 'uchebnik form load prosv_svod.xlsx --publisher Просвещение --json | jq .form.recipients'])),
    rt,
    (ctx, opts, [file]) => load(ctx, file!, opts),
  );
}
