import type { Catalog } from '../catalog.js';

export const common: Catalog = {
};
