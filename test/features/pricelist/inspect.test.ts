/**
 * `uchebnik inspect` and the remembered mapping (issue 16): the recogniser's decisions for every real
 * file in ../shared/real-data as goldens (command line, exit code, stdout, stderr), the JSON shape,
 * a refusal with the command that reads the file, and a --map given once used for the next version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REAL_DATA, newWorkspace, realDataPresent, run, tempDir, treeSnapshot } from '../../support/cli.js';
import { expectGolden } from '../../support/golden.js';
import { writeCsv } from '../../support/order-fixtures.js';

const present = realDataPresent();

const REAL_FILES = ['pricelists/prosv.csv', 'pricelists/mnemo.csv', 'pricelists/russlovo.csv', 'pricelists/vlados.csv', 'pricelists/binom.csv', 'forms/prosv_svod_56_63890.xlsx', 'forms/drofa_svod_56_63890.xlsx'];

describe('inspect on the real files of ../shared/real-data', () => {
  for (const rel of REAL_FILES) {
    it.runIf(present)(`${rel}: header, columns with evidence, sample items (golden)`, async () => {
      const args = ['inspect', path.join(REAL_DATA, rel)];
      const r = await run(args, { cwd: tempDir() });
      expect(r.code, r.stderr).toBe(0);
      expectGolden(`inspect-${rel.replace(/[/.]/g, '-')}.txt`, r, { paths: { [REAL_DATA]: '<real-data>' } });
    });
  }
});

describe('inspect', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });

  it('--json: header rows, each column with its field and evidence, samples, and nothing stored', async () => {
    const ws = await newWorkspace();
    const file = writeCsv(dir, 'net-gross.csv', [
      ['Прайс-лист'],
      ['№ ФП', 'Наименование', 'Класс', 'Цена, руб', 'Стоимость с НДС'],
      ['1.1.1.1.1.1', 'Азбука. Учебник', '1', '300,00', '330,00'],
      ['1.1.1.1.1.2', 'Математика. Учебник', '1', '400,00', '440,00'],
      ['1.1.1.1.1.3', 'Окружающий мир', '2', '250,50', '275,55'],
    ]);
    const before = treeSnapshot(ws);
    const r = await run(['inspect', file, '--json', '-w', ws]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      header_rows: number[] | null;
      columns: { column: string; field?: string; by?: string; refused?: { field: string; why: string }[] }[];
      choices: { field: string; taken: string; over: string[]; why: string }[];
      samples: { price_kopecks: number }[];
      stats: { items: number };
    };
    expect(doc.header_rows).toEqual([2]);
    expect(doc.columns.map((c) => `${c.column}:${c.field ?? '-'}`)).toEqual(['A:fpu_code', 'B:title', 'C:grade', 'D:-', 'E:price']);
    expect(doc.choices).toEqual([{ field: 'price', taken: 'E', over: ['D'], why: 'better-word', detail: 'с ндс' }]);
    expect(doc.columns.find((c) => c.column === 'D')!.refused).toEqual([{ field: 'price', why: 'other-column' }]);
    expect(doc.samples.map((s) => s.price_kopecks)).toEqual([33000, 44000, 27555]);
    expect(treeSnapshot(ws)).toEqual(before);
  });

  it('a file without a header says «без заголовка»; an unreadable one is exit 3 with the command line that reads it', async () => {
    const headerless = writeCsv(dir, 'headerless.csv', [
      ['Иванов И.И.', '1.1.1.1.1.1', 'Азбука. Учебник', '1', '350,90', 'A-1'],
      ['Петров П.П.', '1.1.1.1.1.2', 'Математика. Учебник', '2', '410,00', 'A-2'],
      ['Сидорова С.С.', '1.1.1.3.1.1', 'Английский язык', '3', '512,35', 'A-3'],
    ]);
    const ok = await run(['inspect', headerless], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Строка заголовков: без заголовка');

    const twoPrices = writeCsv(dir, 'two-prices.csv', [
      ['№ ФП', 'Наименование', 'Класс', 'Цена', 'Цена (опт)'],
      ['1.1.1.1.1.1', 'Азбука. Учебник', '1', '300', '280'],
      ['1.1.1.1.1.2', 'Математика. Учебник', '1', '400', '350'],
      ['1.1.1.1.1.3', 'Окружающий мир', '2', '250', '240'],
    ]);
    const refused = await run(['inspect', twoPrices], { cwd: dir });
    expect(refused.code).toBe(3);
    expect(refused.stderr.trim().split('\n').at(-1)).toBe(`  uchebnik inspect ${twoPrices} --map price=D`);
    const followed = await run(['inspect', twoPrices, '--map', 'price=D', '--json'], { cwd: dir });
    expect(followed.code).toBe(0);
    expect((JSON.parse(followed.stdout) as { columns: { column: string; by?: string }[] }).columns.find((c) => c.column === 'D')!.by).toBe('map');
  });
});

describe('a mapping given once is remembered for the publisher', () => {
  it('v1 with --map; v2 with a column moved loads without options and says so; a mapping that no longer fits falls back and says so', async () => {
    const ws = await newWorkspace();
    const dir = tempDir();
    // «Цена» and «Цена (опт)» are both prices and nothing tells which the school pays.
    const v1 = writeCsv(dir, 'v1.csv', [
      ['№ ФП', 'Наименование', 'Класс', 'Цена', 'Цена (опт)'],
      ['1.1.1.1.1.1', 'Азбука. Учебник', '1', '330,00', '300,00'],
      ['1.1.1.1.1.2', 'Математика. Учебник', '1', '440,00', '410,00'],
    ]);
    const refused = await run(['pricelist', 'load', v1, '--publisher', 'Новое', '-w', ws]);
    expect(refused.code).toBe(3);
    const first = await run(['pricelist', 'load', v1, '--publisher', 'Новое', '--map', 'price=D', '-w', ws]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('Сопоставление столбцов запомнено для «Новое»');
    const stored = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'mappings.json'), 'utf8')) as { pricelist: Record<string, { map: Record<string, string> }> };
    // Remembered by its header, not its letter: the next version may move it.
    expect(stored.pricelist['новое']!.map).toEqual({ price: 'Цена' });

    const v2 = writeCsv(dir, 'v2.csv', [
      ['Цена (опт)', '№ ФП', 'Наименование', 'Класс', 'Цена'],
      ['300,00', '1.1.1.1.1.1', 'Азбука. Учебник', '1', '340,00'],
      ['410,00', '1.1.1.1.1.2', 'Математика. Учебник', '1', '450,00'],
    ]);
    const second = await run(['pricelist', 'load', v2, '--publisher', 'Новое', '--json', '-w', ws]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('Взято сопоставление столбцов, запомненное для «Новое» (price=Цена)');
    const shown = JSON.parse((await run(['pricelist', 'show', 'Новое', '--json', '-w', ws])).stdout) as { version: number; items: { price_kopecks: number }[] };
    expect(shown.version).toBe(2);
    expect(shown.items.map((i) => i.price_kopecks)).toEqual([34000, 45000]);

    // v3 has no «Цена» column: the remembered mapping does not fit, the columns are recognised anew.
    const v3 = writeCsv(dir, 'v3.csv', [
      ['№ ФП', 'Наименование', 'Класс', 'Цена с НДС'],
      ['1.1.1.1.1.1', 'Азбука. Учебник', '1', '350,00'],
    ]);
    const third = await run(['pricelist', 'load', v3, '--publisher', 'Новое', '-w', ws]);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toContain('к этому файлу не подходит');
  });
});
