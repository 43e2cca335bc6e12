/**
 * The real Просвещение and Дрофа forms (../shared/real-data/forms/) filled for a municipality of 85
 * schools — more than either form has recipient columns (57 and 77) — and recalculated by LibreOffice:
 * the form's own formulas must compute the quantities uchebnik wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { columnIndex } from '../../../src/core/finding.js';
import { findSoffice } from '../../../src/io/sheets/convert.js';
import { openWorkbook } from '../../../src/io/sheets/open.js';
import { readDataSheet } from '../../../src/io/sheets/data-sheet.js';
import type { SheetRow } from '../../../src/io/sheets/types.js';
import { FIXTURES, REAL_DATA, newWorkspace, realDataPresent, run, tempDir } from '../../support/cli.js';
import { formedRegion } from '../../support/formed-region.js';
import { formRegion, type FormRegion } from '../../support/form-region.js';
import { numericCellsThatAreNot } from '../../support/numeric-cells.js';
import { convertTogether } from '../../support/soffice-batch.js';
import { rezip, unzip } from '../../fuzz/support/zip.js';
import { withoutNonNumbers } from '../../../src/features/forms/fill.js';

const SCHOOLS = 85;
const present = realDataPresent();
const soffice = findSoffice();
if (!soffice) console.warn('LibreOffice (soffice) is not on PATH: the recalculation of the filled forms is NOT tested');

/**
 * The first sheet of each file as LibreOffice computes it, through a CSV export (UTF-8, `;`): all in
 * one LibreOffice run, as each start costs ≈5 s on the 2-core machine.
 */
function recalculated(files: string[]): string[][][] {
  return convertTogether(soffice!, files, 'csv:Text - txt - csv (StarCalc):59,34,76,1').map((csv) =>
    // Header cells hold line breaks inside quotes: a real CSV parser, not a split by lines.
    parse(fs.readFileSync(csv, 'utf8'), { delimiter: ';', relax_column_count: true }) as string[][],
  );
}

/** LibreOffice writes numbers as shown: `49,280.00` in its default (en-US) locale. */
const num = (s: string | undefined): number => Number((s ?? '').replace(/[\s\u00a0,]/g, '') || 0);

interface Case {
  name: string;
  file: string;
  publisher: string;
  /** the form's own recipients */
  own: number;
  /** the form's total quantity column */
  total: string;
  /** the recipient header row (where the names go) */
  labelRow: number;
  /** the first recipient's quantity column, and the step to the next */
  first: string;
  step: number;
  /** the form's «ИТОГО» row, when it has one */
  totalRow?: number;
}

const CASES: Case[] = [
  { name: 'Дрофа (pairs «Кол-во» / «Стоимость»)', file: 'drofa_svod_56_63890.xlsx', publisher: 'Дрофа', own: 77, total: 'AA', labelRow: 5, first: 'AC', step: 2, totalRow: 301 },
  { name: 'Просвещение (columns of SUM(O:BS))', file: 'prosv_svod_56_63890.xlsx', publisher: 'Просвещение', own: 57, total: 'M', labelRow: 6, first: 'O', step: 1 },
];

interface Filled {
  region: FormRegion;
  filled: string;
  json: {
    forms: { publisher: string; file: string; recipients: number; added: number }[];
    findings: { code: string; school?: string }[];
    publishers: { publisher: string; copies: number; sum_kopecks: number }[];
    files: string[];
  };
  code: number;
}

/** Each case's form filled by `consolidate municipality`, once. */
const fills = new Map<Case, Promise<Filled>>();
function fillCase(c: Case): Promise<Filled> {
  let p = fills.get(c);
  if (!p) {
    p = (async () => {
      const region = await formRegion(path.join(REAL_DATA, 'forms', c.file), c.publisher, { schools: SCHOOLS, lines: 25, seed: 20161, withoutInn: ['56007'] });
      const out = path.join(tempDir(), 'out');
      const r = await run(['consolidate', 'municipality', '56', '--out', out, '--json', '-w', region.ws]);
      const json = JSON.parse(r.stdout) as Filled['json'];
      return { region, filled: json.forms[0]!.file, json, code: r.code };
    })();
    fills.set(c, p);
  }
  return p;
}

/** Every case's filled form recalculated, in one LibreOffice run. */
let recalculations: Promise<string[][][]> | undefined;
function recalculatedCase(c: Case): Promise<string[][]> {
  recalculations ??= Promise.all(CASES.map(fillCase)).then((all) => recalculated(all.map((f) => f.filled)));
  return recalculations.then((sheets) => sheets[CASES.indexOf(c)]!);
}

describe.runIf(present)('consolidate municipality fills the real publisher forms', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      let region: FormRegion;
      let filled: string;
      let json: Filled['json'];
      let code: number;
      beforeAll(async () => {
        ({ region, filled, json, code } = await fillCase(c));
      }, 240_000);

      it('writes the filled form beside the generic workbook, with columns added for the recipients beyond the form\'s own', () => {
        expect(json.forms).toEqual([{ publisher: c.publisher, file: filled, recipients: SCHOOLS, added: SCHOOLS - c.own }]);
        expect(json.files).toContain(filled);
        expect(fs.existsSync(filled)).toBe(true);
      });

      it('drops nothing: the only finding is the school without an ИНН, a warning', () => {
        expect(json.findings.map((f) => `${f.code} ${f.school ?? ''}`)).toEqual(['form-recipient-inn-missing 56007']);
        expect(code).toBe(0);
      });

      it('puts each school\'s name and ИНН over its column, and its quantities in the item rows', async () => {
        const wb = await openWorkbook(filled);
        const sheet = wb.sheets.find((s) => !s.hidden)!;
        const rows = new Map<number, SheetRow>();
        for await (const r of (await wb.sheet(sheet.name)).rows()) rows.set(r.row, r);
        region.schools.forEach((s, k) => {
          const col = columnIndex(c.first) + c.step * k;
          const label = rows.get(c.labelRow)!.cells[col]?.value;
          expect(label).toBe(s.inn ? `${s.name}, ИНН ${s.inn}` : s.name);
          for (const [row, qty] of region.ordered.get(s.code)!) expect(rows.get(row)!.cells[col]?.value, `${s.code} row ${row}`).toBe(qty);
        });
        await wb.close();
      });

      it('carries the hidden data sheet that uchebnik import reads back', async () => {
        const wb = await openWorkbook(filled);
        const rows: SheetRow[] = [];
        for await (const r of (await wb.sheet('_uchebnik')).rows()) rows.push(r);
        await wb.close();
        const data = readDataSheet(rows)!;
        expect(data.checksumOk).toBe(true);
        expect(data.meta['kind']).toBe('consolidation-municipality');
        const copies = data.rows.reduce((n, r) => n + Number(r[data.columns.indexOf('quantity')]), 0);
        expect(copies).toBe(json.publishers[0]!.copies);
      });

      it('keeps the publisher\'s formulas: the total column still sums the recipients, taking in the added ones', async () => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(filled);
        const ws = wb.worksheets[0]!;
        // The first item row holds the formula itself (a plain one, or the master of a shared one).
        const anyItemRow = region.items[0]!.row;
        const formula = String((ws.getCell(`${c.total}${anyItemRow}`).value as { formula?: string; sharedFormula?: string }).formula ?? '');
        expect(formula).not.toBe('');
        const lastAdded = columnIndex(c.first) + c.step * (SCHOOLS - 1);
        const letter = ws.getColumn(lastAdded + 1).letter;
        expect(formula).toContain(`${letter}${anyItemRow}`);
      });

      it.runIf(soffice)('recalculated by LibreOffice, the form\'s own formulas give exactly the quantities written', async () => {
        const sheet = await recalculatedCase(c);
        const cell = (row: number, col: number) => sheet[row - 1]?.[col];
        const total = columnIndex(c.total);
        const expected = new Map<number, number>();
        for (const mine of region.ordered.values()) for (const [row, q] of mine) expected.set(row, (expected.get(row) ?? 0) + q);
        let copies = 0;
        for (const it of region.items) {
          const want = expected.get(it.row) ?? 0;
          expect(num(cell(it.row, total)), `${c.total}${it.row}`).toBe(want);
          copies += want;
        }
        expect(copies).toBe(json.publishers[0]!.copies);
        if (c.totalRow) expect(num(cell(c.totalRow, total))).toBe(copies);
        // An added recipient's own column and (for pairs) its sum computed by the copied formula.
        const k = SCHOOLS - 1;
        const col = columnIndex(c.first) + c.step * k;
        for (const [row, q] of region.ordered.get(region.schools[k]!.code)!) {
          expect(num(cell(row, col))).toBe(q);
          if (c.step === 2) {
            const price = region.items.find((i) => i.row === row)!.price_kopecks!;
            expect(Math.round(num(cell(row, col + 1)) * 100)).toBe(price * q);
          }
        }
        if (c.totalRow) {
          const mine = [...region.ordered.get(region.schools[k]!.code)!.values()].reduce((a, b) => a + b, 0);
          expect(num(cell(c.totalRow, col)), 'the added column\'s «ИТОГО»').toBe(mine);
        }
      }, 240_000);
    });
  }
});

describe('consolidate municipality fills the example region\'s Дрофа form (fixtures/region/forms)', () => {
  const FORM = path.join(FIXTURES, 'region', 'forms', 'drofa-form.xlsx');
  let ws: string;
  beforeAll(async () => {
    ws = await formedRegion();
    const r = await run(['form', 'load', FORM, '--publisher', 'Дрофа', '-w', ws]);
    expect(r.code).toBe(0);
  });

  interface ConsolidateJson {
    forms: { publisher: string; file: string; recipients: number; added: number }[];
    findings: { code: string; severity: string; message: string }[];
    publishers: { publisher: string; copies: number; sum_kopecks: number; schools: number }[];
    files: string[];
    ok: boolean;
  }

  it('fills the form for every school that ordered from Дрофа, adding pairs beyond its 4, and the filled form imports like the generic workbook', async () => {
    const out = path.join(tempDir(), 'out');
    const r = await run(['consolidate', 'municipality', '01', '--out', out, '--json', '-w', ws]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as ConsolidateJson;
    const drofa = json.publishers.find((p) => p.publisher === 'Дрофа')!;
    expect(drofa.schools).toBeGreaterThan(4);
    expect(json.forms).toEqual([{ publisher: 'Дрофа', file: path.join(out, '01_Дрофа_форма_издательства.xlsx'), recipients: drofa.schools, added: drofa.schools - 4 }]);

    // The filled form carries the data sheet: a regional workspace imports it to the same totals.
    const region = await newWorkspace();
    for (const args of [['registry', 'import', path.join(FIXTURES, 'region', 'registry.csv')], ['import', json.forms[0]!.file]]) {
      const step = await run([...args, '-w', region]);
      expect(step.code, step.stderr).toBe(0);
    }
    const again = await run(['consolidate', 'region', '--json', '-w', region]);
    const back = (JSON.parse(again.stdout) as ConsolidateJson).publishers;
    expect(back).toEqual([expect.objectContaining({ publisher: 'Дрофа', copies: drofa.copies, sum_kopecks: drofa.sum_kopecks })]);
  });

  it('a publisher\'s numeric cell that holds no number (<v>NaN</v>) is not copied into the filled form', async () => {
    const dir = tempDir();
    const planted = path.join(dir, 'drofa-nan.xlsx');
    const parts = unzip(fs.readFileSync(FORM));
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    const xml = sheet.data.toString('utf8');
    // a cell of the title row that the fill does not touch, written as the publisher's generator did
    const withNan = xml.replace(/(<row r="2"[^>]*>[\s\S]*?)(<\/row>)/, '$1<c r="G2"><v>NaN</v></c>$2');
    expect(withNan).not.toBe(xml);
    fs.writeFileSync(planted, rezip(parts.map((p) => (p === sheet ? { name: p.name, data: Buffer.from(withNan) } : p))));
    expect(numericCellsThatAreNot([dir])).toEqual(['drofa-nan.xlsx xl/worksheets/sheet1.xml G2: NaN']);
    const other = await formedRegion();
    expect((await run(['form', 'load', planted, '--publisher', 'Дрофа', '-w', other])).code).toBe(0);
    const out = path.join(dir, 'out');
    const r = await run(['consolidate', 'municipality', '01', '--out', out, '--json', '-w', other]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readdirSync(out)).toContain('01_Дрофа_форма_издательства.xlsx');
    expect(numericCellsThatAreNot([out])).toEqual([]);
  });

  it('withoutNonNumbers drops only the value of a numeric cell that holds no number', () => {
    const xml = '<row r="1"><c r="A1"/><c r="B1" t="str"><v>NaN</v></c><c r="C1" s="3"><v>NaN</v></c><c r="D1" t="n"><f>X1</f><v>Infinity</v></c><c r="E1"><v>1.5E3</v></c><c r="F1" t="s"><v>0</v></c></row>';
    expect(withoutNonNumbers(xml)).toBe('<row r="1"><c r="A1"/><c r="B1" t="str"><v>NaN</v></c><c r="C1" s="3"></c><c r="D1" t="n"><f>X1</f></c><c r="E1"><v>1.5E3</v></c><c r="F1" t="s"><v>0</v></c></row>');
  });

  it('a form with no room after its last pair: an error finding, the generic workbook still written, exit 1', async () => {
    const dir = tempDir();
    const cramped = path.join(dir, 'cramped.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(FORM);
    wb.worksheets[0]!.getCell('S7').value = 'примечание издательства';
    await wb.xlsx.writeFile(cramped);
    const other = await formedRegion();
    expect((await run(['form', 'load', cramped, '--publisher', 'Дрофа', '-w', other])).code).toBe(0);
    const out = path.join(dir, 'out');
    const r = await run(['consolidate', 'municipality', '01', '--out', out, '--json', '-w', other]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as ConsolidateJson;
    expect(json.ok).toBe(false);
    expect(json.forms).toEqual([]);
    expect(json.findings).toEqual([expect.objectContaining({ code: 'form-fill-failed', severity: 'error' })]);
    expect(json.findings[0]!.message).toContain('S7');
    expect(fs.readdirSync(out).sort()).toEqual(['01_Дрофа.xlsx', '01_Просвещение.xlsx', '01_Русское_слово.xlsx']);
  });
});
