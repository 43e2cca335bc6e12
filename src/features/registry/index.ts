/** What other features use of the registry feature; they import it from here and from nowhere else in this folder. */
export { loadRegistry } from './store.js';
export { requisitesSchema } from './store.js';
export { CONTRACT_FIELDS, checkBik, checkContractReady, checkCorrespondentAccount, checkInn, checkKpp, checkSettlementAccount, digitsOnly, type Place } from './requisites-check.js';
export { requisiteCellText } from './requisite-cell.js';
