/** Report tables fit the terminal's width when given one, and are laid out as before when not. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/report/report.js';
import { fitted, plainTable, renderReportTable } from '../../../src/core/report/render.js';
import { makeCtx } from '../../../src/cli-kit/context.js';

const LONG = 'Количество 24 больше числа обучающихся 1 класса (12) с резервом 10%: не больше 13 («Русский язык. Учебник для общеобразовательных организаций»)';

/** Only the fields the table shows; the rest of a finding does not matter to the layout. */
const report = {
  ok: false,
  summary: { files: 1, rows: 3, errors: 2, warnings: 0 },
  files: [{ file: 'orders/0103.xlsx', ok: false, errors: 2, warnings: 0 }],
  findings: [
    { code: 'order-qty-exceeds-students', severity: 'error', file: 'orders/0103.xlsx', sheet: 'Заказ', cell: 'I6', message: LONG },
    { code: 'order-qty-invalid', severity: 'error', file: 'orders/0103.xlsx', sheet: 'Заказ', cell: 'I7', message: 'Количество «много» — не целое число' },
  ],
} as unknown as Report;

const visible = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const widest = (s: string) => Math.max(...s.split('\n').map((l) => [...visible(l)].length));
const words = (s: string) => visible(s).replace(/[│┌┐└┘├┤┬┴┼─]/g, ' ').split(/\s+/).filter(Boolean);

describe('tables and the terminal width', () => {
  it('without a width, or with room to spare, the table is exactly as cli-table3 lays it out', () => {
    const plain = renderReportTable(report, { lang: 'ru', color: false });
    expect(widest(plain)).toBeGreaterThan(150);
    expect(renderReportTable(report, { lang: 'ru', color: false, width: 400 })).toBe(plain);
  });

  it.each([80, 70])('in %i columns every line fits, the message wraps on words and loses none', (width) => {
    const plain = renderReportTable(report, { lang: 'ru', color: false });
    for (const color of [false, true]) {
      const fit = renderReportTable(report, { lang: 'ru', color, width });
      expect(widest(fit)).toBeLessThanOrEqual(width);
      expect(words(fit).sort()).toEqual(words(plain).sort());
    }
  });

  it('the message column gives way first; the others only when that is not enough', () => {
    const table = plainTable(['Ячейка', 'Код', 'Сообщение'], false);
    table.push(['Заказ!I6', 'order-qty-exceeds-students', LONG]);
    const [cell, code] = (fitted(table, 70).split('\n')[0] ?? '').slice(1, -1).split('┬');
    expect([cell!.length, code!.length]).toEqual([10, 28]);
    const narrow = plainTable(['Ячейка', 'Код', 'Сообщение'], false);
    narrow.push(['Заказ!I6', 'order-qty-exceeds-students', LONG]);
    expect(widest(fitted(narrow, 40))).toBeLessThanOrEqual(40);
  });

  it('the width comes from stdout only when it is a terminal', () => {
    const ctx = (stdout: object) => makeCtx({}, { stdout: Object.assign(new PassThrough(), stdout), stderr: new PassThrough() }, {}, '/');
    expect(ctx({ isTTY: true, columns: 70 }).width).toBe(70);
    expect(ctx({ columns: 70 }).width).toBeUndefined();
    expect(ctx({ isTTY: true }).width).toBeUndefined();
  });
});
