/**
 * Security checks (issue #11, docs/file-formats.md#workspace):
 *
 *   - school codes, municipality codes and publisher names holding `../`, absolute paths, NUL and
 *     300-character names, carried through registry, price lists, orders, consolidation, analysis and
 *     the specification package, never make a file outside the workspace or the --out folder;
 *   - every CSV uchebnik writes neutralises a text cell that a spreadsheet would run as a formula
 *     (OWASP: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'`), numbers staying numbers;
 *   - a symlink planted in the workspace to lead outside is not followed: commands refuse with exit 4
 *     and say why (or replace the link with their file), and doctor reports it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, csvDocument, csvLine, neutralizeFormula } from '../../src/io/sheets/csv-write.js';
import { FIXTURES, REPO, newWorkspace, run, runProcess, tempDir, treeSnapshot, type RunResult } from '../support/cli.js';
import { formedRegion } from '../support/formed-region.js';

const made: string[] = [];
function sandbox(): string {
  const dir = tempDir('uchebnik-sec-');
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every file and folder under `dir`, relative, links included (not followed). */
function listAll(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out.push(path.relative(dir, p));
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

function noInternalError(r: RunResult, what: string): void {
  expect(r.code, `${what}: ${r.stderr}`).not.toBe(70);
  expect(r.stderr, what).not.toMatch(/внутренняя ошибка|internal error|\n\s+at /u);
}

function csvText(rows: string[][]): string {
  const cell = (v: string) => (/[;"\r\n]/u.test(v) ? `"${v.replace(/"/gu, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

const FORMULA_LEAD = /^[=+\-@\t\r]/u;

// ---------------------------------------------------------------------------------------------------

describe('names from the data never lead outside the workspace or --out', () => {
  let root: string;
  let ws: string;
  let spec: string;
  let abs: string;
  const results: [string, RunResult][] = [];

  beforeAll(async () => {
    root = sandbox();
    // Deep enough that `../../../` from any folder uchebnik writes still lands inside the sandbox.
    ws = path.join(root, 'a', 'b', 'c', 'ws');
    spec = path.join(root, 'a', 'b', 'c', 'spec');
    abs = path.join(root, 'abs');
    const input = path.join(root, 'in');
    fs.mkdirSync(input);
    const long = (ch: string) => ch.repeat(310);
    const municipalities = ['../../evil-mo', `${abs}/mo`, long('М'), '..', '+7'];
    const schools = ['../../../evil-school', `${abs}/school`, long('Ш'), '=HYPERLINK("http://x")', '-5'];
    const publishers = ['../../../evil-pub', `${abs}/pub`, long('П'), '=cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1)', 'CON', 'a\\..\\..\\b'];

    const step = async (args: string[], expected: number[]) => {
      const r = await run([...args, '-w', ws]);
      results.push([args.slice(0, 2).join(' '), r]);
      expect(expected, `${args.join(' ')} → ${r.code}: ${r.stderr}`).toContain(r.code);
    };
    const init = await run(['init', ws, '--year', '2018', '--region', 'Тестовая', '--tz', 'Europe/Samara']);
    expect(init.code, init.stderr).toBe(0);

    const registry = path.join(input, 'registry.csv');
    fs.writeFileSync(
      registry,
      csvText([
        ['Код ОО', 'Краткое наименование', 'Полное наименование', 'Код МО', 'Муниципальное образование', 'ИНН', '1 класс', '2 класс'],
        ...schools.map((s, i) => [s, `Школа ${i}`, `Школа номер ${i}`, municipalities[i]!, `МО ${i}`, '1801001689', '40', '40']),
      ]),
    );
    await step(['registry', 'import', registry], [0]);

    const pricelist = path.join(input, 'pricelist.csv');
    fs.writeFileSync(pricelist, csvText([['№ по ФП', 'Код заказа', 'Авторы, название учебника', 'Класс', 'Цена с НДС, руб.'], ['1.1.1.1.11.2', 'EV-2', 'Русский язык. Часть 1', '2', '220,00']]));
    for (const publisher of publishers) await step(['pricelist', 'load', pricelist, '--publisher', publisher], [0]);

    const orders = schools.map((school, i) => {
      const file = path.join(input, `order-${i}.csv`);
      const header = ['Издательство', '№ ФП', 'Код издательства', 'Наименование', 'Класс', 'Цена, руб.', 'Количество', 'Сумма, руб.'];
      const lines = publishers.map((p) => [p, '1.1.1.1.11.2', 'EV-2', 'Русский язык. Часть 1', '2', '220,00', '10', '2200,00']);
      fs.writeFileSync(file, csvText([['Код ОО:', school], ['Заявка на учебники'], header, ...lines]));
      return file;
    });
    await step(['order', 'submit', ...orders], [0]);
    for (const m of municipalities) {
      await step(['order', 'agree', '--municipality', m], [0]);
      await step(['order', 'form', '--municipality', m], [0]);
      await step(['consolidate', 'municipality', m], [0]);
    }
    await step(['consolidate', 'region'], [0]);
    await step(['analyze', '--draft-recommendations', path.join(root, 'a', 'b', 'c', 'draft.xlsx')], [0, 1]);
    await step(['export', 'specifications', '--out', spec, '--zip'], [0]);
    await step(['doctor'], [0]);
  }, 120_000);

  it('writes nothing but into the workspace, the package and the files asked for', () => {
    for (const [what, r] of results) noInternalError(r, what);
    const asked = ['in', 'a', 'a/b', 'a/b/c', 'a/b/c/ws', 'a/b/c/spec', 'a/b/c/draft.xlsx'];
    const outside = listAll(root)
      .map((p) => p.split(path.sep).join('/'))
      .filter((p) => !asked.includes(p) && !/^(in|a\/b\/c\/ws|a\/b\/c\/spec)\//u.test(p));
    expect(outside).toEqual([]);
    expect(fs.existsSync(abs)).toBe(false);
    // Every name on disk is one short segment, whatever the data said.
    for (const p of [...listAll(ws), ...listAll(spec)]) for (const seg of p.split(path.sep)) expect(Buffer.byteLength(seg), p).toBeLessThanOrEqual(120);
  });

  it('carried the names all the way, so the check above is not empty', () => {
    const manifest = fs.readFileSync(path.join(spec, 'manifest.csv'), 'utf8');
    expect(manifest).toContain('../../../evil-school');
    expect(manifest).toContain(`${abs}/pub`);
    expect(manifest).toContain('Ш'.repeat(310));
    const files = listAll(spec).filter((p) => p.endsWith('.xlsx'));
    expect(files).toHaveLength(5 * 8);
    expect(listAll(path.join(ws, 'out', 'consolidation')).filter((p) => p.endsWith('.xlsx')).length).toBeGreaterThanOrEqual(8);
  });

  it('neutralises formula-like text in manifest.csv and summary.csv, and keeps numbers numbers', () => {
    for (const name of ['manifest.csv', 'summary.csv']) {
      const rows = parse(fs.readFileSync(path.join(spec, name), 'utf8'), { delimiter: ';', bom: true, relax_quotes: false }) as string[][];
      const [head, ...body] = rows;
      expect(body.length, name).toBeGreaterThan(0);
      const numeric = head!.map((h) => /^(lines|copies|schools|files)$|_kopecks$/u.test(h));
      for (const row of body) {
        row.forEach((cell, i) => {
          if (numeric[i]) expect(cell, `${name} ${head![i]}`).toMatch(/^-?\d+$/u);
          else expect(cell, `${name} ${head![i]}`).not.toMatch(FORMULA_LEAD);
        });
      }
    }
    const manifest = parse(fs.readFileSync(path.join(spec, 'manifest.csv'), 'utf8'), { delimiter: ';', bom: true, columns: true }) as Record<string, string>[];
    expect(new Set(manifest.map((r) => r['publisher']))).toEqual(
      new Set(['../../../evil-pub', `${abs}/pub`, 'П'.repeat(310), `'=cmd|' /C calc'!A0`, `'-2+3`, `'@SUM(A1)`, 'CON', 'a\\..\\..\\b']),
    );
    expect(new Set(manifest.map((r) => r['school']))).toEqual(new Set(['../../../evil-school', `${abs}/school`, 'Ш'.repeat(310), `'=HYPERLINK("http://x")`, `'-5`]));
    expect(new Set(manifest.map((r) => r['municipality']))).toContain(`'+7`);
  });
});

describe('NUL in names', () => {
  it('an order or registry with NUL is refused or sanitised, never a file outside', async () => {
    const root = sandbox();
    const ws = path.join(root, 'a', 'ws');
    expect((await run(['init', ws, '--year', '2018', '--region', 'Тест', '--tz', 'Europe/Samara'])).code).toBe(0);
    const csv = path.join(root, 'registry.csv');
    fs.writeFileSync(csv, 'Код ОО;Краткое наименование;Полное наименование;Код МО\r\n../x\u0000y;Школа;Школа;0\u00001\r\n');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Реестр').addRows([
      ['Код ОО', 'Краткое наименование', 'Полное наименование', 'Код МО'],
      ['../x\u0000y', 'Школа', 'Школа', '../0\u00001'],
    ]);
    const xlsx = path.join(root, 'registry.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const order = path.join(root, 'order.csv');
    fs.writeFileSync(order, 'Код ОО:;../x\u0000y\r\nИздательство;№ ФП;Наименование;Класс;Цена, руб.;Количество\r\nП\u0000;1.1;Книга;2;100,00;1\r\n');
    const before = listAll(root);
    for (const args of [['registry', 'import', csv], ['registry', 'import', xlsx], ['order', 'submit', order]]) {
      const r = await run([...args, '-w', ws]);
      noInternalError(r, args.join(' '));
      expect([0, 1, 3], `${args.join(' ')}: ${r.stderr}`).toContain(r.code);
    }
    const added = listAll(root).filter((p) => !before.includes(p));
    expect(added.filter((p) => !p.startsWith(`a${path.sep}ws${path.sep}`))).toEqual([]);
    expect(listAll(ws).filter((p) => p.includes('\u0000'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('the shared CSV writer', () => {
  it('prefixes text that a spreadsheet would run as a formula with a single quote', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(neutralizeFormula(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(csvCell('=SUM(A1:A9)')).toBe(`'=SUM(A1:A9)`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('-5')).toBe(`'-5`);
    expect(csvCell('+79001234567')).toBe(`'+79001234567`);
    expect(csvCell('\tfoo')).toBe(`"'\tfoo"`); // a tab separates cells in some locales: quoted (issue #22)
    expect(csvCell('\rfoo')).toBe(`"'\rfoo"`);
    expect(csvCell('=HYPERLINK("http://evil";"x")')).toBe(`"'=HYPERLINK(""http://evil"";""x"")"`);
  });

  it('leaves ordinary text and every number as they are', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(1112168150)).toBe('1112168150');
    expect(csvCell('Русское слово')).toBe('Русское слово');
    expect(csvCell('01/0101/Просвещение.xlsx')).toBe('01/0101/Просвещение.xlsx');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(() => csvCell(Number.NaN)).toThrow(/finite/u);
  });

  it('quotes the delimiter, quotes and line breaks, and writes Excel’s Russian dialect', () => {
    expect(csvLine(['a;b', 'say "hi"', 'two\nlines', 7])).toBe('"a;b";"say ""hi""";"two\nlines";7');
    expect(csvLine(['a,b', '-1'], ',')).toBe(`"a,b",'-1`);
    expect(csvDocument([['h1', 'h2'], ['=x', -5]])).toBe(`\uFEFFh1;h2\r\n'=x;-5\r\n`);
    expect(csvDocument([['x']], { bom: false })).toBe('x\r\n');
  });
});

// ---------------------------------------------------------------------------------------------------

describe('a symlink planted in the workspace', () => {
  const ESCAPES = /ведёт за пределы рабочей папки/u;

  async function planted(): Promise<{ ws: string; outside: string }> {
    const ws = await formedRegion();
    made.push(path.dirname(ws));
    const outside = sandbox();
    fs.writeFileSync(path.join(outside, 'precious.txt'), 'not uchebnik’s\n');
    return { ws, outside };
  }

  async function doctorReports(ws: string, link: string): Promise<void> {
    const r = await run(['doctor', '--json', '-w', ws]);
    expect(r.code, r.stderr).toBe(4);
    const problems = (JSON.parse(r.stdout) as { problems: { code: string; path: string }[] }).problems;
    expect(problems).toContainEqual(expect.objectContaining({ code: 'workspace-symlink-outside', path: link }));
  }

  const cases: { link: string; target: 'dir' | 'file'; command: (ws: string, root: string) => string[] }[] = [
    { link: 'state/orders', target: 'dir', command: () => ['order', 'agree', '--municipality', '01'] },
    { link: 'state/registry.json', target: 'file', command: (_ws, root) => ['registry', 'import', path.join(root, 'fixtures', 'region', 'registry.csv')] },
    { link: 'state', target: 'dir', command: () => ['order', 'status'] },
    { link: 'inputs', target: 'dir', command: (_ws, root) => ['pricelist', 'load', path.join(root, 'fixtures', 'region', 'pricelists', 'drofa.csv'), '--publisher', 'Дрофа 2'] },
    { link: 'out', target: 'dir', command: () => ['consolidate', 'region'] },
    { link: 'journal.jsonl', target: 'file', command: () => ['consolidate', 'region'] },
    { link: 'uchebnik.json', target: 'file', command: () => ['order', 'status'] },
    { link: '.lock', target: 'file', command: () => ['consolidate', 'region'] },
  ];

  for (const c of cases) {
    it(`${c.link} → outside: refused with exit 4, nothing written there, doctor reports it`, async () => {
      const { ws, outside } = await planted();
      const at = path.join(ws, ...c.link.split('/'));
      if (c.target === 'dir') {
        if (fs.existsSync(at)) fs.cpSync(at, outside, { recursive: true });
      } else if (fs.existsSync(at)) {
        fs.copyFileSync(at, path.join(outside, path.basename(at)));
      } else {
        fs.writeFileSync(path.join(outside, path.basename(at)), '{}\n');
      }
      fs.rmSync(at, { recursive: true, force: true });
      fs.symlinkSync(c.target === 'dir' ? outside : path.join(outside, path.basename(at)), at);
      const outsideBefore = treeSnapshot(outside);
      const journalBefore = c.link === 'journal.jsonl' ? '' : fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8');

      const r = await run([...c.command(ws, REPO), '-w', ws]);
      expect(r.code, r.stdout + r.stderr).toBe(4);
      expect(r.stderr).toMatch(ESCAPES);
      expect(r.stderr).toContain(at);
      expect(treeSnapshot(outside)).toEqual(outsideBefore);
      // Refused before the first write: nothing changed inside either.
      if (c.link !== 'journal.jsonl') expect(fs.readFileSync(path.join(ws, 'journal.jsonl'), 'utf8')).toBe(journalBefore);
      // (consolidate region is the command of the cases that come this far with a state: it wrote nothing)
      if (c.command(ws, '')[0] === 'consolidate') expect(fs.existsSync(path.join(ws, 'state', 'consolidations', 'region.json'))).toBe(false);
      await doctorReports(ws, c.link);
    });
  }

  it('a workbook in out/ replaced by a symlink is replaced by the new workbook, not written through', async () => {
    const { ws, outside } = await planted();
    const first = await run(['consolidate', 'region', '-w', ws]);
    expect(first.code, first.stderr).toBe(0);
    const dir = path.join(ws, 'out', 'consolidation', 'region');
    const [book] = fs.readdirSync(dir).filter((n) => n.endsWith('.xlsx'));
    fs.rmSync(path.join(dir, book!));
    fs.symlinkSync(path.join(outside, 'precious.txt'), path.join(dir, book!));
    const r = await run(['consolidate', 'region', '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.lstatSync(path.join(dir, book!)).isFile()).toBe(true);
    expect(fs.readFileSync(path.join(outside, 'precious.txt'), 'utf8')).toBe('not uchebnik’s\n');
    expect((await run(['doctor', '-w', ws])).code).toBe(0);
  });

  it('a link planted inside an earlier package is removed with the package, its target left alone', async () => {
    const { ws, outside } = await planted();
    const spec = path.join(sandbox(), 'spec');
    expect((await run(['export', 'specifications', '--out', spec, '-w', ws])).code).toBe(0);
    fs.rmSync(path.join(spec, '01'), { recursive: true });
    fs.symlinkSync(outside, path.join(spec, '01'));
    const before = treeSnapshot(outside);
    const r = await run(['export', 'specifications', '--out', spec, '--force', '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.lstatSync(path.join(spec, '01')).isDirectory()).toBe(true);
    expect(treeSnapshot(outside)).toEqual(before);
  });

  it('a dangling .lock link is taken over instead of making the command spin for ever', async () => {
    const ws = await newWorkspace();
    made.push(path.dirname(ws));
    fs.symlinkSync(path.join(ws, 'state', 'no-such-lock'), path.join(ws, '.lock'));
    // A real process with a time limit: the defect was a busy loop that never ended.
    const r = await runProcess(['registry', 'import', path.join(FIXTURES, 'region', 'registry.csv'), '-w', ws], { timeoutMs: 20_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(ws, '.lock'))).toBe(false);
    expect(fs.existsSync(path.join(ws, 'state', 'no-such-lock'))).toBe(false);
  });
});
