/**
 * `uchebnik doctor`'s look at the consolidation folders: the workbooks of each scope's last run must
 * be the ones that run wrote (its record keeps their sha256). A run killed between putting its folder
 * in place and recording itself, or a workbook edited or deleted by hand, leaves a folder the record
 * does not describe; rerunning the consolidation rewrites it (issue 22).
 */
import fs from 'node:fs';
import path from 'node:path';
import { outputStale, type DoctorProblem } from '../../io/workspace/doctor.js';
import { fileSha256 } from '../../io/workspace/inputs.js';
import type { Workspace } from '../../io/workspace/workspace.js';
import { loadConsolidations, type ConsolidationRun } from './store.js';

/** The files of `run` that are missing or differ, with why; empty when the folder is the run's. */
export async function staleFiles(ws: Workspace, run: ConsolidationRun): Promise<{ file: string; reason: 'missing' | 'changed' }[]> {
  const out: { file: string; reason: 'missing' | 'changed' }[] = [];
  for (const [file, sha] of Object.entries(run.sha256 ?? {})) {
    const at = path.resolve(ws.root, file);
    if (!fs.existsSync(at)) out.push({ file, reason: 'missing' });
    else if ((await fileSha256(at).catch(() => '')) !== sha) out.push({ file, reason: 'changed' });
  }
  return out;
}

export async function consolidationFolders(ws: Workspace): Promise<DoctorProblem[]> {
  const problems: DoctorProblem[] = [];
  for (const c of loadConsolidations(ws)) {
    const last = c.runs[c.runs.length - 1];
    if (!last) continue;
    const command = c.scope === 'region' ? 'consolidate region' : `consolidate municipality ${c.municipality ?? ''}`;
    for (const s of await staleFiles(ws, last)) {
      problems.push(outputStale(s.file, command, last.at, s.reason));
    }
  }
  return problems;
}
