/** What other features use of the import feature; they import it from here and from nowhere else in this folder. */
export { CONSOLIDATION_KINDS, readConsolidationFile } from './read.js';
