// Combination 1 (report 3.1.1): insights from British Transport Police. Young people detained by BTP
// against the safeguarding referrals made after BTP interventions (a referral rate with its Wilson
// interval), beside the young people from the Pathfinder arrested out of area and those missing from
// home found outside their local authority: more out-of-area events than BTP detentions suggests young
// people trafficked across county boundaries without being detected.
import {
  compareEstimate,
  formatEstimate,
  formatInterval,
  formatNumber,
  percentageOf,
  type PublishedCount,
} from '../measures.ts';
import type { CombinationResult, LocalityArea, MeasureRow } from './combination.model.ts';
import { missingSentences, summariseInput } from './combination.model.ts';
import { sumCounts, type InputFigures } from './inputs.ts';

export const BTP_INPUTS = [
  'yp-detained-by-btp',
  'safeguarding-referrals-after-btp',
  'out-of-area-arrests',
  'missing-yp-found-outside-la',
] as const;

const whole = (c: PublishedCount) => c.text;

function difference(a: PublishedCount, b: PublishedCount): PublishedCount {
  if (a.status !== 'shown' || b.status !== 'shown') {
    const status = a.status === 'shown' ? b.status : a.status;
    return {
      value: null,
      status: status === 'banded' ? 'suppressed' : status,
      text: status === 'not-available' ? '[x]' : '[c]',
    };
  }
  const value = a.value! - b.value!;
  return { value, status: 'shown', text: formatNumber(value) };
}

export function btpInsights(input: {
  period: string;
  areas: readonly LocalityArea[];
  figures: Record<(typeof BTP_INPUTS)[number], InputFigures>;
}): Omit<CombinationResult, 'sourceTables'> {
  const f = input.figures;
  const localities = input.areas.filter((a) => a.level === 'locality');
  const measures = input.areas.map((area) => {
    const detained = f['yp-detained-by-btp'].count(area.code);
    const residentsOutOfArea = f['yp-detained-by-btp'].count(area.code, 'resident-out-of-area');
    const referrals = f['safeguarding-referrals-after-btp'].count(area.code);
    const arrestedElsewhere = f['out-of-area-arrests'].count(area.code, 'outbound');
    const arrestedHere = f['out-of-area-arrests'].count(area.code, 'inbound');
    const foundElsewhere = f['missing-yp-found-outside-la'].count(area.code);
    const outOfArea = sumCounts([arrestedElsewhere, foundElsewhere]);
    return {
      area,
      detained,
      residentsOutOfArea,
      referrals,
      rate: percentageOf(referrals, detained),
      arrestedElsewhere,
      arrestedHere,
      foundElsewhere,
      outOfArea,
      gap: difference(outOfArea, residentsOutOfArea),
    };
  });
  const pathfinder = measures.find((m) => m.area.level === 'pathfinder');
  const polarity = f['safeguarding-referrals-after-btp'].indicator.polarity;

  const rows: MeasureRow[] = measures.map((m) => ({
    code: m.area.code,
    name: m.area.name,
    level: m.area.level,
    cells: {
      detained: whole(m.detained),
      referrals: whole(m.referrals),
      rate: formatEstimate(m.rate),
      ci95: formatInterval(m.rate.lower95, m.rate.upper95),
      vsPathfinder: m.area.level === 'pathfinder' ? '–' : compareEstimate(m.rate, pathfinder?.rate, polarity),
      residentsOutOfArea: whole(m.residentsOutOfArea),
      arrestedElsewhere: whole(m.arrestedElsewhere),
      foundElsewhere: whole(m.foundElsewhere),
      gap: whole(m.gap),
      arrestedHere: whole(m.arrestedHere),
    },
  }));

  const reading: string[] = [];
  if (pathfinder) {
    const p = pathfinder;
    if (p.rate.status === 'ok') {
      reading.push(
        `Across the Pathfinder, BTP detained ${p.detained.text} young people and made ${p.referrals.text} safeguarding referrals after its interventions: ${formatEstimate(p.rate)}% (95% interval ${formatInterval(p.rate.lower95, p.rate.upper95)}%).`,
      );
    } else {
      reading.push(
        `A Pathfinder referral rate cannot be shown: ${p.rate.status === 'suppressed' ? 'a figure it depends on is suppressed to protect children' : 'a figure it depends on was not received'}.`,
      );
    }
    const verdict = (m: (typeof measures)[number]) => compareEstimate(m.rate, p.rate, polarity);
    const differing = measures.filter(
      (m) => m.area.level === 'locality' && (verdict(m) === 'better' || verdict(m) === 'worse'),
    );
    reading.push(
      differing.length
        ? differing
            .map(
              (m) =>
                `${m.area.name} (${formatEstimate(m.rate)}%) refers ${verdict(m) === 'better' ? 'more' : 'fewer'} of the young people BTP detains than the Pathfinder as a whole, beyond what chance would explain.`,
            )
            .join(' ')
        : 'No locality’s referral rate differs from the Pathfinder’s beyond what chance would explain.',
    );
    if (p.gap.status === 'shown') {
      reading.push(
        p.gap.value! > 0
          ? `Young people from the Pathfinder were arrested out of area ${p.arrestedElsewhere.text} times and ${p.foundElsewhere.text} missing young people were found outside their local authority, against ${p.residentsOutOfArea.text} BTP detentions of residents out of area: ${p.gap.text} more out-of-area events than detentions, which may point to young people moved across county boundaries without being detected.`
          : `BTP detained at least as many Pathfinder residents out of area (${p.residentsOutOfArea.text}) as there were out-of-area arrests and missing young people found elsewhere (${p.outOfArea.text}).`,
      );
    } else {
      reading.push(
        'The comparison of out-of-area events with BTP detentions cannot be shown for the Pathfinder: a figure it needs is suppressed or missing.',
      );
    }
  }
  const inputs = Object.values(f).map((x) => summariseInput(x, localities));
  reading.push(...missingSentences(inputs));

  return {
    id: 'btp-insights',
    number: 1,
    name: 'Insights from British Transport Police',
    section: '3.1.1',
    question:
      'Do young people detained by British Transport Police get referred for safeguarding, and how many young people from the Pathfinder are found or arrested out of area without being detected on the way?',
    period: input.period,
    inputs,
    tables: [
      {
        id: 'referrals',
        title: 'BTP detentions and safeguarding referrals',
        columns: [
          { key: 'detained', label: 'Young people detained by BTP', numeric: true },
          { key: 'referrals', label: 'Safeguarding referrals after BTP interventions', numeric: true },
          { key: 'rate', label: 'Referral rate (%)', numeric: true },
          { key: 'ci95', label: '95% interval (Wilson)', numeric: true },
          { key: 'vsPathfinder', label: 'Compared with Pathfinder', numeric: false },
        ],
        rows,
        note: 'Referral rate = referrals ÷ detentions × 100. Referrals may follow detentions of an earlier period, so a rate above 100% is possible and is then not shown.',
      },
      {
        id: 'out-of-area',
        title: 'Out of area: arrests, missing young people found elsewhere and BTP detentions',
        columns: [
          { key: 'arrestedElsewhere', label: 'Pathfinder young people arrested out of area', numeric: true },
          {
            key: 'foundElsewhere',
            label: 'Missing young people found outside their local authority',
            numeric: true,
          },
          { key: 'residentsOutOfArea', label: 'BTP detentions of residents out of area', numeric: true },
          { key: 'gap', label: 'Out-of-area events less BTP detentions', numeric: true },
          { key: 'arrestedHere', label: 'Young people from elsewhere arrested here', numeric: true },
        ],
        rows,
        note: 'A positive difference is consistent with young people moved out of area without being detected; the indicators count events, not children, and are recorded by different agencies.',
      },
    ],
    charts: [
      {
        kind: 'flows',
        id: 'arrest-flows',
        title: 'Out-of-area drug and serious youth violence arrests of young people',
        nodes: [
          ...localities.map((l) => ({ id: l.code, label: l.name })),
          { id: 'elsewhere', label: 'Outside the Pathfinder' },
        ],
        flows: measures
          .filter((m) => m.area.level === 'locality')
          .flatMap((m) => [
            {
              from: m.area.code,
              to: 'elsewhere',
              value: m.arrestedElsewhere.value,
              label: m.arrestedElsewhere.text,
            },
            { from: 'elsewhere', to: m.area.code, value: m.arrestedHere.value, label: m.arrestedHere.text },
          ]),
      },
    ],
    reading,
    synthetic: Object.values(f).some((x) => x.synthetic),
  };
}
