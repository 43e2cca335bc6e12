/**
 * `uchebnik doctor`'s look at the last specification package: its manifest must list the files that
 * are there with the sha256 it gives, and add up to the total the record keeps. An export killed
 * between swapping its package in and recording it, or a workbook edited or removed by hand, leaves a
 * package the record does not describe; exporting again rewrites it (issue 22).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { outputStale, type DoctorProblem, type StaleReason } from '../../io/workspace/doctor.js';
import { fileSha256 } from '../../io/workspace/inputs.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { loadSpecifications, MANIFEST_FILE } from './store.js';

const COMMAND = 'export specifications';

export async function specificationPackage(ws: Workspace): Promise<DoctorProblem[]> {
  const record = loadSpecifications(ws);
  if (!record) return [];
  const manifest = record.manifest ?? path.join(record.out, MANIFEST_FILE);
  const stale = (file: string, reason: StaleReason) => outputStale(file, COMMAND, record.exported_at, reason);
  if (!fs.existsSync(manifest)) return [stale(manifest, 'missing')];
  let rows: Record<string, string>[];
  try {
    rows = parse(fs.readFileSync(manifest, 'utf8').replace(/^\uFEFF/u, ''), { delimiter: ';', columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
  } catch {
    // A manifest damaged by hand is the user's file, not a fault of uchebnik: a warning, never exit 70.
    return [stale(manifest, 'unreadable')];
  }
  const problems: DoctorProblem[] = [];
  let sum = 0;
  for (const row of rows) {
    sum += Number(row['sum_kopecks'] ?? 0);
    const sha = row['sha256'] ?? '';
    if (!sha) continue; // --manifest-only: the rows name files not written
    const file = path.join(record.out, row['file'] ?? '');
    if (!fs.existsSync(file)) problems.push(stale(file, 'missing'));
    else if ((await fileSha256(file).catch(() => '')) !== sha) problems.push(stale(file, 'changed'));
  }
  if (rows.length !== record.files || sum !== record.total.sum_kopecks) problems.push(stale(manifest, 'other'));
  return problems;
}
