/** What other features use of the operators feature; they import it from here and from nowhere else in this folder. */
export { findMunicipality } from './check.js';
export { readRows } from './read.js';
export type { ReadFile, ReadRow } from './read.js';
