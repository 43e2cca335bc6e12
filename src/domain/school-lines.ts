/**
 * One publisher's counted school lines, kept column-wise in typed arrays: 20 bytes a line instead of an
 * object of nine fields (≈150 bytes and a pointer per field). A region of 700 schools has 260,000 such
 * lines, the whole country 14.6 million — as objects that alone is 2 GB and more than V8's heap.
 *
 * A line is (row, school, quantity, sum): the row (item, grade and price) and the school are indices
 * into the consolidation's tables, the sum is kopecks. Lines are appended as orders are read, in any
 * order; `sort` then orders them by row rank and school rank with two stable counting sorts (linear,
 * where a comparison sort of millions of lines with a callback takes seconds).
 */

export class SchoolLines {
  private rowOf = new Int32Array(1024);
  private schoolOf = new Int32Array(1024);
  private quantityOf = new Float64Array(1024);
  private sumOf = new Float64Array(1024);
  private count = 0;
  /** line indices in sorted order, once sorted */
  private order: Uint32Array | undefined;

  get length(): number {
    return this.count;
  }

  push(row: number, school: number, quantity: number, sumKopecks: number): void {
    if (this.order) throw new Error('SchoolLines: a line added after sorting');
    if (this.count === this.rowOf.length) this.grow();
    const i = this.count++;
    this.rowOf[i] = row;
    this.schoolOf[i] = school;
    this.quantityOf[i] = quantity;
    this.sumOf[i] = sumKopecks;
  }

  private grow(): void {
    const size = this.rowOf.length * 2;
    const more = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.rowOf = more(this.rowOf, (n) => new Int32Array(n));
    this.schoolOf = more(this.schoolOf, (n) => new Int32Array(n));
    this.quantityOf = more(this.quantityOf, (n) => new Float64Array(n));
    this.sumOf = more(this.sumOf, (n) => new Float64Array(n));
  }

  /**
   * Orders the lines by `rowRank[row]`, then `schoolRank[school]`, lines of equal ranks in the order
   * they were added. Ranks are 0-based and dense enough to count (at most the number of rows/schools).
   */
  sort(rowRank: ArrayLike<number>, schoolRank: ArrayLike<number>): void {
    const n = this.count;
    const bySchool = countingSort(identity(n), (i) => schoolRank[this.schoolOf[i]!]!, maxOf(schoolRank) + 1);
    this.order = countingSort(bySchool, (i) => rowRank[this.rowOf[i]!]!, maxOf(rowRank) + 1);
  }

  /**
   * Visits the lines `from` ≤ k < `to` of the sorted order (of the order added before `sort`); `school`
   * filters by school index. The visitor gets the line's fields, not an object, so millions of lines
   * allocate nothing here.
   */
  forEach(visit: (row: number, school: number, quantity: number, sumKopecks: number) => void, school?: (index: number) => boolean, from = 0, to = this.count): void {
    const { order } = this;
    for (let k = from; k < Math.min(to, this.count); k++) {
      const i = order ? order[k]! : k;
      const s = this.schoolOf[i]!;
      if (school && !school(s)) continue;
      visit(this.rowOf[i]!, s, this.quantityOf[i]!, this.sumOf[i]!);
    }
  }

  /** The raw columns up to the count, in the order added: what a digest of the lines hashes. */
  columns(): Uint8Array[] {
    const n = this.count;
    return [this.rowOf.subarray(0, n), this.schoolOf.subarray(0, n), this.quantityOf.subarray(0, n), this.sumOf.subarray(0, n)].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
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
