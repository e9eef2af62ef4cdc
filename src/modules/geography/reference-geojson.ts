// Reads an ONS boundary file (GeoJSON FeatureCollection in WGS84) and keeps the features of the
// Pathfinder's areas. These files are a few megabytes, so reading one whole is fine.
import fs from 'node:fs';
import { found, type ProblemList } from './reference-problems.ts';
import type { FileReport } from './reference-files.ts';
import type { LocatedSource } from './reference-sources.ts';

export type BoundaryLevel = 'district' | 'ward' | 'lsoa';

export interface Boundary {
  code: string;
  name: string | undefined;
  /** The district a ward belongs to, when the file says. */
  district: string | undefined;
  level: BoundaryLevel;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
}

/** Property names (compared case-insensitively) by level: ours first, then ONS's. */
const PROPERTIES: Record<BoundaryLevel, { code: string[]; name: string[]; district: string[] }> = {
  district: {
    code: ['lad19cd', 'lad20cd', 'lad21cd', 'lad22cd', 'lad23cd', 'lad24cd', 'lad25cd'],
    name: ['lad19nm', 'lad20nm', 'lad21nm', 'lad22nm', 'lad23nm', 'lad24nm', 'lad25nm'],
    district: [],
  },
  ward: { code: ['wd25cd'], name: ['wd25nm'], district: ['lad25cd'] },
  lsoa: { code: ['lsoa11cd'], name: ['lsoa11nm'], district: [] },
};

const LEVEL_NAMES: Record<BoundaryLevel, string> = {
  district: 'local authority district',
  ward: 'ward (May 2025)',
  lsoa: 'LSOA (2011)',
};

function pick(properties: Record<string, unknown>, names: string[]): string | undefined {
  for (const [k, v] of Object.entries(properties)) {
    if (names.includes(k.toLowerCase()) && typeof v === 'string' && v.trim()) return v.trim();
  }
  return undefined;
}

function firstPosition(coordinates: unknown): unknown {
  let c = coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return c;
}

/**
 * The boundaries of the areas `wanted` accepts (true) from one GeoJSON file; other features are
 * counted as outside the Pathfinder.
 */
export async function readBoundaries(
  source: LocatedSource,
  level: BoundaryLevel,
  wanted: (code: string, district: string | undefined) => boolean,
  problems: ProblemList,
): Promise<{ report: FileReport; boundaries: Boundary[] } | undefined> {
  const file = source.path;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.promises.readFile(source.absolutePath, 'utf8'));
  } catch (error) {
    problems.add({
      file,
      message: `The file is not valid GeoJSON (${error instanceof Error ? error.message : String(error)}). Download it again as GeoJSON`,
    });
    return undefined;
  }
  const features = (parsed as { type?: unknown; features?: unknown }).features;
  if ((parsed as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    problems.add({
      file,
      message: 'The file is not a GeoJSON FeatureCollection. Download the boundaries as GeoJSON',
    });
    return undefined;
  }
  const keys = PROPERTIES[level];
  const boundaries: Boundary[] = [];
  const seen = new Set<string>();
  let outside = 0;
  for (const [i, feature] of features.entries()) {
    const field = `feature ${i + 1}`;
    const properties = ((feature as { properties?: unknown }).properties ?? {}) as Record<string, unknown>;
    const code = pick(properties, keys.code);
    if (!code) {
      problems.add({
        file,
        field,
        message: `The feature has no ${keys.code[0]} property. Use ${LEVEL_NAMES[level]} boundaries from the ONS Open Geography Portal`,
      });
      if (i === 0) return undefined; // the wrong kind of file: one message is enough
      continue;
    }
    const district = pick(properties, keys.district);
    if (!wanted(code, district)) {
      outside += 1;
      continue;
    }
    if (seen.has(code)) {
      problems.add({ file, field, message: `${code} appears more than once. Remove the duplicate feature` });
      continue;
    }
    seen.add(code);
    const geometry = (feature as { geometry?: { type?: unknown; coordinates?: unknown } }).geometry;
    if (
      !geometry ||
      (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') ||
      !Array.isArray(geometry.coordinates)
    ) {
      problems.add({
        file,
        field,
        message: `The boundary of ${code} is not a polygon${found(String(geometry?.type ?? ''))}`,
      });
      continue;
    }
    const position = firstPosition(geometry.coordinates);
    const [lon, lat] = Array.isArray(position) ? (position as unknown[]) : [];
    if (typeof lon !== 'number' || typeof lat !== 'number' || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      problems.add({
        file,
        field,
        message: `The boundary of ${code} is not in longitude and latitude. Use the WGS84 (EPSG:4326) version of the file, not British National Grid`,
      });
      continue;
    }
    boundaries.push({
      code,
      name: pick(properties, keys.name),
      district,
      level,
      geometry: { type: geometry.type, coordinates: geometry.coordinates },
    });
  }
  const { spec } = source;
  return {
    report: {
      role: spec.role,
      label: spec.label,
      path: file,
      required: spec.required,
      foundBy: source.foundBy,
      rows: features.length,
      loaded: boundaries.length,
      outside,
    },
    boundaries,
  };
}
