/**
 * State stores with one file per entity, named after it: state/<dir>/<key>.json, where the key is
 * paths.ts `entityKey(name)` — the name itself when it is a safe file name, else the sanitised name
 * plus a hash of the original, so that two entities never share a file (issue #22: «Русское слово»
 * and «Русское_слово» used to be one price list, «77 01» and «77_01» one order).
 *
 * Workspaces written before keys carried the hash have files at `safeFileName(name)` (whitespace
 * mapped to `_`, no hash). Those are read where the new key has nothing, moved to the new key the
 * next time the entity is saved, and a legacy file that sits at another entity's new key is moved
 * out of its way first. Until then (and after a kill between the write and the removal) one entity
 * may have two files: listings keep the one at its key. No schema change: the content is the same.
 *
 * On a file system that ignores case (Windows, macOS) «Дрофа» and «ДРОФА» have keys that name one
 * file. The file at the key is read before every save, so the second entity finds the first one's
 * content there and takes its key with the hash instead (`ДРОФА_<hash>`), where `load` looks too.
 */
import fs from 'node:fs';
import type { z } from 'zod';
import { isErrno, ioFailure } from './io.js';
import { entityKey, safeFileName, safeName, stateRelativePath } from './paths.js';
import type { Workspace } from './workspace.js';

/**
 * How a store reads and writes its files when they are not the pretty-printed JSON of
 * `Workspace.writeState` read with a zod schema (the orders' compact format, src/features/order/order-file.ts).
 */
export interface StateFormat<T> {
  /** the value kept in the state file `stateName`; undefined when there is none */
  read(ws: Workspace, stateName: string): T | undefined;
  write(ws: Workspace, stateName: string, value: T): Promise<{ path: string; changed: boolean }>;
}

function jsonFormat<T>(schema: z.ZodType<T>): StateFormat<T> {
  return {
    read: (ws, stateName) => ws.readState(stateName, schema),
    write: (ws, stateName, value) => ws.writeState(stateName, value as object),
  };
}

export class KeyedStore<T> {
  private readonly format: StateFormat<T>;

  constructor(
    /** the folder under state/ */
    readonly dir: string,
    /** a zod schema of the plain JSON files, or a format of the store's own */
    format: z.ZodType<T> | StateFormat<T>,
    /** the entity a stored value belongs to (its `publisher`, `school`…) */
    private readonly nameOf: (value: T) => string,
    /** the file name (without `.json`) of an entity, and where a workspace before issue #22 kept it */
    private readonly keys: { key: (name: string) => string; legacy: (name: string) => string } = { key: entityKey, legacy: (n) => safeFileName(n) },
  ) {
    this.format = 'safeParse' in format ? jsonFormat(format) : format;
  }

  /** The state name of the entity's file (`orders/0101`). */
  stateName(name: string): string {
    return `${this.dir}/${this.keys.key(name)}`;
  }

  /** Where a workspace written before issue #22 keeps it. */
  private legacyName(name: string): string {
    return `${this.dir}/${this.keys.legacy(name)}`;
  }

  /** The key an entity takes when its own falls on another's file that differs only in case. */
  private caseFoldedName(name: string): string {
    return `${this.dir}/${safeName(this.keys.key(name), { hash: true })}`;
  }

  /** The stored value of `name` at `stateName`, only when the file is really that entity's. */
  private readAt(ws: Workspace, stateName: string, name: string): T | undefined {
    const v = this.format.read(ws, stateName);
    return v !== undefined && this.nameOf(v) === name ? v : undefined;
  }

  load(ws: Workspace, name: string): T | undefined {
    const key = this.stateName(name);
    const found = this.readAt(ws, key, name);
    if (found !== undefined) return found;
    const legacy = this.legacyName(name);
    return (legacy === key ? undefined : this.readAt(ws, legacy, name)) ?? this.readAt(ws, this.caseFoldedName(name), name);
  }

  /** Every stored entity once, in file-name order, with the state name its file has. */
  entries(ws: Workspace): Generator<{ stateName: string; value: T }> {
    return this.entriesReadBy(ws, (stateName) => this.format.read(ws, stateName), this.nameOf);
  }

  /**
   * Like {@link entries}, each file read by `read` instead of whole: what a reader of the orders'
   * states and dates takes from their first line (src/features/order/order-file.ts).
   */
  *entriesReadBy<U>(ws: Workspace, read: (stateName: string) => U | undefined, nameOf: (value: U) => string): Generator<{ stateName: string; value: U }> {
    const names = this.stateNames(ws);
    const present = new Set(names);
    for (const stateName of names) {
      const value = read(stateName);
      if (value === undefined) continue;
      const name = nameOf(value);
      if (this.isLeftBehind(stateName, name, present, (key) => {
        const there = read(key);
        return there === undefined ? undefined : nameOf(there);
      })) continue;
      yield { stateName, value };
    }
  }

  /** The state names of the store's files, in file-name order (a sub-folder's files are not its own). */
  stateNames(ws: Workspace): string[] {
    return ws.listStates(this.dir).filter((n) => !n.slice(this.dir.length + 1).includes('/'));
  }

  /**
   * Whether the file `stateName`, which holds `name`'s value, is a legacy copy left beside that
   * entity's file at its key (a save killed before it removed the copy): then it is not an entity of
   * its own. `present` are the names listed; `nameAt` reads whose value a file holds.
   */
  isLeftBehind(stateName: string, name: string, present: ReadonlySet<string>, nameAt: (stateName: string) => string | undefined): boolean {
    const key = this.stateName(name);
    return key !== stateName && present.has(key) && nameAt(key) === name;
  }

  *each(ws: Workspace): Generator<T> {
    for (const e of this.entries(ws)) yield e.value;
  }

  async save(ws: Workspace, value: T): Promise<string> {
    return this.saveAs(ws, value, 0);
  }

  private async saveAs(ws: Workspace, value: T, depth: number): Promise<string> {
    const name = this.nameOf(value);
    let key = this.stateName(name);
    const other = this.probe(ws, key);
    if (other !== undefined && other !== name) {
      const otherKey = this.stateName(other);
      // The same file under another case (a case-insensitive file system): ours takes the hashed key.
      if (otherKey !== key && otherKey.toLowerCase() === key.toLowerCase()) key = this.caseFoldedName(name);
      // Another entity's legacy file («Русское слово» kept at Русское_слово.json when «Русское_слово»
      // comes): it moves to its own key first.
      else if (otherKey !== key && depth === 0) {
        const there = this.format.read(ws, key);
        if (there !== undefined) await this.saveAs(ws, there, depth + 1);
      }
    }
    const written = await this.format.write(ws, key, value);
    const legacy = this.legacyName(name);
    if (legacy !== key && this.probe(ws, legacy) === name) removeState(ws, legacy);
    return written.path;
  }

  /**
   * Whose file `stateName` is, read without the schema (a save of every order must not parse every
   * order twice); undefined when there is none or it is not readable JSON — a damaged file is
   * overwritten by a save as before, and `doctor` reports it until then.
   */
  private probe(ws: Workspace, stateName: string): string | undefined {
    const file = ws.resolveInside(stateRelativePath(stateName));
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if (isErrno(err, 'ENOENT', 'ENOTDIR')) return undefined;
      throw ioFailure(err, 'read', file);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const name = this.nameOf(value as T) as unknown;
    return typeof name === 'string' ? name : undefined;
  }
}

/** Removes a state file (the caller holds the workspace lock, as for every write). */
function removeState(ws: Workspace, stateName: string): void {
  const file = ws.resolveInside(stateRelativePath(stateName));
  try {
    fs.unlinkSync(file);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw ioFailure(err, 'write', file);
  }
}
