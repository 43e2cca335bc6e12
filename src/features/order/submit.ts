/**
 * `order submit`'s storing of accepted files while the rest are still being checked (command.ts): each
 * file in the order given, as soon as it and every file before it are checked.
 */
import path from 'node:path';
import type { Ctx } from '../../cli-kit/context.js';
import { submitVersion } from '../../core/model/order-lifecycle.js';
import type { Registry, School } from '../../core/model/registry.js';
import { readInput } from '../../io/workspace/inputs.js';
import { isoWithOffset } from '../../io/workspace/io.js';
import type { JournalInput, Workspace } from '../../io/workspace/index.js';
import { loadOrder, orderStateName, saveOrder } from './store.js';
import type { FileCheck } from './check-file.js';
import { Slots } from './slots.js';

/**
 * How many files `order submit` stores at once. Each store waits mostly on the disk (three files and
 * their folders synced); while the workers check, files come a few milliseconds apart and one or two
 * stores are under way, but when storing falls behind (a slow disk, or every file already checked
 * in this thread) a few at once let those waits overlap. Not many more: a sync holds a thread of
 * libuv's pool (4 threads), which the checking workers need for reading and inflating.
 */
const STORES_AT_ONCE = 4;

/**
 * Storing the accepted files of `order submit` while the rest are still being checked. Files are
 * taken in the order given (file i only once every file before it has been checked), so what is
 * stored, and the notes, are those of storing them one after another: two files of one school are
 * stored one after the other in that order (version n, then n + 1); files of different schools are
 * stored up to {@link STORES_AT_ONCE} at a time. Each store is what it was alone: the input copied
 * into inputs/ and the school's order state written atomically (fsync of the file and its folder).
 */
export class SubmitStore {
  private readonly checks: (FileCheck | undefined)[];
  /** the next file to take, in the order given */
  private next = 0;
  private readonly schools: Map<string, School>;
  /** per school, the end of its last store, which its next one waits for */
  private readonly bySchool = new Map<string, Promise<void>>();
  private readonly tasks: Promise<void>[] = [];
  private readonly slots = new Slots(STORES_AT_ONCE);
  /** per file: what it changed, its notes, the version it became */
  private readonly changedBy: string[][];
  private readonly notesBy: string[][];
  private readonly versionBy: ([string, number] | undefined)[];
  /** the failed store earliest in the order given, whose error the command ends with */
  private failure: { i: number; error: unknown } | undefined;
  /** the checking failed: nothing more is stored */
  private halted = false;
  refused = 0;
  /** aborted when a store fails: the workers are handed no more files */
  readonly abort = new AbortController();
  /** journal lines waiting for the append under way to end, and whether one is */
  private readonly unjournaled: { entry: JournalInput; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private appending = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly ws: Workspace,
    registry: Registry,
    private readonly force: boolean,
    count: number,
  ) {
    this.schools = new Map();
    for (const s of registry.schools) if (!this.schools.has(s.code)) this.schools.set(s.code, s);
    this.checks = new Array<FileCheck | undefined>(count);
    this.changedBy = Array.from({ length: count }, () => []);
    this.notesBy = Array.from({ length: count }, () => []);
    this.versionBy = new Array<[string, number] | undefined>(count);
  }

  /** File i has been checked (called in any order). */
  checked(i: number, c: FileCheck): void {
    this.checks[i] = c;
    while (this.next < this.checks.length && this.checks[this.next] !== undefined) this.take(this.next++);
  }

  private take(i: number): void {
    const c = this.checks[i]!;
    if (!c.read || !c.validation || this.stopped(i)) return;
    const school = this.schools.get(c.read.school ?? '');
    if (!school) {
      this.refused++;
      this.notesBy[i]!.push(this.ctx.t('order.submit-no-school', { file: c.file }));
      return;
    }
    const before = this.bySchool.get(school.code) ?? Promise.resolve();
    const task = before.then(() => this.slots.run(() => this.store(i, c, school))).catch((error: unknown) => this.fail(i, error));
    this.bySchool.set(school.code, task);
    this.tasks.push(task);
  }

  /** After a failure, files later in the order are not started (as one after another, they would not have been). */
  private stopped(i: number): boolean {
    return this.halted || (this.failure !== undefined && i > this.failure.i);
  }

  private fail(i: number, error: unknown): void {
    if (!this.failure || i < this.failure.i) this.failure = { i, error };
    this.abort.abort();
  }

  private async store(i: number, c: FileCheck, school: School): Promise<void> {
    if (this.stopped(i)) return;
    const ws = this.ws;
    const notes = this.notesBy[i]!;
    const errors = c.findings.filter((f) => f.severity === 'error').length;
    const record = loadOrder(ws, school.code);
    // Read once: hashed to compare with the stored versions, and these bytes are what is stored.
    const file = await readInput(c.file);
    const probe = submitVersion(
      record,
      { school: school.code, municipality: school.municipality, source: { file: path.basename(c.file), sha256: file.sha256, stored: '' }, lines: c.validation!.lines, errors, force: this.force },
      isoWithOffset(new Date(), ws.config.campaign.timezone),
    );
    // Its lines are in the new version now (or not wanted): let them go rather than keep 700 files' worth.
    c.validation = { ...c.validation!, lines: [] };
    if (probe.kind !== 'changed') {
      if (probe.kind === 'refused') this.refused++;
      notes.push(this.ctx.t(probe.message, probe.params));
      return;
    }
    // The file is stored only when a version is created, so a refused file leaves nothing behind.
    const input = await ws.storeInput(c.file, path.basename(c.file), file);
    probe.version.source.stored = input.stored;
    // The version's journal line comes before its state is written: a command killed half-way
    // through 700 files leaves every version it stored journaled (issue 22), not only those of
    // the line written at the end.
    await this.journal({ school: school.code, version: probe.version.version, file: path.basename(c.file), stored: input.stored });
    this.changedBy[i]!.push(await saveOrder(ws, probe.record), input.stored);
    this.versionBy[i] = [school.code, probe.version.version];
    notes.push(this.ctx.t(probe.message, probe.params));
  }

  /**
   * The version's journal line, written before its state. Lines are appended one write after another;
   * the lines of the stores that wait meanwhile go together in the next write (one sync for up to
   * STORES_AT_ONCE versions instead of one each: the appends were the stores' queue).
   */
  private journal(line: { school: string; version: number; file: string; stored: string }): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.unjournaled.push({ entry: { command: 'order submit', changed: [line.stored, `state/${orderStateName(line.school)}.json`], storing: line }, resolve, reject });
      this.appendJournaled();
    });
  }

  private appendJournaled(): void {
    if (this.appending || this.unjournaled.length === 0) return;
    const batch = this.unjournaled.splice(0);
    this.appending = true;
    this.ws
      .journal(batch.map((b) => b.entry))
      .then(
        () => batch.forEach((b) => b.resolve()),
        (error: unknown) => batch.forEach((b) => b.reject(error)),
      )
      .finally(() => {
        this.appending = false;
        this.appendJournaled();
      });
  }

  /**
   * Waits for `more` (the checking) and for every store begun (also after a failure: the lock is not
   * given up with a write under way), says the notes in the order of the files, and throws the
   * checking's failure, else the failed store earliest in the order of the files.
   */
  async finish<T>(more: Promise<T>): Promise<{ result: T; changed: string[]; submitted: Record<string, number> }> {
    let result: T | undefined;
    let checkFailure: { error: unknown } | undefined;
    try {
      result = await more;
    } catch (error) {
      // Checking everything came first before, so such a failure stored nothing: store nothing more.
      checkFailure = { error };
      this.halted = true;
    }
    // No file is taken any more (the checking is over), so no task is added while these are awaited.
    await Promise.all(this.tasks);
    for (const notes of this.notesBy) for (const note of notes) this.ctx.note(note);
    if (checkFailure) throw checkFailure.error;
    if (this.failure) throw this.failure.error;
    const submitted: Record<string, number> = {};
    for (const v of this.versionBy) if (v) submitted[v[0]] = v[1];
    return { result: result as T, changed: this.changedBy.flat(), submitted };
  }
}
