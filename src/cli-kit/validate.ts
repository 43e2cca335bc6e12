/**
 * The one validate pipeline of the commands that check files (order, vacancies, operators, meetings):
 * each file is read and checked by the feature; a file the reader refuses becomes one finding
 * (`file-unreadable`) and the others are still checked; then the report, the annotated copies, the
 * output and the exit code are the same for all — 3 when no file could be read, 1 on an error finding,
 * else 0 (docs/exit-codes.md).
 */
import path from 'node:path';
import { EXIT, UchebnikError } from '../core/errors.js';
import { finding, type Finding } from '../core/finding.js';
import { buildReport, type Report } from '../core/report/report.js';
import { renderJson, renderReportTable } from '../core/report/render.js';
import type { OpenOptions, SheetRow } from '../io/sheets/types.js';
import type { Ctx } from './context.js';

/** One file as a validating command checked it: what the shared tail needs of it. */
export interface CheckedFile {
  file: string;
  /** data rows read (0 when the file could not be read) */
  rows: number;
  findings: Finding[];
  /** how the reader read the file; undefined when the reader refused it */
  format?: 'xlsx' | 'csv';
  /** a CSV file's rows as read, so that its annotated copy need not read it again */
  csvRows?: SheetRow[];
}

/**
 * Runs `read` for `file`; a refusal of the reader (exit 3: not a spreadsheet, damaged, an encoding it
 * cannot tell) is returned as the file's one finding instead of ending the command.
 */
export async function readOrFinding<T>(ctx: Ctx, file: string, read: () => Promise<T>): Promise<{ value: T } | { unreadable: Finding }> {
  try {
    return { value: await read() };
  } catch (err) {
    if (!(err instanceof UchebnikError) || err.exitCode !== EXIT.input) throw err;
    return { unreadable: unreadableFinding(ctx, file, err) };
  }
}

export function unreadableFinding(ctx: Ctx, file: string, err: Pick<UchebnikError, 'key' | 'params'>): Finding {
  return finding('file-unreadable', 'error', { file }, { reason: ctx.t(err.key, err.params) });
}

export function validationReport(ctx: Ctx, files: readonly CheckedFile[]): Report {
  return buildReport(
    files.map((f) => ({ file: f.file, rows: f.rows })),
    files.flatMap((f) => f.findings),
    ctx.lang,
  );
}

/** A copy of each file read, its findings' cells marked, as `<name>.checked.xlsx` in `dir`. */
export async function annotateFiles(ctx: Ctx, files: readonly CheckedFile[], dir: string, read?: OpenOptions): Promise<void> {
  const { writeAnnotatedCopies } = await import('../io/sheets/annotate.js');
  const readable = files.filter((f): f is CheckedFile & { format: 'xlsx' | 'csv' } => f.format !== undefined);
  const copies = await writeAnnotatedCopies(
    readable.map((f) => ({ source: f.file, format: f.format, findings: f.findings, lang: ctx.lang, csvRows: f.csvRows, read })),
    dir,
  );
  for (const w of copies.written) ctx.note(ctx.t('order.annotated', { file: w.file, out: w.out }));
  for (const f of copies.failed) ctx.note(ctx.t('order.annotate-failed', { file: f.file, reason: ctx.t(f.error.key, f.error.params) }));
}

/** The exit code of a validation: 3 when no file could be read, 1 on an error finding, else 0. */
export function validationExit(files: readonly CheckedFile[], report: Pick<Report, 'ok'>): number {
  if (files.length > 0 && files.every((f) => f.format === undefined)) return EXIT.input;
  return report.ok ? EXIT.ok : EXIT.dataErrors;
}

/**
 * The shared tail of `… validate`: the report, the annotated copies (`--annotate DIR`), the table or
 * JSON on stdout, the exit code. `notes` runs after the copies and before the output, for what a
 * feature says about its files.
 */
export async function finishValidation(
  ctx: Ctx,
  files: readonly CheckedFile[],
  opts: { json?: boolean; annotate?: string; read?: OpenOptions },
  notes?: () => void,
): Promise<number> {
  const report = validationReport(ctx, files);
  if (opts.annotate !== undefined) await annotateFiles(ctx, files, path.resolve(ctx.cwd, opts.annotate), opts.read);
  notes?.();
  ctx.out(opts.json ? renderJson(report) : renderReportTable(report, ctx));
  return validationExit(files, report);
}
