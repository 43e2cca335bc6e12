import type { Catalog } from '../catalog.js';

export const findings: Catalog = {
};
