/**
 * `uchebnik pricelist load|list|show|diff` through the command line (docs/file-formats.md#price-lists, issue 3): the real
 * publishers' lists load with the right items and no false findings, every price finding sits at its
 * cell, unrecognised headers ask for --map, and versions are kept, compared and never duplicated.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../../src/core/model/catalogue.js';
import { REAL_DATA, newWorkspace, realDataPresent, run, tempDir, treeSnapshot } from '../../support/cli.js';
import { expectGolden } from '../../support/golden.js';
import { PRICELIST_FILES, brief, parseReport, writeCsv, type Cell, type JsonReport } from '../../support/order-fixtures.js';

/** An item as `pricelist show --json` prints it: the catalogue item without publisher and source row. */
type ShownItem = Omit<CatalogueItem, 'publisher' | 'source_row'>;
interface Shown {
  publisher: string;
  version: number;
  items: ShownItem[];
}
type LoadReport = JsonReport & { loaded?: { publisher: string; version: number; items: number; unchanged: boolean } };

const cli = (ws: string, args: string[]) => run([...args, '-w', ws]);

async function load(ws: string, file: string, publisher: string, extra: string[] = []): Promise<{ code: number; report: LoadReport; stderr: string }> {
  const r = await cli(ws, ['pricelist', 'load', file, '--publisher', publisher, '--json', ...extra]);
  return { code: r.code, report: parseReport(r) as LoadReport, stderr: r.stderr };
}

async function show(ws: string, publisher: string, extra: string[] = []): Promise<Shown> {
  const r = await cli(ws, ['pricelist', 'show', publisher, '--json', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Shown;
}

/** The fields a sample pins down: identity, title, grades, price. */
const essence = (it: ShownItem) => ({ fpu_code: it.fpu_code, item_code: it.item_code, title: it.title, grades: [it.grade_from, it.grade_to], price_kopecks: it.price_kopecks });

// ------------------------------------------------------------------ the real lists

interface RealCase {
  file: string;
  publisher: string;
  items: number;
  /** findings expected, as brief() writes them */
  findings: string[];
  samples: { item_code?: string; fpu_code?: string; title: string; grades: [number, number]; price_kopecks: number; vat_rate?: number; authors?: string }[];
}

const REAL: RealCase[] = [
  {
    file: 'pricelists/prosv.csv',
    publisher: 'Просвещение',
    items: 485,
    findings: [],
    samples: [
      // parts 1 and 2: the second row repeats the fpu code and leaves authors and title to the first
      { item_code: '04-0052-11', fpu_code: '1.1.1.1.4.1', title: 'Азбука. В 2-х частях', grades: [1, 1], price_kopecks: 24398, authors: 'Горецкий В.Г., Кирюшкин В.А., Виноградская Л.А. и др.' },
      { item_code: '04-0053-09', fpu_code: '1.1.1.1.4.1', title: 'Азбука. В 2-х частях', grades: [1, 1], price_kopecks: 24398, authors: 'Горецкий В.Г., Кирюшкин В.А., Виноградская Л.А. и др.' },
      // «подгот.» in the grade column: the preparatory class learns from first-grade books
      { item_code: '40-0195-01', fpu_code: '2.1.3.1.2.1', title: 'Ознакомление с окружающим миром Учебник для специальных (коррекционных)образовательных учреждений (I и II вид)', grades: [1, 1], price_kopecks: 54384 },
      { item_code: '40-0335-01', fpu_code: '2.2.7.1.2.5', title: 'Технология. Швейное дело. Учебник для специальных (коррекционных) образовательных учреждений (VIII вид).', grades: [9, 9], price_kopecks: 38291 },
    ],
  },
  {
    file: 'pricelists/mnemo.csv',
    publisher: 'Мнемозина',
    items: 174,
    // the list really gives one code to two books (with and without «В 2 ч.»): both loaded, each reuse a warning
    findings: ['price-duplicate-item@A28', 'price-duplicate-item@A30', 'price-duplicate-item@A34', 'price-duplicate-item@A36'],
    samples: [
      // no grade column: the grade comes from «1 кл.» in the title; VAT per item
      { item_code: '201.401.0Д.ХХ', fpu_code: '1.1.1.1.8.1', title: '"Букварь". 1 кл. Учебник . В 2 ч. + электронное приложение', grades: [1, 1], price_kopecks: 91761, vat_rate: 18 },
      { item_code: '201.401.0К.ХХ', fpu_code: '1.1.1.1.8.1', title: '"Букварь". 1 кл. Учебник . В 2 ч.', grades: [1, 1], price_kopecks: 63058, vat_rate: 10 },
      { item_code: '106.110.0Н.ХХ', fpu_code: '1.3.4.1.7.4', title: '"Математика: алгебра и начала математического анализа, геометрия. Геометрия." 10-11 кл. Учебник (базовый уровень). Книга 2.', grades: [10, 11], price_kopecks: 36555 },
    ],
  },
  {
    file: 'pricelists/vlados.csv',
    publisher: 'Владос',
    items: 13,
    findings: [],
    samples: [
      { fpu_code: '1.2.4.2.1.1', title: 'Биология: Растения. Бактерии. Грибы и лишайники', grades: [7, 7], price_kopecks: 68453, authors: 'Викторов В.П. , Никишов А.И.' },
      // «1 625.58»: a space between the thousands
      { fpu_code: '2.1.1.1.4.1', title: 'Русский язык. Для специальных (коррекционных) образовательных учреждений II вида. В 3-х частях*', grades: [1, 1], price_kopecks: 162558 },
    ],
  },
  {
    file: 'pricelists/binom.csv',
    publisher: 'Бином',
    items: 47,
    findings: [],
    samples: [
      { fpu_code: '2.1.2.2.6.1', title: 'Информатика (в двух частях)', grades: [2, 2], price_kopecks: 36000 },
      { fpu_code: '1.2.3.2.1.1', title: 'Алгебра: учебник для 7 класса', grades: [7, 7], price_kopecks: 30000, authors: 'Башмаков М.И.' },
    ],
  },
  {
    file: 'pricelists/russlovo.csv',
    publisher: 'Русское слово',
    items: 90,
    findings: [],
    samples: [
      { item_code: '14361', fpu_code: '1.1.1.3.6.1', title: 'Английский язык', grades: [2, 2], price_kopecks: 51700, authors: 'Комарова Ю.А., Ларионова И.В., Перретт Ж.' },
      { item_code: '14905', fpu_code: '1.3.6.2.1.2', title: 'Экология (базовый уровень)', grades: [11, 11], price_kopecks: 34100 },
    ],
  },
  {
    // 252 columns, header on row 6, prices in «Цена с доставкой (в т.ч. НДС), руб.», a totals row «ИТОГО».
    // 294 numbered lines (№ п/п 1…294), each with its own «Код заказа 1С», every one priced.
    file: 'forms/drofa_svod_56_63890.xlsx',
    publisher: 'Дрофа',
    items: 294,
    findings: [],
    samples: [
      { item_code: 'DRF000000000412069', fpu_code: '1.1.1.1.11.1', title: 'Русский язык', grades: [1, 1], price_kopecks: 28000, authors: 'Рамзаева Т.Г.' },
      // parts 1 and 2: one fpu code and title, two item codes
      { item_code: 'DRF000000000409771', fpu_code: '1.1.1.1.11.2', title: 'Русский язык (в 2 частях)', grades: [2, 2], price_kopecks: 22000 },
      { item_code: 'DRF000000000410770', fpu_code: '1.1.1.1.11.2', title: 'Русский язык (в 2 частях)', grades: [2, 2], price_kopecks: 22000 },
      // «4 (4-5)»: grade 4, in the federal list for 4–5
      {
        item_code: 'DRF000000000415310',
        fpu_code: '1.1.4.1.1.1',
        title: 'Основы духовно-нравственной культуры народов России. Основы религиозных культур и светской этики. Основы мировых религиозных культур.',
        grades: [4, 5],
        price_kopecks: 32000,
      },
      { item_code: 'DRF000000000411570', fpu_code: '1.3.6.1.4.1', title: 'Физическая культура (базовый уровень).', grades: [10, 11], price_kopecks: 28900 },
    ],
  },
];

describe('the real price lists of ../shared/real-data', () => {
  const present = realDataPresent();
  let ws: string;
  beforeAll(async () => {
    if (present) ws = await newWorkspace();
  });

  for (const c of REAL) {
    it.runIf(present)(`${c.file}: ${c.items} items, findings: ${c.findings.length ? c.findings.join(', ') : 'none'}`, async () => {
      const { code, report } = await load(ws, path.join(REAL_DATA, c.file), c.publisher);
      expect(report.findings.map(brief)).toEqual(c.findings);
      expect(report.summary.errors).toBe(0);
      expect(code).toBe(0);
      expect(report.loaded).toMatchObject({ publisher: c.publisher, version: 1, items: c.items, unchanged: false });
      const shown = await show(ws, c.publisher);
      expect(shown.items).toHaveLength(c.items);
      for (const s of c.samples) {
        const candidates = shown.items.filter((it) => (s.item_code ? it.item_code === s.item_code : it.fpu_code === s.fpu_code) && it.title === s.title);
        expect(candidates, JSON.stringify(s)).toHaveLength(1);
        const it = candidates[0]!;
        expect(essence(it)).toEqual({ fpu_code: s.fpu_code, item_code: s.item_code, title: s.title, grades: s.grades, price_kopecks: s.price_kopecks });
        if (s.vat_rate !== undefined) expect(it.vat_rate).toBe(s.vat_rate);
        if (s.authors !== undefined) expect(it.authors).toBe(s.authors);
      }
      // Every loaded item is complete: a grade range inside 1–11 and a positive price in kopecks.
      for (const it of shown.items) {
        expect(it.grade_from).toBeGreaterThanOrEqual(1);
        expect(it.grade_to).toBeLessThanOrEqual(11);
        expect(it.grade_from).toBeLessThanOrEqual(it.grade_to);
        expect(Number.isInteger(it.price_kopecks) && it.price_kopecks > 0).toBe(true);
      }
      expect(new Set(shown.items.map((it) => it.key)).size).toBe(c.items);
    });
  }

  it.runIf(present)('Мнемозина: a reused code keeps both books, told apart by title', async () => {
    const shown = await show(ws, 'Мнемозина', ['--search', '101.110.0Д']);
    expect(shown.items.map((it) => [it.item_code, it.price_kopecks])).toEqual([
      ['101.110.0Д.ХХ', 99995],
      ['101.110.0Д.ХХ', 79692],
    ]);
  });

  it.runIf(present)('the Просвещение order form (xlsx, float noise in prices, quantity formulas) gives the items of prosv.csv', async () => {
    const { code, report } = await load(ws, path.join(REAL_DATA, 'forms/prosv_svod_56_63890.xlsx'), 'Просвещение (форма)');
    expect(report.findings.map(brief)).toEqual([]);
    expect(code).toBe(0);
    const form = await show(ws, 'Просвещение (форма)');
    const csv = await show(ws, 'Просвещение');
    expect(form.items).toHaveLength(485);
    expect(form.items).toEqual(csv.items);
  });
});

// ------------------------------------------------------------------ findings at their cells

/** A price list CSV: A fpu code, B item code, C ISBN, D authors, E title, F grade, G VAT, H price. */
const HEADER = ['№ ФП', 'Код 1С', 'ISBN', 'Авторы', 'Наименование учебника', 'Класс', 'НДС', 'Цена с НДС, руб.'];
const GOOD: Cell[][] = [
  ['1.1.1.1.11.1', 'T-001', '978-5-358-15433-9', 'Рамзаева Т.Г.', 'Русский язык', '1', '10%', '280,00'],
  ['1.1.1.1.11.2', 'T-002', '978-5-358-15434-6', 'Рамзаева Т.Г.', 'Русский язык. Часть 1', '2', '', '220,00'],
  // part 2 of the same textbook: the fpu code repeated, authors and title left to the row above
  ['1.1.1.1.11.2', 'T-003', '978-5-358-15435-3', '', '', '2', '', '220,00'],
  ['1.2.2.1.7.1', 'T-004', '', 'Пасечник В.В.', 'Биология', '5-6', '10', '412,50'],
  ['99.99.99.99.99.99', 'T-005', '', 'Горецкий В.Г.', 'Пропись', '1 класс', '18%', '82.5'],
];

interface FindingCase {
  code: string;
  bad: Cell[];
  /** the cell of the bad row (row 7: banner, header, five good rows before it) */
  cell: string;
  severity: 'error' | 'warning';
  /** whether the bad row still becomes an item */
  loaded: boolean;
}

const BAD_ROW = 8; // banner (1), header (2), GOOD (3–7)
const CASES: FindingCase[] = [
  { code: 'price-fpu-code-invalid', bad: ['1.1.х.1', 'T-101', '', 'Иванов И.И.', 'Чтение', '3', '', '200,00'], cell: `A${BAD_ROW}`, severity: 'error', loaded: false },
  { code: 'price-isbn-invalid', bad: ['1.1.1.2.1.1', 'T-102', '978-5-358-15433-0', 'Иванов И.И.', 'Чтение', '3', '', '200,00'], cell: `C${BAD_ROW}`, severity: 'error', loaded: true },
  { code: 'price-invalid', bad: ['1.1.1.2.1.1', 'T-103', '', 'Иванов И.И.', 'Чтение', '3', '', 'договорная'], cell: `H${BAD_ROW}`, severity: 'error', loaded: false },
  { code: 'price-invalid', bad: ['1.1.1.2.1.1', 'T-104', '', 'Иванов И.И.', 'Чтение', '3', '', '0'], cell: `H${BAD_ROW}`, severity: 'error', loaded: false },
  { code: 'price-invalid', bad: ['1.1.1.2.1.1', 'T-105', '', 'Иванов И.И.', 'Чтение', '3', '', '-150,00'], cell: `H${BAD_ROW}`, severity: 'error', loaded: false },
  { code: 'price-invalid', bad: ['1.1.1.2.1.1', 'T-106', '', 'Иванов И.И.', 'Чтение', '3', '', ''], cell: `H${BAD_ROW}`, severity: 'error', loaded: false },
  { code: 'price-duplicate-item', bad: ['1.1.1.1.11.1', 'T-001', '', 'Рамзаева Т.Г.', 'Русский язык', '1', '', '280,00'], cell: `B${BAD_ROW}`, severity: 'error', loaded: false },
  { code: 'price-grade-invalid', bad: ['1.1.1.2.1.1', 'T-107', '', 'Иванов И.И.', 'Чтение', '12', '', '200,00'], cell: `F${BAD_ROW}`, severity: 'error', loaded: false },
  { code: 'price-vat-invalid', bad: ['1.1.1.2.1.1', 'T-108', '', 'Иванов И.И.', 'Чтение', '3', 'сто', '200,00'], cell: `G${BAD_ROW}`, severity: 'error', loaded: false },
  { code: 'price-item-unidentified', bad: ['', '', '', 'Иванов И.И.', 'Чтение', '3', '', '200,00'], cell: `A${BAD_ROW}`, severity: 'error', loaded: false },
  // An ISBN pasted into the price column (issue 22): 9 785 358 154 339,00 ₽ would block the regional stages.
  { code: 'price-implausible', bad: ['1.1.1.2.1.1', 'T-109', '', 'Иванов И.И.', 'Чтение', '3', '', '9785358154339'], cell: `H${BAD_ROW}`, severity: 'error', loaded: false },
  { code: 'price-implausible', bad: ['1.1.1.2.1.1', 'T-110', '', 'Иванов И.И.', 'Чтение', '3', '', '150000,00'], cell: `H${BAD_ROW}`, severity: 'error', loaded: false },
];

const priceCsv = (dir: string, name: string, rows: Cell[][]) => writeCsv(dir, name, [['Прайс-лист на 2018 год'], HEADER, ...rows]);

describe('price findings at their cells', () => {
  let ws: string;
  let dir: string;
  beforeAll(async () => {
    ws = await newWorkspace();
    dir = tempDir();
  });

  it('a good list produces no finding, exit 0, and keeps what each row says', async () => {
    const file = priceCsv(dir, 'good.csv', GOOD);
    const { code, report } = await load(ws, file, 'Хороший');
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
    expect(report.loaded).toMatchObject({ items: 5, version: 1, unchanged: false });
    const items = (await show(ws, 'Хороший')).items;
    expect(items.map((it) => [it.item_code, it.fpu_code, it.title, it.grade_from, it.grade_to, it.price_kopecks, it.vat_rate, it.isbn])).toEqual([
      ['T-001', '1.1.1.1.11.1', 'Русский язык', 1, 1, 28000, 10, '9785358154339'],
      ['T-002', '1.1.1.1.11.2', 'Русский язык. Часть 1', 2, 2, 22000, 10, '9785358154346'],
      ['T-003', '1.1.1.1.11.2', 'Русский язык. Часть 1', 2, 2, 22000, 10, '9785358154353'],
      ['T-004', '1.2.2.1.7.1', 'Биология', 5, 6, 41250, 10, undefined],
      ['T-005', '99.99.99.99.99.99', 'Пропись', 1, 1, 8250, 18, undefined],
    ]);
    expect(items[2]!.authors).toBe('Рамзаева Т.Г.');
  });

  it.each(CASES.map((c) => [`${c.code} at ${c.cell} («${c.bad.join(';')}»)`, c] as const))('%s', async (_name, c) => {
    const file = priceCsv(dir, `${c.code}-${c.bad[1] || 'x'}.csv`, [...GOOD, c.bad]);
    const publisher = `Случай ${c.code} ${c.bad[1]}`;
    const { code, report } = await load(ws, file, publisher);
    expect(report.findings.map(brief)).toEqual([`${c.code}@${c.cell}`]);
    const f = report.findings[0]!;
    expect(f).toMatchObject({ severity: c.severity, row: BAD_ROW, file });
    expect(f.sheet).toBeUndefined();
    expect(f.message.length).toBeGreaterThan(10);
    expect(code).toBe(c.severity === 'error' ? 1 : 0);
    // The good rows are loaded either way; the bad one only when nothing it carries is relied on.
    expect(report.loaded?.items).toBe(GOOD.length + (c.loaded ? 1 : 0));
  });

  it('a list whose every row is refused shows the findings and exits 1, storing nothing', async () => {
    const file = priceCsv(dir, 'all-bad.csv', [
      ['1.1.1.2.1.1', 'T-201', '', 'Иванов И.И.', 'Чтение', '3', '', 'нет'],
      ['1.1.1.2.1.2', 'T-202', '', 'Иванов И.И.', 'Чтение', '4', '', '0'],
    ]);
    const before = treeSnapshot(ws);
    const { code, report, stderr } = await load(ws, file, 'Всё плохо');
    expect(code).toBe(1);
    expect(report.findings.map(brief)).toEqual(['price-invalid@H3', 'price-invalid@H4']);
    expect(report.loaded).toBeUndefined();
    expect(stderr).toContain('не найдено ни одной позиции');
    expect(treeSnapshot(ws)).toEqual(before);
  });

  it('in an xlsx the findings name the sheet; numbers with float noise are whole kopecks', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Прайс 2018');
    sheet.addRow(['АО «Издательство»']);
    sheet.addRow([]);
    sheet.addRow(HEADER);
    sheet.addRow(['1.1.1.1.4.1', 'X-1', null, 'Горецкий В.Г.', 'Азбука', 1, 0.1, 243.98000000000002]);
    sheet.addRow(['1.1.1.1.4.2', 'X-2', null, 'Канакина В.П.', 'Русский язык', 1, null, 308.33000000000004]);
    sheet.addRow(['1.1.1.1.4.3', 'X-3', null, 'Канакина В.П.', 'Русский язык', 2, null, 'бесплатно']);
    sheet.addRow(['1.1.1.1.4.4', 'X-4', '5-09-0', 'Канакина В.П.', 'Русский язык', 3, null, 268.29]);
    sheet.addRow(['Итого', null, null, null, null, null, null, 820.6]);
    const file = path.join(dir, 'list.xlsx');
    await wb.xlsx.writeFile(file);
    const { code, report } = await load(ws, file, 'Книга xlsx');
    expect(report.findings.map(brief)).toEqual(['price-invalid@Прайс 2018!H6', 'price-isbn-invalid@Прайс 2018!C7']);
    expect(code).toBe(1);
    const items = (await show(ws, 'Книга xlsx')).items;
    expect(items.map((it) => [it.item_code, it.price_kopecks, it.vat_rate, it.isbn])).toEqual([
      ['X-1', 24398, 10, undefined],
      ['X-2', 30833, 10, undefined],
      ['X-4', 26829, 10, undefined],
    ]);
  });

  it('prices as publishers write them become exact kopecks', async () => {
    const prices = ['1 625.58', '1\u00a0625.58', '60,5', '684.53 р.', '243.98000000000002', '684,53 руб.', '1 083'];
    const rows = prices.map((p, i) => [`1.1.1.1.4.${i + 1}`, `M-${i}`, '', 'Автор А.А.', `Книга ${i}`, '5', '', p]);
    const { code, report } = await load(ws, priceCsv(dir, 'money.csv', rows), 'Деньги');
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
    const items = (await show(ws, 'Деньги')).items;
    expect(items.map((it) => it.price_kopecks)).toEqual([162558, 162558, 6050, 68453, 24398, 68453, 108300]);
  });
});

// ------------------------------------------------------------------ headers and --map

describe('headers that cannot be recognised', () => {
  it('headers of unknown words are read by content and said so; two prices nothing tells apart: exit 3 with the command line, then --map by letter and by header text', async () => {
    const ws = await newWorkspace();
    const dir = tempDir();
    const odd = writeCsv(dir, 'odd.csv', [
      ['Шифр', 'Книга', 'Ступень', 'Стоимость'],
      ['1.1.1.1.4.1', 'Азбука', '1', '243,98'],
      ['1.1.1.1.4.2', 'Русский язык', '2', '300'],
    ]);
    const byContent = await load(ws, odd, 'Странный');
    expect(byContent.code, byContent.stderr).toBe(0);
    for (const said of ['Столбец A «Шифр» взят как fpu_code по содержимому', 'Столбец B «Книга» взят как title', 'Столбец C «Ступень» взят как grade'])
      expect(byContent.stderr).toContain(said);

    const file = writeCsv(dir, 'two-prices.csv', [
      ['Шифр', 'Книга', 'Ступень', 'Стоимость', 'Отпуск'],
      ['1.1.1.1.4.1', 'Азбука', '1', '243,98', '200'],
      ['1.1.1.1.4.2', 'Русский язык', '2', '300', '250'],
    ]);
    const before = treeSnapshot(ws);
    const refused = await cli(ws, ['pricelist', 'load', file, '--publisher', 'Двойной']);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    // The refusal, then the command line that reads the file: the larger amounts are the price.
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const seen of ['D «Стоимость», E «Отпуск»', '--map price=D']) expect(lines[0]).toContain(seen);
    expect(lines[2]).toBe(`  uchebnik pricelist load ${file} --publisher Двойной -w ${ws} --map price=D`);
    expect(treeSnapshot(ws)).toEqual(before);

    // By letter and by header text, mixed.
    const loaded = await load(ws, file, 'Двойной', ['--map', 'fpu_code=A', '--map', 'title=Книга', '--map', 'grade=C', '--map', 'price=Стоимость']);
    expect(loaded.code).toBe(0);
    expect(loaded.report.findings).toEqual([]);
    expect(loaded.report.loaded?.items).toBe(2);
    const items = (await show(ws, 'Двойной')).items;
    expect(items.map(essence)).toEqual([
      { fpu_code: '1.1.1.1.4.1', item_code: undefined, title: 'Азбука', grades: [1, 1], price_kopecks: 24398 },
      { fpu_code: '1.1.1.1.4.2', item_code: undefined, title: 'Русский язык', grades: [2, 2], price_kopecks: 30000 },
    ]);
  });

  it('a --map naming a column that is not there is bad input; an unknown field is a usage error', async () => {
    const ws = await newWorkspace();
    const file = writeCsv(tempDir(), 'odd.csv', [['Шифр', 'Книга', 'Стоимость'], ['1.1.1.1.4.1', 'Азбука', '243,98']]);
    const noColumn = await cli(ws, ['pricelist', 'load', file, '--publisher', 'X', '--map', 'price=Цена за всё']);
    expect(noColumn.code).toBe(3);
    const unknownField = await cli(ws, ['pricelist', 'load', file, '--publisher', 'X', '--map', 'colour=A']);
    expect(unknownField.code).toBe(2);
  });
});

// ------------------------------------------------------------------ versions

describe('versions of a price list', () => {
  const V1: Cell[][] = [
    ['1.1.1.1.11.1', 'V-1', '', 'Рамзаева Т.Г.', 'Русский язык', '1', '', '280,00'],
    ['1.1.1.1.11.2', 'V-2', '', 'Рамзаева Т.Г.', 'Русский язык', '2', '', '220,00'],
    ['1.2.2.1.7.1', 'V-3', '', 'Пасечник В.В.', 'Биология', '5-6', '', '412,50'],
  ];
  // V-2 re-priced, V-3 removed
  const V2: Cell[][] = [V1[0]!, ['1.1.1.1.11.2', 'V-2', '', 'Рамзаева Т.Г.', 'Русский язык', '2', '', '231,00']];

  it('load v1, v2 with one item re-priced and one removed: diff shows exactly those; reloading changes nothing', async () => {
    const ws = await newWorkspace();
    const dir = tempDir();
    const v1 = priceCsv(dir, 'v1.csv', V1);
    const v2 = priceCsv(dir, 'v2.csv', V2);

    expect((await load(ws, v1, 'Дрофа')).report.loaded).toMatchObject({ version: 1, items: 3, unchanged: false });

    // The same file again: nothing written, and it says so.
    let before = treeSnapshot(ws);
    const again = await cli(ws, ['pricelist', 'load', v1, '--publisher', 'Дрофа']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('ничего не изменилось');
    expect(treeSnapshot(ws)).toEqual(before);
    const againJson = await load(ws, v1, 'Дрофа');
    expect(againJson.report.loaded).toMatchObject({ version: 1, unchanged: true });
    expect(treeSnapshot(ws)).toEqual(before);
    // A copy of it under another name is the same list too.
    const copy = path.join(dir, 'copy-of-v1.csv');
    fs.copyFileSync(v1, copy);
    expect((await load(ws, copy, 'Дрофа')).report.loaded).toMatchObject({ version: 1, unchanged: true });
    expect(treeSnapshot(ws)).toEqual(before);

    expect((await load(ws, v2, 'Дрофа')).report.loaded).toMatchObject({ version: 2, items: 2, unchanged: false });
    before = treeSnapshot(ws);
    expect((await load(ws, v2, 'Дрофа')).report.loaded).toMatchObject({ version: 2, unchanged: true });
    expect(treeSnapshot(ws)).toEqual(before);

    const diff = await cli(ws, ['pricelist', 'diff', 'Дрофа', '--json']);
    expect(diff.code).toBe(1);
    const d = JSON.parse(diff.stdout);
    expect(d).toMatchObject({ publisher: 'Дрофа', from: 1, to: 2 });
    expect(d.added).toEqual([]);
    expect(d.changed).toEqual([]);
    expect(d.removed.map((it: ShownItem) => it.item_code)).toEqual(['V-3']);
    expect(d.repriced.map((r: { item: ShownItem; old_kopecks: number; new_kopecks: number }) => [r.item.item_code, r.old_kopecks, r.new_kopecks])).toEqual([['V-2', 22000, 23100]]);

    const human = await cli(ws, ['pricelist', 'diff', 'Дрофа']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('V-3');
    expect(human.stdout).toContain('220,00 → 231,00');

    // Versions are all kept: show --version 1 still has the removed item.
    expect((await show(ws, 'Дрофа', ['--at', '1'])).items.map((it) => it.item_code)).toEqual(['V-1', 'V-2', 'V-3']);
    expect((await show(ws, 'Дрофа')).version).toBe(2);

    // v1 once more is a third version, identical to the first: diff 1 → 3 finds nothing and exits 0.
    expect((await load(ws, v1, 'Дрофа')).report.loaded).toMatchObject({ version: 3, unchanged: false });
    const same = await cli(ws, ['pricelist', 'diff', 'Дрофа', '--from', '1', '--to', '3', '--json']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ added: [], removed: [], repriced: [], changed: [] });
    expect((await cli(ws, ['pricelist', 'diff', 'Дрофа', '--from', '7'])).code).toBe(2);

    const journal = fs
      .readFileSync(path.join(ws, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((e) => e.command === 'pricelist load');
    expect(journal.map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it('reloading the example lists changes nothing (fields of stored items come back in another order)', async () => {
    const ws = await newWorkspace();
    for (const [file, publisher] of PRICELIST_FILES) expect((await load(ws, file, publisher)).code).toBe(0);
    const before = treeSnapshot(ws);
    for (const [file, publisher] of PRICELIST_FILES) expect((await load(ws, file, publisher)).report.loaded?.unchanged).toBe(true);
    expect(treeSnapshot(ws)).toEqual(before);
  });
});

// ------------------------------------------------------------------ list and show

describe('pricelist list and show', () => {
  let ws: string;
  beforeAll(async () => {
    ws = await newWorkspace();
    for (const [file, publisher] of PRICELIST_FILES) await load(ws, file, publisher);
  });

  it('list --json names every publisher with its current version and items', async () => {
    const r = await cli(ws, ['pricelist', 'list', '--json']);
    expect(r.code).toBe(0);
    const { pricelists } = JSON.parse(r.stdout);
    expect(pricelists.map((p: { publisher: string; version: number; versions: number; items: number; file: string }) => [p.publisher, p.version, p.versions, p.items, p.file])).toEqual([
      ['Дрофа', 1, 1, 14, 'drofa.csv'],
      ['Просвещение', 1, 1, 27, 'prosveshchenie.xlsx'],
      ['Русское слово', 1, 1, 13, 'russkoe-slovo.xlsx'],
    ]);
    const human = await cli(ws, ['pricelist', 'list']);
    expect(human.stdout).toContain('prosveshchenie.xlsx');
  });

  it('show --grade keeps the items for that grade, ranges included; --search looks in authors, title and codes', async () => {
    const fifth = (await show(ws, 'Просвещение', ['--grade', '8'])).items;
    expect(fifth.map((it) => `${it.item_code} ${it.grade_from}-${it.grade_to}`)).toEqual([
      '06-0039-13 8-8',
      '07-0012-14 8-8',
      // «Геометрия» 7–9 is for grade 8 too
      '07-0020-14 7-9',
    ]);
    const byAuthor = (await show(ws, 'Просвещение', ['--search', 'атанасян'])).items;
    expect(byAuthor.map((it) => it.item_code)).toEqual(['07-0020-14', '07-0032-15']);
    const byCode = (await show(ws, 'Дрофа', ['--search', 'DRF000000000414010'])).items;
    expect(byCode.map((it) => [it.title, it.grade_from, it.price_kopecks])).toEqual([['Физика', 7, 38900]]);
    const both = (await show(ws, 'Просвещение', ['--grade', '10', '--search', 'геометрия'])).items;
    expect(both.map((it) => it.item_code)).toEqual(['07-0032-15']);
    const human = await cli(ws, ['pricelist', 'show', 'Просвещение', '--grade', '8']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Геометрия');
    expect(human.stdout).toContain('7–9');
  });

  it('bad flags and unknown publishers are usage errors (2)', async () => {
    expect((await cli(ws, ['pricelist', 'show', 'Просвещение', '--grade', '12'])).code).toBe(2);
    expect((await cli(ws, ['pricelist', 'show', 'Просвещение', '--at', '9'])).code).toBe(2);
    const unknown = await cli(ws, ['pricelist', 'show', 'Нет такого']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Просвещение');
    expect((await cli(ws, ['pricelist', 'load', PRICELIST_FILES[0]![0], '--publisher', 'X', '--vat', 'много'])).code).toBe(2);
    expect((await cli(ws, ['pricelist', 'load', PRICELIST_FILES[0]![0]])).code).toBe(2);
    expect((await cli(ws, ['pricelist', 'load', PRICELIST_FILES[0]![0], '--publisher', 'X', '--frob'])).code).toBe(2);
  });
});

describe('exit codes of pricelist load', () => {
  it('ok 0, data errors 1, bad input 3, outside a workspace 4', async () => {
    const ws = await newWorkspace();
    const dir = tempDir();
    expect((await cli(ws, ['pricelist', 'load', PRICELIST_FILES[1]![0], '--publisher', 'Дрофа'])).code).toBe(0);
    const bad = priceCsv(dir, 'bad.csv', [...GOOD, CASES[0]!.bad]);
    expect((await cli(ws, ['pricelist', 'load', bad, '--publisher', 'Плохой'])).code).toBe(1);
    const missing = await cli(ws, ['pricelist', 'load', path.join(dir, 'nope.csv'), '--publisher', 'X']);
    expect(missing.code).toBe(3);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const random = path.join(dir, 'random.xlsx');
    fs.writeFileSync(random, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 73 + 11) % 256)));
    expect((await cli(ws, ['pricelist', 'load', random, '--publisher', 'X'])).code).toBe(3);
    const outside = await run(['pricelist', 'load', PRICELIST_FILES[1]![0], '--publisher', 'Дрофа'], { cwd: tempDir(), env: {} });
    expect(outside.code).toBe(4);
    expect((await run(['pricelist', 'list'], { cwd: tempDir(), env: {} })).code).toBe(4);
  });
});

// ------------------------------------------------------------------ golden outputs

describe('golden outputs of pricelist load', () => {
  it('the example Просвещение list and a list with every finding, as a table and as JSON', async () => {
    const ws = await newWorkspace();
    const dir = tempDir();
    const file = PRICELIST_FILES[0]![0];
    const human = await cli(ws, ['pricelist', 'load', file, '--publisher', 'Просвещение']);
    expect(human.code).toBe(0);
    expectGolden('pricelist-load.txt', human);
    const json = await cli(ws, ['pricelist', 'load', file, '--publisher', 'Просвещение', '--json']);
    expectGolden('pricelist-load.json.txt', json);

    const findings = priceCsv(dir, 'findings.csv', [...GOOD, ...CASES.filter((c, i) => CASES.findIndex((d) => d.code === c.code) === i).map((c) => c.bad)]);
    const table = await cli(ws, ['pricelist', 'load', findings, '--publisher', 'Ошибки']);
    expect(table.code).toBe(1);
    expectGolden('pricelist-load-findings.txt', table);
    const tableJson = await cli(ws, ['pricelist', 'load', findings, '--publisher', 'Ошибки 2', '--json']);
    expectGolden('pricelist-load-findings.json.txt', tableJson);
    const en = await cli(ws, ['pricelist', 'load', findings, '--publisher', 'Ошибки 3', '--lang', 'en']);
    expectGolden('pricelist-load-findings.en.txt', en);
  });
});
