import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CATALOGUE } from './catalogue.builtin.ts';
import { COMBINATIONS, DIMENSIONS, combinationsText } from './catalogue.dimensions.ts';
import {
  ACHIEVABILITY,
  AREA_LEVELS,
  CATEGORIES,
  PERIOD_KINDS,
  POLARITIES,
  STATUSES,
  SUPPLIER_KINDS,
  TIERS,
  VALUE_TYPES,
  type Indicator,
} from './catalogue.model.ts';

// The report is the specification, so the faithfulness tests read it rather than a copy of it.
const REPORT_PATH = path.resolve(
  import.meta.dirname,
  '../../../../shared/seed/recommended-minimum-dataset-report.txt',
);
const REPORT = readFileSync(REPORT_PATH, 'utf8');
const REPORT_LINES = REPORT.split(/\r?\n/);

const COLUMN_KEYS = ['category', 'name', 'granularity', 'source', 'dataType', 'purpose', 'caveats'] as const;

/** Table rows 1–19: tab field 1 is the row number, fields 2–8 are columns A–G. */
function reportTableRows(): Map<number, string[]> {
  const rows = new Map<number, string[]>();
  for (const line of REPORT_LINES) {
    const fields = line.split('\t');
    if (fields.length !== 8 || !/^\d+$/.test(fields[0] ?? '')) continue;
    const row = Number(fields[0]);
    if (row >= 1 && row <= 19) rows.set(row, fields.slice(1));
  }
  return rows;
}

/** The "Relevant indicators:" bullets under a section 3.1.x heading. */
function relevantIndicatorBullets(section: string): string[] {
  const start = REPORT_LINES.findIndex((l) => l.startsWith(`${section}. Combination`));
  if (start < 0) throw new Error(`section ${section} not found in the report`);
  const bullets: string[] = [];
  for (const line of REPORT_LINES.slice(start + 1)) {
    if (line.startsWith('- ')) bullets.push(line.slice(2));
    else if (line.trim() !== '' && line.trim() !== 'Relevant indicators:') break;
  }
  return bullets;
}

const byId = new Map(BUILT_IN_CATALOGUE.map((i) => [i.id, i]));
function get(id: string): Indicator {
  const indicator = byId.get(id);
  if (!indicator) throw new Error(`no built-in indicator ${id}`);
  return indicator;
}

/**
 * Section 3.1's bullets, in the report's order, matched to the indicator(s) each names. One bullet
 * ("ERSOU County Lines data by district") is split into four indicators in the catalogue.
 */
const SECTION_3_1: Record<string, { section: string; bullets: string[][] }> = {
  'btp-insights': {
    section: '3.1.1',
    bullets: [
      ['out-of-area-arrests'],
      ['missing-yp-found-outside-la'],
      ['yp-detained-by-btp'],
      ['safeguarding-referrals-after-btp'],
    ],
  },
  'education-and-missing': {
    section: '3.1.2',
    bullets: [
      ['educational-settings-of-yp-at-risk'],
      ['yp-outside-mainstream-education'],
      ['missing-yp-with-cce-marker'],
      ['yp-repeat-missing'],
    ],
  },
  'areas-at-risk': {
    section: '3.1.3',
    bullets: [
      [
        'ersou-cl-arrests-by-district',
        'ersou-threat-level-by-district',
        'ersou-line-longevity-by-district',
        'ersou-import-export-areas-by-district',
      ],
      ['clicm-lines-by-area'],
      ['yp-drug-arrests-by-area'],
      ['missing-episodes-by-area'],
      ['crime-share-by-area'],
      ['imd-rank-by-district'],
    ],
  },
  'nrm-efficacy': {
    section: '3.1.4',
    bullets: [
      ['svv-related-arrests'],
      ['yp-drug-arrests'],
      ['nrm-ce-investigations'],
      ['nrm-ce-referrals-by-outcome', 'nrm-ce-referral-success-rate'],
    ],
  },
};

/** The indicators the report describes outside its table (sections 2.3.x and 3.1). */
const DESCRIBED_IDS = [
  'yp-at-risk-of-cce',
  'yp-at-risk-by-risk-level',
  'yp-at-risk-demographics',
  'yp-at-risk-in-care',
  'active-cl-investigations',
  'cl-nominals',
  'ersou-cl-arrests-by-district',
  'ersou-threat-level-by-district',
  'ersou-line-longevity-by-district',
  'ersou-import-export-areas-by-district',
  'clicm-lines-by-area',
  'crime-share-by-area',
  'nrm-ce-investigations',
  'nrm-ce-referrals-by-outcome',
  'nrm-ce-referral-success-rate',
  'safeguarding-referrals-after-btp',
  'inter-agency-referrals-yp-at-risk',
  'out-of-area-yp-found-in-county',
  'yp-persistently-absent-or-excluded',
  'yp-with-sen-excluded',
  'yp-on-reduced-timetables',
  'yp-in-substance-misuse-treatment',
];

const PROPOSED_IDS = [
  'yp-overdose-admissions',
  'yp-unexplained-injury-admissions',
  'yp-sexual-health-clinic-attendances',
  'rehousing-applications-involving-yp',
];

describe('built-in catalogue: the report indicator table', () => {
  const tableRows = reportTableRows();

  it('finds all 19 indicator rows in the report', () => {
    expect([...tableRows.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
  });

  it.each(Array.from({ length: 19 }, (_, i) => i + 1))('copies columns A–G of row %i exactly', (row) => {
    const fields = tableRows.get(row);
    const matches = BUILT_IN_CATALOGUE.filter(
      (i) => i.provenance.kind === 'table' && i.provenance.row === row,
    );
    expect(matches).toHaveLength(1);
    const indicator = matches[0]!;
    expect(COLUMN_KEYS.map((k) => indicator[k])).toEqual(fields);
    expect(indicator.status).toBe('agreed');
    expect(indicator.provenance.note).toBe(`Columns A–G from table row ${row}; column H from section 3.1`);
  });

  it('has nothing from the empty row 20 and no other table rows', () => {
    const rows = BUILT_IN_CATALOGUE.filter((i) => i.provenance.kind === 'table').map((i) => i.provenance.row);
    expect(rows).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(BUILT_IN_CATALOGUE.filter((i) => i.status === 'agreed')).toHaveLength(19);
  });

  it('lists table rows first, in order, then described, then proposed', () => {
    const statuses = BUILT_IN_CATALOGUE.map((i) => i.status);
    const firstDescribed = statuses.indexOf('described');
    const firstProposed = statuses.indexOf('proposed');
    expect(statuses.slice(0, 19).every((s) => s === 'agreed')).toBe(true);
    expect(firstDescribed).toBe(19);
    expect(statuses.slice(firstDescribed, firstProposed).every((s) => s === 'described')).toBe(true);
    expect(statuses.slice(firstProposed).every((s) => s === 'proposed')).toBe(true);
  });

  it('marks row 8 long-term, as its caveat says, and the other rows short-term', () => {
    for (const i of BUILT_IN_CATALOGUE.filter((x) => x.status === 'agreed')) {
      expect(i.achievability, i.id).toBe(i.provenance.row === 8 ? 'long-term' : 'short-term');
    }
  });
});

describe('built-in catalogue: indicators from the report text', () => {
  it.each(DESCRIBED_IDS)('includes described indicator %s', (id) => {
    const indicator = get(id);
    expect(indicator.status).toBe('described');
    expect(indicator.provenance.kind).toBe('section');
    expect(indicator.provenance.section).toMatch(/^(2\.3\.[1-9]|3\.1\.[1-4])$/);
    expect(indicator.provenance.note).toContain(`section ${indicator.provenance.section}`);
  });

  it('has no described indicators beyond the listed ones', () => {
    const described = BUILT_IN_CATALOGUE.filter((i) => i.status === 'described').map((i) => i.id);
    expect([...described].sort()).toEqual([...DESCRIBED_IDS].sort());
  });

  it.each(PROPOSED_IDS)('includes section 3.2 extension %s as proposed and not assessed', (id) => {
    const indicator = get(id);
    expect(indicator.status).toBe('proposed');
    expect(indicator.achievability).toBe('not-assessed');
    expect(indicator.provenance.kind).toBe('section');
    expect(['3.2.2', '3.2.3']).toContain(indicator.provenance.section);
    expect(['Healthcare', 'Housing/accommodation']).toContain(indicator.category);
  });

  it('has no proposed indicators beyond the listed ones', () => {
    const proposed = BUILT_IN_CATALOGUE.filter((i) => i.status === 'proposed').map((i) => i.id);
    expect([...proposed].sort()).toEqual([...PROPOSED_IDS].sort());
  });

  it('fills columns A–G for every described and proposed indicator', () => {
    for (const i of BUILT_IN_CATALOGUE.filter((x) => x.status !== 'agreed')) {
      for (const key of ['name', 'granularity', 'source', 'dataType', 'purpose'] as const) {
        expect(i[key].trim(), `${i.id}.${key}`).not.toBe('');
      }
    }
  });

  it('uses the machine fields the report implies for key indicators', () => {
    expect(get('imd-rank-by-district')).toMatchObject({
      valueType: 'rank',
      periodKind: 'snapshot',
      areaLevels: ['district'],
      suppliers: ['reference_data'],
      tier: 'public-reference',
    });
    expect(get('ersou-threat-level-by-district').valueType).toBe('category');
    expect(get('ersou-line-longevity-by-district').valueType).toBe('duration');
    expect(get('crime-share-by-area')).toMatchObject({
      valueType: 'proportion',
      suppliers: ['reference_data'],
      tier: 'public-reference',
    });
    expect(get('nrm-ce-referral-success-rate').valueType).toBe('proportion');
    for (const i of BUILT_IN_CATALOGUE) {
      if (i.suppliers.includes('ersou') || i.source.includes('CLICM')) {
        expect(i.tier, i.id).toBe('restricted-intelligence');
      }
      if (i.name.startsWith('No. of')) expect(i.valueType, i.id).toBe('count');
    }
    expect(get('safeguarding-referrals-after-btp').polarity).toBe('lower-is-worse');
    expect(get('nrm-ce-referrals-by-outcome').polarity).toBe('lower-is-worse');
  });
});

describe('built-in catalogue: section 3.1 combinations', () => {
  it.each(Object.entries(SECTION_3_1))(
    '%s covers every indicator section 3.1 names',
    (combinationId, spec) => {
      // The mapping above must account for each of the report's bullets, in number.
      expect(relevantIndicatorBullets(spec.section)).toHaveLength(spec.bullets.length);
      expect(COMBINATIONS.find((c) => c.id === combinationId)?.section).toBe(spec.section);
      const named = spec.bullets.flat();
      for (const id of named) expect(get(id).combinations, id).toContain(combinationId);
      // …and nothing else is put in the combination.
      const members = BUILT_IN_CATALOGUE.filter((i) => i.combinations.includes(combinationId)).map(
        (i) => i.id,
      );
      expect([...members].sort()).toEqual([...named].sort());
    },
  );

  it('derives column H from the combinations', () => {
    for (const i of BUILT_IN_CATALOGUE) {
      expect(i.combinationsText, i.id).toBe(combinationsText(i.combinations));
    }
    expect(get('yp-drug-arrests-by-area').combinationsText).toBe(
      'Combination 3: Mapping areas at most risk of County Lines',
    );
    expect(get('drug-related-violent-crimes').combinationsText).toBe('');
  });
});

describe('built-in catalogue: integrity', () => {
  it('has at least the 19 table rows and 20 further indicators', () => {
    expect(BUILT_IN_CATALOGUE.length).toBeGreaterThanOrEqual(19 + 20);
  });

  it('has unique kebab-case ids', () => {
    const ids = BUILT_IN_CATALOGUE.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('uses only known categories, statuses and machine-field values', () => {
    for (const i of BUILT_IN_CATALOGUE) {
      expect(CATEGORIES, i.id).toContain(i.category);
      expect(STATUSES, i.id).toContain(i.status);
      expect(VALUE_TYPES, i.id).toContain(i.valueType);
      expect(PERIOD_KINDS, i.id).toContain(i.periodKind);
      expect(POLARITIES, i.id).toContain(i.polarity);
      expect(ACHIEVABILITY, i.id).toContain(i.achievability);
      expect(TIERS, i.id).toContain(i.tier);
      expect(i.unit.trim(), i.id).not.toBe('');
      expect(i.suppliers.length, i.id).toBeGreaterThan(0);
      for (const s of i.suppliers) expect(SUPPLIER_KINDS, i.id).toContain(s);
    }
  });

  it('has non-empty, known, duplicate-free area levels', () => {
    for (const i of BUILT_IN_CATALOGUE) {
      expect(i.areaLevels.length, i.id).toBeGreaterThan(0);
      expect(new Set(i.areaLevels).size, i.id).toBe(i.areaLevels.length);
      for (const a of i.areaLevels) expect(AREA_LEVELS, i.id).toContain(a);
    }
  });

  it('refers only to dimensions and combinations that exist', () => {
    const dimensionIds = new Set(DIMENSIONS.map((d) => d.id));
    const combinationIds = new Set(COMBINATIONS.map((c) => c.id));
    for (const i of BUILT_IN_CATALOGUE) {
      for (const d of i.dimensions) expect(dimensionIds.has(d), `${i.id}: ${d}`).toBe(true);
      for (const c of i.combinations) expect(combinationIds.has(c), `${i.id}: ${c}`).toBe(true);
    }
  });

  it('gives table rows table provenance and everything else section provenance', () => {
    for (const i of BUILT_IN_CATALOGUE) {
      if (i.status === 'agreed') {
        expect(i.provenance.kind, i.id).toBe('table');
      } else {
        expect(i.provenance.kind, i.id).toBe('section');
        expect(i.provenance.row, i.id).toBeUndefined();
        expect(i.provenance.section, i.id).toMatch(/^\d+\.\d+\.\d+$/);
      }
    }
  });

  it('does not let indicators share mutable arrays', () => {
    const arrays = BUILT_IN_CATALOGUE.flatMap((i) => [
      i.areaLevels,
      i.dimensions,
      i.combinations,
      i.suppliers,
    ]);
    expect(new Set(arrays).size).toBe(arrays.length);
  });
});
