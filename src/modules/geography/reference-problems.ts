// Collects what is wrong with a set of reference files, so the user sees every problem at once
// (up to a limit: a wrongly chosen England-wide file could otherwise produce 30,000 of them).
import { ValidationError, type Problem } from '../../platform/errors.ts';

const MAX_PROBLEMS = 200;

export class ProblemList {
  readonly items: Problem[] = [];
  private dropped = 0;

  add(problem: Problem): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push(problem);
    else this.dropped += 1;
  }

  get count(): number {
    return this.items.length + this.dropped;
  }

  /** Throws when anything was found, so that nothing is written from files with problems. */
  throwIfAny(): void {
    if (this.count === 0) return;
    const problems = [...this.items];
    if (this.dropped > 0) {
      problems.push({
        message: `There are ${this.dropped.toLocaleString('en-GB')} more problems not listed here.`,
      });
    }
    throw new ValidationError(
      'The reference data was not imported because some files have problems.',
      problems,
    );
  }
}

/** 32844 → "32,844", as in GOV.UK error messages. */
export const formatCount = (n: number): string => n.toLocaleString('en-GB');

/** " (found "40000")": the value the user gave, shortened so a huge cell cannot flood the output. */
export function found(value: string): string {
  if (value === '') return ' (the cell is empty)';
  return ` (found "${value.length > 40 ? `${value.slice(0, 39)}…` : value}")`;
}

/** "an IMD rank", "a crime rank". */
export function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
}
