/** What other features use of the recommendations feature; they import it from here and from nowhere else in this folder. */
export { itemLabel, itemReference } from './recommend.js';
export type { RecommendationAction } from './recommend.js';

type Workbooks = typeof import('./workbooks.js');
/** The draft writer loads exceljs, which `analyze` needs only when asked for a draft: loaded on first call. */
export async function writeDraftRecommendations(...args: Parameters<Workbooks['writeDraftRecommendations']>): ReturnType<Workbooks['writeDraftRecommendations']> {
  return (await import('./workbooks.js')).writeDraftRecommendations(...args);
}
export { checkRecommendations } from './recommend.js';
export { loadRecommendations } from './store.js';
export type { StoredRecommendations } from './store.js';
