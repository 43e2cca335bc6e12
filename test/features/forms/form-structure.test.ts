/**
 * Issue 16, pattern 9: publisher forms whose recipient columns are named differently from the real
 * Дрофа and Просвещение forms. `form load` finds them by structure (a repeated quantity/sum pair, a
 * «получатель» label row, the total's SUM/SUMPRODUCT/`+` formula), takes a «Код» column as the item
 * code, and where structure shows nothing refuses with the command line that loads the file.
 * Each form is made here, small, with the truth beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { newWorkspace, run, tempDir } from '../../support/cli.js';

/**
 * A price list of «Тест» with item codes: T-2 and T-3 are the two parts of one textbook (one fpu code,
 * one title), which only the item code tells apart.
 */
async function workspaceWithList(): Promise<string> {
  const ws = await newWorkspace();
  const csv = path.join(tempDir(), 'test.csv');
  fs.writeFileSync(
    csv,
    [
      '№ ФП;Код;Авторы;Наименование;Класс;Цена с НДС, руб.',
      '1.1.1.1.1.1;T-1;Иванов И.И.;Букварь;1;100,00',
      '1.1.1.1.1.2;T-2;Петров П.П.;Математика (в 2 частях);2;200,50',
      '1.1.1.1.1.2;T-3;Петров П.П.;Математика (в 2 частях);2;210,00',
    ].join('\r\n') + '\r\n',
  );
  const r = await run(['pricelist', 'load', csv, '--publisher', 'Тест', '-w', ws]);
  if (r.code !== 0) throw new Error(r.stderr);
  return ws;
}

type Value = ExcelJS.CellValue;

interface FormSpec {
  /** header row (row 4): item columns A–F, then the rest */
  header: Value[];
  /** row 3 over the header, from column A */
  labels?: Value[];
  /** a cell of each item row, given the row number: column letter → value */
  perRow?: (row: number) => Record<string, Value>;
}

const ITEMS: [string, string, string, number, number][] = [
  ['1.1.1.1.1.1', 'T-1', 'Букварь', 1, 100],
  ['1.1.1.1.1.2', 'T-2', 'Математика (в 2 частях)', 2, 200.5],
  ['1.1.1.1.1.2', 'T-3', 'Математика (в 2 частях)', 2, 210],
];

/** Rows 1–2 a banner, 3 labels, 4 the header, 5–7 the items, 8 «ИТОГО». */
async function form(spec: FormSpec, name = 'form.xlsx'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Заказ');
  ws.getCell('A1').value = 'Форма сводного заказа';
  if (spec.labels) ws.getRow(3).values = spec.labels;
  ws.getRow(4).values = spec.header;
  ITEMS.forEach(([fpu, code, title, grade, price], i) => {
    const row = 5 + i;
    ws.getRow(row).values = [i + 1, fpu, code, title, grade, price];
    for (const [col, v] of Object.entries(spec.perRow?.(row) ?? {})) ws.getCell(`${col}${row}`).value = v;
  });
  ws.getCell('D8').value = 'ИТОГО';
  const file = path.join(tempDir(), name);
  await wb.xlsx.writeFile(file);
  return file;
}

const ITEM_HEADER = ['№ п/п', '№ ФП', 'Код', 'Наименование', 'Класс', 'Цена, руб.'];

interface FormJson {
  findings: { code: string; cell?: string }[];
  form: {
    header_row: number;
    columns: Record<string, string>;
    items: number;
    recipients_from: string;
    found_by: string[];
    label_row?: number;
    recipients: { n: number; label: string; quantity: string; sum?: string }[];
    total?: { label: string; quantity: string; sum?: string };
  };
}

async function load(file: string, ws: string, extra: string[] = []): Promise<{ code: number; stderr: string; json?: FormJson }> {
  const r = await run(['form', 'load', file, '--publisher', 'Тест', '--json', '-w', ws, ...extra]);
  return { code: r.code, stderr: r.stderr, json: r.code === 0 || r.code === 1 ? (JSON.parse(r.stdout) as FormJson) : undefined };
}

const pairs = (from: number, n: number) =>
  Array.from({ length: n }, (_, k) => {
    const col = (i: number) => String.fromCharCode(65 + i);
    return { quantity: col(from + 2 * k), sum: col(from + 2 * k + 1) };
  });

describe('form load: recipients found by the form\'s structure (issue 16, pattern 9)', () => {
  it('pattern 9: recipient pairs «Заказ , экз./ комплект.» / «Сумма, руб.» under «получатель N», the total a SUMPRODUCT over every other column, the item code under «Код»', async () => {
    const ws = await workspaceWithList();
    // G «Всего, экз.» = SUMPRODUCT over I:N (I is column 9: odd), H «Всего, руб.»; pairs I:J, K:L, M:N.
    const file = await form({
      header: [...ITEM_HEADER, 'Всего, экз.', 'Всего, руб.', ...Array.from({ length: 3 }, () => ['Заказ , экз./ комплект.', 'Сумма, руб.']).flat()],
      labels: [null, null, null, null, null, null, null, null, 'получатель 1', null, 'получатель 2', null, 'получатель 3'],
      perRow: (r) => ({ G: { formula: `SUMPRODUCT((MOD(COLUMN(I${r}:N${r}),2)=1)*I${r}:N${r})` }, H: { formula: `G${r}*F${r}` } }),
    });
    const r = await load(file, ws);
    expect(r.code, r.stderr).toBe(0);
    const f = r.json!.form;
    expect(f.columns).toMatchObject({ fpu_code: 'B', item_code: 'C', price: 'F' });
    expect(f.items).toBe(3);
    expect(f.recipients_from).toBe('pairs');
    expect(f.recipients).toEqual(pairs(8, 3).map((p, k) => ({ n: k + 1, label: `получатель ${k + 1}`, ...p })));
    expect(f.total).toMatchObject({ quantity: 'G' });
    expect(f.found_by).toEqual(['header', 'formula']);
    expect(f.label_row).toBe(3);
    // «Код» read: T-2 and T-3 matched by their codes, no false «нет в прайс-листе» / «нет в форме».
    expect(r.json!.findings).toEqual([]);
  });

  it('pattern 9: pairs «Количество» / «Сумма» under «Наименование получателя №N», the total =H5+J5+L5', async () => {
    const ws = await workspaceWithList();
    const file = await form({
      header: [...ITEM_HEADER, 'Итого', ...Array.from({ length: 3 }, () => ['Количество', 'Сумма']).flat()],
      labels: [null, null, null, null, null, null, null, 'Наименование получателя №1', null, 'Наименование получателя №2', null, 'Наименование получателя №3'],
      perRow: (r) => ({ G: { formula: `H${r}+J${r}+L${r}` } }),
    });
    const r = await load(file, ws);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json!.form.recipients.map((x) => [x.label, x.quantity, x.sum])).toEqual([
      ['Наименование получателя №1', 'H', 'I'],
      ['Наименование получателя №2', 'J', 'K'],
      ['Наименование получателя №3', 'L', 'M'],
    ]);
    expect(r.json!.form.total).toEqual({ label: 'Итого', quantity: 'G' });
    expect(r.json!.findings).toEqual([]);
  });

  it('pattern 9: recipients under «получатель N» labels whatever their columns are headed, and recipients only the total\'s formula shows', async () => {
    const ws = await workspaceWithList();
    const labelled = await form({
      header: [...ITEM_HEADER, 'экземпляров', 'рублей', 'экземпляров', 'рублей'],
      labels: [null, null, null, null, null, null, 'Получатель 1', null, 'Получатель 2'],
    });
    const a = await load(labelled, ws);
    expect(a.code, a.stderr).toBe(0);
    expect(a.json!.form.recipients.map((x) => `${x.quantity}:${x.sum}`)).toEqual(['G:H', 'I:J']);
    expect(a.json!.form.found_by).toEqual(['labels']);

    const byFormula = await form({
      header: [...ITEM_HEADER, 'Итого заказ', 'Школа 1', 'руб', 'Школа 2', 'руб'],
      perRow: (r) => ({ G: { formula: `SUM(H${r},J${r})` } }),
    });
    const b = await load(byFormula, await workspaceWithList());
    expect(b.code, b.stderr).toBe(0);
    expect(b.json!.form.recipients.map((x) => `${x.quantity}:${x.sum}`)).toEqual(['H:I', 'J:K']);
    expect(b.json!.form).toMatchObject({ recipients_from: 'pairs', found_by: ['formula'], total: { quantity: 'G' } });
  });

  it('pattern 9: a form whose structure shows no recipients is refused (exit 3) with the command line that loads it, and that command loads it', async () => {
    const ws = await workspaceWithList();
    const file = await form({ header: [...ITEM_HEADER, 'кол.', 'руб.', 'кол.', 'руб.', 'кол.', 'руб.'] });
    const refused = await run(['form', 'load', file, '--publisher', 'Тест', '-w', ws]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('нет столбцов получателей');
    const last = refused.stderr.trim().split('\n').pop()!.trim();
    expect(last).toBe(`uchebnik form load ${file} --publisher Тест --recipients G:L`);
    expect(fs.existsSync(path.join(ws, 'state', 'forms'))).toBe(false);

    const loaded = await load(file, ws, last.split(' ').slice(4).filter((w, i, all) => !(w === '--publisher' || all[i - 1] === '--publisher')));
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.json!.form.recipients.map((x) => `${x.quantity}:${x.sum}`)).toEqual(['G:H', 'I:J', 'K:L']);
    expect(loaded.json!.form.found_by).toEqual(['option']);

    const en = await run(['form', 'load', file, '--publisher', 'Тест', '-w', ws, '--lang', 'en']);
    expect(en.stderr).toContain('has no recipient columns');
    expect(en.stderr.trim().split('\n').pop()!.trim()).toBe(last);
  });

  it('pattern 9: --recipients with --recipient-width 1 takes one quantity column per recipient; bad ranges are usage errors (exit 2)', async () => {
    const ws = await workspaceWithList();
    const file = await form({ header: [...ITEM_HEADER, 'Школа 1', 'Школа 2', 'Школа 3'] });
    const r = await load(file, ws, ['--recipients', 'G:I', '--recipient-width', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json!.form.recipients).toEqual([
      { n: 1, label: 'Школа 1', quantity: 'G' },
      { n: 2, label: 'Школа 2', quantity: 'H' },
      { n: 3, label: 'Школа 3', quantity: 'I' },
    ]);
    expect(r.json!.form.recipients_from).toBe('columns');
    expect((await run(['form', 'load', file, '--publisher', 'Тест', '--recipients', 'G:I', '-w', ws])).code).toBe(2);
    expect((await run(['form', 'load', file, '--publisher', 'Тест', '--recipients', 'I:G', '-w', ws])).code).toBe(2);
    expect((await run(['form', 'load', file, '--publisher', 'Тест', '--map', 'isbn=C', '-w', ws])).code).toBe(2);
  });

  it('pattern 9: item columns under words no synonym has are refused with a --map the content shows, and --map loads them', async () => {
    const ws = await workspaceWithList();
    const file = await form({
      header: ['п/п', 'Шифр', 'Артикул изд.', 'Учебник', 'Кл.', 'Отпускная', 'Кол-во, шт.', 'Стоимость', 'Кол-во, шт.', 'Стоимость'],
      labels: [null, null, null, null, null, null, 'Указать наименование получателя №1, ИНН', null, 'Указать наименование получателя №2, ИНН'],
    });
    const refused = await run(['form', 'load', file, '--publisher', 'Тест', '-w', ws]);
    expect(refused.code).toBe(3);
    const last = refused.stderr.trim().split('\n').pop()!.trim();
    expect(last).toMatch(/^uchebnik form load \S+ --publisher Тест( --map \w+=[A-Z]+)+$/);
    expect(last).toContain('--map price=F');
    expect(last).toContain('--map fpu_code=B');
    const words = last.split(' ').slice(4);
    const again = await load(file, ws, words.slice(2));
    expect(again.code, again.stderr).toBe(0);
    expect(again.json!.form).toMatchObject({ header_row: 4, items: 3 });
    expect(again.json!.form.recipients.map((x) => x.quantity)).toEqual(['G', 'I']);

    const mapped = await load(file, await workspaceWithList(), ['--map', 'fpu_code=B', '--map', 'item_code=C', '--map', 'price=Отпускная']);
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(mapped.json!.form.columns).toMatchObject({ fpu_code: 'B', item_code: 'C', price: 'F' });
    expect(mapped.json!.findings).toEqual([]);
  });

  it('pattern 9: a file where neither words nor content show the items ends its refusal with the command to complete', async () => {
    const ws = await newWorkspace();
    const csv = path.join(tempDir(), 'x.csv');
    fs.writeFileSync(csv, 'a;b\n1;2\n');
    const r = await run(['form', 'load', csv, '--publisher', 'Тест', '-w', ws]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n').pop()!.trim()).toBe(`uchebnik form load ${csv} --publisher Тест --map 'item_code=?' --map 'price=?' --recipients '?:?'`);
  });

  it('form load --help shows --map, --recipients and examples of both', async () => {
    const r = await run(['form', 'load', '--help']);
    for (const s of ['--map <field=column>', '--recipients <from:to>', '--recipient-width', '--recipients O:EZ', '--map item_code=C', 'SUMPRODUCT']) expect(r.stdout).toContain(s);
  });
});
