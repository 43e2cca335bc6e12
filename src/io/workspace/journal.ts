/**
 * The journal `journal.jsonl`: one JSON object per line, appended under the lock and never
 * rewritten — who did what to the workspace, and when.
 */
import fsp from 'node:fs/promises';
import { z } from 'zod';
import { currentUser, ioFailure, isErrno, isoWithOffset } from './io.js';
import { holdsLock } from './lock.js';
import { JOURNAL_FILE, resolveInside } from './paths.js';
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

const OWN_FIELDS = new Set(['time', 'user', 'command', 'changed']);

/**
 * Append one entry: `{time, user, command, changed, …details}`, time with the UTC offset of
 * `timezone` (the campaign's) or of this machine. The caller must hold the workspace lock.
 */
export async function appendJournal(root: string, entry: JournalInput, opts: { timezone?: string } = {}): Promise<void> {
  if (!holdsLock(root)) throw new Error('appendJournal called without the workspace lock (use withLock)');
  const details = Object.fromEntries(Object.entries(entry).filter(([key]) => !OWN_FIELDS.has(key)));
  const line = JSON.stringify({
    time: isoWithOffset(new Date(), opts.timezone),
    user: currentUser(),
    command: entry.command,
    changed: entry.changed,
    ...details,
  });
  // Through resolveInside: a journal.jsonl replaced by a symlink leading outside is refused (exit 4),
  // never appended to — an append follows links, which would write into someone else's file.
  const file = resolveInside(root, JOURNAL_FILE);
  try {
    const handle = await fsp.open(file, 'a+');
    try {
      // After a torn last line, start on a fresh line so only the torn entry is lost, not ours too.
      const { size } = await handle.stat();
      const last = Buffer.alloc(1);
      if (size > 0) await handle.read(last, 0, 1, size - 1);
      await handle.writeFile((size > 0 && last[0] !== 0x0a ? '\n' : '') + line + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw ioFailure(err, 'write', file);
  }
}

/** All entries that parse, and the lines that do not (a torn last line among them). */
export async function readJournal(root: string): Promise<{ entries: JournalEntry[]; damaged: JournalDamage[] }> {
  const file = resolveInside(root, JOURNAL_FILE);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return { entries: [], damaged: [] };
    throw ioFailure(err, 'read', file);
  }
  const lines = text.split('\n');
  const complete = text.endsWith('\n');
  if (complete) lines.pop();
  const entries: JournalEntry[] = [];
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
    if (parsed.success) entries.push(parsed.data);
    else damaged.push({ line: i + 1, torn, reason: describeIssues(parsed.error) });
  });
  return { entries, damaged };
}
