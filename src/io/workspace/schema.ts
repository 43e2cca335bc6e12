/**
 * Schema versions of the workspace's JSON files. Every state file and the marker carry a top-level
 * `schema` number; a file written by a newer uchebnik is refused rather than misread.
 *
 * The version is per kind of file: `SCHEMA_VERSION` is what writeState writes and what every file
 * has unless its kind has moved on alone (a format change bumps only the files it changes, so that
 * the others stay readable by an older uchebnik). `STATE_SCHEMA_VERSIONS` names those kinds.
 */
import fs from 'node:fs';
import type { z } from 'zod';
import { WorkspaceError } from '../../core/errors.js';
import { ioFailure, isErrno } from './io.js';

export const SCHEMA_VERSION = 1;

/**
 * State folders whose files are at a version of their own: state/orders/ at 2 since the compact
 * order format of issue 20 (src/features/order/order-file.ts, docs/file-formats.md#order-state).
 */
export const STATE_SCHEMA_VERSIONS: Readonly<Record<string, number>> = { orders: 2 };

/** The newest version a state file may have, by its state name (`orders/0101` → 2, `registry` → 1). */
export function newestStateSchema(stateName: string): number {
  const slash = stateName.indexOf('/');
  return (slash > 0 ? STATE_SCHEMA_VERSIONS[stateName.slice(0, slash)] : undefined) ?? SCHEMA_VERSION;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

export type VersionCheck =
  | { ok: true; version: number; body: Record<string, unknown> }
  | { ok: false; newer: true; version: number }
  | { ok: false; newer: false; reason: string };

/**
 * The version and the rest of a versioned JSON text, or why it cannot be read; a version above
 * `newest` is `newer`. Never throws.
 */
export function checkVersioned(text: string, newest = SCHEMA_VERSION): VersionCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, newer: false, reason: err instanceof Error ? err.message : String(err) };
  }
  return checkVersionedValue(value, newest);
}

/** {@link checkVersioned} of a text already parsed. */
export function checkVersionedValue(value: unknown, newest = SCHEMA_VERSION): VersionCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, newer: false, reason: 'not a JSON object' };
  }
  const { schema: version, ...body } = value as Record<string, unknown>;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, newer: false, reason: 'no "schema" version number' };
  }
  if (version > newest) return { ok: false, newer: true, version };
  return { ok: true, version, body };
}

/** The error of a file that {@link checkVersioned} refused. */
export function versionError(check: Extract<VersionCheck, { ok: false }>, file: string, newest = SCHEMA_VERSION): WorkspaceError {
  return check.newer
    ? new WorkspaceError('workspace.newer-schema', { file, found: check.version, supported: newest })
    : new WorkspaceError('workspace.damaged', { file, reason: check.reason });
}

/**
 * A versioned JSON text parsed with `schema` (which sees the document without its `schema` field).
 * Throws `workspace.newer-schema` or `workspace.damaged` naming `file`.
 */
export function parseVersioned<T>(text: string, file: string, schema: z.ZodType<T>): T {
  const check = checkVersioned(text);
  if (!check.ok) throw versionError(check, file);
  const parsed = schema.safeParse(check.body);
  if (!parsed.success) throw new WorkspaceError('workspace.damaged', { file, reason: describeIssues(parsed.error) });
  return parsed.data;
}

/** Like {@link parseVersioned} on a file's content; undefined when the file does not exist. */
export function readVersionedFile<T>(file: string, schema: z.ZodType<T>): T | undefined {
  const text = readTextIfPresent(file);
  return text === undefined ? undefined : parseVersioned(text, file, schema);
}

/** A file's UTF-8 text; undefined when the file does not exist. */
export function readTextIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw ioFailure(err, 'read', file);
  }
}
