// Uploaded ONS mid-year population estimates, as the rest of the platform sees them: what a file held,
// what an upload replaced, and which denominators rates use now.

/** The ages summed from an estimate: children under 18, as the Minimum Dataset counts young people. */
export const AGE_FROM = 0;
export const AGE_TO = 17;

export type MyeLayout = 'wide' | 'long';

/** Where the reference year came from. */
export type YearSource = 'option' | 'column' | 'title' | 'file name';

/** One of the 32 districts with its uploaded children and, to compare, File 6's children aged 0 to 15. */
export interface PopulationDistrict {
  code: string;
  name: string;
  localityCode: string;
  localityName: string;
  children: number;
  /** IoD2019 File 6 (mid-2015) children aged 0 to 15; null before the reference data is imported. */
  file6Children0To15: number | null;
}

/** What an upload's file held, the same in its report and in the history of uploads. */
interface PopulationFileFacts {
  fileName: string;
  sha256: string;
  referenceYear: number;
  ageFrom: number;
  ageTo: number;
  layout: MyeLayout;
  sheet: string | null;
  rowsRead: number;
  otherAreaRows: number;
  /** Children aged ageFrom to ageTo in the 32 districts. */
  total: number;
  /** What rates say they are per, while this upload is in use. */
  label: string;
}

export interface PopulationImportSummary extends PopulationFileFacts {
  importId: number;
  importedAt: Date;
  importedBy: string;
  replacedBy: number | null;
  removedAt: Date | null;
  removedBy: string | null;
}

export interface PopulationImportReport extends PopulationFileFacts {
  dryRun: boolean;
  /** Null for a dry run. */
  importId: number | null;
  importedAt: Date | null;
  yearSource: YearSource;
  districts: PopulationDistrict[];
  /** The upload this one replaced (or, for a dry run, would replace). */
  replaced: { importId: number; fileName: string; referenceYear: number; sameFile: boolean } | null;
}

export interface PopulationStatus {
  inUse: 'uploaded' | 'file6';
  /** What rates are per now. */
  label: string;
  current: (PopulationImportSummary & { districts: PopulationDistrict[] }) | null;
  /** Every upload, newest first, the one in use included. */
  history: PopulationImportSummary[];
}

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** "children aged 0 to 17 (ONS mid-2022 estimates, uploaded 30 November 2026)" */
export function uploadedLabel(input: {
  referenceYear: number;
  ageFrom: number;
  ageTo: number;
  importedAt: Date;
}): string {
  return `children aged ${input.ageFrom} to ${input.ageTo} (ONS mid-${input.referenceYear} estimates, uploaded ${LONDON_DATE.format(input.importedAt)})`;
}
