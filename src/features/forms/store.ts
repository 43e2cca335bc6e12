/**
 * state/forms/<publisher>.json: a publisher's registered consolidated-order form (`form load`): the
 * stored copy of the workbook under inputs/ and the layout found in it (layout.ts), which
 * `consolidate municipality` fills.
 */
import { z } from 'zod';
import type { FormLayout } from './layout.js';
import { KeyedStore } from '../../io/workspace/keyed.js';
import type { Workspace } from '../../io/workspace/workspace.js';

const recipientSchema = z.object({ n: z.number().int(), label: z.string(), quantity: z.string(), sum: z.string().optional() });

const layoutSchema = z.object({
  sheet: z.string(),
  header_row: z.number().int(),
  label_row: z.number().int().optional(),
  columns: z.record(z.string(), z.string()),
  recipients_from: z.enum(['pairs', 'formula', 'columns']),
  found_by: z.array(z.string()).optional(),
  recipients: z.array(recipientSchema).min(1),
  total: z.object({ label: z.string(), quantity: z.string(), sum: z.string().optional() }).optional(),
  items: z.array(
    z.object({
      row: z.number().int(),
      fpu_code: z.string().optional(),
      item_code: z.string().optional(),
      title: z.string().optional(),
      grade: z.number().int().optional(),
      price_kopecks: z.number().int().optional(),
    }),
  ),
});

const formSchema = z.object({
  publisher: z.string(),
  loaded_at: z.string(),
  source: z.object({ file: z.string(), sha256: z.string(), stored: z.string() }),
  layout: layoutSchema,
});

export type StoredForm = Omit<z.infer<typeof formSchema>, 'layout'> & { layout: FormLayout };

// One file per publisher, keyed so that «Русское слово» and «Русское_слово» are two (src/io/workspace/keyed.ts).
const store = new KeyedStore('forms', formSchema, (f) => f.publisher);

export function loadForm(ws: Workspace, publisher: string): StoredForm | undefined {
  return store.load(ws, publisher) as StoredForm | undefined;
}

/** Two layouts the same, whatever the order of their keys (a stored one comes back in the schema's order). */
export function sameLayout(a: FormLayout, b: FormLayout): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, canonical(x)])) : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export async function saveForm(ws: Workspace, form: StoredForm): Promise<string> {
  return store.save(ws, form as z.infer<typeof formSchema>);
}
