// Which files the reference import reads, where it looks for them in the directory given, and how
// it recognises an official file saved under another name (by its headers or file name).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ColumnSpec } from './reference-csv.ts';
import { matchColumns, readHeaderLine } from './reference-csv.ts';
import {
  DOMAIN_COLUMNS,
  IDACI_COLUMNS,
  IMD_COLUMNS,
  LSOA_CODE,
  LSOA_WARD_2019_COLUMNS,
  LSOA_WARD_2025_COLUMNS,
  POPULATION_COLUMNS,
  WARD_2019_COLUMNS,
} from './reference-columns.ts';
import { FILE10_SHEETS, file10Columns } from './reference-file10.ts';

export interface SourceSpec {
  role: string;
  label: string;
  required: boolean;
  kind: 'csv' | 'geojson';
  /** Paths relative to the directory, in order of preference (as laid out in ../shared/data). */
  paths: readonly string[];
  /** For CSVs: the columns, whose required ones also recognise the file under another name. */
  columns?: readonly ColumnSpec[];
  /** A CSV with this column is never taken for this source (a per-LSOA file is not a ward list). */
  notIfColumn?: ColumnSpec;
  /** For GeoJSON: file names that suggest this file. */
  fileName?: RegExp;
}

export const SOURCES: readonly SourceSpec[] = [
  {
    role: 'imd',
    label: 'IoD2019 File 1: Index of Multiple Deprivation by LSOA',
    required: true,
    kind: 'csv',
    paths: ['imd2019/imd2019_lsoa_target.csv', 'imd2019/imd2019_lsoa_england.csv'],
    columns: IMD_COLUMNS,
  },
  {
    role: 'idaci',
    label: 'IoD2019 File 3: IDACI and IDAOPI by LSOA',
    required: true,
    kind: 'csv',
    paths: [
      'imd2019/iod2019_file3_idaci_idaopi_target.csv',
      'imd2019/iod2019_file3_idaci_idaopi_england.csv',
    ],
    columns: IDACI_COLUMNS,
  },
  {
    role: 'population',
    label: 'IoD2019 File 6: population denominators (mid-2015)',
    required: true,
    kind: 'csv',
    paths: ['imd2019/iod2019_file6_population_denominators_target.csv'],
    columns: POPULATION_COLUMNS,
  },
  {
    role: 'lsoa-ward-2019',
    label: 'ONS LSOA (2011) to ward (2019) lookup',
    required: true,
    kind: 'csv',
    paths: ['geography/lookup_lsoa11_ward19_lad19_target.csv'],
    columns: LSOA_WARD_2019_COLUMNS,
  },
  {
    role: 'lsoa-ward-2025',
    label: 'LSOA (2011) to ward (May 2025) best fit (derived)',
    required: true,
    kind: 'csv',
    paths: ['geography/derived_bestfit_lsoa11_to_ward2025_target.csv'],
    columns: LSOA_WARD_2025_COLUMNS,
  },
  {
    role: 'domains',
    label: 'IoD2019 File 2: domains of deprivation by LSOA',
    required: false,
    kind: 'csv',
    paths: ['imd2019/iod2019_file2_domains_target.csv'],
    columns: DOMAIN_COLUMNS,
  },
  {
    role: 'ward-2019',
    label: 'ONS ward (2019) to district and county lookup',
    required: false,
    kind: 'csv',
    paths: ['geography/lookup_ward19_lad19_cty19_target.csv'],
    columns: WARD_2019_COLUMNS,
    notIfColumn: LSOA_CODE,
  },
  ...FILE10_SHEETS.map((s): SourceSpec => ({
    role: `file10-${s.sheet}`,
    label: `IoD2019 File 10: district summaries, ${s.official} sheet`,
    required: false,
    kind: 'csv',
    paths: [`imd2019/iod2019_file10_lad_summaries/file10_${s.sheet}.csv`],
    columns: file10Columns(s),
    notIfColumn: LSOA_CODE,
  })),
  {
    role: 'boundaries-district',
    label: 'District boundaries (BGC, GeoJSON)',
    required: false,
    kind: 'geojson',
    paths: ['boundaries/lad_bgc_target.geojson'],
    fileName: /(^|[^a-z])(lad|local.?authorit|district)[^/]*\.geojson$/i,
  },
  {
    role: 'boundaries-ward-2025',
    label: 'Ward (May 2025) boundaries (BGC, GeoJSON)',
    required: false,
    kind: 'geojson',
    paths: ['boundaries/wards_2025_bgc_target.geojson'],
    fileName: /(ward|wd25)[^/]*\.geojson$/i,
  },
  {
    role: 'boundaries-lsoa',
    label: 'LSOA (2011) boundaries (BGC, GeoJSON)',
    required: false,
    kind: 'geojson',
    paths: ['boundaries/lsoa11_bgc_target.geojson'],
    fileName: /lsoa[^/]*\.geojson$/i,
  },
];

export interface LocatedSource {
  spec: SourceSpec;
  /** Relative to the directory, with forward slashes, as shown to the user. */
  path: string;
  absolutePath: string;
  /** How it was found: at the expected path, or recognised by its headers or name. */
  foundBy: 'path' | 'headers' | 'name';
}

export interface SourceFile {
  path: string;
  sha256: string;
  bytes: number;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);
const MAX_SCANNED_FILES = 2000;

async function listFiles(dir: string, depth = 4): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string, level: number): Promise<void> {
    if (level > depth || out.length >= MAX_SCANNED_FILES) return;
    const entries = await fs.promises.readdir(current, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = path.join(current, e.name);
      if (e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(full, level + 1);
      else if (e.isFile()) out.push(full);
    }
  }
  await walk(dir, 0);
  return out;
}

const relative = (dir: string, file: string) => path.relative(dir, file).split(path.sep).join('/');

/**
 * Finds each source: at its expected path first; otherwise a CSV whose headers have every required
 * column (the narrowest such file, so File 1 is preferred to the wider File 2, 3 or 7), or a GeoJSON
 * file whose name suggests it. Returns the sources found; missing ones are simply absent.
 */
export async function locateSources(dir: string): Promise<LocatedSource[]> {
  const located: LocatedSource[] = [];
  let scanned: { file: string; headers: string[] }[] | undefined;
  let allFiles: string[] | undefined;
  for (const spec of SOURCES) {
    const known = spec.paths
      .map((p) => path.join(dir, p))
      .find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
    if (known) {
      located.push({ spec, path: relative(dir, known), absolutePath: known, foundBy: 'path' });
      continue;
    }
    allFiles ??= await listFiles(dir);
    if (spec.kind === 'csv' && spec.columns) {
      scanned ??= await Promise.all(
        allFiles
          .filter((f) => f.toLowerCase().endsWith('.csv'))
          .map(async (file) => ({ file, headers: await readHeaderLine(file) })),
      );
      const { columns, notIfColumn } = spec;
      const match = scanned
        .filter((s) => matchColumns(s.headers, columns).missing.length === 0)
        .filter((s) => !notIfColumn || matchColumns(s.headers, [notIfColumn]).missing.length > 0)
        .sort((a, b) => a.headers.length - b.headers.length)[0];
      if (match)
        located.push({ spec, path: relative(dir, match.file), absolutePath: match.file, foundBy: 'headers' });
    } else if (spec.kind === 'geojson' && spec.fileName) {
      const pattern = spec.fileName;
      const match = allFiles.find((f) => pattern.test(path.basename(f)));
      if (match) located.push({ spec, path: relative(dir, match), absolutePath: match, foundBy: 'name' });
    }
  }
  return located;
}

export async function sha256File(absolutePath: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(absolutePath)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** One checksum for the whole set: equal fingerprints mean the same files with the same content. */
export function fingerprint(files: readonly SourceFile[]): string {
  const lines = [...files].sort((a, b) => a.path.localeCompare(b.path)).map((f) => `${f.path} ${f.sha256}`);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
