// Uploaded population estimates as text, for the web page and the command line.
import type { PopulationDistrict, PopulationImportSummary } from './population.model.ts';

const whole = (n: number | null) => (n === null ? '[x]' : n.toLocaleString('en-GB'));

const LONDON = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

export const when = (d: Date) => LONDON.format(d);

export interface PresentedDistrict {
  code: string;
  name: string;
  locality: string;
  children: string;
  file6: string;
  /** Uploaded children aged 0 to 17 per File 6 child aged 0 to 15: the factor wards are scaled by. */
  ratio: string;
}

export function presentDistricts(districts: readonly PopulationDistrict[]): PresentedDistrict[] {
  return districts.map((d) => ({
    code: d.code,
    name: d.name,
    locality: d.localityName,
    children: whole(d.children),
    file6: whole(d.file6Children0To15),
    ratio: d.file6Children0To15 ? (d.children / d.file6Children0To15).toFixed(2) : '[x]',
  }));
}

/** "In use", "Replaced by upload 3" or "Removed 30 Nov 2026, 09:00 by cli:alice". */
export function uploadState(s: PopulationImportSummary): string {
  if (s.removedAt) return `Removed ${when(s.removedAt)} by ${s.removedBy ?? 'unknown'}`;
  if (s.replacedBy !== null) return `Replaced by upload ${s.replacedBy}`;
  return 'In use';
}

export interface PresentedUpload {
  importId: number;
  importedAt: string;
  importedBy: string;
  fileName: string;
  year: string;
  ages: string;
  children: string;
  state: string;
  sha256: string;
}

export function presentHistory(history: readonly PopulationImportSummary[]): PresentedUpload[] {
  return history.map((h) => ({
    importId: h.importId,
    importedAt: when(h.importedAt),
    importedBy: h.importedBy,
    fileName: h.fileName,
    year: `mid-${h.referenceYear}`,
    ages: `${h.ageFrom} to ${h.ageTo}`,
    children: whole(h.total),
    state: uploadState(h),
    sha256: h.sha256,
  }));
}
