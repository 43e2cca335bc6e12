/**
 * The catalogue: every orderable item of every publisher's current price list (PRODUCT.md §4.1).
 * An item is identified by publisher + item code, else publisher + ISBN, else publisher + fpu code +
 * title (parts 1 and 2 of one textbook share an fpu code). Orders are checked against this.
 */

export interface CatalogueItem {
  /** stable identity within the catalogue, see itemKey() */
  key: string;
  publisher: string;
  /** federal list code, dotted (absent when the price list has none) */
  fpu_code?: string;
  /** true when the list marks the item as not in the federal list (99.99.99.99.99.99) or it has no code */
  not_in_fpu?: boolean;
  item_code?: string;
  /** normalised: digits (and X), no hyphens */
  isbn?: string;
  authors: string;
  title: string;
  grade_from: number;
  grade_to: number;
  price_kopecks: number;
  /** whole percent, e.g. 10 or 18 */
  vat_rate: number;
  year?: string;
  series?: string;
  note?: string;
  /** row of the price list it came from */
  source_row?: number;
}

/** How an order line (or a recommendation) names an item. */
export interface ItemReference {
  publisher?: string;
  item_code?: string;
  isbn?: string;
  fpu_code?: string;
  title?: string;
}

export type LookupResult =
  | { kind: 'found'; item: CatalogueItem; by: 'item_code' | 'isbn' | 'fpu_code' }
  | { kind: 'ambiguous'; items: CatalogueItem[] }
  | { kind: 'none' };
