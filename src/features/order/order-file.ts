/**
 * The text of state/orders/<school>.json (docs/file-formats.md#order-state).
 *
 * Schema 2 (issue 20: a country's orders are 14.6 million lines, and reading them as pretty-printed
 * objects checked by zod one line at a time was most of `consolidate region` and all of `deadlines
 * check`, bench/README.md) is compact JSON, still one order line per text line:
 *
 *   {"schema":2,"school":"0101","municipality":"01","versions":[{"version":1,"state":"formed",…}],
 *   "publishers":["Дрофа","Просвещение"],
 *   "line_columns":["publisher","item_key","grade","quantity","price_kopecks","row"],
 *   "lines":[
 *   [[0,"code:DR100004",1,17,13982,6],
 *   [1,"code:PR100011",3,15,62210,7]]
 *   ]}
 *
 * - The first text line holds everything but the lines — the versions with their states, dates,
 *   sources and totals — and ends with `,`. JSON.stringify never writes a raw line break inside a
 *   value, so the file's first line break ends it, and a reader of states and dates reads that line
 *   alone ({@link readOrderHead}).
 * - `lines[i]` are the lines of `versions[i]`: arrays in the order of `line_columns`, the publisher an
 *   index into `publishers` (a name is written once, not 400 times); `row` is left off when unknown.
 * - Lines are checked by hand with the refusals the zod schema of schema 1 made (a whole number of
 *   copies ≥ 0, …), without building a checker's object per line.
 *
 * Schema 1 (before issue 20) is the pretty-printed OrderRecord of Workspace.writeState. It is still
 * read; the next save of the order writes it as schema 2, and so does `migrateOrderFiles` for a
 * whole workspace (src/features/order/store.ts).
 */
import fs from 'node:fs';
import { z } from 'zod';
import { WorkspaceError } from '../../core/errors.js';
import type { OrderLine } from '../../core/model/order.js';
import type { OrderRecord, OrderVersion } from '../../core/model/order-lifecycle.js';
import { ioFailure, isErrno } from '../../io/workspace/io.js';
import { checkVersionedValue, describeIssues, readTextIfPresent, versionError } from '../../io/workspace/schema.js';
import { scanLines } from './order-lines-scan.js';

/** The version order files are written at (src/io/workspace/schema.ts STATE_SCHEMA_VERSIONS). */
export const ORDER_SCHEMA = 2;

export const LINE_COLUMNS = ['publisher', 'item_key', 'grade', 'quantity', 'price_kopecks', 'row'] as const;

const versionHeadShape = {
  version: z.number().int().min(1),
  state: z.enum(['draft', 'returned', 'agreed', 'formed']),
  submitted_at: z.string(),
  agreed_at: z.string().optional(),
  formed_at: z.string().optional(),
  returned_at: z.string().optional(),
  return_reason: z.string().optional(),
  source: z.object({ file: z.string(), sha256: z.string(), stored: z.string() }),
  totals: z.object({ copies: z.number().int(), sum_kopecks: z.number().int() }),
  errors: z.number().int(),
  forced: z.boolean().optional(),
};

const lineSchema = z.object({
  publisher: z.string(),
  item_key: z.string(),
  grade: z.number().int(),
  quantity: z.number().int().min(0),
  price_kopecks: z.number().int(),
  row: z.number().int().optional(),
});

/** Schema 1: the OrderRecord as it is, lines as objects. */
const recordV1Schema = z.object({
  school: z.string(),
  municipality: z.string(),
  versions: z.array(z.object({ ...versionHeadShape, lines: z.array(lineSchema) })).min(1),
});

/** Schema 2's first line: the record without lines. */
const headSchema = z.object({
  school: z.string(),
  municipality: z.string(),
  versions: z.array(z.object(versionHeadShape)).min(1),
});

export type OrderVersionHead = Omit<OrderVersion, 'lines'>;

/** An order without its lines: who, and the versions' states, dates, sources and totals. */
export interface OrderHead {
  school: string;
  municipality: string;
  versions: OrderVersionHead[];
}

function damaged(file: string, reason: string): WorkspaceError {
  return new WorkspaceError('workspace.damaged', { file, reason });
}

/** The order in a file's text, of either schema. Throws `workspace.newer-schema` / `workspace.damaged` naming `file`. */
export function parseOrder(text: string, file: string): OrderRecord {
  return scanOrder(text) ?? parseOrderJson(text, file);
}

const LINES_KEY = ',\n"lines":';

/**
 * The order in a text exactly as formatOrder writes it, its lines read by src/features/order/order-lines-scan.ts;
 * undefined for any other text (of schema 1, hand-edited, damaged), which {@link parseOrderJson} reads.
 */
function scanOrder(text: string): OrderRecord | undefined {
  const at = text.indexOf(LINES_KEY);
  if (at < 0 || !text.startsWith(`{"schema":${ORDER_SCHEMA},`)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(`${text.slice(0, at)}}`);
  } catch {
    return undefined;
  }
  const { schema, publishers, line_columns: columns, ...rest } = value as Record<string, unknown>;
  const head = headSchema.safeParse(rest);
  if (schema !== ORDER_SCHEMA || !head.success || !Array.isArray(publishers) || !publishers.every((p) => typeof p === 'string') || !sameColumns(columns)) return undefined;
  const scanned = scanLines(text, at + LINES_KEY.length, publishers as string[]);
  if (scanned === undefined || scanned.lines.length !== head.data.versions.length || !/^\}[ \t\r\n]*$/u.test(text.slice(scanned.end))) return undefined;
  return { ...head.data, versions: head.data.versions.map((v, i) => ({ ...v, lines: scanned.lines[i]! })) };
}

const sameColumns = (columns: unknown): boolean => Array.isArray(columns) && columns.length === LINE_COLUMNS.length && columns.every((c, i) => c === LINE_COLUMNS[i]);

/** The general path of {@link parseOrder}: JSON.parse, then every field checked. */
function parseOrderJson(text: string, file: string): OrderRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw damaged(file, err instanceof Error ? err.message : String(err));
  }
  const check = checkVersionedValue(value, ORDER_SCHEMA);
  if (!check.ok) throw versionError(check, file, ORDER_SCHEMA);
  if (check.version === 1) {
    const parsed = recordV1Schema.safeParse(check.body);
    if (!parsed.success) throw damaged(file, describeIssues(parsed.error));
    return parsed.data;
  }
  const head = headSchema.safeParse(check.body);
  if (!head.success) throw damaged(file, describeIssues(head.error));
  const { publishers, line_columns: columns, lines } = check.body;
  const reason = linesProblem(publishers, columns, lines, head.data.versions.length);
  if (reason !== undefined) throw damaged(file, reason);
  const names = publishers as string[];
  const byVersion = lines as unknown[][][];
  return { ...head.data, versions: head.data.versions.map((v, i) => ({ ...v, lines: byVersion[i]!.map((l) => toLine(l, names)) })) };
}

function toLine(l: unknown[], publishers: string[]): OrderLine {
  const line: OrderLine = { publisher: publishers[l[0] as number]!, item_key: l[1] as string, grade: l[2] as number, quantity: l[3] as number, price_kopecks: l[4] as number };
  if (l.length === 6) line.row = l[5] as number;
  return line;
}

const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

/** Why schema 2's `publishers`, `line_columns` and `lines` cannot be an order's lines; undefined when they can. */
function linesProblem(publishers: unknown, columns: unknown, lines: unknown, versions: number): string | undefined {
  if (!Array.isArray(publishers) || !publishers.every((p) => typeof p === 'string')) return 'publishers: expected an array of names';
  if (!sameColumns(columns)) return `line_columns: expected ${JSON.stringify(LINE_COLUMNS)}`;
  if (!Array.isArray(lines) || lines.length !== versions) return `lines: expected an array of ${versions} versions' lines`;
  for (let v = 0; v < versions; v++) {
    const of = lines[v] as unknown;
    if (!Array.isArray(of)) return `lines.${v}: expected an array`;
    for (let i = 0; i < of.length; i++) {
      const l = of[i] as unknown;
      const at = `lines.${v}.${i}`;
      if (!Array.isArray(l) || (l.length !== 5 && l.length !== 6)) return `${at}: expected [${LINE_COLUMNS.join(', ')}?]`;
      if (!isInt(l[0]) || l[0] < 0 || l[0] >= publishers.length) return `${at}.0 (publisher): expected an index into publishers`;
      if (typeof l[1] !== 'string') return `${at}.1 (item_key): expected a string`;
      if (!isInt(l[2])) return `${at}.2 (grade): expected a whole number`;
      if (!isInt(l[3]) || l[3] < 0) return `${at}.3 (quantity): expected a whole number ≥ 0`;
      if (!isInt(l[4])) return `${at}.4 (price_kopecks): expected a whole number`;
      if (l.length === 6 && !isInt(l[5])) return `${at}.5 (row): expected a whole number`;
    }
  }
  return undefined;
}

/** An order's text at schema 2: the same record always gives the same text. */
export function formatOrder(record: OrderRecord): string {
  const publishers: string[] = [];
  const index = new Map<string, number>();
  const lineTexts = record.versions.map((v) =>
    v.lines.map((l) => {
      let p = index.get(l.publisher);
      if (p === undefined) {
        p = publishers.push(l.publisher) - 1;
        index.set(l.publisher, p);
      }
      return `[${p},${JSON.stringify(l.item_key)},${l.grade},${l.quantity},${l.price_kopecks}${l.row === undefined ? '' : `,${l.row}`}]`;
    }),
  );
  const head = JSON.stringify({ schema: ORDER_SCHEMA, ...withoutLines(record) });
  return (
    `${head.slice(0, -1)},\n` +
    `"publishers":${JSON.stringify(publishers)},\n` +
    `"line_columns":${JSON.stringify(LINE_COLUMNS)},\n` +
    `"lines":[\n${lineTexts.map((ls) => `[${ls.join(',\n')}]`).join(',\n')}\n]}\n`
  );
}

// A version's facts are ≈500 bytes: one read of 4 KiB nearly always holds the first line.
const CHUNK = 4 * 1024;
const chunk = Buffer.allocUnsafe(CHUNK);

/**
 * The order at `file` without its lines, from the first text line alone when the file is at schema 2
 * (the whole file otherwise); undefined when there is no file. Refuses what {@link parseOrder} refuses
 * in that line, and lines that are not there are not checked.
 */
export function readOrderHead(file: string): OrderHead | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw ioFailure(err, 'read', file);
  }
  let firstLine: string | undefined;
  try {
    const parts: Buffer[] = [];
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, CHUNK, null);
      const end = chunk.subarray(0, n).indexOf(0x0a);
      if (end >= 0) {
        firstLine = parts.length === 0 ? chunk.toString('utf8', 0, end) : Buffer.concat([...parts, chunk.subarray(0, end)]).toString('utf8');
        break;
      }
      if (n === 0) break;
      parts.push(Buffer.from(chunk.subarray(0, n)));
    }
  } catch (err) {
    throw ioFailure(err, 'read', file);
  } finally {
    fs.closeSync(fd);
  }
  if (firstLine === undefined || !firstLine.endsWith(',')) {
    const text = readTextIfPresent(file);
    return text === undefined ? undefined : withoutLines(parseOrder(text, file));
  }
  let value: unknown;
  try {
    value = JSON.parse(`${firstLine.slice(0, -1)}}`);
  } catch (err) {
    throw damaged(file, err instanceof Error ? err.message : String(err));
  }
  const check = checkVersionedValue(value, ORDER_SCHEMA);
  if (!check.ok) throw versionError(check, file, ORDER_SCHEMA);
  const head = headSchema.safeParse(check.body);
  if (!head.success) throw damaged(file, describeIssues(head.error));
  return head.data;
}

function withoutLines(record: OrderRecord): OrderHead {
  return { school: record.school, municipality: record.municipality, versions: record.versions.map(({ lines: _lines, ...head }) => head) };
}
