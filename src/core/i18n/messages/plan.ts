import type { Catalog } from '../catalog.js';

export const plan: Catalog = {
};
