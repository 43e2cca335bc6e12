/**
 * The rules a consolidation file must meet before its lines become this workspace's formed orders:
 * the same campaign, an unedited data sheet, schools of the registry in their municipality, items and
 * prices of the loaded price lists. Pure: the file as read, the campaign, the registry, the catalogue.
 */
import { finding, type Finding } from '../../core/finding.js';
import type { Catalogue } from '../../core/model/catalogue.js';
import type { Registry } from '../../core/model/registry.js';
import { normalizeHeader } from '../../core/text.js';
import type { ConsolidationFile } from './read.js';

interface Campaign {
  id: string;
  year: number;
  region: string;
}

function sameCampaign(meta: Record<string, string>, campaign: { id: string; year: number; region: string }): boolean {
  if (meta['campaign'] === campaign.id) return true;
  return meta['year'] === String(campaign.year) && normalizeHeader(meta['region'] ?? '') === normalizeHeader(campaign.region);
}

/** The checks of a file against this workspace: campaign, checksum, schools, items, prices. */
export function checkConsolidationFile(f: ConsolidationFile, campaign: Campaign, registry: Registry, catalogue: Catalogue, anyCampaign: boolean): Finding[] {
  const out: Finding[] = [...f.findings];
  const where = { file: f.file, sheet: f.sheet };
  if (!sameCampaign(f.meta, campaign)) {
    out.push(
      finding('import-campaign-mismatch', anyCampaign ? 'warning' : 'error', where, {
        found: `${f.meta['region'] ?? '?'} ${f.meta['year'] ?? '?'}`,
        expected: `${campaign.region} ${campaign.year}`,
      }),
    );
  }
  if (!f.checksumOk) out.push(finding('import-edited', 'error', where));

  const schools = new Map(registry.schools.map((s) => [s.code, s]));
  const seenSchool = new Set<string>();
  const seenItem = new Set<string>();
  for (const l of f.lines) {
    const at = { ...where, row: l.row };
    if (!seenSchool.has(l.school)) {
      seenSchool.add(l.school);
      const s = schools.get(l.school);
      if (!s) out.push(finding('import-school-unknown', 'error', at, { school: l.school }, { school: l.school }));
      else if (s.municipality !== l.municipality)
        out.push(finding('import-municipality-mismatch', 'error', at, { school: l.school }, { school: l.school, expected: s.municipality, actual: l.municipality }));
    }
    const itemId = `${l.publisher}\u0000${l.item_key}\u0000${l.price_kopecks}`;
    if (seenItem.has(itemId)) continue;
    seenItem.add(itemId);
    const label = l.item_code ?? l.fpu_code ?? l.item_key;
    const item = catalogue.byKey(l.publisher, l.item_key);
    if (!item) out.push(finding('import-item-unknown', 'warning', at, { item: label, publisher: l.publisher }, { item: l.item_key }));
    else if (item.price_kopecks !== l.price_kopecks)
      out.push(
        finding('import-price-differs', 'warning', at, { item: label, file_price_kopecks: l.price_kopecks, list_price_kopecks: item.price_kopecks }, { item: l.item_key, expected: item.price_kopecks, actual: l.price_kopecks }),
      );
  }
  return out;
}
