/**
 * `uchebnik vacancies report --xlsx FILE` (issue 18): the first-grade vacancies school by school, for
 * printing and signing — what `vacancies report` sums per municipality, with each school's line under
 * its municipality, the schools that have not submitted marked, a subtotal per municipality and the
 * region's total, which equal `vacancies report --json` (tested in test/features/vacancies/report-xlsx.test.ts).
 *
 * One sheet: title, blank row, header (row 3, repeated atop every printed page), then per municipality
 * a bold line with its name and approval, its schools in registry order, and «Итого по …».
 * A4 portrait: six narrow columns fit the width.
 */
import type { Worksheet } from 'exceljs';
import { t, type Lang } from '../../core/i18n/index.js';
import type { Registry } from '../../core/model/registry.js';
import { newWorkbook, saveWorkbook, setPrintA4, styles, wrappedRowHeight } from '../../io/sheets/xlsx-write.js';
import type { SubmittedVacancy, VacancyReport } from './report.js';

export const REPORT_HEADER_ROW = 3;

export interface VacancyReportBook {
  report: VacancyReport;
  registry: Registry;
  /** the latest accepted line of each school that submitted */
  lines: SubmittedVacancy[];
  /** the heading's «on» date and time, as the reader reads it */
  asOf: string;
  region: string;
  /** an ISO timestamp as the reader reads it (dd.mm.yyyy hh:mm in the campaign's zone) */
  time: (iso: string) => string;
  lang: Lang;
}

const COUNTS = ['classes', 'places', 'vacancies'] as const;
/** code, school, three counts, submitted: the school's short name wraps within its column */
const WIDTHS = [9, 48, 11, 8, 11, 17];

function approval(m: VacancyReport['municipalities'][number], book: VacancyReportBook): string {
  if (m.approved_at === undefined) return t(book.lang, 'vacancy.not-approved');
  const date = book.time(m.approved_at);
  return m.forced ? t(book.lang, 'vacancies.report-approved-forced', { date, reason: m.reason ?? '' }) : t(book.lang, 'vacancies.report-approved', { date });
}

function styleRow(ws: Worksheet, values: (string | number | null)[], style: object): void {
  const row = ws.addRow(values);
  for (let c = 1; c <= values.length; c++) row.getCell(c).style = style;
  // Neither Excel nor LibreOffice fits a row to wrapped text on opening (src/io/sheets/xlsx-write.ts wrappedRowHeight).
  row.height = wrappedRowHeight(values.map((v, i): [string, number] => [v === null ? '' : String(v), WIDTHS[i]!]));
}

export async function writeVacancyReportXlsx(book: VacancyReportBook, file: string): Promise<void> {
  const { report, registry, lang } = book;
  const tr = (key: string, params?: Record<string, string | number>) => t(lang, key, params);
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(tr('vacancies.template-sheet'));
  ws.addRow([tr('vacancies.report-xlsx-title', { date: book.asOf, region: book.region })]).getCell(1).style = styles.title;
  ws.addRow([]);
  const header = ['vacancies.report-col-code', 'vacancies.report-col-school', 'vacancy.col-classes', 'vacancy.col-places', 'vacancy.col-vacancies', 'vacancies.report-col-submitted'];
  styleRow(ws, header.map((k) => tr(k)), styles.header);

  const bySchool = new Map(book.lines.map((l) => [l.school, l]));
  for (const m of report.municipalities) {
    const name = m.name === m.code ? m.code : `${m.code} ${m.name}`;
    const head = ws.addRow([tr('vacancies.report-xlsx-municipality', { municipality: name, approval: approval(m, book) })]);
    head.getCell(1).style = styles.label;
    ws.mergeCells(head.number, 1, head.number, header.length);
    // Registry schools first, in its order; then lines of schools that have since left the registry.
    const codes = registry.schools.filter((s) => s.municipality === m.code).map((s) => s.code);
    const gone = book.lines.filter((l) => l.municipality === m.code && !codes.includes(l.school)).map((l) => l.school);
    for (const code of [...codes, ...gone]) {
      const line = bySchool.get(code);
      const school = registry.schools.find((s) => s.code === code);
      const counts = COUNTS.map((k) => (line ? line[k] : null));
      styleRow(ws, [code, school?.short_name ?? code, ...counts, line ? book.time(line.submitted_at) : tr('vacancies.report-not-submitted')], styles.text);
    }
    styleRow(ws, [null, tr('vacancies.report-xlsx-subtotal', { municipality: m.code, submitted: m.submitted, schools: m.schools }), ...COUNTS.map((k) => m[k]), null], styles.total);
  }
  const total = report.total;
  styleRow(ws, [null, `${tr('vacancy.total')} (${total.submitted}/${total.schools})`, ...COUNTS.map((k) => total[k]), null], styles.total);

  ws.views = [{ state: 'frozen', ySplit: REPORT_HEADER_ROW }];
  setPrintA4(ws, { landscape: false, repeatRows: [REPORT_HEADER_ROW, REPORT_HEADER_ROW], footer: tr('writer.page-footer') });
  ws.columns = WIDTHS.map((width) => ({ width }));
  await saveWorkbook(wb, file);
}
