// Turns the geography service's area hierarchy into what return validation needs: for each area its
// level, district and locality, found by walking up the parent codes.
import type { AreaInfo } from './return-file.model.ts';

export interface HierarchyArea {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

const LEVELS = new Set(['pathfinder', 'locality', 'district', 'ward']);

export function toAreaInfo(areas: readonly HierarchyArea[]): AreaInfo[] {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const ancestor = (a: HierarchyArea, level: string): string | undefined => {
    for (let x: HierarchyArea | undefined = a; x; x = x.parentCode ? byCode.get(x.parentCode) : undefined) {
      if (x.level === level) return x.code;
    }
    return undefined;
  };
  return areas
    .filter((a) => LEVELS.has(a.level))
    .map((a) => {
      const districtCode = ancestor(a, 'district');
      const localityCode = ancestor(a, 'locality');
      return {
        code: a.code,
        name: a.name,
        level: a.level as AreaInfo['level'],
        ...(districtCode ? { districtCode } : {}),
        ...(localityCode ? { localityCode } : {}),
      };
    });
}
