// `pricelist load`, `form load` and `registry import` on 300,000-row files (issue 16: the column
// recogniser must keep the readers' speed and memory). Each command runs as its own process in a fresh
// workspace; the same files go through an older build given with BASE=/path/to/other/checkout (built:
// its bin/uchebnik.js and dist/), so the two builds are measured side by side in one run.
//
//   npm run build && node bench/load-300k.mjs                       # this build only
//   BASE=/tmp/base node bench/load-300k.mjs                         # and the older one beside it
//   REPEAT=3 BASE=/tmp/base node bench/load-300k.mjs                # best of 3
//
// The floor printed is a plain read of the same file (bytes → Windows-1251 text → split on lines):
// what no loader can beat.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { measure, METHOD } from './lib/measure.mjs';

const ROWS = 300_000;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, 'out', 'load-300k');
const REPO = path.resolve(HERE, '..');
const REPEAT = Number(process.env.REPEAT ?? 1);
const BUILDS = [['this', REPO], ...(process.env.BASE ? [['base', path.resolve(process.env.BASE)]] : [])];

const TITLES = ['Азбука. В 2-х частях', 'Русский язык', 'Литературное чтение', 'Математика. Учебник', 'Окружающий мир', 'Английский язык "Spotlight"'];
const AUTHORS = ['Горецкий В.Г., Кирюшкин В.А.', 'Канакина В.П.', 'Климанова Л.Ф.', 'Моро М.И., Бантова М.А.', 'Плешаков А.А.', 'Быкова Н.И.'];

function write(name, header, row) {
  const file = path.join(OUT, name);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(OUT, { recursive: true });
  const fd = fs.openSync(file, 'w');
  let text = 'Прайс-лист на 2018 год\r\n' + header + '\r\n';
  for (let i = 1; i <= ROWS; i++) {
    text += row(i) + '\r\n';
    if (text.length > 1 << 20) {
      fs.writeSync(fd, iconv.encode(text, 'win1251'));
      text = '';
    }
  }
  fs.writeSync(fd, iconv.encode(text, 'win1251'));
  fs.closeSync(fd);
  return file;
}

const fpu = (i) => `1.1.${1 + (i % 3)}.${1 + (i % 7)}.${1 + (i % 50)}.${1 + Math.floor(i / 350)}`;
const price = (i) => (200 + (i % 300) + (i % 100) / 100).toFixed(2).replace('.', ',');

const files = {
  pricelist: write('pricelist.csv', '№ ФП;Код 1С;Авторы;Наименование учебника;Класс;НДС;Цена с НДС, руб.', (i) => `${fpu(i)};К-${i};${AUTHORS[i % 6]};"${TITLES[i % 6].replaceAll('"', '""')} ${i}";${1 + (i % 11)};10%;${price(i)}`),
  form: write('form.csv', '№ ФП;Код 1С;Наименование учебника;Класс;Цена;Кол-во, шт.;Стоимость;Кол-во, шт.;Стоимость', (i) => `${fpu(i)};К-${i};"${TITLES[i % 6].replaceAll('"', '""')} ${i}";${1 + (i % 11)};${price(i)};;;;`),
  registry: write('registry.csv', 'Код ОО;Краткое наименование;Полное наименование;Код МО;Муниципалитет', (i) => `S${String(i).padStart(6, '0')};Школа № ${i};Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № ${i}»;M${i % 60};Район ${i % 60}`),
};

const commands = {
  pricelist: (f) => ['pricelist', 'load', f, '--publisher', 'Бенч'],
  form: (f) => ['form', 'load', f, '--publisher', 'Бенч'],
  registry: (f) => ['registry', 'import', f],
};

async function floor(file) {
  const log = path.join(OUT, 'log', 'floor');
  const script = `const fs=require('fs'),iconv=require(${JSON.stringify(path.join(REPO, 'node_modules', 'iconv-lite'))});let n=0;for(const l of iconv.decode(fs.readFileSync(${JSON.stringify(file)}),'win1251').split('\\r\\n'))n+=l.length>0;console.log(n)`;
  return measure(['-e', script], { log });
}

async function run(build, root, kind) {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), `bench-load-${build}-`));
  const bin = path.join(root, 'bin', 'uchebnik.js');
  const init = await measure([bin, 'init', path.join(ws, 'w'), '--year', '2018', '--region', 'Бенч', '--tz', 'Europe/Samara'], { log: path.join(OUT, 'log', `${build}-init`) });
  if (init.exit !== 0) throw new Error(`${build}: init failed`);
  if (kind === 'form') {
    // A form is checked against the publisher's price list: load it first (not timed).
    const pre = await measure([bin, 'pricelist', 'load', files.pricelist, '--publisher', 'Бенч', '-w', path.join(ws, 'w')], { log: path.join(OUT, 'log', `${build}-pre`) });
    if (pre.exit > 1) throw new Error(`${build}: price list for the form failed (${pre.exit})`);
  }
  const r = await measure([bin, ...commands[kind](files[kind]), '-w', path.join(ws, 'w')], { log: path.join(OUT, 'log', `${build}-${kind}`) });
  fs.rmSync(ws, { recursive: true, force: true });
  return r;
}

const best = (xs, key) => xs.reduce((a, b) => (b[key] < a[key] ? b : a));
console.log(`${ROWS.toLocaleString('en')} rows a file; peak RSS by ${METHOD}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; best of ${REPEAT}`);
console.log('command            build   exit   wall s   ×floor   peak MiB   ×base wall   ×base RSS');
for (const kind of Object.keys(files)) {
  const fl = [];
  for (let i = 0; i < REPEAT; i++) fl.push(await floor(files[kind]));
  const f = best(fl, 'wall');
  const results = {};
  for (const [build, root] of BUILDS) {
    const rs = [];
    for (let i = 0; i < REPEAT; i++) rs.push(await run(build, root, kind));
    results[build] = { wall: best(rs, 'wall').wall, rss: best(rs, 'rssMiB').rssMiB, exit: rs[0].exit };
  }
  for (const [build] of BUILDS) {
    const r = results[build];
    const base = results.base;
    const ratio = (a, b) => (b ? (a / b).toFixed(2) : '—');
    console.log(
      `${kind.padEnd(18)} ${build.padEnd(7)} ${String(r.exit).padStart(4)} ${r.wall.toFixed(2).padStart(8)} ${ratio(r.wall, f.wall).padStart(8)} ${r.rss.toFixed(0).padStart(10)} ${(base ? ratio(r.wall, base.wall) : '—').padStart(12)} ${(base ? ratio(r.rss, base.rss) : '—').padStart(11)}`,
    );
  }
}
