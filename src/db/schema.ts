// The database as Kysely sees it: one entry per table, typed by the module that owns it.
import type { AuditEventTable } from '../platform/audit.table.ts';
import type { CatalogueVersionTable, IndicatorTable } from '../modules/catalogue/catalogue.table.ts';

export interface DB {
  audit_event: AuditEventTable;
  catalogue_version: CatalogueVersionTable;
  indicator: IndicatorTable;
}
