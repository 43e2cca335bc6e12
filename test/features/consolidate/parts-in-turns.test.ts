/**
 * Consolidation sheets written in turns (src/features/consolidate/parts-in-turns.ts) with a stand-in
 * for the worker thread, whose start and answers the test controls: the worker has one part at a time,
 * this thread writes the parts nobody took and, while it waits for the worker's, the next ones; the
 * entries are the same bytes whoever wrote them; a worker's failure fails the part it had, and a
 * worker that dies leaves its part to this thread.
 * (The real worker thread runs from the compiled modules: the bench's consolidation is checked to the
 * kopeck, and test/features/consolidate/consolidate-command.test.ts reads the workbooks.)
 */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PartsInTurns, writePart, type PartTask, type PartWorker } from '../../../src/features/consolidate/parts-in-turns.js';
import type { ZipEntry } from '../../../src/io/sheets/zip-write.js';

/** A small detail part: `lines` lines over three schools and two rows. */
function detail(name: string, lines: number): PartTask {
  const row = Uint32Array.from({ length: lines }, (_, k) => k % 2);
  const school = Uint32Array.from({ length: lines }, (_, k) => k % 3);
  const quantity = Uint32Array.from({ length: lines }, (_, k) => (k * 7) % 50);
  const cell = (v: number, next: string) => `" s="1" t="s"><v>${v}</v></c><c r="${next}`;
  return {
    detail: {
      part: name,
      head: `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${name}</t></is></c></row>`,
      tail: '</sheetData></worksheet>',
      firstRow: 2,
      schools: [0, 1, 2].map((s): [string, string, string] => [cell(s, 'B'), cell(10 + s, 'C'), cell(20 + s, 'D')]),
      rows: [0, 1].map((r) => ({ pieces: [cell(30 + r, 'E'), cell(40 + r, 'F'), cell(50 + r, 'G'), `" s="1"><v>${r + 5}</v></c><c r="H`, `" s="2"><v>${123.45 + r}</v></c><c r="I`] as [string, string, string, string, string], price: 12345 + 100 * r })),
      row,
      school,
      quantity,
      styles: { plain: 1, money: 2 },
    },
  };
}

const text = (e: ZipEntry) => zlib.inflateRawSync(e.data).toString('utf8');

/** A worker that is ready when told, and answers each part when told (by writing it, or failing). */
function standIn() {
  const posted: { id: number; task: PartTask }[] = [];
  let on!: Parameters<PartWorker['listen']>[0];
  const holding: boolean[] = [];
  const worker: PartWorker = {
    post: (id, task) => void posted.push({ id, task }),
    listen: (o) => void (on = o),
    hold: (h) => void holding.push(h),
    close: async () => undefined,
  };
  return {
    worker,
    posted,
    holding,
    ready: () => on.ready(),
    async answer() {
      const { id, task } = posted.shift()!;
      on.done(id, await writePart(task));
    },
    fail: (err: Error) => on.failed(posted.shift()!.id, err),
    lose: (err: Error) => on.lost(err),
    names: () => posted.map((p) => ('detail' in p.task ? p.task.detail.part : p.task.data.part)),
  };
}

describe('consolidation sheets in turns', () => {
  it('without a worker, writes every part here, in order, as writePart would', async () => {
    const parts = new PartsInTurns();
    const tasks = [detail('a', 100), detail('b', 5), detail('c', 0)];
    const queued = tasks.map((t) => parts.add(t));
    const entries = await parts.entries(queued);
    expect(entries.map((e) => e.name.toString())).toEqual(['a', 'b', 'c']);
    for (const [i, t] of tasks.entries()) expect(text(entries[i]!)).toBe(text(await writePart(t)));
    expect(text(entries[0]!)).toContain('<row r="101"><c r="A101" s="1" t="s"><v>0</v></c><c r="B101"');
  });

  it('gives the worker nothing before it is ready, then one part at a time: the first nobody has taken', async () => {
    const w = standIn();
    const parts = new PartsInTurns(w.worker);
    const a = parts.add(detail('a', 10));
    const b = parts.add(detail('b', 10));
    const c = parts.add(detail('c', 10));
    expect(w.names()).toEqual([]);
    w.ready();
    expect(w.names()).toEqual(['a']); // not b too: one queued with it could have been written here meanwhile
    expect(w.holding.at(-1)).toBe(true);
    await w.answer();
    expect(w.names()).toEqual(['b']);
    // this thread needs all three: a is back, b is the worker's, c is nobody's and is written here
    const pending = parts.entries([a, b, c]);
    await c.entry;
    await w.answer();
    const entries = await pending;
    for (const [i, name] of ['a', 'b', 'c'].entries()) expect(text(entries[i]!)).toBe(text(await writePart(detail(name, 10))));
    expect(w.holding.at(-1)).toBe(false); // nothing out: the worker no longer keeps the process
  });

  it("writes the next parts here while the worker's is not back", async () => {
    const w = standIn();
    const parts = new PartsInTurns(w.worker);
    w.ready();
    const a = parts.add(detail('a', 10)); // the worker's
    const b = parts.add(detail('b', 10));
    const c = parts.add(detail('c', 10));
    expect(w.names()).toEqual(['a']);
    const pending = parts.entries([a]);
    // this thread, waiting for a, writes b and c (nobody had them) before it waits
    await Promise.all([b.entry, c.entry]);
    expect(w.names()).toEqual(['a']);
    await w.answer();
    expect((await pending).map((e) => e.name.toString())).toEqual(['a']);
    expect((await parts.entries([b, c])).map((e) => e.name.toString())).toEqual(['b', 'c']);
  });

  it("fails a part the worker could not write; a part it had when its thread ended is written here, and every later one", async () => {
    const w = standIn();
    const parts = new PartsInTurns(w.worker);
    w.ready();
    const a = parts.add(detail('a', 10));
    const pending = parts.entries([a]);
    w.fail(new Error('consolidation sheet (worker thread): broken'));
    await expect(pending).rejects.toThrow(/broken/);

    const b = parts.add(detail('b', 10));
    expect(w.names()).toEqual(['b']);
    const waiting = parts.entries([b]);
    await new Promise((resolve) => setImmediate(resolve)); // this thread is waiting for the worker's b
    w.lose(new Error('the worker thread ended with 1'));
    const [eb] = await waiting;
    expect(text(eb!)).toBe(text(await writePart(detail('b', 10))));
    const c = parts.add(detail('c', 10));
    expect(w.names()).toEqual(['b']); // nothing more is posted to a lost worker
    expect((await parts.entries([c]))[0]!.name.toString()).toBe('c');
  });
});
