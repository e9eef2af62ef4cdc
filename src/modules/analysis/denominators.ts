// Denominators for rates: children by area. By default the dependent children aged 0 to 15 of IoD2019
// File 6 (mid-2015), summed from LSOAs to wards and districts, and from districts to localities and the
// Pathfinder, so every level adds up.
import type { Area } from '../geography/geography.model.ts';
import type { Denominators } from './indicator-analysis.ts';

export const POPULATION_LABEL = 'residents (mid-2015, English Indices of Deprivation 2019 File 6)';
export const FILE6_LABEL = 'children aged 0 to 15 (mid-2015, English Indices of Deprivation 2019 File 6)';

/**
 * @param children - children by district and ward code
 * @param areas - the hierarchy (Pathfinder, localities, districts) to sum districts upwards
 */
export function denominatorsFrom(
  children: ReadonlyMap<string, number>,
  areas: readonly Pick<Area, 'code' | 'level' | 'parentCode'>[],
  label: string,
): Denominators {
  const byArea = new Map(children);
  const districts = areas.filter((a) => a.level === 'district');
  for (const parent of areas.filter((a) => a.level === 'locality' || a.level === 'pathfinder')) {
    const within = districts.filter((d) =>
      parent.level === 'pathfinder' ? true : d.parentCode === parent.code,
    );
    // A level's denominator is only known when every district below it is.
    if (within.length && within.every((d) => byArea.has(d.code))) {
      byArea.set(
        parent.code,
        within.reduce((sum, d) => sum + byArea.get(d.code)!, 0),
      );
    }
  }
  return { label, byArea };
}
