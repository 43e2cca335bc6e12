// `uchebnik export specifications` on a region of 700 schools × 5 publishers (3,500 workbooks).
// Build first (npm run build), then: node bench/export-specifications.mjs [schools] [lines-per-publisher]
//
// The state is generated straight through the workspace's store functions (registry, five price lists
// of 400 items, one formed order per school with 80 lines per publisher — 280,000 order lines, the
// size of the region measured in PITFALLS.md) into bench/out/spec-ws, once; later runs reuse it.
// Each export runs in its own child process so that its peak RSS (process.resourceUsage().maxRSS) is
// the export's alone: once as the package, once with --zip. The processor time (user + system) is
// printed beside the wall time: on a busy machine the wall time mostly measures the other jobs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.join(HERE, '..', 'dist');
const SCHOOLS = Number(process.argv[2] ?? 700);
const LINES = Number(process.argv[3] ?? 80);
const PUBLISHERS = ['Просвещение', 'Дрофа', 'Русское слово', 'Мнемозина', 'Бином. Лаборатория знаний'];
const ITEMS = 400;
const WS = path.join(HERE, 'out', `spec-ws-${SCHOOLS}-${LINES}`);

if (process.argv[2] === '--child') {
  // The export alone, in a fresh process.
  const { main } = await import(path.join(DIST, 'main.js'));
  const [, , , ws, out, ...extra] = process.argv;
  const printed = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const code = await main(['node', 'uchebnik', 'export', 'specifications', '--out', out, '--force', '--json', '-w', ws, ...extra], { stdout: { write: (s) => (printed.push(s), true) }, stderr: { write: () => true } }, { NO_COLOR: '1' }, process.cwd());
  const ms = performance.now() - started;
  const json = JSON.parse(printed.join(''));
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ code, ms: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000), files: json.files, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
  process.exit(0);
}

const SURNAMES = ['Горецкий В.Г., Кирюшкин В.А., Виноградская Л.А. и др.', 'Канакина В.П., Горецкий В.Г.', 'Моро М.И., Бантова М.А., Бельтюкова Г.В. и др.', 'Атанасян Л.С., Бутузов В.Ф., Кадомцев С.Б. и др.', 'Пёрышкин А.В.'];
const TITLES = ['Азбука. В 2-х частях. Часть 1', 'Русский язык', 'Математика. В 2-х частях. Часть 2', 'Геометрия. 7-9 классы', 'Физика (базовый уровень). Учебник с электронным приложением'];

async function generate() {
  const { initWorkspace } = await import(path.join(DIST, 'io', 'workspace', 'workspace.js'));
  const { saveRegistry } = await import(path.join(DIST, 'features', 'registry', 'store.js'));
  const { savePriceList } = await import(path.join(DIST, 'features', 'pricelist', 'store.js'));
  const { saveOrder } = await import(path.join(DIST, 'features', 'order', 'store.js'));
  fs.rmSync(WS, { recursive: true, force: true });
  const ws = await initWorkspace(WS, { year: 2018, region: 'Область для замера', timezone: 'Europe/Samara' });
  const now = '2019-02-01T10:00:00.000+04:00';
  await ws.withLock('bench', async () => {
    const municipalities = Array.from({ length: 20 }, (_, i) => ({ code: String(i + 1).padStart(2, '0'), name: `Муниципальный район № ${i + 1}` }));
    const schools = Array.from({ length: SCHOOLS }, (_, i) => {
      const m = municipalities[i % municipalities.length];
      const code = `${m.code}${String(Math.floor(i / municipalities.length) + 1).padStart(3, '0')}`;
      return { code, short_name: `МБОУ СОШ № ${i + 1}`, full_name: `Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № ${i + 1}»`, municipality: m.code, inn: String(1800000000 + i), kpp: '180101001' };
    });
    await saveRegistry(ws, { municipalities, schools });
    const items = {};
    for (const [p, publisher] of PUBLISHERS.entries()) {
      items[publisher] = Array.from({ length: ITEMS }, (_, i) => ({
        key: `code:${p}-${i}`,
        publisher,
        fpu_code: `1.${p + 1}.${1 + (i % 3)}.${1 + (i % 7)}.${1 + (i % 11)}.${i + 1}`,
        item_code: `${p}${String(i).padStart(4, '0')}-18`,
        isbn: `978509${String(p * 1000 + i).padStart(6, '0')}0`,
        authors: SURNAMES[i % SURNAMES.length],
        title: `${TITLES[i % TITLES.length]} (${i})`,
        grade_from: 1 + (i % 11),
        grade_to: 1 + (i % 11),
        price_kopecks: 20000 + ((i * 7919) % 60000),
        vat_rate: i % 9 === 0 ? 18 : 10,
      }));
      await savePriceList(ws, { publisher, versions: [{ version: 1, loaded_at: now, source: { file: `${p}.xlsx`, sha256: '0'.repeat(64), stored: 'inputs/x' }, items: items[publisher] }] });
    }
    for (const [s, school] of schools.entries()) {
      const lines = PUBLISHERS.flatMap((publisher) =>
        Array.from({ length: LINES }, (_, j) => {
          const it = items[publisher][(s * 13 + j * 5) % ITEMS];
          return { publisher, item_key: it.key, grade: it.grade_from, quantity: 1 + ((s + j) % 60), price_kopecks: it.price_kopecks };
        }),
      );
      // one line per item and grade, as a validated order has
      const seen = new Set();
      const unique = lines.filter((l) => !seen.has(`${l.publisher}/${l.item_key}`) && seen.add(`${l.publisher}/${l.item_key}`));
      const totals = { copies: unique.reduce((n, l) => n + l.quantity, 0), sum_kopecks: unique.reduce((n, l) => n + l.quantity * l.price_kopecks, 0) };
      await saveOrder(ws, {
        school: school.code,
        municipality: school.municipality,
        versions: [{ version: 1, state: 'formed', submitted_at: now, agreed_at: now, formed_at: now, source: { file: `${school.code}.xlsx`, sha256: '0'.repeat(64), stored: 'inputs/x' }, lines: unique, totals, errors: 0 }],
      });
    }
  });
}

if (!fs.existsSync(path.join(WS, 'state', 'orders'))) {
  const t = performance.now();
  await generate();
  console.log(`generated ${WS} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

for (const extra of [[], ['--zip']]) {
  const out = path.join(HERE, 'out', 'spec-package');
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', WS, out, ...extra], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const m = JSON.parse(r.stdout.trim().split('\n').pop());
  let bytes = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else bytes += fs.statSync(path.join(d, e.name)).size;
    }
  };
  walk(out);
  console.log(
    JSON.stringify({
      run: extra.join(' ') || 'package',
      schools: SCHOOLS,
      linesPerWorkbook: LINES,
      files: m.files,
      wallSeconds: +(m.ms / 1000).toFixed(2),
      msPerWorkbook: +(m.ms / m.files).toFixed(2),
      cpuMsPerWorkbook: +(m.cpuMs / m.files).toFixed(2),
      peakRssMiB: m.peakRssMiB,
      packageMiB: +(bytes / 2 ** 20).toFixed(1),
    }),
  );
}
