/**
 * A school's order through the campaign (docs/file-formats.md#orders, the seed's «Корзина»): each submitted file
 * is a new version that starts as `draft`, is `agreed` by the municipal specialist and then `formed`.
 * Corrections after the ministry's recommendations are a new version going through the same steps.
 * Every function here is pure: it returns a new record (or says why not) and never changes its input.
 *
 * What consolidation uses is the latest *formed* version, not the latest version: while a corrected
 * version is still a draft or agreed, the previous formed order stands, so the municipal and regional
 * totals never lose a school between a recommendation and its correction.
 */
import { lineSum, sumKopecks } from '../money.js';
import type { OrderLine } from './order.js';
import type { Registry } from './registry.js';

/**
 * `returned`: the municipal specialist sent the version back to the school with a reason (`order
 * return`, issue 18); the school's next submit is a new version.
 */
export type OrderState = 'draft' | 'returned' | 'agreed' | 'formed';

export interface OrderSource {
  /** the file as the user named it */
  file: string;
  sha256: string;
  /** where the workspace keeps its copy */
  stored: string;
}

export interface OrderVersion {
  version: number;
  state: OrderState;
  /** ISO 8601 timestamps */
  submitted_at: string;
  agreed_at?: string;
  formed_at?: string;
  returned_at?: string;
  /** why the specialist returned it, as they wrote it */
  return_reason?: string;
  source: OrderSource;
  lines: OrderLine[];
  totals: { copies: number; sum_kopecks: number };
  /** errors the file had when submitted (non-zero only with --force) */
  errors: number;
  /** submitted with --force despite errors */
  forced?: boolean;
}

export interface OrderRecord {
  school: string;
  /** municipality code */
  municipality: string;
  /** oldest first; version numbers 1, 2, … */
  versions: OrderVersion[];
}

export interface Submission {
  school: string;
  municipality: string;
  source: OrderSource;
  lines: OrderLine[];
  /** errors found when validating the file */
  errors: number;
  /** `--force`: store it even with errors */
  force?: boolean;
}

export type TransitionParams = Record<string, string | number>;

/**
 * What a transition did. `message` is a catalogue key (src/core/i18n/messages/order.ts) saying so in the user's
 * language, filled from `params`.
 */
export type Transition =
  | { kind: 'changed'; record: OrderRecord; version: OrderVersion; message: string; params: TransitionParams }
  | { kind: 'unchanged'; record: OrderRecord; version: OrderVersion; message: string; params: TransitionParams }
  | { kind: 'refused'; message: string; params: TransitionParams };

export function latest(record: OrderRecord | undefined): OrderVersion | undefined {
  return record?.versions[record.versions.length - 1];
}

export function stateOf(record: OrderRecord | undefined): OrderState | 'none' {
  return latest(record)?.state ?? 'none';
}

/** The version consolidation counts: the latest formed one, even when a newer version is pending. */
export function formedVersion(record: OrderRecord | undefined): OrderVersion | undefined {
  if (!record) return undefined;
  for (let i = record.versions.length - 1; i >= 0; i--) if (record.versions[i]!.state === 'formed') return record.versions[i];
  return undefined;
}

/** The lines of formedVersion(); none when the school has never formed an order. */
export function formedLines(record: OrderRecord | undefined): OrderLine[] {
  return formedVersion(record)?.lines ?? [];
}

export function orderTotals(lines: readonly OrderLine[]): { copies: number; sum_kopecks: number } {
  return {
    copies: lines.reduce((n, l) => n + l.quantity, 0),
    sum_kopecks: sumKopecks(lines.map((l) => lineSum(l.quantity, l.price_kopecks))),
  };
}

function replaceLatest(record: OrderRecord, version: OrderVersion): OrderRecord {
  return { ...record, versions: [...record.versions.slice(0, -1), version] };
}

/**
 * Stores a submitted file as a new draft version. The same file again (by sha256) as the latest
 * version changes nothing; a file with errors is refused unless forced.
 */
export function submitVersion(record: OrderRecord | undefined, v: Submission, now: string): Transition {
  if (record && record.school !== v.school) throw new Error(`order record of ${record.school} given for ${v.school}`);
  const last = latest(record);
  if (record && last && last.source.sha256 === v.source.sha256)
    return { kind: 'unchanged', record, version: last, message: 'order.submit-unchanged', params: { school: v.school, version: last.version } };
  if (v.errors > 0 && !v.force) return { kind: 'refused', message: 'order.submit-has-errors', params: { school: v.school, errors: v.errors } };

  const version: OrderVersion = {
    version: (last?.version ?? 0) + 1,
    state: 'draft',
    submitted_at: now,
    source: { ...v.source },
    lines: v.lines.map((l) => ({ ...l })),
    totals: orderTotals(v.lines),
    errors: v.errors,
    ...(v.errors > 0 ? { forced: true } : {}),
  };
  const next: OrderRecord = { school: v.school, municipality: v.municipality, versions: [...(record?.versions ?? []), version] };
  return { kind: 'changed', record: next, version, message: 'order.submitted', params: { school: v.school, version: version.version } };
}

const NONE: Transition = { kind: 'refused', message: 'order.none', params: {} };

/** The specialist agrees the latest version; only a draft can be agreed. */
export function agree(record: OrderRecord | undefined, now: string): Transition {
  const last = latest(record);
  if (!record || !last) return NONE;
  const params = { school: record.school, version: last.version };
  switch (last.state) {
    case 'draft': {
      const version: OrderVersion = { ...last, state: 'agreed', agreed_at: now };
      return { kind: 'changed', record: replaceLatest(record, version), version, message: 'order.agreed', params };
    }
    case 'agreed':
      return { kind: 'unchanged', record, version: last, message: 'order.agree-unchanged', params };
    case 'formed':
      return { kind: 'refused', message: 'order.agree-formed', params };
    case 'returned':
      return { kind: 'refused', message: 'order.returned-needs-submit', params };
  }
}

/** «Сформировать заказ»: only an agreed latest version can be formed. */
export function form(record: OrderRecord | undefined, now: string): Transition {
  const last = latest(record);
  if (!record || !last) return NONE;
  const params = { school: record.school, version: last.version };
  switch (last.state) {
    case 'draft':
      return { kind: 'refused', message: 'order.form-needs-agreed', params };
    case 'returned':
      return { kind: 'refused', message: 'order.returned-needs-submit', params };
    case 'agreed': {
      const version: OrderVersion = { ...last, state: 'formed', formed_at: now };
      return { kind: 'changed', record: replaceLatest(record, version), version, message: 'order.formed', params };
    }
    case 'formed':
      return { kind: 'unchanged', record, version: last, message: 'order.form-unchanged', params };
  }
}

/**
 * The municipal specialist returns the latest version to the school with a reason: a draft or an
 * agreed version (its agreement is withdrawn). A formed version is what consolidation counts, so it
 * is not taken back; the school submits a corrected version instead.
 */
export function returnOrder(record: OrderRecord | undefined, reason: string, now: string): Transition {
  const last = latest(record);
  if (!record || !last) return NONE;
  const params = { school: record.school, version: last.version, reason };
  switch (last.state) {
    case 'draft':
    case 'agreed': {
      const { agreed_at: _withdrawn, ...rest } = last;
      const version: OrderVersion = { ...rest, state: 'returned', returned_at: now, return_reason: reason };
      return { kind: 'changed', record: replaceLatest(record, version), version, message: 'order.returned', params };
    }
    case 'returned':
      return last.return_reason === reason
        ? { kind: 'unchanged', record, version: last, message: 'order.return-unchanged', params }
        : { kind: 'changed', record: replaceLatest(record, { ...last, returned_at: now, return_reason: reason }), version: last, message: 'order.returned', params };
    case 'formed':
      return { kind: 'refused', message: 'order.return-formed', params };
  }
}

export interface SchoolStatus {
  code: string;
  municipality: string;
  state: OrderState | 'none';
  /** the latest version's number; null when nothing was submitted */
  version: number | null;
  /** why the latest version was returned, when it was */
  return_reason?: string;
}

export interface MunicipalityStatus {
  municipality: string;
  schools: number;
  none: number;
  draft: number;
  returned: number;
  agreed: number;
  formed: number;
}

export interface StatusSummary {
  schools: SchoolStatus[];
  municipalities: MunicipalityStatus[];
}

/**
 * Every school of the registry (of one municipality when given) with the state of its order, in
 * registry order; schools that have an order but are no longer in the registry follow, so that no
 * submitted order is hidden. Counts per state per municipality.
 */
export function statusSummary(records: Iterable<OrderRecord>, registry: Registry, municipality?: string): StatusSummary {
  const inScope = (m: string) => municipality === undefined || m === municipality;
  const bySchool = new Map<string, OrderRecord>();
  for (const r of records) if (inScope(r.municipality)) bySchool.set(r.school, r);

  const schools: SchoolStatus[] = [];
  const status = (code: string, muni: string, record: OrderRecord | undefined): SchoolStatus => ({
    code,
    municipality: muni,
    state: stateOf(record),
    version: latest(record)?.version ?? null,
    ...(latest(record)?.return_reason === undefined ? {} : { return_reason: latest(record)!.return_reason }),
  });
  for (const s of registry.schools) {
    if (!inScope(s.municipality)) continue;
    schools.push(status(s.code, s.municipality, bySchool.get(s.code)));
    bySchool.delete(s.code);
  }
  const orphans = [...bySchool.values()].sort(
    (a, b) => a.municipality.localeCompare(b.municipality, 'ru', { numeric: true }) || a.school.localeCompare(b.school, 'ru', { numeric: true }),
  );
  for (const r of orphans) schools.push(status(r.school, r.municipality, r));

  const counts = new Map<string, MunicipalityStatus>();
  const countFor = (m: string) => {
    let c = counts.get(m);
    if (!c) counts.set(m, (c = { municipality: m, schools: 0, none: 0, draft: 0, returned: 0, agreed: 0, formed: 0 }));
    return c;
  };
  for (const m of registry.municipalities) if (inScope(m.code)) countFor(m.code);
  for (const s of schools) {
    const c = countFor(s.municipality);
    c.schools++;
    c[s.state]++;
  }
  return { schools, municipalities: [...counts.values()] };
}
