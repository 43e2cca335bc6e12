/**
 * The campaign's plans and the stages marked done by hand (docs/file-formats.md#plans):
 *
 *   state/plans.json            every plan of the campaign, in the order they were added; a workspace
 *                               may hold both seeds' plans (textbooks and first-grade) and imported ones
 *   state/deadline-marks.json   `deadlines done` marks: a whole stage, or one school or municipality
 */
import { z } from 'zod';
import type { Plan } from './model.js';
import type { Workspace } from '../../io/workspace/workspace.js';

const roleSchema = z.enum(['schools', 'municipality', 'regional-centre', 'ministry', 'school-heads', 'other']);

const executorSchema = z.object({
  name: z.string(),
  role: roleSchema,
  deadline_text: z.string(),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u).nullable(),
  column: z.string().optional(),
});

const completionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pricelists-loaded') }),
  z.object({ kind: z.literal('orders'), state: z.enum(['submitted', 'agreed', 'formed']), round: z.union([z.literal(1), z.literal(2)]) }),
  z.object({ kind: z.literal('consolidation'), scope: z.enum(['municipality', 'region']), round: z.union([z.literal(1), z.literal(2)]) }),
  z.object({ kind: z.literal('recommendations'), step: z.enum(['loaded', 'split-municipality', 'split-school', 'checked']) }),
  z.object({ kind: z.literal('specifications') }),
  z.object({ kind: z.literal('vacancies'), step: z.enum(['submitted', 'approved']) }),
  z.object({ kind: z.literal('operators'), unit: z.enum(['school', 'municipality']), step: z.enum(['approved', 'application']) }),
  z.object({ kind: z.literal('meetings') }),
  z.object({ kind: z.literal('cards') }),
]);

const stageSchema = z.object({
  number: z.number().int().min(1),
  text: z.string(),
  executors: z.array(executorSchema),
  completion: completionSchema.optional(),
  row: z.number().int().optional(),
});

/** Where an imported plan came from; its findings point at cells of that file. */
const sourceSchema = z.object({ file: z.string(), sha256: z.string(), stored: z.string(), sheet: z.string().optional() });

const planSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  campaign_year: z.number().int(),
  stages: z.array(stageSchema),
  executor_columns: z.array(z.string()).optional(),
  notes: z.array(z.string()).optional(),
  source: sourceSchema.optional(),
});

export type PlanSource = z.infer<typeof sourceSchema>;
export type StoredPlan = Plan & { source?: PlanSource };

const plansSchema = z.object({ plans: z.array(planSchema) });

const PLANS = 'plans';

export function loadPlans(ws: Workspace): StoredPlan[] {
  return ws.readState(PLANS, plansSchema)?.plans ?? [];
}

export async function savePlans(ws: Workspace, plans: StoredPlan[]): Promise<{ path: string; changed: boolean }> {
  return ws.writeState(PLANS, { plans });
}

/** `plans` with `plan` in place of the one with its id, or added at the end. */
export function withPlan(plans: StoredPlan[], plan: StoredPlan): StoredPlan[] {
  const at = plans.findIndex((p) => p.id === plan.id);
  return at < 0 ? [...plans, plan] : plans.map((p, i) => (i === at ? plan : p));
}

const markSchema = z.object({
  plan: z.string(),
  stage: z.number().int(),
  /** only this executor of the stage (its name as the plan writes it, or its role); absent: every executor */
  executor: z.string().optional(),
  /** a school or municipality code; absent: the whole stage */
  entity: z.string().optional(),
  /** when the work was done, as the person marking it says (ISO with the campaign zone's offset) */
  at: z.string(),
  note: z.string().optional(),
  /** where the work can be seen: links to the published pages or photos (plan 003 stage 2, `deadlines done --evidence`) */
  evidence: z.array(z.string()).optional(),
  user: z.string(),
  /** when the mark was made */
  marked_at: z.string(),
});
export type DeadlineMark = z.infer<typeof markSchema>;

const marksSchema = z.object({ marks: z.array(markSchema) });

const MARKS = 'deadline-marks';

export function loadMarks(ws: Workspace): DeadlineMark[] {
  return ws.readState(MARKS, marksSchema)?.marks ?? [];
}

export async function saveMarks(ws: Workspace, marks: DeadlineMark[]): Promise<{ path: string; changed: boolean }> {
  return ws.writeState(MARKS, { marks });
}
