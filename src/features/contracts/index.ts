/** What other features use of the contracts feature; they import it from here and from nowhere else in this folder. */
export { registerContracts } from './command.js';
