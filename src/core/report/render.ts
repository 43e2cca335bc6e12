/** Renderers of the findings report: a table grouped by file for people, JSON for scripts. */
import chalk, { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Report } from './report.js';
import type { Lang } from '../i18n/index.js';
import { t } from '../i18n/index.js';

export function renderJson(doc: unknown): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

export function painter(color: boolean): typeof chalk {
  return new Chalk({ level: color ? 1 : 0 });
}

/** A cli-table3 table that stays plain when colour is off (it colours headers by default). */
export function plainTable(head: string[], color: boolean): Table.Table {
  return new Table({
    head,
    style: color ? { head: ['bold'] } : { head: [], border: [] },
    wordWrap: true,
  });
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

export function renderReportTable(report: Report, opts: { lang: Lang; color: boolean }): string {
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
    parts.push(table.toString());
  }
  // Findings not tied to any file (e.g. the registry as a whole) still need a place.
  const loose = report.findings.filter((f) => !f.file);
  if (loose.length) {
    const table = plainTable([t(opts.lang, 'report.col-code'), t(opts.lang, 'report.col-message')], opts.color);
    for (const f of loose) table.push([f.severity === 'error' ? c.red(f.code) : c.yellow(f.code), flat(f.message)]);
    parts.push(table.toString());
  }
  const s = report.summary;
  parts.push(
    t(opts.lang, 'report.summary', { files: s.files, rows: s.rows, errors: s.errors, warnings: s.warnings }),
  );
  return parts.join('\n') + '\n';
}
