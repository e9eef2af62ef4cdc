// Writes a submission's validated rows straight into `observation`, inside the submission's transaction
// (decision 0006): COPY FROM STDIN on a PostgreSQL server, so the server stores rows while Node reads
// and checks the next ones; batched `unnest` inserts on PGlite, which has no COPY from a client.
import { finished } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { withPgClient } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { ValidObservation } from './return-file.model.ts';

/** Whose rows are being written. */
export interface SubmissionRows {
  submissionId: number;
  organisationId: string;
}

export interface ObservationWriter {
  /**
   * Writes a row. Returns a promise only when the caller must wait for it (a batch being written, or
   * the connection not keeping up); otherwise undefined, so a million rows cost no million promises.
   */
  add(observation: ValidObservation): Promise<void> | undefined;
  /** Writes what is left and waits until the table holds every row. Safe to call again. */
  finish(): Promise<void>;
  /** Gives up after a failure; the transaction must then be rolled back. */
  abort(reason: unknown): Promise<void>;
}

/** Opens the writer for one submission's rows. */
export async function openObservationWriter(
  trx: Kysely<DB>,
  rows: SubmissionRows,
): Promise<ObservationWriter> {
  return (await openCopyWriter(trx, rows)) ?? new InsertWriter(trx, rows);
}

/** Rows per `unnest` insert where COPY is not available (PGlite). */
const INSERT_BATCH = 5000;

class InsertWriter implements ObservationWriter {
  private batch: ValidObservation[] = [];
  private done = false;

  constructor(
    private readonly trx: Kysely<DB>,
    private readonly rows: SubmissionRows,
  ) {}

  add(o: ValidObservation): Promise<void> | undefined {
    if (this.done) return undefined;
    this.batch.push(o);
    return this.batch.length >= INSERT_BATCH ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    if (!batch.length) return;
    const col = <T>(pick: (o: ValidObservation) => T) => batch.map(pick);
    await sql`insert into observation
        (submission_id, organisation_id, row_no, sheet, indicator_id, area_code, period_start, period_end,
         breakdown_key, value, value_text, note)
      select ${this.rows.submissionId}, ${this.rows.organisationId}, * from unnest(
        ${col((o) => o.location.row)}::integer[], ${col((o) => o.location.sheet ?? null)}::text[],
        ${col((o) => o.indicatorId)}::text[], ${col((o) => o.areaCode)}::text[],
        ${col((o) => o.periodStart)}::date[], ${col((o) => o.periodEnd)}::date[],
        ${col((o) => o.breakdownKey)}::text[], ${col((o) => o.value)}::double precision[],
        ${col((o) => o.valueText)}::text[], ${col((o) => o.note)}::text[])`.execute(this.trx);
  }

  async finish(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.flush();
  }

  async abort(): Promise<void> {
    this.done = true;
    this.batch = [];
  }
}

// COPY's text format: tab-separated, \N for null, and backslash escapes for what would break a line.
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const COPY_NULL = '\\N';

function copyText(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c] ?? c) : text;
}

/** Characters gathered before each write to the COPY stream. */
const COPY_CHUNK = 256 * 1024;

/** COPY FROM STDIN on the transaction's own connection; nothing waits for a round trip per row. */
class CopyWriter implements ObservationWriter {
  private buffer = '';
  private done = false;
  private failure: unknown;
  /** The columns every row of the submission shares. */
  private readonly prefix: string;

  constructor(
    private readonly stream: CopyStreamQuery,
    /** Settles when the COPY has ended and the connection is free again. */
    private readonly ended: Promise<unknown>,
    rows: SubmissionRows,
  ) {
    this.prefix = `${rows.submissionId}\t${copyText(rows.organisationId)}\t`;
    ended.catch((error: unknown) => (this.failure ??= error));
  }

  add(o: ValidObservation): Promise<void> | undefined {
    if (this.done) return undefined;
    const sheet = o.location.sheet;
    this.buffer +=
      `${this.prefix}${o.location.row}\t${sheet === undefined ? COPY_NULL : copyText(sheet)}\t` +
      `${copyText(o.indicatorId)}\t${copyText(o.areaCode)}\t${o.periodStart}\t${o.periodEnd}\t` +
      `${copyText(o.breakdownKey)}\t${o.value === null ? COPY_NULL : String(o.value)}\t` +
      `${o.valueText === null ? COPY_NULL : copyText(o.valueText)}\t${o.note === null ? COPY_NULL : copyText(o.note)}\n`;
    return this.buffer.length >= COPY_CHUNK ? this.write() : undefined;
  }

  private write(): Promise<void> | undefined {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const chunk = this.buffer;
    this.buffer = '';
    if (this.stream.write(chunk)) return undefined;
    // The connection is behind: wait until it drains, or for the failure that means it never will.
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: unknown) => {
        this.stream.off('drain', onDrain);
        this.stream.off('close', onClose);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onDrain = () => settle();
      const onClose = () =>
        settle(this.stream.errored ?? this.failure ?? new Error('The COPY of the rows stopped.'));
      this.stream.on('drain', onDrain);
      this.stream.on('close', onClose);
    });
  }

  async finish(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (this.failure === undefined && !this.stream.destroyed) {
      if (this.buffer) this.stream.write(this.buffer);
      this.stream.end();
    }
    this.buffer = '';
    await this.ended;
  }

  async abort(reason: unknown): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.buffer = '';
    // Sends CopyFail: the server ends the COPY with an error and the transaction is rolled back.
    this.stream.destroy(reason instanceof Error ? reason : new Error(String(reason)));
    await this.ended.catch(() => undefined);
  }
}

/** A COPY writer into observation, or undefined where COPY is not available (PGlite). */
function openCopyWriter(trx: Kysely<DB>, rows: SubmissionRows): Promise<CopyWriter | undefined> {
  return new Promise((resolve, reject) => {
    let writer: CopyWriter | undefined;
    // Settles when the COPY is over and Kysely has the connection back.
    const released: Promise<unknown> = withPgClient(trx, async (client) => {
      const stream = client.query(
        copyFrom(
          `copy observation (submission_id, organisation_id, row_no, sheet, indicator_id, area_code,
             period_start, period_end, breakdown_key, value, value_text, note) from stdin`,
        ),
      );
      const copied = finished(stream);
      writer = new CopyWriter(
        stream,
        copied.then(() => released),
        rows,
      );
      resolve(writer);
      await copied;
    });
    released.then(
      (used) => {
        if (!used) resolve(undefined);
      },
      (error: unknown) => {
        if (!writer) reject(error);
      },
    );
  });
}
