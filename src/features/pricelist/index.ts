/** What other features use of the pricelist feature; they import it from here and from nowhere else in this folder. */
export { PRICELIST_FIELDS } from './rows.js';
export { currentVersion, loadCatalogue, loadCatalogueItems, loadPriceList, loadPriceLists } from './store.js';
