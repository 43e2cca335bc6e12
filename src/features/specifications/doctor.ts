/**
 * `uchebnik doctor`'s look at the last specification package: its manifest must list the files that
 * are there with the sha256 it gives, and add up to the total the record keeps. An export killed
 * between swapping its package in and recording it, or a workbook edited or removed by hand, leaves a
 * package the record does not describe; exporting again rewrites it (issue 22).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { problem, type DoctorProblem } from '../../io/workspace/doctor.js';
import { fileSha256 } from '../../io/workspace/inputs.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { loadSpecifications, MANIFEST_FILE } from './store.js';

const COMMAND = 'export specifications';

export async function specificationPackage(ws: Workspace): Promise<DoctorProblem[]> {
  const record = loadSpecifications(ws);
  if (!record) return [];
  const manifest = record.manifest ?? path.join(record.out, MANIFEST_FILE);
  const stale = (file: string, reason: string) => problem('workspace-output-stale', 'warning', file, { file, command: COMMAND, at: record.exported_at, reason });
  if (!fs.existsSync(manifest)) return [stale(manifest, 'нет файла / missing')];
  const rows = parse(fs.readFileSync(manifest, 'utf8').replace(/^\uFEFF/u, ''), { delimiter: ';', columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const problems: DoctorProblem[] = [];
  let sum = 0;
  for (const row of rows) {
    sum += Number(row['sum_kopecks'] ?? 0);
    const sha = row['sha256'] ?? '';
    if (!sha) continue; // --manifest-only: the rows name files not written
    const file = path.join(record.out, row['file'] ?? '');
    if (!fs.existsSync(file)) problems.push(stale(file, 'нет файла / missing'));
    else if ((await fileSha256(file).catch(() => '')) !== sha) problems.push(stale(file, 'изменён / changed'));
  }
  if (rows.length !== record.files || sum !== record.total.sum_kopecks) problems.push(stale(manifest, 'не та выгрузка, что записана / not the recorded export'));
  return problems;
}
