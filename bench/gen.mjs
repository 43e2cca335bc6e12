// Generates a region for the campaign bench (bench/run.mjs). Deterministic: the same arguments give
// the same region (seeded PRNG, bench/lib/model.mjs), the same order workbooks byte for byte.
//
//   npm run bench:gen -- [--profile region|state|nation] [--schools 700] [--lines 400] [--fill 0.8]
//                        [--municipalities N] [--seed S] [--out DIR]
//
// Every profile makes bench/out/<profile>-<schools>x<lines>/ with
//   inputs/registry.csv, inputs/pricelists/*.csv   Windows-1251, as regions and publishers send them
//   ws-base/             a workspace (init --template textbooks, registry import, five pricelist loads,
//                        all through the CLI, so the stored catalogue is exactly what uchebnik makes of it)
//   expected.json        the totals `consolidate region` must find: copies and kopecks per publisher
//
// region (default): files/<school>.xlsx, one filled order form per school as Excel saves it
//   (bench/lib/order-xlsx.mjs): the form lists ceil(lines / fill) rows, the school fills `lines` of
//   them; one file in 35 has a mistake (bench/lib/model.mjs MISTAKES), all but one kind are errors,
//   so `order submit` refuses those and expected.json leaves them out.
// state: no files; every school's order written straight into ws-base/state/orders/ as the order
//   store writes it (schema 1, pretty JSON), already formed — for the bench of the later stages.
// nation: state with 40,000 schools (unless --schools), plus the 700-school state profile of the
//   same --lines beside it (bench/run.mjs --profile nation compares the two).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { ACCEPTED_MISTAKES, catalogue, mistakeOf, registry, schoolOrder, Totals } from './lib/model.mjs';
import { orderWorkbook } from './lib/order-xlsx.mjs';
import { snapshot } from './lib/snapshot.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..');
// the build copied aside, so that another engineer's rebuild of dist/ cannot break a generation midway
let app;
const APP = () => (app ??= snapshot(`gen-${process.pid}`));
const BIN = () => APP().bin;
const DIST = (...p) => path.join(APP().dist, ...p);
const OUT = path.join(HERE, 'out');

const YEAR = 2018;
const REGION = 'Область для замера';
const TZ = 'Europe/Samara';

function args(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) o[a.slice(2)] = true;
    else (o[a.slice(2)] = v), i++;
  }
  return o;
}

const csvCell = (v) => {
  const s = String(v ?? '');
  return /[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const csv = (rows) => iconv.encode(rows.map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n', 'win1251');
const money = (kopecks) => `${Math.floor(kopecks / 100)},${String(kopecks % 100).padStart(2, '0')}`;

function cli(ws, ...a) {
  try {
    return execFileSync(process.execPath, [BIN(), ...a, '-w', ws, '--json'], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 }).toString();
  } catch (err) {
    throw new Error(`uchebnik ${a.join(' ')} exited ${err.status}:\n${err.stderr}`);
  }
}

/** The workspace and the inputs every profile shares. Returns what the rest needs. */
function base(dir, o) {
  const cat = catalogue(o.seed, o.rows);
  const reg = registry(o.seed, o.schools, o.municipalities);
  fs.mkdirSync(path.join(dir, 'inputs', 'pricelists'), { recursive: true });

  const grades = Array.from({ length: 11 }, (_, g) => `${g + 1} класс`);
  const registryRows = [
    ['Реестр общеобразовательных организаций', ...Array(18).fill('')],
    ['Код ОО', 'Краткое наименование', 'Полное наименование', 'Код МО', 'Муниципальное образование', 'ИНН', 'КПП', 'Тип учреждения', ...grades],
    ...reg.schools.map((s) => [s.code, s.short_name, s.full_name, s.municipality, s.municipality_name, s.inn, s.kpp, s.legal_form, ...grades.map((_, g) => s.students[String(g + 1)] ?? '')]),
  ];
  const registryCsv = path.join(dir, 'inputs', 'registry.csv');
  fs.writeFileSync(registryCsv, csv(registryRows));
  const priceCsvs = cat.publishers.map((p) => {
    const file = path.join(dir, 'inputs', 'pricelists', `${p.file}.csv`);
    fs.writeFileSync(
      file,
      csv([
        ['', '', '', p.name.toUpperCase(), '', '', '', '', ''],
        ['', '', '', `Ценовое предложение на ${YEAR} год`, '', '', '', '', ''],
        ['№ п/п', '№ по ФП', 'Код 1С', 'ISBN', 'Авторы', 'Наименование учебника', 'Класс', 'Цена с НДС, руб.', 'НДС'],
        ...p.items.map((it, i) => [i + 1, it.fpu_code, it.item_code, it.isbn, it.authors, it.title, it.grade_from === it.grade_to ? it.grade_from : `${it.grade_from}-${it.grade_to}`, money(it.price_kopecks), `${it.vat_rate}%`]),
      ]),
    );
    return { publisher: p.name, file };
  });

  const ws = path.join(dir, 'ws-base');
  execFileSync(process.execPath, [BIN(), 'init', ws, '--year', String(YEAR), '--region', REGION, '--tz', TZ, '--template', 'textbooks'], { stdio: 'ignore' });
  // init gives the campaign a random id and the time of day: fix both, so the files (whose hidden sheet
  // names the campaign) are the same on every run.
  const markerFile = path.join(ws, 'uchebnik.json');
  const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8'));
  marker.campaign.id = createHash('sha256').update(`campaign:${o.seed}`).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/, '$1-$2-$3-$4-$5');
  marker.campaign.created_at = '2018-01-09T09:00:00.000+04:00';
  fs.writeFileSync(markerFile, JSON.stringify(marker, null, 2) + '\n');
  cli(ws, 'registry', 'import', registryCsv);
  for (const p of priceCsvs) cli(ws, 'pricelist', 'load', p.file, '--publisher', p.publisher);

  // The keys uchebnik gave the items, as the order store refers to them.
  const keys = new Map();
  for (const name of fs.readdirSync(path.join(ws, 'state', 'pricelists'))) {
    const list = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'pricelists', name), 'utf8'));
    const items = list.versions[list.versions.length - 1].items;
    for (const it of items) keys.set(`${it.publisher}\u0000${it.item_code}`, it);
  }
  let stored = 0;
  for (const p of cat.publishers) {
    for (const it of p.items) {
      const s = keys.get(`${p.name}\u0000${it.item_code}`);
      if (!s || s.price_kopecks !== it.price_kopecks || s.grade_from !== it.grade_from || s.grade_to !== it.grade_to) throw new Error(`price list of ${p.name}: item ${it.item_code} not stored as generated`);
      it.key = s.key;
      stored++;
    }
  }
  const storedSchools = JSON.parse(fs.readFileSync(path.join(ws, 'state', 'registry.json'), 'utf8')).schools.length;
  if (storedSchools !== reg.schools.length) throw new Error(`registry: ${storedSchools} schools stored of ${reg.schools.length}`);
  return { cat, reg, ws, campaign: marker.campaign, items: stored };
}

const rowHeight = (it) => (it.title.length > 46 || it.authors.length > 26 ? 30 : 15);

/** The order files of profile region. */
async function orderFiles(dir, o, { cat, reg, campaign }) {
  const { zipEntry, zipBuffer } = await import(DIST('io', 'sheets', 'zip-write.js'));
  const { dataChecksum } = await import(DIST('io', 'sheets', 'data-sheet.js'));
  const files = path.join(dir, 'files');
  fs.mkdirSync(files, { recursive: true });
  const expected = new Totals();
  const scan = { files: 0, rows: 0, cells: 0, copies: 0, kopecks: 0, bytes: 0 };
  const mistakes = [];
  const columns = ['row', 'school', 'publisher', 'item_key', 'grade', 'price_kopecks'];
  const title = `Заказ учебников на ${YEAR}/${YEAR + 1} учебный год — ${REGION}`;
  for (const school of reg.schools) {
    const order = schoolOrder(o.seed, school, cat.template, o.lines);
    const qty = new Map(order.map((l) => [l.t, l.quantity]));
    const rows = cat.template.map(({ item, grade }, t) => ({
      publisher: item.publisher,
      fpu_code: item.fpu_code,
      item_code: item.item_code,
      isbn: item.isbn,
      authors: item.authors,
      title: item.title,
      grade,
      price: item.price_kopecks / 100,
      quantity: qty.get(t) ?? null,
      height: rowHeight(item),
    }));
    const form = { school: school.code, schoolName: school.full_name, municipalityName: school.municipality_name, title, rows };
    const kind = mistakeOf(school.index, reg.schools.length);
    const ordered = order.map((l) => l.t);
    const mid = ordered[Math.floor(ordered.length / 2)];
    const row = rows[mid];
    switch (kind) {
      case 'qty-text':
        row.quantity = 'пять';
        break;
      case 'qty-fraction':
        row.quantity = 2.5;
        break;
      case 'price-typed':
        row.price = (Math.round(row.price * 100) + 1000) / 100;
        break;
      case 'duplicate-line': {
        const prev = rows[ordered[Math.floor(ordered.length / 2) - 1]];
        for (const k of ['publisher', 'fpu_code', 'item_code', 'isbn', 'authors', 'title', 'grade', 'price']) row[k] = prev[k];
        break;
      }
      case 'grade-changed': {
        const single = ordered.find((t) => cat.template[t].item.grade_from === cat.template[t].item.grade_to);
        rows[single].grade = (rows[single].grade % 11) + 1;
        break;
      }
      case 'unknown-item':
        Object.assign(row, { fpu_code: '', item_code: 'ZZ999999', isbn: '', authors: 'Иванова И.И.', title: 'Рабочая тетрадь, которой нет в прайс-листе' });
        break;
      case 'unknown-school':
        form.school = `9${school.code}9`;
        break;
      case 'over-students':
        row.quantity = Math.floor(school.students[String(row.grade)] * 1.1) + 3;
        break;
    }
    // Excel's results of the formulas: H*I per row (a text quantity is #VALUE!), SUM of each column.
    let copies = 0;
    let sum = 0;
    let broken = false;
    for (const r of rows) {
      if (typeof r.quantity === 'number') {
        copies += r.quantity;
        r.sum = { formula: true, value: r.price * r.quantity };
        scan.copies += r.quantity;
        scan.kopecks += Math.round(r.quantity * Math.round(r.price * 100));
      } else if (typeof r.quantity === 'string') {
        r.sum = { formula: true, value: '#VALUE!' };
        broken = true;
      } else r.sum = { formula: true, value: 0 };
    }
    if (kind === 'sum-typed') row.sum = { formula: false, value: (Math.round(row.price * row.quantity * 100) + 10000) / 100 };
    for (const r of rows) if (typeof r.sum.value === 'number') sum += r.sum.value;
    form.total = { copies: { formula: true, value: copies }, sum: { formula: true, value: broken ? '#VALUE!' : sum } };
    if (kind === 'total-typed') form.total.copies = { formula: false, value: copies + 10 };

    const data = cat.template.map(({ item, grade }, t) => [6 + t, school.code, item.publisher, item.key, grade, item.price_kopecks]);
    const meta = [
      ['kind', 'order-template'],
      ['campaign', campaign.id],
      ['schema', '1'],
      ['written_at', '2019-01-15T07:00:00.000Z'],
      ['school', school.code],
      ['municipality', school.municipality],
      ['region', REGION],
      ['year', String(YEAR)],
      ['rows', String(data.length)],
      ['checksum', dataChecksum(columns, data)],
    ];
    const { buffer, cells } = orderWorkbook({ zipEntry, zipBuffer }, form, { meta, columns, rows: data });
    const file = path.join(files, `${school.code}.xlsx`);
    fs.writeFileSync(file, buffer);
    scan.files++;
    scan.rows += rows.length;
    scan.cells += cells;
    scan.bytes += buffer.length;

    if (kind) mistakes.push({ file: path.basename(file), school: school.code, kind, accepted: ACCEPTED_MISTAKES.has(kind) });
    if (kind && !ACCEPTED_MISTAKES.has(kind)) continue;
    for (const l of order) {
      const { item, grade } = cat.template[l.t];
      expected.add(school.code, item.publisher, l.t === mid && kind === 'over-students' ? row.quantity : l.quantity, item.price_kopecks, `${item.key}\u0000${grade}`);
    }
  }
  return { expected, scan, mistakes };
}

/** Profiles state and nation: every school's order formed, written as the order store writes it (its schema 2). */
async function orderStates(dir, o, { cat, reg, ws }) {
  const { formatOrder } = await import(DIST('features', 'order', 'order-file.js'));
  const { entityKey } = await import(DIST('io', 'workspace', 'paths.js'));
  const orders = path.join(ws, 'state', 'orders');
  fs.mkdirSync(orders, { recursive: true });
  const expected = new Totals();
  let bytes = 0;
  for (const school of reg.schools) {
    const order = schoolOrder(o.seed, school, cat.template, o.lines);
    const lines = order.map((l) => {
      const { item, grade } = cat.template[l.t];
      expected.add(school.code, item.publisher, l.quantity, item.price_kopecks, `${item.key}\u0000${grade}`);
      return { publisher: item.publisher, item_key: item.key, grade, quantity: l.quantity, price_kopecks: item.price_kopecks, row: 6 + l.t };
    });
    const sha256 = createHash('sha256').update(`${o.seed}:${school.code}`).digest('hex');
    const day = String(1 + (school.index % 9)).padStart(2, '0');
    const record = {
      school: school.code,
      municipality: school.municipality,
      versions: [
        {
          version: 1,
          state: 'formed',
          submitted_at: `2019-02-${day}T10:15:00.000+04:00`,
          source: { file: `${school.code}.xlsx`, sha256, stored: `inputs/${sha256}.xlsx` },
          lines,
          totals: { copies: lines.reduce((n, l) => n + l.quantity, 0), sum_kopecks: lines.reduce((n, l) => n + l.quantity * l.price_kopecks, 0) },
          errors: 0,
          agreed_at: `2019-02-${day}T15:40:00.000+04:00`,
          formed_at: `2019-02-${day}T16:05:00.000+04:00`,
        },
      ],
    };
    // the order store's own format (src/features/order/order-file.ts), at the school's key (src/io/workspace/keyed.ts)
    const text = formatOrder(record);
    fs.writeFileSync(path.join(orders, `${entityKey(school.code)}.json`), text);
    bytes += Buffer.byteLength(text);
  }
  return { expected, stateBytes: bytes };
}

export async function generate(opts) {
  const profile = opts.profile ?? 'region';
  if (!['region', 'state', 'nation'].includes(profile)) throw new Error(`unknown profile ${profile}`);
  const schools = Number(opts.schools ?? (profile === 'nation' ? 40000 : 700));
  const lines = Number(opts.lines ?? 400);
  const fill = Number(opts.fill ?? 0.8);
  const o = {
    profile,
    seed: String(opts.seed ?? 'uchebnik-bench-1'),
    schools,
    lines,
    fill,
    rows: Math.ceil(lines / fill),
    municipalities: Number(opts.municipalities ?? Math.ceil(schools / 20)),
  };
  if (!(schools > 0 && lines > 0 && fill > 0 && fill <= 1 && o.municipalities > 0 && o.municipalities <= schools)) throw new Error('bad --schools / --lines / --fill / --municipalities');
  const dir = path.resolve(opts.out ?? path.join(OUT, `${profile}-${schools}x${lines}`));
  const started = performance.now();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  console.error(`generating ${profile}: ${schools} schools, ${o.municipalities} municipalities, ${o.rows} rows per form, ${lines} ordered → ${path.relative(ROOT, dir)}`);
  const b = base(dir, o);
  const result = profile === 'region' ? await orderFiles(dir, o, b) : await orderStates(dir, o, b);
  const totals = result.expected.toJSON();
  const expected = {
    profile,
    seed: o.seed,
    schools,
    municipalities: o.municipalities,
    rows_per_form: o.rows,
    lines_per_school: lines,
    catalogue_items: b.items,
    workspace: 'ws-base',
    ...(profile === 'region'
      ? {
          files: 'files',
          file_count: result.scan.files,
          // what a scan of all files must find: rows of the forms, value cells of the order sheets, and the
          // sum of quantity × price over every row whose quantity is a number (mistaken files included)
          scan: result.scan,
          mistakes: result.mistakes,
          refused: result.mistakes.filter((m) => !m.accepted).map((m) => m.school),
        }
      : { state_bytes: result.stateBytes }),
    // what `consolidate region` must count: the formed orders (files refused by submit left out)
    expected: { formed_schools: profile === 'region' ? schools - result.mistakes.filter((m) => !m.accepted).length : schools, ...totals },
  };
  fs.writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
  fs.writeFileSync(path.join(OUT, `last-${profile}.json`), JSON.stringify({ dir: path.relative(ROOT, dir) }) + '\n');
  console.error(
    `done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${totals.total.lines} order lines, ${totals.total.copies} copies, ${totals.total.sum_kopecks} kopecks` +
      (profile === 'region' ? `; ${result.scan.files} files (${(result.scan.bytes / 2 ** 20).toFixed(1)} MiB), ${result.mistakes.length} with mistakes` : `; state ${(result.stateBytes / 2 ** 20).toFixed(0)} MiB`),
  );
  return { dir, expected };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = args(process.argv.slice(2));
  try {
    // the 700-school state profile of the same lines, to compare the nation's costs with
    if (opts.profile === 'nation' && !opts['no-companion']) await generate({ ...opts, profile: 'state', schools: 700, municipalities: undefined, out: undefined });
    await generate(opts);
  } finally {
    if (app) fs.rmSync(app.dir, { recursive: true, force: true });
  }
}
