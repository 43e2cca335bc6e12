/** Renderers of the findings report: a table grouped by file for people, JSON for scripts. */
import chalk, { Chalk } from 'chalk';
import type Table from 'cli-table3';
import { createRequire } from 'node:module';
import type { Report } from './report.js';
import type { Lang } from '../i18n/index.js';
import { t } from '../i18n/index.js';

export function renderJson(doc: unknown): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

export function painter(color: boolean): typeof chalk {
  return new Chalk({ level: color ? 1 : 0 });
}

/**
 * cli-table3, required when a table is first drawn: most runs of a command print none, and loading it
 * (CommonJS, through an import also scanned for its exports) took ≈10 ms of every command's start.
 */
let TableClass: typeof Table | undefined;
const tableClass = (): typeof Table => (TableClass ??= createRequire(import.meta.url)('cli-table3') as typeof Table);

/** A cli-table3 table that stays plain when colour is off (it colours headers by default). */
export function plainTable(head: string[], color: boolean): Table.Table {
  const Table = tableClass();
  return new Table({
    head,
    style: color ? { head: ['bold'] } : { head: [], border: [] },
    wordWrap: true,
  });
}

/** Narrowest a column is made to fit the terminal: a word or a cell reference still shows. */
const MIN_COLUMN = 10;

/**
 * A table's text, fitted to a terminal `width` columns wide when given: if the table as cli-table3
 * lays it out is wider, the `first` column (a report's message) gives way first, then the widest
 * others, down to MIN_COLUMN; cells wrap on words (and cli-table3 cuts a longer word with «…»).
 * Without a width (output not a terminal: files, pipes, tests) the table is exactly as laid out.
 */
export function fitted(table: Table.Table, width?: number, first = table.options.head.length - 1): string {
  const text = table.toString();
  if (!width) return text;
  // The top border shows the widths cli-table3 measured: ┌───┬─────┐, whatever the colours.
  const widths = (text.split('\n')[0] ?? '').replace(/\u001b\[[0-9;]*m/g, '').slice(1, -1).split('┬').map((s) => s.length);
  let excess = widths.reduce((a, b) => a + b, widths.length + 1) - width;
  if (excess <= 0) return text;
  const give = (i: number, n: number) => {
    const taken = Math.max(0, Math.min(n, widths[i]! - MIN_COLUMN));
    widths[i]! -= taken;
    excess -= taken;
  };
  give(first, excess);
  while (excess > 0) {
    const widest = widths.reduce((w, v, i) => (v > widths[w]! ? i : w), 0);
    if (widths[widest]! <= MIN_COLUMN) break;
    give(widest, 1);
  }
  // toString fills both arrays in with what it measured; the heights must be measured again for the wrapped lines.
  table.options.colWidths = widths;
  table.options.rowHeights = [];
  return table.toString();
}

/** Longest text of a report table's cell; the JSON report keeps the whole message. */
const CELL_CHARS = 500;

/**
 * A report table cell's text: on one line, and cut. Messages quote cell values, which may hold line
 * breaks (Alt+Enter, a quoted CSV cell), wide or zero-width characters, and run to any length; for
 * every such cell cli-table3 (0.6.5, Cell.draw → truncate) cuts the text one character at a time,
 * measuring its width each time — quadratic: one 10 KB cell of 50 lines took 96 s, one 144 KB cell
 * of misdecoded UTF-16 over 5 minutes.
 */
function flat(text: string): string {
  const s = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  if (s.length <= CELL_CHARS) return s;
  const cut = /[\ud800-\udbff]/.test(s.charAt(CELL_CHARS - 2)) ? CELL_CHARS - 2 : CELL_CHARS - 1;
  return `${s.slice(0, cut)}…`;
}

/** `width`: the terminal's columns when stdout is one (src/cli-kit/context.ts), for the tables to fit. */
export function renderReportTable(report: Report, opts: { lang: Lang; color: boolean; width?: number }): string {
  const c = painter(opts.color);
  const parts: string[] = [];
  for (const file of report.files) {
    const mine = report.findings.filter((f) => f.file === file.file);
    const status = file.ok
      ? c.green(t(opts.lang, 'report.file-ok'))
      : c.red(t(opts.lang, 'report.file-errors', { errors: file.errors }));
    parts.push(`${c.bold(file.file)} — ${status}${file.warnings ? ', ' + c.yellow(t(opts.lang, 'report.file-warnings', { warnings: file.warnings })) : ''}`);
    if (mine.length === 0) continue;
    const table = plainTable(
      [t(opts.lang, 'report.col-cell'), t(opts.lang, 'report.col-code'), t(opts.lang, 'report.col-message')],
      opts.color,
    );
    for (const f of mine) {
      const where = [f.sheet, f.cell ?? (f.row ? t(opts.lang, 'report.row', { row: f.row }) : '')].filter(Boolean).join('!');
      const code = f.severity === 'error' ? c.red(f.code) : c.yellow(f.code);
      table.push([flat(where), code, flat(f.message)]);
    }
    parts.push(fitted(table, opts.width));
  }
  // Findings not tied to any file (e.g. the registry as a whole) still need a place.
  const loose = report.findings.filter((f) => !f.file);
  if (loose.length) {
    const table = plainTable([t(opts.lang, 'report.col-code'), t(opts.lang, 'report.col-message')], opts.color);
    for (const f of loose) table.push([f.severity === 'error' ? c.red(f.code) : c.yellow(f.code), flat(f.message)]);
    parts.push(fitted(table, opts.width));
  }
  const s = report.summary;
  parts.push(
    t(opts.lang, 'report.summary', { files: s.files, rows: s.rows, errors: s.errors, warnings: s.warnings }),
  );
  return parts.join('\n') + '\n';
}
