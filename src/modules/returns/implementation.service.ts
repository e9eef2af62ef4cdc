// The implementation tracker: per locality and indicator, what the partnership agreed (not collected,
// planned short or long term, collecting) beside what the data shows for the latest quarter.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ActorContext } from '../../platform/actor.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { ValidationError, type Problem } from '../../platform/errors.ts';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import type { ImplementationRepository } from './implementation.repository.ts';
import { formatQuarter, quarterOf, type Quarter } from './periods.ts';

export const IMPLEMENTATION_STATUSES = [
  'not-collected',
  'planned-short-term',
  'planned-long-term',
  'collecting',
] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];
export const IMPLEMENTATION_LABELS: Record<ImplementationStatus, string> = {
  'not-collected': 'Not collected',
  'planned-short-term': 'Planned (short term)',
  'planned-long-term': 'Planned (long term)',
  collecting: 'Collecting',
};

export interface TrackerLocality {
  code: string;
  name: string;
}

export interface TrackerEntry {
  localityCode: string;
  indicatorId: string;
  indicatorName: string;
  category: string;
  status: ImplementationStatus;
  since: string | null;
  note: string;
  updatedBy: string | null;
  /** Whether any return for the latest ended quarter carried figures for it from this locality. */
  receivedLatest: boolean;
}

/** The last quarter that has ended by `today`. */
export function latestEndedQuarter(today: Date): Quarter {
  const q = quarterOf(today.toISOString().slice(0, 10));
  return q.q === 1 ? { year: q.year - 1, q: 4 } : { year: q.year, q: q.q - 1 };
}

export function createImplementationService(deps: {
  db: Kysely<DB>;
  repository: ImplementationRepository;
  audit: AuditWriter;
  catalogue: CatalogueService;
  localities: TrackerLocality[];
  now?: () => Date;
}) {
  const { db, repository, audit } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    localities: deps.localities,

    async tracker(): Promise<{ period: string; entries: TrackerEntry[] }> {
      const period = formatQuarter(latestEndedQuarter(now()));
      const [{ indicators }, agreed, received] = await Promise.all([
        deps.catalogue.current(),
        repository.list(db),
        repository.received(db, period),
      ]);
      const agreedBy = new Map(agreed.map((a) => [`${a.locality_code}|${a.indicator_id}`, a]));
      // Partnership-wide bodies (BTP, ERSOU) count for every locality they report about.
      const got = new Set(received.map((r) => `${r.locality_code ?? '*'}|${r.indicator_id}`));
      const entries = deps.localities.flatMap((l) =>
        indicators
          .filter((i) => i.status !== 'proposed')
          .map((i) => {
            const a = agreedBy.get(`${l.code}|${i.id}`);
            return {
              localityCode: l.code,
              indicatorId: i.id,
              indicatorName: i.name,
              category: i.category,
              status: (a?.status ?? 'not-collected') as ImplementationStatus,
              since: a?.since ?? null,
              note: a?.note ?? '',
              updatedBy: a?.updated_by ?? null,
              receivedLatest: got.has(`${l.code}|${i.id}`) || got.has(`*|${i.id}`),
            };
          }),
      );
      return { period, entries };
    },

    async setStatus(
      ctx: ActorContext,
      input: { localityCode: string; indicatorId: string; status: string; since?: string; note?: string },
    ): Promise<void> {
      const problems: Problem[] = [];
      if (!deps.localities.some((l) => l.code === input.localityCode)) {
        problems.push({
          field: 'locality',
          message: `Choose a locality: ${deps.localities.map((l) => l.code).join(', ')}`,
        });
      }
      const { indicators } = await deps.catalogue.current();
      if (!indicators.some((i) => i.id === input.indicatorId)) {
        problems.push({ field: 'indicator', message: `There is no indicator "${input.indicatorId}"` });
      }
      if (!(IMPLEMENTATION_STATUSES as readonly string[]).includes(input.status)) {
        problems.push({ field: 'status', message: `Choose a status: ${IMPLEMENTATION_STATUSES.join(', ')}` });
      }
      const since = (input.since ?? now().toISOString().slice(0, 10)).trim();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(since))) {
        problems.push({ field: 'since', message: 'Enter the date as year-month-day, like 2026-04-01' });
      }
      const note = (input.note ?? '').trim();
      if (note.length > 1000)
        problems.push({ field: 'note', message: 'Note must be 1,000 characters or fewer' });
      if (problems.length) throw new ValidationError('The implementation status was not saved.', problems);
      await db.transaction().execute(async (trx) => {
        await repository.upsert(trx, {
          locality_code: input.localityCode,
          indicator_id: input.indicatorId,
          status: input.status as ImplementationStatus,
          since,
          note,
          updated_by: ctx.actor,
          updated_at: now(),
        });
        await audit.record(trx, ctx, {
          action: 'implementation.set',
          subjectType: 'implementation_status',
          subjectId: `${input.localityCode}/${input.indicatorId}`,
          details: { status: input.status, since },
        });
      });
    },
  };
}

export type ImplementationService = ReturnType<typeof createImplementationService>;
