// The audit trail for governance leads: search it, export it, and check that the chain is whole.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ActorContext } from '../../platform/actor.ts';
import { findBrokenLink, type AuditWriter } from '../../platform/audit.ts';
import type { AuditFilter, AuditRepository, AuditRow } from '../../platform/audit.repository.ts';

export const MAX_AUDIT_ROWS = 5000;

export interface ChainCheck {
  events: number;
  broken: { id: number; reason: string } | undefined;
}

export function createAuditService(deps: {
  db: Kysely<DB>;
  repository: AuditRepository;
  audit: AuditWriter;
}) {
  const { db, repository } = deps;
  return {
    search: (filter: AuditFilter, limit = 500): Promise<AuditRow[]> =>
      repository.search(db, filter, Math.min(limit, MAX_AUDIT_ROWS)),

    /** Exporting the trail is itself recorded, so a copy leaving the platform is accounted for. */
    async exportRows(ctx: ActorContext, filter: AuditFilter): Promise<AuditRow[]> {
      const rows = await repository.search(db, filter, MAX_AUDIT_ROWS);
      await db.transaction().execute((trx) =>
        deps.audit.record(trx, ctx, {
          action: 'audit.export',
          subjectType: 'audit_event',
          subjectId: 'search',
          details: {
            rows: rows.length,
            filter: JSON.parse(JSON.stringify(filter)) as Record<string, unknown>,
          },
        }),
      );
      return rows;
    },

    /** Reads the whole chain in order and names the first event that does not fit. */
    async verify(): Promise<ChainCheck> {
      const events = await repository.listAll(db);
      return { events: events.length, broken: findBrokenLink(events) };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
