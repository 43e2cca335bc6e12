import type { Catalog } from '../catalog.js';

export const csv: Catalog = {
};
