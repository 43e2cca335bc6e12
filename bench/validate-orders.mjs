// Times `order validate` and `order submit` of N school order workbooks of ~L lines each, as whole
// processes: wall time, lines per second and peak RSS. The files are one filled uchebnik form per
// school (every line with a quantity), generated under bench/out/. Run `npm run build` first.
// Usage: node bench/validate-orders.mjs [--schools 700] [--lines 500]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const schools = arg('schools', 700);
const lines = arg('lines', 500);
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'uchebnik.js');
const out = path.join(root, 'bench', 'out', `orders-${schools}x${lines}`);
const ws = path.join(out, 'ws');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'files'), { recursive: true });
const cli = (...a) => execFileSync(process.execPath, [bin, ...a, '-w', ws], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

execFileSync(process.execPath, [bin, 'init', ws, '--year', '2018', '--region', 'Бенч', '--tz', 'Europe/Samara'], { stdio: 'ignore' });
const reg = ['Код ОО;Краткое наименование;Код МО;' + Array.from({ length: 11 }, (_, g) => `${g + 1} класс`).join(';')];
for (let s = 1; s <= schools; s++) reg.push(`S${String(s).padStart(4, '0')};Школа ${s};M${1 + (s % 30)};` + Array(11).fill(90).join(';'));
fs.writeFileSync(path.join(out, 'registry.csv'), reg.join('\n'));
cli('registry', 'import', path.join(out, 'registry.csv'));
const price = ['№ ФП;Код 1С;Авторы;Наименование учебника;Класс;Цена с НДС, руб.'];
for (let i = 1; i <= lines; i++) price.push(`1.2.${1 + (i % 9)}.${i % 7}.${i}.1;B-${i};Автор ${i};Учебник по предмету № ${i};${1 + (i % 11)};${(150 + (i % 400) + 0.37).toFixed(2)}`);
fs.writeFileSync(path.join(out, 'price.csv'), price.join('\n'));
cli('pricelist', 'load', path.join(out, 'price.csv'), '--publisher', 'Бенч');

// One filled form, copied for every school with its code in the «Код ОО:» cell.
const template = path.join(out, 'template.xlsx');
cli('order', 'template', '--school', 'S0001', '--out', template);
const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(template);
const sheet = wb.getWorksheet('Заказ');
let copies = 0;
let kopecks = 0;
for (let r = 6; r <= sheet.rowCount; r++) {
  const row = sheet.getRow(r);
  if (row.getCell(1).value === 'Итого') {
    // Excel recalculates the totals when the school saves; so must the generator.
    row.getCell(9).value = { formula: `SUM(I6:I${r - 1})`, result: copies };
    row.getCell(10).value = { formula: `SUM(J6:J${r - 1})`, result: kopecks / 100 };
    break;
  }
  const p = Math.round(Number(row.getCell(8).value) * 100);
  row.getCell(9).value = 30;
  row.getCell(10).value = { formula: `H${r}*I${r}`, result: (30 * p) / 100 };
  copies += 30;
  kopecks += 30 * p;
}
for (let s = 1; s <= schools; s++) {
  sheet.getCell('B2').value = `S${String(s).padStart(4, '0')}`;
  await wb.xlsx.writeFile(path.join(out, 'files', `S${String(s).padStart(4, '0')}.xlsx`));
}
const files = fs.readdirSync(path.join(out, 'files')).map((f) => path.join(out, 'files', f));

function timed(label, args) {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...args, '-w', ws, '--json'], { maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = Number(r.stderr.toString().trim().split('\n').pop()) / 1024;
  const total = schools * lines;
  console.log(`${label.padEnd(16)} exit ${r.status}  ${wall.toFixed(1)} s  ${Math.round(total / wall)} lines/s  peak RSS ${rss.toFixed(0)} MB`);
}
console.log(`${schools} files × ${lines} lines, ${new Set(files).size} files`);
timed('order validate', ['order', 'validate', ...files]);
timed('order submit', ['order', 'submit', ...files]);
