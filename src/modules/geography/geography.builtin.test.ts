import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA_DIR } from '../../../test/support/reference-files.ts';
import { DISTRICTS, EXPECTED_LSOA_COUNT, LOCALITIES } from './geography.builtin.ts';

type TargetLad = Record<string, string>;

const rows = parse(fs.readFileSync(path.join(SHARED_DATA_DIR, 'geography/target_lads.csv')), {
  columns: true,
}) as TargetLad[];

const codeAndName = (code: string, name: string) => (code ? { code, name } : null);

describe('built-in districts', () => {
  it('are the 32 districts of target_lads.csv, fact for fact', () => {
    expect(DISTRICTS).toHaveLength(32);
    expect(new Set(DISTRICTS.map((d) => d.code))).toEqual(new Set(rows.map((r) => r['lad19cd'])));
    for (const r of rows) {
      const d = DISTRICTS.find((x) => x.code === r['lad19cd'])!;
      const locality = LOCALITIES.find((l) => l.code === d.localityCode)!;
      expect({
        name: d.name,
        type: d.type,
        county: d.county,
        upperTier: d.upperTier,
        ceremonialCounty: d.ceremonialCounty,
        combinedAuthority: d.combinedAuthority,
        region: d.region,
        csps: d.communitySafetyPartnerships,
        pfa: d.policeForceArea,
        force: d.policeForce,
        lsoas: d.lsoaCount,
        localityCounty: locality.ceremonialCounty,
      }).toEqual({
        name: r['lad19nm'],
        type: r['lad_type'],
        county: codeAndName(r['cty19cd']!, r['cty19nm']!),
        upperTier: { code: r['utla_cd'], name: r['utla_nm'] },
        ceremonialCounty: r['ceremonial_county'],
        combinedAuthority: codeAndName(r['cauth_cd']!, r['cauth_nm']!),
        region: { code: r['rgn_cd'], name: r['rgn_nm'] },
        csps: r['csp19cd']!.split(';').map((code, i) => ({ code, name: r['csp19nm']!.split(';')[i] })),
        pfa: { code: r['pfa19cd'], name: r['pfa19nm'] },
        force: r['police_force_policeuk'],
        lsoas: Number(r['lsoa11_count_imd2019']),
        localityCounty: r['ceremonial_county'],
      });
    }
  });

  it('add up to the 2,543 LSOAs of IoD2019 and four localities of 7, 5, 6 and 14 districts', () => {
    expect(EXPECTED_LSOA_COUNT).toBe(2543);
    const perLocality = LOCALITIES.map((l) => DISTRICTS.filter((d) => d.localityCode === l.code).length);
    expect(perLocality).toEqual([7, 5, 6, 14]);
  });
});
