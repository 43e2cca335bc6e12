/**
 * The application to the regional centre (plan 003, stage 6): who is added, removed or changed in
 * each unit's list between two versions of a municipality's register. Pure: the versions come in,
 * the differences go out, per unit in code order.
 */
import { personKey, type Person } from './check.js';

export type ChangedField = 'position' | 'role' | 'email' | 'phone';
const COMPARED: ChangedField[] = ['position', 'role', 'email', 'phone'];

export interface PersonChange {
  full_name: string;
  /** what changed: each field's value before and after */
  fields: { field: ChangedField; before: string; after: string }[];
  now: Person;
}

export interface UnitChanges {
  unit: string;
  added: Person[];
  removed: Person[];
  changed: PersonChange[];
}

export interface ListChanges {
  municipality: string;
  /** the version compared against (0: none, every person is new) */
  from: number;
  to: number;
  units: UnitChanges[];
  totals: { added: number; removed: number; changed: number };
}

function byUnit(people: Person[]): Map<string, Map<string, Person>> {
  const out = new Map<string, Map<string, Person>>();
  for (const p of people) {
    const unit = out.get(p.unit) ?? new Map<string, Person>();
    unit.set(personKey(p.full_name), p);
    out.set(p.unit, unit);
  }
  return out;
}

export function listChanges(municipality: string, from: { version: number; people: Person[] }, to: { version: number; people: Person[] }): ListChanges {
  const before = byUnit(from.people);
  const after = byUnit(to.people);
  const units = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }));
  const out: UnitChanges[] = [];
  for (const unit of units) {
    const was = before.get(unit) ?? new Map<string, Person>();
    const is = after.get(unit) ?? new Map<string, Person>();
    const added = [...is].filter(([k]) => !was.has(k)).map(([, p]) => p);
    const removed = [...was].filter(([k]) => !is.has(k)).map(([, p]) => p);
    const changed: PersonChange[] = [];
    for (const [k, now] of is) {
      const old = was.get(k);
      if (!old) continue;
      const fields = COMPARED.filter((f) => old[f] !== now[f]).map((field) => ({ field, before: old[field], after: now[field] }));
      if (fields.length) changed.push({ full_name: now.full_name, fields, now });
    }
    if (added.length || removed.length || changed.length) out.push({ unit, added, removed, changed });
  }
  const sum = (k: 'added' | 'removed' | 'changed') => out.reduce((n, u) => n + u[k].length, 0);
  return { municipality, from: from.version, to: to.version, units: out, totals: { added: sum('added'), removed: sum('removed'), changed: sum('changed') } };
}
