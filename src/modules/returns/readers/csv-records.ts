// Splits decoded CSV text into records, fast, with exactly csv-parse's results.
//
// Nearly every line of a return has no double quote: its record is the line split at the delimiter,
// which costs a fraction of a general CSV parser's character-by-character walk (a million-row file
// spent most of its reading time in csv-parse). A line whose quotes only wrap whole cells (a note with
// a comma) is split almost as cheaply. Any other line with a quote is handed to csv-parse itself,
// with the options the reader has always used, so quoting, the relaxed rules and the errors for an
// unclosed quote or an over-long record stay exactly as before. A quoted value may run over several
// lines: lines are added to the record until csv-parse can read it whole.
import { CsvError } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

/** No cell we accept is longer than a 1,000-character note; this only stops an unclosed quote eating the file. */
export const MAX_RECORD_CHARS = 100_000;

const QUOTE = 0x22;

/** Lines longer than this go to csv-parse, which applies MAX_RECORD_CHARS its own way. */
const MAX_FAST_LINE = MAX_RECORD_CHARS / 2;

function slowOptions(delimiter: string) {
  return {
    delimiter,
    // Files edited by hand can mix Windows and Unix line endings; accept both on every line.
    record_delimiter: ['\r\n', '\n'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  };
}

export class CsvRecords {
  /** The end of the last chunk, after its last line break: the start of a line still to come. */
  private carry = '';
  /** Lines of a record with a quoted value that csv-parse could not yet read whole. */
  private pending = '';
  private started = false;
  private readonly options: ReturnType<typeof slowOptions>;

  constructor(private readonly delimiter: string) {
    this.options = slowOptions(delimiter);
  }

  /** Adds the records of every complete line in `text` (after what was carried over) to `out`. */
  push(text: string, out: string[][]): void {
    let data = this.carry + text;
    if (!this.started) {
      if (data === '') return;
      // A byte-order mark is not part of the first heading (csv-parse's `bom` option did this).
      if (data.charCodeAt(0) === 0xfeff) data = data.slice(1);
      this.started = true;
    }
    let start = 0;
    // Where the next double quote is, so each line need not be searched for one.
    let quote = data.indexOf('"');
    for (let nl = data.indexOf('\n'); nl >= 0; nl = data.indexOf('\n', start)) {
      if (quote >= 0 && quote < start) quote = data.indexOf('"', start);
      const hasQuote = quote >= 0 && quote < nl;
      this.line(data, start, nl + 1, hasQuote, out);
      start = nl + 1;
    }
    this.carry = data.slice(start);
  }

  /** The records of what is left at the end of the file; throws as csv-parse would for an open quote. */
  end(out: string[][]): void {
    let rest = this.carry;
    this.carry = '';
    if (!this.started && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
    if (rest !== '') this.line(rest, 0, rest.length, rest.includes('"'), out);
    if (this.pending !== '') this.readPending(true, out);
  }

  /** One line, `data[start, end)`, its line break included when it has one. */
  private line(data: string, start: number, end: number, hasQuote: boolean, out: string[][]): void {
    if (this.pending === '' && end - start <= MAX_FAST_LINE) {
      let stop = end;
      if (data.charCodeAt(stop - 1) === 10) stop--;
      if (stop < end && stop > start && data.charCodeAt(stop - 1) === 13) stop--;
      const record = hasQuote
        ? this.quotedLine(data, start, stop)
        : data.slice(start, stop).split(this.delimiter);
      if (record) {
        out.push(record);
        return;
      }
    }
    this.pending += data.slice(start, end);
    this.readPending(false, out);
  }

  /**
   * The cells of a line whose quotes only wrap whole cells ("a note, with a comma", and "" for a quote
   * inside one), as csv-parse reads them; undefined for any other use of quotes, which csv-parse reads.
   */
  private quotedLine(data: string, start: number, stop: number): string[] | undefined {
    const delimiter = this.delimiter;
    if (delimiter.length !== 1) return undefined;
    const record: string[] = [];
    for (let i = start; ;) {
      let next: number;
      if (i < stop && data.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = data.indexOf('"', from);
          if (q < 0 || q >= stop) return undefined; // runs on to the next line
          if (q + 1 < stop && data.charCodeAt(q + 1) === QUOTE) {
            value += data.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += data.slice(from, q);
          next = q + 1;
          break;
        }
        if (next < stop && data[next] !== delimiter) return undefined;
        record.push(value);
      } else {
        next = data.indexOf(delimiter, i);
        if (next < 0 || next > stop) next = stop;
        const value = data.slice(i, next);
        if (value.includes('"')) return undefined;
        record.push(value);
      }
      if (next >= stop) return record;
      i = next + 1;
    }
  }

  /**
   * Reads the pending lines with csv-parse. Still inside a quoted value, and not at the end of the
   * file: wait for the next line. They can hold only one record, because every line break before the
   * last was inside quotes.
   */
  private readPending(atEnd: boolean, out: string[][]): void {
    try {
      const records = parseSync(this.pending, this.options) as string[][];
      this.pending = '';
      for (const r of records) out.push(r);
    } catch (error) {
      if (!atEnd && error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') return;
      this.pending = '';
      throw error;
    }
  }
}
