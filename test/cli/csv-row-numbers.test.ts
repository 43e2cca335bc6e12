/**
 * Issue 16, pattern 8: a CSV finding names the row a spreadsheet shows (record N is row N), not the
 * line of the text the record starts on. LibreOffice and Excel open a quoted cell with line breaks as
 * one cell of one row, so every physical-line number after such a cell pointed 2, then 4 rows too low.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { newWorkspace, run, tempDir } from '../support/cli.js';
import { brief, parseReport } from '../support/order-fixtures.js';

const SOFFICE = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();
if (!SOFFICE) console.warn('csv-row-numbers: soffice is not on PATH; the rows are checked against the hand-counted numbers only, NOT against LibreOffice');

/**
 * A price list whose titles and authors hold line breaks (LF and CRLF inside quotes), a blank line,
 * and two bad prices after them. Records → lines of the text:
 *   1 banner (line 1), 2 header (2), 3 item (3–5), 4 item (6–8), 5 blank (9), 6 bad price (10),
 *   7 item (11–12), 8 bad price (13).
 */
const TEXT =
  'Прайс-лист на 2018 год\r\n' +
  '№ ФП;Код 1С;Авторы;Наименование учебника;Класс;Цена с НДС, руб.\r\n' +
  '1.1.1.1.11.1;T-001;Рамзаева Т.Г.;"Русский язык.\nУчебник\nЧасть 1";1;280,00\r\n' +
  '1.1.1.1.11.2;T-002;"Рамзаева Т.Г.,\r\nСавельева Л.В.,\r\nи др.";Русский язык. Часть 2;1;280,00\r\n' +
  '\r\n' +
  '1.1.1.2.1.1;T-003;Иванов И.И.;Чтение;3;договорная\r\n' +
  '1.2.2.1.7.1;T-004;Пасечник В.В.;"""Биология""\nи экология";5-6;412,50\r\n' +
  '1.2.2.1.7.2;T-005;Пасечник В.В.;Биология;7;-150,00\r\n';

/** The rows LibreOffice shows for the cells holding `texts`, after opening the CSV and saving it as xlsx. */
async function rowsInLibreOffice(csv: string, texts: string[]): Promise<number[]> {
  const outDir = tempDir('lo-out-');
  const profile = path.join(os.tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  try {
    // 59 = «;», 34 = «"», 76 = UTF-8, 1 = from the first line: how a person opens it in the import dialog
    execFileSync(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', '--infilter=CSV:59,34,76,1', '--convert-to', 'xlsx', '--outdir', outDir, csv], {
      stdio: 'pipe',
      timeout: 120_000,
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(outDir, path.basename(csv, '.csv') + '.xlsx'));
  const found = new Map<string, number>();
  wb.worksheets[0]!.eachRow((row, n) => {
    row.eachCell((cell) => {
      if (typeof cell.value === 'string' && texts.includes(cell.value)) found.set(cell.value, n);
    });
  });
  return texts.map((t) => found.get(t) ?? -1);
}

describe('pattern 8: CSV findings carry the row a spreadsheet shows', () => {
  it('pattern 8: a price list with quoted multi-line cells names the bad prices at F6 and F8, where LibreOffice/Excel show them, not at lines 10 and 13', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'multiline.csv');
    fs.writeFileSync(file, TEXT);
    const ws = await newWorkspace();
    const r = await run(['pricelist', 'load', file, '--publisher', 'Многострочный', '--json', '-w', ws]);
    const report = parseReport(r);
    expect(r.code, r.stderr).toBe(1);
    const bad = report.findings.filter((f) => f.code === 'price-invalid');
    expect(bad.map(brief)).toEqual(['price-invalid@F6', 'price-invalid@F8']);

    if (SOFFICE) {
      // The same file opened by LibreOffice: the items with bad prices sit on the rows the findings name.
      const rows = await rowsInLibreOffice(file, ['T-003', 'T-005']);
      expect(rows).toEqual(bad.map((f) => f.row));
    }
  }, 180_000);
});
