import type { Catalog } from '../catalog.js';

export const workspace: Catalog = {
};
