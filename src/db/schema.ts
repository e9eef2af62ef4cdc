// The database as Kysely sees it: one entry per table, typed by the module that owns it.
import type { AuditEventTable } from '../platform/audit.table.ts';
import type { CatalogueVersionTable, IndicatorTable } from '../modules/catalogue/catalogue.table.ts';
import type {
  AreaTable,
  BoundaryTable,
  DistrictDeprivationSummaryTable,
  LsoaDeprivationTable,
  LsoaPopulationTable,
  LsoaWardLookupTable,
  ReferenceImportTable,
  WardLookupTable,
} from '../modules/geography/geography.table.ts';
import type { OrganisationTable } from '../modules/organisations/organisations.table.ts';
import type {
  DataReturnTable,
  ImplementationStatusTable,
  ObservationTable,
  ReturnStatusChangeTable,
  SubmissionTable,
} from '../modules/returns/returns.table.ts';
import type { AppUserTable, MembershipTable, UserSessionTable } from '../modules/users/users.table.ts';
import type { SharingAgreementTable } from '../modules/sharing/sharing.table.ts';
import type {
  CrimeCountTable,
  CrimeImportTable,
  CrimeSourceFileTable,
} from '../modules/crime/crime.table.ts';
import type { UserCombinationTable } from '../modules/analysis/custom/custom.table.ts';
import type {
  PopulationEstimateTable,
  PopulationImportTable,
} from '../modules/population/population.table.ts';

export interface DB {
  audit_event: AuditEventTable;
  catalogue_version: CatalogueVersionTable;
  indicator: IndicatorTable;
  area: AreaTable;
  lsoa_deprivation: LsoaDeprivationTable;
  lsoa_population: LsoaPopulationTable;
  district_deprivation_summary: DistrictDeprivationSummaryTable;
  ward_lookup: WardLookupTable;
  lsoa_ward_lookup: LsoaWardLookupTable;
  boundary: BoundaryTable;
  reference_import: ReferenceImportTable;
  organisation: OrganisationTable;
  data_return: DataReturnTable;
  return_status_change: ReturnStatusChangeTable;
  submission: SubmissionTable;
  observation: ObservationTable;
  implementation_status: ImplementationStatusTable;
  app_user: AppUserTable;
  membership: MembershipTable;
  user_session: UserSessionTable;
  sharing_agreement: SharingAgreementTable;
  crime_import: CrimeImportTable;
  crime_source_file: CrimeSourceFileTable;
  crime_count: CrimeCountTable;
  user_combination: UserCombinationTable;
  population_import: PopulationImportTable;
  population_estimate: PopulationEstimateTable;
}
