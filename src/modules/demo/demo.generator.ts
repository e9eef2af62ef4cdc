// Synthetic demo returns: plausible small counts for every organisation and indicator it supplies,
// more where deprivation is higher, with some late and missing returns and a few revisions.
// Pure and deterministic: the same seed, quarters and areas always give the same figures.
import { findDimension } from '../catalogue/catalogue.dimensions.ts';
import type { Indicator } from '../catalogue/catalogue.model.ts';
import type { Organisation } from '../organisations/organisations.builtin.ts';
import { expectedIndicators } from '../returns/obligations.ts';
import { dueDate, formatQuarter, indicatorWindows, type Quarter } from '../returns/periods.ts';
import type { AreaInfo, ValidObservation } from '../returns/return-file.model.ts';
import { createRandom, hashSeed, type Random } from './random.ts';

export type DemoObservation = Omit<ValidObservation, 'location'>;

export interface DemoSubmission {
  submittedAt: Date;
  observations: DemoObservation[];
}

export interface DemoReturn {
  organisationId: string;
  period: string;
  submissions: DemoSubmission[];
  /** Sent back once before the last submission, with this reason. */
  returnedReason?: string;
  approvedAt?: Date;
}

export interface DistrictWeight {
  /** Children aged 0–15 (or any population proxy). */
  children: number;
  /** 0 (least deprived in the Pathfinder) to 1 (most deprived). */
  deprivation: number;
}

export interface DemoInput {
  seed: number;
  organisations: readonly Organisation[];
  catalogue: readonly Indicator[];
  areas: readonly AreaInfo[];
  districtWeights: ReadonlyMap<string, DistrictWeight>;
  quarters: readonly Quarter[];
  today: Date;
}

const DAY = 86_400_000;

/** Expected events per 10,000 children in one quarter for a district of average deprivation. */
function baseRate(i: Indicator): number {
  return 2 + (hashSeed(i.id) % 9);
}

function windowScale(i: Indicator): number {
  switch (i.periodKind) {
    case 'month':
      return 1 / 3;
    case 'rolling-12-months':
    case 'year':
      return 4;
    case 'rolling-5-years':
      return 6;
    default:
      return 1;
  }
}

/** Districts where the synthetic intelligence records County Lines activity: fixed, not drawn. */
function knownActivity(districtCode: string, w: DistrictWeight): boolean {
  return w.deprivation >= 0.55 || hashSeed(districtCode) % 4 === 0;
}

function dimensionWeights(dimensionId: string, n: number): number[] {
  if (dimensionId === 'sex') return [0.7, 0.28, 0.02];
  if (dimensionId === 'age-band') return [0.03, 0.22, 0.35, 0.4];
  const h = hashSeed(dimensionId);
  return Array.from({ length: n }, (_, k) => 1 + ((h >>> (k * 3)) % 7));
}

/** One organisation's figures for one quarter. */
function figures(
  rng: Random,
  org: Organisation,
  indicators: Indicator[],
  quarter: Quarter,
  input: DemoInput,
) {
  const observations: DemoObservation[] = [];
  const districts = input.areas.filter((a) => a.level === 'district' && org.districtCodes.includes(a.code));
  const wards = input.areas.filter(
    (a) => a.level === 'ward' && a.districtCode && org.districtCodes.includes(a.districtCode),
  );
  const localities = input.areas.filter(
    (a) => a.level === 'locality' && (org.localityCode === null || a.code === org.localityCode),
  );
  for (const indicator of indicators) {
    for (const window of indicatorWindows(indicator.periodKind, quarter)) {
      const push = (
        areaCode: string,
        value: number | null,
        valueText: string | null = null,
        breakdownKey = '',
      ) =>
        observations.push({
          indicatorId: indicator.id,
          areaCode,
          periodStart: window.start,
          periodEnd: window.end,
          breakdownKey,
          value,
          valueText,
          note: null,
        });
      if (indicator.valueType === 'category') {
        for (const d of districts) {
          const w = input.districtWeights.get(d.code);
          const level = (w?.deprivation ?? 0.5) + rng.next() * 0.4;
          push(d.code, null, level > 1 ? 'high' : level > 0.6 ? 'medium' : 'low');
        }
        continue;
      }
      if (indicator.valueType === 'duration') {
        for (const d of districts) push(d.code, rng.int(20, 600));
        continue;
      }
      if (indicator.valueType === 'proportion') {
        for (const d of districts) push(d.code, Math.round((0.2 + rng.next() * 0.6) * 1000) / 1000);
        continue;
      }
      const pushBreakdowns = (code: string, total: number) => {
        for (const dimensionId of indicator.dimensions) {
          const dim = findDimension(dimensionId);
          if (!dim) continue;
          const parts = rng.split(total, dimensionWeights(dimensionId, dim.values.length));
          dim.values.forEach((v, k) => push(code, parts[k]!, null, `${dimensionId}=${v.code}`));
        }
      };
      // Counts: district totals from a Poisson draw, wards splitting their district, localities summing.
      const districtTotals = new Map<string, number>();
      for (const d of districts) {
        const w = input.districtWeights.get(d.code) ?? { children: 20_000, deprivation: 0.5 };
        // Intelligence knows of County Lines activity in some districts only, mostly the more deprived.
        const quiet = indicator.tier === 'restricted-intelligence' && !knownActivity(d.code, w);
        const mean = quiet
          ? 0
          : (baseRate(indicator) * windowScale(indicator) * w.children * (0.6 + 0.8 * w.deprivation)) /
            10_000;
        districtTotals.set(d.code, rng.poisson(mean));
      }
      const levels = indicator.areaLevels;
      if (levels.includes('district')) {
        for (const [code, total] of districtTotals) {
          push(code, total);
          pushBreakdowns(code, total);
        }
      }
      if (levels.includes('ward')) {
        for (const [code, total] of districtTotals) {
          const inDistrict = wards.filter((w) => w.districtCode === code);
          if (!inDistrict.length) continue;
          const parts = rng.split(
            total,
            inDistrict.map((w) => 0.5 + (hashSeed(w.code) % 100) / 100),
          );
          inDistrict.forEach((w, k) => push(w.code, parts[k]!));
        }
      }
      if (levels.includes('locality') || levels.includes('pathfinder')) {
        let all = 0;
        for (const l of localities) {
          const sum = districts
            .filter((d) => d.localityCode === l.code)
            .reduce((acc, d) => acc + (districtTotals.get(d.code) ?? 0), 0);
          all += sum;
          if (levels.includes('locality')) {
            push(l.code, sum);
            // Breakdowns go with the finest level collected: here, when districts are not.
            if (!levels.includes('district')) pushBreakdowns(l.code, sum);
          }
        }
        if (levels.includes('pathfinder') && org.localityCode === null) {
          const root = input.areas.find((a) => a.level === 'pathfinder');
          if (root) push(root.code, all);
        }
      }
    }
  }
  return observations;
}

/** A revision changes a few values by a little, as a corrected extract would. */
function revise(rng: Random, observations: DemoObservation[]): DemoObservation[] {
  const totals = observations.filter(
    (o) => o.breakdownKey === '' && o.value !== null && o.valueText === null,
  );
  const picked = new Set<DemoObservation>();
  for (let n = rng.int(1, 3); n > 0 && totals.length; n--) picked.add(rng.pick(totals));
  return [...picked].map((o) => ({
    ...o,
    value: (o.value ?? 0) + rng.int(1, 2),
    note: 'Corrected after a data-quality check',
  }));
}

export function generateDemo(input: DemoInput): DemoReturn[] {
  const out: DemoReturn[] = [];
  for (const quarter of input.quarters) {
    const period = formatQuarter(quarter);
    const due = new Date(`${dueDate(quarter)}T17:00:00Z`).getTime();
    for (const org of input.organisations) {
      const indicators = expectedIndicators(org, input.catalogue).filter(
        (i) => indicatorWindows(i.periodKind, quarter).length > 0,
      );
      if (!indicators.length) continue;
      const rng = createRandom(hashSeed(`${input.seed}|${org.id}|${period}`));
      if (rng.chance(0.06)) continue; // missing return
      const late = rng.chance(0.1);
      const first = due + (late ? rng.int(1, 25) : -rng.int(0, 20)) * DAY + rng.int(0, 6) * 3_600_000;
      if (first > input.today.getTime()) continue;
      const observations = figures(rng, org, indicators, quarter, input);
      if (!observations.length) continue;
      const demo: DemoReturn = {
        organisationId: org.id,
        period,
        submissions: [{ submittedAt: new Date(first), observations }],
      };
      let last = first;
      if (rng.chance(0.04)) {
        demo.returnedReason =
          'Synthetic demo: figures for one district look too high; please check and resubmit.';
        last = first + rng.int(2, 6) * DAY;
        demo.submissions.push({ submittedAt: new Date(last), observations: revise(rng, observations) });
      } else if (rng.chance(0.06)) {
        last = first + rng.int(2, 6) * DAY;
        demo.submissions.push({ submittedAt: new Date(last), observations: revise(rng, observations) });
      }
      const approvedAt = last + rng.int(1, 10) * DAY;
      if (approvedAt <= input.today.getTime()) demo.approvedAt = new Date(approvedAt);
      out.push(demo);
    }
  }
  return out;
}
