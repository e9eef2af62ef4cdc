// Turns catalogue objects into what pages, the CLI and exports show: labels, not codes.
import { findCombination, findDimension } from './catalogue.dimensions.ts';
import { CATEGORIES, PERIOD_KIND_LABELS, STATUS_LABELS, type Indicator } from './catalogue.model.ts';

export function groupByCategory(
  indicators: readonly Indicator[],
): { category: string; indicators: Indicator[] }[] {
  return CATEGORIES.map((category) => ({
    category,
    indicators: indicators.filter((i) => i.category === category),
  })).filter((g) => g.indicators.length > 0);
}

export function provenanceText(i: Indicator): string {
  const where =
    i.provenance.kind === 'table'
      ? `Indicator table row ${i.provenance.row}`
      : `Report section ${i.provenance.section}`;
  return i.provenance.note ? `${where}. ${i.provenance.note}` : where;
}

/** Machine fields as label/value pairs, in reading order. */
export function machineFields(i: Indicator): { label: string; value: string }[] {
  const dims = i.dimensions.map((d) => {
    const dim = findDimension(d);
    return dim ? `${dim.label} (${dim.values.map((v) => v.label).join(', ')})` : d;
  });
  return [
    { label: 'Id', value: i.id },
    { label: 'Status', value: STATUS_LABELS[i.status] },
    { label: 'Value type', value: i.valueType },
    { label: 'Unit', value: i.unit },
    { label: 'Reference period', value: PERIOD_KIND_LABELS[i.periodKind] },
    { label: 'Area levels', value: i.areaLevels.join(', ') },
    { label: 'Breakdowns', value: dims.length ? dims.join('; ') : 'None' },
    { label: 'Polarity', value: i.polarity.replaceAll('-', ' ') },
    {
      label: 'Combinations',
      value: i.combinations.length
        ? i.combinations.map((c) => findCombination(c)?.name ?? c).join('; ')
        : 'None',
    },
    { label: 'Achievability', value: i.achievability.replaceAll('-', ' ') },
    { label: 'Supplied by', value: i.suppliers.join(', ').replaceAll('_', ' ') },
    { label: 'Sharing tier', value: i.tier.replaceAll('-', ' ') },
    { label: 'Provenance', value: provenanceText(i) },
  ];
}
