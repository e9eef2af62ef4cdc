// The heart of a submission: validated rows stream straight into the append-only observation table
// inside one transaction (decision 0006), then the whole-submission checks run in SQL over those rows.
// Any problem rolls the whole transaction back, so a failed submission changes nothing.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Problem } from '../../platform/errors.ts';
import type { ReturnsRepository } from './returns.repository.ts';
import type { RowLocation, ValidObservation } from './return-file.model.ts';
import { unusualValueWarning } from './poisson.ts';

/** Problems beyond this many are counted, not listed: a user fixes the first thousand first. */
export const MAX_LISTED_PROBLEMS = 1000;
/** From this many rows a submission refreshes the table's statistics before its checks (about 0.25 s). */
const REFRESH_STATISTICS_ROWS = 100_000;

export type PipelineItem = { observation: ValidObservation } | { problems: Problem[] } | { skip: true };

export interface PipelineResult {
  rowCount: number;
  errors: Problem[];
  errorCount: number;
  warnings: Problem[];
}

function at(location: RowLocation, column?: string): Pick<Problem, 'file' | 'sheet' | 'row' | 'column'> {
  return {
    file: location.file,
    ...(location.sheet ? { sheet: location.sheet } : {}),
    row: location.row,
    ...(column ? { column } : {}),
  };
}

/** Small whole numbers (1 to 65,535) for the texts in keys: equal texts, equal numbers; 0 when full. */
class Vocabulary {
  private readonly ids = new Map<string, number>();

  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      if (this.ids.size >= 0xffff) return 0;
      id = this.ids.size + 1;
      this.ids.set(text, id);
    }
    return id;
  }
}

/**
 * An open-addressing table of keys of three 32-bit words (never all 0), optionally with a number each.
 * A slot's words sit together (one cache line per probe) in typed arrays: no objects.
 */
class KeyTable {
  /** Slot i holds its key at words 4i, 4i + 1 and 4i + 2. */
  words: Uint32Array;
  values: Float64Array;
  size = 0;
  /** Set by slot(): whether the key was already there. */
  found = false;
  private mask: number;

  constructor(
    private readonly maxSize: number,
    private readonly withValues: boolean,
    slots = 1 << 12,
  ) {
    this.words = new Uint32Array(slots * 4);
    this.values = new Float64Array(withValues ? slots : 0);
    this.mask = slots - 1;
  }

  get slots(): number {
    return this.mask + 1;
  }

  private first(a: number, b: number, c: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return (h ^ (h >>> 12)) & this.mask;
  }

  /** The slot of a key, or -1. */
  find(a: number, b: number, c: number): number {
    const w = this.words;
    for (let i = this.first(a, b, c); ; i = (i + 1) & this.mask) {
      const k = i * 4;
      if (w[k] === a && w[k + 1] === b && w[k + 2] === c) return i;
      if (w[k] === 0 && w[k + 1] === 0 && w[k + 2] === 0) return -1;
    }
  }

  /** The slot of a key, added if absent (see `found`); -1 when the table is full. */
  slot(a: number, b: number, c: number): number {
    const w = this.words;
    let i = this.first(a, b, c);
    for (; ; i = (i + 1) & this.mask) {
      const k = i * 4;
      if (w[k] === a && w[k + 1] === b && w[k + 2] === c) {
        this.found = true;
        return i;
      }
      if (w[k] === 0 && w[k + 1] === 0 && w[k + 2] === 0) break;
    }
    this.found = false;
    if (this.size >= this.maxSize) return -1;
    if ((this.size + 1) * 2 > this.slots) {
      this.grow();
      return this.slot(a, b, c);
    }
    w[i * 4] = a;
    w[i * 4 + 1] = b;
    w[i * 4 + 2] = c;
    this.size++;
    return i;
  }

  /** The words of slot i, or undefined for an empty slot. */
  key(i: number): [number, number, number] | undefined {
    const k = i * 4;
    const w = this.words;
    return w[k] === 0 && w[k + 1] === 0 && w[k + 2] === 0 ? undefined : [w[k]!, w[k + 1]!, w[k + 2]!];
  }

  private grow(): void {
    const { words, values } = this;
    const slots = this.slots * 2;
    this.words = new Uint32Array(slots * 4);
    this.values = new Float64Array(this.withValues ? slots : 0);
    this.mask = slots - 1;
    this.size = 0;
    for (let j = 0; j < words.length; j += 4) {
      if (words[j] === 0 && words[j + 1] === 0 && words[j + 2] === 0) continue;
      const i = this.slot(words[j]!, words[j + 1]!, words[j + 2]!);
      if (this.withValues) this.values[i] = values[j / 4]!;
    }
  }
}

/** Breakdown values are summed exactly: whole numbers well inside 2^53 however many are added. */
const MAX_SCREENED_VALUE = 2 ** 30;
/** Stands for "no sheet" (a CSV), which no sheet name can be. */
const NO_SHEET = '\u0000';

/**
 * A 52-bit hash of each key, appended as rows come (sequential writes, 8 bytes a row), sorted at the
 * end to find equal neighbours: cheaper than a million random probes of a table.
 */
class KeyHashLog {
  private hashes = new Float64Array(1 << 14);
  private count = 0;

  constructor(private readonly maxKeys: number) {}

  /** False when full. */
  push(a: number, b: number, c: number): boolean {
    if (this.count === this.hashes.length) {
      if (this.count >= this.maxKeys) return false;
      const grown = new Float64Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    let h =
      Math.imul(a ^ 0x3c6ef372, 0x9e3779b1) ^
      Math.imul(b, 0x85ebca6b) ^
      Math.imul(c ^ 0x1b873593, 0xc2b2ae35);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let g = Math.imul(a, 0xcc9e2d51) ^ Math.imul(b ^ 0x5bd1e995, 0x1b873593) ^ Math.imul(c, 0x27d4eb2f);
    g ^= g >>> 16;
    g = Math.imul(g, 0x85ebca6b);
    g ^= g >>> 13;
    this.hashes[this.count++] = (g & 0xfffff) * 0x100000000 + (h >>> 0);
    return true;
  }

  /** Whether two keys hashed alike (and so may be equal). */
  hasRepeat(): boolean {
    const sorted = this.hashes.subarray(0, this.count).sort();
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return true;
    return false;
  }
}

/**
 * The set-level checks screened as rows stream past, so the SQL that does them properly (a hash or
 * sort of the whole submission: seconds for a million rows) runs only when it may find something.
 * Key texts become small numbers, so no string or object is kept per row. Duplicates: equal keys
 * hash alike, so when no two hashes are equal there are none. Breakdowns: totals and the sums of each
 * breakdown group are held exactly by key (values being whole numbers of 0 or more, summed exactly).
 * The screen can only err towards asking SQL: a repeated hash, a group above its total, a total
 * repeated, or anything it cannot hold or sum exactly (more than 65,535 distinct texts or 4 million
 * keys, a breakdown of several dimensions, a value that is not a whole number).
 */
export class SetCheckScreen {
  static readonly MAX_KEYS = 1 << 22;
  private readonly texts = new Vocabulary();
  /** Breakdown key id → the id of its dimension ("sex=male" → "sex"), or 0 for a key of several. */
  private readonly dimensionOf = new Map<number, number>();
  private keys: KeyHashLog | undefined = new KeyHashLog(SetCheckScreen.MAX_KEYS);
  private totals: KeyTable | undefined = new KeyTable(SetCheckScreen.MAX_KEYS, true);
  private parts: KeyTable | undefined = new KeyTable(SetCheckScreen.MAX_KEYS, true);
  // The breakdown group of the last row: the rows of a group usually come together.
  private lastA = 0;
  private lastB = 0;
  private lastC = 0;
  private lastSlot = -1;

  /** Whether the submission may repeat a key: SQL must look. */
  get mayHaveDuplicates(): boolean {
    return !this.keys || this.keys.hasRepeat();
  }

  /** Whether a breakdown may add up to more than its total: SQL must look. */
  get mayHaveBreakdownsAboveTotal(): boolean {
    const { totals, parts } = this;
    if (!totals || !parts) return true;
    for (let i = 0; i < parts.slots; i++) {
      const key = parts.key(i);
      if (!key) continue;
      const [a, b, c] = key;
      const t = totals.find(a, b, c >>> 16);
      if (t >= 0 && parts.values[i]! > totals.values[t]!) return true;
    }
    return false;
  }

  add(o: ValidObservation): void {
    if (!this.keys && !this.totals) return;
    const sheet = this.id(0, o.location.sheet ?? NO_SHEET);
    const indicator = this.id(1, o.indicatorId);
    const area = this.id(2, o.areaCode);
    const start = this.id(3, o.periodStart);
    const end = this.id(4, o.periodEnd);
    const breakdown = this.id(5, o.breakdownKey);
    if (!sheet || !indicator || !area || !start || !end || !breakdown) {
      this.keys = this.totals = this.parts = undefined;
      return;
    }
    // The key in three words: sheet and indicator, area and start, end and breakdown.
    const a = ((sheet << 16) | indicator) >>> 0;
    const b = ((area << 16) | start) >>> 0;
    if (this.keys && !this.keys.push(a, b, ((end << 16) | breakdown) >>> 0)) this.keys = undefined;

    const { totals, parts } = this;
    if (!totals || !parts || o.value === null) return;
    const value = o.value;
    if (o.breakdownKey === '') {
      const i = totals.slot(a, b, end);
      if (i < 0 || totals.found) this.totals = this.parts = undefined;
      else totals.values[i] = value;
      return;
    }
    const dimension = this.dimension(o.breakdownKey, breakdown);
    if (!dimension || !Number.isInteger(value) || value < 0 || value > MAX_SCREENED_VALUE) {
      this.totals = this.parts = undefined;
      return;
    }
    const c = ((end << 16) | dimension) >>> 0;
    if (c === this.lastC && a === this.lastA && b === this.lastB) {
      parts.values[this.lastSlot] = parts.values[this.lastSlot]! + value;
      return;
    }
    const i = parts.slot(a, b, c);
    if (i < 0) {
      this.totals = this.parts = undefined;
      return;
    }
    parts.values[i] = (parts.found ? parts.values[i]! : 0) + value;
    this.lastA = a;
    this.lastB = b;
    this.lastC = c;
    this.lastSlot = i;
  }

  // The texts of the last row, field by field, and their ids: neighbouring rows share most of them.
  private readonly lastTexts: (string | undefined)[] = new Array<undefined>(6).fill(undefined);
  private readonly lastIds = new Uint16Array(6);

  private id(field: number, text: string): number {
    if (text === this.lastTexts[field]) return this.lastIds[field]!;
    const id = this.texts.id(text);
    this.lastTexts[field] = text;
    this.lastIds[field] = id;
    return id;
  }

  private dimension(key: string, id: number): number {
    let dimension = this.dimensionOf.get(id);
    if (dimension === undefined) {
      const eq = key.indexOf('=');
      dimension = key.includes(';') ? 0 : this.texts.id(eq < 0 ? key : key.slice(0, eq));
      this.dimensionOf.set(id, dimension);
    }
    return dimension;
  }
}

/**
 * Streams items into observation as the rows of submission `submissionId` and runs the set-level checks
 * over them. Call inside the submission's transaction, and roll it back if there are errors.
 */
export async function writeSubmission(
  trx: Kysely<DB>,
  repository: ReturnsRepository,
  /** Validated rows, in batches. */
  items: AsyncIterable<PipelineItem[]> | Iterable<PipelineItem[]>,
  options: {
    submissionId: number;
    fileName: string;
    organisationId: string;
    countIndicatorIds: readonly string[];
  },
): Promise<PipelineResult> {
  const { submissionId } = options;
  const writer = await repository.openObservationWriter(trx, {
    submissionId,
    organisationId: options.organisationId,
  });
  const errors: Problem[] = [];
  let errorCount = 0;
  const addError = (p: Problem) => {
    errorCount++;
    if (errors.length < MAX_LISTED_PROBLEMS) errors.push(p);
  };

  const screen = new SetCheckScreen();
  let rowCount = 0;
  try {
    for await (const batch of items) {
      for (const item of batch) {
        if ('skip' in item) continue;
        if ('problems' in item) {
          const before = errorCount;
          item.problems.forEach(addError);
          // Once the file has errors there is no point writing more rows; keep validating to list them all.
          if (before === 0 && errorCount > 0) await writer.finish();
          continue;
        }
        rowCount++;
        if (errorCount > 0) continue;
        screen.add(item.observation);
        // Usually undefined: a promise only when the writer needs the pipeline to wait.
        const wait = writer.add(item.observation);
        if (wait) await wait;
      }
    }
  } catch (error) {
    await writer.abort(error);
    throw error;
  }
  await writer.finish();

  const warnings: Problem[] = [];
  // The planner's statistics know nothing of the rows just written; a big submission changes the
  // table enough that a check in SQL would be planned for a few thousand rows, not a million.
  let statisticsFresh = rowCount < REFRESH_STATISTICS_ROWS;
  const freshStatistics = async () => {
    if (!statisticsFresh) await repository.refreshObservationStatistics(trx);
    statisticsFresh = true;
  };
  if (errorCount === 0) {
    const file = options.fileName;
    let duplicates: Awaited<ReturnType<ReturnsRepository['submissionDuplicates']>> = [];
    if (screen.mayHaveDuplicates) {
      await freshStatistics();
      duplicates = await repository.submissionDuplicates(trx, submissionId, MAX_LISTED_PROBLEMS);
    }
    for (const d of duplicates) {
      addError({
        ...at({ file, ...(d.sheet ? { sheet: d.sheet } : {}), row: d.row_no }),
        message: `This row repeats row ${d.first_row} (same indicator, area, period and breakdown). Delete one of them.`,
      });
    }
    let aboveTotal: Awaited<ReturnType<ReturnsRepository['submissionBreakdownsAboveTotal']>> = [];
    if (screen.mayHaveBreakdownsAboveTotal) {
      await freshStatistics();
      aboveTotal = await repository.submissionBreakdownsAboveTotal(trx, submissionId, MAX_LISTED_PROBLEMS);
    }
    for (const b of aboveTotal) {
      addError({
        ...at({ file, ...(b.sheet ? { sheet: b.sheet } : {}), row: b.total_row }),
        message: `The breakdown by ${b.dimensions.replaceAll(';', ' and ')} adds up to ${b.breakdown_sum}, which is more than the total of ${b.total} on this row. Check the total and the breakdown values.`,
      });
    }
    // Warnings compare with the organisation's earlier approved figures, when it has some.
    const earlier =
      errorCount === 0 &&
      (await repository.hasApprovedValues(trx, options.organisationId, options.countIndicatorIds));
    if (earlier) {
      await freshStatistics();
      // In file order, a page at a time; the first thousand warnings are all that is listed.
      for await (const h of repository.submissionHistory(
        trx,
        submissionId,
        options.organisationId,
        options.countIndicatorIds,
      )) {
        const message = unusualValueWarning(h.value, h.previous);
        if (!message) continue;
        warnings.push({ ...at({ file, ...(h.sheet ? { sheet: h.sheet } : {}), row: h.row_no }), message });
        if (warnings.length >= MAX_LISTED_PROBLEMS) break;
      }
    }
  }
  return { rowCount, errors, errorCount, warnings };
}
