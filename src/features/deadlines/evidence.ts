/**
 * Where a stage's work can be seen: the links `deadlines done --evidence URL` keeps on its marks
 * (plan 003 stage 2 — the information for parents published on the sites of the municipal bodies
 * and the schools and on the schools' stands). For each stage with a link, which executors' schools
 * or municipalities gave one, and which of those the stage requires have not. A mark of the whole
 * stage with a link (a page of the region) covers everybody; a municipality's link does not stand
 * for its schools' own sites.
 */
import type { Plan, Stage, StageExecutor } from '../plan/index.js';
import type { DeadlineMark } from '../plan/index.js';
import type { CompletionState } from './deadlines.js';
import { markCovers } from './store.js';

export interface EvidenceLink {
  plan: string;
  stage: number;
  /** the executor the mark was for, when it named one */
  executor?: string;
  /** the school or municipality; absent for the whole stage */
  entity?: string;
  links: string[];
  /** when the work was done, as marked */
  at: string;
}

export interface EvidenceMissing {
  plan: string;
  stage: number;
  executor: string;
  /** required schools or municipalities without a link; empty when the executor is the region (see `whole`) */
  entities: string[];
  /** an executor done once for the region (ДОУ) that has no link at all */
  whole: boolean;
}

export interface StageEvidence {
  links: EvidenceLink[];
  missing: EvidenceMissing[];
}

function missingOf(plan: Plan, stage: Stage, ex: StageExecutor, marks: DeadlineMark[], completion: CompletionState): EvidenceMissing | undefined {
  const linked = marks.filter((m) => m.evidence?.length && markCovers(m, plan.id, stage, ex));
  if (linked.some((m) => m.entity === undefined)) return undefined;
  const state = completion.done(stage, ex);
  if (typeof state === 'boolean') return linked.length ? undefined : { plan: plan.id, stage: stage.number, executor: ex.name, entities: [], whole: true };
  const have = new Set(linked.map((m) => m.entity));
  const entities = state.required.filter((e) => !have.has(e));
  return entities.length ? { plan: plan.id, stage: stage.number, executor: ex.name, entities, whole: false } : undefined;
}

/** The links kept for the stages of `plan` that have any, and what each such stage still lacks. */
export function stageEvidence(plan: Plan, marks: DeadlineMark[], completion: CompletionState): StageEvidence {
  const out: StageEvidence = { links: [], missing: [] };
  for (const stage of plan.stages) {
    const mine = marks.filter((m) => m.plan === plan.id && m.stage === stage.number && m.evidence?.length);
    if (mine.length === 0) continue;
    for (const m of mine) out.links.push({ plan: plan.id, stage: stage.number, ...(m.executor ? { executor: m.executor } : {}), ...(m.entity ? { entity: m.entity } : {}), links: m.evidence!, at: m.at });
    for (const ex of stage.executors) {
      const missing = missingOf(plan, stage, ex, marks, completion);
      if (missing) out.missing.push(missing);
    }
  }
  return out;
}

/** A link a person can open: http or https, with a host. */
export function isEvidenceLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
