/**
 * `uchebnik vacancies report --xlsx FILE` (src/features/vacancies/report-xlsx.ts, issue 18): the
 * breakdown by school opens with the reader every command uses, its school lines, subtotals and
 * total equal `vacancies report --json`, and it prints on A4 with the header atop every page.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openWorkbook } from '../../../src/io/sheets/open.js';
import { cellText } from '../../../src/io/sheets/table.js';
import { FIXTURES, REPO, newWorkspace, run, tempDir } from '../../support/cli.js';

const V = path.join(FIXTURES, 'region', 'vacancies');
const SCHOOL_FORMS = ['0301', '0302', '0303', '0304', '0305'].map((c) => path.join(V, `school-${c}.xlsx`));

interface Totals {
  schools: number;
  submitted: number;
  classes: number;
  places: number;
  vacancies: number;
  missing: number;
}
interface Report {
  municipalities: (Totals & { code: string; name: string; missing_schools: string[] })[];
  total: Totals;
}

describe('uchebnik vacancies report --xlsx', () => {
  it('writes each school under its municipality with subtotals and a total equal to --json', async () => {
    const ws = await newWorkspace();
    const cli = (args: string[]) => run([...args, '-w', ws], { cwd: REPO });
    expect((await cli(['registry', 'import', path.join(FIXTURES, 'region', 'registry.csv')])).code).toBe(0);
    expect((await cli(['vacancies', 'submit', path.join(V, 'mo-01.xlsx'), ...SCHOOL_FORMS])).code).toBe(0);
    expect((await cli(['vacancies', 'approve', '--municipality', '01'])).code).toBe(0);

    const file = path.join(tempDir(), 'вакантные места.xlsx');
    const written = await cli(['vacancies', 'report', '--xlsx', file]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toBe('');
    expect(written.stderr).toContain(file);
    const json = JSON.parse((await cli(['vacancies', 'report', '--json'])).stdout) as Report;
    // the example region: 01 and 03 submitted, 02 did not, so there is something missing to print
    expect(json.total.missing).toBeGreaterThan(0);
    expect(json.total.submitted).toBeGreaterThan(0);

    const wb = await openWorkbook(file);
    const rows: string[][] = [];
    for await (const row of (await wb.sheet()).rows()) rows[row.row - 1] = row.cells.map((c) => cellText(c));
    await wb.close();
    const text = (r: string[] | undefined) => (r ?? []).map((c) => c ?? '');
    expect(text(rows[2])).toEqual(['Код ОО', 'Наименование ОО', '1-х классов', 'Мест', 'Вакантных', 'Ведомость сдана']);
    const numbers = (r: string[]) => [2, 3, 4].map((i) => Number(r[i]));

    const schoolRows = rows.slice(3).filter((r) => r && /^\d{4}$/u.test(r[0] ?? ''));
    expect(schoolRows).toHaveLength(json.total.schools);
    expect(schoolRows.filter((r) => r[5] === 'не сдана').map((r) => r[0])).toEqual(json.municipalities.flatMap((m) => m.missing_schools));
    const submitted = schoolRows.filter((r) => r[5] !== 'не сдана');
    expect(submitted.reduce((sum, r) => sum.map((s, i) => s + numbers(r)[i]!), [0, 0, 0])).toEqual([json.total.classes, json.total.places, json.total.vacancies]);

    for (const m of json.municipalities) {
      const heading = rows.find((r) => r?.[0]?.startsWith(`${m.code} ${m.name} — `));
      expect(heading?.[0]).toMatch(m.code === '01' ? /— утверждено \d\d\.\d\d\.\d{4}/u : /— не утверждено$/u);
      const subtotal = rows.find((r) => r?.[1] === `Итого по ${m.code} (сдали ${m.submitted} из ${m.schools})`);
      expect(subtotal && numbers(subtotal), m.code).toEqual([m.classes, m.places, m.vacancies]);
    }
    const last = rows.at(-1)!;
    expect(last[1]).toBe(`Итого по региону (${json.total.submitted}/${json.total.schools})`);
    expect(numbers(last)).toEqual([json.total.classes, json.total.places, json.total.vacancies]);

    // printing: A4, the header row repeated atop every page, fitted to the page width
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const setup = book.worksheets[0]!.pageSetup;
    expect([setup.paperSize, setup.printTitlesRow, setup.fitToWidth]).toEqual([9, '3:3', 1]);
  });
});
