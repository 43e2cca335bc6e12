import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { REAL_DATA, newWorkspace, realDataPresent, run, tempDir, treeSnapshot } from '../../support/cli.js';

/** A small price list of «Тест» and a workspace with it loaded. */
async function workspaceWithList(): Promise<string> {
  const ws = await newWorkspace();
  const csv = path.join(tempDir(), 'test.csv');
  fs.writeFileSync(
    csv,
    ['№ ФП;Код 1С;Авторы;Наименование;Класс;Цена с НДС, руб.', '1.1.1.1.1.1;T-1;Иванов И.И.;Букварь;1;100,00', '1.1.1.1.1.2;T-2;Петров П.П.;Математика;2;200,50', '1.1.1.1.1.3;T-3;Сидоров С.С.;Чтение;3;300,00'].join('\r\n') + '\r\n',
  );
  const r = await run(['pricelist', 'load', csv, '--publisher', 'Тест', '-w', ws]);
  if (r.code !== 0) throw new Error(r.stderr);
  return ws;
}

/** A form shaped like Дрофа's: labels over pairs in the row above the header, the form's own total pair first. */
async function pairForm(opts: { pairs?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Форма');
  ws.getCell('A1').value = 'ООО «Тест»';
  const pairs = opts.pairs !== false;
  if (pairs) {
    ws.getCell('F3').value = 'Сводный заказ по муниципальному образованию';
    ws.getCell('H3').value = 'Указать наименование получателя №1, ИНН';
    ws.getCell('J3').value = 'Указать наименование получателя №2, ИНН';
    ws.mergeCells('F3:G3');
    ws.mergeCells('H3:I3');
    ws.mergeCells('J3:K3');
  }
  ws.getRow(4).values = ['№ п/п', '№ по ФП', 'Код заказа 1С ', 'Наименование учебника', 'Цена с доставкой (в т.ч. НДС), руб.', ...(pairs ? ['Кол-во, шт.', 'Стоимость, в т.ч. НДС,руб.', 'Кол-во, шт.', 'Стоимость', 'Кол-во, шт.', 'Стоимость'] : [])];
  ws.getRow(5).values = ['1.1.1.1.1. Русский язык (учебный предмет)'];
  ws.getRow(6).values = [1, '1.1.1.1.1.1', 'T-1', 'Букварь', 100];
  ws.getRow(7).values = [2, '1.1.1.1.1.2', 'T-2', 'Математика', 199.5];
  ws.getRow(8).values = [3, '1.1.1.1.1.9', 'T-9', 'Чего нет в прайсе', 50];
  ws.getRow(9).values = [null, null, null, 'ИТОГО'];
  const file = path.join(tempDir(), 'form.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

interface FormJson {
  summary: { warnings: number };
  findings: { code: string; row?: number; cell?: string }[];
  form: {
    sheet: string;
    header_row: number;
    items: number;
    first_item_row: number;
    last_item_row: number;
    recipients_from: string;
    recipients: { n: number; label: string; quantity: string; sum?: string }[];
    total?: { label: string; quantity: string; sum?: string };
    unchanged: boolean;
  };
}

describe('form load', () => {
  it('finds the item rows, the recipient pairs and the form\'s total pair, and compares the items with the price list', async () => {
    const ws = await workspaceWithList();
    const file = await pairForm();
    const r = await run(['form', 'load', file, '--publisher', 'Тест', '--json', '-w', ws]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as FormJson;
    expect(d.form).toMatchObject({ sheet: 'Форма', header_row: 4, items: 3, first_item_row: 6, last_item_row: 8, recipients_from: 'pairs' });
    expect(d.form.recipients).toEqual([
      { n: 1, label: 'Указать наименование получателя №1, ИНН', quantity: 'H', sum: 'I' },
      { n: 2, label: 'Указать наименование получателя №2, ИНН', quantity: 'J', sum: 'K' },
    ]);
    expect(d.form.total).toEqual({ label: 'Сводный заказ по муниципальному образованию', quantity: 'F', sum: 'G' });
    const codes = d.findings.map((f) => [f.code, f.cell ?? '']);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['form-price-differs', 'E7'],
        ['form-item-not-in-pricelist', 'C8'],
        ['form-item-missing', ''],
      ]),
    );
    expect(d.findings).toHaveLength(3);
    const state = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'forms', 'Тест.json'), 'utf8'));
    expect(state.layout.recipients).toHaveLength(2);
    expect(state.source.stored).toMatch(/^inputs\/[0-9a-f]{64}\.xlsx$/);

    const before = treeSnapshot(ws);
    const again = await run(['form', 'load', file, '--publisher', 'Тест', '-w', ws]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('ничего не изменилось');
    expect(treeSnapshot(ws)).toEqual(before);
  });

  it('refuses a form without recipient columns or without an item header (exit 3)', async () => {
    const ws = await workspaceWithList();
    const none = await run(['form', 'load', await pairForm({ pairs: false }), '--publisher', 'Тест', '-w', ws]);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('нет столбцов получателей');
    const csv = path.join(tempDir(), 'x.csv');
    fs.writeFileSync(csv, 'a;b\n1;2\n');
    expect((await run(['form', 'load', csv, '--publisher', 'Тест', '-w', ws])).code).toBe(3);
    expect(fs.existsSync(path.join(ws, 'state', 'forms'))).toBe(false);
  });

  it.runIf(realDataPresent())('reads the real Дрофа form: 294 items, 77 recipient pairs under «Указать наименование получателя №N, ИНН»', async () => {
    const ws = await newWorkspace();
    const r = await run(['form', 'load', path.join(REAL_DATA, 'forms', 'drofa_svod_56_63890.xlsx'), '--publisher', 'Дрофа', '--json', '-w', ws]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as FormJson;
    expect(d.form).toMatchObject({ sheet: '2015 2016', header_row: 6, items: 294, first_item_row: 7, last_item_row: 300, recipients_from: 'pairs' });
    expect(d.form.total).toEqual({ label: 'Сводный заказ по муниципальному образованию', quantity: 'AA', sum: 'AB' });
    expect(d.form.recipients).toHaveLength(77);
    expect(d.form.recipients[0]).toEqual({ n: 1, label: 'Указать наименование получателя №1, ИНН', quantity: 'AC', sum: 'AD' });
    expect(d.form.recipients[76]).toMatchObject({ n: 77, quantity: 'FY', sum: 'FZ' });
    // the form itself labels two pairs «№63» and two «№71»
    expect(d.findings.filter((f) => f.code === 'form-recipient-number-repeated').map((f) => f.cell)).toEqual(['EY5', 'FQ5']);
    expect(r.stderr).toContain('не загружен');
  });

  it.runIf(realDataPresent())('reads the real Просвещение form: the recipients are the columns of =SUM(O11:BS11)', async () => {
    const ws = await newWorkspace();
    const r = await run(['form', 'load', path.join(REAL_DATA, 'forms', 'prosv_svod_56_63890.xlsx'), '--publisher', 'Просвещение', '--json', '-w', ws]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as FormJson;
    expect(d.form).toMatchObject({ header_row: 6, first_item_row: 11, recipients_from: 'formula' });
    expect(d.form.items).toBeGreaterThan(450);
    expect(d.form.total).toEqual({ label: 'Заказ (количество экз)', quantity: 'M' });
    expect(d.form.recipients).toHaveLength(57);
    expect(d.form.recipients[0]!.quantity).toBe('O');
    expect(d.form.recipients[56]!.quantity).toBe('BS');
  });
});

describe('form load, again', () => {
  it('changes nothing when the same form is loaded again, whatever the order of the layout\'s keys (found by the fuzzer)', async () => {
    // A form whose recipients are the columns of its quantity formula: its layout gains `total` last.
    const form = path.join(tempDir(), 'formula.xlsx');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Форма');
    sheet.addRow(['Код 1С', 'Наименование', 'Класс', 'Цена с НДС', 'Заказ (количество экз)']);
    sheet.addRow(['04-0052-11', 'Азбука', 1, 243.98, { formula: 'SUM(G2:J2)', result: 0 }]);
    sheet.addRow(['05-0036-16', 'Русский язык', 1, 308.33, { formula: 'SUM(G3:J3)', result: 0 }]);
    await wb.xlsx.writeFile(form);
    const ws = await newWorkspace();
    const first = await run(['form', 'load', form, '--publisher', 'Просвещение', '--json', '-w', ws]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).form).toMatchObject({ recipients_from: 'formula', total: { quantity: 'E' } });
    const before = treeSnapshot(ws);
    const again = await run(['form', 'load', form, '--publisher', 'Просвещение', '-w', ws]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('ничего не изменилось');
    expect(treeSnapshot(ws)).toEqual(before);
  });
});
