// Combination 4 (report 3.1.4): establishing the efficacy of NRM usage. Arrests of young people for
// serious youth violence and drugs against NRM criminal-exploitation investigations (how often the NRM is
// invoked), the share of investigations with a referral, and the success rate of decided referrals
// (positive conclusive grounds ÷ conclusive decisions) with Wilson intervals, with the outcomes.
import { findDimension } from '../../catalogue/catalogue.dimensions.ts';
import {
  compareEstimate,
  formatEstimate,
  formatInterval,
  per100,
  percentageOf,
  type Estimate,
} from '../measures.ts';
import type { CombinationResult, LocalityArea, MeasureRow } from './combination.model.ts';
import { missingSentences, summariseInput } from './combination.model.ts';
import { sumCounts, type InputFigures } from './inputs.ts';

export const NRM_INPUTS = [
  'svv-related-arrests',
  'yp-drug-arrests',
  'nrm-ce-investigations',
  'nrm-ce-referrals-by-outcome',
] as const;

const pct = (e: Estimate) => (e.status === 'ok' ? `${formatEstimate(e)}%` : formatEstimate(e));

export function nrmEfficacy(input: {
  period: string;
  areas: readonly LocalityArea[];
  figures: Record<(typeof NRM_INPUTS)[number], InputFigures>;
}): Omit<CombinationResult, 'sourceTables'> {
  const f = input.figures;
  const localities = input.areas.filter((a) => a.level === 'locality');
  const outcomes = findDimension('nrm-outcome')!.values;
  const measures = input.areas.map((area) => {
    const svv = f['svv-related-arrests'].count(area.code);
    const drugs = f['yp-drug-arrests'].count(area.code);
    const arrests = sumCounts([svv, drugs]);
    const investigations = f['nrm-ce-investigations'].count(area.code);
    const withReferral = f['nrm-ce-investigations'].count(area.code, 'with-referral');
    const withoutReferral = f['nrm-ce-investigations'].count(area.code, 'without-referral');
    const byOutcome = Object.fromEntries(
      outcomes.map((o) => [o.code, f['nrm-ce-referrals-by-outcome'].count(area.code, o.code)]),
    );
    const positive = byOutcome['positive-conclusive-grounds']!;
    const decided = sumCounts([positive, byOutcome['negative']!]);
    return {
      area,
      svv,
      drugs,
      arrests,
      investigations,
      withReferral,
      withoutReferral,
      invocation: per100(investigations, arrests),
      referralShare: percentageOf(withReferral, investigations),
      byOutcome,
      decided,
      success: percentageOf(positive, decided),
    };
  });
  const pathfinder = measures.find((m) => m.area.level === 'pathfinder');
  const polarity = f['nrm-ce-referrals-by-outcome'].indicator.polarity;

  const rows: MeasureRow[] = measures.map((m) => ({
    code: m.area.code,
    name: m.area.name,
    level: m.area.level,
    cells: {
      svv: m.svv.text,
      drugs: m.drugs.text,
      investigations: m.investigations.text,
      withReferral: m.withReferral.text,
      withoutReferral: m.withoutReferral.text,
      invocation: formatEstimate(m.invocation),
      invocationCi: formatInterval(m.invocation.lower95, m.invocation.upper95),
      referralShare: pct(m.referralShare),
      ...Object.fromEntries(outcomes.map((o) => [o.code, m.byOutcome[o.code]!.text])),
      decided: m.decided.text,
      success: pct(m.success),
      successCi: formatInterval(m.success.lower95, m.success.upper95),
      vsPathfinder:
        m.area.level === 'pathfinder' ? '–' : compareEstimate(m.success, pathfinder?.success, polarity),
    },
  }));

  const reading: string[] = [];
  if (pathfinder) {
    const p = pathfinder;
    reading.push(
      p.invocation.status === 'ok'
        ? `Across the Pathfinder there were ${p.investigations.text} NRM criminal-exploitation investigations against ${p.arrests.text} arrests of young people for serious youth violence and drugs: ${formatEstimate(p.invocation)} investigations per 100 arrests (95% interval ${formatInterval(p.invocation.lower95, p.invocation.upper95)}). The lower this is, the more young people who may be exploited are dealt with by arrest alone.`
        : 'How often the NRM is invoked against arrests cannot be shown for the Pathfinder: a figure it needs is suppressed to protect children or was not received.',
    );
    reading.push(
      p.success.status === 'ok'
        ? `Of ${p.decided.text} referrals with a conclusive decision, ${pct(p.success)} (95% interval ${formatInterval(p.success.lower95, p.success.upper95)}%) had positive conclusive grounds. ${p.success.lower95! >= 50 ? 'Most decided referrals succeed, which suggests the mechanism is being used as intended.' : p.success.upper95! < 50 ? 'Fewer than half of decided referrals succeed, which may mean referrals are made where exploitation is not evidenced, or that evidence is not reaching decision makers.' : 'The interval is too wide to say whether most referrals succeed.'}`
        : 'A success rate cannot be shown for the Pathfinder: a figure it needs is suppressed to protect children or was not received.',
    );
    for (const m of measures.filter((x) => x.area.level === 'locality')) {
      const verdict = compareEstimate(m.success, p.success, polarity);
      if (verdict === 'better' || verdict === 'worse') {
        reading.push(
          `${m.area.name}'s success rate (${pct(m.success)}) is ${verdict === 'better' ? 'higher' : 'lower'} than the Pathfinder's beyond what chance would explain.`,
        );
      }
    }
  }
  const inputs = NRM_INPUTS.map((id) => summariseInput(f[id], localities));
  reading.push(...missingSentences(inputs));

  return {
    id: 'nrm-efficacy',
    number: 4,
    name: 'Establishing efficacy of NRM usage',
    section: '3.1.4',
    question:
      'How often is the National Referral Mechanism invoked for young people arrested for serious youth violence and drugs, and how often do referrals succeed?',
    period: input.period,
    inputs,
    tables: [
      {
        id: 'invocation',
        title: 'Arrests of young people and NRM investigations',
        columns: [
          { key: 'svv', label: 'Serious youth violence arrests', numeric: true },
          { key: 'drugs', label: 'Drug arrests of young people', numeric: true },
          { key: 'investigations', label: 'NRM criminal-exploitation investigations', numeric: true },
          { key: 'withReferral', label: 'with an NRM referral', numeric: true },
          { key: 'withoutReferral', label: 'without', numeric: true },
          { key: 'invocation', label: 'Investigations per 100 arrests', numeric: true },
          { key: 'invocationCi', label: '95% interval', numeric: true },
          { key: 'referralShare', label: 'Investigations with a referral', numeric: true },
        ],
        rows,
        note: 'Investigations are not all linked to the arrests counted beside them, so investigations per 100 arrests shows how often the NRM is invoked, not which arrests led to it (interval: exact Poisson or Byar’s, on the investigations). Shares of investigations with a referral: Wilson’s method.',
      },
      {
        id: 'outcomes',
        title: 'NRM referral outcomes and success rate',
        columns: [
          ...outcomes.map((o) => ({ key: o.code, label: o.label, numeric: true })),
          { key: 'decided', label: 'Conclusive decisions', numeric: true },
          { key: 'success', label: 'Success rate', numeric: true },
          { key: 'successCi', label: '95% interval', numeric: true },
          { key: 'vsPathfinder', label: 'Compared with Pathfinder', numeric: false },
        ],
        rows,
        note: 'Success rate = positive conclusive grounds ÷ (positive conclusive grounds + negative decisions); reasonable-grounds decisions, pending and withdrawn referrals are not yet decided.',
      },
    ],
    charts: [],
    reading,
    synthetic: Object.values(f).some((x) => x.synthetic),
  };
}
