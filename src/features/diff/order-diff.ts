/**
 * What changed between two orders (docs/json-report.md#commands `diff`): two versions of a school's order, or two
 * consolidated orders (the initial and the refined one). A line is one item for one grade — of one
 * school when the lines name schools (consolidations); lines of the same key are added up. A line is
 * added, removed or changed (quantity or price); every change carries its quantity and money deltas,
 * in kopecks. Zero quantities count as absent.
 */
import { lineSum, sumKopecks } from '../../core/money.js';

export interface DiffInputLine {
  /** the school, when comparing consolidations */
  school?: string;
  publisher: string;
  item_key: string;
  grade: number;
  quantity: number;
  price_kopecks: number;
}

export interface Side {
  quantity: number;
  price_kopecks: number;
  sum_kopecks: number;
}

export interface Totals {
  copies: number;
  sum_kopecks: number;
}

export interface LineChange {
  school?: string;
  publisher: string;
  item_key: string;
  grade: number;
  /** absent for an added line */
  from?: Side;
  /** absent for a removed line */
  to?: Side;
  delta: Totals;
}

export interface PublisherDiff {
  publisher: string;
  added: LineChange[];
  removed: LineChange[];
  changed: LineChange[];
  from: Totals;
  to: Totals;
  delta: Totals;
}

export interface OrderDiff {
  equal: boolean;
  /** every publisher of either side, by name */
  publishers: PublisherDiff[];
  from: Totals;
  to: Totals;
  delta: Totals;
}

interface Entry {
  school?: string;
  publisher: string;
  item_key: string;
  grade: number;
  side: Side;
}

function collect(lines: readonly DiffInputLine[]): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const l of lines) {
    if (l.quantity === 0) continue;
    const key = JSON.stringify([l.publisher, l.school ?? '', l.item_key, l.grade]);
    const sum = lineSum(l.quantity, l.price_kopecks);
    const e = out.get(key);
    if (!e) {
      out.set(key, { school: l.school, publisher: l.publisher, item_key: l.item_key, grade: l.grade, side: { quantity: l.quantity, price_kopecks: l.price_kopecks, sum_kopecks: sum } });
    } else {
      // The same item twice (a forced duplicate line): quantities and sums add up; the price shown is the later one.
      e.side = { quantity: e.side.quantity + l.quantity, price_kopecks: l.price_kopecks, sum_kopecks: sumKopecks([e.side.sum_kopecks, sum]) };
    }
  }
  return out;
}

const ZERO: Totals = { copies: 0, sum_kopecks: 0 };
const add = (t: Totals, s: Side | undefined): Totals => (s ? { copies: t.copies + s.quantity, sum_kopecks: sumKopecks([t.sum_kopecks, s.sum_kopecks]) } : t);
const minus = (a: Totals, b: Totals): Totals => ({ copies: a.copies - b.copies, sum_kopecks: a.sum_kopecks - b.sum_kopecks });

export function diffOrders(from: readonly DiffInputLine[], to: readonly DiffInputLine[]): OrderDiff {
  const a = collect(from);
  const b = collect(to);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => {
    const [px, sx, ix, gx] = JSON.parse(x) as [string, string, string, number];
    const [py, sy, iy, gy] = JSON.parse(y) as [string, string, string, number];
    return px.localeCompare(py, 'ru') || sx.localeCompare(sy, 'ru', { numeric: true }) || ix.localeCompare(iy, 'ru', { numeric: true }) || gx - gy;
  });
  const byPublisher = new Map<string, PublisherDiff>();
  const pub = (name: string) => {
    let p = byPublisher.get(name);
    if (!p) byPublisher.set(name, (p = { publisher: name, added: [], removed: [], changed: [], from: ZERO, to: ZERO, delta: ZERO }));
    return p;
  };
  for (const key of keys) {
    const x = a.get(key);
    const y = b.get(key);
    const e = (x ?? y)!;
    const p = pub(e.publisher);
    p.from = add(p.from, x?.side);
    p.to = add(p.to, y?.side);
    const change: LineChange = {
      ...(e.school !== undefined ? { school: e.school } : {}),
      publisher: e.publisher,
      item_key: e.item_key,
      grade: e.grade,
      ...(x ? { from: x.side } : {}),
      ...(y ? { to: y.side } : {}),
      delta: minus(add(ZERO, y?.side), add(ZERO, x?.side)),
    };
    if (!x) p.added.push(change);
    else if (!y) p.removed.push(change);
    else if (x.side.quantity !== y.side.quantity || x.side.sum_kopecks !== y.side.sum_kopecks || x.side.price_kopecks !== y.side.price_kopecks) p.changed.push(change);
  }
  const publishers = [...byPublisher.values()].sort((x, y) => x.publisher.localeCompare(y.publisher, 'ru'));
  for (const p of publishers) p.delta = minus(p.to, p.from);
  const total = (side: 'from' | 'to') => publishers.reduce((t, p) => ({ copies: t.copies + p[side].copies, sum_kopecks: sumKopecks([t.sum_kopecks, p[side].sum_kopecks]) }), ZERO);
  const fromTotal = total('from');
  const toTotal = total('to');
  return {
    equal: publishers.every((p) => p.added.length + p.removed.length + p.changed.length === 0),
    publishers,
    from: fromTotal,
    to: toTotal,
    delta: minus(toTotal, fromTotal),
  };
}
