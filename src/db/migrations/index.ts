// Migrations in order. Listed statically (not read from disk) so they run the same from source,
// from a bundle and in tests. Names are timestamped; never rename or edit one that has shipped.
import type { Migration } from 'kysely';
import * as audit from './2026-11-23-01-audit.ts';
import * as catalogue from './2026-11-23-02-catalogue.ts';
import * as geography from './2026-11-23-03-geography.ts';
import * as returns from './2026-11-23-04-returns.ts';
import * as sharing from './2026-11-23-05-sharing.ts';
import * as crime from './2026-11-23-06-crime.ts';
import * as userCombinations from './2026-11-30-01-user-combinations.ts';
import * as populationEstimates from './2026-11-30-02-population-estimates.ts';
import * as observationDirect from './2026-12-01-01-observation-direct.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-23-01-audit': audit,
  '2026-11-23-02-catalogue': catalogue,
  '2026-11-23-03-geography': geography,
  '2026-11-23-04-returns': returns,
  '2026-11-23-05-sharing': sharing,
  '2026-11-23-06-crime': crime,
  '2026-11-30-01-user-combinations': userCombinations,
  '2026-11-30-02-population-estimates': populationEstimates,
  '2026-12-01-01-observation-direct': observationDirect,
};
