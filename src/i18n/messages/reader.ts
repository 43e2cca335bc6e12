import type { Catalog } from '../catalog.js';

export const reader: Catalog = {
};
