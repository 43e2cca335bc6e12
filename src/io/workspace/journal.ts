/**
 * The journal `journal.jsonl`: one JSON object per line, appended under the lock and never
 * rewritten — who did what to the workspace, and when.
 *
 * A hash chain (issue 18): each line carries `prev`, the SHA-256 of the line before it as written
 * (its UTF-8 bytes without the newline; of the empty text for the first line). A line edited by hand
 * no longer matches the `prev` of the line after it, and a removed line breaks the chain where it was:
 * `doctor` reports both with the line number (verifyChain). Lines written before the chain existed
 * have no `prev`; the chain is checked from the first line that has one, so old journals keep working.
 * The last line is covered once the next command writes its own.
 */
import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import { z } from 'zod';
import { currentUser, ioFailure, isErrno, isoWithOffset } from './io.js';
import { holdsLock } from './lock.js';
import { JOURNAL_FILE, resolveInside, resolveInsideReal } from './paths.js';
import { describeIssues } from './schema.js';

export interface JournalInput {
  /** the command as the user would type it: `pricelist load`, `order form` */
  command: string;
  /** workspace-relative paths written by the command */
  changed: string[];
  [detail: string]: unknown;
}

export const journalEntrySchema = z.looseObject({
  time: z.string(),
  user: z.string(),
  command: z.string(),
  changed: z.array(z.string()),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

export interface JournalDamage {
  /** 1-based line number */
  line: number;
  /** the last line, without its newline: a write cut short */
  torn: boolean;
  reason: string;
}

/** A line whose `prev` is not the hash of the line before it. */
export interface JournalBreak {
  /** 1-based number of the line whose `prev` does not match */
  line: number;
  /** the line before it, which was edited, or after which lines were removed */
  previous: number;
}

const OWN_FIELDS = new Set(['time', 'user', 'command', 'changed', 'prev']);

/** SHA-256 of a journal line as written, without its newline. */
export function lineHash(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

/** The `prev` a line carries: a string, absent (a line of before the chain, or one added by hand), or unreadable. */
function prevOf(line: string): string | undefined | 'unreadable' {
  try {
    const value: unknown = JSON.parse(line);
    if (value && typeof value === 'object' && typeof (value as { prev?: unknown }).prev === 'string') return (value as { prev: string }).prev;
    return undefined;
  } catch {
    return 'unreadable';
  }
}

/**
 * Where the chain is broken: every line from the first that carries `prev` on must carry the hash of
 * the line before it. A line that is no JSON (a torn write, reported as damage by readJournal) is not
 * checked itself, but the line after it must still follow it. `lines` are the journal's lines without
 * newlines, blank ones included (their numbers are the file's).
 */
export function verifyChain(lines: readonly string[]): JournalBreak[] {
  const breaks: JournalBreak[] = [];
  let chained = false;
  let before: { index: number; text: string } | undefined;
  lines.forEach((text, index) => {
    if (text.trim() === '') return;
    const prev = prevOf(text);
    if (prev !== undefined && prev !== 'unreadable') chained = true;
    if (chained && prev !== 'unreadable' && prev !== lineHash(before?.text ?? '')) breaks.push({ line: index + 1, previous: before ? before.index + 1 : 0 });
    before = { index, text };
  });
  return breaks;
}

/** The last line of the open journal (without its newline), read back from its end. */
async function lastLine(handle: fsp.FileHandle, size: number): Promise<string> {
  const chunk = 64 * 1024;
  let end = size;
  // A trailing newline ends the last line; it is not part of it.
  const one = Buffer.alloc(1);
  if (size > 0) await handle.read(one, 0, 1, size - 1);
  if (size > 0 && one[0] === 0x0a) end--;
  const parts: Buffer[] = [];
  for (let pos = end; pos > 0; ) {
    const start = Math.max(0, pos - chunk);
    const buf = Buffer.alloc(pos - start);
    await handle.read(buf, 0, buf.length, start);
    const nl = buf.lastIndexOf(0x0a);
    if (nl >= 0) {
      parts.unshift(buf.subarray(nl + 1));
      break;
    }
    parts.unshift(buf);
    pos = start;
  }
  return Buffer.concat(parts).toString('utf8');
}

/**
 * Append one entry, or several in one write (each chained to the one before it):
 * `{time, user, command, changed, …details}`, time with the UTC offset of `timezone` (the
 * campaign's) or of this machine. The caller must hold the workspace lock. Several at once cost one
 * write and one sync: `order submit` journals the versions its concurrent stores are about to write
 * together (src/features/order/submit.ts).
 */
export async function appendJournal(
  root: string,
  entries: JournalInput | readonly JournalInput[],
  opts: { timezone?: string; /** the root's real path, when the caller has resolved it (a Workspace does once) */ realRoot?: string } = {},
): Promise<void> {
  if (!holdsLock(root)) throw new Error('appendJournal called without the workspace lock (use withLock)');
  const time = isoWithOffset(new Date(), opts.timezone);
  const user = currentUser();
  const fieldsOf = (entry: JournalInput) => {
    const details = Object.fromEntries(Object.entries(entry).filter(([key]) => !OWN_FIELDS.has(key)));
    return { time, user, command: entry.command, changed: entry.changed, ...details };
  };
  // Through resolveInside: a journal.jsonl replaced by a symlink leading outside is refused (exit 4),
  // never appended to — an append follows links, which would write into someone else's file.
  const file = opts.realRoot === undefined ? resolveInside(root, JOURNAL_FILE) : resolveInsideReal(opts.realRoot, JOURNAL_FILE);
  try {
    const handle = await fsp.open(file, 'a+');
    try {
      const stat = await handle.stat();
      const { size } = stat;
      const known = lastAppended.get(file);
      let prev: string;
      let text = '';
      if (known && known.ino === stat.ino && known.size === size && known.mtimeMs === stat.mtimeMs) prev = known.line;
      else {
        // After a torn last line, start on a fresh line so only the torn entry is lost, not ours too.
        const last = Buffer.alloc(1);
        if (size > 0) await handle.read(last, 0, 1, size - 1);
        prev = await lastLine(handle, size);
        if (size > 0 && last[0] !== 0x0a) text = '\n';
      }
      for (const entry of [entries].flat()) {
        const line = JSON.stringify({ ...fieldsOf(entry), prev: lineHash(prev) });
        text += line + '\n';
        prev = line;
      }
      lastAppended.delete(file);
      await handle.writeFile(text);
      await handle.sync();
      const after = await handle.stat();
      lastAppended.set(file, { ino: after.ino, size: after.size, mtimeMs: after.mtimeMs, line: prev });
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw ioFailure(err, 'write', file);
  }
}

/**
 * Per journal file, the line this process appended last and the file as it left it. An append needs
 * the last line (for its `prev`); `order submit` appends a line for each of 700 files, and reading it
 * back from the end each time cost ≈0.15 s of the thread that stores. When the file is still as this
 * process left it (same inode, size and time of change), the line is known; anything else — another
 * process's append, a journal repaired or replaced in between — is read from the file as before.
 */
const lastAppended = new Map<string, { ino: number; size: number; mtimeMs: number; line: string }>();

/** All entries that parse, and the lines that do not (a torn last line among them). */
export async function readJournal(root: string): Promise<{ entries: JournalEntry[]; damaged: JournalDamage[] }> {
  const { entries, damaged } = await readJournalLines(root);
  return { entries: entries.map((e) => e.entry), damaged };
}

/** readJournal with each entry's line number, and where the hash chain is broken (verifyChain). */
export async function readJournalLines(root: string): Promise<{ entries: { line: number; entry: JournalEntry }[]; damaged: JournalDamage[]; broken: JournalBreak[] }> {
  const file = resolveInside(root, JOURNAL_FILE);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return { entries: [], damaged: [], broken: [] };
    throw ioFailure(err, 'read', file);
  }
  const lines = text.split('\n');
  const complete = text.endsWith('\n');
  if (complete) lines.pop();
  const entries: { line: number; entry: JournalEntry }[] = [];
  const damaged: JournalDamage[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const torn = !complete && i === lines.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      damaged.push({ line: i + 1, torn, reason: err instanceof Error ? err.message : String(err) });
      return;
    }
    const parsed = journalEntrySchema.safeParse(value);
    if (parsed.success) entries.push({ line: i + 1, entry: parsed.data });
    else damaged.push({ line: i + 1, torn, reason: describeIssues(parsed.error) });
  });
  return { entries, damaged, broken: verifyChain(lines) };
}
