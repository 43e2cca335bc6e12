/** What other features use of the registry feature; they import it from here and from nowhere else in this folder. */
export { loadRegistry } from './store.js';
