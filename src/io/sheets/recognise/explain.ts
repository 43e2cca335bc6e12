/**
 * What the recogniser decided, as notes a person reads before trusting the numbers: which columns were
 * taken by content alone, which of two candidate columns was taken and why, which header was passed
 * over because its cells did not fit, and whether the file had a header at all. `pricelist load` prints
 * them on stderr, `inspect` shows them with the rest of the evidence.
 */
import { columnLetter } from '../../../core/finding.js';
import { columnLabel, type Recognition } from './recognise.js';

export interface Note {
  key: string;
  params: Record<string, string | number>;
}

function percent(x: number | undefined): string {
  return `${Math.round((x ?? 0) * 100)} %`;
}

export function explain(rec: Recognition, mapped: readonly string[] = []): Note[] {
  const notes: Note[] = [];
  const label = (c: number) => columnLabel(c, rec.display[c] ?? '');
  if (rec.headerRows.length === 0) {
    const fields = [...rec.columns].sort((a, b) => a[1] - b[1]).map(([f, c]) => `${columnLetter(c)} → ${f}`);
    notes.push({ key: 'recognise.no-header', params: { columns: fields.join(', ') } });
  } else {
    for (const d of rec.decisions) {
      if (d.by === 'content' && d.field && !mapped.includes(d.field))
        notes.push({ key: 'recognise.by-content', params: { column: label(d.column), field: d.field, share: percent(d.fit), samples: d.samples } });
    }
  }
  for (const c of rec.choices) {
    if (mapped.includes(c.field)) continue;
    const why = c.why === 'ratio' ? 'recognise.why-ratio' : c.why === 'better-word' ? 'recognise.why-word' : 'recognise.why-header';
    notes.push({ key: 'recognise.choice', params: { field: c.field, taken: label(c.taken), over: c.over.map(label).join(', '), why, detail: c.detail } });
  }
  for (const d of rec.decisions) {
    for (const r of d.refused) {
      if (r.why !== 'content' || rec.columns.get(r.field) === undefined || mapped.includes(r.field)) continue;
      notes.push({ key: 'recognise.refused-content', params: { column: label(d.column), field: r.field, taken: label(rec.columns.get(r.field)!) } });
    }
  }
  const title = rec.columns.get('title');
  if (title !== undefined && !rec.columns.has('authors') && rec.decisions.find((d) => d.column === title)?.kind === 'authors_title')
    notes.push({ key: 'recognise.split', params: { column: label(title) } });
  return notes;
}
