/**
 * `deadlines lint`: faults in the plan itself, before any deadline is checked against it.
 */
import { DateTime } from 'luxon';
import type { Finding } from '../finding.js';
import { finding } from '../finding.js';
import { formatRuDate, parseDeadlinePhrase } from './date-phrase.js';
import type { Plan, Stage, StageExecutor } from './model.js';

/**
 * How much earlier than the previous stage a deadline must be before it is read as a mistyped year.
 * Plans list parallel tasks one after another, so a stage may legitimately be due days or weeks before
 * the stage above it (plan 003: stages 4–5 «До 16.12.2019» after 2–3 «До 27.12.2019»; plan 000:
 * stage 3 «До 12 февраля» after stage 2 «до 16 февраля»). No campaign runs long enough for half a
 * year to separate such tasks, while a wrong year puts a date a whole year back.
 */
const TYPO_GAP_DAYS = 183;

/**
 * A campaign runs within its campaign year and the next: the first-grade preparation from December
 * to January, a textbook order from winter to the end of the school year's supply. Any other year is
 * suspicious; the campaign year is the year the campaign starts, so the year before is outside it.
 */
function campaignYears(year: number): number[] {
  return [year, year + 1];
}

const days = (from: string, to: string): number => DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days;

/** The earliest date with the same day and month in a campaign year that is not before `notBefore`. */
function yearFix(date: string, notBefore: string, years: number[]): string | undefined {
  const [, month, day] = date.split('-').map(Number);
  for (const y of years) {
    const candidate = DateTime.fromObject({ year: y, month, day });
    const iso = candidate.isValid ? candidate.toFormat('yyyy-MM-dd') : undefined;
    if (iso && iso >= notBefore) return iso;
  }
  return undefined;
}

/**
 * Findings about the plan:
 * - `schedule-order-inconsistent` (error): a deadline more than half a year before the previous dated
 *   stage's, where the same day and month in a campaign year comes after it — a mistyped year
 *   (plan 003's stage 8 «До 20.01.2019» after stage 7 «До 17.01.2020»; suggestion 20.01.2020). It is
 *   an error because a wrong year silently makes the stage overdue for a year, or never due, in every
 *   nightly check. Earlier dates that no change of year explains are parallel tasks, not faults.
 * - `schedule-year-suspicious` (warning): a year outside the campaign year and the next.
 * - `schedule-date-unparsed` / `schedule-date-invalid` (error): a deadline that is not a date, or is
 *   a day that does not exist; such a stage can never be overdue, which is what the plan's author
 *   cannot have meant.
 * Findings carry the stage's row and the deadline's column when the plan was imported from a table.
 */
export function lintPlan(plan: Plan, campaign: { year: number }): Finding[] {
  const findings: Finding[] = [];
  const years = campaignYears(campaign.year);
  const at = (stage: Stage, ex: StageExecutor) => ({ row: stage.row, column: ex.column });
  let previous: { stage: number; date: string } | undefined;

  for (const stage of plan.stages) {
    let latest: string | undefined;
    for (const ex of stage.executors) {
      const parsed = parseDeadlinePhrase(ex.deadline_text, campaign.year);
      if ('invalid' in parsed) {
        const code = parsed.invalid === 'no-such-date' ? 'schedule-date-invalid' : 'schedule-date-unparsed';
        findings.push(finding(code, 'error', at(stage, ex), { stage: stage.number, executor: ex.name, text: ex.deadline_text }));
      }
      if (ex.deadline === null) continue;

      const year = Number(ex.deadline.slice(0, 4));
      if (!years.includes(year)) {
        findings.push(
          finding('schedule-year-suspicious', 'warning', at(stage, ex), {
            stage: stage.number,
            executor: ex.name,
            date: formatRuDate(ex.deadline),
            year,
            from: years[0],
            to: years[years.length - 1],
          }),
        );
      }

      // Later stages are compared with the corrected date, so one typo is reported once.
      let effective = ex.deadline;
      if (previous && days(ex.deadline, previous.date) > TYPO_GAP_DAYS) {
        const fix = yearFix(ex.deadline, previous.date, years);
        if (fix) {
          findings.push(
            finding(
              'schedule-order-inconsistent',
              'error',
              at(stage, ex),
              {
                stage: stage.number,
                executor: ex.name,
                date: formatRuDate(ex.deadline),
                prev: previous.stage,
                prevDate: formatRuDate(previous.date),
                suggestion: formatRuDate(fix),
              },
              { expected: fix, actual: ex.deadline },
            ),
          );
          effective = fix;
        }
      }
      if (latest === undefined || effective > latest) latest = effective;
    }
    if (latest !== undefined) previous = { stage: stage.number, date: latest };
  }
  return findings;
}
