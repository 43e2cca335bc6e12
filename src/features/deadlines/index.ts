/** What other features use of the deadlines feature; they import it from here and from nowhere else in this folder. */
export { parseAsOf, parseWithin } from './as-of.js';
export { checkDeadlines } from './deadlines.js';
export type { DeadlineCheck, DeadlineItem } from './deadlines.js';
export { planCompletion, readCampaignFacts } from './store.js';
export type { CampaignFacts } from './store.js';
export { stageEvidence } from './evidence.js';
export type { StageEvidence, EvidenceLink, EvidenceMissing } from './evidence.js';
