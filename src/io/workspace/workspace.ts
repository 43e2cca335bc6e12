/**
 * A workspace opened for work: the only way the rest of uchebnik reads and writes campaign state.
 *
 *   uchebnik.json        marker and campaign config (schema, kind, campaign, settings)
 *   state/<name>.json    state files, each with a top-level `schema`; names may nest (orders/124-001)
 *   inputs/<sha256>.ext  original input files by content, with inputs/<sha256>.meta.json beside them
 *   out/                 workbooks and reports written for people
 *   journal.jsonl        append-only journal
 *   .lock                present while a command changes the workspace
 *
 * Reading needs nothing; every change must happen inside `withLock`, which the write methods check.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { UsageError, WorkspaceError } from '../../core/errors.js';
import { writeFileAtomic } from './atomic.js';
import { isTimeZone, MAX_YEAR, MIN_YEAR, markerSchema, settingsSchema, type WorkspaceConfig, type WorkspaceSettings } from './config.js';
import { storeInput, type InputContent, type StoredInput } from './inputs.js';
import { ioFailure, isErrno, isoWithOffset, makeDirs } from './io.js';
import { appendJournal, type JournalInput } from './journal.js';
import { holdsLock, withLock, type LockOptions, type Notice } from './lock.js';
import {
  INPUTS_DIR,
  JOURNAL_FILE,
  MARKER_FILE,
  OUT_DIR,
  STATE_DIR,
  resolveInside,
  resolveInsideReal,
  safeFileName,
  stateNameSegments,
  stateRelativePath,
  toPosix,
} from './paths.js';
import { SCHEMA_VERSION, describeIssues, readTextIfPresent, readVersionedFile } from './schema.js';

export interface WorkspaceOptions {
  /** where lock notices go (waiting for another command, stale lock taken over) */
  onNotice?: (notice: Notice) => void;
}

export class Workspace {
  constructor(
    /** absolute, symlinks resolved */
    readonly root: string,
    readonly config: WorkspaceConfig,
    private readonly options: WorkspaceOptions = {},
  ) {}

  private realRoot: string | undefined;

  /**
   * The state file `name` (`registry` → state/registry.json, `orders/124-001` →
   * state/orders/124-001.json) parsed with `schema`, which sees it without its `schema` field;
   * undefined when it does not exist. Throws `workspace.newer-schema` / `workspace.damaged`.
   */
  readState<T>(name: string, schema: z.ZodType<T>): T | undefined {
    return readVersionedFile(this.stateFile(name), schema);
  }

  /** state folders (workspace-relative) already checked by resolveInside, with their paths */
  private readonly stateDirs = new Map<string, string>();

  /**
   * The path to read the state file `name` from, checked as {@link resolveInside} checks it. Its
   * folder is checked once per command and the file itself by one lstat: a country's 40,000 order
   * files each resolved component by component spent more time in lstat than in reading them
   * (bench/README.md, issue 20). A symlink at the file's place is judged by resolveInside.
   */
  stateFile(name: string): string {
    const relative = stateRelativePath(name);
    const folder = path.dirname(relative);
    let dir = this.stateDirs.get(folder);
    if (dir === undefined) {
      dir = this.resolveInside(folder);
      if (isDirectory(dir)) this.stateDirs.set(folder, dir);
    }
    const file = path.join(dir, path.basename(relative));
    let link: boolean;
    try {
      link = fs.lstatSync(file).isSymbolicLink();
    } catch (err) {
      if (isErrno(err, 'ENOENT', 'ENOTDIR')) return file;
      throw ioFailure(err, 'read', file);
    }
    return link ? this.resolveInside(relative) : file;
  }

  /**
   * Write the state file `name` atomically with `schema: SCHEMA_VERSION` first. Content equal to
   * what is on disk is not rewritten (`changed: false`), which keeps repeated loads idempotent.
   */
  async writeState(name: string, data: object): Promise<{ path: string; changed: boolean }> {
    if (Array.isArray(data) || 'schema' in data) {
      throw new Error(`state ${name}: data must be an object without its own "schema" field`);
    }
    return this.writeStateText(name, JSON.stringify({ schema: SCHEMA_VERSION, ...data }, null, 2) + '\n');
  }

  /**
   * The text of the state file `name` as it is, undefined when there is none: for a store with a
   * format of its own (src/features/order/order-file.ts), which checks the version itself.
   */
  readStateText(name: string): string | undefined {
    return readTextIfPresent(this.stateFile(name));
  }

  /**
   * Write `text` as the state file `name`, atomically and only when it differs from what is on
   * disk, as {@link writeState} does; the text must carry its `schema` version (schema.ts).
   */
  async writeStateText(name: string, text: string): Promise<{ path: string; changed: boolean }> {
    this.assertLocked('writeState');
    const relative = stateRelativePath(name);
    const file = this.resolveInside(relative);
    let current: string | undefined;
    try {
      current = await fsp.readFile(file, 'utf8');
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw ioFailure(err, 'read', file);
    }
    if (current !== text) await writeFileAtomic(file, text);
    return { path: toPosix(relative), changed: current !== text };
  }

  /** Names of the state files under `prefix` (`orders` → `orders/124-001`, …; '' → all), sorted. */
  listStates(prefix = ''): string[] {
    const segments = stateNameSegments(prefix, true);
    const names: string[] = [];
    const walk = (dir: string, base: string[]): void => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch (err) {
        if (isErrno(err, 'ENOENT', 'ENOTDIR')) return;
        throw ioFailure(err, 'read', dir);
      }
      for (const entry of entries) {
        // Dot files are temporary files of writes in progress (or leftovers of killed ones).
        if (entry.name.startsWith('.')) continue;
        if (entry.isDirectory()) walk(path.join(dir, entry.name), [...base, entry.name]);
        else if (entry.isFile() && entry.name.endsWith('.json')) names.push([...base, entry.name.slice(0, -5)].join('/'));
      }
    };
    walk(this.resolveInside(STATE_DIR, ...segments), segments);
    return names.sort();
  }

  /**
   * Keep a copy of an input file in inputs/, by content; `read` is the file as `readInput` read it,
   * when the caller has. See {@link storeInput}.
   */
  async storeInput(srcPath: string, originalName: string, read?: InputContent): Promise<StoredInput> {
    this.assertLocked('storeInput');
    return storeInput(this.root, srcPath, originalName, this.config.campaign.timezone, read);
  }

  /** Append to journal.jsonl (one entry, or several in one write), with the time in the campaign's zone. */
  async journal(entries: JournalInput | readonly JournalInput[]): Promise<void> {
    return appendJournal(this.root, entries, { timezone: this.config.campaign.timezone, realRoot: this.realRootPath() });
  }

  /** A path under out/; each part is one name segment and is passed through {@link safeFileName}. */
  outPath(...parts: string[]): string {
    return this.resolveInside(OUT_DIR, ...parts.map(safeFileName));
  }

  /** `parts` under the root; refuses `..`, absolute parts and symlinks leading outside. */
  resolveInside(...parts: string[]): string {
    return resolveInsideReal(this.realRootPath(), ...parts);
  }

  /**
   * The root's real path, resolved once for this workspace's command: a store resolves a dozen paths
   * a file, and resolving the root again each time cost `order submit` two system calls each (issue 20).
   */
  private realRootPath(): string {
    this.realRoot ??= fs.realpathSync(this.root);
    return this.realRoot;
  }

  /**
   * Run `fn` holding this workspace's lock; notices go to the workspace's `onNotice` unless given.
   * Before `fn` changes anything, the workspace's own folders and journal are checked for symlinks
   * planted to lead outside, so such a workspace is refused (exit 4) before the first write rather
   * than after some of them (the state files are checked again one by one as they are written).
   */
  withLock<T>(command: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
    return withLock(
      this,
      command,
      async () => {
        for (const entry of [STATE_DIR, INPUTS_DIR, OUT_DIR, JOURNAL_FILE]) this.resolveInside(entry);
        return fn();
      },
      { onNotice: this.options.onNotice, timezone: this.config.campaign.timezone, ...opts },
    );
  }

  private assertLocked(what: string): void {
    if (!holdsLock(this.root)) throw new Error(`Workspace.${what} called without the workspace lock (use withLock)`);
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Open the workspace at `root`, validating its marker. */
export async function openWorkspace(root: string, options: WorkspaceOptions = {}): Promise<Workspace> {
  let real: string;
  try {
    real = await fsp.realpath(path.resolve(root));
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw new WorkspaceError('workspace.not-a-workspace', { dir: path.resolve(root) });
    throw ioFailure(err, 'read', root);
  }
  // Not read through a symlink leading outside: the campaign's settings would come from someone else's file.
  const config = readVersionedFile(resolveInside(real, MARKER_FILE), markerSchema);
  if (!config) throw new WorkspaceError('workspace.not-a-workspace', { dir: real });
  return new Workspace(real, config, options);
}

export interface InitOptions extends WorkspaceOptions {
  year: number;
  region: string;
  /** IANA zone, e.g. Europe/Samara */
  timezone: string;
  settings?: Partial<WorkspaceSettings>;
}

/**
 * Make `dir` a workspace, creating it if needed. A directory that already has other files is
 * accepted (people keep their incoming sheets there); one with `uchebnik.json` is refused
 * (`workspace.exists`), and so is one that has `state/`, `inputs/` or `journal.jsonl` but no
 * marker — the remains of a workspace whose marker was lost, which a new campaign must not adopt.
 * Bad options are usage errors (exit 2).
 */
export async function initWorkspace(dir: string, options: InitOptions): Promise<Workspace> {
  const { year, region, timezone, settings: given = {}, onNotice } = options;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new UsageError('workspace.bad-year', { year: String(year), min: MIN_YEAR, max: MAX_YEAR });
  }
  if (region.trim() === '') throw new UsageError('workspace.bad-region');
  if (!isTimeZone(timezone)) throw new UsageError('workspace.bad-timezone', { timezone });
  const parsedSettings = settingsSchema.safeParse(given);
  if (!parsedSettings.success) throw new UsageError('workspace.bad-settings', { reason: describeIssues(parsedSettings.error) });

  const absolute = path.resolve(dir);
  try {
    await makeDirs(absolute);
  } catch (err) {
    // makeDirs names the system call's failure (workspace.write-failed); a file in the way is said plainly.
    const cause = err instanceof WorkspaceError ? err.cause : err;
    if (isErrno(cause, 'EEXIST', 'ENOTDIR')) throw new WorkspaceError('workspace.not-a-directory', { dir: absolute });
    throw ioFailure(err, 'write', absolute);
  }

  return withLock(
    absolute,
    'init',
    async () => {
      const root = await fsp.realpath(absolute);
      if (fs.existsSync(path.join(root, MARKER_FILE))) throw new WorkspaceError('workspace.exists', { dir: root });
      for (const entry of [STATE_DIR, INPUTS_DIR, JOURNAL_FILE]) {
        if (fs.existsSync(path.join(root, entry))) throw new WorkspaceError('workspace.init-not-clean', { dir: root, entry });
      }
      const config: WorkspaceConfig = {
        kind: 'uchebnik-workspace',
        campaign: {
          id: randomUUID(),
          year,
          region: region.trim(),
          timezone,
          created_at: isoWithOffset(new Date(), timezone),
        },
        settings: parsedSettings.data,
      };
      // The marker goes first: a crash before it leaves nothing that would make a second init refuse,
      // and a workspace without its folders still works (they are created when first written).
      await writeFileAtomic(path.join(root, MARKER_FILE), JSON.stringify({ schema: SCHEMA_VERSION, ...config }, null, 2) + '\n');
      for (const sub of [STATE_DIR, INPUTS_DIR, OUT_DIR]) {
        try {
          await makeDirs(path.join(root, sub));
        } catch (err) {
          throw ioFailure(err, 'write', path.join(root, sub));
        }
      }
      await appendJournal(root, { command: 'init', changed: [MARKER_FILE], campaign: config.campaign }, { timezone });
      return new Workspace(root, config, { onNotice });
    },
    { onNotice },
  );
}
