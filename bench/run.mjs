// The campaign bench: times each stage of a campaign on a generated region (bench/gen.mjs), every
// command as a whole child process (bench/lib/measure.mjs: wall, peak RSS, processor time), next to
// the lower bound of reading the same files (bench/lowerbound.mjs, on 1 core and on 2 worker threads),
// checks the totals kopeck-exact against what the generator expects, and judges each figure against
// issue 20's targets. Prints a table (or, with --json, the JSON on stdout and the table on stderr) and
// writes bench/out/results.json (results-nation.json for the nation profile; -profiled with --cpu-prof).
//
//   npm run bench [-- --dir DIR] [--json] [--timeout-min 15] [--starts 7] [--repeat 1] [--cpu-prof STAGE] [--no-peer]
//   npm run bench -- --profile nation [--json] [--cpu-prof STAGE]
//
// Profile region (default; the last `npm run bench:gen` of that profile, or --dir): a copy of its
// ws-base, then the scan, lower bound ×2, the peer (skipped without Python, or with --no-peer), `order validate` of all files, `order submit` of all files,
// `order agree --all` and `order form --all`, `consolidate region`, `export specifications`,
// `deadlines check`, and the CLI's start (`node -e 0` beside `--version` and `--help`, each --starts times, the median).
// Profile nation: on the state-only workspaces of `npm run bench:gen -- --profile nation` (700 and
// 40,000 schools of the same lines per school): `consolidate region`, `export specifications`
// (`--manifest-only` when the command has it), `deadlines check`, and the growth of each stage's cost.
// --repeat N: the stages that change nothing (lower bound, validate, deadlines) run N times, median kept.
// --cpu-prof STAGE[,STAGE…]: the stages whose name contains STAGE run under node --cpu-prof, and the five
// functions with the most self time are reported (that run's own timing is then a few % high).
// A stage over --timeout-min minutes is killed and reported as timed out; the bench goes on.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { topSelf } from './cpuprof-top.mjs';
import { METHOD, measure } from './lib/measure.mjs';
import { snapshot } from './lib/snapshot.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..');
const OUT = path.join(HERE, 'out');
const LOWER = path.join(HERE, 'lowerbound.mjs');
const PEER = path.join(HERE, 'peer-pandas.py');
const MiB = 1;
const AS_OF = '2019-03-01';

const opts = {};
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) opts[a.slice(2)] = true;
  else (opts[a.slice(2)] = v), i++;
}
const profile = opts.profile ?? 'region';
const timeoutMs = Number(opts['timeout-min'] ?? 15) * 60_000;
const starts = Number(opts.starts ?? 7);
/** runs of the stages that change nothing (lower bound, validate, deadlines); the median is kept */
const repeat = Number(opts.repeat ?? 1);
const json = opts.json === true;
const say = (s) => process.stderr.write(s + '\n');
// every stage runs this copy of the build, which other engineers' rebuilds of dist/ do not touch
const APP = snapshot(`run-${profile}`);
const BIN = APP.bin;

function locate(kind) {
  const pointer = path.join(OUT, `last-${kind}.json`);
  if (!fs.existsSync(pointer)) throw new Error(`no generated ${kind} profile: run npm run bench:gen -- --profile ${kind === 'state' ? 'nation' : kind} first`);
  return path.join(ROOT, JSON.parse(fs.readFileSync(pointer, 'utf8')).dir);
}

const slug = (s) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();

/** One stage: the command run `repeat` times (the median kept), measured, logged under run/logs. */
async function stage(ctx, name, args, { rows, expect = [0], repeat = 1, uchebnik = true, exec } = {}) {
  const profiling = typeof opts['cpu-prof'] === 'string' && opts['cpu-prof'].split(',').some((p) => p && name.includes(p));
  const nodeFlags = profiling ? ['--cpu-prof', '--cpu-prof-dir', path.join(ctx.run, 'prof', slug(name))] : [];
  const argv = uchebnik ? [BIN, ...args, ...(ctx.ws && !args.includes('--version') && !args.includes('--help') ? ['-w', ctx.ws] : [])] : args;
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    const m = await measure(argv, { log: path.join(ctx.run, 'logs', slug(name)), timeoutMs, env: { ...process.env, NO_COLOR: '1' }, cwd: ROOT, nodeFlags, exec });
    runs.push(m);
    if (m.timedOut) break;
  }
  const sorted = [...runs].sort((a, b) => a.wall - b.wall);
  const m = sorted[Math.floor((sorted.length - 1) / 2)];
  const rec = {
    stage: name,
    command: exec ? `${exec} ${args.map((a) => path.relative(ROOT, a)).join(' ')}` : uchebnik ? `uchebnik ${args.map((a) => (a.length > 60 ? '…' + a.slice(-40) : a)).slice(0, 12).join(' ')}${args.length > 12 ? ` … (${args.length} args)` : ''}` : `node ${path.relative(ROOT, args[0])} ${args.slice(1, 3).join(' ')}`,
    runs: runs.length,
    exit: m.timedOut ? 'timeout' : m.signal ? m.signal : m.exit,
    exit_ok: !m.timedOut && expect.includes(m.exit),
    wall_s: +m.wall.toFixed(3),
    ...(runs.length > 1 ? { wall_min_s: +sorted[0].wall.toFixed(3), wall_max_s: +sorted[sorted.length - 1].wall.toFixed(3) } : {}),
    cpu_s: m.cpu === undefined ? null : +m.cpu.toFixed(2),
    peak_rss_mib: m.rssMiB === undefined ? null : Math.round(Math.max(...runs.map((r) => r.rssMiB ?? 0)) / MiB),
    rows: rows ?? null,
    rows_per_s: rows && !m.timedOut && expect.includes(m.exit) ? Math.round(rows / m.wall) : null,
    ...(m.rssPolled ? { peak_rss_note: 'killed: the peak RSS polled from /proc until then' } : {}),
    ...(profiling ? { profiled: true } : {}),
  };
  if (profiling) {
    const dir = path.join(ctx.run, 'prof', slug(name));
    // main thread and workers; with repeated runs, those of the last run (the names start with the date, then the pid)
    const all = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
    const pid = all.length ? all[all.length - 1].split('.')[3] : undefined;
    const files = all.filter((f) => f.split('.')[3] === pid).map((f) => path.join(dir, f));
    if (files.length) rec.cpu_profile = { dir: path.relative(ROOT, dir), ...topSelf(files, 5) };
  }
  say(`  ${name.padEnd(34)} exit ${String(rec.exit).padEnd(7)} ${rec.wall_s.toFixed(2).padStart(8)} s  ${String(rec.peak_rss_mib ?? '?').padStart(5)} MiB${rec.exit_ok ? '' : `  (expected exit ${expect.join('/')}; see ${path.relative(ROOT, path.join(ctx.run, 'logs', slug(name)))}.err)`}`);
  ctx.stages.push(rec);
  return { rec, stdout: m.stdout };
}

function parse(stdout) {
  try {
    return JSON.parse(stdout);
  } catch {
    return undefined;
  }
}

/** consolidate region's totals against the generator's, per publisher and in all, to the kopeck. */
function checkTotals(ctx, label, got, exp) {
  const problems = [];
  if (!got) problems.push('no JSON output');
  else {
    const gotBy = new Map((got.publishers ?? []).map((p) => [p.publisher, p]));
    for (const p of exp.publishers) {
      const g = gotBy.get(p.publisher);
      if (!g) problems.push(`${p.publisher}: missing`);
      else {
        for (const k of ['copies', 'sum_kopecks', 'schools']) if (g[k] !== undefined && g[k] !== p[k]) problems.push(`${p.publisher}: ${k} ${g[k]} ≠ expected ${p[k]}`);
        // consolidate's `lines` are its rows: one per item and grade
        if (g.lines !== undefined && g.lines !== p.consolidated_rows) problems.push(`${p.publisher}: lines ${g.lines} ≠ expected ${p.consolidated_rows} items × grades`);
      }
    }
    for (const g of got.publishers ?? []) if (!exp.publishers.some((p) => p.publisher === g.publisher)) problems.push(`${g.publisher}: not expected`);
    for (const k of ['copies', 'sum_kopecks']) if (got.total?.[k] !== exp.total[k]) problems.push(`total ${k} ${got.total?.[k]} ≠ expected ${exp.total[k]}`);
    if (got.schools !== undefined && got.schools !== exp.formed_schools) problems.push(`schools ${got.schools} ≠ expected ${exp.formed_schools}`);
  }
  ctx.checks.push({ check: label, pass: problems.length === 0, detail: problems.length ? problems.slice(0, 5).join('; ') : `${exp.total.copies} copies, ${exp.total.sum_kopecks} kopecks, ${exp.publishers.length} publishers: exact` });
}

function checkExport(ctx, got, exp) {
  const problems = [];
  const workbooks = exp.publishers.reduce((n, p) => n + p.schools, 0);
  if (!got) problems.push('no JSON output');
  else {
    if (got.files !== undefined && got.files !== workbooks) problems.push(`files ${got.files} ≠ expected ${workbooks}`);
    for (const k of ['copies', 'sum_kopecks']) if (got.total?.[k] !== exp.total[k]) problems.push(`total ${k} ${got.total?.[k]} ≠ expected ${exp.total[k]}`);
  }
  ctx.checks.push({ check: 'export specifications totals = expected', pass: problems.length === 0, detail: problems.length ? problems.join('; ') : `${workbooks} workbooks, ${exp.total.sum_kopecks} kopecks: exact` });
  return workbooks;
}

/** A target met when `value` ≤ `limit` (≥ with `atLeast`). */
function target(ctx, rec, name, value, limit, unit, atLeast = false) {
  const t = { stage: rec.stage, target: name, value: value === null || value === undefined ? null : +value.toFixed(3), limit, unit, pass: value !== null && value !== undefined && rec.exit_ok && (atLeast ? value >= limit : value <= limit) };
  if (!rec.exit_ok) t.unfinished = `the stage ended with ${rec.exit}`;
  (rec.targets ??= []).push(t);
  ctx.targets.push(t);
}

function exportFlags() {
  const help = spawnSync(process.execPath, [BIN, 'export', 'specifications', '--help'], { encoding: 'utf8' }).stdout;
  return { manifestOnly: help.includes('--manifest-only') };
}

/**
 * A Python that has pandas and openpyxl for the peer (bench/peer-pandas.py): the one on PATH, else
 * Debian's (`apt-get install python3-pandas python3-openpyxl` installs into /usr/bin/python3, which a
 * pyenv or venv python3 earlier on PATH does not see). Undefined when none has both.
 */
function peerPython() {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import pandas, openpyxl'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return undefined;
}

function machine() {
  return {
    nproc: Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()) || os.availableParallelism(),
    cpu: os.cpus()[0]?.model,
    memory_gib: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    load_average_start: os.loadavg().map((x) => +x.toFixed(2)),
    build: { copied_to: path.relative(ROOT, APP.dir), newest_file_of_dist: APP.built_at },
    rss_method: METHOD,
    timeout_min: timeoutMs / 60_000,
  };
}

// ---------------------------------------------------------------------------------------------- region

async function regionProfile() {
  const dir = opts.dir ? path.resolve(opts.dir) : locate('region');
  const exp = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
  if (exp.profile !== 'region') throw new Error(`${dir} is a ${exp.profile} profile, not region`);
  const run = path.join(dir, 'run');
  fs.rmSync(run, { recursive: true, force: true });
  fs.mkdirSync(run, { recursive: true });
  const ws = path.join(run, 'ws');
  fs.cpSync(path.join(dir, 'ws-base'), ws, { recursive: true });
  const files = fs
    .readdirSync(path.join(dir, exp.files))
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => path.join(dir, exp.files, f));
  const list = path.join(run, 'files.txt');
  fs.writeFileSync(list, files.join('\n') + '\n');
  const ctx = { run, ws, stages: [], checks: [], targets: [] };
  const e = exp.expected;
  const rows = exp.scan.rows;
  say(`region: ${exp.schools} schools, ${exp.municipalities} municipalities, ${files.length} files × ${exp.rows_per_form} rows (${exp.lines_per_school} ordered), ${e.total.lines} lines to consolidate — ${path.relative(ROOT, dir)}`);

  // The scan (bench/lowerbound.mjs without --floor) proves the files hold what the generator says; the
  // lower bound proper is the floor — inflate and decode only — on 1 thread and on 2 busy worker threads.
  let inflated = null;
  {
    const { stdout } = await stage(ctx, 'scan (counts), 1 thread', [LOWER, '--list', list], { rows, uchebnik: false });
    const got = parse(stdout);
    const same = got && ['files', 'rows', 'cells', 'copies', 'kopecks'].every((k) => got[k] === exp.scan[k]);
    ctx.checks.push({ check: 'the scan read what the generator wrote', pass: !!same, detail: same ? `${got.rows} rows, ${got.cells} cells, ${got.strings} shared strings, ${got.copies} copies, ${got.kopecks} kopecks` : JSON.stringify(got) });
    if (got) inflated = got.inflated;
  }
  const lb = [];
  for (const threads of [1, 2]) {
    const { rec, stdout } = await stage(ctx, `lower bound, ${threads} thread${threads > 1 ? 's' : ''}`, [LOWER, '--floor', '--threads', String(threads), '--list', list], { rows, uchebnik: false, repeat });
    const got = parse(stdout);
    const same = got && got.files === exp.scan.files && (inflated === null || got.inflated === inflated);
    ctx.checks.push({ check: `lower bound (${threads} thread${threads > 1 ? 's' : ''}) inflated and decoded every file's sheet and shared strings`, pass: !!same, detail: got ? `${got.files} files, ${got.inflated} bytes inflated (the scan: ${inflated}), ${got.chars} characters` : 'no JSON output' });
    lb.push(rec);
  }

  // The peer: pandas + openpyxl summing quantity × price per publisher, once (≈1 min); what an analyst
  // without uchebnik would run. Its totals must be the scan's, or the comparison would be of unequal work.
  const python = opts['no-peer'] ? undefined : peerPython();
  let peer;
  if (!python) say(`  peer (pandas + openpyxl)           skipped: ${opts['no-peer'] ? '--no-peer' : 'no python3 with pandas and openpyxl (Debian: apt-get install python3-pandas python3-openpyxl)'}`);
  else {
    const { rec, stdout } = await stage(ctx, 'peer (pandas + openpyxl)', [PEER, '--list', list], { rows, uchebnik: false, exec: python });
    const got = parse(stdout);
    const same = got && ['files', 'rows', 'copies', 'kopecks'].every((k) => got[k] === exp.scan[k]);
    ctx.checks.push({ check: 'peer (pandas + openpyxl) summed what the generator wrote', pass: !!same, detail: same ? `${got.rows} rows, ${got.copies} copies, ${got.kopecks} kopecks in ${Object.keys(got.publishers).length} publishers` : JSON.stringify(got) });
    peer = rec;
  }

  const validate = await stage(ctx, 'order validate (all files)', ['order', 'validate', ...files, '--json'], { rows, expect: [1], repeat });
  const report = parse(validate.stdout);
  {
    const bad = new Set((report?.files ?? []).filter((f) => !f.ok).map((f) => path.basename(f.file, '.xlsx')));
    const want = new Set(exp.refused);
    const same = report && bad.size === want.size && [...want].every((s) => bad.has(s));
    const rowsOk = report?.summary?.rows === rows;
    ctx.checks.push({ check: 'order validate: files with errors = the mistaken ones', pass: !!(same && rowsOk), detail: report ? `${bad.size} files with errors (expected ${want.size}), ${report.summary.rows} rows read (expected ${rows}), ${report.summary.warnings} warnings` : 'no JSON output' });
  }
  await stage(ctx, 'order submit (all files)', ['order', 'submit', ...files, '--json'], { rows, expect: [1] });
  const orders = fs.existsSync(path.join(ws, 'state', 'orders')) ? fs.readdirSync(path.join(ws, 'state', 'orders')).filter((f) => f.endsWith('.json')).length : 0;
  ctx.checks.push({ check: 'order submit stored the accepted files', pass: orders === e.formed_schools, detail: `${orders} orders stored, expected ${e.formed_schools}` });

  // `--all`: every ready school of the region in one run (each order read once), as an operator would.
  for (const step of ['agree', 'form']) await stage(ctx, `order ${step} --all`, ['order', step, '--all'], { rows: e.formed_schools });

  const cons = await stage(ctx, 'consolidate region', ['consolidate', 'region', '--json'], { rows: e.total.lines });
  checkTotals(ctx, 'consolidate region totals = generator (kopeck-exact)', parse(cons.stdout), e);
  const flags = exportFlags();
  const exp1 = await stage(ctx, 'export specifications', ['export', 'specifications', '--out', path.join(run, 'specifications'), '--force', '--json'], { rows: e.total.lines });
  const workbooks = checkExport(ctx, parse(exp1.stdout), e);
  exp1.rec.workbooks = workbooks;
  exp1.rec.ms_per_workbook = +((exp1.rec.wall_s * 1000) / workbooks).toFixed(2);
  await stage(ctx, `deadlines check --as-of ${AS_OF}`, ['deadlines', 'check', '--as-of', AS_OF, '--json'], { rows: exp.schools, expect: [0, 1], repeat });
  // Node's own start, the floor of the two below: on a slower machine it alone took 90–124 ms (bench/README.md, session 7).
  const nodeStart = await stage(ctx, 'node -e 0', ['-e', '0'], { uchebnik: false, repeat: starts });
  const version = await stage(ctx, 'uchebnik --version', ['--version'], { repeat: starts });
  const help = await stage(ctx, 'uchebnik --help', ['--help'], { repeat: starts });

  // ratios to the lower bound
  const [lb1, lb2] = lb;
  for (const r of ctx.stages) {
    if (!['order validate (all files)', 'order submit (all files)'].includes(r.stage)) continue;
    r.ratio_lb1 = +(r.wall_s / lb1.wall_s).toFixed(2);
    r.ratio_lb2 = +(r.wall_s / lb2.wall_s).toFixed(2);
    // processor time against the floor's on 2 threads: less sensitive to other jobs on the machine
    if (r.cpu_s && lb2.cpu_s) r.ratio_lb_cpu = +(r.cpu_s / lb2.cpu_s).toFixed(2);
  }
  const byName = (n) => ctx.stages.find((r) => r.stage === n);
  const v = byName('order validate (all files)');
  const sub = byName('order submit (all files)');
  if (peer) {
    // how many times faster than the peer, in wall and in processor time
    v.peer_ratio = +(peer.wall_s / v.wall_s).toFixed(1);
    if (peer.cpu_s && v.cpu_s) v.peer_ratio_cpu = +(peer.cpu_s / v.cpu_s).toFixed(1);
    target(ctx, v, `≥ 10× faster than the peer (its ${peer.wall_s.toFixed(1)} s wall, ${fmt(peer.cpu_s, 1)} s cpu; × ${fmt(v.peer_ratio_cpu, 1)} in cpu)`, v.peer_ratio, 10, '×', true);
  }
  // issue 20's targets (the lower bound is the floor on 2 worker threads, as `order validate` runs)
  target(ctx, v, 'wall ≤ 1.6× lower bound (2 threads)', v.ratio_lb2, 1.6, '×');
  target(ctx, v, 'cpu ≤ 2.5× lower bound', v.ratio_lb_cpu, 2.5, '×');
  target(ctx, v, 'peak RSS ≤ 300 MiB', v.peak_rss_mib, 300, 'MiB');
  target(ctx, sub, 'wall ≤ 2× lower bound (2 threads)', sub.ratio_lb2, 2, '×');
  target(ctx, byName('consolidate region'), 'wall ≤ 1.5 s', byName('consolidate region').wall_s, 1.5, 's');
  target(ctx, exp1.rec, 'avg ≤ 2 ms per workbook', exp1.rec.ms_per_workbook, 2, 'ms');
  target(ctx, exp1.rec, 'peak RSS ≤ 500 MiB', exp1.rec.peak_rss_mib, 500, 'MiB');
  const startFloor = `median wall ≤ 100 ms (node -e 0 alone: ${Math.round(nodeStart.rec.wall_s * 1000)} ms)`;
  target(ctx, version.rec, startFloor, version.rec.wall_s * 1000, 100, 'ms');
  target(ctx, help.rec, startFloor, help.rec.wall_s * 1000, 100, 'ms');
  return {
    profile: 'region',
    dir: path.relative(ROOT, dir),
    region: { schools: exp.schools, municipalities: exp.municipalities, files: files.length, rows_per_form: exp.rows_per_form, lines_per_school: exp.lines_per_school, rows, lines: e.total.lines, mistaken_files: exp.mistakes.length, refused_files: exp.refused.length, file_mib: +(exp.scan.bytes / 2 ** 20).toFixed(1), inflated_mib: inflated === null ? null : +(inflated / 2 ** 20).toFixed(1) },
    export_flags: flags,
    stages: ctx.stages,
    checks: ctx.checks,
    targets: ctx.targets,
  };
}

// ---------------------------------------------------------------------------------------------- nation

async function stateStages(dir, flags, label) {
  const exp = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
  const ws = path.join(dir, exp.workspace);
  const run = path.join(dir, 'run');
  fs.rmSync(run, { recursive: true, force: true });
  fs.mkdirSync(run, { recursive: true });
  // what earlier runs added: consolidations, the export record, the workbooks
  fs.rmSync(path.join(ws, 'state', 'consolidations'), { recursive: true, force: true });
  fs.rmSync(path.join(ws, 'state', 'specifications.json'), { force: true });
  fs.rmSync(path.join(ws, 'out'), { recursive: true, force: true });
  const ctx = { run, ws, stages: [], checks: [], targets: [] };
  const e = exp.expected;
  say(`${label}: ${exp.schools} schools, ${exp.municipalities} municipalities, ${e.total.lines} formed order lines, state ${(exp.state_bytes / 2 ** 20).toFixed(0)} MiB — ${path.relative(ROOT, dir)}`);
  const cons = await stage(ctx, 'consolidate region', ['consolidate', 'region', '--json'], { rows: e.total.lines });
  checkTotals(ctx, `${label}: consolidate region totals = generator (kopeck-exact)`, parse(cons.stdout), e);
  const exportArgs = ['export', 'specifications', '--out', path.join(run, 'specifications'), '--force', '--json', ...(flags.manifestOnly ? ['--manifest-only'] : [])];
  const ex = await stage(ctx, `export specifications${flags.manifestOnly ? ' --manifest-only' : ''}`, exportArgs, { rows: e.total.lines });
  if (ex.rec.exit === 'timeout') {
    // how far it got: the workbooks in the package folder being built (a hidden sibling of --out)
    let written = 0;
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith('.xlsx')) written++;
      }
    };
    walk(run);
    const workbooks = e.publishers.reduce((n, p) => n + p.schools, 0);
    ex.rec.progress = { workbooks_written: written, workbooks, ms_per_workbook_so_far: written ? +((ex.rec.wall_s * 1000) / written).toFixed(2) : null };
    say(`    killed after ${written} of ${workbooks} workbooks`);
    for (const name of fs.readdirSync(run)) if (name.startsWith('.specifications.')) fs.rmSync(path.join(run, name), { recursive: true, force: true });
  }
  if (ex.rec.exit_ok) {
    const workbooks = checkExport(ctx, parse(ex.stdout), e);
    ex.rec.workbooks = workbooks;
    ex.rec.ms_per_workbook = +((ex.rec.wall_s * 1000) / workbooks).toFixed(2);
    ctx.checks[ctx.checks.length - 1].check = `${label}: ${ctx.checks[ctx.checks.length - 1].check}`;
  }
  await stage(ctx, `deadlines check --as-of ${AS_OF}`, ['deadlines', 'check', '--as-of', AS_OF, '--json'], { rows: exp.schools, expect: [0, 1] });
  return { label, dir: path.relative(ROOT, dir), schools: exp.schools, municipalities: exp.municipalities, lines: e.total.lines, state_mib: Math.round(exp.state_bytes / 2 ** 20), ctx };
}

async function nationProfile() {
  const flags = exportFlags();
  if (!flags.manifestOnly) say('note: `export specifications` has no --manifest-only; the full export runs instead (src/features/specifications/command.ts)');
  const small = await stateStages(locate('state'), flags, 'state-only');
  const nation = await stateStages(locate('nation'), flags, 'nation');
  const scale = nation.schools / small.schools;
  const stages = [];
  for (const r of nation.ctx.stages) {
    const s = small.ctx.stages.find((x) => x.stage === r.stage);
    r.small = s ? { wall_s: s.wall_s, cpu_s: s.cpu_s, peak_rss_mib: s.peak_rss_mib, exit: s.exit } : null;
    r.growth_wall = s && r.exit_ok ? +(r.wall_s / s.wall_s).toFixed(1) : null;
    r.growth_rss = s && r.exit_ok && s.peak_rss_mib ? +(r.peak_rss_mib / s.peak_rss_mib).toFixed(1) : null;
    // exponent b of cost ∝ schools^b: 1 is linear
    r.growth_exponent = r.growth_wall ? +(Math.log(r.growth_wall) / Math.log(scale)).toFixed(2) : null;
    // issue 20's nation targets: a minute for the consolidation, 20 s for the manifest, 8 s for deadlines
    const wallLimit = r.stage.startsWith('consolidate') ? 60 : r.stage.startsWith('export') ? 20 : r.stage.startsWith('deadlines') ? 8 : undefined;
    if (wallLimit !== undefined) target(nation.ctx, r, `wall ≤ ${wallLimit} s`, r.wall_s, wallLimit, 's');
    target(nation.ctx, r, 'peak RSS ≤ 1 GiB', r.peak_rss_mib, 1024, 'MiB');
    target(nation.ctx, r, 'growth exponent b ≤ 1.05', r.growth_exponent, 1.05, '');
    stages.push(r);
  }
  return {
    profile: 'nation',
    scale,
    export_flags: flags,
    small: { dir: small.dir, schools: small.schools, municipalities: small.municipalities, lines: small.lines, state_mib: small.state_mib, stages: small.ctx.stages },
    nation: { dir: nation.dir, schools: nation.schools, municipalities: nation.municipalities, lines: nation.lines, state_mib: nation.state_mib, stages },
    checks: [...small.ctx.checks, ...nation.ctx.checks],
    targets: nation.ctx.targets,
  };
}

// ---------------------------------------------------------------------------------------------- output

const fmt = (x, d = 2) => (x === null || x === undefined ? '—' : typeof x === 'number' ? x.toFixed(d) : String(x));
const int = (x) => (x === null || x === undefined ? '—' : Math.round(x).toLocaleString('en-US'));

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  return [line(headers), '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |', ...rows.map(line)].join('\n');
}

const targetText = (r) =>
  (r.targets ?? [])
    .map((t) => `${t.pass ? 'PASS' : 'FAIL'} ${t.target} (${t.unfinished ? `not finished: ${r.exit}; ` : ''}${fmt(t.value, t.unit === '×' || t.unit === '' ? 2 : t.unit === 'ms' ? 1 : t.unit === 's' ? 2 : 0)} ${t.unit}${t.unfinished ? ' until then' : ''})`)
    .join('; ');

function render(result) {
  const m = result.machine;
  const out = [`machine: nproc ${m.nproc}, ${m.cpu}, ${m.memory_gib} GiB, Node ${m.node}; load average at start ${m.load_average_start.join(' ')}, at end ${m.load_average_end.join(' ')}; peak RSS by ${m.rss_method}`];
  if (result.profile === 'region') {
    const g = result.region;
    out.push(`region: ${g.schools} schools, ${g.municipalities} municipalities, ${g.files} order files (${g.file_mib} MiB, ${g.inflated_mib} MiB of sheet and shared-strings XML) × ${g.rows_per_form} rows (${g.lines_per_school} ordered), ${g.mistaken_files} with mistakes (${g.refused_files} refused); ${g.lines} lines consolidated`);
    out.push('');
    out.push(
      table(
        ['stage', 'exit', 'wall s', 'cpu s', 'rows', 'rows/s', 'peak RSS MiB', '× LB 1 thr', '× LB 2 thr', '× LB cpu', 'targets'],
        result.stages.map((r) => [r.stage + (r.runs > 1 && !r.stage.includes('municipalities') ? ` (median of ${r.runs})` : '') + (r.profiled ? ' [profiled]' : ''), r.exit, fmt(r.wall_s, r.wall_s < 1 ? 3 : 2), fmt(r.cpu_s), int(r.rows), int(r.rows_per_s), int(r.peak_rss_mib), fmt(r.ratio_lb1), fmt(r.ratio_lb2), fmt(r.ratio_lb_cpu), (r.ms_per_workbook ? `${r.workbooks} workbooks, ${r.ms_per_workbook} ms each; ` : '') + targetText(r)]),
      ),
    );
  } else {
    out.push(`nation: ${result.nation.schools} schools, ${result.nation.municipalities} municipalities, ${result.nation.lines.toLocaleString('en-US')} lines (state ${result.nation.state_mib} MiB) against ${result.small.schools} schools, ${result.small.lines.toLocaleString('en-US')} lines (state ${result.small.state_mib} MiB): × ${result.scale.toFixed(1)} schools`);
    out.push('');
    out.push(
      table(
        ['stage', `${result.small.schools}: exit`, 'wall s', 'cpu s', 'peak RSS MiB', `${result.nation.schools}: exit`, 'wall s', 'cpu s', 'rows/s', 'peak RSS MiB', 'wall growth', 'exponent', 'RSS growth', 'targets'],
        result.nation.stages.map((r) => [r.stage + (r.profiled ? ' [profiled]' : ''), r.small?.exit ?? '—', fmt(r.small?.wall_s), fmt(r.small?.cpu_s), int(r.small?.peak_rss_mib), r.exit, fmt(r.wall_s), fmt(r.cpu_s), int(r.rows_per_s), int(r.peak_rss_mib), r.growth_wall ? `× ${r.growth_wall}` : '—', fmt(r.growth_exponent), r.growth_rss ? `× ${r.growth_rss}` : '—', (r.ms_per_workbook ? `${r.ms_per_workbook} ms/workbook; ` : '') + (r.progress ? `killed after ${r.progress.workbooks_written} of ${r.progress.workbooks} workbooks (${r.progress.ms_per_workbook_so_far} ms each); ` : '') + targetText(r)]),
      ),
    );
  }
  out.push('');
  for (const c of result.checks) out.push(`${c.pass ? 'PASS' : 'FAIL'} check: ${c.check} — ${c.detail}`);
  const stages = result.profile === 'region' ? result.stages : [...result.small.stages, ...result.nation.stages];
  for (const r of stages) if (!r.exit_ok) out.push(`FAIL exit: ${r.stage} ended with ${r.exit}`);
  for (const r of stages) {
    if (!r.cpu_profile) continue;
    const p = r.cpu_profile;
    out.push(`cpu profile of ${p.of ?? r.stage}: ${p.threads} thread(s), ${p.busy_ms} ms busy, ${p.idle_ms} ms idle (${p.dir}); most self time:`);
    for (const t of p.top) out.push(`  ${String(t.self_ms).padStart(7)} ms ${String(t.percent_of_busy).padStart(5)} %  ${t.function}`);
  }
  const failed = result.targets.filter((t) => !t.pass).length;
  out.push(`targets: ${result.targets.length - failed} of ${result.targets.length} met`);
  return out.join('\n');
}

const m0 = machine();
say(`uchebnik campaign bench, profile ${profile} (nproc ${m0.nproc}, load ${m0.load_average_start.join(' ')})`);
const result = profile === 'nation' ? await nationProfile() : profile === 'region' ? await regionProfile() : undefined;
if (!result) throw new Error(`unknown profile ${profile} (region or nation)`);
result.machine = { ...m0, load_average_end: os.loadavg().map((x) => +x.toFixed(2)) };
result.measured_at = new Date().toISOString();
const ordered = { measured_at: result.measured_at, machine: result.machine, ...result };
fs.mkdirSync(OUT, { recursive: true });
// a profiled run's timings are a few % high: it does not replace the plain run's results
const resultsFile = `results${profile === 'nation' ? '-nation' : ''}${opts['cpu-prof'] ? '-profiled' : ''}.json`;
fs.writeFileSync(path.join(OUT, resultsFile), JSON.stringify(ordered, null, 2) + '\n');
const text = render(ordered);
if (json) {
  say(text);
  console.log(JSON.stringify(ordered, null, 2));
} else console.log(text);
