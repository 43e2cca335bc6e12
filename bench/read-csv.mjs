// Reads a 300,000-row Windows-1251 order CSV with openCsv and reports speed and peak memory.
// Build first (npx tsc -p tsconfig.json), then: node bench/read-csv.mjs [plain|unclosed|banner]
//   plain     order lines as Excel exports them
//   unclosed  the same with an unclosed quote on line 9: the reader re-reads from there
//   banner    a one-cell title line above the data, so every row's field count differs from the first's
// Each scenario is its own process so that the peak RSS is its own.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { openCsv } from '../dist/io/sheets/csv-read.js';

const ROWS = 300_000;
const scenario = process.argv[2] ?? 'plain';
if (!['plain', 'unclosed', 'banner'].includes(scenario)) throw new Error(`unknown scenario ${scenario}`);
const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
const file = path.join(outDir, `orders-${ROWS}-${scenario}.csv`);

const TITLES = [
  'Горецкий В.Г., Кирюшкин В.А. Азбука. В 2-х частях',
  'Канакина В.П., Горецкий В.Г. Русский язык',
  'Климанова Л.Ф. Литературное чтение. В 2-х частях',
  'Моро М.И. Математика. Учебник для 1 класса. Ч. 1',
  'Плешаков А.А. Окружающий мир',
  'Быкова Н.И. Английский язык "Spotlight"',
];

function generate() {
  fs.mkdirSync(outDir, { recursive: true });
  const fd = fs.openSync(file, 'w');
  let text = scenario === 'banner' ? 'Сводный заказ учебников на 2017/2018 учебный год\r\n' : '';
  text += 'Код ОО;Муниципалитет;Код 1С;Наименование учебника;Класс;Цена, руб.;Количество;Сумма\r\n';
  for (let i = 1; i <= ROWS; i++) {
    const title = TITLES[i % TITLES.length].replaceAll('"', '""');
    const close = scenario === 'unclosed' && i === 8 ? '' : '"';
    const price = 200 + (i % 300) + (i % 100) / 100;
    const qty = i % 31;
    text += `${1000 + (i % 700)};Томский район;04-${String(i % 9999).padStart(4, '0')}-11;"${title}${close};${1 + (i % 11)};${price.toFixed(2).replace('.', ',')};${qty};${(price * qty).toFixed(2).replace('.', ',')}\r\n`;
    if (text.length > 1 << 20) {
      fs.writeSync(fd, iconv.encode(text, 'win1251'));
      text = '';
    }
  }
  fs.writeSync(fd, iconv.encode(text, 'win1251'));
  fs.closeSync(fd);
}

if (!fs.existsSync(file)) generate();
const bytes = fs.statSync(file).size;

const started = performance.now();
const wb = await openCsv(file);
const sheet = await wb.sheet();
let rows = 0;
let cells = 0;
for await (const row of sheet.rows()) {
  rows++;
  for (const cell of row.cells) if (cell) cells++;
}
await wb.close();
const seconds = (performance.now() - started) / 1000;

console.log(
  JSON.stringify({
    scenario,
    file: path.relative(process.cwd(), file),
    mib: +(bytes / 2 ** 20).toFixed(1),
    encoding: wb.encoding,
    delimiter: wb.delimiter,
    rows,
    cells,
    findings: sheet.findings.map((f) => `${f.code} ${f.column}${f.row}`),
    seconds: +seconds.toFixed(2),
    rowsPerSecond: Math.round(rows / seconds),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
