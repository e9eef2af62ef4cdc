// Every state change writes an audit event in the same transaction as the change. Events form a
// hash chain (each hash covers the previous one), so altering, removing or reordering one is detectable.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ActorContext } from './actor.ts';
import type { AuditRepository, AuditRow, NewAuditRow } from './audit.repository.ts';
import { canonicalJson } from './canonical-json.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  /** What changed, in counts and identifiers: never personal data or cell values. */
  details?: Record<string, unknown>;
}

export function hashEvent(e: Omit<NewAuditRow, 'hash'>): string {
  const body = canonicalJson({
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    subject_type: e.subject_type,
    subject_id: e.subject_id,
    details: e.details,
    origin: e.origin,
    correlation_id: e.correlation_id,
  });
  return createHash('sha256').update(e.prev_hash).update('\n').update(body).digest('hex');
}

export function createAuditWriter(repository: AuditRepository) {
  return {
    /** Call inside the transaction that makes the change. */
    async record(trx: Kysely<DB>, ctx: ActorContext, entry: AuditEntry): Promise<void> {
      const prev = (await repository.lockAndReadLastHash(trx)) ?? GENESIS_HASH;
      const event = {
        // Millisecond precision so the stored timestamp hashes the same when read back.
        at: new Date(Math.floor(Date.now())),
        actor: ctx.actor,
        action: entry.action,
        subject_type: entry.subjectType,
        subject_id: entry.subjectId,
        details: entry.details ?? {},
        origin: ctx.origin,
        correlation_id: ctx.correlationId,
        prev_hash: prev,
      };
      await repository.insert(trx, { ...event, hash: hashEvent(event) });
    },
  };
}

export type AuditWriter = ReturnType<typeof createAuditWriter>;

/** The first event whose link or content does not match, or undefined when the chain is whole. */
export function findBrokenLink(events: readonly AuditRow[]): { id: number; reason: string } | undefined {
  let prev = GENESIS_HASH;
  for (const e of events) {
    if (e.prev_hash !== prev) return { id: e.id, reason: 'does not follow the event before it' };
    if (hashEvent(e) !== e.hash)
      return { id: e.id, reason: 'its contents were changed after it was written' };
    prev = e.hash;
  }
  return undefined;
}
