import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function createDataRepository() {
  return {
    /**
     * A marker that changes whenever anything a data view is computed from changes: a submission, an
     * approval, a catalogue version, a reference or police.uk import, a population estimate uploaded or
     * removed. Views computed under the same marker are the same, so they can be reused; the database
     * stays the only source of truth.
     */
    async changeMarker(db: Kysely<DB>): Promise<string> {
      const r = await sql<{ marker: string }>`
        select concat_ws('/',
          (select coalesce(max(id), 0) from submission),
          (select coalesce(extract(epoch from max(approved_at)), 0) from submission),
          (select count(*) from submission where approved_at is not null),
          (select coalesce(max(id), 0) from catalogue_version),
          (select coalesce(max(id), 0) from reference_import),
          (select coalesce(max(id), 0) from crime_import),
          (select coalesce(max(id), 0) from population_import),
          (select count(*) from population_import where removed_at is not null)) as marker`.execute(db);
      return r.rows[0]!.marker;
    },
  };
}

export type DataRepository = ReturnType<typeof createDataRepository>;
