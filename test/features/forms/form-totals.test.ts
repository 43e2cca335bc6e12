/**
 * Issue 16, pattern 10: a filled publisher form's own totals must agree with what was filled. The
 * form made here adds a fixed list of its two recipient columns (`=I5+K5`), one item row has no total
 * formula at all, and the municipality has five schools, so uchebnik adds three pairs. LibreOffice
 * recalculates the filled form; its totals are compared with the consolidation's copies and money.
 * A total formula uchebnik cannot extend is a finding naming its cell.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findSoffice } from '../../../src/io/sheets/convert.js';
import { openWorkbook } from '../../../src/io/sheets/open.js';
import { run, tempDir } from '../../support/cli.js';
import { formRegion } from '../../support/form-region.js';
import { convertTogether } from '../../support/soffice-batch.js';

const soffice = findSoffice();
const NO_SOFFICE = 'LibreOffice (soffice) is not on PATH: the filled forms cannot be recalculated, so pattern 10 is NOT tested — install LibreOffice (apt-get install libreoffice-calc)';
if (!soffice) console.warn(NO_SOFFICE);

const ITEMS: [string, string, string, number, number][] = [
  ['1.1.1.1.1.1', 'T-1', 'Букварь', 1, 100],
  ['1.1.1.1.1.2', 'T-2', 'Математика. Часть 1', 2, 200.5],
  ['1.1.1.1.1.2', 'T-3', 'Математика. Часть 2', 2, 210],
  ['1.1.1.1.1.3', 'T-4', 'Чтение', 3, 333.33],
];
const FIRST = 5;
const TOTAL_ROW = FIRST + ITEMS.length;
/** the item row the publisher left without a total formula */
const BARE = 7;

/** The form: G «Всего, экз.» = `total(row)`, H «Всего, руб.» = G*F; pairs I:J and K:L under «получатель N». */
async function form(total: (row: number) => string): Promise<{ form: string; list: string }> {
  const dir = tempDir();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Заказ');
  ws.getCell('A1').value = 'ООО «Тест»: сводный заказ';
  ws.getRow(3).values = [null, null, null, null, null, null, null, null, 'получатель 1', null, 'получатель 2'];
  ws.getRow(4).values = ['№', '№ ФП', 'Код', 'Наименование', 'Класс', 'Цена с НДС, руб.', 'Всего, экз.', 'Всего, руб.', 'Заказ , экз./ комплект.', 'Сумма, руб.', 'Заказ , экз./ комплект.', 'Сумма, руб.'];
  ITEMS.forEach(([fpu, code, title, grade, price], i) => {
    const r = FIRST + i;
    ws.getRow(r).values = [i + 1, fpu, code, title, grade, price];
    if (r !== BARE) ws.getCell(`G${r}`).value = { formula: total(r) };
    ws.getCell(`H${r}`).value = { formula: `G${r}*F${r}` };
    ws.getCell(`J${r}`).value = { formula: `I${r}*$F${r}` };
    ws.getCell(`L${r}`).value = { formula: `K${r}*$F${r}` };
  });
  ws.getCell(`D${TOTAL_ROW}`).value = 'ИТОГО';
  for (const c of ['G', 'H', 'I', 'J', 'K', 'L']) ws.getCell(`${c}${TOTAL_ROW}`).value = { formula: `SUM(${c}${FIRST}:${c}${TOTAL_ROW - 1})` };
  const file = path.join(dir, 'form.xlsx');
  await wb.xlsx.writeFile(file);
  const list = path.join(dir, 'list.csv');
  fs.writeFileSync(list, ['№ ФП;Код;Наименование;Класс;Цена с НДС, руб.', ...ITEMS.map(([f, c, t, g, p]) => `${f};${c};${t};${g};${p.toFixed(2).replace('.', ',')}`)].join('\r\n') + '\r\n');
  return { form: file, list };
}

interface Consolidated {
  forms: { file: string; recipients: number; added: number }[];
  findings: { code: string; severity: string; cell?: string; message: string }[];
  publishers: { copies: number; sum_kopecks: number }[];
}

async function fill(total: (row: number) => string) {
  const { form: file, list } = await form(total);
  const region = await formRegion(file, 'Тест', { schools: 5, lines: 3, seed: 1016, pricelist: list });
  const r = await run(['consolidate', 'municipality', '56', '--out', path.join(tempDir(), 'out'), '--json', '-w', region.ws]);
  return { region, code: r.code, json: JSON.parse(r.stdout) as Consolidated };
}

/**
 * The filled forms' first sheets as LibreOffice computes them: `soffice --convert-to xlsx`
 * recalculates, uchebnik's reader reads the results. All in one LibreOffice run: each start costs
 * ≈5 s on the 2-core machine.
 */
async function recalculated(files: string[]): Promise<((address: string) => number)[]> {
  return Promise.all(
    convertTogether(soffice!, files, 'xlsx').map(async (converted) => {
      const wb = await openWorkbook(converted);
      const cells = new Map<string, unknown>();
      try {
        for await (const r of (await wb.sheet('Заказ')).rows()) {
          r.cells.forEach((c, i) => cells.set(`${String.fromCharCode(65 + i)}${r.row}`, c?.value));
        }
      } finally {
        await wb.close();
      }
      return (address: string) => Number(cells.get(address) ?? 0);
    }),
  );
}

/** The two forms of pattern 10 filled, and recalculated together (`recalculated`); once for both tests. */
let recalculatedForms: Promise<{ fixed: Awaited<ReturnType<typeof fill>>; sumproduct: Awaited<ReturnType<typeof fill>>; at: ((address: string) => number)[] }> | undefined;
function pattern10() {
  recalculatedForms ??= (async () => {
    const fixed = await fill((r) => `I${r}+K${r}`);
    const sumproduct = await fill((r) => `SUMPRODUCT((MOD(COLUMN(I${r}:L${r}),2)=1)*I${r}:L${r})`);
    const filled = (f: Awaited<ReturnType<typeof fill>>) => {
      const file = f.json.forms[0]?.file;
      if (file === undefined) throw new Error(`the form was not filled: ${JSON.stringify(f.json.findings)}`);
      return file;
    };
    const at = await recalculated([filled(fixed), filled(sumproduct)]);
    return { fixed, sumproduct, at };
  })();
  return recalculatedForms;
}

describe('a filled form\'s own totals (issue 16, pattern 10)', () => {
  it('pattern 10: the total =I5+K5 and a row with no total formula, three pairs added — recalculated by LibreOffice, the form\'s totals equal the consolidation\'s copies and money', async () => {
    expect(soffice, NO_SOFFICE).toBeTruthy();
    const {
      fixed: { region, code, json },
      at: [at],
    } = await pattern10();
    expect(json.findings).toEqual([]);
    expect(code).toBe(0);
    expect(json.forms).toEqual([expect.objectContaining({ recipients: 5, added: 3 })]);

    const copiesByRow = new Map<number, number>();
    for (const mine of region.ordered.values()) for (const [row, q] of mine) copiesByRow.set(row, (copiesByRow.get(row) ?? 0) + q);
    expect(copiesByRow.has(BARE), 'the row without a total formula is ordered').toBe(true);
    for (let r = FIRST; r < TOTAL_ROW; r++) {
      const copies = copiesByRow.get(r) ?? 0;
      expect(at(`G${r}`), `G${r}`).toBe(copies);
      expect(Math.round(at(`H${r}`) * 100), `H${r}`).toBe(Math.round(ITEMS[r - FIRST]![4] * 100) * copies);
    }
    const { copies, sum_kopecks } = json.publishers[0]!;
    expect(at(`G${TOTAL_ROW}`), 'the form\'s «ИТОГО» copies').toBe(copies);
    expect(Math.round(at(`H${TOTAL_ROW}`) * 100), 'the form\'s «ИТОГО» money').toBe(sum_kopecks);
    // The recipients' own pairs add up to the same: the added ones (M:N … Q:R) included.
    const pairs = ['I', 'K', 'M', 'O', 'Q'];
    expect(pairs.reduce((n, c) => n + at(`${c}${TOTAL_ROW}`), 0)).toBe(copies);
    const sums = ['J', 'L', 'N', 'P', 'R'];
    expect(Math.round(sums.reduce((n, c) => n + at(`${c}${TOTAL_ROW}`), 0) * 100)).toBe(sum_kopecks);
  }, 240_000);

  it('pattern 10: a SUMPRODUCT total over every other column is extended to the added pairs', async () => {
    expect(soffice, NO_SOFFICE).toBeTruthy();
    const {
      sumproduct: { code, json },
      at: [, at],
    } = await pattern10();
    expect(json.findings).toEqual([]);
    expect(code).toBe(0);
    expect(at(`G${TOTAL_ROW}`)).toBe(json.publishers[0]!.copies);
    expect(Math.round(at(`H${TOTAL_ROW}`) * 100)).toBe(json.publishers[0]!.sum_kopecks);
  }, 240_000);

  it('pattern 10: a total formula uchebnik cannot extend is an error finding that names its cell, in Russian and English', async () => {
    const { region, code, json } = await fill((r) => `ROUND(I${r}+K${r},0)`);
    expect(code).toBe(1);
    const gaps = json.findings.filter((f) => f.code === 'form-total-not-extended');
    const filledRows = [...new Set([...region.ordered.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
    expect(gaps.map((f) => f.cell)).toEqual(filledRows.map((r) => `G${r}`));
    expect(gaps.every((f) => f.severity === 'error')).toBe(true);
    expect(gaps[0]!.message).toContain(`G${filledRows[0]}`);
    expect(gaps[0]!.message).toContain(`ROUND(I${filledRows[0]}+K${filledRows[0]},0)`);
    const en = await run(['consolidate', 'municipality', '56', '--out', path.join(tempDir(), 'out'), '--json', '--lang', 'en', '-w', region.ws]);
    expect((JSON.parse(en.stdout) as Consolidated).findings.find((f) => f.code === 'form-total-not-extended')!.message).toContain('could not be extended');
  }, 240_000);
});
