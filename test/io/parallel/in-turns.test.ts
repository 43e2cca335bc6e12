/**
 * Reading in turns (src/io/parallel/in-turns.ts) with a stand-in for the worker thread, whose start
 * and speed the test sets: the parts come out in order whoever reads them, this thread reads until
 * the worker is ready, the two then take parts side by side, and a worker's error is thrown at its
 * part's turn. (The real worker thread is run from the compiled modules in
 * test/features/specifications/read-orders.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { nextForWorker, turnsWith, type Reader, type TurnPool } from '../../../src/io/parallel/in-turns.js';

const tick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A worker that is ready after `startMs`, takes `partMs` a part, and fails on a part with a name starting with `failOn`. */
function standIn(startMs: number, partMs: number, failOn?: string): TurnPool<string, string[], string> & { took: number[]; closed: boolean } {
  const took: number[] = [];
  const pool = {
    took,
    closed: false,
    async map(init: string, take: () => { i: number; task: string[] } | undefined, opts: { onResult: (i: number, r: string) => void }) {
      await tick(startMs);
      for (;;) {
        const next = take();
        if (!next) return;
        took.push(next.i);
        await tick(partMs);
        if (failOn !== undefined && next.task.some((n) => n.startsWith(failOn))) throw new Error(`worker: ${failOn} is broken`);
        opts.onResult(next.i, `${init}:${next.task.join(',')}`);
      }
    },
    async close() {
      pool.closed = true;
    },
  };
  return pool;
}

const NAMES = Array.from({ length: 64 * 10 + 5 }, (_, i) => `f${i}`);

async function read(pool: TurnPool<string, string[], string>, hereMs: number): Promise<{ parts: string[]; here: number }> {
  const parts: string[] = [];
  let here = 0;
  for await (const turn of turnsWith(NAMES, pool, 'w', (part) => part)) {
    if ('here' in turn) {
      here++;
      // this thread's reading: busy, as reading files is
      const until = Date.now() + hereMs;
      while (Date.now() < until);
      parts.push(turn.here.join(','));
    } else parts.push(turn.there.replace(/^w:/, ''));
  }
  return { parts, here };
}

const inOrder = Array.from({ length: 11 }, (_, k) => NAMES.slice(64 * k, 64 * k + 64).join(','));

describe('reading in turns', () => {
  it('gives the parts in order, the worker reading about every other part once it is ready', async () => {
    const pool = standIn(0, 5);
    const { parts, here } = await read(pool, 5);
    expect(parts).toEqual(inOrder);
    expect(pool.took.length).toBeGreaterThanOrEqual(3);
    expect(here + pool.took.length).toBe(11);
    expect(pool.closed).toBe(true);
  });

  it('reads here every part until the worker is ready, without waiting for it', async () => {
    const pool = standIn(10_000, 1);
    const started = Date.now();
    const { parts, here } = await read(pool, 1);
    expect(parts).toEqual(inOrder);
    expect(here).toBe(11);
    expect(pool.took).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("throws the worker's error when its part's turn comes, after the parts before it", async () => {
    const pool = standIn(0, 5, 'f');
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const turn of turnsWith(NAMES, pool, 'w', (part) => part)) {
          const until = Date.now() + 5;
          while (Date.now() < until);
          got.push('here' in turn ? turn.here.join(',') : turn.there);
        }
      })(),
    ).rejects.toThrow('worker: f is broken');
    // the worker failed on the first part it took; every part before that one came out, read here
    expect(pool.took.length).toBeGreaterThan(0);
    expect(got).toEqual(inOrder.slice(0, pool.took[0]));
    expect(pool.closed).toBe(true);
  });

  it('leaves the worker a part only with one free before it for this thread to read meanwhile, or two in a row before one', () => {
    const r = (s: string): Reader[] => [...s].map((c) => (c === 'h' ? 'here' : c === 't' ? 'there' : undefined));
    expect(nextForWorker(r('....'), 4)).toBe(1);
    expect(nextForWorker(r('h...'), 4)).toBe(2);
    // a second part in a row: part 1 is still free for this thread
    expect(nextForWorker(r('h.t.'), 4)).toBe(3);
    // not a third: nothing would be left before it for this thread
    expect(nextForWorker(r('h.tt'), 4)).toBe(undefined);
    expect(nextForWorker(r('h.tt..'), 6)).toBe(5);
    expect(nextForWorker(r('htt.'), 4)).toBe(undefined);
    expect(nextForWorker(r('hhh'), 3)).toBe(undefined);
  });
});
