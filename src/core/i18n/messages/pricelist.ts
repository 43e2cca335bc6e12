import type { Catalog } from '../catalog.js';

export const pricelist: Catalog = {
};
