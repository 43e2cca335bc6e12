/**
 * The school's next order form after `order return` (src/features/order/template.ts, issue 18): a
 * visible line under the title says the order was returned and why; the form, filled, still validates;
 * once the school has re-submitted, the line is gone.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run } from '../../support/cli.js';
import { ORDERS_DIR, regionWorkspace } from '../../support/order-fixtures.js';

const REASON = 'нет заказа на 5 класс';

async function notice(file: string): Promise<{ text: unknown; bold: boolean | undefined }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cell = wb.getWorksheet('Заказ')!.getCell('C2');
  return { text: cell.value, bold: cell.font?.bold };
}

/** Types a quantity into the first line and stores the formulas' results as Excel would on saving. */
function fillFirstLine(sheet: ExcelJS.Worksheet, copies: number): void {
  sheet.getCell('I6').value = copies;
  const sum = copies * Number(sheet.getCell('H6').value);
  sheet.getCell('J6').value = { formula: 'H6*I6', result: sum };
  sheet.eachRow((row) => {
    if (row.getCell(1).value !== 'Итого') return;
    for (const [col, result] of [[9, copies], [10, sum]] as const) {
      const cell = row.getCell(col);
      cell.value = { formula: (cell.value as { formula: string }).formula, result };
    }
  });
}

describe('order template after order return', () => {
  it('shows the return reason near the title, in the user’s language, and the filled form validates', async () => {
    const ws = await regionWorkspace();
    const dir = path.dirname(ws);
    expect((await run(['order', 'submit', path.join(ORDERS_DIR, '0101.xlsx'), '-w', ws])).code).toBe(0);
    const before = path.join(dir, 'before.xlsx');
    expect((await run(['order', 'template', '--school', '0101', '--out', before, '-w', ws])).code).toBe(0);
    expect((await notice(before)).text).toBeNull();

    expect((await run(['order', 'return', '--school', '0101', '--reason', REASON, '-w', ws])).code).toBe(0);
    const returned = path.join(dir, 'returned.xlsx');
    expect((await run(['order', 'template', '--school', '0101', '--out', returned, '-w', ws])).code).toBe(0);
    expect(await notice(returned)).toEqual({ text: `Заказ возвращён: ${REASON}`, bold: true });
    const en = path.join(dir, 'returned-en.xlsx');
    expect((await run(['order', 'template', '--school', '0101', '--out', en, '--lang', 'en', '-w', ws])).code).toBe(0);
    expect((await notice(en)).text).toBe(`Order returned: ${REASON}`);
    // --all writes the same line into that school's form only
    const all = path.join(dir, 'all');
    expect((await run(['order', 'template', '--all', '--municipality', '01', '--out', all, '-w', ws])).code).toBe(0);
    expect((await notice(path.join(all, '0101.xlsx'))).text).toBe(`Заказ возвращён: ${REASON}`);
    expect((await notice(path.join(all, '0102.xlsx'))).text).toBeNull();

    // the school fills the returned form: the notice is no obstacle to validation and a new submit
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(returned);
    fillFirstLine(wb.getWorksheet('Заказ')!, 3);
    const filled = path.join(dir, '0101.xlsx');
    await wb.xlsx.writeFile(filled);
    const validate = await run(['order', 'validate', filled, '--json', '-w', ws]);
    expect(validate.code, validate.stdout).toBe(0);
    expect((await run(['order', 'submit', filled, '-w', ws])).code).toBe(0);

    const next = path.join(dir, 'next.xlsx');
    expect((await run(['order', 'template', '--school', '0101', '--out', next, '-w', ws])).code).toBe(0);
    expect((await notice(next)).text).toBeNull();
  });
});
