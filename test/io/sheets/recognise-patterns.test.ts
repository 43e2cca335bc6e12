/**
 * The patterns that went wrong on price lists nobody had seen (issue 16), each on a small file made
 * here: what the list says, what is stored, and what the load says about how it read the file.
 * Patterns 8–11 (CSV rows, forms, registries) are tested beside their readers.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../../src/core/model/catalogue.js';
import { newWorkspace, run, tempDir, treeSnapshot } from '../../support/cli.js';
import { parseReport, writeCsv, type Cell, type JsonReport } from '../../support/order-fixtures.js';

type Loaded = JsonReport & { loaded?: { items: number; version: number } };

let ws: string;
let dir: string;
beforeEach(async () => {
  ws = await newWorkspace();
  dir = tempDir();
});

async function load(file: string, publisher = 'Издательство', extra: string[] = []) {
  const r = await run(['pricelist', 'load', file, '--publisher', publisher, '--json', '-w', ws, ...extra]);
  return { code: r.code, stderr: r.stderr, report: r.stdout ? (parseReport(r) as Loaded) : undefined };
}

async function items(publisher = 'Издательство'): Promise<CatalogueItem[]> {
  const r = await run(['pricelist', 'show', publisher, '--json', '-w', ws]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { items: CatalogueItem[] }).items;
}

const csv = (name: string, rows: Cell[][]) => writeCsv(dir, name, rows);

describe('pattern 1: a net price beside the price with VAT', () => {
  it('«Цена, руб» (без НДС) and «Стоимость с НДС» further right: the price with VAT is stored, and the load says so', async () => {
    const file = csv('net-gross.csv', [
      ['№ ФП', 'Наименование', 'Класс', 'Цена, руб', 'Стоимость с НДС'],
      ['1.1.1.1.1.1', 'Азбука. Учебник', '1', '300,00', '330,00'],
      ['1.1.1.1.1.2', 'Математика. Учебник', '1', '400,00', '440,00'],
      ['1.1.1.1.1.3', 'Окружающий мир', '2', '250,50', '275,55'],
    ]);
    const r = await load(file);
    expect(r.code, r.stderr).toBe(0);
    expect((await items()).map((it) => it.price_kopecks)).toEqual([33000, 44000, 27555]);
    expect(r.stderr).toContain('взят столбец E «Стоимость с НДС», а не D «Цена, руб»');
  });

  it('two price columns with unmarked headers: the one that is the other × 1.1 is the price with VAT', async () => {
    const file = csv('ratio.csv', [
      ['№ ФП', 'Наименование', 'Класс', 'Цена', 'Цена отпускная'],
      ['1.1.1.1.1.1', 'Азбука. Учебник', '1', '300', '330'],
      ['1.1.1.1.1.2', 'Математика. Учебник', '1', '400', '440'],
      ['1.1.1.1.1.3', 'Окружающий мир', '2', '250', '275'],
    ]);
    const r = await load(file);
    expect(r.code, r.stderr).toBe(0);
    expect((await items()).map((it) => it.price_kopecks)).toEqual([33000, 44000, 27500]);
    expect(r.stderr).toContain('это цена с НДС');
  });

  it('two price columns nothing tells apart: refused, nothing stored, and the command line that loads it', async () => {
    const file = csv('two-prices.csv', [
      ['№ ФП', 'Наименование', 'Класс', 'Цена', 'Цена (опт)'],
      ['1.1.1.1.1.1', 'Азбука. Учебник', '1', '300', '280'],
      ['1.1.1.1.1.2', 'Математика. Учебник', '1', '400', '350'],
      ['1.1.1.1.1.3', 'Окружающий мир', '2', '250', '240'],
    ]);
    const before = treeSnapshot(ws);
    const r = await load(file);
    expect(r.code).toBe(3);
    expect(treeSnapshot(ws)).toEqual(before);
    expect(r.stderr).toContain('D «Цена», E «Цена (опт)»');
    expect(r.stderr).toContain(`uchebnik pricelist load ${file} --publisher Издательство --json -w ${ws} --map price=D`);
  });

  it('only a price without VAT: refused, with the --map that would take it as the price if it is one', async () => {
    const file = csv('net-only.csv', [
      ['№ ФП', 'Наименование', 'Класс', 'Цена без НДС, руб'],
      ['1.1.1.1.1.1', 'Азбука. Учебник', '1', '300,00'],
      ['1.1.1.1.1.2', 'Математика. Учебник', '1', '400,00'],
      ['1.1.1.1.1.3', 'Окружающий мир', '2', '250,50'],
    ]);
    const r = await load(file);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('--map price=D');
  });
});

describe('pattern 2: VAT written per row in a note', () => {
  it('«НДС 18%» in «Примечание» is the item’s rate; rows without a note keep the default 10 %', async () => {
    const file = csv('vat-note.csv', [
      ['№ ФП', 'Наименование', 'Класс', 'Цена с НДС', 'Примечание'],
      ['1.1.1.1.1.1', 'Азбука. Учебник', '1', '330,00', ''],
      ['1.1.1.1.1.2', 'Английский язык + CD', '2', '472,00', 'НДС 18%'],
      ['1.1.1.1.1.3', 'Информатика (электронное приложение)', '3', '240,00', 'в т.ч. НДС 20 %'],
    ]);
    const r = await load(file);
    expect(r.code, r.stderr).toBe(0);
    expect((await items()).map((it) => it.vat_rate)).toEqual([10, 18, 20]);
  });

  it('a rate column and a note that disagree: the column’s rate, and a warning at the rate cell', async () => {
    const file = csv('vat-conflict.csv', [
      ['№ ФП', 'Наименование', 'Класс', 'НДС', 'Цена с НДС', 'Примечание'],
      ['1.1.1.1.1.1', 'Азбука. Учебник', '1', '10%', '330,00', ''],
      ['1.1.1.1.1.2', 'Английский язык + CD', '2', '10%', '472,00', 'НДС 18%'],
    ]);
    const r = await load(file);
    expect(r.code).toBe(0);
    expect(r.report!.findings.map((f) => `${f.code}@${f.cell}`)).toEqual(['price-vat-conflict@D3']);
    expect((await items()).map((it) => it.vat_rate)).toEqual([10, 10]);
  });
});

describe('pattern 3: authors and title in one column', () => {
  it('«Авторы, название учебного пособия»: names split off, and parts 1, 2, 3 of one textbook stay three items', async () => {
    const file = csv('combined.csv', [
      ['№ ФП', 'Авторы, название учебного пособия', 'Класс', 'Цена с НДС, руб.'],
      ['1.1.1.1.2.1', 'Иванов И.И., Петрова А.Б. Русский язык. Часть 1', '3', '300,00'],
      ['1.1.1.1.2.1', 'Иванов И.И., Петрова А.Б. Русский язык. ч,2', '3', '300,00'],
      ['1.1.1.1.2.1', 'Иванов И.И., Петрова А.Б. Русский язык. Ч. 3', '3', '310,00'],
    ]);
    const r = await load(file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.report!.findings).toEqual([]);
    const got = await items();
    expect(got.map((it) => [it.authors, it.title])).toEqual([
      ['Иванов И.И., Петрова А.Б.', 'Русский язык. Часть 1'],
      ['Иванов И.И., Петрова А.Б.', 'Русский язык. ч,2'],
      ['Иванов И.И., Петрова А.Б.', 'Русский язык. Ч. 3'],
    ]);
    expect(r.stderr).toContain('авторы и название в одной ячейке');
  });

  it('«Автор, наименование учебника» is the title column too, not the authors', async () => {
    const file = csv('combined2.csv', [
      ['№ ФП', 'Автор, наименование учебника', 'Класс', 'Цена'],
      ['1.1.1.1.2.1', 'Сидоров В.В. Математика', '5', '500'],
    ]);
    expect((await load(file)).code).toBe(0);
    expect((await items()).map((it) => [it.authors, it.title])).toEqual([['Сидоров В.В.', 'Математика']]);
  });
});

describe('pattern 4: header words outside the list', () => {
  it('«Товар», «ПродукцияАвторыДляПрайса», an fpu column without a header, «Прайс для юр.лиц (с НДС)» with « 75.00р. »', async () => {
    const file = csv('words.csv', [
      ['', 'ПродукцияАвторыДляПрайса', 'Товар', 'Класс', 'Прайс для юр.лиц (с НДС)'],
      ['1.2.3.4.5.6', 'Иванов И.И.', 'Прописи. Тетрадь', '1', ' 75.00р. '],
      ['99.99.99.99.99.12', 'Петров П.П., Сидорова С.С.', 'Рабочая тетрадь по математике', '2', ' 120.50р. '],
      ['1.2.3.4.5.7', 'Кузнецова К.К.', 'Чтение. Хрестоматия', '3', ' 99.90р. '],
    ]);
    const r = await load(file);
    expect(r.code, r.stderr).toBe(0);
    expect((await items()).map((it) => [it.fpu_code, it.authors, it.title, it.price_kopecks])).toEqual([
      ['1.2.3.4.5.6', 'Иванов И.И.', 'Прописи. Тетрадь', 7500],
      ['99.99.99.99.99.12', 'Петров П.П., Сидорова С.С.', 'Рабочая тетрадь по математике', 12050],
      ['1.2.3.4.5.7', 'Кузнецова К.К.', 'Чтение. Хрестоматия', 9990],
    ]);
    expect(r.stderr).toContain('Столбец A взят как fpu_code по содержимому');
  });

  it('«№  в  ФП» with double spaces and codes with a trailing dot', async () => {
    const file = csv('double-space.csv', [
      ['№  в  ФП', 'Наименование', 'Класс', 'Цена с НДС'],
      ['2.1.2.2.6.1.', 'Музыка. Учебник', '5', '350,00'],
      ['2.1.2.2.6.2.', 'Музыка. Учебник', '6', '360,00'],
    ]);
    expect((await load(file)).code).toBe(0);
    expect((await items()).map((it) => it.fpu_code)).toEqual(['2.1.2.2.6.1', '2.1.2.2.6.2']);
  });
});

describe('pattern 5: two-row headers', () => {
  it('a first data row is never taken as the second line of the header (no item lost)', async () => {
    // The empty header cell over «НДС 10%» made the first data row look like a header line that
    // names one more column.
    const file = csv('swallow.csv', [
      ['Прайс-лист'],
      ['№ ФП', 'Наименование', 'Класс', 'Цена', ''],
      ['1.1.1.1.1.1', 'Азбука. Учебник', '1', '330,00', 'НДС 10%'],
      ['1.1.1.1.1.2', 'Математика. Учебник', '1', '440,00', 'НДС 10%'],
      ['1.1.1.1.1.3', 'Окружающий мир', '2', '275,00', 'НДС 10%'],
    ]);
    const r = await load(file);
    expect(r.code, r.stderr).toBe(0);
    expect((await items()).map((it) => it.fpu_code)).toEqual(['1.1.1.1.1.1', '1.1.1.1.1.2', '1.1.1.1.1.3']);
  });

  it('«Стандарт» over «ФГОС» is no fpu column: its cells are not codes, the codes are read from «№ ФП»', async () => {
    const file = csv('standard.csv', [
      ['', 'Стандарт', '', '', ''],
      ['№ ФП', 'ФГОС', 'Наименование', 'Класс', 'Цена с НДС'],
      ['1.1.1.1.1.1', 'ФГОС НОО', 'Азбука. Учебник', '1', '330,00'],
      ['1.1.1.1.1.2', 'ФГОС НОО', 'Математика. Учебник', '1', '440,00'],
      ['1.1.2.1.1.1', 'ФГОС ООО', 'Алгебра. Учебник', '7', '500,00'],
    ]);
    const r = await load(file);
    expect(r.code, r.stderr).toBe(0);
    expect((await items()).map((it) => it.fpu_code)).toEqual(['1.1.1.1.1.1', '1.1.1.1.1.2', '1.1.2.1.1.1']);
    expect(r.stderr).toContain('похож на fpu_code, но ячейки под ним не подходят');
  });
});

describe('pattern 6: an export without a header row', () => {
  it('authors; fpu; title; grade; VAT 0,1/0,18; price 350,9; item code — read by content, and said so', async () => {
    const rows = [
      ['Иванов И.И.', '1.1.1.1.1.1', 'Азбука. Учебник для 1 класса', '1', '0,1', '350,9', 'A-1001'],
      ['Петров П.П.', '1.1.1.1.1.2', 'Математика. Учебник', '2', '0,1', '410', 'A-1002'],
      ['Сидорова С.С.', '1.1.1.3.1.1', 'Английский язык + CD', '3', '0,18', '512,35', 'A-1003'],
      ['Кузнецов К.К.', '1.1.1.4.1.1', 'Окружающий мир. Часть 1', '2', '0,1', '299,99', 'A-1004'],
    ];
    // A 1C export: Windows-1251, semicolons.
    const file = path.join(dir, 'export.csv');
    fs.writeFileSync(file, iconv.encode(rows.map((r) => r.join(';')).join('\r\n') + '\r\n', 'win1251'));
    const r = await load(file);
    expect(r.code, r.stderr).toBe(0);
    expect((await items()).map((it) => [it.item_code, it.fpu_code, it.authors, it.grade_from, it.vat_rate, it.price_kopecks])).toEqual([
      ['A-1001', '1.1.1.1.1.1', 'Иванов И.И.', 1, 10, 35090],
      ['A-1002', '1.1.1.1.1.2', 'Петров П.П.', 2, 10, 41000],
      ['A-1003', '1.1.1.3.1.1', 'Сидорова С.С.', 3, 18, 51235],
      ['A-1004', '1.1.1.4.1.1', 'Кузнецов К.К.', 2, 10, 29999],
    ]);
    expect(r.stderr).toContain('нет строки заголовков: столбцы определены по содержимому');
  });
});

describe('a header-less file with --map by header text', () => {
  it('is bad input (no such header), not a program error, whatever holes the first rows have', async () => {
    const file = csv('holes.csv', [
      ['', '1.1.1.1.1.1', '', 'Азбука. Учебник', '1', '330,00'],
      ['', '1.1.1.1.1.2', '', 'Математика. Учебник', '1', '440,00'],
    ]);
    const r = await load(file, 'Издательство', ['--map', 'price=Цена']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('нет столбца «Цена»');
  });
});

describe('pattern 7: items without a grade', () => {
  it('load with a warning each and no grade; the order template offers them and an order of them validates', async () => {
    const file = csv('no-grade.csv', [
      ['Код товара', 'Наименование', 'Класс', 'Цена с НДС'],
      ['L-1', 'Лицензия на электронную форму учебника', '', '150,00'],
      ['P-1', 'Пособие для дошкольников «Готовимся к школе»', '', '210,00'],
      ['B-1', 'Азбука. Учебник', '1', '330,00'],
    ]);
    const r = await load(file);
    expect(r.code).toBe(0);
    expect(r.report!.findings.map((f) => `${f.code}@${f.cell}:${f.severity}`)).toEqual(['price-grade-missing@C2:warning', 'price-grade-missing@C3:warning']);
    const got = await items();
    expect(got.map((it) => [it.item_code, it.grade_from, it.grade_to])).toEqual([
      ['L-1', undefined, undefined],
      ['P-1', undefined, undefined],
      ['B-1', 1, 1],
    ]);
    const shown = await run(['pricelist', 'show', 'Издательство', '-w', ws]);
    expect(shown.stdout).toMatch(/Лицензия на электронную форму учебника\s*│ —/u);

    // An order naming them by item code, without a grade: accepted, for «без класса».
    await run(['registry', 'import', writeCsv(dir, 'reg.csv', [['Код ОО', 'Краткое наименование', 'Код МО'], ['0001', 'Школа 1', 'M1']]), '-w', ws]);
    const order = writeCsv(dir, 'order.csv', [
      ['Код ОО: 0001'],
      ['Издательство', 'Код издательства', 'Наименование', 'Класс', 'Количество'],
      ['Издательство', 'L-1', 'Лицензия', '', '5'],
      ['Издательство', 'B-1', 'Азбука', '1', '3'],
    ]);
    const checked = await run(['order', 'validate', order, '--school', '0001', '--json', '-w', ws]);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
  });
});
