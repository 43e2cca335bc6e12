/**
 * CSV injection by fragment (issue #22 item 5): manifest.csv and summary.csv are written with `;`,
 * but a spreadsheet set to another locale splits on `,` or tab and does not see our quotes at the
 * start of its fields. src/io/sheets/csv-write.ts quotes every field holding a separator of any common
 * locale, a quote or a line break, and neutralises every fragment that would start a formula.
 *
 * Checked three ways: the text split naively on each separator (what a reader that ignores quotes
 * sees), the text parsed properly with each separator, and — where LibreOffice is installed — the
 * file opened by LibreOffice with comma, semicolon and tab as separators and formulas evaluated,
 * no cell holding a formula. A control line written without the writer must come out a formula
 * there, so the check can fail.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { csvCell, csvDocument, neutralizeFormula } from '../../src/io/sheets/csv-write.js';
import { tempDir } from '../support/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

const PAYLOADS = [
  'Изд,=1+1',
  'Изд, =1+1',
  'Изд;=1+1',
  'Изд\t=1+1',
  'Изд\n=1+1',
  'Изд\r\n@SUM(A1)',
  'a,b,+7,-2+3',
  'x,"=HYPERLINK(""http://evil"")"',
  '=1+1',
  ' =1+1',
  '-5',
  'Русское слово',
  'Бином. Лаборатория знаний',
];

const SEPARATORS: [string, string, number][] = [
  ['comma', ',', 44],
  ['semicolon', ';', 59],
  ['tab', '\t', 9],
];

/** Would a spreadsheet take this cell (after trimming spaces) for a formula? */
const live = (cell: string) => /^[=+\-@]/u.test(cell.replace(/^[\s"]+/u, '')) && !/^-?\d+$/u.test(cell.trim());

function document(): string {
  return csvDocument([['publisher', 'copies', 'sum_kopecks'], ...PAYLOADS.map((p, i) => [p, i, -5 * i])]);
}

describe('CSV outputs opened with any separator', () => {
  it('quote every field holding ; , tab, a quote or a line break, and neutralise each fragment', () => {
    expect(csvCell('Изд,=1+1')).toBe(`"Изд,'=1+1"`);
    expect(csvCell('Изд, =1+1')).toBe(`"Изд, '=1+1"`);
    expect(csvCell('Изд\t-2')).toBe(`"Изд\t'-2"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a\tb')).toBe('"a\tb"');
    expect(csvCell(' =1')).toBe(" '=1");
    expect(csvCell('Дрофа — Вентана, 5-6 кл.')).toBe('"Дрофа — Вентана, 5-6 кл."');
    expect(neutralizeFormula('Авторы: Иванов И.И., Петров П.П.')).toBe('Авторы: Иванов И.И., Петров П.П.');
    expect(csvCell(-5)).toBe('-5');
  });

  it('no fragment of any field is a live formula, split naively or parsed, on , ; or tab — and in LibreOffice where installed', async () => {
    const text = document();
    for (const [name, sep] of SEPARATORS) {
      for (const line of text.replace(/^\uFEFF/u, '').split(/\r?\n|\r/u)) {
        for (const cell of line.split(sep)) expect(live(cell), `${name}: ${JSON.stringify(cell)} in ${JSON.stringify(line)}`).toBe(false);
      }
      const rows = parse(text, { delimiter: sep, bom: true, relax_quotes: true, relax_column_count: true }) as string[][];
      for (const row of rows) for (const cell of row) expect(live(cell), `${name} parsed: ${JSON.stringify(cell)}`).toBe(false);
    }

    let soffice: string | undefined;
    try {
      soffice = execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      soffice = undefined;
    }
    if (!soffice) {
      console.warn('hostile-csv: soffice is NOT installed; the LibreOffice part of this test (comma, semicolon, tab) was NOT run');
      return;
    }
    const dir = tempDir('uchebnik-csvlo-');
    made.push(dir);
    const file = path.join(dir, 'manifest.csv');
    fs.writeFileSync(file, text);
    // A control written without the writer: LibreOffice must show it as a formula, or the check is blind.
    const control = path.join(dir, 'control.csv');
    fs.writeFileSync(control, 'publisher;copies\r\nИзд,=1+1;1\r\n');
    // One LibreOffice start a separator (each costs seconds): the control goes with the comma's.
    for (const [name, , code] of SEPARATORS) {
      const out = path.join(dir, name);
      const files = name === 'comma' ? [file, control] : [file];
      // CSV filter tokens: separator, quote ("), UTF-8 (76), from line 1, cell formats, language,
      // quoted as text (false), special numbers (false), as shown, formulas, trim spaces (true),
      // sheets, evaluate formulas (true).
      execFileSync(soffice, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', `--infilter=CSV:${code},34,76,1,,1033,false,false,true,false,true,-1,true`, '--convert-to', 'xlsx', '--outdir', out, ...files], { stdio: 'pipe', timeout: 120_000 });
      const formulas = async (csv: string) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(path.join(out, `${path.basename(csv, '.csv')}.xlsx`));
        const found: string[] = [];
        wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && found.push(`${cell.address}: ${String(cell.formula)}`)))));
        return found;
      };
      expect(await formulas(file), `LibreOffice, ${name}`).toEqual([]);
      if (name === 'comma') expect((await formulas(control)).length, 'the control shows a formula').toBeGreaterThan(0);
    }
  }, 180_000);

  it('neutralises every field fast-check makes up, whichever separator splits it', () => {
    const alphabet = fc.constantFrom('=', '+', '-', '@', ',', ';', '\t', '\n', '\r', '"', ' ', 'a', 'Я', '1');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 24 }), (s) => {
        const cell = csvCell(s);
        for (const [, sep] of SEPARATORS) for (const part of cell.split(/\r?\n|\r/u).flatMap((l) => l.split(sep))) expect(live(part), JSON.stringify(cell)).toBe(false);
        const [[back]] = parse(`${cell}\r\n`, { delimiter: ';' }) as string[][];
        // The neutralised text, read back through quotes, is the text with apostrophes added only.
        expect(back!.replace(/'/gu, '')).toBe(s.replace(/'/gu, ''));
      }),
      { numRuns: 400 },
    );
  });
});
