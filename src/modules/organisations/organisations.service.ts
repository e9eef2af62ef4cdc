import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { BUILT_IN_ORGANISATIONS, type Organisation, type OrganisationKind } from './organisations.builtin.ts';
import type { OrganisationRow, OrganisationsRepository } from './organisations.repository.ts';

function toOrganisation(r: OrganisationRow): Organisation {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as OrganisationKind,
    localityCode: r.locality_code,
    districtCodes: r.district_codes,
  };
}

export function createOrganisationsService(deps: { db: Kysely<DB>; repository: OrganisationsRepository }) {
  const { db, repository } = deps;
  return {
    /** Creates or refreshes the built-in organisations (facts of the partnership, so always current). */
    async ensureBuiltIn(): Promise<void> {
      await repository.upsert(
        db,
        BUILT_IN_ORGANISATIONS.map((o) => ({
          id: o.id,
          name: o.name,
          kind: o.kind,
          locality_code: o.localityCode,
          district_codes: [...o.districtCodes],
        })),
      );
    },

    async list(): Promise<Organisation[]> {
      return (await repository.list(db)).map(toOrganisation);
    },

    async get(id: string): Promise<Organisation> {
      const row = await repository.find(db, id);
      if (!row) {
        throw new NotFoundError(
          `There is no organisation "${id}". Run "clmd organisations list" to see the organisation ids.`,
        );
      }
      return toOrganisation(row);
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
