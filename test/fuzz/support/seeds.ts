/**
 * The reader entry points of the CLI and the files the fuzzer starts from: the example region in
 * fixtures/, the real files in ../shared/real-data (when present — said loudly when not), and a few
 * made here (an xlsx of every CSV seed, a CSV of every xlsx seed, a plan table, a publisher's form).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { FIXTURES, REAL_DATA, tempDir } from '../../support/cli.js';
import { openWorkbook } from '../../../src/io/sheets/open.js';
import { cellText } from '../../../src/io/sheets/table.js';
import { tableXlsx } from './mutate.js';
import { unzip, type Part } from './zip.js';

const REGION = path.join(FIXTURES, 'region');

/** The entry points fuzzed, in the order the suites run them. */
export const ENTRY_IDS = [
  'registry import',
  'pricelist load',
  'form load',
  'order validate',
  'order submit',
  'vacancies validate',
  'vacancies submit',
  'recommendations load',
  'plan import',
] as const;

export interface EntryPoint {
  /** the command as a person types it: `order validate` */
  id: string;
  /** the command line for one input file (without --json and -w) */
  args(file: string): string[];
  /** takes several files and reports one it cannot read as a `file-unreadable` finding on stdout */
  multi: boolean;
  /** a validating command: its JSON report's `ok` decides between exit 0 and 1, and it never writes */
  validates: boolean;
  xlsx: string[];
  csv: string[];
}

const real = (...p: string[]) => path.join(REAL_DATA, ...p);
const existing = (files: string[]) => files.filter((f) => fs.existsSync(f));

let warned = false;
/** Whether ../shared/real-data is there; when not, says so once per test file (never a silent pass). */
export function realData(): boolean {
  const present = fs.existsSync(REAL_DATA);
  if (!present && !warned) {
    warned = true;
    console.warn(`fuzz: real-data seeds NOT USED: ${REAL_DATA} is absent (CI provides it beside the repository); fuzzing the fixtures only`);
  }
  return present;
}

const SEEDS_DIR = path.resolve(FIXTURES, '../../shared/seeds');

/** A plan table shaped like the seeds': №, Мероприятия, one column per executor. */
const PLAN_CSV =
  '№;Мероприятия;Школы;Управления образования;РЦИ и ОКО;Министерство\r\n' +
  '1.;Инвентаризация библиотечного фонда;до 16 февраля;;;\r\n' +
  '2.;Загрузка прайс-листов издательств;;;До 27.12.2017;\r\n' +
  '3.;Формирование заказа школами;до 1 марта;до 5 марта;;\r\n' +
  '4.;Анализ регионального заказа;;;;в течение всего периода\r\n' +
  '5.;Рекомендации Министерства;;;;до 20.01.2018\r\n';

/** A publisher's consolidated-order form shaped like Дрофа's (see test/features/forms/form.test.ts). */
async function pairForm(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Форма');
  ws.getCell('A1').value = 'ООО «Просвещение»';
  ws.getCell('F3').value = 'Сводный заказ по муниципальному образованию';
  ws.getCell('H3').value = 'Указать наименование получателя №1, ИНН';
  ws.getCell('J3').value = 'Указать наименование получателя №2, ИНН';
  ws.mergeCells('F3:G3');
  ws.mergeCells('H3:I3');
  ws.mergeCells('J3:K3');
  ws.getRow(4).values = ['№ п/п', '№ по ФП', 'Код заказа 1С ', 'Наименование учебника', 'Цена с доставкой (в т.ч. НДС), руб.', 'Кол-во, шт.', 'Стоимость, в т.ч. НДС,руб.', 'Кол-во, шт.', 'Стоимость', 'Кол-во, шт.', 'Стоимость'];
  ws.getRow(5).values = ['1.1.1.1.4. Русский язык (учебный предмет)'];
  ws.getRow(6).values = [1, '1.1.1.1.4.1', '04-0052-11', 'Азбука. В 2-х частях. Часть 1', 243.98, 10, 2439.8, 10, 2439.8];
  ws.getRow(7).values = [2, '1.1.1.1.4.2', '05-0036-16', 'Русский язык', 308.33, 5, 1541.65, null, null, 5, 1541.65];
  ws.getRow(8).values = [3, '1.2.3.3.1.1', '07-0020-14', 'Геометрия', { formula: 'F8*2', result: 937.86 } as never];
  ws.getRow(9).values = [null, null, null, 'ИТОГО', null, { formula: 'SUM(F6:F8)', result: 15 } as never];
  await wb.xlsx.writeFile(file);
}

/** Every entry point with its seeds; the made seeds are written into a temporary folder. */
export async function entryPoints(): Promise<EntryPoint[]> {
  const made = tempDir('uchebnik-fuzz-seeds-');
  const withReal = realData();
  const plan = path.join(made, 'plan.csv');
  fs.writeFileSync(plan, PLAN_CSV);
  const form = path.join(made, 'form.xlsx');
  await pairForm(form);
  const orders = ['0101', '0103', '0105', '0202', '0304'].map((c) => path.join(REGION, 'orders', `${c}.xlsx`));

  const list: EntryPoint[] = [
    {
      id: 'registry import',
      args: (f) => ['registry', 'import', f],
      multi: false,
      validates: false,
      xlsx: [],
      csv: [path.join(REGION, 'registry.csv')],
    },
    {
      id: 'pricelist load',
      args: (f) => ['pricelist', 'load', f, '--publisher', 'Просвещение'],
      multi: false,
      validates: false,
      xlsx: [path.join(REGION, 'pricelists', 'prosveshchenie.xlsx'), path.join(REGION, 'pricelists', 'russkoe-slovo.xlsx')],
      csv: [path.join(REGION, 'pricelists', 'drofa.csv'), ...(withReal ? existing(['prosv', 'russlovo', 'vlados', 'binom', 'mnemo'].map((n) => real('pricelists', `${n}.csv`))) : [])],
    },
    {
      id: 'form load',
      args: (f) => ['form', 'load', f, '--publisher', 'Просвещение'],
      multi: false,
      validates: false,
      xlsx: [form, ...(withReal ? existing([real('forms', 'prosv_svod_56_63890.xlsx'), real('forms', 'drofa_svod_56_63890.xlsx')]) : [])],
      csv: [],
    },
    {
      id: 'order validate',
      args: (f) => ['order', 'validate', f],
      multi: true,
      validates: true,
      xlsx: [...orders, path.join(REGION, 'orders-v2', '0107.xlsx')],
      csv: [path.join(REGION, 'orders', '0205.csv')],
    },
    {
      id: 'order submit',
      args: (f) => ['order', 'submit', f],
      multi: true,
      validates: false,
      xlsx: orders.slice(0, 3),
      csv: [path.join(REGION, 'orders', '0205.csv')],
    },
    {
      id: 'vacancies validate',
      args: (f) => ['vacancies', 'validate', f],
      multi: true,
      validates: true,
      xlsx: ['mo-01', 'school-0301', 'school-0305'].map((n) => path.join(REGION, 'vacancies', `${n}.xlsx`)),
      csv: [path.join(REGION, 'vacancies', 'mo-02.csv')],
    },
    {
      id: 'vacancies submit',
      args: (f) => ['vacancies', 'submit', f],
      multi: true,
      validates: false,
      xlsx: ['mo-01', 'school-0302'].map((n) => path.join(REGION, 'vacancies', `${n}.xlsx`)),
      csv: [path.join(REGION, 'vacancies', 'mo-02.csv')],
    },
    {
      id: 'recommendations load',
      args: (f) => ['recommendations', 'load', f],
      multi: false,
      validates: false,
      xlsx: [path.join(REGION, 'recommendations.xlsx')],
      csv: [],
    },
    {
      id: 'plan import',
      args: (f) => ['plan', 'import', f],
      multi: false,
      validates: false,
      xlsx: [],
      csv: [plan, ...existing([path.join(SEEDS_DIR, '000_e16074e7cd54a95d.txt')])],
    },
  ];
  return list;
}

/** A seed file ready to mutate: its bytes, its zip parts (xlsx) and its first sheet as text. */
export interface Seed {
  /** the name the CLI sees for a mutated copy (a school code for orders, so the school is known) */
  name: string;
  bytes: Buffer;
  parts: Part[];
  table: string[][];
}

/** The first sheet of a file as rows of text (blank rows kept as blank rows). */
export async function tableOf(file: string): Promise<string[][]> {
  const wb = await openWorkbook(file);
  try {
    const sheet = await wb.sheet();
    const rows: string[][] = [];
    for await (const r of sheet.rows()) {
      while (rows.length < r.row - 1) rows.push([]);
      rows.push(Array.from(r.cells, (c) => cellText(c)));
    }
    return rows;
  } finally {
    await wb.close();
  }
}

/**
 * The seeds of one entry point, both ways: every xlsx seed also as a CSV table and every CSV seed
 * also as an xlsx, so each entry point gets both families of input whatever its fixtures are.
 */
export async function seedsOf(entry: EntryPoint): Promise<{ xlsx: Seed[]; tables: { name: string; table: string[][] }[] }> {
  const xlsx: Seed[] = [];
  const tables: { name: string; table: string[][] }[] = [];
  for (const f of entry.xlsx) {
    const bytes = fs.readFileSync(f);
    const table = await tableOf(f);
    xlsx.push({ name: path.basename(f), bytes, parts: unzip(bytes), table });
    tables.push({ name: path.basename(f).replace(/\.xlsx$/, '.csv'), table });
  }
  for (const f of entry.csv) {
    const table = await tableOf(f);
    tables.push({ name: path.basename(f).replace(/\.txt$/, '.csv'), table });
    const bytes = tableXlsx('Лист1', table);
    xlsx.push({ name: path.basename(f).replace(/\.(csv|txt)$/, '.xlsx'), bytes, parts: unzip(bytes), table });
  }
  return { xlsx, tables };
}
