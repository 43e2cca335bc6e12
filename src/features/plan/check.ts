/**
 * `deadlines lint`: faults in the plan itself, before any deadline is checked against it.
 */
import { DateTime } from 'luxon';
import type { Finding } from '../../core/finding.js';
import { finding } from '../../core/finding.js';
import { formatRuDate, parseDeadlinePhrase } from './date-phrase.js';
import type { Plan, Stage, StageExecutor } from './model.js';

/**
 * How far apart the deadlines of neighbouring stages may be before the order is broken. Plans list
 * parallel tasks one after another, so a stage may legitimately be due days or weeks before the
 * stage above it (plan 003: stages 4–5 «До 16.12.2019» after 2–3 «До 27.12.2019»; plan 000: stage 3
 * «До 12 февраля» after stage 2 «до 16 февраля»). Neighbouring stages of a campaign are not half a
 * year apart, either way, while a wrong year moves a date by a whole year.
 */
const TYPO_GAP_DAYS = 183;

/**
 * A campaign may cross one New Year (the first-grade preparation runs December 2019 – January 2020),
 * so its dates fall in the campaign year or the next; the campaign year is the year it starts in.
 */
function campaignYears(year: number): number[] {
  return [year, year + 1];
}

const days = (from: string, to: string): number =>
  DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days;

interface Dated {
  stage: Stage;
  ex: StageExecutor;
  /** the date as written first, then the same day and month in each other campaign year */
  options: string[];
}

function yearOptions(date: string, years: number[]): string[] {
  const [, month, day] = date.split('-').map(Number);
  const options = [date];
  for (const year of years) {
    const d = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
    const iso = d.isValid ? d.toFormat('yyyy-MM-dd') : undefined;
    if (iso && !options.includes(iso)) options.push(iso);
  }
  return options;
}

// Weights of the search below, in order of precedence: a break of order outweighs any number of year
// changes; a change outweighs any spread of dates (days between neighbours); among paths equal in
// both, changing a later deadline is preferred, as the plan is read from the top and the stage that
// goes back is the one out of line with what came before.
const BROKEN_ORDER = 1e12;
const CHANGED_YEAR = 1e8;
const PER_DAY_OF_SPREAD = 10;

/**
 * Which dates to read with another campaign year so that no deadline is more than TYPO_GAP_DAYS
 * from the one before it, changing as few dates as possible (a shortest path over the plan's
 * deadlines, each with its year options). Among equally few changes, the one keeping neighbouring
 * dates closest wins: in «28.02.2018, 01.03.2019, 02.03.2018» the middle date is the typo, not the
 * last, although the last is the first to go back.
 * Returns the chosen option index per dated deadline (0 = as written).
 */
function chooseYears(dated: Dated[]): number[] {
  const n = dated.length;
  const cost: number[][] = [];
  const from: number[][] = [];
  dated.forEach((d, i) => {
    cost.push([]);
    from.push([]);
    d.options.forEach((date, k) => {
      const own = k === 0 ? 0 : CHANGED_YEAR + (n - i) / n;
      if (i === 0) {
        cost[i]![k] = own;
        return;
      }
      let best = Infinity;
      dated[i - 1]!.options.forEach((prevDate, j) => {
        const step = days(prevDate, date);
        const c = cost[i - 1]![j]! + own + (Math.abs(step) > TYPO_GAP_DAYS ? BROKEN_ORDER : 0) + PER_DAY_OF_SPREAD * Math.abs(step);
        if (c < best) {
          best = c;
          from[i]![k] = j;
        }
      });
      cost[i]![k] = best;
    });
  });
  const chosen: number[] = [];
  let k = (cost[n - 1] ?? []).reduce((bestK, c, i, all) => (c < all[bestK]! ? i : bestK), 0);
  for (let i = n - 1; i >= 0; i--) {
    chosen[i] = k;
    k = from[i]?.[k] ?? 0;
  }
  return chosen;
}

/**
 * Findings about the plan:
 * - `schedule-order-inconsistent` (error): a deadline that breaks the order of the plan — more than
 *   half a year from the deadline of a neighbouring stage — where the same day and month in a
 *   campaign year restores the order: a mistyped year. Plan 003's stage 8 «До 20.01.2019» after
 *   stage 7 «До 17.01.2020» gives the suggestion 20.01.2020. It is an error because a wrong year
 *   silently makes the stage overdue from the start, or not due for a year, in every nightly check.
 *   Dates going back by days or weeks are parallel tasks and no fault.
 * - `schedule-year-suspicious` (warning): a year outside the campaign year and the next.
 * - `schedule-date-unparsed` / `schedule-date-invalid` (error): a deadline that is not a date, or is
 *   a day that does not exist; such a stage could never be overdue, which its author cannot have meant.
 * Findings carry the stage's row and the deadline's column when the plan was imported from a table.
 */
export function lintPlan(plan: Plan, campaign: { year: number }): Finding[] {
  const years = campaignYears(campaign.year);
  const dated: Dated[] = plan.stages.flatMap((stage) =>
    stage.executors.flatMap((ex) => (ex.deadline === null ? [] : [{ stage, ex, options: yearOptions(ex.deadline, years) }])),
  );
  const chosen = chooseYears(dated);
  const effective = (i: number): string => dated[i]!.options[chosen[i]!]!;
  /** The deadline to compare with in the message: the nearest of another stage, before rather than after. */
  const neighbour = (i: number): number | undefined => {
    const before = dated.slice(0, i).map((_, j) => i - 1 - j);
    const after = dated.slice(i + 1).map((_, j) => i + 1 + j);
    const otherStage = (j: number): boolean => dated[j]!.stage.number !== dated[i]!.stage.number;
    return [...before, ...after].find(otherStage) ?? [...before, ...after][0];
  };
  const fixes = new Map<StageExecutor, { to: string; other: number }>();
  dated.forEach((d, i) => {
    if (chosen[i] === 0) return;
    const other = neighbour(i);
    if (other !== undefined) fixes.set(d.ex, { to: effective(i), other });
  });

  const findings: Finding[] = [];
  for (const stage of plan.stages) {
    for (const ex of stage.executors) {
      const at = { row: stage.row, column: ex.column };
      const about = { stage: stage.number, executor: ex.name };
      const parsed = parseDeadlinePhrase(ex.deadline_text, campaign.year);
      if ('invalid' in parsed) {
        const code = parsed.invalid === 'no-such-date' ? 'schedule-date-invalid' : 'schedule-date-unparsed';
        findings.push(finding(code, 'error', at, { ...about, text: ex.deadline_text }));
      }
      if (ex.deadline === null) continue;
      const date = formatRuDate(ex.deadline);
      const year = Number(ex.deadline.slice(0, 4));
      if (!years.includes(year)) {
        findings.push(finding('schedule-year-suspicious', 'warning', at, { ...about, date, year, from: years[0], to: years[years.length - 1] }));
      }
      const fix = fixes.get(ex);
      if (fix) {
        const other = dated[fix.other]!;
        findings.push(
          finding(
            'schedule-order-inconsistent',
            'error',
            at,
            { ...about, date, other: other.stage.number, otherDate: formatRuDate(effective(fix.other)), suggestion: formatRuDate(fix.to) },
            { expected: fix.to, actual: ex.deadline },
          ),
        );
      }
    }
  }
  return findings;
}
