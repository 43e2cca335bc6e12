/**
 * Where things live inside a workspace, and the two guards that keep every path inside it:
 * `safeFileName` for names that come from data (school codes, publisher names) and
 * `resolveInside` for whole paths, which also refuses symlinks planted to lead outside.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { WorkspaceError } from '../../core/errors.js';
import { isErrno } from './io.js';

export const MARKER_FILE = 'uchebnik.json';
export const STATE_DIR = 'state';
export const INPUTS_DIR = 'inputs';
export const OUT_DIR = 'out';
export const JOURNAL_FILE = 'journal.jsonl';
export const LOCK_FILE = '.lock';

/** Cap on a sanitised name, in UTF-8 bytes: 40 Cyrillic letters, far below every file system's limit. */
export const MAX_NAME_BYTES = 80;
const HASH_CHARS = 8;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const PLAIN_NAME = /^[0-9A-Za-z_-]+$/;
// An extension worth keeping when a long name is cut (`.xlsx`, `.csv`), so the file still opens.
const SHORT_EXTENSION = /\.[A-Za-z0-9]{1,10}$/;

function keptChar(ch: string): boolean {
  return /^[0-9._-]$/.test(ch) || /^(?=\p{L})[\p{Script=Latin}\p{Script=Cyrillic}]$/u.test(ch);
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** The longest prefix of `s` that fits in `maxBytes` of UTF-8 without splitting a character. */
export function cutToBytes(s: string, maxBytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = utf8Length(ch);
    if (used + n > maxBytes) break;
    out += ch;
    used += n;
  }
  return out;
}

export interface SafeNameOptions {
  /**
   * Names that must never share a file (state keys, see {@link entityKey}): every change the
   * sanitising makes, the whitespace-to-`_` mapping included, adds the hash, so `77 01` and `77_01`
   * stay two names. Without it a name whose only change is whitespace keeps its readable form
   * (`01 Дрофа.xlsx` → `01_Дрофа.xlsx`), and uniqueness within a folder is {@link OutputFolder}'s job.
   */
  distinct?: boolean;
  /** the hash suffix even when nothing changed: a second name that would fall on the same file */
  hash?: boolean;
  /**
   * An extension (`.xlsx`) the result ends with whatever the input: the input is then the stem alone,
   * so a name such as `..` or a long one cut to the limit cannot lose it.
   */
  ext?: string;
}

/**
 * A name from the data made safe as one file-name segment on Linux, macOS and Windows: the one
 * function every file name uchebnik derives from data passes through (state keys, output workbooks,
 * package folders).
 *
 * Keeps Latin and Cyrillic letters, digits, `-`, `_` and `.`; whitespace runs become `_`;
 * everything else (path separators, `: * ? " < > |`, NUL, control and bidi characters such as
 * U+202E, quotes, dashes…) is dropped; runs of dots collapse to one and no dot leads or trails, so
 * `..` never survives; Windows device names (CON, NUL, COM1…) get a `_` prefix. Whenever the result
 * differs from the input by more than the whitespace-to-`_` mapping (by anything at all with
 * `distinct`), or has to be cut to {@link MAX_NAME_BYTES}, `_` and 8 hex digits of the input's
 * sha256 are appended (before a short extension), so that `12/3` and `123` never land in one file.
 * An empty result is `_` plus that suffix.
 * The result is a fixed point: `safeFileName(safeFileName(s)) === safeFileName(s)`.
 */
export function safeFileName(input: string): string {
  return safeName(input, {});
}

/** {@link safeFileName} with its options: the one sanitiser under every name uchebnik derives from data. */
export function safeName(input: string, opts: SafeNameOptions): string {
  // A name of Latin letters, digits, `-` and `_` (a school code: every order file's key, computed for
  // each of a country's 40,000 orders when they are read) is its own safe name: no regex per character.
  if (!opts.hash && opts.ext === undefined && input.length <= MAX_NAME_BYTES && PLAIN_NAME.test(input) && !WINDOWS_RESERVED.test(input)) return input;
  const normal = input.normalize('NFC');
  const text = normal.trim();
  const lossless = opts.distinct ? normal : text.replace(/\s+/gu, '_');

  let kept = '';
  let gap = false;
  for (const ch of text) {
    if (/\s/u.test(ch)) gap = true;
    else if (keptChar(ch)) {
      if (gap) kept += '_';
      gap = false;
      kept += ch;
    }
  }
  let name = kept.replace(/\.{2,}/g, '.').replace(/^\.+|\.+$/g, '');
  if (WINDOWS_RESERVED.test(name.split('.')[0] ?? '')) name = '_' + name;
  if (name === '') name = '_';

  const given = opts.ext ?? '';
  if (given !== '' && !SHORT_EXTENSION.test(given)) throw new Error(`not a short extension: ${JSON.stringify(given)}`);
  if (!opts.hash && name === lossless && utf8Length(name + given) <= MAX_NAME_BYTES) return name + given;

  const suffix = '_' + createHash('sha256').update(normal + given).digest('hex').slice(0, HASH_CHARS);
  // The name never starts with a dot, so the stem before the extension is never empty.
  const ext = given || (SHORT_EXTENSION.exec(name)?.[0] ?? '');
  const stem = given ? name : name.slice(0, name.length - ext.length);
  return cutToBytes(stem, MAX_NAME_BYTES - utf8Length(suffix) - utf8Length(ext)) + suffix + ext;
}

/**
 * The key of a state file named after an entity (state/orders/<school>.json,
 * state/pricelists/<publisher>.json…): the name itself when it is already a safe file name, so
 * plain codes such as `0101` or `Просвещение` keep their files, else the sanitised name with a
 * hash of the original — never one file for two entities (`Русское слово` and `Русское_слово`).
 */
export function entityKey(name: string): string {
  return safeName(name, { distinct: true });
}

/**
 * The file names of one output folder, given out as names from the data come: each is
 * {@link safeFileName}, and a second name that would fall on a file already given to another
 * (equal after sanitising, or differing only in case, as Windows and macOS see them) gets the hash.
 * The same name asked again gets the same file. Every path is checked to stay inside the folder.
 */
export class OutputFolder {
  /** lower-cased file name → the name from the data it was given to */
  private readonly taken = new Map<string, string>();
  private readonly given = new Map<string, string>();

  constructor(readonly dir: string) {}

  /**
   * The file name (not the path) for `name` + `ext` (`.xlsx`), unique in this folder. With `distinct`
   * the name is the entity's own whatever else the folder holds (an {@link entityKey}: `77 01` →
   * `77_01_<hash>`), so that files written by separate runs (`order template --school`) never fall
   * on one another either.
   */
  name(name: string, ext = '', opts: { distinct?: boolean } = {}): string {
    const wanted = name + ext;
    const known = this.given.get(wanted);
    if (known !== undefined) return known;
    let file = safeName(name, { ext, distinct: opts.distinct });
    for (let n = 0; this.taken.has(file.toLowerCase()); n++) {
      file = safeName(n === 0 ? name : `${name}\u0000${n}`, { ext, hash: true });
    }
    this.taken.set(file.toLowerCase(), wanted);
    this.given.set(wanted, file);
    return file;
  }

  /** `dir/<name(name, ext)>`, refused (`workspace.path-escapes`) if it would lead outside `dir`. */
  file(name: string, ext = '', opts: { distinct?: boolean } = {}): string {
    return fileInside(this.dir, this.name(name, ext, opts));
  }
}

/**
 * `dir/name` once it is certain to be inside `dir`: `name` is one segment (no separator, `..`, NUL)
 * and the resolved path lies in `dir`. The path keeps `dir` as given. A symlink already at the
 * file's place is no way out: every writer replaces the file by a rename (workspace/atomic.ts),
 * which replaces the link, never writes through it.
 */
export function fileInside(dir: string, name: string): string {
  const target = path.resolve(dir, name);
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes(path.sep) || name.includes('\0') || path.dirname(target) !== path.resolve(dir)) {
    throw escapes(dir, path.join(dir, name));
  }
  return path.join(dir, name);
}

/** `a/b` relative paths in messages and JSON, whatever the platform's separator. */
export function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

export function isWithin(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

function escapes(root: string, target: string): WorkspaceError {
  return new WorkspaceError('workspace.path-escapes', { path: target, root });
}

/**
 * `parts` joined under `root`, refused (`workspace.path-escapes`) when the result would lie outside:
 * by `..` or an absolute part, or because an existing part of the path is a symlink whose target is
 * outside (checked on the deepest existing ancestor, so a planted link cannot redirect a new file).
 * `root` must exist.
 */
export function resolveInside(root: string, ...parts: string[]): string {
  return resolveInsideReal(fs.realpathSync(root), ...parts);
}

/** `resolveInside` for a root given as its real path (a Workspace resolves its own once). */
export function resolveInsideReal(realRoot: string, ...parts: string[]): string {
  const target = path.resolve(realRoot, ...parts);
  if (!isWithin(realRoot, target)) throw escapes(realRoot, target);

  for (let p = target; ; p = path.dirname(p)) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(p);
    } catch (err) {
      if (isErrno(err, 'ENOENT', 'ENOTDIR')) continue;
      throw err;
    }
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch (err) {
      if (!stat.isSymbolicLink() || !isErrno(err, 'ENOENT', 'ELOOP')) throw err;
      // A dangling link: writing through it would create its target, so judge where it points.
      real = path.resolve(fs.realpathSync(path.dirname(p)), fs.readlinkSync(p));
    }
    if (!isWithin(realRoot, real)) throw escapes(realRoot, target);
    return target;
  }
}

/**
 * A state name (`registry`, `orders/124-001`) checked segment by segment. Names are built by code,
 * so a segment that is not already a safe file name is a bug in the caller, not bad data.
 */
export function stateRelativePath(name: string): string {
  return path.join(STATE_DIR, ...stateNameSegments(name)) + '.json';
}

export function stateNameSegments(name: string, allowEmpty = false): string[] {
  if (allowEmpty && name === '') return [];
  const segments = name.split('/');
  for (const seg of segments) {
    if (seg === '' || safeFileName(seg) !== seg) {
      throw new Error(`unsafe state name ${JSON.stringify(name)}: build segments with safeFileName()`);
    }
  }
  return segments;
}
