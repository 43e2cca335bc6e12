/**
 * Runs one corpus variant through the CLI in-process and judges it by the rule of issue 16: the file
 * loads exactly right, or it is refused (exit 3, or 1 with nothing stored) and stderr names a
 * `uchebnik …` command line that, run as it stands (with the real temporary paths), loads it exactly
 * right. Anything stored that differs from the truth is a silent difference — the worst outcome.
 */
import fs from 'node:fs';
import path from 'node:path';
import { run, type RunResult } from '../support/cli.js';
import type { FormVariant, PriceListVariant, RegistryVariant, TruthFormItem, TruthItem, TruthRecipient, TruthSchool, Variant } from './generate.js';

export type Status = 'pass' | 'refused-ok' | 'refused-bad' | 'silent' | 'crash';
export const STATUSES: Status[] = ['pass', 'refused-ok', 'refused-bad', 'silent', 'crash'];

export interface Outcome {
  id: string;
  kind: Variant['kind'];
  tags: string[];
  status: Status;
  /** exit code of the first load */
  exit: number;
  /** what differed, or why the refusal did not count */
  details: string[];
  /** the command taken from the refusal, as run */
  command?: string;
  /** a silent difference stored with exit 0: not even an error finding beside it */
  quiet?: boolean;
}

interface ShownItem {
  fpu_code?: string;
  item_code?: string;
  isbn?: string;
  authors?: string;
  title?: string;
  grade_from?: number | null;
  grade_to?: number | null;
  price_kopecks?: number;
  vat_rate?: number;
}

interface ShownSchool {
  code?: string;
  short_name?: string;
  full_name?: string;
  municipality?: string;
  inn?: string;
  students?: Record<string, number>;
}

/** A fresh workspace per run: a copy of one initialised workspace (an `init` each is too slow). */
export class Workspaces {
  private n = 0;
  constructor(
    private readonly template: string,
    private readonly root: string,
  ) {}
  fresh(id: string): string {
    const dir = path.join(this.root, `${id}-${++this.n}`);
    fs.cpSync(this.template, dir, { recursive: true });
    return dir;
  }
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const show = (v: unknown) => (v === undefined ? '∅' : typeof v === 'string' ? `«${v}»` : JSON.stringify(v));
const gradeText = (from: unknown, to: unknown) => (from === undefined || from === null) && (to === undefined || to === null) ? 'no grade' : `${String(from)}–${String(to)}`;

/**
 * Pairs stored records with the truth's by identity (so that a store which orders them its own way is
 * no difference), then pairs what is left in file order, so that a record stored with a wrong identity
 * still shows which of its fields are wrong.
 */
function pair<T, S>(truth: T[], stored: S[], keyOfTruth: (t: T) => string, keyOfStored: (s: S) => string): [T, S | undefined, number][] {
  const byKey = new Map<string, number[]>();
  stored.forEach((s, i) => {
    const k = keyOfStored(s);
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  });
  const used = new Set<number>();
  const out: [T, S | undefined, number][] = [];
  const left: number[] = [];
  truth.forEach((t, i) => {
    const j = byKey.get(keyOfTruth(t))?.find((x) => !used.has(x));
    if (j === undefined) left.push(i);
    else {
      used.add(j);
      out[i] = [t, stored[j], i];
    }
  });
  const rest = stored.map((_, j) => j).filter((j) => !used.has(j));
  left.forEach((i, k) => {
    const j = rest[k];
    out[i] = [truth[i]!, j === undefined ? undefined : stored[j], i];
  });
  return out;
}

export function diffItems(truth: TruthItem[], stored: ShownItem[]): string[] {
  const out: string[] = [];
  if (truth.length !== stored.length) out.push(`item count: truth ${truth.length}, stored ${stored.length}`);
  const key = (x: { item_code?: string; isbn?: string; fpu_code?: string; title?: string }) => x.item_code ?? x.isbn ?? `${x.fpu_code}:${norm(x.title ?? '')}`;
  for (const [t, s, i] of pair(truth, stored, key, (s) => (s.item_code || s.isbn ? key(s) : `${s.fpu_code}:${norm(`${s.authors ?? ''} ${s.title ?? ''}`)}`))) {
    const at = `#${i + 1} «${t.title.slice(0, 40)}»`;
    if (!s) {
      out.push(`${at} not stored`);
      continue;
    }
    const field = (name: string, want: unknown, got: unknown) => {
      if (want !== got) out.push(`${at} ${name}: truth ${show(want)}, stored ${show(got)}`);
    };
    field('price_kopecks', t.price_kopecks, s.price_kopecks);
    field('vat_rate', t.vat_rate, s.vat_rate);
    field('fpu_code', t.fpu_code, s.fpu_code);
    field('item_code', t.item_code, s.item_code);
    field('isbn', t.isbn, s.isbn);
    const want = t.grade ? gradeText(t.grade.from, t.grade.to) : 'no grade';
    const got = gradeText(s.grade_from, s.grade_to);
    if (want !== got) out.push(`${at} grade: truth ${want}, stored ${got}`);
    const named = norm(`${s.authors ?? ''} ${s.title ?? ''}`);
    if (!named.includes(norm(t.title))) out.push(`${at} title: truth «${t.title}» not in stored «${s.authors ?? ''}» + «${s.title ?? ''}»`);
  }
  return out;
}

export function diffSchools(truth: TruthSchool[], stored: ShownSchool[]): string[] {
  const out: string[] = [];
  if (truth.length !== stored.length) out.push(`school count: truth ${truth.length}, stored ${stored.length}`);
  const byCode = truth.every((t) => t.code !== undefined);
  const key = (x: { code?: string; short_name?: string; municipality?: string }) => (byCode ? (x.code ?? '') : `${x.municipality}:${x.short_name}`);
  for (const [t, s, i] of pair(truth, stored, key, key)) {
    const at = `#${i + 1} «${t.short_name.slice(0, 30)}»`;
    if (!s) {
      out.push(`${at} not stored`);
      continue;
    }
    const field = (name: string, want: unknown, got: unknown) => {
      if (JSON.stringify(want) !== JSON.stringify(got)) out.push(`${at} ${name}: truth ${show(want)}, stored ${show(got)}`);
    };
    field('short_name', t.short_name, s.short_name);
    field('full_name', t.full_name, s.full_name);
    field('municipality', t.municipality, s.municipality);
    if (t.code !== undefined) field('code', t.code, s.code);
    field('inn', t.inn, s.inn);
    field('students', t.students, s.students);
  }
  return out;
}

interface StoredLayout {
  items: { row: number; fpu_code?: string; item_code?: string; price_kopecks?: number }[];
  recipients: { quantity: string; sum?: string }[];
  total?: { quantity: string; sum?: string };
}

/**
 * A form's stored layout against its truth: the same item rows with the same fpu code, item code and
 * price; the same recipients with the same quantity (and sum) columns; the same total column.
 */
export function diffForm(truth: { items: TruthFormItem[]; recipients: TruthRecipient[]; total?: { quantity: string } }, stored: StoredLayout): string[] {
  const out: string[] = [];
  if (truth.items.length !== stored.items.length) out.push(`item count: truth ${truth.items.length}, stored ${stored.items.length}`);
  const byRow = new Map(stored.items.map((x) => [x.row, x]));
  for (const t of truth.items) {
    const s = byRow.get(t.row);
    if (!s) {
      out.push(`row ${t.row} not stored as an item`);
      continue;
    }
    for (const k of ['fpu_code', 'item_code', 'price_kopecks'] as const) if (t[k] !== s[k]) out.push(`row ${t.row} ${k}: truth ${show(t[k])}, stored ${show(s[k])}`);
  }
  const rows = new Set(truth.items.map((x) => x.row));
  for (const s of stored.items) if (!rows.has(s.row)) out.push(`row ${s.row} stored as an item (${show(s.item_code ?? s.fpu_code)}), the truth has none there`);
  const span = (x: { quantity: string; sum?: string } | undefined) => (x ? `${x.quantity}${x.sum ? `:${x.sum}` : ''}` : '∅');
  if (truth.recipients.length !== stored.recipients.length) out.push(`recipients: truth ${truth.recipients.length}, stored ${stored.recipients.length}`);
  const wrong = truth.recipients.map((t, k) => [k, span(t), span(stored.recipients[k])] as const).filter(([, a, b]) => a !== b);
  if (wrong.length) out.push(`recipient columns differ from №${wrong[0]![0] + 1}: truth ${wrong.slice(0, 3).map((w) => w[1]).join(' ')}…, stored ${wrong.slice(0, 3).map((w) => w[2]).join(' ')}…`);
  if (truth.total?.quantity !== stored.total?.quantity) out.push(`total column: truth ${show(truth.total?.quantity)}, stored ${show(stored.total?.quantity)}`);
  return out;
}

// ------------------------------------------------------------------ the command a refusal names

/** Splits a command line as a POSIX shell would (quotes and backslashes; no expansions). */
export function shellWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let word = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else cur += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < s.length && '"\\$`'.includes(s[i + 1]!)) cur += s[++i];
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      word = true;
    } else if (ch === '\\' && i + 1 < s.length) {
      cur += s[++i];
      word = true;
    } else if (/\s/u.test(ch)) {
      if (word) out.push(cur);
      cur = '';
      word = false;
    } else {
      cur += ch;
      word = true;
    }
  }
  if (word) out.push(cur);
  return out;
}

const VERBS: Record<Variant['kind'], [string, string]> = { pricelist: ['pricelist', 'load'], registry: ['registry', 'import'], form: ['form', 'load'] };

/** The first `uchebnik pricelist load …` / `uchebnik registry import …` / `uchebnik form load …` line in a message, as words. */
export function suggestedCommand(stderr: string, kind: Variant['kind']): string[] | undefined {
  const verb = VERBS[kind];
  for (const line of stderr.split(/\r?\n/u)) {
    const m = /(?:^|[\s«"'`:($>])(uchebnik\s.*)$/u.exec(line);
    if (!m) continue;
    let text = m[1]!.trimEnd();
    // the sentence around it: a closing quote or bracket, a full stop
    for (let prev = ''; prev !== text; ) {
      prev = text;
      text = text.replace(/[»`”)]$/u, '').replace(/\.$/u, '').trimEnd();
    }
    const words = shellWords(text);
    if (words[1] === verb[0] && words[2] === verb[1]) return words;
  }
  return undefined;
}

/** The suggested words, made runnable here: the workspace ours, the file's path real, a JSON report. */
function runnable(words: string[], file: string, ws: string): string[] {
  const args: string[] = [];
  const rest = words.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w === '-w' || w === '--workspace') {
      i++;
      continue;
    }
    if (w.startsWith('--workspace=')) continue;
    args.push(w === path.basename(file) ? file : w);
  }
  if (!args.includes('--json')) args.push('--json');
  return [...args, '-w', ws];
}

// ------------------------------------------------------------------ one variant

async function storedItems(ws: string, publisher: string): Promise<ShownItem[] | null> {
  const r = await run(['pricelist', 'show', publisher, '--json', '-w', ws]);
  if (r.code !== 0) return null;
  return (JSON.parse(r.stdout) as { items: ShownItem[] }).items;
}

async function storedSchools(ws: string): Promise<ShownSchool[] | null> {
  const r = await run(['registry', 'show', '--json', '-w', ws]);
  if (r.code !== 0) throw new Error(`registry show failed: ${r.stderr}`);
  const schools = (JSON.parse(r.stdout) as { schools: ShownSchool[] }).schools;
  return schools.length ? schools : null;
}

interface Attempt {
  result: RunResult;
  stored: unknown[] | null;
  diffs: string[];
}

/** The stored layout of the workspace's one form (state/forms/<publisher>.json), null when none is stored. */
function storedForm(ws: string): StoredLayout | null {
  const dir = path.join(ws, 'state', 'forms');
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (files.length !== 1) return null;
  return (JSON.parse(fs.readFileSync(path.join(dir, files[0]!), 'utf8')) as { layout: StoredLayout }).layout;
}

/** A form's workspace holds the publisher's price list first, as `form load` expects. */
async function prepare(v: Variant, ws: string): Promise<string | undefined> {
  if (v.kind !== 'form') return undefined;
  const r = await run(['pricelist', 'load', v.pricelist, '--publisher', v.publisher, '-w', ws]);
  return r.code === 0 || r.code === 1 ? undefined : `the price list beside the form did not load (exit ${r.code}): ${firstLine(r.stderr)}`;
}

async function attempt(v: Variant, ws: string, args: string[]): Promise<Attempt> {
  const result = await run(args, { cwd: ws });
  if (v.kind === 'form') {
    const stored = storedForm(ws);
    return { result, stored: stored ? stored.items : null, diffs: stored ? diffForm(v, stored) : [] };
  }
  if (v.kind === 'pricelist') {
    const stored = await storedItems(ws, v.publisher);
    return { result, stored, diffs: stored ? diffItems(v.items, stored) : [] };
  }
  const stored = await storedSchools(ws);
  return { result, stored, diffs: stored ? diffSchools(v.schools, stored) : [] };
}

const firstLine = (s: string) => s.split('\n').find((l) => l.trim())?.trim().slice(0, 160) ?? '';

export async function checkVariant(v: Variant, workspaces: Workspaces): Promise<Outcome> {
  const base = { id: v.id, kind: v.kind, tags: v.tags };
  const ws = workspaces.fresh(v.id);
  const unprepared = await prepare(v, ws);
  if (unprepared) return { ...base, status: 'crash', exit: 0, details: [unprepared] };
  const args =
    v.kind === 'pricelist'
      ? ['pricelist', 'load', v.file, '--publisher', (v as PriceListVariant).publisher, '--json', '-w', ws]
      : v.kind === 'form'
        ? ['form', 'load', v.file, '--publisher', (v as FormVariant).publisher, '--json', '-w', ws]
        : ['registry', 'import', (v as RegistryVariant).file, '--json', '-w', ws];
  const first = await attempt(v, ws, args);
  const exit = first.result.code;
  if (exit === 70 || exit === 4) return { ...base, status: 'crash', exit, details: [`exit ${exit}: ${firstLine(first.result.stderr)}`] };
  if (first.stored !== null) {
    if (first.diffs.length === 0 && (exit === 0 || exit === 1)) return { ...base, status: 'pass', exit, details: [] };
    if (first.diffs.length) return { ...base, status: 'silent', exit, quiet: exit === 0, details: first.diffs };
    return { ...base, status: 'refused-bad', exit, details: [`exit ${exit} but the right data was stored`] };
  }
  if (exit !== 3 && exit !== 1) return { ...base, status: exit === 0 ? 'refused-bad' : 'crash', exit, details: [`exit ${exit} and nothing stored: ${firstLine(first.result.stderr)}`] };

  const words = suggestedCommand(first.result.stderr, v.kind);
  if (!words) return { ...base, status: 'refused-bad', exit, details: [`refused without a «uchebnik ${VERBS[v.kind].join(' ')} …» command: ${firstLine(first.result.stderr)}`] };
  const ws2 = workspaces.fresh(`${v.id}-cmd`);
  await prepare(v, ws2);
  const second = await attempt(v, ws2, runnable(words, v.file, ws2));
  const command = words.join(' ');
  const code = second.result.code;
  if (second.stored === null)
    return { ...base, status: 'refused-bad', exit, command, details: [`the suggested command did not load it (exit ${code}): ${firstLine(second.result.stderr)}`] };
  if (second.diffs.length)
    return { ...base, status: 'silent', exit, command, quiet: code === 0, details: [`the suggested command exited ${code} and stored:`, ...second.diffs.map((d) => `via the suggested command: ${d}`)] };
  if (code !== 0 && code !== 1) return { ...base, status: 'refused-bad', exit, command, details: [`the suggested command stored the right data but exited ${code}`] };
  return { ...base, status: 'refused-ok', exit, command, details: [] };
}

// ------------------------------------------------------------------ reports

/** «variant id | shape tags | what differed», one block per variant, every difference listed. */
export function failureTable(outcomes: Outcome[], maxDetails = Number.POSITIVE_INFINITY): string {
  const lines = [`${'variant'.padEnd(8)} | ${'status'.padEnd(11)} | shape tags | what differed`];
  for (const o of outcomes) {
    const shown = o.details.slice(0, maxDetails);
    const more = o.details.length - shown.length;
    lines.push(`${o.id.padEnd(8)} | ${(o.quiet ? 'silent,ex0' : o.status).padEnd(11)} | ${o.tags.join(' ')} | exit ${o.exit}${o.command ? `; suggested: ${o.command}` : ''}`);
    for (const d of shown) lines.push(`${''.padEnd(8)} |             |   ${d}`);
    if (more > 0) lines.push(`${''.padEnd(8)} |             |   … and ${more} more`);
  }
  return lines.join('\n');
}

/**
 * Per shape tag: how many variants pass, are refused rightly, refused wrongly, silently differ (and of
 * those, how many with exit 0 — not even an error beside the wrong data), crash.
 */
export function tagReport(outcomes: Outcome[]): string {
  const columns = [...STATUSES, 'silent,ex0'] as const;
  type Row = Record<(typeof columns)[number], number>;
  const byTag = new Map<string, Row>();
  const add = (tag: string, o: Outcome) => {
    let row = byTag.get(tag);
    if (!row) byTag.set(tag, (row = { pass: 0, 'refused-ok': 0, 'refused-bad': 0, silent: 0, crash: 0, 'silent,ex0': 0 }));
    row[o.status]++;
    if (o.quiet) row['silent,ex0']++;
  };
  for (const o of outcomes) {
    add(`ALL ${o.kind}`, o);
    for (const t of o.tags) add(`${o.kind !== 'pricelist' && t !== o.kind ? `${o.kind}/` : ''}${t}`, o);
  }
  const tags = [...byTag.keys()].sort((a, b) => Number(a.includes('hw:')) - Number(b.includes('hw:')) || a.localeCompare(b));
  const width = Math.max(...tags.map((t) => t.length), 10);
  const head = `${'tag'.padEnd(width)} | ${'n'.padStart(4)} | ${columns.map((s) => s.padStart(11)).join(' | ')}`;
  const lines = [head, '-'.repeat(head.length)];
  for (const t of tags) {
    const row = byTag.get(t)!;
    const n = STATUSES.reduce((a, s) => a + row[s], 0);
    lines.push(`${t.padEnd(width)} | ${String(n).padStart(4)} | ${columns.map((s) => String(row[s]).padStart(11)).join(' | ')}`);
  }
  return lines.join('\n');
}
