/**
 * The findings report (docs/json-report.md#report): one data object, rendered as a table for people or as JSON
 * for scripts. Commands build it; they never format findings themselves.
 */
import { cellRef, type Finding, type FindingCode, type FindingParams } from '../finding.js';
import { FINDINGS } from '../findings/index.js';
import type { Lang } from '../i18n/index.js';
import { t } from '../i18n/index.js';

export interface FileSummary {
  file: string;
  /** data rows read from the file */
  rows: number;
}

export interface ReportFinding {
  code: FindingCode;
  severity: Finding['severity'];
  /** the code's title from the findings registry, in the user's language */
  title: string;
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  cell?: string;
  message: string;
  /** the values that filled the message, as the producer gave them: amounts as integer `*_kopecks` */
  params: FindingParams;
  school?: string;
  item?: string;
  expected?: string | number;
  actual?: string | number;
}

export interface Report {
  ok: boolean;
  summary: { files: number; rows: number; errors: number; warnings: number };
  files: { file: string; ok: boolean; errors: number; warnings: number }[];
  findings: ReportFinding[];
}

export function renderFinding(f: Finding, lang: Lang): ReportFinding {
  const out: ReportFinding = {
    code: f.code,
    severity: f.severity,
    title: FINDINGS[f.code].title[lang],
    file: f.file,
    sheet: f.sheet,
    row: f.row,
    column: f.column,
    cell: cellRef(f),
    message: t(lang, `finding.${f.code}`, { ...f.params, expected: f.expected, actual: f.actual }),
    params: f.params ?? {},
    school: f.school,
    item: f.item,
    expected: f.expected,
    actual: f.actual,
  };
  for (const k of Object.keys(out) as (keyof ReportFinding)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/**
 * Findings go file by file in the order the files were given (not by path, which would make the
 * report depend on where the files happen to live), then by position in the sheet.
 */
const orderBy = (files: FileSummary[]) => {
  const rank = new Map(files.map((f, i) => [f.file, i]));
  const rankOf = (f: Finding) => (f.file === undefined ? -1 : rank.get(f.file) ?? files.length);
  return (a: Finding, b: Finding): number =>
    rankOf(a) - rankOf(b) ||
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
    (a.row ?? 0) - (b.row ?? 0) ||
    (a.column ?? '').length - (b.column ?? '').length ||
    (a.column ?? '').localeCompare(b.column ?? '') ||
    a.code.localeCompare(b.code);
};

export function buildReport(files: FileSummary[], findings: Finding[], lang: Lang): Report {
  const sorted = [...findings].sort(orderBy(files));
  const count = (fs: Finding[], s: Finding['severity']) => fs.filter((f) => f.severity === s).length;
  const perFile = files.map((fl) => {
    const mine = sorted.filter((f) => f.file === fl.file);
    const errors = count(mine, 'error');
    return { file: fl.file, ok: errors === 0, errors, warnings: count(mine, 'warning') };
  });
  const errors = count(sorted, 'error');
  return {
    ok: errors === 0,
    summary: {
      files: files.length,
      rows: files.reduce((n, f) => n + f.rows, 0),
      errors,
      warnings: count(sorted, 'warning'),
    },
    files: perFile,
    findings: sorted.map((f) => renderFinding(f, lang)),
  };
}
