/**
 * Schema versions of the workspace's JSON files. Every state file and the marker carry a top-level
 * `schema` number; a file written by a newer uchebnik is refused rather than misread.
 */
import fs from 'node:fs';
import type { z } from 'zod';
import { WorkspaceError } from '../../core/errors.js';
import { ioFailure, isErrno } from './io.js';

export const SCHEMA_VERSION = 1;

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

/** The version and the rest of a versioned JSON text, or why it cannot be read. Never throws. */
export function checkVersioned(text: string): VersionCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, newer: false, reason: err instanceof Error ? err.message : String(err) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, newer: false, reason: 'not a JSON object' };
  }
  const { schema: version, ...body } = value as Record<string, unknown>;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, newer: false, reason: 'no "schema" version number' };
  }
  if (version > SCHEMA_VERSION) return { ok: false, newer: true, version };
  return { ok: true, version, body };
}

/**
 * A versioned JSON text parsed with `schema` (which sees the document without its `schema` field).
 * Throws `workspace.newer-schema` or `workspace.damaged` naming `file`.
 */
export function parseVersioned<T>(text: string, file: string, schema: z.ZodType<T>): T {
  const check = checkVersioned(text);
  if (!check.ok) {
    if (check.newer) {
      throw new WorkspaceError('workspace.newer-schema', { file, found: check.version, supported: SCHEMA_VERSION });
    }
    throw new WorkspaceError('workspace.damaged', { file, reason: check.reason });
  }
  const parsed = schema.safeParse(check.body);
  if (!parsed.success) throw new WorkspaceError('workspace.damaged', { file, reason: describeIssues(parsed.error) });
  return parsed.data;
}

/** Like {@link parseVersioned} on a file's content; undefined when the file does not exist. */
export function readVersionedFile<T>(file: string, schema: z.ZodType<T>): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw ioFailure(err, 'read', file);
  }
  return parseVersioned(text, file, schema);
}
