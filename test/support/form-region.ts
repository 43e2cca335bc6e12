/**
 * A municipality of many schools ordering from a publisher whose real consolidated-order form
 * (../shared/real-data/forms/) is registered: the form loaded as the publisher's price list (its rows
 * are the publisher's items) and as its form, a registry of `schools` schools in municipality 56, each
 * with a formed order of a seeded random choice of the form's items. Returns what each school ordered.
 */
import fs from 'node:fs';
import path from 'node:path';
import { detectFormLayout, type FormItem } from '../../src/features/forms/layout.js';
import { run, tempDir } from './cli.js';
import { writeCsv, type Cell } from './order-fixtures.js';

export interface FormRegion {
  ws: string;
  items: FormItem[];
  /** school code → form row → quantity */
  ordered: Map<string, Map<number, number>>;
  schools: { code: string; name: string; inn: string }[];
}

/** A valid 10-digit organisation ИНН (the check digit of registry.ts `isValidOrgInn`). */
export function orgInn(seed: number): string {
  const body = String(1800000000 + seed * 7919).slice(0, 9);
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = w.reduce((s, k, i) => s + k * Number(body[i]), 0);
  return body + String((sum % 11) % 10);
}

/** mulberry32: small, seeded, the same sequence on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function must(args: string[], ok: number[] = [0]): Promise<void> {
  const r = await run(args);
  if (!ok.includes(r.code)) throw new Error(`uchebnik ${args.join(' ')} → ${r.code}\n${r.stderr}\n${r.stdout.slice(0, 2000)}`);
}

/** `pricelist`: the publisher's price list, when the form itself cannot be loaded as one. */
export async function formRegion(form: string, publisher: string, opts: { schools: number; lines: number; seed: number; withoutInn?: string[]; pricelist?: string }): Promise<FormRegion> {
  const dir = tempDir();
  const ws = path.join(dir, 'ws');
  await must(['init', ws, '--year', '2016', '--region', 'Новосибирская область', '--tz', 'Asia/Novosibirsk']);
  const schools = Array.from({ length: opts.schools }, (_, i) => {
    const code = `56${String(i + 1).padStart(3, '0')}`;
    return { code, name: `МБОУ СОШ № ${i + 1}`, inn: opts.withoutInn?.includes(code) ? '' : orgInn(i + 1) };
  });
  const grades = Array.from({ length: 11 }, (_, g) => `${g + 1} класс`);
  const registry = writeCsv(dir, 'registry.csv', [
    ['Код ОО', 'Краткое наименование', 'Полное наименование', 'Код МО', 'Муниципалитет', 'ИНН', ...grades],
    ...schools.map((s): Cell[] => [s.code, s.name, `Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № ${s.code}»`, '56', 'Город', s.inn, ...grades.map(() => 900)]),
  ]);
  await must(['registry', 'import', registry, '-w', ws]);
  await must(['pricelist', 'load', opts.pricelist ?? form, '--publisher', publisher, '-w', ws], [0, 1]);
  await must(['form', 'load', form, '--publisher', publisher, '-w', ws], [0, 1]);

  const layout = await detectFormLayout(form);
  if (!layout) throw new Error(`no layout in ${form}`);
  const items = layout.items.filter((it) => it.item_code && it.price_kopecks && it.grade);
  const next = random(opts.seed);
  const ordered = new Map<string, Map<number, number>>();
  const files: string[] = [];
  const orders = path.join(dir, 'orders');
  fs.mkdirSync(orders);
  for (const s of schools) {
    const mine = new Map<number, number>();
    const rows: Cell[][] = [['Издательство', 'Код издательства', 'Наименование', 'Класс', 'Цена, руб.', 'Количество', 'Сумма, руб.']];
    while (mine.size < opts.lines) {
      const it = items[Math.floor(next() * items.length)]!;
      if (mine.has(it.row)) continue;
      const qty = 1 + Math.floor(next() * 60);
      mine.set(it.row, qty);
      const price = it.price_kopecks!;
      rows.push([publisher, it.item_code, it.title ?? '', it.grade, (price / 100).toFixed(2).replace('.', ','), qty, ((price * qty) / 100).toFixed(2).replace('.', ',')]);
    }
    ordered.set(s.code, mine);
    files.push(writeCsv(orders, `${s.code}.csv`, rows));
  }
  await must(['order', 'submit', ...files, '-w', ws]);
  await must(['order', 'agree', '--municipality', '56', '-w', ws]);
  await must(['order', 'form', '--municipality', '56', '-w', ws]);
  return { ws, items: layout.items, ordered, schools };
}
