import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ActorContext } from '../../platform/actor.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { ValidationError, type Problem } from '../../platform/errors.ts';
import { CATEGORIES } from '../catalogue/catalogue.model.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { EVERY, PURPOSES, type Purpose, type SharingAgreement } from './sharing.model.ts';
import type { AgreementRow, SharingRepository } from './sharing.repository.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function toAgreement(r: AgreementRow): SharingAgreement {
  return {
    id: r.id,
    reference: r.reference,
    title: r.title,
    purpose: r.purpose as Purpose,
    dataOwnerIds: r.data_owner_ids,
    recipientIds: r.recipient_ids,
    categories: r.categories,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    createdBy: r.created_by,
  };
}

export function createSharingService(deps: {
  db: Kysely<DB>;
  repository: SharingRepository;
  audit: AuditWriter;
  organisations: OrganisationsService;
}) {
  const { db, repository, audit } = deps;
  return {
    list: async (): Promise<SharingAgreement[]> => (await repository.list(db)).map(toAgreement),

    async add(
      ctx: ActorContext,
      input: Omit<SharingAgreement, 'id' | 'createdBy'>,
    ): Promise<SharingAgreement> {
      const problems: Problem[] = [];
      const reference = input.reference.trim();
      if (!/^[A-Za-z0-9][A-Za-z0-9./-]{1,59}$/.test(reference)) {
        problems.push({
          field: 'reference',
          message: 'Enter a reference of 2 to 60 letters, digits, dots, slashes or hyphens, like DSA-2026-01',
        });
      } else if (await repository.findByReference(db, reference)) {
        problems.push({ field: 'reference', message: `There is already an agreement ${reference}` });
      }
      if (!input.title.trim()) problems.push({ field: 'title', message: 'Enter a title' });
      if (!(PURPOSES as readonly string[]).includes(input.purpose)) {
        problems.push({ field: 'purpose', message: `Choose a purpose: ${PURPOSES.join(', ')}` });
      }
      const orgs = new Set((await deps.organisations.list()).map((o) => o.id));
      for (const [field, ids] of [
        ['owners', input.dataOwnerIds],
        ['recipients', input.recipientIds],
      ] as const) {
        if (!ids.length)
          problems.push({ field, message: `Choose at least one organisation, or ${EVERY} for all` });
        for (const id of ids)
          if (id !== EVERY && !orgs.has(id))
            problems.push({ field, message: `There is no organisation "${id}"` });
      }
      if (!input.categories.length)
        problems.push({ field: 'categories', message: `Choose at least one category, or ${EVERY} for all` });
      for (const c of input.categories) {
        if (c !== EVERY && !(CATEGORIES as readonly string[]).includes(c)) {
          problems.push({ field: 'categories', message: `"${c}" is not an indicator category` });
        }
      }
      if (!DATE.test(input.startsOn))
        problems.push({
          field: 'startsOn',
          message: 'Enter the start date as year-month-day, like 2026-04-01',
        });
      if (!DATE.test(input.endsOn))
        problems.push({ field: 'endsOn', message: 'Enter the end date as year-month-day, like 2027-03-31' });
      if (DATE.test(input.startsOn) && DATE.test(input.endsOn) && input.endsOn < input.startsOn) {
        problems.push({ field: 'endsOn', message: 'The end date must be on or after the start date' });
      }
      if (problems.length) throw new ValidationError('The agreement was not added.', problems);
      const { id } = await db.transaction().execute(async (trx) => {
        const row = await repository.insert(trx, {
          reference,
          title: input.title.trim(),
          purpose: input.purpose,
          data_owner_ids: input.dataOwnerIds,
          recipient_ids: input.recipientIds,
          categories: input.categories,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          created_by: ctx.actor,
        });
        await audit.record(trx, ctx, {
          action: 'agreement.add',
          subjectType: 'sharing_agreement',
          subjectId: reference,
          details: {
            purpose: input.purpose,
            owners: input.dataOwnerIds,
            recipients: input.recipientIds,
            categories: input.categories,
            startsOn: input.startsOn,
            endsOn: input.endsOn,
          },
        });
        return row;
      });
      return { ...input, reference, id, createdBy: ctx.actor };
    },
  };
}

export type SharingService = ReturnType<typeof createSharingService>;
