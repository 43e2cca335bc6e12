/**
 * `uchebnik doctor`: everything that can be checked about a workspace without knowing what its
 * state files mean — the marker, schema versions, stored inputs against their hashes, the journal,
 * leftovers of killed processes, the lock, symlinks leading outside. Areas that know their state
 * (orders refer to stored inputs, …) pass their own checks in `checks`.
 *
 * Leftover temporary files and a stale lock are warnings: harmless, and `fix` removes them under
 * the lock. Everything that can make a command misread the workspace is an error.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { UchebnikError, WorkspaceError, type MessageParams } from '../../core/errors.js';
import type { FindingCode } from '../../core/finding.js';
import { parseTempName } from './atomic.js';
import { markerSchema } from './config.js';
import { INPUT_META_NAME, STORED_INPUT_NAME, inputMetaSchema } from './inputs.js';
import { ioFailure, isErrno, pidAlive } from './io.js';
import { readJournalLines } from './journal.js';
import { holderParams, holdsLock, inspectLock, withLock, type LockOptions, type LockState, type Notice } from './lock.js';
import { INPUTS_DIR, JOURNAL_FILE, LOCK_FILE, MARKER_FILE, OUT_DIR, STATE_DIR, isWithin, toPosix } from './paths.js';
import { SCHEMA_VERSION, checkVersioned, describeIssues, newestStateSchema } from './schema.js';
import { Workspace } from './workspace.js';

export type DoctorSeverity = 'error' | 'warning';

export interface DoctorProblem {
  /** a code of the findings registry (src/core/findings/workspace.ts), which holds its message */
  code: FindingCode;
  severity: DoctorSeverity;
  /** workspace-relative path, `/`-separated; `.` for the workspace as a whole */
  path: string;
  params: MessageParams;
  /** removed by `fix` */
  fixed?: boolean;
}

/** Something worth saying that is not a problem; `key` is a catalogue key. */
export interface DoctorNote {
  key: string;
  path?: string;
  params: MessageParams;
}

export interface DoctorReport {
  problems: DoctorProblem[];
  notes: DoctorNote[];
  checked: { state_files: number; inputs: number; journal_entries: number };
}

/**
 * A check contributed by another area; a UchebnikError it throws becomes `workspace-check-failed`.
 * With `fixing` it runs under the lock and may repair what it finds (marking those problems `fixed`).
 */
export type DoctorCheck = (ws: Workspace, context: { fixing: boolean }) => Promise<DoctorProblem[]>;

export interface DoctorOptions extends LockOptions {
  checks?: DoctorCheck[];
  /** remove leftover temporary files and a stale lock, holding the lock while checking */
  fix?: boolean;
}

export function problem(code: FindingCode, severity: DoctorSeverity, at: string, params: MessageParams = {}): DoctorProblem {
  return { code, severity, path: at, params };
}

const STALE_REASON = {
  missing: { reason_ru: 'файла нет', reason_en: 'it is missing' },
  changed: { reason_ru: 'он изменён', reason_en: 'it was changed' },
  unreadable: { reason_ru: 'он не читается', reason_en: 'it cannot be read' },
  other: { reason_ru: 'это не та выгрузка, что записана', reason_en: 'it is not the recorded output' },
} as const;
export type StaleReason = keyof typeof STALE_REASON;

/**
 * An output of a command (a consolidation's workbook, a package's manifest) that is not what the
 * command's record says it wrote: a warning naming the command that rewrites it.
 */
export function outputStale(file: string, command: string, at: string, reason: StaleReason): DoctorProblem {
  return problem('workspace-output-stale', 'warning', file, { file, command, at, ...STALE_REASON[reason] });
}

/**
 * Check the workspace at `root`. Without `fix` nothing is written and no lock is taken, so a
 * command running meanwhile may show as a note; with `fix` the checks run under the lock.
 */
export async function checkWorkspace(root: string, opts: DoctorOptions = {}): Promise<DoctorReport> {
  let realRoot: string;
  try {
    realRoot = await fsp.realpath(path.resolve(root));
  } catch (err) {
    if (isErrno(err, 'ENOENT', 'ENOTDIR')) throw new WorkspaceError('workspace.not-a-workspace', { dir: path.resolve(root) });
    throw ioFailure(err, 'read', root);
  }
  if (!opts.fix) return diagnose(realRoot, opts, false);

  const takenOver: Notice[] = [];
  const report = await withLock(realRoot, 'doctor --fix', () => diagnose(realRoot, opts, true), {
    waitMs: opts.waitMs,
    onNotice: (notice) => {
      if (notice.key === 'workspace.lock-stale-taken-over') takenOver.push(notice);
      opts.onNotice?.(notice);
    },
  });
  for (const notice of takenOver) {
    report.problems.unshift({ ...problem('workspace-lock-stale', 'warning', LOCK_FILE, notice.params), fixed: true });
  }
  return report;
}

interface Tree {
  /** regular files, workspace-relative with the platform's separator */
  files: string[];
  symlinks: string[];
  temps: string[];
}

async function diagnose(root: string, opts: DoctorOptions, fixing: boolean): Promise<DoctorReport> {
  const problems: DoctorProblem[] = [];
  const notes: DoctorNote[] = [];
  const tree = await scan(root);

  // Links leading outside are reported, and what lies behind them is not read: it is not the workspace's.
  const outside = new Set<string>();
  for (const link of tree.symlinks) {
    const target = await linkTarget(path.join(root, link));
    if (!isWithin(root, target)) {
      outside.add(link);
      problems.push(problem('workspace-symlink-outside', 'error', toPosix(link), { target }));
    }
  }

  const ws = outside.has(MARKER_FILE) ? undefined : await checkMarker(root, problems);
  const stateFiles = tree.files.filter((f) => f.startsWith(STATE_DIR + path.sep) && f.endsWith('.json'));
  for (const file of stateFiles) await checkStateFile(root, file, problems);
  const inputs = await checkInputs(root, tree, problems);
  const journalEntries = outside.has(JOURNAL_FILE) ? 0 : await checkJournal(root, problems);

  for (const temp of tree.temps) {
    const pid = parseTempName(path.basename(temp))?.pid ?? 0;
    if (!fixing && pid !== process.pid && pidAlive(pid)) {
      notes.push({ key: 'workspace.doctor-write-in-progress', path: toPosix(temp), params: { pid } });
      continue;
    }
    // Under the lock no other uchebnik writes, so every temporary file is a leftover.
    if (fixing) await fsp.rm(path.join(root, temp), { force: true });
    problems.push({ ...problem('workspace-temp-leftover', 'warning', toPosix(temp), { pid }), ...(fixing ? { fixed: true } : {}) });
  }

  const lock: LockState = outside.has(LOCK_FILE) ? { state: 'free' } : await inspectLock(root);
  if (lock.state === 'stale') {
    problems.push(problem('workspace-lock-stale', 'warning', LOCK_FILE, holderParams(lock, LOCK_FILE)));
  } else if (lock.state === 'held' && !holdsLock(root)) {
    notes.push({ key: 'workspace.doctor-locked', path: LOCK_FILE, params: holderParams(lock, LOCK_FILE) });
  }

  if (ws) {
    for (const check of opts.checks ?? []) {
      try {
        problems.push(...(await check(ws, { fixing })));
      } catch (err) {
        if (!(err instanceof UchebnikError)) throw err;
        const file = typeof err.params['file'] === 'string' ? path.relative(root, err.params['file']) : '.';
        problems.push(problem('workspace-check-failed', 'error', toPosix(file), { check: check.name || '?', error: err.key }));
      }
    }
  } else if (opts.checks?.length) {
    notes.push({ key: 'workspace.doctor-checks-skipped', params: { count: opts.checks.length } });
  }

  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.code.localeCompare(b.code)));
  return { problems, notes, checked: { state_files: stateFiles.length, inputs, journal_entries: journalEntries } };
}

/** Files, symlinks and temporary files among the workspace's own entries (not the user's other files). */
async function scan(root: string): Promise<Tree> {
  const tree: Tree = { files: [], symlinks: [], temps: [] };
  const visit = async (relative: string, dirent: fs.Dirent, recurse: boolean): Promise<void> => {
    if (dirent.isSymbolicLink()) tree.symlinks.push(relative);
    else if (parseTempName(dirent.name)) tree.temps.push(relative);
    else if (dirent.isFile()) tree.files.push(relative);
    else if (dirent.isDirectory() && recurse) {
      for (const child of await list(path.join(root, relative))) await visit(path.join(relative, child.name), child, true);
    }
  };
  const ours = new Set([MARKER_FILE, JOURNAL_FILE, LOCK_FILE, STATE_DIR, INPUTS_DIR, OUT_DIR]);
  for (const dirent of await list(root)) {
    if (ours.has(dirent.name)) await visit(dirent.name, dirent, true);
    else if (parseTempName(dirent.name)) tree.temps.push(dirent.name);
  }
  return tree;
}

async function list(dir: string): Promise<fs.Dirent[]> {
  try {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    throw ioFailure(err, 'read', dir);
  }
}

async function linkTarget(link: string): Promise<string> {
  try {
    return await fsp.realpath(link);
  } catch {
    // Dangling or looping: judge by where it points.
    return path.resolve(await fsp.realpath(path.dirname(link)), await fsp.readlink(link));
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw ioFailure(err, 'read', file);
  }
}

async function checkMarker(root: string, problems: DoctorProblem[]): Promise<Workspace | undefined> {
  const text = await readText(path.join(root, MARKER_FILE));
  if (text === undefined) {
    problems.push(problem('workspace-marker-missing', 'error', MARKER_FILE));
    return undefined;
  }
  const version = checkVersioned(text);
  if (!version.ok) {
    problems.push(
      version.newer
        ? problem('workspace-newer-schema', 'error', MARKER_FILE, { found: version.version, supported: SCHEMA_VERSION })
        : problem('workspace-marker-damaged', 'error', MARKER_FILE, { reason: version.reason }),
    );
    return undefined;
  }
  const parsed = markerSchema.safeParse(version.body);
  if (!parsed.success) {
    problems.push(problem('workspace-marker-damaged', 'error', MARKER_FILE, { reason: describeIssues(parsed.error) }));
    return undefined;
  }
  return new Workspace(root, parsed.data);
}

async function checkStateFile(root: string, file: string, problems: DoctorProblem[]): Promise<void> {
  const text = await readText(path.join(root, file));
  if (text === undefined) return;
  // Some kinds of state file are at a version of their own (the orders' compact format, schema.ts).
  const newest = newestStateSchema(toPosix(path.relative(STATE_DIR, file)).replace(/\.json$/u, ''));
  const version = checkVersioned(text, newest);
  if (version.ok) return;
  problems.push(
    version.newer
      ? problem('workspace-newer-schema', 'error', toPosix(file), { found: version.version, supported: newest })
      : problem('workspace-state-damaged', 'error', toPosix(file), { reason: version.reason }),
  );
}

/** Stored copies against their names and sidecars; returns how many copies there are. */
async function checkInputs(root: string, tree: Tree, problems: DoctorProblem[]): Promise<number> {
  const here = tree.files.filter((f) => path.dirname(f) === INPUTS_DIR).map((f) => path.basename(f));
  const copies = new Set(here.filter((name) => STORED_INPUT_NAME.test(name)));
  const described = new Set<string>();

  for (const name of here) {
    const at = `${INPUTS_DIR}/${name}`;
    const sha = INPUT_META_NAME.exec(name)?.[1];
    if (sha === undefined) {
      if (!copies.has(name)) problems.push(problem('workspace-input-unexpected-file', 'warning', at));
      continue;
    }
    const version = checkVersioned((await readText(path.join(root, INPUTS_DIR, name))) ?? '');
    if (!version.ok) {
      problems.push(
        version.newer
          ? problem('workspace-newer-schema', 'error', at, { found: version.version, supported: SCHEMA_VERSION })
          : problem('workspace-input-meta-damaged', 'error', at, { reason: version.reason }),
      );
      continue;
    }
    const meta = inputMetaSchema.safeParse(version.body);
    const storedName = meta.success ? path.posix.basename(meta.data.stored) : '';
    const reason = !meta.success
      ? describeIssues(meta.error)
      : meta.data.sha256 !== sha || meta.data.stored !== `${INPUTS_DIR}/${storedName}` || STORED_INPUT_NAME.exec(storedName)?.[1] !== sha
        ? 'sha256 or stored path does not match the file name'
        : undefined;
    if (reason !== undefined) {
      problems.push(problem('workspace-input-meta-damaged', 'error', at, { reason }));
    } else if (!copies.has(storedName)) {
      problems.push(problem('workspace-input-missing', 'error', at, { stored: `${INPUTS_DIR}/${storedName}` }));
    } else {
      described.add(storedName);
    }
  }

  for (const name of copies) {
    const at = `${INPUTS_DIR}/${name}`;
    const actual = await sha256Of(path.join(root, INPUTS_DIR, name));
    if (actual !== STORED_INPUT_NAME.exec(name)?.[1]) problems.push(problem('workspace-input-hash-mismatch', 'error', at, { actual }));
    // A copy without sidecar is what a crash between the two writes leaves: harmless, and loading the file again completes it.
    else if (!described.has(name)) problems.push(problem('workspace-input-meta-missing', 'warning', at));
  }
  return copies.size;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  } catch (err) {
    throw ioFailure(err, 'read', file);
  }
  return hash.digest('hex');
}

async function checkJournal(root: string, problems: DoctorProblem[]): Promise<number> {
  const { entries, damaged, broken } = await readJournalLines(root);
  for (const d of damaged) {
    // Lines are history, not state: no command decides anything from them, so a bad one is a warning.
    problems.push(problem(d.torn ? 'workspace-journal-torn-tail' : 'workspace-journal-bad-line', 'warning', JOURNAL_FILE, { line: d.line, reason: d.reason }));
  }
  // A broken hash chain is history rewritten (src/io/workspace/journal.ts): the record can no longer be trusted.
  for (const b of broken) problems.push(problem('workspace-journal-chain-broken', 'error', JOURNAL_FILE, { line: b.line, previous: b.previous }));
  return entries.length;
}
