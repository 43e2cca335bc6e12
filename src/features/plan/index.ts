/** What other features use of the plan feature; they import it from here and from nowhere else in this folder. */
export { lintPlan } from './check.js';
export { TEMPLATES, collectTemplates, planLabel, selectPlans, storeTemplates } from './stored.js';
export type { TemplateName } from './stored.js';
export { deadlineInstant, formatRuDate } from './date-phrase.js';
export { entityScope, normalizeExecutorName } from './model.js';
export type { CompletionRule, ExecutorRole, Plan, Stage, StageExecutor } from './model.js';
export { loadMarks, saveMarks } from './store.js';
export { loadPlans, savePlans, withPlan } from './store.js';
export type { DeadlineMark, StoredPlan } from './store.js';
