import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  details: Record<string, unknown>;
  origin: string;
  correlation_id: string;
  prev_hash: string;
  hash: string;
}

export type NewAuditRow = Omit<AuditRow, 'id'>;

export interface AuditFilter {
  actor?: string;
  subjectType?: string;
  /** Part of the subject id, e.g. an organisation id (returns are "organisation/period"). */
  subject?: string;
  /** An action or its prefix, e.g. "return." */
  action?: string;
  from?: Date;
  to?: Date;
}

/** Makes user text match literally inside a LIKE pattern. */
const escapeLike = (text: string) => text.replace(/[%_\\]/g, (c) => `\\${c}`);

export function createAuditRepository() {
  return {
    /** Serialises writers of the chain until the transaction ends, then returns the chain's last hash. */
    async lockAndReadLastHash(trx: Kysely<DB>): Promise<string | undefined> {
      await sql`select pg_advisory_xact_lock(hashtext('clmd.audit_event'))`.execute(trx);
      const last = await trx
        .selectFrom('audit_event')
        .select('hash')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return last?.hash;
    },

    async insert(trx: Kysely<DB>, row: NewAuditRow): Promise<void> {
      await trx
        .insertInto('audit_event')
        .values({ ...row, details: JSON.stringify(row.details) })
        .execute();
    },

    async listForSubject(db: Kysely<DB>, subjectType: string, subjectId?: string): Promise<AuditRow[]> {
      let q = db.selectFrom('audit_event').selectAll().where('subject_type', '=', subjectType);
      if (subjectId !== undefined) q = q.where('subject_id', '=', subjectId);
      return q.orderBy('id').execute();
    },

    /** Events matching every filter given, newest first. */
    async search(db: Kysely<DB>, filter: AuditFilter, limit: number): Promise<AuditRow[]> {
      let q = db.selectFrom('audit_event').selectAll();
      if (filter.actor) q = q.where('actor', '=', filter.actor);
      if (filter.subjectType) q = q.where('subject_type', '=', filter.subjectType);
      if (filter.subject) q = q.where('subject_id', 'like', `%${escapeLike(filter.subject)}%`);
      if (filter.action) q = q.where('action', 'like', `${escapeLike(filter.action)}%`);
      if (filter.from) q = q.where('at', '>=', filter.from);
      if (filter.to) q = q.where('at', '<', filter.to);
      return q.orderBy('id', 'desc').limit(limit).execute();
    },

    async listAll(db: Kysely<DB>): Promise<AuditRow[]> {
      return db.selectFrom('audit_event').selectAll().orderBy('id').execute();
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
