// Composition root: the one place that knows how the parts fit together.
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { createAuditRepository } from './platform/audit.repository.ts';
import { createAuditWriter } from './platform/audit.ts';
import { createCatalogueRepository } from './modules/catalogue/catalogue.repository.ts';
import { createCatalogueService } from './modules/catalogue/catalogue.service.ts';

export function buildDeps(config: Config, database: DatabaseHandle) {
  const { db } = database;
  const auditRepository = createAuditRepository();
  const audit = createAuditWriter(auditRepository);
  const catalogue = createCatalogueService({ db, repository: createCatalogueRepository(), audit });
  return { config, database, db, audit, auditRepository, catalogue };
}

export type Deps = ReturnType<typeof buildDeps>;
