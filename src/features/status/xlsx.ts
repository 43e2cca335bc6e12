/**
 * `uchebnik status --xlsx FILE`: the status page's figures as a workbook, for those who forward it by
 * mail (issue 18). One sheet per part — orders, deadlines, publishers, schools without a formed order,
 * and the first-grade vacancy sheets when there are any — each printable on A4, money in rubles with
 * the money format (the amounts are kopecks divided by 100 only here, for the cell).
 */
import type { Worksheet } from 'exceljs';
import { autoWidth, newWorkbook, saveWorkbook, setPrintA4, styles } from '../../io/sheets/xlsx-write.js';
import { formatRuDate } from '../plan/index.js';
import { ORDER_STATES, type CampaignStatus, type OrderStateName } from './compute.js';

const STATE_LABEL: Record<OrderStateName, string> = { none: 'нет заказа', draft: 'черновик', returned: 'возвращён', agreed: 'согласован', formed: 'сформирован' };

type Cell = string | number | null;

/** A sheet: a title row, a header row, the rows; the last row bold when it is a total. */
function sheet(ws: Worksheet, title: string, header: string[], rows: Cell[][], opts: { total?: boolean; money?: number[] } = {}): void {
  ws.addRow([title]).getCell(1).style = styles.title;
  ws.addRow([]);
  const head = ws.addRow(header);
  head.eachCell((c) => (c.style = styles.header));
  rows.forEach((values, i) => {
    const row = ws.addRow(values);
    const last = opts.total === true && i === rows.length - 1;
    row.eachCell({ includeEmpty: true }, (c, col) => {
      const money = opts.money?.includes(col) === true;
      c.style = last ? (money ? styles.totalMoney : styles.total) : money ? styles.moneyCell : styles.text;
    });
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  setPrintA4(ws, { landscape: header.length > 5, repeatRows: [3, 3] });
  autoWidth(ws, { min: 8, max: 60, fromRow: 3 });
}

const rubles = (kopecks: number) => kopecks / 100;

export async function writeStatusXlsx(s: CampaignStatus, file: string): Promise<void> {
  const wb = await newWorkbook();
  const asOf = `${formatRuDate(s.as_of.slice(0, 10))} ${s.as_of.slice(11, 16)}`;

  const t = s.orders.total;
  sheet(
    wb.addWorksheet('Заказы'),
    `Заказы школ на ${asOf}: ${s.region}`,
    ['Код', 'Муниципалитет', 'Школ', ...ORDER_STATES.map((st) => STATE_LABEL[st])],
    [...s.orders.municipalities.map((m) => [m.municipality, m.name, m.schools, ...ORDER_STATES.map((st) => m[st])]), ['', 'Всего', t.schools, ...ORDER_STATES.map((st) => t[st])]],
    { total: true },
  );

  const items = [...s.deadlines.overdue.map((i) => ({ i, late: true })), ...s.deadlines.due_soon.map((i) => ({ i, late: false }))];
  sheet(
    wb.addWorksheet('Сроки'),
    `Просроченные и близкие сроки на ${asOf}`,
    ['План', 'Этап', 'Что', 'Исполнитель', 'Срок', 'Состояние', 'Не выполнили', 'Кто'],
    items.map(({ i, late }) => [
      i.plan,
      i.stage,
      i.text,
      i.executor,
      formatRuDate(i.deadline),
      late ? `просрочено на ${i.days_overdue} дн.` : `осталось ${i.days_left} дн.`,
      i.entities_total === undefined ? null : i.entities.length,
      i.entities.join(', '),
    ]),
  );

  sheet(
    wb.addWorksheet('Издательства'),
    `Сформированные заказы по издательствам на ${asOf}`,
    ['Издательство', 'Школ', 'Экземпляров', 'Сумма, руб.'],
    [...s.publishers.map((p) => [p.publisher, p.schools, p.copies, rubles(p.sum_kopecks)]), ['Всего', s.total.schools, s.total.copies, rubles(s.total.sum_kopecks)]],
    { total: true, money: [4] },
  );

  const names = new Map(s.orders.municipalities.map((m) => [m.municipality, m.name]));
  sheet(
    wb.addWorksheet('Без заказа'),
    `Школы без сформированного заказа на ${asOf} (${s.missing.length})`,
    ['Код', 'Школа', 'Муниципалитет', 'Заказ', 'Версия', 'Причина возврата', 'Эл. почта', 'Телефон'],
    s.missing.map((m) => [m.code, m.name, names.get(m.municipality) ?? m.municipality, STATE_LABEL[m.state], m.version, m.return_reason ?? null, m.email ?? null, m.phone ?? null]),
  );

  if (s.first_grade) {
    sheet(
      wb.addWorksheet('Первый класс'),
      `Сведения о вакантных местах в 1-х классах на ${asOf}`,
      ['Код', 'Муниципалитет', 'Школ', 'Сдали', 'Утверждены МО'],
      s.first_grade.municipalities.map((m) => [m.municipality, m.name, m.schools, m.submitted, m.approved ? 'да' : 'нет']),
    );
  }
  await saveWorkbook(wb, file);
}
