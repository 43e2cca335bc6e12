/**
 * One publisher's counted school lines, kept column-wise in typed arrays: 12 bytes a line instead of an
 * object of nine fields (≈150 bytes and a pointer per field). A region of 700 schools has 260,000 such
 * lines, the whole country 14.6 million — as objects that alone is 2 GB and more than V8's heap.
 *
 * A line is (row, school, quantity): the row (item, grade and price) and the school are indices into
 * the consolidation's tables; the line's sum is the quantity times the row's price. Lines are appended as orders are read, in any
 * order; `sort` then orders them by row rank and school rank with two stable counting sorts (linear,
 * where a comparison sort of millions of lines with a callback takes seconds), the second one moving
 * the lines themselves into that order: every later pass (totals, each volume's selection, the
 * writers) then reads the columns front to back. Read through a permutation instead, a pass over the
 * country's lines was a cache miss a line, and choosing each detail volume's lines took 37 s
 * (bench/README.md).
 */

/** Lines per chunk: storage grows a chunk at a time, never copied, never more than a chunk unused. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

interface Chunk {
  row: Int32Array;
  school: Int32Array;
  quantity: Uint32Array;
}

export class SchoolLines {
  private chunks: Chunk[] = [];
  private count = 0;
  private sorted = false;

  get length(): number {
    return this.count;
  }

  push(row: number, school: number, quantity: number): void {
    if (this.sorted) throw new Error('SchoolLines: a line added after sorting');
    if (!Number.isInteger(quantity) || quantity < 0 || quantity > 0xffffffff) throw new RangeError(`SchoolLines: a quantity of ${quantity} copies`);
    const i = this.count++;
    if ((i & MASK) === 0) this.chunks.push({ row: new Int32Array(CHUNK), school: new Int32Array(CHUNK), quantity: new Uint32Array(CHUNK) });
    const c = this.chunks[i >>> CHUNK_BITS]!;
    const j = i & MASK;
    c.row[j] = row;
    c.school[j] = school;
    c.quantity[j] = quantity;
  }

  private rowAt(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]!.row[i & MASK]!;
  }

  private schoolAt(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]!.school[i & MASK]!;
  }

  /**
   * Orders the lines by `rowRank[row]`, then `schoolRank[school]`, lines of equal ranks in the order
   * they were added. Ranks are 0-based and dense enough to count (at most the number of rows/schools).
   */
  sort(rowRank: ArrayLike<number>, schoolRank: ArrayLike<number>): void {
    const n = this.count;
    const bySchool = countingSort(identity(n), (i) => schoolRank[this.schoolAt(i)]!, maxOf(schoolRank) + 1);
    this.scatter(bySchool, rowRank);
    this.sorted = true;
  }

  /**
   * The second, stable counting sort, by row rank, made on the lines themselves: each line, taken in
   * `bySchool` order, is copied to its place in new chunks, and the old ones are let go. Lines are
   * added a school at a time, so `bySchool` reads the old chunks nearly in order, and the copies go to
   * one running place per row: both sides stay in the cache. Sorting an order of indices and then
   * moving the lines along its cycles was a cache miss a line: 2.5 s of the country's 14.6 million.
   */
  private scatter(bySchool: Uint32Array, rowRank: ArrayLike<number>): void {
    const n = this.count;
    const old = this.chunks;
    const place = new Uint32Array(maxOf(rowRank) + 2);
    for (const [c, chunk] of old.entries()) {
      const end = Math.min(CHUNK, n - c * CHUNK);
      for (let j = 0; j < end; j++) place[rowRank[chunk.row[j]!]! + 1]!++;
    }
    for (let b = 1; b < place.length; b++) place[b]! += place[b - 1]!;
    const sorted: Chunk[] = Array.from({ length: old.length }, () => ({ row: new Int32Array(CHUNK), school: new Int32Array(CHUNK), quantity: new Uint32Array(CHUNK) }));
    for (let k = 0; k < n; k++) {
      const i = bySchool[k]!;
      const from = old[i >>> CHUNK_BITS]!;
      const j = i & MASK;
      const row = from.row[j]!;
      const to = place[rowRank[row]!]!++;
      const t = sorted[to >>> CHUNK_BITS]!;
      const m = to & MASK;
      t.row[m] = row;
      t.school[m] = from.school[j]!;
      t.quantity[m] = from.quantity[j]!;
    }
    this.chunks = sorted;
  }

  /**
   * Visits the lines `from` ≤ k < `to` (in sorted order once sorted, else as added). The visitor gets
   * the line's fields, not an object, so millions of lines allocate nothing here.
   */
  forEach(visit: (row: number, school: number, quantity: number) => void, from = 0, to = this.count): void {
    const { chunks } = this;
    for (let k = from; k < Math.min(to, this.count); k++) {
      const c = chunks[k >>> CHUNK_BITS]!;
      const j = k & MASK;
      visit(c.row[j]!, c.school[j]!, c.quantity[j]!);
    }
  }

  /** The positions k of the lines whose school is `wanted` (a flag per school index). */
  positions(wanted: ArrayLike<boolean | number>): Uint32Array {
    let n = 0;
    this.eachSchool((school) => void (wanted[school] ? n++ : 0));
    const out = new Uint32Array(n);
    n = 0;
    this.eachSchool((school, k) => void (wanted[school] ? (out[n++] = k) : 0));
    return out;
  }

  private eachSchool(visit: (school: number, k: number) => void): void {
    for (const [c, chunk] of this.chunks.entries()) {
      const base = c * CHUNK;
      const end = Math.min(CHUNK, this.count - base);
      const column = chunk.school;
      for (let j = 0; j < end; j++) visit(column[j]!, base + j);
    }
  }

  /** Visits the lines at `positions[from]` … `positions[to - 1]` (positions from `positions`). */
  forEachAt(positions: Uint32Array, visit: (row: number, school: number, quantity: number) => void, from = 0, to = positions.length): void {
    const { chunks } = this;
    for (let p = from; p < Math.min(to, positions.length); p++) {
      const k = positions[p]!;
      const c = chunks[k >>> CHUNK_BITS]!;
      const j = k & MASK;
      visit(c.row[j]!, c.school[j]!, c.quantity[j]!);
    }
  }

  /** The raw columns up to the count, chunk by chunk in the order added: what a digest of the lines hashes (so, before `sort`). */
  *columns(): Generator<Uint8Array> {
    if (this.sorted) throw new Error('SchoolLines: the lines as added asked for after sorting');
    for (const [k, c] of this.chunks.entries()) {
      const n = Math.min(CHUNK, this.count - k * CHUNK);
      for (const a of [c.row, c.school, c.quantity]) yield new Uint8Array(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT);
    }
  }
}

function identity(n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function maxOf(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (a[i]! > m) m = a[i]!;
  return m;
}

/** `items` stably sorted by `key(item)` in [0, buckets). */
function countingSort(items: Uint32Array, key: (item: number) => number, buckets: number): Uint32Array {
  const start = new Uint32Array(buckets + 1);
  for (let k = 0; k < items.length; k++) start[key(items[k]!) + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const out = new Uint32Array(items.length);
  for (let k = 0; k < items.length; k++) out[start[key(items[k]!)]!++] = items[k]!;
  return out;
}
