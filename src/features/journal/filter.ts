/**
 * Which journal entries `journal show` lists, and the one-line summary of what an entry did. Pure.
 *
 * An entry concerns a school when any of its details names the school's code (`school: "0412"`,
 * `schools: [...]`, `storing: {school: …}`, `submitted: {"0412": 1}`) or it changed that school's order file
 * (`state/orders/0412.json`, src/features/order/store.ts).
 */
import { DateTime } from 'luxon';
import type { JournalEntry } from '../../io/workspace/index.js';

export interface EntryFilter {
  since?: DateTime;
  /** a command or the group it starts with: `order` selects `order submit` and `order return` */
  command?: string;
  school?: string;
}

function mentions(value: unknown, code: string): boolean {
  if (value === code) return true;
  if (Array.isArray(value)) return value.some((v) => mentions(v, code));
  // `submitted: {"0412": 2}` names schools by its keys.
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k === code || mentions(v, code));
  return false;
}

export function concernsSchool(entry: JournalEntry, code: string): boolean {
  const { time: _time, user: _user, command: _command, changed, ...details } = entry;
  return mentions(details, code) || changed.some((p) => p.startsWith('state/orders/') && p.slice('state/orders/'.length).replace(/\.json$/u, '') === code);
}

export function selectEntries<T extends { entry: JournalEntry }>(entries: readonly T[], filter: EntryFilter): T[] {
  const command = filter.command?.trim().replace(/\s+/gu, ' ');
  return entries.filter(({ entry }) => {
    if (filter.since) {
      const at = DateTime.fromISO(entry.time, { setZone: true });
      if (!at.isValid || at < filter.since) return false;
    }
    if (command && entry.command !== command && !entry.command.startsWith(`${command} `)) return false;
    return filter.school === undefined || concernsSchool(entry, filter.school);
  });
}

const SHOWN = 120;

/** The entry's details as `key: value` pairs, cut to one readable line; `changed` only by its count. */
export function summary(entry: JournalEntry): string {
  const { time: _time, user: _user, command: _command, changed, prev: _prev, ...details } = entry;
  const parts = Object.entries(details).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  parts.push(`changed: ${changed.length}`);
  const text = parts.join('; ');
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text;
}
