/**
 * The column recogniser: which row is the header (or that there is none) and which column plays which
 * field, from two kinds of evidence weighed together — the header's words and the cells below it.
 *
 * Header evidence, strongest first: a header that is one of the command's own synonyms (3), one that
 * starts with one (2), one that merely contains a word of the field's role in header-words.ts (1).
 * Content evidence: the share of the column's cells that fit the field's kinds (cell-kinds.ts).
 * The rules that follow from the files that went wrong (docs/reading-files.md tells their story):
 * - a header whose cells do not fit («Стандарт / ФГОС» over «да», «нет») does not get the field;
 * - a column with an empty or unknown header gets a field by content alone when its cells are clearly
 *   of one kind (an fpu-code column with no header, a whole file without a header row);
 * - a row whose cells look like data (numbers, codes, prices) is no header, and no second header row;
 * - of several columns for one field the better-worded one wins («Стоимость с НДС» over «Цена, руб»),
 *   else the one the values show to include VAT (one column = the other × 1.1, 1.18 or 1.2), else the
 *   field is ambiguous and the caller refuses, naming the columns — never a silent pick.
 * Everything decided is kept as evidence, so `inspect` and the load itself can say which way was taken.
 */
import { columnLetter } from '../../../core/finding.js';
import { normalizeHeader } from '../../../core/text.js';
import { cellString, fits, type CellKind } from './cell-kinds.js';
import { HEADER_WORDS, mentions, mentionsAnyRole, unglue, type Role } from './header-words.js';
import { dominantKind, profileColumns, SAMPLE_ROWS, type ColumnProfile } from './profile.js';
import type { Merge, SheetRow } from '../types.js';

export interface FieldSpec {
  key: string;
  /** header texts that name this field, as people write them; matched after normalizeHeader */
  synonyms: string[];
  /** also accept header cells that merely start with a synonym (default true) */
  prefix?: boolean;
  /** the role in header-words.ts whose words also hint at this field (weaker than a synonym) */
  role?: Role;
  /**
   * what the field's cells hold: a header match whose cells do not fit is refused, and a column whose
   * cells clearly are of one of these kinds (other than the catch-all `text`) may get the field
   * without a header
   */
  content?: CellKind[];
  /** when one header names this field and that one too («Авторы, название учебника»), that one takes it */
  yieldsTo?: string;
}

export interface TableSpec {
  fields: FieldSpec[];
  /** fields without which the table cannot be read; `a|b` means either will do */
  required: string[];
}

export type Evidence = 'header' | 'content' | 'header+content' | 'map' | 'columns';

export interface ColumnDecision {
  column: number;
  /** the header text as a person sees it ('' when none) */
  header: string;
  field?: string;
  by?: Evidence;
  /** how the header named the field */
  match?: 'exact' | 'prefix' | 'word';
  /** the kind the cells are, judged by content alone */
  kind?: CellKind;
  /** share of the cells that fit the field (or the kind, for a column without a field) */
  fit?: number;
  samples: number;
  /** fields the header suggested that were not given to this column, and why */
  refused: { field: string; why: 'content' | 'not-word' | 'yield' | 'other-column' }[];
}

export interface Choice {
  field: string;
  taken: number;
  over: number[];
  why: 'better-word' | 'ratio' | 'stronger-header';
  /** the phrase or ratio that decided */
  detail: string;
}

export interface Recognition {
  /** 1-based rows of the header; empty when the file has none and was read by content */
  headerRows: number[];
  columns: Map<string, number>;
  /** what a person sees as each column's header */
  display: string[];
  decisions: ColumnDecision[];
  choices: Choice[];
  /** a field with two columns that nothing tells apart: the caller must refuse */
  ambiguous: { field: string; columns: number[] }[];
  /** the profiles of the columns below the header (for suggesting --map) */
  profiles: ColumnProfile[];
}

// ---------------------------------------------------------------------------------------------------
// Header words

interface HeaderMatch {
  field: string;
  index: number;
  /** 3 the label is a synonym, 2 it starts with one, 1 it has a word of the field's role */
  q: number;
  len: number;
}

function quality(label: string, synonym: string, prefix: boolean): number {
  if (!label || !synonym) return 0;
  if (label === synonym) return 3;
  if (prefix && label.length > synonym.length && label.charCodeAt(synonym.length) === 32 && label.startsWith(synonym)) return 2;
  return 0;
}

interface SpecIndex {
  fields: { f: FieldSpec; syns: string[] }[];
  known: Map<string, HeaderMatch[]>;
  /** what each label's words took away (refusedByWords), for the same reason */
  refusals: Map<string, ColumnDecision['refused']>;
  hasContent: boolean;
}

/**
 * Per spec, what each normalized label matches: every row of the first 30 of every file is tried as a
 * header, so the same texts (header names, and titles and codes of the catalogue in data rows) are
 * matched against every synonym over and over — 70 million comparisons for a region's 700 orders.
 */
const indexBySpec = new WeakMap<TableSpec, SpecIndex>();

function indexOf(spec: TableSpec): SpecIndex {
  let entry = indexBySpec.get(spec);
  if (!entry) {
    entry = {
      fields: spec.fields.map((f) => ({ f, syns: f.synonyms.map(normalizeHeader) })),
      known: new Map(),
      refusals: new Map(),
      hasContent: spec.fields.some((f) => f.content?.length),
    };
    indexBySpec.set(spec, entry);
  }
  return entry;
}

function matchesOf(spec: TableSpec, label: string): HeaderMatch[] {
  const entry = indexOf(spec);
  let found = entry.known.get(label);
  if (found) return found;
  found = [];
  for (const [index, { f, syns }] of entry.fields.entries()) {
    let best = 0;
    let len = 0;
    for (const s of syns) {
      const q = quality(label, s, f.prefix !== false);
      if (q > best || (q === best && s.length > len)) [best, len] = [q, s.length];
    }
    if (best === 0 && f.role) {
      const words = HEADER_WORDS[f.role];
      const stem = mentions(label, words.stems);
      if (stem && !mentions(label, words.not)) [best, len] = [1, stem.length];
    }
    // An exact synonym is the command's own word for the field; a phrase that rules the role out
    // («Цена без НДС») overrides anything weaker.
    if (best > 0 && best < 3 && f.role && mentions(label, HEADER_WORDS[f.role].not)) best = 0;
    if (best > 0) found.push({ field: f.key, index, q: best, len });
  }
  if (entry.known.size >= 50_000) entry.known.clear();
  entry.known.set(label, found);
  return found;
}

/** The fields a header suggests that a `not` phrase or a `yieldsTo` took away: for the evidence. */
function refusedByWords(spec: TableSpec, label: string): ColumnDecision['refused'] {
  if (!label) return [];
  const entry = indexOf(spec);
  const known = entry.refusals.get(label);
  if (known) return known;
  const out: ColumnDecision['refused'] = [];
  const taken = new Set(matchesOf(spec, label).map((m) => m.field));
  for (const { f, syns } of entry.fields) {
    if (taken.has(f.key) || !f.role) continue;
    const w = HEADER_WORDS[f.role];
    if (!mentions(label, w.stems) && !syns.some((s) => label.startsWith(s))) continue;
    out.push({ field: f.key, why: mentions(label, w.not) ? 'not-word' : 'yield' });
  }
  if (entry.refusals.size >= 50_000) entry.refusals.clear();
  entry.refusals.set(label, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Candidate header rows

/**
 * A header text as the words are compared: unglued and normalized. Every row of the first 30 of every
 * file is tried as a header, and the same texts (the header names, the catalogue's titles in the data
 * rows) come back in every file of a region: computed once per text, not once per row and file. The
 * memo is bounded like the label index above.
 */
const normalized = new Map<string, string>();
function norm(s: string): string {
  let n = normalized.get(s);
  if (n === undefined) {
    if (normalized.size >= 50_000) normalized.clear();
    n = normalizeHeader(unglue(s));
    normalized.set(s, n);
  }
  return n;
}

/** Does a text say what headers say: a role's word, a phrase that rules a role out, or a «better» one («с НДС»)? */
const saying = new Map<string, boolean>();
function saysHeaderWords(s: string): boolean {
  let says = saying.get(s);
  if (says === undefined) {
    if (saying.size >= 50_000) saying.clear();
    const l = norm(s);
    says = mentionsAnyRole(l) || Object.values(HEADER_WORDS).some((w) => mentions(l, w.not) || mentions(l, w.better));
    saying.set(s, says);
  }
  return says;
}

function mergeAt(merges: Merge[], row: number, col: number): Merge | undefined {
  return merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

/** The text a person sees at (row, col): a merged range shows its top-left cell's text everywhere. */
function visibleText(byNumber: Map<number, SheetRow>, merges: Merge[], row: number, col: number): string {
  const m = mergeAt(merges, row, col);
  const [r, c] = m ? [m.top, m.left] : [row, col];
  const v = byNumber.get(r)?.cells[c]?.value;
  return v === null || v === undefined ? '' : String(v).trim();
}

/**
 * How many cells of a row look like data rather than header words: numbers, codes of the federal list,
 * ISBNs, prices with kopecks. A header has none; a row of column numbers is all of them.
 */
function dataLike(row: SheetRow | undefined): number {
  if (!row) return 0;
  let n = 0;
  for (const c of row.cells) {
    const v = c?.value;
    if (v === null || v === undefined || v === '' || typeof v === 'boolean') continue;
    if (typeof v === 'number') n++;
    else {
      const s = cellString(v);
      if (s && (/^\d+(?:[.,]\d+)?$/u.test(s) || fits('fpu', v, s) || fits('isbn', v, s) || (/\d[.,]\d\d(?:\s?(?:р|руб)\.?)?$/u.test(s) && fits('money', v, s)) || fits('authors_title', v, s))) n++;
    }
  }
  return n;
}

export function isColumnNumberRow(row: SheetRow): boolean {
  const nums: number[] = [];
  for (const c of row.cells) {
    const s = cellString(c?.value ?? null);
    if (s === '') continue;
    const n = Number(s);
    // one text that is no whole number (a title in a data row) settles it
    if (!Number.isInteger(n)) return false;
    nums.push(n);
  }
  if (nums.length < 3) return false;
  let rising = 0;
  for (let i = 1; i < nums.length; i++) if (nums[i]! > nums[i - 1]!) rising++;
  return nums[0]! <= 2 && rising >= nums.length - 2;
}

/** belongsUnder's answers: asked of every empty header cell of every candidate row, in every file */
const belonging = new Map<string, boolean>();

/** Does a lower header text belong under a group title: it names no role, or qualifies the title's own? */
function belongsUnder(group: string, lower: string): boolean {
  const key = `${group}\u0000${lower}`;
  let belongs = belonging.get(key);
  if (belongs === undefined) {
    if (belonging.size >= 50_000) belonging.clear();
    const roles = Object.values(HEADER_WORDS).filter((w) => mentions(group, w.stems));
    belongs = roles.some((w) => mentions(lower, w.not) || mentions(lower, w.better)) || !mentionsAnyRole(lower);
    belonging.set(key, belongs);
  }
  return belongs;
}

interface Candidate {
  headerRows: number[];
  labels: string[][];
  display: string[];
  /** of a two-row header: how many cells of its lower line say what a header says */
  meaning?: number;
}

function candidatesOf(buffer: SheetRow[], merges: Merge[], width: number, scan: number, strict: boolean): Candidate[] {
  const byNumber = new Map(buffer.map((r) => [r.row, r]));
  // Each row's texts are read twice (as a header line and as the line below one): once is enough.
  const texts = new Map<number, string[]>();
  const text = (row: number) => texts.get(row) ?? texts.set(row, Array.from({ length: width }, (_, c) => visibleText(byNumber, merges, row, c))).get(row)!;
  // Each row is looked at as a header and as the line below one: its data-likeness counted once.
  const counted = new Map<SheetRow, number>();
  const dataCells = (row: SheetRow) => counted.get(row) ?? counted.set(row, dataLike(row)).get(row)!;
  const out: Candidate[] = [];
  for (const r of buffer) {
    if (r.row > scan) break;
    const single = text(r.row);
    if (single.every((s) => s === '')) continue;
    if (strict && dataCells(r) >= 2) continue;
    out.push({ headerRows: [r.row], labels: single.map((s) => [norm(s)]), display: single });
    // A two-row header: a merged group title above, the column names below (or vice versa) — never a
    // first data row below a header, which would lose that row's item.
    const below = byNumber.get(r.row + 1);
    if (!below || (strict && dataCells(below) >= 1) || isColumnNumberRow(below)) continue;
    const lower = text(r.row + 1);
    // A group title written once over several columns («Цена, руб.» over «без НДС» and «с НДС») reads
    // as if merged over them: it stands for the empty cells to its right that have a text below.
    const spanned = single.slice();
    // A banner over the table («Прайс-лист на учебную литературу на 2017/2018 учебный год», any one text
    // over every column, or over one column only: «Спецификация») is no header line; one short group
    // title over some of the columns («Цена, руб.» over «без НДС», «с НДС») is one.
    // Written once and not merged (a CSV), the title reaches right over the columns whose lower text
    // belongs under it: words of no role, or the group's own qualifiers («без НДС» under «Цена»); a
    // lower text naming another role («№ в ФП») ends the group. A merged title is already in every cell.
    for (let c = 1; c < width; c++) {
      if (single[c] !== '' || lower[c] === '' || spanned[c - 1] === '' || lower[c - 1] === '' || mergeAt(merges, r.row, c)) continue;
      if (belongsUnder(norm(spanned[c - 1]!), norm(lower[c]!))) spanned[c] = spanned[c - 1]!;
    }
    const tops = [...new Set(single.filter(Boolean))];
    const covered = spanned.filter((s) => s !== '').length;
    if (tops.length === 1 && (tops[0]!.length > 30 || covered < 2 || lower.every((s, c) => s === '' || spanned[c] !== ''))) continue;
    const labels = spanned.map((top, c) => {
      const bottom = lower[c]!;
      const [nt, nb] = [norm(top), norm(bottom)];
      // The two lines read as one: norm(`${top} ${bottom}`) is the two normalized texts joined by a space
      // (a space ends a word, and normalizing works word by word), without normalizing a new text.
      const both = top === bottom ? nt : nt && nb ? `${nt} ${nb}` : nt || nb;
      const found: string[] = [];
      if (bottom) found.push(nb);
      if (top) found.push(nt);
      if (top || bottom) found.push(both);
      return [...new Set(found)];
    });
    const display = spanned.map((top, c) => (lower[c] && lower[c] !== top ? `${top} / ${lower[c]}`.replace(/^ \/ /, '') : top));
    // The lower line adds meaning where it stands under a group title and says something a header
    // says (a role's word, «с НДС»); under a banner it is simply the header, one line of it.
    // Only where the content can be weighed too: for a header-only spec (a registry) a first data row
    // «Школа № 1» would say something as well.
    const meaning = strict ? lower.filter((s, c) => s !== '' && spanned[c] !== '' && spanned[c] !== s && saysHeaderWords(s)).length : 0;
    out.push({ headerRows: [r.row, r.row + 1], labels, display, meaning });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Assignment

interface Option {
  field: string;
  col: number;
  q: number;
  len: number;
  fit: number;
}

const VAT_FACTORS = [1.1, 1.18, 1.2, 1.05, 1.07];

/**
 * Does column `gross` hold column `net` with VAT added, row by row (each row at its own rate, so a
 * list with books at 10 % and discs at 18 % still shows it)? The factors seen, or undefined. Rows where
 * both are equal (no VAT) say nothing either way.
 */
function vatRatio(gross: ColumnProfile, net: ColumnProfile): string | undefined {
  let both = 0;
  let agree = 0;
  const seen = new Set<number>();
  for (const [row, g] of gross.values) {
    const n = net.values.get(row);
    if (n === undefined || n <= 0 || n === g) continue;
    both++;
    const factor = VAT_FACTORS.find((f) => Math.abs(n * f - g) <= Math.max(0.011, g * 0.001));
    if (factor) {
      agree++;
      seen.add(factor);
    }
  }
  return both >= 1 && agree >= both * 0.8 ? [...seen].sort().map((f) => `×${f}`).join(', ') : undefined;
}

interface Assignment {
  columns: Map<string, number>;
  by: Map<number, Evidence>;
  match: Map<number, HeaderMatch>;
  fitOf: Map<number, number>;
  refused: Map<number, ColumnDecision['refused']>;
  choices: Choice[];
  ambiguous: { field: string; columns: number[] }[];
  score: number;
}

function fieldFit(f: FieldSpec, p: ColumnProfile | undefined, specific = false): number | undefined {
  const kinds = specific ? f.content?.filter((k) => k !== 'text') : f.content;
  if (!kinds?.length || !p || p.samples < 3) return undefined;
  return Math.max(...kinds.map((k) => p.fit[k]));
}

/** Several viable columns for one field: the better-worded, the one with VAT (by the values), or none. */
function choose(f: FieldSpec, cols: Option[], labels: string[][], profiles: ColumnProfile[]): { taken: Option; choice: Choice } | 'ambiguous' {
  const better = f.role ? HEADER_WORDS[f.role].better : undefined;
  const marked = cols.filter((o) => labels[o.col]!.some((l) => mentions(l, better)));
  const over = (t: Option) => cols.filter((o) => o !== t).map((o) => o.col);
  if (marked.length === 1) {
    const phrase = labels[marked[0]!.col]!.map((l) => mentions(l, better)).find(Boolean)!;
    return { taken: marked[0]!, choice: { field: f.key, taken: marked[0]!.col, over: over(marked[0]!), why: 'better-word', detail: phrase } };
  }
  const pool = marked.length > 1 ? marked : cols;
  if (f.content?.includes('money') && pool.length === 2) {
    const [a, b] = pool as [Option, Option];
    for (const [g, n] of [
      [a, b],
      [b, a],
    ] as const) {
      const factors = vatRatio(profiles[g.col]!, profiles[n.col]!);
      if (factors) return { taken: g, choice: { field: f.key, taken: g.col, over: [n.col], why: 'ratio', detail: factors } };
    }
  }
  // A header named by the command's own words over headers that merely contain a price word.
  const strongest = Math.max(...pool.map((o) => o.q));
  const top = pool.filter((o) => o.q === strongest);
  if (top.length === 1 && strongest >= 2 && pool.every((o) => o === top[0] || o.q === 1)) return { taken: top[0]!, choice: { field: f.key, taken: top[0]!.col, over: over(top[0]!), why: 'stronger-header', detail: String(strongest) } };
  return 'ambiguous';
}

function assign(spec: TableSpec, labels: string[][], profiles: ColumnProfile[] | undefined, contentOnlyAnywhere: boolean): Assignment {
  const fieldByKey = new Map(spec.fields.map((f) => [f.key, f]));
  const refused = new Map<number, ColumnDecision['refused']>();
  const refuse = (col: number, field: string, why: ColumnDecision['refused'][number]['why']) => {
    const list = refused.get(col) ?? [];
    if (!list.some((r) => r.field === field)) list.push({ field, why });
    refused.set(col, list);
  };

  // 1. What the headers say, checked against the cells.
  const options: Option[] = [];
  labels.forEach((cands, col) => {
    const best = new Map<string, HeaderMatch>();
    for (const label of cands) {
      for (const m of matchesOf(spec, label)) {
        const b = best.get(m.field);
        if (!b || m.q > b.q || (m.q === b.q && m.len > b.len)) best.set(m.field, m);
      }
      for (const r of refusedByWords(spec, label)) refuse(col, r.field, r.why);
    }
    for (const m of [...best.values()].sort((a, b) => a.index - b.index)) {
      const f = fieldByKey.get(m.field)!;
      // «Цена, руб.» over «без НДС»: a phrase that rules the role out, in any line of the header.
      if (m.q < 3 && f.role && cands.some((l) => mentions(l, HEADER_WORDS[f.role!].not))) {
        refuse(col, m.field, 'not-word');
        continue;
      }
      // Words found inside a header are a hint: the cells must bear them out, and «any text» does not
      // («Авторский договор» over contract numbers is no authors column).
      const fit = fieldFit(f, profiles?.[col], m.q === 1);
      if (fit !== undefined && (fit < 0.3 || (m.q === 1 && fit < 0.5))) {
        refuse(col, m.field, 'content');
        continue;
      }
      if (fit === undefined && m.q === 1 && f.content?.length && (profiles?.[col]?.samples ?? 0) > 0 && profiles![col]!.fit[f.content[0]!] === 0) {
        refuse(col, m.field, 'content');
        continue;
      }
      // fit -1: too few cells to judge (a list of two rows), which neither helps nor rules out
      options.push({ field: m.field, col, q: m.q, len: m.len, fit: fit ?? -1 });
    }
    // «Авторы, название учебника» names the title (authors and title in one cell), not the authors —
    // when the cells bear the title out.
    const here = options.filter((o) => o.col === col);
    for (const o of here) {
      const to = fieldByKey.get(o.field)!.yieldsTo;
      if (to && here.some((x) => x.field === to)) {
        options.splice(options.indexOf(o), 1);
        refuse(col, o.field, 'yield');
      }
    }
  });

  const columns = new Map<string, number>();
  const used = new Set<number>();
  const by = new Map<number, Evidence>();
  const match = new Map<number, HeaderMatch>();
  const fitOf = new Map<number, number>();
  const choices: Choice[] = [];
  const ambiguous: Assignment['ambiguous'] = [];
  let score = 0;
  const give = (field: string, col: number, evidence: Evidence, fit: number, m?: HeaderMatch) => {
    columns.set(field, col);
    used.add(col);
    by.set(col, evidence);
    fitOf.set(col, fit);
    if (m) match.set(col, m);
  };

  // 2. Fields that several columns claim and whose role says which is better (the price with VAT).
  for (const f of spec.fields) {
    if (!f.role || !HEADER_WORDS[f.role].better) continue;
    const cols = options.filter((o) => o.field === f.key && (o.fit >= 0.6 || o.fit < 0 || !f.content || !profiles));
    if (cols.length < 2) continue;
    const picked = choose(f, cols, labels, profiles ?? []);
    if (picked === 'ambiguous') {
      ambiguous.push({ field: f.key, columns: cols.map((o) => o.col) });
      continue;
    }
    choices.push(picked.choice);
    for (const o of cols) if (o !== picked.taken) refuse(o.col, f.key, 'other-column');
    options.splice(0, options.length, ...options.filter((o) => o.field !== f.key || o === picked.taken));
  }

  // 3. The rest by strength: exact names first, then the longest synonym («Авторы, название
  //    учебника» is the title column though it also starts with «Авторы»), then what the cells say.
  // Of two headers that merely contain a word of the field, the one whose cells fit it better: «Товар»
  // over titles before «Вид пособия» over «книга», «ФГОС ООО».
  options.sort((a, b) => b.q - a.q || (a.q === 1 ? b.fit - a.fit : 0) || b.len - a.len || b.fit - a.fit || a.col - b.col);
  for (const o of options) {
    if (columns.has(o.field) || used.has(o.col)) continue;
    const m = { field: o.field, index: 0, q: o.q, len: o.len };
    give(o.field, o.col, o.fit > 0 ? 'header+content' : 'header', Math.max(0, o.fit), m);
    // Without content kinds (orders, vacancy sheets) a header is as good as the fields it names.
    score += profiles ? o.q + 2 * Math.max(0, o.fit) : 1;
  }

  // 4. Columns whose header says nothing known (or that have none): their content may name a field.
  if (profiles) {
    const open = (col: number) => {
      if (used.has(col)) return false;
      if (contentOnlyAnywhere) return true;
      return labels[col]!.every((l) => l === '' || !mentionsAnyRole(l));
    };
    const byKind = new Map<CellKind, number[]>();
    profiles.forEach((p, col) => {
      if (!open(col)) return;
      const k = dominantKind(p);
      if (k) byKind.set(k, [...(byKind.get(k) ?? []), col]);
    });
    for (const f of spec.fields) {
      if (columns.has(f.key) || !f.content?.length) continue;
      // «Any text» is enough to keep a header's column, never to give a column a field by itself — except
      // the title, which may be a single word («Химия»): the text column that varies most, if no other.
      let cols = f.content.filter((k) => k !== 'text').flatMap((k) => byKind.get(k) ?? []).filter((c) => !used.has(c));
      if (!cols.length && f.content.includes('title')) cols = (byKind.get('text') ?? []).filter((c) => !used.has(c) && profiles[c]!.distinct >= 0.5);
      if (!cols.length) continue;
      let col: number;
      if (cols.length === 1) col = cols[0]!;
      // The title is the longest text that differs from row to row (not a binding repeated on every row).
      else if (f.content.includes('title')) col = cols.reduce((a, b) => (profiles[b]!.meanLength * profiles[b]!.distinct > profiles[a]!.meanLength * profiles[a]!.distinct ? b : a));
      else if (f.content.includes('money')) {
        const picked = choose(f, cols.map((c) => ({ field: f.key, col: c, q: 0, len: 0, fit: profiles[c]!.fit.money })), labels, profiles);
        if (picked === 'ambiguous') {
          ambiguous.push({ field: f.key, columns: cols });
          continue;
        }
        choices.push(picked.choice);
        col = picked.taken.col;
      } else {
        // Of two grade-like columns the one that does not count rows 1, 2, 3 …; then the better fit.
        const rank = (c: number) => (profiles[c]!.ordinal ? 0 : 10) + (fieldFit(f, profiles[c]) ?? 0);
        col = cols.reduce((a, b) => (rank(b) > rank(a) ? b : a));
      }
      const fit = fieldFit(f, profiles[col]) ?? 0;
      give(f.key, col, 'content', fit);
      score += 1.5 * fit;
    }
  }
  // 5. A field with «better» words (the price) taken from a header that only contains its word, beside a
  //    column of the same kind whose header says nothing: which is the price is not known — unless the
  //    values show one to be the other with VAT.
  if (profiles) {
    for (const f of spec.fields) {
      const col = columns.get(f.key);
      const m = col === undefined ? undefined : match.get(col);
      if (col === undefined || !m || m.q >= 3 || !f.role || !HEADER_WORDS[f.role].better || !f.content?.includes('money')) continue;
      const rivals = profiles
        .map((p, c) => ({ p, c }))
        .filter(({ p, c }) => !used.has(c) && dominantKind(p) === 'money' && labels[c]!.every((l) => l === '' || !mentionsAnyRole(l)))
        .map(({ c }) => c);
      if (!rivals.length) continue;
      const picked = choose(f, [{ field: f.key, col, q: m.q, len: m.len, fit: 1 }, ...rivals.map((c) => ({ field: f.key, col: c, q: 0, len: 0, fit: 1 }))], labels, profiles);
      if (picked === 'ambiguous') {
        if (!ambiguous.some((a) => a.field === f.key)) ambiguous.push({ field: f.key, columns: [col, ...rivals] });
      }
      else if (picked.taken.col !== col) {
        columns.set(f.key, picked.taken.col);
        used.add(picked.taken.col);
        by.set(picked.taken.col, 'content');
        choices.push(picked.choice);
      } else choices.push(picked.choice);
    }
  }
  return { columns, by, match, fitOf, refused, choices, ambiguous, score };
}

/**
 * In how many columns a row reads like the data below it: its cell is of the column's kind (a code
 * with digits like the codes below, an amount, an fpu code) or is one of the values that repeat below
 * («МО Кемерово» over a column of municipalities). Header words («Код», «Логин») have no digits.
 */
function echoes(row: SheetRow | undefined, profiles: ColumnProfile[], below: SheetRow[]): { kind: number; repeat: number } {
  const n = { kind: 0, repeat: 0 };
  if (!row) return n;
  row.cells.forEach((cell, col) => {
    const v = cell?.value ?? null;
    const s = cellString(v);
    const p = profiles[col];
    if (!s || !p) return;
    const kind = dominantKind(p);
    if (kind && kind !== 'text' && kind !== 'title' && fits(kind, v, s) && ((kind !== 'code' && kind !== 'shortcode') || /\d/u.test(s))) {
      n.kind++;
      return;
    }
    if (p.distinct < 0.9 && below.some((r) => r !== row && cellString(r.cells[col]?.value ?? null) === s)) n.repeat++;
  });
  return n;
}

/**
 * How many cells of a row are short texts that say what headers say (a role's word, «с НДС») and are
 * not values of the file («Новосибирский район» recurs in the data; «Авторы» does not).
 */
function headerWords(row: SheetRow | undefined, rows: SheetRow[]): number {
  if (!row) return 0;
  let n = 0;
  for (const [col, cell] of row.cells.entries()) {
    const s = cellString(cell?.value ?? null);
    if (!s || s.length > 30) continue;
    if (rows.some((r) => r !== row && cellString(r.cells[col]?.value ?? null) === s)) continue;
    if (saysHeaderWords(s)) n++;
  }
  return n;
}

function missingFields(spec: TableSpec, columns: Map<string, number>, also: Iterable<string> = []): string[] {
  const given = new Set(also);
  return spec.required.filter((alternatives) => !alternatives.split('|').some((f) => columns.has(f) || given.has(f)));
}

const TOTALS = /^(?:итого|всего|total)/iu;

/**
 * The data rows below a header, at most SAMPLE_ROWS: not the row of column numbers, and not a row with
 * one filled cell (a section heading, a banner, a signature) or a totals row — they say nothing about
 * what the columns hold.
 */
function dataRowsBelow(buffer: SheetRow[], last: number): SheetRow[] {
  const out: SheetRow[] = [];
  for (const r of buffer) {
    if (r.row <= last) continue;
    if (out.length === 0 && last > 0 && isColumnNumberRow(r)) continue;
    const filled = r.cells.map((c) => cellString(c?.value ?? null)).filter((s) => s !== '');
    if (filled.length < 2 || TOTALS.test(filled[0]!)) continue;
    out.push(r);
    if (out.length >= SAMPLE_ROWS) break;
  }
  return out;
}

export interface RecogniseOptions {
  /** how many leading rows may hold titles and banners before the header (default 30) */
  scanRows?: number;
  /** fields the user placed with --map: they count as found */
  mapped?: string[];
}

/**
 * Finds the header and the columns in the first rows of a sheet (the header scan plus a sample of the
 * rows below it). Returns the best reading; its `columns` may still lack required fields (the caller
 * refuses, with what was seen) and its `ambiguous` list may be non-empty (the caller refuses too).
 */
export function recognise(buffer: SheetRow[], merges: Merge[], spec: TableSpec, opts: RecogniseOptions = {}): Recognition {
  const scan = opts.scanRows ?? 30;
  const width = buffer.reduce((w, r) => Math.max(w, r.cells.length), 0);
  const { hasContent } = indexOf(spec);
  const candidates = candidatesOf(buffer, merges, width, scan, hasContent);

  interface Scored {
    c: Candidate;
    a: Assignment;
    profiles?: ColumnProfile[];
    score: number;
    complete: boolean;
    /** required fields it has no column for (an ambiguous one has columns) */
    missing: number;
  }
  const scored: Scored[] = [];
  const byNumber = new Map(buffer.map((r) => [r.row, r]));
  // What the file's rows are like, all of them: a header line that reads like them is a first data row
  // (its school or item would be lost), and a «header» with such rows above it sits in the data.
  const allRows = hasContent ? dataRowsBelow(buffer, 0) : [];
  const overall = hasContent ? profileColumns(allRows, width) : [];
  const filled = (r: SheetRow) => r.cells.filter((x) => cellString(x?.value ?? null) !== '').length;
  for (const c of candidates) {
    const below = hasContent ? dataRowsBelow(buffer, c.headerRows[c.headerRows.length - 1]!) : [];
    const profiles = hasContent ? profileColumns(below, width) : undefined;
    if (profiles) {
      if (below.length === 0) continue;
      // A lower header line goes with one value of its column's kind (a code with digits, an fpu code),
      // or a text that recurs below unless the line is mostly header words («ФГОС» beside «Авторы»,
      // «без НДС» under «Стандарт», «Цена»); a first line (or a row above) with two signs of either sort.
      const readsLikeData = (row: SheetRow | undefined, lower: boolean) => {
        const e = echoes(row, overall, allRows);
        if (e.kind + e.repeat >= 2) return true;
        return lower && (e.kind >= 1 || (e.repeat >= 1 && headerWords(row, allRows) < 2));
      };
      if (c.headerRows.some((row, i) => readsLikeData(byNumber.get(row), i > 0))) continue;
      if (buffer.some((r) => r.row < c.headerRows[0]! && filled(r) >= 2 && readsLikeData(r, true))) continue;
    }
    // Without a column profile a field comes from a header word only (assign, step 3): a candidate none
    // of whose labels names a field has no column by its header and is passed over below. Most
    // candidates of an order sheet are its data rows; they are passed over here without the assignment.
    if (!profiles && c.labels.every((ls) => ls.every((l) => matchesOf(spec, l).length === 0))) continue;
    const a = assign(spec, c.labels, profiles, false);
    const byHeader = [...a.by.values()].filter((e) => e !== 'content').length;
    // One matching cell does not make a header of a banner («Прайс-лист на учебники»): a row with one
    // known header word is a header only when it has other texts beside it, as header rows do.
    if (byHeader === 0 || (hasContent && byHeader < 2 && c.display.filter(Boolean).length < 3)) continue;
    // A second header line costs a little (a single line wins a tie) unless it says something.
    const score = a.score - (c.headerRows.length - 1) * 0.5 + (c.meaning ?? 0) * 0.75;
    const missing = missingFields(spec, a.columns, opts.mapped).length;
    scored.push({ c, a, profiles, score, missing, complete: missing === 0 && a.ambiguous.length === 0 });
  }
  if (hasContent) {
    // No header at all: every column by its content (a catalogue export, a list pasted without titles).
    const profiles = profileColumns(dataRowsBelow(buffer, 0), width);
    const a = assign(spec, Array.from({ length: width }, () => ['']), profiles, true);
    const missing = missingFields(spec, a.columns, opts.mapped).length;
    scored.push({ c: { headerRows: [], labels: [], display: Array(width).fill('') }, a, profiles, score: a.score * 0.9, missing, complete: missing === 0 && a.ambiguous.length === 0 });
  }
  // The complete reading; else the one that lacks least (its refusal says most); else the strongest.
  scored.sort((x, y) => Number(y.complete) - Number(x.complete) || x.missing - y.missing || y.score - x.score || (x.c.headerRows[0] ?? Infinity) - (y.c.headerRows[0] ?? Infinity));
  const best = scored[0];
  if (!best) return { headerRows: [], columns: new Map(), display: widestRow(buffer), decisions: [], choices: [], ambiguous: [], profiles: [] };

  const profiles = best.profiles ?? [];
  const display = best.c.headerRows.length ? best.c.display : Array(width).fill('');
  const fieldAt = new Map([...best.a.columns].map(([f, c]) => [c, f]));
  const decisions: ColumnDecision[] = [];
  for (let col = 0; col < width; col++) {
    const p = profiles[col];
    const field = fieldAt.get(col);
    const kind = p ? dominantKind(p) : undefined;
    const m = best.a.match.get(col);
    const d: ColumnDecision = { column: col, header: display[col] ?? '', samples: p?.samples ?? 0, refused: best.a.refused.get(col) ?? [] };
    if (field) {
      d.field = field;
      d.by = best.a.by.get(col)!;
      if (m) d.match = m.q === 3 ? 'exact' : m.q === 2 ? 'prefix' : 'word';
      const f = spec.fields.find((x) => x.key === field)!;
      const fit = fieldFit(f, p);
      if (fit !== undefined) d.fit = fit;
    } else if (kind && p) d.fit = p.fit[kind];
    if (kind) d.kind = kind;
    if (d.header || d.field || d.samples) decisions.push(d);
  }
  return {
    headerRows: best.c.headerRows,
    columns: best.a.columns,
    display: best.c.headerRows.length ? display : widestRow(buffer, width),
    decisions,
    choices: best.a.choices,
    ambiguous: best.a.ambiguous,
    profiles,
  };
}

/** For messages about a file without a header: the texts of its fullest row among the first ones. */
function widestRow(buffer: SheetRow[], width = 0): string[] {
  let widest: SheetRow | undefined;
  const filled = (r: SheetRow) => r.cells.filter((c) => cellString(c?.value ?? null) !== '').length;
  for (const r of buffer.slice(0, 30)) if (!widest || filled(r) > filled(widest)) widest = r;
  const cells = widest?.cells ?? [];
  // Cells are sparse: every column gets a text, '' where the row has none.
  return Array.from({ length: Math.max(width, cells.length) }, (_, i) => cellString(cells[i]?.value ?? null));
}

/** A column letter with its header, as messages show it: `D «Цена, руб»` (or just `D`). */
export function columnLabel(col: number, header: string): string {
  const h = header.replace(/\s+/gu, ' ').trim().slice(0, 40);
  return h ? `${columnLetter(col)} «${h}»` : columnLetter(col);
}
