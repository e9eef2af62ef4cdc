// Migrations in order. Listed statically (not read from disk) so they run the same from source,
// from a bundle and in tests. Names are timestamped; never rename or edit one that has shipped.
import type { Migration } from 'kysely';
import * as audit from './2026-11-23-01-audit.ts';
import * as catalogue from './2026-11-23-02-catalogue.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-23-01-audit': audit,
  '2026-11-23-02-catalogue': catalogue,
};
