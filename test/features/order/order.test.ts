/**
 * `uchebnik order template|validate|submit|agree|form|status|history` through the command line
 * (docs/file-formats.md#orders, issue 4): every order finding at its cell, where the school comes from, a large
 * clean order from the template, annotated copies, many files with a broken one, the basket lifecycle
 * with its versions and journal, exit codes, golden outputs.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir, treeSnapshot } from '../../support/cli.js';
import { expectGolden } from '../../support/golden.js';
import {
  ITEMS,
  ORDERS_DIR,
  brief,
  fillTemplate,
  fixtureOrders,
  line,
  orderCsv,
  orderXlsx,
  parseReport,
  regionWorkspace,
  writeCsv,
  type Cell,
  type JsonReport,
  type OrderLineSpec,
  type OrderSheetSpec,
} from '../../support/order-fixtures.js';

const order = (name: string) => path.join(ORDERS_DIR, name);
const cli = (ws: string, args: string[]) => run([...args, '-w', ws]);

async function validate(ws: string, files: string[], extra: string[] = []): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const r = await cli(ws, ['order', 'validate', ...files, '--json', ...extra]);
  return { code: r.code, report: parseReport(r), stderr: r.stderr };
}

/** Kopecks as a Russian spreadsheet cell shows money: 108624,18. */
const rub = (kopecks: number) => `${Math.trunc(kopecks / 100)},${String(kopecks % 100).padStart(2, '0')}`;
const sumOf = (lines: { qty: number; kopecks: number }[]) => lines.reduce((n, l) => n + l.qty * l.kopecks, 0);

interface HistoryJson {
  school: string;
  municipality: string;
  formed_version: number | null;
  versions: { version: number; state: string; lines: number; totals: { copies: number; sum_kopecks: number }; errors: number; forced?: boolean; source: { file: string; sha256: string; stored: string } }[];
}
interface StatusJson {
  schools: { code: string; municipality: string; state: string; version: number | null }[];
  municipalities: { municipality: string; schools: number; none: number; draft: number; agreed: number; formed: number }[];
}

async function history(ws: string, school: string): Promise<HistoryJson> {
  const r = await cli(ws, ['order', 'history', '--school', school, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as HistoryJson;
}

async function status(ws: string): Promise<StatusJson> {
  const r = await cli(ws, ['order', 'status', '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as StatusJson;
}

function journal(ws: string): Record<string, unknown>[] {
  return fs
    .readFileSync(path.join(ws, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

// ------------------------------------------------------------------ findings at their cells

interface OrderCase {
  name: string;
  spec: OrderSheetSpec;
  extra?: string[];
  /** brief() of every finding, in report order */
  expected: string[];
  code: number;
}

const R = ITEMS;
const CLEAN_LINES: OrderLineSpec[] = [line(R.azbuka1, 50), line(R.russian1, 56), line(R.geometry, 90), line(R.physics7, 95)];
const CLEAN_TOTAL = { qty: 291, sum: rub(sumOf([{ qty: 50, kopecks: R.azbuka1.kopecks }, { qty: 56, kopecks: R.russian1.kopecks }, { qty: 90, kopecks: R.geometry.kopecks }, { qty: 95, kopecks: R.physics7.kopecks }])) };

// School 0101: 56 first-graders (a limit of 61 with the 10 % reserve), 95 seventh-graders. Lines start on row 3.
const CASES: OrderCase[] = [
  { name: 'a clean order with a correct totals row', spec: { lines: CLEAN_LINES, total: CLEAN_TOTAL }, expected: [], code: 0 },
  {
    name: 'order-item-unknown at the item code',
    spec: { lines: [{ publisher: 'Просвещение', code: 'XX-0000-00', title: 'Неизвестная книга', grade: 1, price: '100,00', qty: 5, sum: '500,00' }] },
    expected: ['order-item-unknown@C3'],
    code: 1,
  },
  {
    name: 'order-item-unknown at the fpu code when the line has no item code',
    spec: { lines: [{ fpu: '1.9.9.9.9.9', title: 'Неизвестная книга', grade: 1, qty: 5 }] },
    expected: ['order-item-unknown@B3'],
    code: 1,
  },
  {
    name: 'order-item-ambiguous: the fpu code and title of parts 1 and 2',
    spec: { lines: [line(R.azbuka1, 5, { code: undefined })] },
    expected: ['order-item-ambiguous@B3'],
    code: 1,
  },
  {
    name: 'order-qty-invalid: a fraction, a negative, a word',
    spec: { lines: [line(R.russian1, '2,5'), line(R.azbuka1, -3), line(R.physics7, 'десять')] },
    expected: ['order-qty-invalid@G3', 'order-qty-invalid@G4', 'order-qty-invalid@G5'],
    code: 1,
  },
  {
    name: 'order-price-mismatch at the price',
    spec: { lines: [line(R.russian1, 10, { price: '250,00', sum: '2500,00' })] },
    expected: ['order-price-mismatch@F3'],
    code: 1,
  },
  {
    name: 'order-grade-mismatch: outside the range, and a range instead of one grade',
    spec: { lines: [line(R.russian1, 10, { grade: 3 }), line(R.geometry, 10, { grade: '7-9' })] },
    expected: ['order-grade-mismatch@E3', 'order-grade-mismatch@E4'],
    code: 1,
  },
  {
    name: 'order-duplicate-line at the second quantity',
    spec: { lines: [line(R.russian1, 10), line(R.azbuka1, 10), line(R.russian1, 12)] },
    expected: ['order-duplicate-line@G5'],
    code: 1,
  },
  {
    name: 'order-sum-mismatch at the sum',
    spec: { lines: [line(R.russian1, 10, { sum: '1,00' }), line(R.azbuka1, 10)] },
    expected: ['order-sum-mismatch@H3'],
    code: 1,
  },
  {
    name: 'order-total-mismatch at the totals row’s copies and sum',
    spec: { lines: [line(R.russian1, 10), line(R.azbuka1, 10)], total: { qty: 21, sum: '5000,00' } },
    expected: ['order-total-mismatch@G5', 'order-total-mismatch@H5'],
    code: 1,
  },
  {
    name: 'order-qty-exceeds-students is a warning: 62 first-grade copies for 56 students',
    spec: { lines: [line(R.russian1, 62), line(R.azbuka1, 61)] },
    expected: ['order-qty-exceeds-students@G3'],
    code: 0,
  },
  {
    name: 'order-qty-exceeds-students is an error with --strict',
    spec: { lines: [line(R.russian1, 62), line(R.azbuka1, 61)] },
    extra: ['--school', '0101', '--strict'],
    expected: ['order-qty-exceeds-students@G3'],
    code: 1,
  },
  { name: 'order-item-not-in-fpu (warning) at the item code', spec: { lines: [line(R.propis, 10)] }, expected: ['order-item-not-in-fpu@C3'], code: 0 },
  { name: 'order-empty (warning) for a file where no line has a quantity', spec: { lines: [line(R.russian1, null), line(R.azbuka1, '')] }, expected: ['order-empty@file'], code: 0 },
  {
    name: 'order-school-unknown from --school',
    spec: { lines: [line(R.russian1, 10)] },
    extra: ['--school', '9999'],
    expected: ['order-school-unknown@file'],
    code: 1,
  },
  {
    name: 'order-school-unknown at the «Код ОО:» cell',
    spec: { schoolLabel: '9999', lines: [line(R.russian1, 10)] },
    extra: [],
    expected: ['order-school-unknown@B1'],
    code: 1,
  },
];

describe('order findings at their cells (order validate --json)', () => {
  let ws: string;
  let dir: string;
  beforeAll(async () => {
    ws = await regionWorkspace();
    dir = tempDir();
  });

  it('the example items the fixtures name are in the example price lists as described', async () => {
    for (const item of Object.values(ITEMS)) {
      const r = await cli(ws, ['pricelist', 'show', item.publisher, '--search', item.code, '--json']);
      const [found, ...more] = JSON.parse(r.stdout).items;
      expect(more).toEqual([]);
      expect([found.fpu_code, found.title, found.price_kopecks, found.grade_from <= item.grade && item.grade <= found.grade_to]).toEqual([item.fpu, item.title, item.kopecks, true]);
    }
  });

  CASES.forEach((c, i) => {
    it(c.name, async () => {
      const { file } = orderCsv(dir, `case-${i}.csv`, c.spec);
      const { code, report } = await validate(ws, [file], c.extra ?? ['--school', '0101']);
      expect(report.findings.map(brief)).toEqual(c.expected);
      expect(code).toBe(c.code);
      expect(report.ok).toBe(c.code === 0);
      for (const f of report.findings) {
        expect(f.file).toBe(file);
        expect(f.message).not.toMatch(/\{|undefined|NaN/);
        if (f.cell) expect(f.cell).toBe(`${f.column}${f.row}`);
      }
    });
  });

  it('the findings carry what a script needs: severity, school, expected and actual', async () => {
    const { file } = orderCsv(dir, 'details.csv', {
      lines: [line(R.russian1, 62), line(R.physics7, 10, { price: '400,00', sum: '4000,00' }), line(R.azbuka1, 5, { code: undefined })],
    });
    const { report } = await validate(ws, [file], ['--school', '0101']);
    const byCode = Object.fromEntries(report.findings.map((f) => [f.code, f]));
    expect(byCode['order-qty-exceeds-students']).toMatchObject({ severity: 'warning', school: '0101', expected: 61, actual: 62, item: 'code:05-0036-16' });
    expect(byCode['order-price-mismatch']).toMatchObject({ severity: 'error', school: '0101', expected: 38900, actual: 40000 });
    // «say which»: both parts are named
    expect(byCode['order-item-ambiguous']!.message).toContain('04-0052-11');
    expect(byCode['order-item-ambiguous']!.message).toContain('04-0053-09');
  });

  it('in an xlsx the cells name the sheet', async () => {
    const { file } = await orderXlsx(dir, 'case.xlsx', {
      schoolLabel: '0101',
      lines: [line(R.russian1, 'много'), line(R.physics7, 10, { price: '400,00', sum: '4000,00' }), line(R.propis, 5)],
      total: { qty: 15, sum: '4412,50' },
    });
    const { code, report } = await validate(ws, [file]);
    expect(report.findings.map(brief)).toEqual(['order-qty-invalid@Заявка!G4', 'order-price-mismatch@Заявка!F5', 'order-item-not-in-fpu@Заявка!C6']);
    expect(code).toBe(1);
  });
});

// ------------------------------------------------------------------ which school

describe('which school an order is for', () => {
  let ws: string;
  let dir: string;
  beforeAll(async () => {
    ws = await regionWorkspace();
    dir = tempDir();
  });
  // 70 first-grade copies: above 0101's limit (61), within 0102's (98 students, 107).
  const spec = (label?: string): OrderSheetSpec => ({ schoolLabel: label, lines: [line(R.russian1, 70)] });
  const schoolsOf = (r: JsonReport) => r.findings.map((f) => `${brief(f)} ${f.school ?? '—'}`);

  it('from --school, which wins over the file name and the label', async () => {
    const sub = path.join(dir, 'option');
    fs.mkdirSync(sub);
    const { file } = orderCsv(sub, '0101.csv', spec('0101'));
    const { code, report } = await validate(ws, [file], ['--school', '0102']);
    expect(schoolsOf(report)).toEqual([]);
    expect(code).toBe(0);
  });

  it('from the «Код ОО:» cell', async () => {
    const { file } = orderCsv(dir, 'labelled.csv', spec('0101'));
    expect(schoolsOf((await validate(ws, [file])).report)).toEqual(['order-qty-exceeds-students@G4 0101']);
    const { file: other } = orderCsv(dir, 'labelled-0102.csv', spec('0102'));
    expect(schoolsOf((await validate(ws, [other])).report)).toEqual([]);
  });

  it('from the file name', async () => {
    const sub = path.join(dir, 'by-name');
    fs.mkdirSync(sub);
    const { file } = orderCsv(sub, '0101.csv', spec());
    expect(schoolsOf((await validate(ws, [file])).report)).toEqual(['order-qty-exceeds-students@G3 0101']);
    const { file: parts } = orderCsv(sub, 'заказ_0101_2018.csv', spec());
    expect(schoolsOf((await validate(ws, [parts])).report)).toEqual(['order-qty-exceeds-students@G3 0101']);
  });

  it('from nowhere: order-school-unknown about the whole file, exit 1', async () => {
    const { file } = orderCsv(dir, 'order.csv', spec());
    const { code, report } = await validate(ws, [file]);
    expect(report.findings.map(brief)).toEqual(['order-school-unknown@file']);
    expect(code).toBe(1);
  });

  it('a school’s own CSV sheet (item code, grade, quantity) validates', async () => {
    // the example region's 0205: Windows-1251, a title and the school's name above the header, item
    // codes of all three publishers and nothing outside the federal list
    const own = await validate(ws, [order('0205.csv')]);
    expect(own.report.findings.map((f) => `${brief(f)} ${f.school}`)).toEqual([]);
    expect(own.report.summary.rows).toBe(38);
    expect(own.code).toBe(0);
    // the bare minimum: three columns
    const sub = path.join(dir, 'minimal');
    fs.mkdirSync(sub);
    const file = writeCsv(sub, '0102.csv', [
      ['Код 1С', 'Класс', 'Количество'],
      [R.russian1.code, 1, 98],
      [R.geometry.code, 8, 83],
      [R.physics7.code, 7, 95],
      [R.azbuka1.code, 1, 98],
      [R.azbuka2.code, 1, 98],
    ]);
    const minimal = await validate(ws, [file]);
    expect(minimal.report.findings).toEqual([]);
    expect(minimal.code).toBe(0);
    // and it is stored with its lines priced from the price lists
    const submitted = await cli(ws, ['order', 'submit', file]);
    expect(submitted.code, submitted.stderr).toBe(0);
    const h = await history(ws, '0102');
    expect(h.versions[0]).toMatchObject({ version: 1, state: 'draft', lines: 5 });
    expect(h.versions[0]!.totals).toEqual({
      copies: 98 * 3 + 83 + 95,
      sum_kopecks: 98 * (R.russian1.kopecks + R.azbuka1.kopecks + R.azbuka2.kopecks) + 83 * R.geometry.kopecks + 95 * R.physics7.kopecks,
    });
  });
});

// ------------------------------------------------------------------ a large clean order

/** An ISBN-13 with its check digit. */
function isbn13(body12: string): string {
  const sum = [...body12].reduce((n, d, i) => n + Number(d) * (i % 2 ? 3 : 1), 0);
  return `${body12}${(10 - (sum % 10)) % 10}`;
}

/**
 * A price list of `n` items identified every way a list does: by item code (a twelfth of them outside
 * the federal list), by ISBN alone, and by fpu code and title alone (pairs of parts sharing a code).
 */
function bigPriceList(dir: string, n: number): string {
  const rows: Cell[][] = [['Прайс-лист'], ['№ ФП', 'Код 1С', 'ISBN', 'Авторы', 'Наименование учебника', 'Класс', 'Цена с НДС, руб.']];
  for (let i = 0; i < n; i++) {
    const grade = ['5-9', String(1 + (i % 11)), '10-11', String(1 + ((i * 7) % 11))][i % 4]!;
    const price = `${100 + (i % 400)},${String(i % 100).padStart(2, '0')}`;
    const kind = i % 3;
    let fpu = `1.2.${1 + Math.floor(i / 500)}.${1 + (Math.floor(i / 100) % 5)}.${1 + (i % 100)}.1`;
    if (kind === 0 && i % 12 === 0) fpu = '99.99.99.99.99.99';
    const code = kind === 0 ? `BIG-${String(i).padStart(4, '0')}` : '';
    const isbn = kind === 1 ? isbn13(`97857777${String(i).padStart(4, '0')}`) : '';
    let title = `Учебник номер ${i}`;
    if (kind === 2) {
      // items 6k+2 and 6k+5 are parts 1 and 2 of one textbook
      const k = Math.floor(i / 6);
      fpu = `1.3.1.1.${1 + k}.1`;
      title = `Учебник серии ${k}. Часть ${i % 6 === 2 ? 1 : 2}`;
    }
    rows.push([fpu, code, isbn, `Автор${i} А.А.`, title, grade, price]);
  }
  return writeCsv(dir, 'big.csv', rows);
}

describe('a large clean order from the template', () => {
  let ws: string;
  let dir: string;
  let template: string;
  beforeAll(async () => {
    ws = await regionWorkspace();
    dir = tempDir();
    const loaded = await cli(ws, ['pricelist', 'load', bigPriceList(dir, 720), '--publisher', 'Большое издательство', '--json']);
    expect(JSON.parse(loaded.stdout).findings).toEqual([]);
    template = path.join(dir, 'template.xlsx');
    const r = await cli(ws, ['order', 'template', '--school', '0101', '--out', template]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('the empty form itself: one line per item and grade, the school in its label, order-empty only', async () => {
    const { code, report } = await validate(ws, [template]);
    expect(report.findings.map(brief)).toEqual(['order-empty@file']);
    expect(report.findings[0]!.school).toBe('0101');
    // 720 items: 180 for 5–9, 180 for 10–11, 360 for one grade; plus the 59 lines of the example lists' 54 items
    expect(report.summary.rows).toBe(180 * 5 + 180 * 2 + 360 + 59);
    expect(code).toBe(0);
  });

  it('every row filled with a valid quantity: no finding but the expected not-in-fpu warnings; submitted whole', async () => {
    const filled = path.join(dir, 'filled.xlsx');
    const outside: number[] = [];
    const fill = await fillTemplate(template, filled, (l) => {
      if (l.fpu.startsWith('99.')) outside.push(l.row);
      return 1 + (l.row % 40);
    });
    expect(fill.lines).toBe(180 * 5 + 180 * 2 + 360 + 59);
    expect(outside.length).toBeGreaterThan(10);

    const { code, report } = await validate(ws, [filled]);
    const unexpected = report.findings.filter((f) => f.code !== 'order-item-not-in-fpu');
    expect(unexpected.map(brief)).toEqual([]);
    expect(report.findings.map((f) => f.row)).toEqual(outside);
    expect(report.findings.every((f) => f.severity === 'warning' && f.cell === `C${f.row}` && f.sheet === 'Заказ' && f.school === '0101')).toBe(true);
    expect(report.summary).toMatchObject({ files: 1, rows: fill.lines, errors: 0, warnings: outside.length });
    expect(code).toBe(0);

    const submitted = await cli(ws, ['order', 'submit', filled]);
    expect(submitted.code, submitted.stderr).toBe(0);
    const h = await history(ws, '0101');
    expect(h.versions).toHaveLength(1);
    expect(h.versions[0]).toMatchObject({ version: 1, state: 'draft', lines: fill.lines, errors: 0 });
    expect(h.versions[0]!.totals).toEqual({ copies: fill.copies, sum_kopecks: fill.kopecks });
  });

  it('--all writes a form for every school of a municipality', async () => {
    const out = path.join(dir, 'forms');
    const r = await cli(ws, ['order', 'template', '--all', '--municipality', '03', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['0301.xlsx', '0302.xlsx', '0303.xlsx', '0304.xlsx', '0305.xlsx']);
  });
});

// ------------------------------------------------------------------ annotated copies

describe('order validate --annotate', () => {
  let ws: string;
  let dir: string;
  let out: string;
  let csv: string;
  let report: JsonReport;
  beforeAll(async () => {
    ws = await regionWorkspace();
    dir = tempDir();
    out = path.join(dir, 'checked');
    csv = orderCsv(dir, '0101.csv', { lines: [line(R.russian1, 'десять'), line(R.propis, 10), line(R.azbuka1, 10, { sum: '1,00' })] }).file;
    const r = await validate(ws, [order('0103.xlsx'), order('0304.xlsx'), csv], ['--annotate', out]);
    expect(r.code).toBe(1);
    report = r.report;
  });

  it('writes <name>.checked.xlsx per file and leaves the originals alone', () => {
    expect(fs.readdirSync(out).sort()).toEqual(['0101.checked.xlsx', '0103.checked.xlsx', '0304.checked.xlsx']);
    expect(report.findings.map((f) => `${path.basename(f.file!)} ${brief(f)}`)).toEqual([
      '0103.xlsx order-qty-invalid@Заказ!I6',
      '0103.xlsx order-price-mismatch@Заказ!H8',
      '0103.xlsx order-sum-mismatch@Заказ!J8',
      '0304.xlsx order-qty-exceeds-students@Заказ!I6',
      '0101.csv order-qty-invalid@G3',
      '0101.csv order-item-not-in-fpu@C4',
      '0101.csv order-sum-mismatch@H5',
    ]);
  });

  async function open(name: string): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, name));
    return wb;
  }
  const fillOf = (cell: ExcelJS.Cell) => (cell.fill && cell.fill.type === 'pattern' ? cell.fill.fgColor?.argb : undefined);
  const noteOf = (cell: ExcelJS.Cell) => (typeof cell.note === 'string' ? cell.note : (cell.note?.texts ?? []).map((t) => t.text).join(''));

  it('fills the finding cells red or yellow with the message as a comment, and lists them on «Замечания»', async () => {
    const wb = await open('0103.checked.xlsx');
    const sheet = wb.getWorksheet('Заказ')!;
    const messages = Object.fromEntries(report.findings.filter((f) => f.file!.endsWith('0103.xlsx')).map((f) => [f.cell, f.message]));
    for (const address of ['I6', 'H8', 'J8']) {
      const cell = sheet.getCell(address);
      expect(fillOf(cell), address).toBe('FFFF8A80');
      expect(noteOf(cell)).toContain(messages[address]);
    }
    // the cells around keep the school's own values and no mark
    expect(fillOf(sheet.getCell('I7'))).not.toBe('FFFF8A80');
    expect(sheet.getCell('I6').value).toBe('десять');
    expect(sheet.getCell('H8').value).toBe(199.99);

    const list = wb.getWorksheet('Замечания')!;
    expect(list).toBeTruthy();
    const rows: string[] = [];
    list.eachRow((row, n) => {
      if (n > 1) rows.push(`${row.getCell(3).text} ${row.getCell(4).text}`);
    });
    expect(rows).toEqual(['I6 order-qty-invalid', 'H8 order-price-mismatch', 'J8 order-sum-mismatch']);
    expect(list.getRow(2).getCell(6).text).toBe(messages['I6']);

    const warned = (await open('0304.checked.xlsx')).getWorksheet('Заказ')!.getCell('I6');
    expect(fillOf(warned)).toBe('FFFFE066');
  });

  it('a CSV becomes an xlsx with the rows at their numbers and the cells marked', async () => {
    const wb = await open('0101.checked.xlsx');
    const sheet = wb.worksheets.find((s) => s.name !== 'Замечания' && s.state === 'visible')!;
    expect(sheet.getCell('G3').value).toBe('десять');
    expect(fillOf(sheet.getCell('G3'))).toBe('FFFF8A80');
    expect(fillOf(sheet.getCell('C4'))).toBe('FFFFE066');
    expect(fillOf(sheet.getCell('H5'))).toBe('FFFF8A80');
    expect(noteOf(sheet.getCell('H5'))).toContain('1,00');
    expect(wb.getWorksheet('Замечания')!.rowCount).toBe(4);
  });
});

// ------------------------------------------------------------------ many files at once

describe('many files at once', () => {
  let ws: string;
  let broken: string;
  beforeAll(async () => {
    ws = await regionWorkspace();
    broken = path.join(tempDir(), 'broken.xlsx');
    fs.writeFileSync(broken, crypto.randomBytes(5000));
  });

  it('the whole example region: the planted mistakes and nothing else', async () => {
    const { code, report } = await validate(ws, fixtureOrders());
    expect(report.summary.files).toBe(19);
    const errors = report.findings.filter((f) => f.severity === 'error').map((f) => `${path.basename(f.file!)} ${brief(f)}`);
    expect(errors).toEqual([
      '0103.xlsx order-qty-invalid@Заказ!I6',
      '0103.xlsx order-price-mismatch@Заказ!H8',
      '0103.xlsx order-sum-mismatch@Заказ!J8',
      '0105.xlsx order-sum-mismatch@Заказ!J6',
      '0202.xlsx order-duplicate-line@Заказ!I7',
      '0202.xlsx order-grade-mismatch@Заказ!G8',
    ]);
    const warnings = report.findings.filter((f) => f.severity === 'warning').map((f) => `${path.basename(f.file!)} ${f.code}`);
    expect(warnings).toEqual([
      '0101.xlsx order-item-not-in-fpu',
      '0301.xlsx order-item-not-in-fpu',
      '0304.xlsx order-qty-exceeds-students',
    ]);
    expect(report.files.filter((f) => !f.ok).map((f) => path.basename(f.file))).toEqual(['0103.xlsx', '0105.xlsx', '0202.xlsx']);
    expect(code).toBe(1);
  });

  it('a broken file among them is file-unreadable and the rest are still validated', async () => {
    const before = treeSnapshot(ws);
    const { code, report } = await validate(ws, [order('0101.xlsx'), broken, order('0102.xlsx')]);
    expect(report.findings.map((f) => `${path.basename(f.file!)} ${brief(f)} ${f.severity}`).sort()).toEqual([
      '0101.xlsx order-item-not-in-fpu@Заказ!C51 warning',
      'broken.xlsx file-unreadable@file error',
    ]);
    const unreadable = report.findings.filter((f) => f.code === 'file-unreadable');
    expect(unreadable.map((f) => [path.basename(f.file!), f.severity, f.cell])).toEqual([['broken.xlsx', 'error', undefined]]);
    expect(unreadable[0]!.message.length).toBeGreaterThan(20);
    expect(report.summary.files).toBe(3);
    expect(report.files.map((f) => [path.basename(f.file), f.ok])).toEqual([
      ['0101.xlsx', true],
      ['broken.xlsx', false],
      ['0102.xlsx', true],
    ]);
    expect(code).toBe(1);
    expect(treeSnapshot(ws)).toEqual(before);
  });

  it('exit 3 only when no file could be read', async () => {
    const missing = path.join(tempDir(), 'missing.xlsx');
    const none = await validate(ws, [broken, missing]);
    expect(none.code).toBe(3);
    expect(none.report.findings.map((f) => f.code)).toEqual(['file-unreadable', 'file-unreadable']);
    const r = await cli(ws, ['order', 'validate', broken]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('file-unreadable');
  });
});

// ------------------------------------------------------------------ the lifecycle

/** A copy of a filled example form with one quantity lowered by one (sums and totals recomputed). */
async function changedCopy(src: string, out: string): Promise<void> {
  let changed = false;
  await fillTemplate(src, out, (l) => {
    if (typeof l.current !== 'number') return null;
    if (changed) return l.current;
    changed = true;
    return l.current - 1;
  });
}

/** A copy of an xlsx with other bytes and the same content (a zip comment): submitting it makes a new version. */
function resent(src: string, dest: string, comment: string): string {
  const data = fs.readFileSync(src);
  const eocd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 !== data.length) throw new Error(`${src}: no end-of-central-directory record without a comment at its end`);
  const copy = Buffer.concat([data, Buffer.from(comment)]);
  copy.writeUInt16LE(Buffer.byteLength(comment), eocd + 20);
  fs.writeFileSync(dest, copy);
  return dest;
}

describe('the order lifecycle: submit → agree → form, versions, status, journal', () => {
  it('goes through draft, agreed and formed; a correction is version 2 while version 1 stays formed', async () => {
    const ws = await regionWorkspace();
    const dir = tempDir();

    // nothing to form yet
    expect((await cli(ws, ['order', 'form', '--school', '0101'])).code).toBe(1);

    const submitted = await cli(ws, ['order', 'submit', order('0101.xlsx')]);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(submitted.stderr).toContain('0101');
    let h = await history(ws, '0101');
    expect(h.versions.map((v) => [v.version, v.state])).toEqual([[1, 'draft']]);
    expect(h.formed_version).toBeNull();
    expect(h.versions[0]!.source.file).toBe('0101.xlsx');
    expect(fs.existsSync(path.join(ws, h.versions[0]!.source.stored))).toBe(true);

    // a draft cannot be formed: exit 1, nothing written
    let before = treeSnapshot(ws);
    const early = await cli(ws, ['order', 'form', '--school', '0101']);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('order agree');
    expect(treeSnapshot(ws)).toEqual(before);

    expect((await cli(ws, ['order', 'agree', '--school', '0101'])).code).toBe(0);
    expect((await history(ws, '0101')).versions.map((v) => v.state)).toEqual(['agreed']);
    expect((await cli(ws, ['order', 'form', '--school', '0101'])).code).toBe(0);
    h = await history(ws, '0101');
    expect(h.versions.map((v) => [v.version, v.state])).toEqual([[1, 'formed']]);
    expect(h.formed_version).toBe(1);
    const formedTotals = h.versions[0]!.totals;

    // forming again, or submitting the same file again, changes nothing
    before = treeSnapshot(ws);
    expect((await cli(ws, ['order', 'form', '--school', '0101'])).code).toBe(0);
    const same = await cli(ws, ['order', 'submit', order('0101.xlsx')]);
    expect(same.code).toBe(0);
    expect(same.stderr).toContain('ничего не изменено');
    expect(treeSnapshot(ws)).toEqual(before);

    // a corrected file: version 2 in draft; the formed version 1 is what consolidation still counts
    const corrected = path.join(dir, '0101.xlsx');
    await changedCopy(order('0101.xlsx'), corrected);
    const resubmitted = await cli(ws, ['order', 'submit', corrected]);
    expect(resubmitted.code, resubmitted.stderr).toBe(0);
    h = await history(ws, '0101');
    expect(h.versions.map((v) => [v.version, v.state])).toEqual([
      [1, 'formed'],
      [2, 'draft'],
    ]);
    expect(h.formed_version).toBe(1);
    expect(h.versions[0]!.totals).toEqual(formedTotals);
    expect(h.versions[1]!.totals.copies).toBe(formedTotals.copies - 1);
    expect((await status(ws)).schools.find((s) => s.code === '0101')).toEqual({ code: '0101', municipality: '01', state: 'draft', version: 2 });

    // the lifecycle is in the journal
    const entries = journal(ws).filter((e) => String(e.command).startsWith('order ') && !e.storing);
    expect(entries.map((e) => [e.command, e.submitted ?? e.schools])).toEqual([
      ['order submit', { '0101': 1 }],
      ['order agree', ['0101']],
      ['order form', ['0101']],
      ['order submit', { '0101': 2 }],
    ]);
    for (const e of entries) expect(e.changed).toContain('state/orders/0101.json');
  });

  it('several files of one school in one submit become its versions in the order given, among other schools', async () => {
    const dir = tempDir();
    // The same order sent three times with other bytes (a zip comment): three versions of 0101.
    const sent = ['a', 'b', 'c'].map((tag) => resent(order('0101.xlsx'), path.join(dir, `0101-${tag}.xlsx`), tag));
    const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    for (const files of [
      [sent[0]!, order('0102.xlsx'), sent[1]!, order('0201.xlsx'), order('0202.xlsx'), sent[2]!, order('0301.xlsx')],
      [sent[2]!, sent[1]!, order('0102.xlsx'), sent[0]!],
    ]) {
      const ws = await regionWorkspace();
      const r = await cli(ws, ['order', 'submit', ...files, '--lang', 'en']);
      expect(r.code, r.stderr).toBe(files.includes(order('0202.xlsx')) ? 1 : 0);
      const mine = files.filter((f) => sent.includes(f));
      const h = await history(ws, '0101');
      expect(h.versions.map((v) => [v.version, v.source.file, v.source.sha256])).toEqual(mine.map((f, i) => [i + 1, path.basename(f), sha(f)]));
      // the notes come in the order of the files, whichever store ended first
      const notes = r.stderr.split('\n').filter((l) => /0101|0102|0201|0202|0301/.test(l));
      expect(notes.filter((l) => l.includes('0101'))).toEqual(mine.map((_, i) => expect.stringContaining(`version ${i + 1}`) as unknown as string));
      const order_ = files.map((f) => (sent.includes(f) ? '0101' : path.basename(f, '.xlsx')));
      expect(notes.map((l) => /0101|0102|0201|0202|0301/.exec(l)![0])).toEqual(order_);
      // a line for each version, written before its state (a school's in the order of its files;
      // schools stored at the same time in the order their stores came to it) …
      const storing = journal(ws).filter((e) => e.storing).map((e) => e.storing as { school: string; version: number; file: string });
      expect(storing.filter((v) => v.school === '0101').map((v) => [v.version, v.file])).toEqual(mine.map((f, i) => [i + 1, path.basename(f)]));
      expect(storing.map((v) => v.school).sort()).toEqual(order_.filter((c) => c !== '0202').sort());
      // … and one line of the whole command: every version, in the order of the files
      const [entry] = journal(ws).filter((e) => e.command === 'order submit' && !e.storing);
      const submitted = entry!.submitted as Record<string, number>;
      expect(submitted['0101']).toBe(mine.length);
      const changed = entry!.changed as string[];
      expect(changed.filter((c) => c.startsWith('state/'))).toEqual(
        files.filter((f) => f !== order('0202.xlsx')).map((f) => `state/orders/${sent.includes(f) ? '0101' : path.basename(f, '.xlsx')}.json`),
      );
      expect(changed.filter((c) => c.startsWith('inputs/'))).toEqual(
        files.filter((f) => f !== order('0202.xlsx')).map((f) => `inputs/${sha(f)}.xlsx`),
      );
    }
  });

  it('a file with errors is refused (exit 1, nothing stored) and stored with --force', async () => {
    const ws = await regionWorkspace();
    const before = treeSnapshot(ws);
    const refused = await cli(ws, ['order', 'submit', order('0103.xlsx')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(treeSnapshot(ws)).toEqual(before);
    expect((await cli(ws, ['order', 'history', '--school', '0103'])).code).toBe(2);

    const forced = await cli(ws, ['order', 'submit', order('0103.xlsx'), '--force']);
    // stored, and still exit 1: the data has errors (docs/exit-codes.md#1)
    expect(forced.code).toBe(1);
    const h = await history(ws, '0103');
    expect(h.versions).toHaveLength(1);
    expect(h.versions[0]).toMatchObject({ version: 1, state: 'draft', errors: 3, forced: true });
  });

  it('status --json counts the states per municipality; --municipality agrees and forms the ready schools', async () => {
    const ws = await regionWorkspace();
    const submit = await cli(ws, ['order', 'submit', order('0101.xlsx'), order('0102.xlsx'), order('0201.xlsx'), order('0202.xlsx'), order('0301.xlsx')]);
    // 0202 has errors: refused, the others stored
    expect(submit.code).toBe(1);
    expect((await cli(ws, ['order', 'agree', '--school', '0101'])).code).toBe(0);
    expect((await cli(ws, ['order', 'form', '--school', '0101'])).code).toBe(0);
    expect((await cli(ws, ['order', 'agree', '--school', '0102'])).code).toBe(0);
    expect((await cli(ws, ['order', 'agree', '--municipality', '03'])).code).toBe(0);

    let s = await status(ws);
    expect(s.municipalities).toEqual([
      { municipality: '01', schools: 8, none: 6, draft: 0, returned: 0, agreed: 1, formed: 1 },
      { municipality: '02', schools: 6, none: 5, draft: 1, returned: 0, agreed: 0, formed: 0 },
      { municipality: '03', schools: 5, none: 4, draft: 0, returned: 0, agreed: 1, formed: 0 },
    ]);
    expect(s.schools).toHaveLength(19);
    expect(s.schools.filter((x) => x.state !== 'none').map((x) => [x.code, x.state, x.version])).toEqual([
      ['0101', 'formed', 1],
      ['0102', 'agreed', 1],
      ['0201', 'draft', 1],
      ['0301', 'agreed', 1],
    ]);

    // a municipality: the schools not ready are simply skipped, exit 0
    expect((await cli(ws, ['order', 'form', '--municipality', '01'])).code).toBe(0);
    expect((await cli(ws, ['order', 'form', '--municipality', '02'])).code).toBe(0);
    s = await status(ws);
    expect(s.municipalities.map((m) => [m.municipality, m.formed, m.agreed, m.draft])).toEqual([
      ['01', 2, 0, 0],
      ['02', 0, 0, 1],
      ['03', 0, 1, 0],
    ]);
    const only = JSON.parse((await cli(ws, ['order', 'status', '--municipality', '02', '--json'])).stdout) as StatusJson;
    expect(only.municipalities.map((m) => m.municipality)).toEqual(['02']);
    expect(only.schools.map((x) => x.code)).toEqual(['0201', '0202', '0203', '0204', '0205', '0206']);
    const human = await cli(ws, ['order', 'status']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('01');

    const formed = journal(ws).filter((e) => e.command === 'order form');
    expect(formed.map((e) => e.schools)).toEqual([['0101'], ['0102']]);

    // the whole region in one run: 0201's draft agreed, then it and 0301 formed
    const agreed = await cli(ws, ['order', 'agree', '--all']);
    expect(agreed.code).toBe(0);
    expect(agreed.stderr).toContain('Регион: обработано школ — 1.');
    expect((await cli(ws, ['order', 'form', '--all'])).code).toBe(0);
    s = await status(ws);
    expect(s.municipalities.map((m) => [m.municipality, m.formed, m.agreed, m.draft])).toEqual([
      ['01', 2, 0, 0],
      ['02', 1, 0, 0],
      ['03', 1, 0, 0],
    ]);
  });
});

// ------------------------------------------------------------------ exit codes

describe('exit codes of the order commands', () => {
  let ws: string;
  beforeAll(async () => {
    ws = await regionWorkspace();
  });

  it('ok 0, data errors 1, bad input 3', async () => {
    expect((await cli(ws, ['order', 'validate', order('0102.xlsx')])).code).toBe(0);
    expect((await cli(ws, ['order', 'validate', order('0103.xlsx')])).code).toBe(1);
    expect((await cli(ws, ['order', 'validate', path.join(tempDir(), 'nope.xlsx')])).code).toBe(3);
    expect((await cli(ws, ['order', 'submit', path.join(tempDir(), 'nope.xlsx')])).code).toBe(3);
    const noHeader = writeCsv(tempDir(), '0101.csv', [['что-то'], ['совсем', 'другое']]);
    expect((await cli(ws, ['order', 'validate', noHeader])).code).toBe(3);
    expect((await cli(ws, ['order', 'status'])).code).toBe(0);
  });

  it('outside a workspace 4', async () => {
    for (const args of [['order', 'validate', order('0102.xlsx')], ['order', 'status'], ['order', 'submit', order('0102.xlsx')], ['order', 'agree', '--school', '0101']]) {
      const r = await run(args, { cwd: tempDir(), env: {} });
      expect(r.code, args.join(' ')).toBe(4);
    }
  });

  it('bad flags and arguments 2', async () => {
    const bad = [
      ['order', 'validate'],
      ['order', 'validate', order('0102.xlsx'), '--frob'],
      ['order', 'agree'],
      ['order', 'agree', '--school', '0101', '--municipality', '01'],
      ['order', 'form', '--all', '--municipality', '01'],
      ['order', 'form', '--municipality', '99'],
      ['order', 'history'],
      ['order', 'template', '--school', '9999'],
      ['order', 'template', '--all'],
      ['order', 'validate', order('0102.xlsx'), '--map', 'colour=A'],
    ];
    for (const args of bad) expect((await cli(ws, args)).code, args.join(' ')).toBe(2);
  });
});

// ------------------------------------------------------------------ golden outputs

describe('golden outputs of order validate', () => {
  it('the four example orders with planted mistakes, as a table and as JSON', async () => {
    const ws = await regionWorkspace();
    const files = ['0103.xlsx', '0105.xlsx', '0202.xlsx', '0304.xlsx'].map(order);
    const human = await cli(ws, ['order', 'validate', ...files]);
    expect(human.code).toBe(1);
    expectGolden('order-validate.txt', human);
    const json = await cli(ws, ['order', 'validate', ...files, '--json']);
    expect(json.code).toBe(1);
    expectGolden('order-validate.json.txt', json);
    const en = await cli(ws, ['order', 'validate', ...files, '--lang', 'en']);
    expectGolden('order-validate.en.txt', en);
  });
});
