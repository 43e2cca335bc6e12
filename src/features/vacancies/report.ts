/**
 * Where the first-grade vacancies stand (plan 003, stage 8): per municipality, how many of its
 * schools have submitted their sheet, the classes, places and vacancies they declared, who is still
 * missing and whether the municipality has approved them. Shape of `vacancies report --json`: docs/json-report.md#commands.
 */
import type { Registry } from '../../core/model/registry.js';
import type { VacancyLine } from './check.js';

/** A school's accepted vacancy line as the workspace keeps it. */
export interface SubmittedVacancy extends Pick<VacancyLine, 'school' | 'municipality' | 'classes' | 'places' | 'vacancies' | 'territory' | 'applications'> {
  /** ISO timestamp */
  submitted_at: string;
}

export interface VacancyApproval {
  approved_at: string;
  /** approved with `--force` over errors or missing schools */
  forced?: boolean;
  reason?: string;
}

export interface MunicipalityVacancies {
  code: string;
  name: string;
  /** schools of the municipality in the registry */
  schools: number;
  /** schools that submitted */
  submitted: number;
  classes: number;
  places: number;
  vacancies: number;
  /** how many registry schools have not submitted */
  missing: number;
  /** their codes */
  missing_schools: string[];
  approved_at?: string;
  forced?: boolean;
  reason?: string;
}

export interface VacancyReport {
  municipalities: MunicipalityVacancies[];
  total: { schools: number; submitted: number; classes: number; places: number; vacancies: number; missing: number; approved: number };
}

/** The latest submission of each school: a school that corrects its sheet submits it again. */
function latest(submitted: SubmittedVacancy[]): Map<string, SubmittedVacancy> {
  const out = new Map<string, SubmittedVacancy>();
  for (const s of submitted) {
    const prev = out.get(s.school);
    if (!prev || s.submitted_at >= prev.submitted_at) out.set(s.school, s);
  }
  return out;
}

function missingSchools(registry: Registry, municipality: string, submitted: Map<string, SubmittedVacancy>): string[] {
  return registry.schools.filter((s) => s.municipality === municipality && !submitted.has(s.code)).map((s) => s.code);
}

export function vacancyReport(input: {
  registry: Registry;
  submitted: SubmittedVacancy[];
  approvals: Record<string, VacancyApproval>;
}): VacancyReport {
  const { registry, approvals } = input;
  const byschool = latest(input.submitted);
  const names = new Map(registry.municipalities.map((m) => [m.code, m.name]));
  // A submission whose municipality has since left the registry still counts where it was submitted.
  const extra = [...new Set([...byschool.values()].map((s) => s.municipality))]
    .filter((code) => !names.has(code))
    .sort((a, b) => a.localeCompare(b, 'ru', { numeric: true }));
  const codes = [...registry.municipalities.map((m) => m.code), ...extra];

  const municipalities = codes.map((code): MunicipalityVacancies => {
    const lines = [...byschool.values()].filter((s) => s.municipality === code);
    const missing = missingSchools(registry, code, byschool);
    const m: MunicipalityVacancies = {
      code,
      name: names.get(code) ?? code,
      schools: registry.schools.filter((s) => s.municipality === code).length,
      submitted: lines.length,
      classes: lines.reduce((n, s) => n + s.classes, 0),
      places: lines.reduce((n, s) => n + s.places, 0),
      vacancies: lines.reduce((n, s) => n + s.vacancies, 0),
      missing: missing.length,
      missing_schools: missing,
    };
    const approval = approvals[code];
    if (approval) {
      m.approved_at = approval.approved_at;
      if (approval.forced) m.forced = true;
      if (approval.reason) m.reason = approval.reason;
    }
    return m;
  });

  const sum = (k: 'schools' | 'submitted' | 'classes' | 'places' | 'vacancies' | 'missing') => municipalities.reduce((n, m) => n + m[k], 0);
  return {
    municipalities,
    total: {
      schools: sum('schools'),
      submitted: sum('submitted'),
      classes: sum('classes'),
      places: sum('places'),
      vacancies: sum('vacancies'),
      missing: sum('missing'),
      approved: municipalities.filter((m) => m.approved_at !== undefined).length,
    },
  };
}

export type ApprovalRefusal = 'errors' | 'missing-schools';

/**
 * Stage 8: a municipality approves its schools' vacancies once every school has submitted and no
 * sheet of it has open errors. `--force` (with a reason, journaled) is the command's business.
 */
export function canApprove(
  municipality: string,
  input: { registry: Registry; submitted: SubmittedVacancy[]; openErrors: number },
): { ok: true } | { ok: false; reasons: ApprovalRefusal[]; missing: string[] } {
  const missing = missingSchools(input.registry, municipality, latest(input.submitted));
  const reasons: ApprovalRefusal[] = [];
  if (input.openErrors > 0) reasons.push('errors');
  if (missing.length) reasons.push('missing-schools');
  return reasons.length ? { ok: false, reasons, missing } : { ok: true };
}
