/**
 * First-grade vacancies in the workspace (plan 003, stages 7–8):
 *
 *   state/vacancies/<school>.json      each school's accepted line, the latest submission only
 *   state/vacancy-approvals.json       the municipalities' approvals (stage 8)
 *
 * The deadlines module reads exactly these names and fields to tell whether stages 7 and 8 are done,
 * so fields may be added but none renamed.
 */
import { z } from 'zod';
import type { Workspace } from '../../io/workspace/workspace.js';
import { KeyedStore } from '../../io/workspace/keyed.js';

const count = z.number().int().min(0);

const submissionSchema = z.object({
  school: z.string(),
  municipality: z.string(),
  /** ISO with the campaign zone's offset */
  submitted_at: z.string(),
  classes: count,
  places: count,
  territory: count.optional(),
  applications: count.optional(),
  vacancies: count,
  /** the sheet the line came from, kept in inputs/ by its sha256 */
  source: z.object({ file: z.string(), sha256: z.string(), stored: z.string(), sheet: z.string().optional(), row: z.number().int().optional() }),
  /** error findings of this school in that sheet: above 0 only when submitted with --force */
  errors: count,
  forced: z.boolean().optional(),
  reason: z.string().optional(),
});
export type StoredVacancy = z.infer<typeof submissionSchema>;

const approvalSchema = z.object({
  approved_at: z.string(),
  forced: z.boolean().optional(),
  reason: z.string().optional(),
  user: z.string(),
});
export type StoredApproval = z.infer<typeof approvalSchema>;

const approvalsSchema = z.object({ approvals: z.record(z.string(), approvalSchema) });

const DIR = 'vacancies';
const APPROVALS = 'vacancy-approvals';

// One file per school, keyed so that «77 01» and «77_01» are two (src/io/workspace/keyed.ts).
const store = new KeyedStore(DIR, submissionSchema, (v) => v.school);

export function vacancyStateName(school: string): string {
  return store.stateName(school);
}

export function loadVacancy(ws: Workspace, school: string): StoredVacancy | undefined {
  return store.load(ws, school);
}

export function loadVacancies(ws: Workspace): StoredVacancy[] {
  return [...store.each(ws)];
}

export async function saveVacancy(ws: Workspace, line: StoredVacancy): Promise<string> {
  return store.save(ws, line);
}

export function loadApprovals(ws: Workspace): Record<string, StoredApproval> {
  return ws.readState(APPROVALS, approvalsSchema)?.approvals ?? {};
}

export async function saveApprovals(ws: Workspace, approvals: Record<string, StoredApproval>): Promise<string> {
  const sorted = Object.fromEntries(Object.entries(approvals).sort(([a], [b]) => a.localeCompare(b, 'ru', { numeric: true })));
  return (await ws.writeState(APPROVALS, { approvals: sorted })).path;
}
