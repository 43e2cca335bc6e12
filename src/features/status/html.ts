/**
 * The status page (`uchebnik status --html FILE`, issue 18): one self-contained HTML file — no
 * network, no scripts, no external fonts — so that it opens from a USB stick and prints on A4.
 * Charts are inline SVG drawn here. Every figure the page shows carries `data-k` with its place in
 * the status object, so the browser test (test/features/status/status.test.ts) can compare the
 * page with `status --json`. Pure: a string from a CampaignStatus; Russian, as the operator reads it.
 */
import { formatMoney } from '../../core/money.js';
import { formatRuDate } from '../plan/index.js';
import { ORDER_STATES, type CampaignStatus, type OrderStateName, type StageState } from './compute.js';

const STATE_LABEL: Record<OrderStateName, string> = {
  none: 'нет заказа',
  draft: 'черновик',
  returned: 'возвращён',
  agreed: 'согласован',
  formed: 'сформирован',
};

/** Progress is drawn from the done end: formed first, no order last. */
const BAR_ORDER: OrderStateName[] = ['formed', 'agreed', 'draft', 'returned', 'none'];
const STATE_COLOUR: Record<OrderStateName, string> = { formed: '#2e7d32', agreed: '#81c784', draft: '#fbc02d', returned: '#ef6c00', none: '#cfd8dc' };
const STAGE_COLOUR: Record<StageState, string> = { done: '#81c784', overdue: '#d32f2f', 'due-soon': '#f9a825', open: '#90a4ae' };
const STAGE_LABEL: Record<StageState, string> = { done: 'выполнен', overdue: 'просрочен', 'due-soon': 'скоро срок', open: 'впереди' };

function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/gu, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A figure the test can find: its text and its place in the status object. */
function fig(key: string, text: string | number, tag = 'td'): string {
  return `<${tag} class="n" data-k="${esc(key)}">${esc(text)}</${tag}>`;
}

function money(kopecks: number): string {
  return `${formatMoney(kopecks, 'ru')}\u00A0₽`;
}

const STYLE = `
*{box-sizing:border-box}
body{font:14px/1.4 "DejaVu Sans",Arial,sans-serif;color:#222;margin:0 auto;max-width:1100px;padding:16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:20px 0 8px;border-bottom:1px solid #ccc}h3{font-size:14px;margin:10px 0 4px}
.sub{color:#555;margin:0 0 12px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:160px}
.card b{display:block;font-size:20px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f5f7}td.n{text-align:right;white-space:nowrap}
.legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
svg{display:block;max-width:100%}svg text{font:11px "DejaVu Sans",Arial,sans-serif}
.late{color:#b71c1c}.soon{color:#8d6e00}
section{break-inside:avoid}
@page{size:A4;margin:12mm}
@media print{body{max-width:none;padding:0;font-size:11px}h2{break-after:avoid}tr{break-inside:avoid}.missing,.files{break-inside:auto}a{color:inherit;text-decoration:none}}
`;

function legend(): string {
  return `<p class="legend">${BAR_ORDER.map((s) => `<span><i style="background:${STATE_COLOUR[s]}"></i>${STATE_LABEL[s]}</span>`).join('')}</p>`;
}

/** One stacked bar per municipality: how many of its schools are in each state. */
function progressChart(s: CampaignStatus): string {
  const rows = s.orders.municipalities;
  const label = 170;
  const width = 760;
  const bar = width - label - 60;
  const h = 22;
  const parts = rows.map((m, i) => {
    let x = label;
    const y = i * h + 4;
    const segments = BAR_ORDER.filter((st) => m[st] > 0).map((st) => {
      const w = m.schools ? (m[st] / m.schools) * bar : 0;
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${h - 8}" fill="${STATE_COLOUR[st]}"><title>${esc(`${m.name}: ${STATE_LABEL[st]} — ${m[st]}`)}</title></rect>`;
      x += w;
      return rect;
    });
    const name = m.name.length > 22 ? `${m.name.slice(0, 21)}…` : m.name;
    return `<text x="0" y="${y + 11}">${esc(`${m.municipality} ${name}`)}</text>${segments.join('')}<text x="${label + bar + 6}" y="${y + 11}">${m.formed}/${m.schools}</text>`;
  });
  return `<svg role="img" aria-label="Заказы по муниципалитетам" viewBox="0 0 ${width} ${rows.length * h + 8}" width="${width}">${parts.join('')}</svg>`;
}

/** Money per publisher as horizontal bars. */
function publisherChart(s: CampaignStatus): string {
  const max = Math.max(1, ...s.publishers.map((p) => p.sum_kopecks));
  const label = 170;
  const width = 760;
  const bar = width - label - 150;
  const h = 22;
  const parts = s.publishers.map((p, i) => {
    const y = i * h + 4;
    const w = (p.sum_kopecks / max) * bar;
    return `<text x="0" y="${y + 11}">${esc(p.publisher)}</text><rect x="${label}" y="${y}" width="${w.toFixed(1)}" height="${h - 8}" fill="#1565c0"></rect><text x="${(label + w + 6).toFixed(1)}" y="${y + 11}">${esc(money(p.sum_kopecks))}</text>`;
  });
  return `<svg role="img" aria-label="Сумма заказа по издательствам" viewBox="0 0 ${width} ${s.publishers.length * h + 8}" width="${width}">${parts.join('')}</svg>`;
}

function dayNumber(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
}

/** Each plan's stages on a time axis of its own, today marked with a red line. */
function timelineCharts(s: CampaignStatus): string {
  const charts = s.plans.map((plan) => ({ plan, stages: s.stages.filter((st) => st.plan === plan.id) })).filter((p) => p.stages.length > 0);
  if (charts.length === 0) return '<p>В плане нет этапов со сроками.</p>';
  const legendRow = `<p class="legend">${(Object.keys(STAGE_LABEL) as StageState[]).map((k) => `<span><i style="background:${STAGE_COLOUR[k]}"></i>${STAGE_LABEL[k]}</span>`).join('')}</p>`;
  const titled = charts.length > 1;
  return charts.map(({ plan, stages }) => `${titled ? `<h3>${esc(plan.title)}</h3>` : ''}${timelineChart(s.as_of, stages)}`).join('') + legendRow;
}

function timelineChart(asOf: string, stages: CampaignStatus['stages']): string {
  const today = dayNumber(asOf);
  const first = Math.min(today, ...stages.map((st) => dayNumber(st.from))) - 2;
  const last = Math.max(today, ...stages.map((st) => dayNumber(st.to))) + 2;
  const label = 70;
  const width = 760;
  const span = width - label - 10;
  const h = 14;
  const top = 18;
  const x = (day: number) => label + ((day - first) / (last - first)) * span;
  const rows = stages.map((st, i) => {
    const y = top + i * h;
    const x1 = x(dayNumber(st.from) - 0.5);
    const x2 = x(dayNumber(st.to) + 0.5);
    const name = `этап ${st.stage}`;
    const tip = `Этап ${st.stage}: ${st.text} — ${formatRuDate(st.from)}${st.to === st.from ? '' : `–${formatRuDate(st.to)}`}, ${STAGE_LABEL[st.state]}`;
    return `<text x="0" y="${y + 10}">${esc(name)}</text><rect x="${x1.toFixed(1)}" y="${y + 2}" width="${Math.max(2, x2 - x1).toFixed(1)}" height="${h - 4}" fill="${STAGE_COLOUR[st.state]}"><title>${esc(tip)}</title></rect>`;
  });
  const height = top + stages.length * h + 6;
  const tx = x(today + 0.5).toFixed(1);
  const marks: string[] = [];
  // A tick at the first of each month on the axis.
  for (let d = Math.ceil(first); d <= last; d++) {
    const date = new Date(d * 86_400_000);
    if (date.getUTCDate() !== 1) continue;
    const mx = x(d).toFixed(1);
    marks.push(`<line x1="${mx}" y1="12" x2="${mx}" y2="${height}" stroke="#e0e0e0"></line><text x="${mx}" y="10">${String(date.getUTCMonth() + 1).padStart(2, '0')}.${date.getUTCFullYear()}</text>`);
  }
  const todayMark = `<line x1="${tx}" y1="12" x2="${tx}" y2="${height}" stroke="#d32f2f" stroke-width="2"></line><text x="${tx}" y="${height}" fill="#d32f2f" text-anchor="end" dx="-3">сегодня ${esc(formatRuDate(asOf.slice(0, 10)))}</text>`;
  return `<svg role="img" aria-label="Этапы плана" viewBox="0 0 ${width} ${height + 4}" width="${width}">${marks.join('')}${rows.join('')}${todayMark}</svg>`;
}

function deadlineTable(s: CampaignStatus): string {
  const items = [...s.deadlines.overdue.map((i) => ({ i, late: true })), ...s.deadlines.due_soon.map((i) => ({ i, late: false }))];
  if (items.length === 0) return '<p>Просроченных этапов и близких сроков нет.</p>';
  const rows = items.map(({ i, late }, n) => {
    const list = late ? 'overdue' : 'due_soon';
    const index = late ? n : n - s.deadlines.overdue.length;
    const when = late ? `просрочено на ${i.days_overdue} дн.` : i.days_left === 0 ? 'срок сегодня' : `осталось ${i.days_left} дн.`;
    const who = i.entities_total === undefined ? '—' : `${i.entities.length} из ${i.entities_total}: ${i.entities.slice(0, 12).join(', ')}${i.entities.length > 12 ? ' …' : ''}`;
    const count = i.entities_total === undefined ? '<td class="n">—</td>' : fig(`deadlines.${list}.${index}.entities`, i.entities.length);
    return `<tr class="${late ? 'late' : 'soon'}"><td>${esc(i.stage)}</td><td>${esc(i.text)}</td><td>${esc(i.executor)}</td><td>${esc(formatRuDate(i.deadline))}</td><td>${esc(when)}</td>${count}<td>${esc(who)}</td></tr>`;
  });
  return `<table><thead><tr><th>Этап</th><th>Что</th><th>Исполнитель</th><th>Срок</th><th></th><th>Не выполнили</th><th>Кто</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function ordersTable(s: CampaignStatus): string {
  const head = `<tr><th>Муниципалитет</th><th>Школ</th>${ORDER_STATES.map((st) => `<th>${STATE_LABEL[st]}</th>`).join('')}</tr>`;
  const rows = s.orders.municipalities.map(
    (m) => `<tr><td>${esc(`${m.municipality} ${m.name}`)}</td>${fig(`orders.${m.municipality}.schools`, m.schools)}${ORDER_STATES.map((st) => fig(`orders.${m.municipality}.${st}`, m[st])).join('')}</tr>`,
  );
  const t = s.orders.total;
  const total = `<tr><th>Всего</th>${fig('orders.total.schools', t.schools, 'th')}${ORDER_STATES.map((st) => fig(`orders.total.${st}`, t[st], 'th')).join('')}</tr>`;
  return `<table><thead>${head}</thead><tbody>${rows.join('')}${total}</tbody></table>`;
}

function publishersTable(s: CampaignStatus): string {
  const rows = s.publishers.map((p) => `<tr><td>${esc(p.publisher)}</td>${fig(`publishers.${p.publisher}.schools`, p.schools)}${fig(`publishers.${p.publisher}.copies`, p.copies)}${fig(`publishers.${p.publisher}.sum`, money(p.sum_kopecks))}</tr>`);
  const total = `<tr><th>Всего</th>${fig('total.schools', s.total.schools, 'th')}${fig('total.copies', s.total.copies, 'th')}${fig('total.sum', money(s.total.sum_kopecks), 'th')}</tr>`;
  return `<table><thead><tr><th>Издательство</th><th>Школ</th><th>Экземпляров</th><th>Сумма</th></tr></thead><tbody>${rows.join('')}${total}</tbody></table>`;
}

function recommendationsBlock(s: CampaignStatus): string {
  const r = s.recommendations;
  if (!r) return '<p>Рекомендации Министерства ещё не загружены.</p>';
  const when = (iso: string | null) => (iso ? formatRuDate(iso.slice(0, 10)) : '—');
  return `<table><tbody><tr><th>Загружены</th><td>${esc(when(r.loaded_at))}</td><th>Разосланы</th><td>${esc(when(r.split_at))}</td><th>Проверены</th><td>${esc(when(r.checked_at))}</td></tr>
<tr><th>Выполнены</th>${fig('recommendations.applied', r.applied)}<th>Частично</th>${fig('recommendations.partially_applied', r.partially_applied)}<th>Не выполнены</th>${fig('recommendations.not_applied', r.not_applied)}</tr>
<tr><th>Изменения без рекомендации</th>${fig('recommendations.unrequested', r.unrequested)}<td colspan="4"></td></tr></tbody></table>`;
}

function missingTable(s: CampaignStatus): string {
  if (s.missing.length === 0) return '<p>Все школы сформировали заказ.</p>';
  const names = new Map(s.orders.municipalities.map((m) => [m.municipality, m.name]));
  const contact = (m: CampaignStatus['missing'][number]) => [m.email ? `<a href="mailto:${esc(m.email)}">${esc(m.email)}</a>` : '', m.phone ? esc(m.phone) : ''].filter(Boolean).join('<br>');
  const rows = s.missing.map((m) => `<tr><td>${esc(m.code)}</td><td>${esc(m.name)}</td><td>${esc(names.get(m.municipality) ?? m.municipality)}</td><td>${STATE_LABEL[m.state]}${m.version === null ? '' : ` (версия ${m.version})`}${m.return_reason === undefined ? '' : `: ${esc(m.return_reason)}`}</td><td>${contact(m)}</td></tr>`);
  return `<table class="missing"><thead><tr><th>Код</th><th>Школа</th><th>Муниципалитет</th><th>Заказ</th><th>Контакты</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** First grade: vacancy sheets submitted per municipality, and whether the municipality approved them. */
function firstGradeBlock(s: CampaignStatus): string {
  const fg = s.first_grade;
  if (!fg) return '';
  const rows = fg.municipalities.map(
    (m) => `<tr><td>${esc(`${m.municipality} ${m.name}`)}</td>${fig(`first_grade.${m.municipality}.schools`, m.schools)}${fig(`first_grade.${m.municipality}.submitted`, m.submitted)}<td>${m.approved ? 'утверждены' : 'нет'}</td></tr>`,
  );
  return `<section><h2>Первый класс: сведения о вакантных местах</h2><table><thead><tr><th>Муниципалитет</th><th>Школ</th><th>Сдали сведения</th><th>Утверждение МО</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

/** Links to the files uchebnik wrote, relative to the page (`filesBase`: from the page's folder to the workspace). */
function filesBlock(s: CampaignStatus, filesBase: string): string {
  if (s.files.length === 0) return '';
  const href = (p: string) => encodeURI(filesBase === '' ? p : `${filesBase}/${p}`);
  const rows = s.files.map((f) => `<tr><td><a href="${esc(href(f.path))}">${esc(f.path)}</a></td><td>${esc(f.command)}</td><td>${esc(formatRuDate(f.time.slice(0, 10)))} ${esc(f.time.slice(11, 16))}</td></tr>`);
  return `<section class="files"><h2>Файлы, записанные uchebnik (${s.files.length})</h2><table><thead><tr><th>Файл</th><th>Команда</th><th>Когда</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

export function renderStatusHtml(s: CampaignStatus, opts: { filesBase?: string } = {}): string {
  const asOf = `${formatRuDate(s.as_of.slice(0, 10))} ${s.as_of.slice(11, 16)}`;
  const t = s.orders.total;
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Кампания ${esc(s.year)}: ${esc(s.region)} — состояние на ${esc(asOf)}</title><style>${STYLE}</style></head>
<body>
<h1>Заказ учебников ${esc(s.year)}: ${esc(s.region)}</h1>
<p class="sub">Состояние на ${esc(asOf)} (${esc(s.timezone)}). Страница сделана командой uchebnik status и не требует сети.</p>
<div class="cards">
<div class="card">Сформировали заказ<b><span data-k="orders.total.formed">${t.formed}</span> из <span data-k="orders.total.schools">${t.schools}</span></b></div>
<div class="card">Просрочено этапов<b data-k="deadlines.overdue.count">${s.deadlines.overdue.length}</b></div>
<div class="card">Скоро срок<b data-k="deadlines.due_soon.count">${s.deadlines.due_soon.length}</b></div>
<div class="card">Сумма заказа<b data-k="total.sum">${esc(money(s.total.sum_kopecks))}</b></div>
</div>
<section><h2>Заказы школ по муниципалитетам</h2>${legend()}${progressChart(s)}${ordersTable(s)}</section>
<section><h2>Сроки плана</h2>${timelineCharts(s)}${deadlineTable(s)}</section>
<section><h2>Издательства: заказано на сегодня</h2>${publisherChart(s)}${publishersTable(s)}</section>
<section><h2>Рекомендации Министерства</h2>${recommendationsBlock(s)}</section>
${firstGradeBlock(s)}
<section class="missing"><h2>Школы без сформированного заказа (${s.missing.length})</h2>${missingTable(s)}</section>
${filesBlock(s, opts.filesBase ?? '')}
</body></html>
`;
}
