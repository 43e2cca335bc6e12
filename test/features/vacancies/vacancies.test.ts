import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO, newWorkspace, run, tempDir, treeSnapshot } from '../../support/cli.js';
import { expectGolden } from '../../support/golden.js';

const REGISTRY = path.join(FIXTURES, 'region', 'registry.csv');
const V = 'fixtures/region/vacancies';
const FORMS = ['0301', '0302', '0303', '0304', '0305'].map((c) => `${V}/school-${c}.xlsx`);

/** A workspace with the example region's registry (municipalities 01, 02, 03). */
async function region(): Promise<string> {
  const ws = await newWorkspace();
  const r = await run(['registry', 'import', REGISTRY, '-w', ws]);
  if (r.code !== 0) throw new Error(r.stderr);
  return ws;
}

/** The CLI from the repository root, so fixture paths in the output are the same on every machine. */
const cli = (args: string[], ws: string) => run([...args, '-w', ws], { cwd: REPO });

interface JsonFinding {
  code: string;
  severity: string;
  sheet?: string;
  cell?: string;
  row?: number;
  school?: string;
}
const brief = (f: JsonFinding) => `${f.code}@${f.sheet ? f.sheet + '!' : ''}${f.cell ?? `row ${f.row}`}`;

async function findings(files: string[], ws: string, extra: string[] = []): Promise<{ code: number; findings: JsonFinding[] }> {
  const r = await run(['vacancies', 'validate', ...files, '--json', '-w', ws, ...extra]);
  expect(r.stderr).not.toMatch(/внутренняя ошибка|internal error/);
  return { code: r.code, findings: r.code === 2 || r.code === 4 ? [] : JSON.parse(r.stdout).findings };
}

type Cell = string | number | null;
const HEADER = ['Код ОО', 'Наименование ОО', 'Муниципалитет', 'Количество 1-х классов', 'Плановое количество мест', 'из них для закреплённой территории', 'Подано заявлений', 'Количество вакантных мест'];

/** A municipality sheet as an xlsx: a title, the header on row 3 and these rows under it. */
async function sheetFile(dir: string, name: string, rows: Cell[][], header: string[] = HEADER): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  ws.getCell('A1').value = 'Вакантные места в 1-х классах';
  ws.getRow(3).values = header;
  rows.forEach((r, i) => (ws.getRow(4 + i).values = r.map((v) => (v === null ? undefined : v)) as ExcelJS.CellValue[]));
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A single school's form: one labelled cell per line in column A. */
async function formFile(dir: string, name: string, lines: string[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Форма');
  lines.forEach((text, i) => (ws.getCell(i + 1, 1).value = text));
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('vacancies validate: every finding at its cell', () => {
  // Row 4 is the first school under the header; columns A code … H vacancies as in HEADER.
  const cases: { code: string; rows: Cell[][]; cell: string; severity?: string; settings?: Record<string, unknown> }[] = [
    { code: 'vacancy-school-unknown', rows: [['9999', 'Школа-призрак', '01', 1, 25, null, null, 5]], cell: 'A4' },
    { code: 'vacancy-duplicate-school', rows: [['0101', null, '01', 1, 25, null, null, 5], ['0101', null, '01', 1, 25, null, null, 5]], cell: 'A5' },
    { code: 'vacancy-value-invalid', rows: [['0101', null, '01', '2,5', 50, null, null, 5]], cell: 'D4' },
    { code: 'vacancy-value-invalid', rows: [['0101', null, '01', 2, 50, null, null, -1]], cell: 'H4' },
    { code: 'vacancy-value-missing', rows: [['0101', null, '01', 2, 50, null, null, null]], cell: 'H4' },
    { code: 'vacancy-exceeds-places', rows: [['0101', null, '01', 1, 25, null, null, 26]], cell: 'H4' },
    { code: 'vacancy-places-exceed-classes', rows: [['0101', null, '01', 1, 26, null, null, 5]], cell: 'E4' },
    { code: 'vacancy-classes-missing', rows: [['0101', null, '01', 0, 25, null, null, 5]], cell: 'D4' },
    { code: 'vacancy-classes-missing', rows: [['0101', null, '01', 2, 0, null, null, 0]], cell: 'E4' },
    { code: 'vacancy-municipality-mismatch', rows: [['0201', null, '01', 1, 25, null, null, 5]], cell: 'C4' },
    { code: 'vacancy-territory-exceeds-places', rows: [['0101', null, '01', 1, 25, 30, null, 5]], cell: 'F4' },
    { code: 'vacancy-applications-exceed-places', rows: [['0101', null, '01', 1, 25, 25, 31, 0]], cell: 'G4', severity: 'warning' },
  ];

  it.each(cases)('$code at $cell', async ({ code, rows, cell, severity }) => {
    const ws = await region();
    const file = await sheetFile(tempDir(), `${code}.xlsx`, rows);
    const r = await findings([file], ws);
    expect(r.findings.map(brief)).toEqual([`${code}@Лист1!${cell}`]);
    expect(r.findings[0]!.severity).toBe(severity ?? 'error');
    expect(r.code).toBe(severity === 'warning' ? 0 : 1);
  });

  it('finds nothing in a clean municipality sheet, whatever order its columns are in', async () => {
    const ws = await region();
    const header = [HEADER[7]!, HEADER[4]!, HEADER[0]!, HEADER[3]!, HEADER[1]!];
    const rows: Cell[][] = [
      [12, 50, '0101', 2, 'МКОУ лицей № 1 г. Заречный'],
      [0, 0, '0102', 0, 'МБОУ СОШ № 2 г. Заречный'],
      // the code typed as a number: Excel dropped its leading zero
      [5, 75, 103, 3, 'МАОУ гимназия № 3 г. Заречный'],
    ];
    const r = await findings([await sheetFile(tempDir(), 'clean.xlsx', rows, header)], ws);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('takes a signature or a contact line under the table for what it is, not for a school', async () => {
    const ws = await region();
    const file = await sheetFile(tempDir(), 'signed.xlsx', [
      ['0101', null, '01', 2, 50, null, null, 12],
      [],
      ['Начальник управления образования ____________ / Петрова А. В.'],
      ['Исполнитель: Сидорова Н. П., тел. 8 (34141) 2-15-16'],
    ]);
    const r = await run(['vacancies', 'validate', file, '--json', '-w', ws]);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary.rows).toBe(1);
  });

  it('names a school by its name alone, and says when the name fits several schools', async () => {
    const ws = await newWorkspace();
    const dir = tempDir();
    const registry = path.join(dir, 'registry.csv');
    fs.writeFileSync(registry, 'Код ОО;Краткое наименование;Код МО\n0101;МБОУ СОШ № 1;01\n0201;МБОУ СОШ № 1;02\n0202;МБОУ СОШ № 2;02\n');
    expect((await run(['registry', 'import', registry, '-w', ws])).code).toBe(0);
    const file = await sheetFile(dir, 'names.xlsx', [
      [null, 'МБОУ СОШ № 1', null, 1, 25, null, null, 5],
      [null, 'МБОУ СОШ № 2', null, 1, 25, null, null, 5],
    ]);
    expect((await findings([file], ws)).findings.map(brief)).toEqual(['vacancy-school-ambiguous@Лист1!B4']);
    // the sheet's municipality tells the two «СОШ № 1» apart
    expect((await findings([file], ws, ['--municipality', '02'])).findings).toEqual([]);
  });

  it('takes the municipality the sheet is for from a labelled cell above the header', async () => {
    const ws = await region();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Свод');
    sheet.getCell('A1').value = 'Муниципалитет: 02';
    sheet.getRow(3).values = ['Код ОО', 'Количество 1-х классов', 'Плановое количество мест', 'Количество вакантных мест'];
    sheet.getRow(4).values = ['0201', 1, 25, 5];
    sheet.getRow(5).values = ['0101', 1, 25, 5];
    const file = path.join(tempDir(), 'mixed.xlsx');
    await wb.xlsx.writeFile(file);
    expect((await findings([file], ws)).findings.map(brief)).toEqual(['vacancy-municipality-mismatch@Свод!A5']);

    // a title naming no municipality of the registry is set aside with a notice, not held against every school
    sheet.getCell('A1').value = 'Муниципалитет: Неизвестный район';
    await wb.xlsx.writeFile(file);
    const r = await run(['vacancies', 'validate', file, '--json', '-w', ws]);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.stderr).toContain('Неизвестный район');
  });

  it('uses the campaign settings: maximum class size, required territory and applications', async () => {
    const ws = await region();
    const file = await sheetFile(tempDir(), 'settings.xlsx', [['0101', null, '01', 1, 28, null, null, 5]]);
    expect((await findings([file], ws)).findings.map(brief)).toEqual(['vacancy-places-exceed-classes@Лист1!E4']);
    const marker = path.join(ws, 'uchebnik.json');
    const config = JSON.parse(fs.readFileSync(marker, 'utf8'));
    config.settings = { ...config.settings, max_class_size: 30, require_territory: true, require_applications: true };
    fs.writeFileSync(marker, JSON.stringify(config, null, 2));
    expect((await findings([file], ws)).findings.map(brief)).toEqual(['vacancy-value-missing@Лист1!F4', 'vacancy-value-missing@Лист1!G4']);
  });
});

describe('vacancies validate: sheets as schools send them', () => {
  it('reads the example region: a clean xlsx of 01, the Windows-1251 CSV of 02 with two mistakes, the forms of 03', async () => {
    const ws = await region();
    const one = await cli(['vacancies', 'validate', `${V}/mo-01.xlsx`, '--json'], ws);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).findings).toEqual([]);

    const csv = fs.readFileSync(path.join(REPO, V, 'mo-02.csv'));
    // really Windows-1251: «Наименование» is not valid UTF-8 there
    expect(csv.toString('utf8')).toContain('\uFFFD');
    const two = await cli(['vacancies', 'validate', `${V}/mo-02.csv`, '--json'], ws);
    expect(two.code).toBe(1);
    expect(JSON.parse(two.stdout).findings.map(brief)).toEqual(['vacancy-exceeds-places@B7', 'vacancy-places-exceed-classes@D9']);

    const three = await cli(['vacancies', 'validate', ...FORMS, '--json'], ws);
    expect(three.code).toBe(0);
    const report = JSON.parse(three.stdout);
    expect(report.findings.map(brief)).toEqual(['vacancy-applications-exceed-places@Лист1!A9']);
    expect(report.summary).toEqual({ files: 5, rows: 5, errors: 0, warnings: 1 });
  });

  it('reads a single school’s form of labelled cells and puts its findings at the form’s cells', async () => {
    const ws = await region();
    const file = await formFile(tempDir(), 'school.xlsx', [
      'Сведения о количестве мест в 1-х классах',
      'Код ОО: 0102',
      'Количество 1-х классов: 3',
      'Плановое количество мест: 75',
      'Количество вакантных мест: 80',
    ]);
    const r = await findings([file], ws);
    expect(r.findings.map(brief)).toEqual(['vacancy-exceeds-places@Форма!A5']);
    expect(r.findings[0]!.school).toBe('0102');
  });

  it('reads a form written along one row, and a table whose titles run longer than the known names', async () => {
    const ws = await region();
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист1').getRow(2).values = ['Код ОО: 0101', 'Количество 1-х классов: 2', 'Плановое количество мест: 50', 'Количество вакантных мест: 60'];
    const row = path.join(dir, 'row.xlsx');
    await wb.xlsx.writeFile(row);
    expect((await findings([row], ws)).findings.map(brief)).toEqual(['vacancy-exceeds-places@Лист1!D2']);

    // title cells that only begin with a known name pair up like labels and values; still a table
    const long = await sheetFile(
      dir,
      'long.xlsx',
      [
        ['0101', 'МКОУ лицей № 1 г. Заречный', 2, 50, 60],
        ['0102', 'МБОУ СОШ № 2 г. Заречный', 1, 25, 5],
      ],
      ['Код ОО', 'Наименование ОО (кратко)', 'Количество первых классов (комплектов)', 'Плановое количество мест в 1-х классах', 'Количество вакантных мест для зачисления'],
    );
    expect((await findings([long], ws)).findings.map(brief)).toEqual(['vacancy-exceeds-places@Лист1!E4']);
  });

  it('reads an annotated copy sent back like the original, without taking its findings sheet for data', async () => {
    const ws = await region();
    const dir = tempDir();
    // messages that begin like labels («Классов 0, мест 25: …», «Вакантных мест 30 …») must not make a form
    const file = await sheetFile(dir, 'mo-01.xlsx', [
      ['0101', null, '01', 0, 25, null, null, 5],
      ['0102', null, '01', 1, 25, null, null, 30],
    ]);
    const out = path.join(dir, 'checked');
    const first = await findings([file], ws, ['--annotate', out]);
    expect(first.findings.map(brief)).toEqual(['vacancy-classes-missing@Лист1!D4', 'vacancy-exceeds-places@Лист1!H5']);
    const copy = await findings([path.join(out, 'mo-01.checked.xlsx')], ws);
    expect(copy.findings.map(brief)).toEqual(first.findings.map(brief));

    // the findings sheet as the copy carries it in Russian: «Код» over «Серьёзность» reads like a label and its value
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.addWorksheet('Замечания');
    [
      ['№', 'Лист', 'Ячейка', 'Код', 'Серьёзность', 'Замечание'],
      [1, 'Лист1', 'D4', 'vacancy-classes-missing', 'ошибка', 'Классов 0, мест 25: места без первых классов или первые классы без мест'],
      [2, 'Лист1', 'H5', 'vacancy-exceeds-places', 'ошибка', 'Вакантных мест 30 больше, чем планируемых мест (25)'],
    ].forEach((values, i) => (sheet.getRow(i + 1).values = values));
    const returned = path.join(dir, 'returned.xlsx');
    await wb.xlsx.writeFile(returned);
    expect((await findings([returned], ws)).findings.map(brief)).toEqual(first.findings.map(brief));
  });

  it('a file without a vacancy table or form exits 3 and says what it saw', async () => {
    const ws = await region();
    const file = path.join(tempDir(), 'prices.csv');
    fs.writeFileSync(file, 'Наименование;Цена\nУчебник;100\n');
    const r = await run(['vacancies', 'validate', file, '-w', ws]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('file-unreadable');
    expect(r.stdout).toContain('Цена');
  });

  it('a workspace without a registry is told to import one (exit 2)', async () => {
    const ws = await newWorkspace();
    const r = await cli(['vacancies', 'validate', `${V}/mo-01.xlsx`], ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('registry import');
  });

  it('changes nothing in the workspace', async () => {
    const ws = await region();
    const before = treeSnapshot(ws);
    await cli(['vacancies', 'validate', `${V}/mo-02.csv`, ...FORMS], ws);
    expect(treeSnapshot(ws)).toEqual(before);
  });

  it('writes annotated copies: the CSV becomes an xlsx with its mistakes marked at the same cells', async () => {
    const ws = await region();
    const out = tempDir();
    const r = await cli(['vacancies', 'validate', `${V}/mo-02.csv`, `${V}/mo-01.xlsx`, '--annotate', out], ws);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(out).sort()).toEqual(['mo-01.checked.xlsx', 'mo-02.checked.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'mo-02.checked.xlsx'));
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('C7').value).toBe('0203');
    expect(sheet.getCell('B7').value).toBe('60');
    expect(sheet.getCell('B7').fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(JSON.stringify(sheet.getCell('D9').note)).toContain('30');
    expect(sheet.getCell('B6').fill).toBeUndefined();
  });

  it('golden: the human table and the JSON report', async () => {
    const ws = await region();
    const files = [`${V}/mo-01.xlsx`, `${V}/mo-02.csv`, `${V}/school-0305.xlsx`];
    const human = await cli(['vacancies', 'validate', ...files], ws);
    expect(human.code).toBe(1);
    expectGolden('vacancies-validate.txt', human);
    const json = await cli(['vacancies', 'validate', ...files, '--json'], ws);
    expectGolden('vacancies-validate.json.txt', json);
    const en = await cli(['vacancies', 'validate', ...files, '--lang', 'en'], ws);
    expectGolden('vacancies-validate.en.txt', en);
  });
});

describe('vacancies template', () => {
  it('writes one row per school of the municipality, whole-number validation, and reads back', async () => {
    const ws = await region();
    const out = path.join(tempDir(), 'nested', 'template-02.xlsx');
    const r = await run(['vacancies', 'template', '--municipality', '02', '--out', out, '-w', ws]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('школ: 6');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets.find((s) => s.state === 'visible')!;
    expect(sheet.getRow(5).values).toEqual([undefined, ...HEADER]);
    const codes = [6, 7, 8, 9, 10, 11].map((r) => sheet.getCell(`A${r}`).value);
    expect(codes).toEqual(['0201', '0202', '0203', '0204', '0205', '0206']);
    expect(sheet.getCell('A12').value).toBeNull();
    expect(sheet.getCell('B2').value).toBe('02');
    for (const cell of ['D6', 'H11']) expect(sheet.getCell(cell).dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(wb.worksheets.find((s) => s.name === '_uchebnik')?.state).toBe('veryHidden');

    // unfilled: each school is asked for its classes
    const empty = await findings([out], ws);
    expect(empty.findings.map(brief)).toEqual([6, 7, 8, 9, 10, 11].map((r) => `vacancy-value-missing@${sheet.name}!D${r}`));

    // filled in as a school would: accepted as it is
    [6, 7, 8, 9, 10, 11].forEach((row, i) => {
      sheet.getCell(`D${row}`).value = 1;
      sheet.getCell(`E${row}`).value = 25;
      sheet.getCell(`H${row}`).value = i;
    });
    await wb.xlsx.writeFile(out);
    const filled = await findings([out], ws);
    expect(filled.findings).toEqual([]);
    const submitted = await run(['vacancies', 'submit', out, '-w', ws]);
    expect(submitted.code).toBe(0);
    expect(submitted.stderr).toContain('Принято школ: 6');
  });

  it('without --municipality lists the whole region; an unknown municipality is a usage error', async () => {
    const ws = await region();
    const out = path.join(tempDir(), 'region.xlsx');
    const r = await run(['vacancies', 'template', '--out', out, '-w', ws]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('школ: 19');
    expect((await run(['vacancies', 'template', '--municipality', '99', '--out', out, '-w', ws])).code).toBe(2);
    expect((await run(['vacancies', 'template', '-w', ws])).code).toBe(2);
  });
});

describe('vacancies submit, approve, report', () => {
  it('stores only the lines without errors, is idempotent, and a resubmission replaces the line', async () => {
    const ws = await region();
    const r = await cli(['vacancies', 'submit', `${V}/mo-02.csv`], ws);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Принято школ: 4 (0201, 0202, 0204, 0206)');
    expect(r.stderr).toContain('0203 (1), 0205 (1)');
    expect(fs.readdirSync(path.join(ws, 'state', 'vacancies')).sort()).toEqual(['0201.json', '0202.json', '0204.json', '0206.json']);
    const line = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'vacancies', '0204.json'), 'utf8'));
    expect(line).toMatchObject({ school: '0204', municipality: '02', classes: 1, places: 25, applications: 20, vacancies: 5, errors: 0, source: { file: 'mo-02.csv' } });
    expect(line.submitted_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+04:00$/);
    expect(fs.existsSync(path.join(ws, line.source.stored))).toBe(true);

    const before = treeSnapshot(ws);
    const again = await cli(['vacancies', 'submit', `${V}/mo-02.csv`], ws);
    expect(again.stderr).toContain('Без изменений');
    expect(treeSnapshot(ws)).toEqual(before);
    const json = JSON.parse((await cli(['vacancies', 'submit', `${V}/mo-02.csv`, '--json'], ws)).stdout);
    expect(json.summary.errors).toBe(2);
    expect(json.submitted.map((o: { school: string; status: string }) => `${o.school}:${o.status}`)).toEqual([
      '0201:unchanged',
      '0202:unchanged',
      '0203:refused',
      '0204:unchanged',
      '0205:refused',
      '0206:unchanged',
    ]);

    // 0203 corrects its vacancies in a sheet of its own
    const dir = tempDir();
    const fix = await sheetFile(dir, 'fix-0203.xlsx', [['0203', null, '02', 2, 50, null, null, 10]]);
    const fixed = await run(['vacancies', 'submit', fix, '-w', ws]);
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(ws, 'state', 'vacancies', '0203.json'), 'utf8'))).toMatchObject({ vacancies: 10, source: { file: 'fix-0203.xlsx' } });
    const change = await run(['vacancies', 'submit', await sheetFile(dir, 'fix2-0203.xlsx', [['0203', null, '02', 2, 50, null, null, 12]]), '-w', ws]);
    expect(change.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(ws, 'state', 'vacancies', '0203.json'), 'utf8')).vacancies).toBe(12);
  });

  it('refuses approval while schools are missing or lines carry errors; --force needs a reason and is journaled', async () => {
    const ws = await region();
    const refused = await cli(['vacancies', 'approve', '--municipality', '02'], ws);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('0201, 0202, 0203, 0204, 0205, 0206');
    expect(fs.existsSync(path.join(ws, 'state', 'vacancy-approvals.json'))).toBe(false);

    // every school submitted, two of them forced over their errors
    const forced = await cli(['vacancies', 'submit', `${V}/mo-02.csv`, '--force', '--reason', 'уточнят позже'], ws);
    expect(forced.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(ws, 'state', 'vacancies', '0203.json'), 'utf8'))).toMatchObject({ errors: 1, forced: true, reason: 'уточнят позже' });
    const stillRefused = await cli(['vacancies', 'approve', '--municipality', '02'], ws);
    expect(stillRefused.code).toBe(1);
    expect(stillRefused.stderr).toContain('ошибки (2)');

    expect((await cli(['vacancies', 'approve', '--municipality', '02', '--force'], ws)).code).toBe(2);
    const approved = await cli(['vacancies', 'approve', '--municipality', '02', '--force', '--reason', 'по решению начальника УО'], ws);
    expect(approved.code).toBe(0);
    const approvals = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'vacancy-approvals.json'), 'utf8')).approvals;
    expect(approvals['02']).toMatchObject({ forced: true, reason: 'по решению начальника УО' });
    expect(approvals['02'].approved_at).toMatch(/\+04:00$/);
    expect(typeof approvals['02'].user).toBe('string');
    const journal = fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(journal.at(-1)).toMatchObject({ command: 'vacancies approve', municipality: '02', forced: true, reason: 'по решению начальника УО' });
  });

  it('approves a complete municipality once, and a later change of its figures withdraws the approval', async () => {
    const ws = await region();
    expect((await cli(['vacancies', 'submit', ...FORMS], ws)).code).toBe(0);
    expect((await cli(['vacancies', 'approve', '--municipality', '03'], ws)).code).toBe(0);
    const before = treeSnapshot(ws);
    const again = await cli(['vacancies', 'approve', '--municipality', '03'], ws);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('уже утверждён');
    expect(treeSnapshot(ws)).toEqual(before);

    const file = await formFile(tempDir(), 'school-0302.xlsx', ['Код ОО: 0302', 'Количество 1-х классов: 1', 'Плановое количество мест: 20', 'Количество вакантных мест: 2']);
    const changed = await run(['vacancies', 'submit', file, '-w', ws]);
    expect(changed.code).toBe(0);
    expect(changed.stderr).toContain('Утверждение муниципалитета 03');
    const report = JSON.parse((await cli(['vacancies', 'report', '--json'], ws)).stdout);
    expect(report.municipalities.find((m: { code: string }) => m.code === '03').approved_at).toBeUndefined();
  });

  it('reports per municipality and for the region (golden, table and JSON)', async () => {
    const ws = await region();
    expect((await cli(['vacancies', 'submit', `${V}/mo-01.xlsx`, ...FORMS], ws)).code).toBe(0);
    expect((await cli(['vacancies', 'submit', `${V}/mo-02.csv`], ws)).code).toBe(1);
    expect((await cli(['vacancies', 'approve', '--municipality', '01'], ws)).code).toBe(0);

    const json = await cli(['vacancies', 'report', '--json'], ws);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.municipalities.map((m: Record<string, unknown>) => [m.code, m.schools, m.classes, m.places, m.vacancies, m.missing])).toEqual([
      ['01', 8, 24, 597, 147, 0],
      ['02', 6, 4, 100, 25, 2],
      ['03', 5, 5, 110, 33, 0],
    ]);
    expect(report.municipalities[0].approved_at).toMatch(/\+04:00$/);
    expect(report.municipalities[1].approved_at).toBeUndefined();
    expect(report.total).toMatchObject({ schools: 19, classes: 33, places: 807, vacancies: 205, missing: 2, approved: 1 });
    expectGolden('vacancies-report.json.txt', json);
    expectGolden('vacancies-report.txt', await cli(['vacancies', 'report'], ws));
  });
});

describe('Windows-1251 CSV with headers in any order', () => {
  it('is read whatever the order and encoding, with the findings on its lines', async () => {
    const ws = await region();
    const file = path.join(tempDir(), 'mo-03.csv');
    const text = ['Вакантных мест;Код школы;Мест всего;Кол-во 1-х классов', '3;0301;25;1', '4;0302;20;0'].join('\r\n');
    fs.writeFileSync(file, iconv.encode(text, 'win1251'));
    const r = await findings([file], ws);
    expect(r.findings.map(brief)).toEqual(['vacancy-classes-missing@D3']);
  });
});
