/**
 * `deadlines check`, the nightly batch: which executors' stages are overdue or due soon at a given
 * moment, and for stages done per school or per municipality, which of them have not done it.
 */
import { DateTime, type Duration } from 'luxon';
import { deadlineInstant } from '../plan/index.js';
import type { ExecutorRole, Plan, Stage, StageExecutor } from '../plan/index.js';
import { normalizeExecutorName } from '../plan/index.js';

/**
 * An executor's part of a stage: for a stage done by each school or each municipality
 * (see entityScope), the codes of the entities expected to do it and of those that have;
 * for a stage done once, whether it is done.
 */
export type StageCompletion = boolean | { required: string[]; done: string[] };

/**
 * What the workspace knows of completion, as of the moment checked. The caller answers from data
 * for stages with a CompletionRule (e.g. stage 9: required = every school in the registry, done =
 * schools whose order is formed) and from `deadlines done` marks for the rest (per entity, or true
 * when the whole stage was marked).
 */
export interface CompletionState {
  done(stage: Stage, executor: StageExecutor): StageCompletion;
}

export interface DeadlineItem {
  plan: string;
  stage: number;
  text: string;
  executor: string;
  role: ExecutorRole;
  /** ISO date as the plan gives it */
  deadline: string;
  /** the instant the deadline ends, in the campaign's zone */
  deadline_at: string;
  /** calendar days in the campaign's zone since the deadline day: 1 on the day after it */
  days_overdue?: number;
  /** calendar days in the campaign's zone until the deadline day: 0 on the day itself */
  days_left?: number;
  /** entities that have not done it, in the order the caller gave them; empty for a stage done once */
  entities: string[];
  /** how many entities are expected, for a stage done per entity */
  entities_total?: number;
}

export interface DeadlineCheck {
  /** the moment checked, in the campaign's zone */
  as_of: string;
  timezone: string;
  overdue: DeadlineItem[];
  due_soon: DeadlineItem[];
}

export interface DeadlineCheckInput {
  plan: Plan;
  /** the campaign's IANA zone */
  timezone: string;
  asOf: DateTime;
  /** due soon: not done, not overdue, and the deadline ends at most this long after asOf; absent: nothing is due soon */
  within?: Duration;
  /** only this executor: its name as the plan writes it (any case) or its role (`schools`, `municipality`, …) */
  executor?: string;
  completion: CompletionState;
}

/** Calendar days from one ISO date to another; counted in UTC, where every day has 24 hours. */
function daysBetween(from: string, to: string): number {
  return DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days;
}

/**
 * Overdue: not done and `asOf` is after the end of the deadline day in `timezone`. Stages without a
 * date are never overdue nor due soon. Items follow the plan's order of stages and executors.
 */
export function checkDeadlines(input: DeadlineCheckInput): DeadlineCheck {
  const { plan, timezone, within, completion } = input;
  // An invalid moment compares false with everything and would report nothing: refuse it instead.
  if (!input.asOf.isValid) throw new RangeError(`invalid as-of moment: ${input.asOf.invalidExplanation ?? input.asOf.invalidReason}`);
  if (within && !within.isValid) throw new RangeError(`invalid duration: ${within.invalidExplanation ?? within.invalidReason}`);
  const now = input.asOf.setZone(timezone);
  if (!now.isValid) throw new RangeError(`invalid time zone: ${timezone}`);
  const today = now.toISODate();
  const horizon = within ? now.plus(within) : undefined;
  const wanted = input.executor === undefined ? undefined : normalizeExecutorName(input.executor);

  const overdue: DeadlineItem[] = [];
  const due_soon: DeadlineItem[] = [];
  for (const stage of plan.stages) {
    for (const ex of stage.executors) {
      if (ex.deadline === null) continue;
      if (wanted !== undefined && normalizeExecutorName(ex.name) !== wanted && ex.role !== wanted) continue;

      const state = completion.done(stage, ex);
      let entities: string[] = [];
      let total: number | undefined;
      if (typeof state === 'boolean') {
        if (state) continue;
      } else {
        const required = [...new Set(state.required)];
        const done = new Set(state.done);
        entities = required.filter((e) => !done.has(e));
        if (entities.length === 0) continue;
        total = required.length;
      }

      const end = deadlineInstant(ex.deadline, timezone);
      const item: DeadlineItem = {
        plan: plan.id,
        stage: stage.number,
        text: stage.text,
        executor: ex.name,
        role: ex.role,
        deadline: ex.deadline,
        deadline_at: end.toISO(),
        entities,
      };
      if (total !== undefined) item.entities_total = total;
      if (now > end) {
        overdue.push({ ...item, days_overdue: daysBetween(ex.deadline, today) });
      } else if (horizon && end <= horizon) {
        due_soon.push({ ...item, days_left: daysBetween(today, ex.deadline) });
      }
    }
  }
  return { as_of: now.toISO(), timezone, overdue, due_soon };
}
