/**
 * `uchebnik inspect FILE` — what the reader sees in a price list before anything is stored: the sheet,
 * the header row (or that there is none), each column's role with its evidence (a header word, the
 * share of cells that fit), five items as they would be stored, and what would be refused and why.
 * It reads exactly as `pricelist load` does (command.ts readPriceList), so what it shows is
 * what the load would store; a file that cannot be read is refused the same way, with the command line
 * that would read it.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import type { Ctx } from '../../cli-kit/context.js';
import { readerFlags, readerOptions } from '../../cli-kit/options.js';
import { commonFlags, flagSchema } from '../../cli-kit/flags.js';
import { authorsAndTitle, type CatalogueItem } from '../../core/model/catalogue.js';
import { columnLetter } from '../../core/finding.js';
import { formatGrade } from '../../core/grade.js';
import { formatMoney } from '../../core/money.js';
import { PRICELIST_FIELDS } from './rows.js';
import { EXIT } from '../../core/errors.js';
import { buildReport } from '../../core/report/report.js';
import { fitted, plainTable, renderJson, renderReportTable } from '../../core/report/render.js';
import { describe } from '../../cli-kit/commands.js';
import { noteText, readPriceList } from './command.js';

const SAMPLES = 5;

function gradeText(it: CatalogueItem): string {
  return it.grade_from === undefined || it.grade_to === undefined ? '—' : formatGrade({ from: it.grade_from, to: it.grade_to });
}

const options = readerOptions.extend({ publisher: z.string().optional(), ...flagSchema(['json']) });

async function inspect(ctx: Ctx, file: string, opts: z.output<typeof options>): Promise<number> {
  const publisher = opts.publisher?.trim() || '?';
  const read = await readPriceList(ctx, file, publisher, opts);
  const { table, parsed } = read;
  const rec = table.recognition;
  const header = table.headerRows.length ? table.headerRows : null;
  const fieldAt = new Map([...table.columns].map(([f, c]) => [c, f]));
  const columns = (rec?.decisions ?? []).map((d) => {
    const field = fieldAt.get(d.column);
    return {
    column: columnLetter(d.column),
    header: d.header,
    ...(field ? { field, by: table.mapped.includes(field) ? 'map' : d.by } : {}),
    ...(d.match ? { header_match: d.match } : {}),
    ...(d.kind ? { content: d.kind } : {}),
    ...(d.fit !== undefined ? { fit: Math.round(d.fit * 100) / 100 } : {}),
    samples: d.samples,
    ...(d.refused.length ? { refused: d.refused } : {}),
    };
  });
  // Fields placed by --map on a column the recogniser had nothing to say about.
  for (const f of table.mapped) {
    const c = table.columns.get(f)!;
    if (!columns.some((x) => x.column === columnLetter(c))) columns.push({ column: columnLetter(c), header: table.labels[c] ?? '', field: f, by: 'map', samples: 0 });
  }
  const samples = parsed.items.slice(0, SAMPLES);
  const refused = parsed.findings.filter((f) => f.severity === 'error');
  const report = buildReport([{ file, rows: parsed.stats.rows }], parsed.findings, ctx.lang);
  const notes = read.notes.map((n) => noteText(ctx, n));

  if (opts.json) {
    ctx.out(
      renderJson({
        file,
        ...(read.sheet ? { sheet: read.sheet } : {}),
        ...(read.encoding ? { encoding: read.encoding, delimiter: read.delimiter } : {}),
        header_rows: header,
        columns,
        choices: rec?.choices.map((c) => ({ field: c.field, taken: columnLetter(c.taken), over: c.over.map(columnLetter), why: c.why, detail: c.detail })) ?? [],
        notes,
        stats: parsed.stats,
        samples: samples.map(({ publisher: _p, ...rest }) => rest),
        refused: refused.length,
        findings: report.findings,
      }),
    );
    return EXIT.ok;
  }

  const where = [read.sheet ? ctx.t('inspect.sheet', { sheet: read.sheet }) : '', read.encoding ? ctx.t('inspect.csv', { encoding: read.encoding, delimiter: read.delimiter === '\t' ? 'TAB' : read.delimiter }) : ''].filter(Boolean).join('; ');
  ctx.out(ctx.t('inspect.file', { file, where: where ? ` (${where})` : '' }));
  ctx.out(header ? ctx.t('inspect.header', { rows: header.join(', ') }) : ctx.t('inspect.no-header'));
  const t = plainTable([ctx.t('inspect.col-column'), ctx.t('inspect.col-header'), ctx.t('inspect.col-field'), ctx.t('inspect.col-evidence')], ctx.color);
  for (const c of columns) {
    const evidence = [
      c.by === 'map' ? '--map' : '',
      c.header_match ? ctx.t(`inspect.match-${c.header_match}`) : '',
      c.fit !== undefined && c.samples ? ctx.t('inspect.fit', { share: Math.round(c.fit * 100), samples: c.samples, kind: c.content ?? '—' }) : c.content ? c.content : '',
      ...(c.refused ?? []).map((r) => ctx.t(`inspect.refused-${r.why}`, { field: r.field })),
    ].filter(Boolean);
    t.push([c.column, (c.header ?? '').replace(/\s+/gu, ' ').slice(0, 40), c.field ?? '—', evidence.join('; ')]);
  }
  ctx.out(fitted(t, ctx.width));
  for (const n of notes) ctx.out(n);
  if (samples.length) {
    ctx.out(ctx.t('inspect.samples', { shown: samples.length, items: parsed.items.length }));
    const s = plainTable(['№ ФП', ctx.t('pricelist.col-code'), ctx.t('pricelist.col-title'), ctx.t('pricelist.col-grade'), ctx.t('pricelist.col-price'), 'НДС'], ctx.color);
    for (const it of samples) s.push([it.fpu_code ?? '', it.item_code ?? it.isbn ?? '', authorsAndTitle(it).slice(0, 60), gradeText(it), formatMoney(it.price_kopecks, ctx.lang), `${it.vat_rate} %`]);
    ctx.out(fitted(s, ctx.width, 2));
  }
  ctx.out(ctx.t('inspect.summary', { rows: parsed.stats.rows, items: parsed.items.length, sections: parsed.stats.sections, skipped: parsed.stats.skipped, refused: refused.length }));
  if (parsed.findings.length) ctx.out(renderReportTable(report, ctx));
  return EXIT.ok;
}

export function register(program: Command, rt: Runtime): void {
  act(
    commonFlags(
      readerFlags(
        program
          .command('inspect')
          .argument('<file>', say(rt, 'прайс-лист: xlsx, csv (xls/ods через LibreOffice)', 'price list: xlsx, csv (xls/ods through LibreOffice)'))
          .description(describe(rt, 'inspect'))
          .option('--publisher <name>', say(rt, 'издательство: взять запомненное для него сопоставление столбцов', 'publisher: use the column mapping remembered for it')),
        rt,
        { fields: PRICELIST_FIELDS.map((f) => f.key) },
      ),
      rt,
      ['json'],
    ).addHelpText(
      'after',
      examples(rt, ['uchebnik inspect new-list.xlsx', 'uchebnik inspect export.csv --json', 'uchebnik inspect list.csv --map price=F', 'uchebnik inspect list.xlsx --publisher "Дрофа"']),
    ),
    rt,
    options,
    (ctx, opts, [file]) => inspect(ctx, file!, opts),
  );
}
