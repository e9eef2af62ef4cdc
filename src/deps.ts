// Composition root: the one place that knows how the parts fit together.
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { createAuditRepository } from './platform/audit.repository.ts';
import { createAuditWriter } from './platform/audit.ts';
import { createCatalogueRepository } from './modules/catalogue/catalogue.repository.ts';
import { createCatalogueService } from './modules/catalogue/catalogue.service.ts';
import { createGeographyRepository } from './modules/geography/geography.repository.ts';
import { createGeographyService } from './modules/geography/geography.service.ts';
import { createCrimeRepository } from './modules/crime/crime.repository.ts';
import { createAnalysisService } from './modules/analysis/analysis.service.ts';
import { createCustomCombinationRepository } from './modules/analysis/custom/custom.repository.ts';
import { createCustomCombinationService } from './modules/analysis/custom/custom.service.ts';
import { createCrimeService } from './modules/crime/crime.service.ts';
import { createPopulationRepository } from './modules/population/population.repository.ts';
import { createPopulationService } from './modules/population/population.service.ts';
import { LOCALITIES } from './modules/geography/geography.builtin.ts';
import { createOrganisationsRepository } from './modules/organisations/organisations.repository.ts';
import { createOrganisationsService } from './modules/organisations/organisations.service.ts';
import { toAreaInfo } from './modules/returns/area-info.ts';
import { createImplementationRepository } from './modules/returns/implementation.repository.ts';
import { createImplementationService } from './modules/returns/implementation.service.ts';
import { createReturnsRepository } from './modules/returns/returns.repository.ts';
import { createReturnsService } from './modules/returns/returns.service.ts';
import { createDemoService } from './modules/demo/demo.service.ts';
import { districtWeights } from './modules/demo/district-weights.ts';
import { createFileStore } from './platform/file-store.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createSharingRepository } from './modules/sharing/sharing.repository.ts';
import { createSharingService } from './modules/sharing/sharing.service.ts';
import { createDataService } from './modules/data/data.service.ts';
import { createDataRepository } from './modules/data/data.repository.ts';
import { createUsersRepository } from './modules/users/users.repository.ts';
import { createUsersService } from './modules/users/users.service.ts';
import path from 'node:path';

export interface DepsOptions {
  /** The clock, for tests and the demo; defaults to the real time. */
  now?: () => Date;
}

export function buildDeps(config: Config, database: DatabaseHandle, options: DepsOptions = {}) {
  const { db } = database;
  const auditRepository = createAuditRepository();
  const audit = createAuditWriter(auditRepository);
  const catalogue = createCatalogueService({ db, repository: createCatalogueRepository(), audit });
  const geography = createGeographyService({ db, repository: createGeographyRepository(), audit });
  const crime = createCrimeService({ db, repository: createCrimeRepository(), audit, geography });
  const organisations = createOrganisationsService({ db, repository: createOrganisationsRepository() });
  type Level = 'pathfinder' | 'locality' | 'district' | 'ward';
  const listAreas = async (levels: readonly Level[] = ['pathfinder', 'locality', 'district', 'ward']) =>
    toAreaInfo(await geography.listAreas(levels));
  const returns = createReturnsService({
    db,
    repository: createReturnsRepository(),
    audit,
    catalogue,
    organisations,
    listAreas,
    files: createFileStore(path.join(config.dataDir, 'submissions')),
    ...(options.now ? { now: options.now } : {}),
  });
  const implementation = createImplementationService({
    db,
    repository: createImplementationRepository(),
    audit,
    catalogue,
    localities: LOCALITIES.map((l) => ({ code: l.code, name: l.name })),
    ...(options.now ? { now: options.now } : {}),
  });
  const users = createUsersService({
    db,
    repository: createUsersRepository(),
    audit,
    organisations,
    ...(options.now ? { now: options.now } : {}),
  });
  const auditLog = createAuditService({ db, repository: auditRepository, audit });
  const sharing = createSharingService({ db, repository: createSharingRepository(), audit, organisations });
  const data = createDataService({
    repository: createDataRepository(),
    db,
    audit,
    catalogue,
    returns,
    listAreas,
    agreements: () => sharing.list(),
  });
  const population = createPopulationService({
    db,
    repository: createPopulationRepository(),
    audit,
    geography,
  });
  const analysis = createAnalysisService({
    data,
    catalogue,
    geography,
    crime,
    denominators: () => population.currentDenominators(),
  });
  const customCombinations = createCustomCombinationService({
    db,
    repository: createCustomCombinationRepository(),
    audit,
    catalogue,
    analysis,
    geography,
    ...(options.now ? { now: options.now } : {}),
  });
  const demo = createDemoService({
    catalogue,
    organisations,
    returns,
    listAreas,
    districtWeights: async () =>
      districtWeights(
        (await geography.localitiesOverview()).localities.flatMap((l) =>
          l.districts.map((d) => ({ code: d.code, ...d.derived })),
        ),
      ),
  });
  return {
    config,
    database,
    db,
    audit,
    auditRepository,
    catalogue,
    geography,
    crime,
    organisations,
    returns,
    implementation,
    users,
    auditLog,
    sharing,
    data,
    population,
    analysis,
    customCombinations,
    demo,
  };
}

export type Deps = ReturnType<typeof buildDeps>;
