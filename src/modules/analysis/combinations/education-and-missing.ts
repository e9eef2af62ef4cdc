// Combination 2 (report 3.1.2): education settings and missing episodes. Young people outside
// mainstream education against repeat missing and missing with a CCE marker, as rates per 10,000
// children across districts, with a rank correlation and its uncertainty; and where young people at
// risk of CCE are educated. Districts with a suppressed or missing figure are left out of the
// correlation, which is said beside it.
import { findDimension } from '../../catalogue/catalogue.dimensions.ts';
import { describeCorrelation, spearman, type RankCorrelation } from '../correlation.ts';
import type { Denominators } from '../indicator-analysis.ts';
import { formatEstimate, formatInterval, percentageOf, rateOf, type Estimate } from '../measures.ts';
import type { CombinationResult, LocalityArea, MeasureRow, ScatterChart } from './combination.model.ts';
import { missingSentences, summariseInput } from './combination.model.ts';
import type { InputFigures } from './inputs.ts';

export const EDUCATION_INPUTS = [
  'yp-outside-mainstream-education',
  'yp-repeat-missing',
  'missing-yp-with-cce-marker',
  'educational-settings-of-yp-at-risk',
] as const;

type Figures = Record<(typeof EDUCATION_INPUTS)[number], InputFigures>;

const RATE_INPUTS = [
  'yp-outside-mainstream-education',
  'yp-repeat-missing',
  'missing-yp-with-cce-marker',
] as const;

function pairs(
  districts: readonly LocalityArea[],
  rates: Map<string, Record<string, Estimate>>,
  x: string,
  y: string,
): { points: ScatterChart['points']; correlation: RankCorrelation; left: number } {
  const points: ScatterChart['points'] = [];
  for (const d of districts) {
    const r = rates.get(d.code)!;
    if (r[x]!.status === 'ok' && r[y]!.status === 'ok') {
      points.push({ code: d.code, name: d.name, x: r[x]!.value!, y: r[y]!.value! });
    }
  }
  return {
    points,
    correlation: spearman(
      points.map((p) => p.x),
      points.map((p) => p.y),
    ),
    left: districts.length - points.length,
  };
}

export function educationAndMissing(input: {
  period: string;
  areas: readonly LocalityArea[];
  figures: Figures;
  denominators: Denominators;
}): Omit<CombinationResult, 'sourceTables'> {
  const f = input.figures;
  const localities = input.areas.filter((a) => a.level === 'locality');
  const districts = input.areas.filter((a) => a.level === 'district');
  const rates = new Map<string, Record<string, Estimate>>();
  const rows: MeasureRow[] = input.areas.map((area) => {
    const children = input.denominators.byArea.get(area.code) ?? null;
    const cells: Record<string, string> = {};
    const byInput: Record<string, Estimate> = {};
    for (const id of RATE_INPUTS) {
      const count = f[id].count(area.code);
      const rate = rateOf(count, children);
      byInput[id] = rate;
      cells[`${id}:count`] = count.text;
      cells[`${id}:rate`] = formatEstimate(rate);
    }
    rates.set(area.code, byInput);
    return { code: area.code, name: area.name, level: area.level, cells };
  });

  const names: Record<(typeof RATE_INPUTS)[number], string> = {
    'yp-outside-mainstream-education': 'young people outside mainstream education',
    'yp-repeat-missing': 'young people with repeated missing episodes',
    'missing-yp-with-cce-marker': 'missing young people with a CCE or gang marker',
  };
  const outsideVsRepeat = pairs(districts, rates, 'yp-outside-mainstream-education', 'yp-repeat-missing');
  const outsideVsCce = pairs(
    districts,
    rates,
    'yp-outside-mainstream-education',
    'missing-yp-with-cce-marker',
  );

  const settings = findDimension('education-setting')!.values;
  const settingsInput = f['educational-settings-of-yp-at-risk'];
  const settingRows: MeasureRow[] = input.areas
    .filter((a) => a.level !== 'district')
    .map((area) => {
      const total = settingsInput.count(area.code);
      const cells: Record<string, string> = { total: total.text };
      for (const s of settings) {
        const share = percentageOf(settingsInput.count(area.code, s.code), total);
        cells[s.code] =
          share.status === 'ok'
            ? `${formatEstimate(share)}% (${formatInterval(share.lower95, share.upper95, 0)})`
            : formatEstimate(share);
      }
      return { code: area.code, name: area.name, level: area.level, cells };
    });

  const reading: string[] = [
    describeCorrelation(
      outsideVsRepeat.correlation,
      `the rate of ${names['yp-outside-mainstream-education']}`,
      `the rate of ${names['yp-repeat-missing']}`,
    ),
    describeCorrelation(
      outsideVsCce.correlation,
      `the rate of ${names['yp-outside-mainstream-education']}`,
      `the rate of ${names['missing-yp-with-cce-marker']}`,
    ),
  ];
  const left = Math.max(outsideVsRepeat.left, outsideVsCce.left);
  if (left > 0) {
    reading.push(
      `${left} of ${districts.length} districts are left out of a correlation because a figure is suppressed to protect children or was not received; small districts are the most likely to be left out, so the correlation describes the larger ones.`,
    );
  }
  const pathfinder = input.areas.find((a) => a.level === 'pathfinder');
  if (pathfinder) {
    const total = settingsInput.count(pathfinder.code);
    const outside = settings.filter((s) => s.code !== 'mainstream');
    const mainstream = percentageOf(settingsInput.count(pathfinder.code, 'mainstream'), total);
    if (mainstream.status === 'ok') {
      reading.push(
        `Of the ${total.text} young people at risk of CCE whose setting is known across the Pathfinder, ${formatEstimate({ ...mainstream, value: 100 - mainstream.value! })}% are outside mainstream school (${outside.map((s) => s.label.toLowerCase()).join(', ')}).`,
      );
    }
  }
  const inputs = EDUCATION_INPUTS.map((id) => summariseInput(f[id], localities));
  reading.push(...missingSentences(inputs));

  const scatter = (id: string, title: string, yId: string, points: ScatterChart['points']): ScatterChart => ({
    kind: 'scatter',
    id,
    title,
    xLabel: `${f['yp-outside-mainstream-education'].indicator.name} per 10,000 children`,
    yLabel: `${f[yId as keyof Figures].indicator.name} per 10,000 children`,
    points,
  });

  return {
    id: 'education-and-missing',
    number: 2,
    name: 'Education settings and missing episodes',
    section: '3.1.2',
    question:
      'Do districts with more young people outside mainstream education also have more repeat missing episodes and more missing young people with a CCE marker, and where are young people at risk educated?',
    period: input.period,
    inputs,
    tables: [
      {
        id: 'rates',
        title: 'Education and missing: counts and rates per 10,000 children',
        columns: RATE_INPUTS.flatMap((id) => [
          { key: `${id}:count`, label: f[id].indicator.name, numeric: true },
          { key: `${id}:rate`, label: 'per 10,000', numeric: true },
        ]),
        rows,
        note: `Rates per 10,000 ${input.denominators.label}.`,
      },
      {
        id: 'correlations',
        title: 'Rank correlations across districts',
        columns: [
          { key: 'pair', label: 'Compared', numeric: false },
          { key: 'n', label: 'Districts', numeric: true },
          { key: 'rho', label: "Spearman's rho", numeric: true },
          { key: 'ci', label: '95% interval', numeric: true },
        ],
        rows: [
          ['outside-vs-repeat', 'Outside mainstream and repeat missing', outsideVsRepeat.correlation],
          ['outside-vs-cce', 'Outside mainstream and missing with a CCE marker', outsideVsCce.correlation],
        ].map(([code, name, c]) => {
          const r = c as RankCorrelation;
          return {
            code: code as string,
            name: name as string,
            level: 'pathfinder',
            cells: {
              pair: name as string,
              n: String(r.n),
              rho: r.rho === null ? '[x]' : r.rho.toFixed(2),
              ci: r.rho === null ? '' : `${r.lower95!.toFixed(2)} to ${r.upper95!.toFixed(2)}`,
            },
          };
        }),
        note: 'Small numbers: with a few dozen districts and small counts, a correlation is uncertain; the interval shows how much.',
      },
      {
        id: 'settings',
        title: 'Education settings of young people at risk of CCE',
        columns: [
          { key: 'total', label: 'Young people at risk', numeric: true },
          ...settings.map((s) => ({ key: s.code, label: `${s.label} (%, 95% interval)`, numeric: true })),
        ],
        rows: settingRows,
        note: 'Shares of the young people at risk with a recorded setting; intervals by Wilson’s method.',
      },
    ],
    charts: [
      scatter(
        'outside-vs-repeat',
        'Outside mainstream education and repeat missing, by district',
        'yp-repeat-missing',
        outsideVsRepeat.points,
      ),
      scatter(
        'outside-vs-cce',
        'Outside mainstream education and missing with a CCE marker, by district',
        'missing-yp-with-cce-marker',
        outsideVsCce.points,
      ),
    ],
    reading,
    synthetic: Object.values(f).some((x) => x.synthetic),
  };
}
