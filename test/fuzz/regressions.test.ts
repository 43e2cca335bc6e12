/**
 * The defects the fuzzer found (issue #11), each reproduced by a hand-made input of its own, so they
 * stay fixed whatever the fuzzer's seed happens to generate.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir, treeSnapshot } from '../support/cli.js';
import { ORDER_HEADER, regionWorkspace } from '../support/order-fixtures.js';
import { inlineCell, workbookEntries, writeFile, zipBuffer, type WorkbookSpec } from '../support/xlsx-fixtures.js';
import { oneLine } from '../../src/io/sheets/one-line.js';

let ws: string;
let dir: string;

beforeAll(async () => {
  ws = await regionWorkspace();
  dir = tempDir('uchebnik-fuzz-regressions-');
});

/** A workbook from the fixtures' writer with its workbook part's XML edited by hand. */
function workbook(name: string, spec: WorkbookSpec, editWorkbook: (xml: string) => string = (x) => x): string {
  const entries = workbookEntries(spec);
  const wb = entries.find((e) => e.name === 'xl/workbook.xml')!;
  wb.data = editWorkbook(wb.data as string);
  return writeFile(dir, name, zipBuffer(entries));
}

/** The single-file commands, each with its own required columns. */
const SINGLE: [string, (f: string) => string[]][] = [
  ['registry import', (f) => ['registry', 'import', f]],
  ['pricelist load', (f) => ['pricelist', 'load', f, '--publisher', 'Просвещение']],
  ['recommendations load', (f) => ['recommendations', 'load', f]],
];

async function expectOneLineExit3(args: string[], file: string, mentions: RegExp): Promise<void> {
  const before = treeSnapshot(ws);
  const r = await run([...args, '-w', ws]);
  expect(r.code, r.stderr).toBe(3);
  const lines = r.stderr.split(/\r\n|\r|\n|\u2028|\u2029/).filter((l) => l.trim() !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^uchebnik: /);
  expect(lines[0]).toContain(path.basename(file));
  expect(lines[0]).toMatch(mentions);
  expect(treeSnapshot(ws)).toEqual(before);
}

describe('defect 1: text from the file broke the one-line exit-3 message into several lines', () => {
  // Found by the xlsx fuzzer: `reader.corrupt` quoted the offending XML as it was, line breaks included.
  it('a line break inside a cell tag with a bad reference (pretty-printed XML)', async () => {
    const file = workbook('newline-in-cell-tag.xlsx', { sheets: [{ name: 'Лист1', rows: '<row r="1"><c\r\n r="1A"><v>1</v></c></row>' }] });
    for (const [, args] of SINGLE) await expectOneLineExit3(args(file), file, /bad cell reference «<c\s+r="1A">»/);
  });

  it('a shared-string index that is text with a line break (`<v>x\\ny</v>`)', async () => {
    const file = workbook('newline-in-shared-string-index.xlsx', { sheets: [{ name: 'Лист1', rows: '<row r="1"><c r="A1" t="s"><v>x\ny</v></c></row>' }] });
    for (const [, args] of SINGLE) await expectOneLineExit3(args(file), file, /shared string x y, but there are 0/);
  });

  it('a row number with a line break', async () => {
    const file = workbook('newline-in-row-number.xlsx', { sheets: [{ name: 'Лист1', rows: '<row r="1\n2"><c r="A1"><v>1</v></c></row>' }] });
    for (const [, args] of SINGLE) await expectOneLineExit3(args(file), file, /bad row number «1 2»/);
  });

  // Found by the library fuzzer: `table.header-not-found` names the sheet, and a sheet name may hold
  // `&#10;` (Excel's UI cannot type it, generators can write it).
  it('a sheet named with a line break, in a file without a recognisable header', async () => {
    const file = workbook(
      'newline-in-sheet-name.xlsx',
      { sheets: [{ name: 'Лист1', rows: `<row r="1">${inlineCell('A1', 'Колонка')}</row>` }] },
      (xml) => xml.replace('name="Лист1"', 'name="Лист&#10;первый&#13;"'),
    );
    for (const [, args] of SINGLE) await expectOneLineExit3(args(file), file, /лист «Лист первый ?»/);
  });

  it('a long detail is cut: a 40 KB bad shared-string index does not make a 40 KB message', async () => {
    const file = workbook('huge-shared-string-index.xlsx', { sheets: [{ name: 'Лист1', rows: `<row r="1"><c r="A1" t="s"><v>${'9z'.repeat(20_000)}</v></c></row>` }] });
    const r = await run(['registry', 'import', file, '-w', ws]);
    expect(r.code).toBe(3);
    expect(r.stderr.length).toBeLessThan(1000);
  });

  it('oneLine: control characters and line separators become single spaces; a cut never splits a surrogate pair', () => {
    expect(oneLine('a\r\nb\tc\u0000d\u2028e\u0085f')).toBe('a b c d e f');
    expect(oneLine('x'.repeat(10), 5)).toBe('xxxx…');
    expect(oneLine('abc😀😀😀', 6)).toBe('abc😀…');
    // five units would end between the halves of the first 😀: it is left out whole
    const cut = oneLine('abc😀😀😀', 5);
    expect(cut).toBe('abc…');
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('defect 2: a multi-line cell value quoted in a finding hung the human report', () => {
  // Found by the CSV fuzzer (an order submit of 7 KB took 4 s): cli-table3 measures a multi-line
  // table cell by cutting it one character at a time; a 10 KB cell of 50 lines took 96 s to render.
  const lines = Array.from({ length: 50 }, () => 'x'.repeat(200)).join('\n');

  function orderCsv(name: string): string {
    const header = ORDER_HEADER.join(';');
    const row = ['Просвещение', '1.1.1.1.4.2', '05-0036-16', 'Русский язык', '1', '308,33', '1', `"${lines}"`].join(';');
    const file = path.join(dir, name);
    fs.writeFileSync(file, `Код ОО:;0101\r\n${header}\r\n${row}\r\n`);
    return file;
  }

  it('order validate: a 10 KB quoted CSV cell of 50 lines in the sum column is reported in well under a second', async () => {
    const file = orderCsv('0101-multiline-sum.csv');
    const started = Date.now();
    const r = await run(['order', 'validate', file, '-w', ws]);
    const ms = Date.now() - started;
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('order-sum-mismatch');
    expect(ms).toBeLessThan(5000);
    // the finding's row of the table is one line of text, not fifty
    const row = r.stdout.split('\n').filter((l) => l.includes('order-sum-mismatch'));
    expect(row).toHaveLength(1);
    expect(row[0]).toContain('x'.repeat(200) + ' ' + 'x'.repeat(200));
  });

  it('the same value with Alt+Enter line breaks in an xlsx cell', async () => {
    const cells = ['Просвещение', '1.1.1.1.4.2', '05-0036-16', 'Русский язык', '1', '308,33', '1', lines];
    const rows =
      `<row r="1">${inlineCell('A1', 'Код ОО:')}${inlineCell('B1', '0101')}</row>` +
      `<row r="2">${ORDER_HEADER.map((h, i) => inlineCell(`${String.fromCharCode(65 + i)}2`, h)).join('')}</row>` +
      `<row r="3">${cells.map((v, i) => inlineCell(`${String.fromCharCode(65 + i)}3`, v)).join('')}</row>`;
    const file = workbook('0101-multiline-sum.xlsx', { sheets: [{ name: 'Заявка', rows }] });
    const started = Date.now();
    const r = await run(['order', 'validate', file, '-w', ws]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('order-sum-mismatch');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('defect 3: a plan row numbered «0» was stored as stage 0, and the workspace could not be read again', () => {
  // Found by the CSV fuzzer's second run of the same file: `plan import` exited 0, wrote a stage
  // number 0 into state/plans.json, and every later command exited 4 («plans.json повреждён»).
  it('plan import: «0» and «00» are no stage numbers; the plan is stored readable', async () => {
    const file = path.join(dir, 'plan-stage-zero.csv');
    fs.writeFileSync(file, '№;Мероприятия;Школы\r\n0;Нулевой этап;до 1 марта\r\n00.;Ещё один;до 2 марта\r\n1.;Инвентаризация фонда;до 16 февраля\r\n');
    const r = await run(['plan', 'import', file, '--json', '-w', ws]);
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).not.toMatch(/повреждён/);
    const report = JSON.parse(r.stdout) as { findings: { code: string; row?: number }[] };
    expect(report.findings.filter((f) => f.code === 'plan-row-unnumbered').map((f) => f.row)).toEqual([2, 3]);
    const show = await run(['plan', 'show', '--json', '-w', ws]);
    expect(show.code, show.stderr).toBe(0);
    expect((await run(['doctor', '-w', ws])).code).toBe(0);
    // and the same file again changes nothing
    const before = treeSnapshot(ws);
    expect((await run(['plan', 'import', file, '-w', ws])).code).toBe(r.code);
    expect(treeSnapshot(ws)).toEqual(before);
  });
});

describe('defect 4: an executor column headed «constructor» or «__proto__» stored a role read from Object.prototype', () => {
  // Found by the long CSV run (--runs 2000): the executor's role was looked up as KNOWN_ROLES[name],
  // which for «constructor» is Object's constructor; the plan was stored without a valid role and
  // every later command exited 4 («plans.json повреждён … role: Invalid option»).
  it('plan import: executors named like Object.prototype members get the role «other», and the plan reads back', async () => {
    const file = path.join(dir, 'plan-prototype-executors.csv');
    fs.writeFileSync(
      file,
      '№;Мероприятия;Школы;constructor;__proto__;toString;hasOwnProperty\r\n' +
        '1.;Инвентаризация фонда;до 16 февраля;до 17 февраля;до 18 февраля;до 19 февраля;до 20 февраля\r\n',
    );
    const r = await run(['plan', 'import', file, '--id', 'proto', '--json', '-w', ws]);
    expect([0, 1]).toContain(r.code);
    const show = await run(['plan', 'show', '--plan', 'proto', '--json', '-w', ws]);
    expect(show.code, show.stderr).toBe(0);
    const shown = JSON.parse(show.stdout) as { plans: { stages: { executors: { name: string; role: string }[] }[] }[] };
    const executors = shown.plans[0]!.stages[0]!.executors;
    expect(executors.map((e) => [e.name, e.role])).toEqual([
      ['Школы', 'schools'],
      ['constructor', 'other'],
      ['__proto__', 'other'],
      ['toString', 'other'],
      ['hasOwnProperty', 'other'],
    ]);
    expect((await run(['doctor', '-w', ws])).code).toBe(0);
  });
});

describe('defect 5: a recommendation whose action is «constructor» was accepted and damaged recommendations.json', () => {
  // Found by the CSV fuzzer once it put Object.prototype names into cells: parseAction looked the word
  // up as ACTION_SYNONYMS[word], so «constructor» came back as a function, the row passed as valid
  // (exit 0), was stored without an action, and every later read of the recommendations exited 4.
  it('recommendations load: «constructor», «__proto__», «valueOf» are rec-action-invalid; nothing is stored', async () => {
    const file = path.join(dir, 'recommendations-prototype-actions.csv');
    const header = 'Код МО;Код ОО;Учебник (код, ISBN или № ФП);Класс;Действие;Рекомендуемое количество;Заменить на;Обоснование';
    const rows = ['constructor', '__proto__', 'valueOf'].map((a) => `03;0302;04-0052-11;1;${a};17;;проверка`);
    fs.writeFileSync(file, [header, ...rows].join('\r\n') + '\r\n');
    const before = treeSnapshot(ws);
    const r = await run(['recommendations', 'load', file, '--json', '-w', ws]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { code: string; cell?: string }[] };
    expect(report.findings.filter((f) => f.code === 'rec-action-invalid').map((f) => f.cell)).toEqual(['E2', 'E3', 'E4']);
    expect(treeSnapshot(ws)).toEqual(before);
    // with --force the valid rows (none) are stored, and the workspace still reads
    await run(['recommendations', 'load', file, '--force', '-w', ws]);
    const check = await run(['recommendations', 'check', '--json', '-w', ws]);
    expect(check.stderr).not.toMatch(/повреждён/);
    expect([0, 1]).toContain(check.code);
  });
});

describe('defect 6: `--encoding constructor` was an internal error (exit 70)', () => {
  // Found by the library fuzzer with forced encodings: the alias table was read as NAME_ALIASES[key],
  // so «constructor» passed as a known encoding and iconv-lite threw «Encoding not recognized».
  it('a bad encoding name that is a name of Object.prototype is a usage error with one line', async () => {
    const file = path.join(dir, 'any.csv');
    fs.writeFileSync(file, 'a;b\r\n1;2\r\n');
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const r = await run(['registry', 'import', file, '--encoding', name, '-w', ws]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/внутренняя ошибка/);
    }
  });
});

describe('defect 7: a long value of wide characters quoted in a finding hung the human report', () => {
  // Found by the long CSV run's watchdog (--runs 2000): `pricelist load` of a 240 KB UTF-16 price list
  // misread from an odd byte gave no answer for minutes (the in-process time limit cannot stop a busy
  // loop). A finding quoted a 144 KB cell of CJK-looking text, and cli-table3 cuts every cell whose
  // width differs from its length one character at a time: 8,000 such characters take 1 s, 40,000 ≈ 25 s.
  const wide = '渠攀'.repeat(20_000);

  it('pricelist load: a 40,000-character grade of wide characters is reported in well under a second', async () => {
    const file = path.join(dir, 'pricelist-wide-grade.csv');
    fs.writeFileSync(file, `№ ФП;Код 1С;Авторы;Наименование;Класс;Цена с НДС, руб.\r\n1.1.1.1.1.1;T-1;Иванов И.И.;Букварь;${wide};100,00\r\n1.1.1.1.1.2;T-2;Петров П.П.;Математика;2;200,50\r\n`);
    const started = Date.now();
    const r = await run(['pricelist', 'load', file, '--publisher', 'Широкие', '-w', ws]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('price-grade-invalid');
    // the table shows the start of the value and says it is cut; --json keeps it whole
    expect(r.stdout).toMatch(/渠攀渠攀.*…/);
    const json = await run(['pricelist', 'load', file, '--publisher', 'Широкие', '--json', '-w', ws]);
    const report = JSON.parse(json.stdout) as { findings: { code: string; message: string }[] };
    expect(report.findings.find((f) => f.code === 'price-grade-invalid')!.message).toContain(wide);
  });

  it('order validate: the same value in the sum column, and combining accents', async () => {
    for (const [name, value] of [['wide', wide], ['combining', 'é'.normalize('NFD').repeat(20_000)]] as const) {
      const header = ORDER_HEADER.join(';');
      const row = ['Просвещение', '1.1.1.1.4.2', '05-0036-16', 'Русский язык', '1', '308,33', '1', value].join(';');
      const file = path.join(dir, `0101-${name}-sum.csv`);
      fs.writeFileSync(file, `Код ОО:;0101\r\n${header}\r\n${row}\r\n`);
      const started = Date.now();
      const r = await run(['order', 'validate', file, '-w', ws]);
      expect(Date.now() - started, name).toBeLessThan(5000);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('order-sum-mismatch');
    }
  });
});
