/**
 * The application of changes to the operator list as a printable workbook (plan 003, stage 6): a
 * title naming the municipality and the versions compared, then per unit the people added, removed
 * and changed, each with their position, role and contacts, and a signature line. A4 landscape.
 */
import { t, type Lang } from '../../core/i18n/index.js';
import type { Registry } from '../../core/model/registry.js';
import { addDataSheet } from '../../io/sheets/data-sheet.js';
import { newWorkbook, saveWorkbook, setPrintA4, styles, wrappedRowHeight } from '../../io/sheets/xlsx-write.js';
import type { ListChanges } from './changes.js';
import type { Person, Unit } from './check.js';

const WIDTHS = [12, 34, 16, 30, 26, 18, 26, 18, 40];
const HEADER_ROW = 4;

export async function writeChanges(input: { changes: ListChanges; registry: Registry; unit: Unit; campaign: { id: string; year: number }; lang: Lang }, out: string): Promise<void> {
  const { changes, registry, unit, campaign, lang } = input;
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(t(lang, 'operators.changes-sheet'), { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  const municipality = registry.municipalities.find((m) => m.code === changes.municipality);
  const last = WIDTHS.length;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = t(lang, unit === 'school' ? 'operators.changes-title' : 'operators.changes-title-staff', { year: campaign.year, next: campaign.year + 1 });
  ws.getCell(1, 1).style = styles.title;
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = t(lang, 'operators.changes-subtitle', {
    municipality: municipality ? `${municipality.code} ${municipality.name}` : changes.municipality,
    from: changes.from,
    to: changes.to,
    ...changes.totals,
  });
  const header = ['col-unit', 'col-unit-name', 'col-change', 'col-name', 'col-position', 'col-role', 'col-email', 'col-phone', 'col-details'].map((k) => t(lang, `operators.${k}`));
  header.forEach((h, i) => {
    ws.getColumn(i + 1).width = WIDTHS[i]!;
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = h;
    cell.style = styles.header;
  });
  const nameOf = (id: string) => (unit === 'school' ? registry.schools.find((s) => s.code === id)?.short_name : municipality?.name) ?? '';
  let r = HEADER_ROW + 1;
  const line = (id: string, change: string, p: Person, details: string) => {
    const values = [id, nameOf(id), change, p.full_name, p.position, t(lang, `operators.role-${p.role}`), p.email, p.phone, details];
    values.forEach((v, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.value = v;
      cell.style = styles.text;
    });
    ws.getRow(r).height = wrappedRowHeight(values.map((v, i) => [v, WIDTHS[i]!]));
    r++;
  };
  for (const u of changes.units) {
    for (const p of u.added) line(u.unit, t(lang, 'operators.added'), p, t(lang, 'operators.details-added'));
    for (const p of u.removed) line(u.unit, t(lang, 'operators.removed'), p, t(lang, 'operators.details-removed'));
    for (const c of u.changed)
      line(u.unit, t(lang, 'operators.changed'), c.now, c.fields.map((f) => `${t(lang, `operators.field-${f.field}`)}: ${f.field === 'role' ? t(lang, `operators.role-${f.before}`) : f.before} → ${f.field === 'role' ? t(lang, `operators.role-${f.after}`) : f.after}`).join('\n'));
  }
  if (changes.units.length === 0) {
    ws.mergeCells(r, 1, r, last);
    ws.getCell(r, 1).value = t(lang, 'operators.no-changes');
    r++;
  }
  r += 2;
  ws.getCell(r, 1).value = t(lang, 'operators.changes-signature');
  setPrintA4(ws, { landscape: true, repeatRows: [HEADER_ROW, HEADER_ROW], footer: '&P / &N' });
  addDataSheet(
    wb,
    { kind: unit === 'school' ? 'operator-changes' : 'municipal-staff-changes', campaign: campaign.id, extra: { municipality: changes.municipality, from: String(changes.from), to: String(changes.to) } },
    ['unit', 'change', 'full_name', 'position', 'role', 'email', 'phone'],
    changes.units.flatMap((u) => [
      ...u.added.map((p) => [u.unit, 'added', p.full_name, p.position, p.role, p.email, p.phone]),
      ...u.removed.map((p) => [u.unit, 'removed', p.full_name, p.position, p.role, p.email, p.phone]),
      ...u.changed.map((c) => [u.unit, 'changed', c.now.full_name, c.now.position, c.now.role, c.now.email, c.now.phone]),
    ]),
  );
  await saveWorkbook(wb, out);
}
