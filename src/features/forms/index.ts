/** What other features use of the forms feature; they import it from here and from nowhere else in this folder. */
export { fillForm } from './fill.js';
export { loadForm } from './store.js';
export type { StoredForm } from './store.js';
