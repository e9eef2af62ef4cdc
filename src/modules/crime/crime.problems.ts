// Collects what is wrong with a set of police.uk files, so the user sees every kind of problem at once
// without 16,000 copies of the same one: a few rows of each kind per file are listed, then how many more.
import { ValidationError, type Problem } from '../../platform/errors.ts';

const MAX_PROBLEMS = 200;
/** Rows listed for each kind of problem in each file before the rest are summed up. */
const ROWS_PER_KIND = 5;

export class CrimeProblems {
  private readonly items: Problem[] = [];
  private readonly seen = new Map<string, { file: string; column: string | undefined; count: number }>();
  private dropped = 0;

  /** `kind` groups the same problem on many rows of a file (e.g. "month", "crime-type"). */
  add(kind: string, problem: Problem): void {
    const key = `${problem.file ?? ''}\u0000${kind}`;
    const entry = this.seen.get(key) ?? { file: problem.file ?? '', column: problem.column, count: 0 };
    entry.count += 1;
    this.seen.set(key, entry);
    if (entry.count > ROWS_PER_KIND) return;
    if (this.items.length < MAX_PROBLEMS) this.items.push(problem);
    else this.dropped += 1;
  }

  get count(): number {
    let n = 0;
    for (const e of this.seen.values()) n += e.count;
    return n;
  }

  /** Problems about one file so far (to tell whether a file was clean). */
  countFor(file: string): number {
    let n = 0;
    for (const e of this.seen.values()) if (e.file === file) n += e.count;
    return n;
  }

  list(): Problem[] {
    const problems = [...this.items];
    for (const e of this.seen.values()) {
      if (e.count <= ROWS_PER_KIND) continue;
      const more = e.count - ROWS_PER_KIND;
      problems.push({
        file: e.file,
        ...(e.column ? { column: e.column } : {}),
        message: `${more.toLocaleString('en-GB')} more ${more === 1 ? 'row has' : 'rows have'} the same problem as the rows above`,
      });
    }
    if (this.dropped > 0) {
      problems.push({
        message: `There are ${this.dropped.toLocaleString('en-GB')} more problems not listed here.`,
      });
    }
    return problems;
  }

  /** Throws when anything was found, so that nothing is written from files with problems. */
  throwIfAny(): void {
    if (this.count === 0) return;
    throw new ValidationError(
      'The police.uk files were not imported because some have problems. Nothing was changed.',
      this.list(),
    );
  }
}

/** " (found "Violent crime")": the value the user gave, shortened so a huge cell cannot flood the output. */
export function found(value: string): string {
  if (value === '') return ' (the cell is empty)';
  return ` (found "${value.length > 40 ? `${value.slice(0, 39)}…` : value}")`;
}
