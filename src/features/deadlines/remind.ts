/**
 * `uchebnik deadlines remind --out DIR` — reminders ready to send (issue 18): for each school and
 * municipality that is late or due soon at `--as-of` (what `deadlines check` finds), one letter as
 * an .eml file (RFC 5322, a plain-text and an HTML part, To: the e-mail of the registry's requisites
 * when it has one) and index.csv listing them; `--json` gives the index to a mail script. Nothing is
 * sent: the files are for any mail client or `sendmail -t`.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Command } from 'commander';
import { DateTime, type Duration } from 'luxon';
import { z } from 'zod';
import { act, examples, say, type Runtime } from '../../cli-kit/action.js';
import { commonFlags } from '../../cli-kit/flags.js';
import type { Ctx } from '../../cli-kit/context.js';
import { useWorkspace } from '../../cli-kit/workspace.js';
import { EXIT, UsageError } from '../../core/errors.js';
import type { Registry } from '../../core/model/registry.js';
import { renderJson } from '../../core/report/render.js';
import { csvDocument } from '../../io/sheets/csv-write.js';
import { writeFileAtomic } from '../../io/workspace/index.js';
import { OutputFolder } from '../../io/workspace/paths.js';
import { entityScope, formatRuDate, loadMarks, selectPlans, type StoredPlan } from '../plan/index.js';
import { loadRegistry } from '../registry/index.js';
import { parseAsOf, parseWithin } from './as-of.js';
import { checkDeadlines, type DeadlineItem } from './deadlines.js';
import { planCompletion, readCampaignFacts } from './store.js';
import { makeDirsSync } from '../../io/workspace/io.js';

const DEFAULT_WITHIN = '3d';

const options = z.object({
  out: z.string(),
  asOf: z.string().optional(),
  within: z.string().optional(),
  plan: z.string().optional(),
  from: z.string().optional(),
  json: z.boolean().optional(),
});

/** One stage an entity has not done, as its letter lists it. */
export interface ReminderItem {
  plan: string;
  plan_title: string;
  stage: number;
  text: string;
  executor: string;
  deadline: string;
  overdue: boolean;
  /** days past the deadline (overdue) or left until it (due soon) */
  days: number;
}

export interface Reminder {
  kind: 'school' | 'municipality';
  code: string;
  name: string;
  /** from the registry's requisites; absent when the registry has none */
  email?: string;
  items: ReminderItem[];
}

/** One reminder per school and municipality among the late and due-soon entities, in registry order. */
export function reminders(plans: readonly StoredPlan[], checked: { overdue: DeadlineItem[]; due_soon: DeadlineItem[] }, registry: Registry): Reminder[] {
  const titles = new Map(plans.map((p) => [p.id, p.title]));
  const byEntity = new Map<string, Reminder>();
  const add = (item: DeadlineItem, overdue: boolean) => {
    const scope = entityScope(item.role);
    if (scope === 'region') return;
    for (const code of item.entities) {
      const key = `${scope}\u0000${code}`;
      let r = byEntity.get(key);
      if (!r) {
        const school = scope === 'school' ? registry.schools.find((s) => s.code === code) : undefined;
        const municipality = scope === 'municipality' ? registry.municipalities.find((m) => m.code === code) : undefined;
        const name = school?.short_name ?? municipality?.name ?? code;
        const email = (school?.requisites?.email ?? municipality?.email)?.trim();
        byEntity.set(key, (r = { kind: scope, code, name, ...(email ? { email } : {}), items: [] }));
      }
      r.items.push({
        plan: item.plan,
        plan_title: titles.get(item.plan) ?? item.plan,
        stage: item.stage,
        text: item.text.replace(/\s+/gu, ' ').trim(),
        executor: item.executor,
        deadline: item.deadline,
        overdue,
        days: (overdue ? item.days_overdue : item.days_left) ?? 0,
      });
    }
  };
  for (const i of checked.overdue) add(i, true);
  for (const i of checked.due_soon) add(i, false);
  const rank = new Map<string, number>();
  registry.municipalities.forEach((m, i) => rank.set(`municipality\u0000${m.code}`, i));
  registry.schools.forEach((s, i) => rank.set(`school\u0000${s.code}`, registry.municipalities.length + i));
  return [...byEntity.entries()].sort(([a], [b]) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || a.localeCompare(b)).map(([, r]) => r);
}

// ---------------------------------------------------------------- the letter

/** A header value in UTF-8 as RFC 2047 encoded words, each short enough for a 78-character line. */
function encodedWords(text: string): string {
  if (/^[\x20-\x7e]*$/u.test(text)) return text;
  const chars = Array.from(text);
  const words: string[] = [];
  for (let i = 0; i < chars.length; i += 16) words.push(`=?UTF-8?B?${Buffer.from(chars.slice(i, i + 16).join(''), 'utf8').toString('base64')}?=`);
  return words.join('\r\n ');
}

/** A text part in its canonical form (CRLF line ends, RFC 2046), base64 in lines of 76. */
function base64Lines(text: string): string {
  return (Buffer.from(text.replace(/\r?\n/gu, '\r\n'), 'utf8').toString('base64').match(/.{1,76}/gu) ?? []).join('\r\n');
}

function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/gu, (ch) => `&#${ch.charCodeAt(0)};`);
}

function itemLine(i: ReminderItem): string {
  const when = i.overdue ? `просрочено на ${i.days} дн.` : i.days === 0 ? 'срок сегодня' : `осталось ${i.days} дн.`;
  return `этап ${i.stage} — ${i.text}; срок ${formatRuDate(i.deadline)}, ${when} (исполнитель: ${i.executor})`;
}

export function reminderSubject(r: Reminder): string {
  const who = r.kind === 'school' ? `школа ${r.code}` : `муниципалитет ${r.code}`;
  return r.items.some((i) => i.overdue) ? `Напоминание: просрочены этапы кампании (${who})` : `Напоминание: подходят сроки этапов кампании (${who})`;
}

function bodies(r: Reminder, asOf: string, region: string): { text: string; html: string } {
  const overdue = r.items.filter((i) => i.overdue);
  const soon = r.items.filter((i) => !i.overdue);
  const whom = r.kind === 'school' ? `школы «${r.name}» (код ${r.code})` : `муниципалитета «${r.name}» (код ${r.code})`;
  const intro = `Здравствуйте!\n\nПо плану кампании (${region}) на ${formatRuDate(asOf.slice(0, 10))} у ${whom}:`;
  const block = (title: string, items: ReminderItem[]) => (items.length ? [`\n${title}`, ...items.map((i) => `— ${itemLine(i)}`)] : []);
  const text = [intro, ...block('Просрочено:', overdue), ...block('Скоро срок:', soon), '', 'Пожалуйста, выполните эти этапы или сообщите, что мешает.', '', 'Письмо подготовлено программой uchebnik.'].join('\n');
  const list = (title: string, items: ReminderItem[]) => (items.length ? `<p><b>${esc(title)}</b></p><ul>${items.map((i) => `<li>${esc(itemLine(i))}</li>`).join('')}</ul>` : '');
  const html = `<!doctype html><html lang="ru"><head><meta charset="utf-8"></head><body><p>Здравствуйте!</p><p>По плану кампании (${esc(region)}) на ${esc(formatRuDate(asOf.slice(0, 10)))} у ${esc(whom)}:</p>${list('Просрочено:', overdue)}${list('Скоро срок:', soon)}<p>Пожалуйста, выполните эти этапы или сообщите, что мешает.</p><p><small>Письмо подготовлено программой uchebnik.</small></p></body></html>`;
  return { text, html };
}

/** The whole .eml: headers, then multipart/alternative with a plain-text and an HTML part, CRLF line ends. */
export function reminderEml(r: Reminder, opts: { asOf: string; region: string; date: string; from?: string }): string {
  const { text, html } = bodies(r, opts.asOf, opts.region);
  const boundary = `uchebnik-${createHash('sha256').update(`${r.kind}${r.code}${text}`).digest('hex').slice(0, 24)}`;
  const headers = [
    ...(opts.from ? [`From: ${opts.from}`] : []),
    ...(r.email ? [`To: ${r.email}`] : []),
    `Subject: ${encodedWords(reminderSubject(r))}`,
    `Date: ${opts.date}`,
    'MIME-Version: 1.0',
    `X-Uchebnik-Entity: ${r.kind} ${encodedWords(r.code)}`,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) => [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(body)].join('\r\n');
  return [...headers, '', part('text/plain', text), part('text/html', html), `--${boundary}--`, ''].join('\r\n');
}

// ---------------------------------------------------------------- the command

function moment(text: string | undefined, tz: string): DateTime {
  if (text === undefined) return DateTime.now().setZone(tz);
  const at = parseAsOf(text, tz);
  if (!at.isValid) throw new UsageError('deadlines.as-of-bad', { value: text });
  return at;
}

function duration(text: string | undefined): Duration {
  const d = parseWithin(text ?? DEFAULT_WITHIN);
  if (!d.isValid) throw new UsageError('deadlines.within-bad', { value: text ?? DEFAULT_WITHIN });
  return d;
}

async function remind(ctx: Ctx, opts: z.output<typeof options>): Promise<number> {
  const ws = await useWorkspace(ctx);
  const tz = ws.config.campaign.timezone;
  const asOf = moment(opts.asOf, tz);
  const within = duration(opts.within);
  const plans = selectPlans(ws, opts.plan);
  const registry = loadRegistry(ws);
  const facts = readCampaignFacts(ws);
  const marks = loadMarks(ws);
  const checks = plans.map((plan) => checkDeadlines({ plan, timezone: tz, asOf, within, completion: planCompletion(plan, registry, facts, marks) }));
  const all = { overdue: checks.flatMap((c) => c.overdue), due_soon: checks.flatMap((c) => c.due_soon) };
  const letters = reminders(plans, all, registry);

  const dir = path.resolve(ctx.cwd, opts.out);
  makeDirsSync(dir);
  const folder = new OutputFolder(dir);
  const asOfText = checks[0]?.as_of ?? asOf.toISO()!;
  const date = DateTime.now().setZone(tz).toRFC2822()!;
  const index = [];
  for (const r of letters) {
    const file = folder.file(`${r.kind}-${r.code}`, '.eml');
    await writeFileAtomic(file, reminderEml(r, { asOf: asOfText, region: ws.config.campaign.region, date, from: opts.from }));
    index.push({ file: path.basename(file), kind: r.kind, code: r.code, name: r.name, email: r.email ?? null, overdue: r.items.filter((i) => i.overdue).length, due_soon: r.items.filter((i) => !i.overdue).length, stages: r.items.map((i) => `${i.plan} ${i.stage}`) });
  }
  const header = ['file', 'kind', 'code', 'name', 'email', 'overdue', 'due_soon', 'stages'];
  await writeFileAtomic(folder.file('index', '.csv'), csvDocument([header, ...index.map((i) => [i.file, i.kind, i.code, i.name, i.email, i.overdue, i.due_soon, i.stages.join(', ')])]));
  const unaddressed = index.filter((i) => i.email === null).length;
  ctx.note(ctx.t('deadlines.remind-written', { count: letters.length, dir }));
  if (unaddressed) ctx.note(ctx.t('deadlines.remind-no-address', { count: unaddressed }));
  if (opts.json) ctx.out(renderJson({ as_of: asOfText, dir, letters: index }));
  return EXIT.ok;
}

/** Adds `remind` to the `deadlines` command (src/features/deadlines/command.ts calls it). */
export function registerRemind(deadlines: Command, rt: Runtime): void {
  act(
    commonFlags(
      deadlines
      .command('remind')
      .description(say(rt, 'письма-напоминания (.eml) школам и муниципалитетам, у которых просрочены или подходят сроки, и их список index.csv; ничего не отправляется', 'reminder letters (.eml) to the schools and municipalities that are late or due soon, and their list index.csv; nothing is sent'))
      .requiredOption('--out <dir>', say(rt, 'папка для писем', 'folder for the letters'))
      .option('--as-of <moment>', say(rt, 'на какой момент (как в deadlines check); по умолчанию сейчас', 'the moment (as in deadlines check); default now'))
      .option('--within <duration>', say(rt, `что считать близким сроком (по умолчанию ${DEFAULT_WITHIN})`, `how soon is due soon (default ${DEFAULT_WITHIN})`))
      .option('--from <address>', say(rt, 'адрес отправителя для заголовка From', 'the sender\'s address for the From header')),
      rt,
      ['plan', 'json'],
    ).addHelpText('after', examples(rt, ['uchebnik deadlines remind --out letters/', 'uchebnik deadlines remind --as-of 2018-03-01 --out letters/ --from rcoko@example.ru --json'])),
    rt,
    options,
    (ctx, opts) => remind(ctx, opts),
  );
}
