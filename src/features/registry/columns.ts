/**
 * Which column of a registry without a header holds what, judged by the cells alone (issue 16,
 * pattern 11). Real school lists from the regional system come without a header: the Томск list is
 * `municipality code; short name; full name`, others `municipality; login such as KEM_0001; short
 * name; full name` followed by dozens of empty columns.
 *
 * Pure on purpose — rows of cell texts in, roles with their evidence and doubts out — so that a
 * general content-based recogniser (src/io/sheets/recognise*) can take it over. The command decides what
 * to do with doubts (command.ts: load when there are none, otherwise refuse with the
 * `--columns` line the guess amounts to).
 *
 * The rules, in the order they are tried for each column with content:
 * - ИНН: 10 (or 12) digits; КПП: 9 digits.
 * - municipality: few distinct values, each repeated (at most half as many values as filled cells) —
 *   a code when the values are short tokens without spaces (`124`, `KEM`), a name when they are text
 *   with letters; a code and a name together only when they go one to one;
 * - school code: unique tokens without spaces that carry a digit (`KEM_0001`, `0412`);
 * - names: text with letters; the shortest on average is the short name, the longest the full name.
 */

export type RegistryColumnRole = 'municipality_code' | 'municipality_name' | 'code' | 'short_name' | 'full_name' | 'inn' | 'kpp' | 'skip';

/** Why a column was given its role (stable codes; the command words them). */
export type RegistryColumnReason =
  | 'repeated-codes'
  | 'repeated-texts'
  | 'guessed-municipality'
  | 'unique-codes'
  | 'inn-digits'
  | 'kpp-digits'
  | 'only-names'
  | 'shorter-names'
  | 'longer-names'
  | 'extra-names'
  | 'empty'
  | 'sparse'
  | 'unrecognised';

export interface RegistryColumnEvidence {
  /** 0-based column */
  column: number;
  role: RegistryColumnRole;
  reason: RegistryColumnReason;
  /** non-empty cells in the sample */
  filled: number;
  /** distinct non-empty values */
  distinct: number;
  /** average length of the non-empty values, rounded */
  avgLength: number;
  /** the first non-empty value, for the user to recognise the column */
  sample?: string;
}

export type RegistryDoubt =
  | { kind: 'few-rows'; rows: number }
  | { kind: 'no-municipality' }
  | { kind: 'no-name' }
  | { kind: 'municipalities'; columns: number[] }
  | { kind: 'codes'; columns: number[] }
  | { kind: 'names-alike'; columns: number[] }
  | { kind: 'names'; columns: number[] }
  | { kind: 'unrecognised'; columns: number[] }
  | { kind: 'first-row'; columns: number[] };

export interface RegistryColumnsGuess {
  /** every column up to the last with content, in order */
  columns: RegistryColumnEvidence[];
  /** reasons the guess must not be loaded without the user's word; empty when the roles are clear */
  doubts: RegistryDoubt[];
  /** rows the guess was made from */
  rows: number;
}

/** Fewer rows than this cannot show which values repeat. */
export const MIN_ROWS = 3;

const SPACE = /\s/;
const LETTER = /\p{L}/u;
const DIGIT = /\d/;
/** a short token: `124`, `KEM`, `01-ТМ` */
const TOKEN = /^[\p{L}\d][\p{L}\d_.\-/]{0,15}$/u;

/** The shape of a code: every digit 9, every letter A (`KEM_0001` → `AAA_9999`). */
export function codeShape(value: string): string {
  return value.replace(/\d/g, '9').replace(/\p{L}/gu, 'A');
}

interface Stats {
  column: number;
  values: string[];
  filled: number;
  distinct: number;
  avgLength: number;
  share: (test: (v: string) => boolean) => number;
}

function statsOf(rows: string[][], column: number): Stats {
  const values: string[] = [];
  for (const r of rows) {
    const v = (r[column] ?? '').trim();
    if (v) values.push(v);
  }
  const distinct = new Set(values).size;
  const avgLength = values.length ? Math.round(values.reduce((n, v) => n + v.length, 0) / values.length) : 0;
  return {
    column,
    values,
    filled: values.length,
    distinct,
    avgLength,
    share: (test) => (values.length ? values.filter(test).length / values.length : 0),
  };
}

/** The most common shape of the values and the share of values that have it. */
function commonShape(values: string[]): { shape: string; share: number } {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(codeShape(v), (counts.get(codeShape(v)) ?? 0) + 1);
  let best = { shape: '', n: 0 };
  for (const [shape, n] of counts) if (n > best.n) best = { shape, n };
  return { shape: best.shape, share: values.length ? best.n / values.length : 0 };
}

/** Whether each value of column `a` goes with one value of column `b` and back. */
function oneToOne(rows: string[][], a: number, b: number): boolean {
  const ab = new Map<string, string>();
  const ba = new Map<string, string>();
  for (const r of rows) {
    const x = (r[a] ?? '').trim();
    const y = (r[b] ?? '').trim();
    if (!x || !y) continue;
    if ((ab.get(x) ?? y) !== y || (ba.get(y) ?? x) !== x) return false;
    ab.set(x, y);
    ba.set(y, x);
  }
  return true;
}

/**
 * Roles of the columns of `rows` (cell texts; empty strings or missing cells are empty), judged by
 * content. Blank rows are ignored.
 */
export function recogniseRegistryColumns(input: string[][]): RegistryColumnsGuess {
  const rows = input.filter((r) => r.some((c) => (c ?? '').trim() !== ''));
  const width = rows.reduce((w, r) => {
    let last = -1;
    r.forEach((c, i) => {
      if ((c ?? '').trim()) last = i;
    });
    return Math.max(w, last + 1);
  }, 0);
  const n = rows.length;
  const doubts: RegistryDoubt[] = [];
  if (n < MIN_ROWS) doubts.push({ kind: 'few-rows', rows: n });

  const stats = Array.from({ length: width }, (_, c) => statsOf(rows, c));
  const evidence: RegistryColumnEvidence[] = stats.map((s) => ({
    column: s.column,
    role: 'skip',
    reason: 'unrecognised',
    filled: s.filled,
    distinct: s.distinct,
    avgLength: s.avgLength,
    ...(s.values[0] !== undefined ? { sample: s.values[0] } : {}),
  }));
  const set = (c: number, role: RegistryColumnRole, reason: RegistryColumnReason) => {
    evidence[c]!.role = role;
    evidence[c]!.reason = reason;
  };

  const municipalities: number[] = [];
  const codes: number[] = [];
  const names: number[] = [];
  const unknown: number[] = [];
  for (const s of stats) {
    const c = s.column;
    if (s.filled === 0) {
      set(c, 'skip', 'empty');
      continue;
    }
    if (s.filled < n / 2) {
      set(c, 'skip', 'sparse');
      continue;
    }
    const unique = s.distinct >= 0.95 * s.filled;
    const repeated = s.filled >= 2 && s.distinct <= s.filled / 2;
    if (s.share((v) => /^\d{10}$|^\d{12}$/.test(v)) >= 0.9 && !repeated) set(c, 'inn', 'inn-digits');
    else if (s.share((v) => /^\d{9}$/.test(v)) >= 0.9) set(c, 'kpp', 'kpp-digits');
    else if (repeated && s.avgLength <= 80 && s.share((v) => TOKEN.test(v)) >= 0.9) {
      municipalities.push(c);
      set(c, 'municipality_code', 'repeated-codes');
    } else if (repeated && s.avgLength <= 80 && s.share((v) => LETTER.test(v)) >= 0.9) {
      municipalities.push(c);
      set(c, 'municipality_name', 'repeated-texts');
    } else if (unique && s.share((v) => !SPACE.test(v) && DIGIT.test(v) && v.length <= 24) >= 0.9) {
      codes.push(c);
      set(c, 'code', 'unique-codes');
    } else if (s.share((v) => LETTER.test(v) && (SPACE.test(v) || v.length >= 4)) >= 0.8) names.push(c);
    else unknown.push(c);
  }

  // Municipality: one column, or a code column with a name column beside it.
  const muniCodes = municipalities.filter((c) => evidence[c]!.role === 'municipality_code');
  const muniNames = municipalities.filter((c) => evidence[c]!.role === 'municipality_name');
  if (municipalities.length === 0) {
    doubts.push({ kind: 'no-municipality' });
    // Still a guess for the command line the refusal prints: the column of the shortest tokens
    // without spaces that is not the one school code (with few rows nothing repeats).
    const tokens = (c: number) => stats[c]!.share((v) => TOKEN.test(v)) >= 0.9 && stats[c]!.avgLength <= 40;
    const pool = [...unknown.filter(tokens), ...(codes.length > 1 ? codes.filter(tokens) : [])];
    const pick = pool.sort((a, b) => stats[a]!.distinct - stats[b]!.distinct || stats[a]!.avgLength - stats[b]!.avgLength || a - b)[0];
    if (pick !== undefined) {
      set(pick, 'municipality_code', 'guessed-municipality');
      for (const list of [unknown, codes]) if (list.includes(pick)) list.splice(list.indexOf(pick), 1);
    }
  }
  else if (muniCodes.length > 1 || muniNames.length > 1) doubts.push({ kind: 'municipalities', columns: municipalities });
  else if (muniCodes.length === 1 && muniNames.length === 1 && !oneToOne(rows, muniCodes[0]!, muniNames[0]!)) {
    // A code and a name of the municipality go together; a repeated text that does not (a legal
    // form such as «бюджетное») is something else.
    doubts.push({ kind: 'municipalities', columns: municipalities });
  }
  if (codes.length > 1) doubts.push({ kind: 'codes', columns: codes });

  // Names: the shortest on average is the short name, the longest the full name.
  const byLength = [...names].sort((a, b) => stats[a]!.avgLength - stats[b]!.avgLength || a - b);
  if (byLength.length === 0) doubts.push({ kind: 'no-name' });
  else if (byLength.length === 1) set(byLength[0]!, 'short_name', 'only-names');
  else {
    const short = byLength[0]!;
    const full = byLength[byLength.length - 1]!;
    set(short, 'short_name', 'shorter-names');
    set(full, 'full_name', 'longer-names');
    for (const c of byLength.slice(1, -1)) set(c, 'skip', 'extra-names');
    if (byLength.length > 2) doubts.push({ kind: 'names', columns: byLength });
    // Row by row the full name must be the longer one, not merely on average.
    let longer = 0;
    let both = 0;
    for (const r of rows) {
      const a = (r[short] ?? '').trim();
      const b = (r[full] ?? '').trim();
      if (!a || !b) continue;
      both++;
      if (b.length > a.length || a === b) longer++;
    }
    if (both > 0 && longer < 0.8 * both) doubts.push({ kind: 'names-alike', columns: [short, full] });
  }
  if (unknown.length) doubts.push({ kind: 'unrecognised', columns: unknown });

  // A first row unlike the rest is a header (or a title) whose words uchebnik does not know.
  if (n >= MIN_ROWS) {
    const first = rows[0]!;
    const differs: number[] = [];
    for (const c of [...muniCodes, ...codes]) {
      const rest = rows.slice(1).map((r) => (r[c] ?? '').trim()).filter(Boolean);
      const { shape, share } = commonShape(rest);
      const v = (first[c] ?? '').trim();
      if (share >= 0.8 && codeShape(v) !== shape && !(c !== undefined && muniCodes.includes(c) && rest.includes(v))) differs.push(c);
    }
    if (differs.length) doubts.push({ kind: 'first-row', columns: differs });
  }

  return { columns: evidence, doubts, rows: n };
}

/**
 * The columns in which a row taken for the header reads as data: its municipality is one of the
 * municipalities below it, or its school code has the shape of the codes below it. A header-less
 * list whose first row happens to start with header words («МО Кемерово», «Школа № 1») is matched as
 * a header by its words, and that school would silently be lost.
 */
export function headerLooksLikeData(header: string[], data: string[][]): number[] {
  const guess = recogniseRegistryColumns(data);
  const out: number[] = [];
  for (const c of guess.columns) {
    const h = (header[c.column] ?? '').trim();
    if (!h) continue;
    const values = data.map((r) => (r[c.column] ?? '').trim()).filter(Boolean);
    if ((c.reason === 'repeated-codes' || c.reason === 'repeated-texts') && values.includes(h)) out.push(c.column);
    else if (c.role === 'code') {
      const { shape, share } = commonShape(values);
      if (share >= 0.8 && codeShape(h) === shape) out.push(c.column);
    }
  }
  return out;
}
