// Breakdown dimensions an indicator may be split by, with their allowed values, and the four
// combinations of the report's section 3.1. Codes are stable; labels are what users see.

export interface DimensionValue {
  code: string;
  label: string;
}

export interface Dimension {
  id: string;
  label: string;
  values: DimensionValue[];
}

const v = (code: string, label: string): DimensionValue => ({ code, label });

export const DIMENSIONS: readonly Dimension[] = [
  { id: 'sex', label: 'Sex', values: [v('male', 'Male'), v('female', 'Female'), v('unknown', 'Not known')] },
  {
    id: 'age-band',
    label: 'Age band',
    values: [v('0-9', 'Under 10'), v('10-13', '10 to 13'), v('14-15', '14 to 15'), v('16-17', '16 to 17')],
  },
  {
    id: 'ethnicity',
    label: 'Ethnic group',
    values: [
      v('asian', 'Asian or Asian British'),
      v('black', 'Black, Black British, Caribbean or African'),
      v('mixed', 'Mixed or multiple ethnic groups'),
      v('white', 'White'),
      v('other', 'Other ethnic group'),
      v('unknown', 'Not known'),
    ],
  },
  {
    id: 'nationality',
    label: 'Nationality',
    values: [v('british', 'British'), v('non-british', 'Not British'), v('unknown', 'Not known')],
  },
  {
    id: 'risk-level',
    label: 'Assessed risk level',
    values: [v('emerging', 'Emerging'), v('moderate', 'Moderate'), v('significant', 'Significant')],
  },
  {
    id: 'education-setting',
    label: 'Education setting',
    values: [
      v('mainstream', 'Mainstream school'),
      v('alternative-provision', 'Alternative provision'),
      v('pupil-referral-unit', 'Pupil referral unit'),
      v('home-educated', 'Elective home education'),
      v('neet', 'Not in education, employment or training'),
    ],
  },
  {
    id: 'residence',
    label: 'Residence',
    values: [v('resident', 'Resident in the county'), v('out-of-county', 'Out of county')],
  },
  {
    id: 'direction',
    label: 'Direction',
    values: [
      v('outbound', 'From the Pathfinder county, found or arrested elsewhere'),
      v('inbound', 'From elsewhere, found or arrested in the Pathfinder county'),
    ],
  },
  {
    // Table row 2 (BTP detentions) names three populations and asks for "home location and location
    // stopped"; `direction` has no value for a Pathfinder resident detained in their own area.
    id: 'detention-location',
    label: 'Home area and place of detention',
    values: [
      v('resident-home-area', 'Pathfinder resident, detained in their home area'),
      v('resident-out-of-area', 'Pathfinder resident, detained out of area'),
      v('non-resident-in-area', 'Not a Pathfinder resident, detained within a Pathfinder area'),
    ],
  },
  {
    id: 'line-direction',
    label: 'Line direction',
    values: [v('lines-in', 'Lines in'), v('lines-out', 'Lines out')],
  },
  {
    id: 'nrm-outcome',
    label: 'NRM outcome',
    values: [
      v('positive-reasonable-grounds', 'Positive reasonable grounds'),
      v('positive-conclusive-grounds', 'Positive conclusive grounds'),
      v('negative', 'Negative decision'),
      v('pending', 'Awaiting decision'),
      v('withdrawn', 'Withdrawn'),
    ],
  },
  {
    id: 'nrm-referral',
    label: 'NRM referral',
    values: [v('with-referral', 'With NRM referral'), v('without-referral', 'Without NRM referral')],
  },
  {
    id: 'referring-agency',
    label: 'Referring agency',
    values: [
      v('police', 'Police'),
      v('btp', 'British Transport Police'),
      v('childrens-services', "Children's services"),
      v('education', 'Education'),
      v('health', 'Health'),
      v('youth-justice', 'Youth justice'),
      v('voluntary-sector', 'Voluntary sector'),
      v('other', 'Other'),
    ],
  },
  {
    id: 'threat-level',
    label: 'Threat level',
    values: [v('high', 'High'), v('medium', 'Medium'), v('low', 'Low')],
  },
  {
    id: 'housing-status',
    label: 'Housing status',
    values: [
      v('homeless', 'Currently homeless'),
      v('recently-homeless', 'Recently homeless'),
      v('at-risk', 'At risk of homelessness'),
    ],
  },
  {
    id: 'treatment-status',
    label: 'Treatment status',
    values: [v('current', 'Receiving treatment'), v('recent', 'Recently received treatment')],
  },
  {
    id: 'substance',
    label: 'Substance',
    values: [v('drugs', 'Drugs'), v('alcohol', 'Alcohol'), v('drugs-and-alcohol', 'Drugs and alcohol')],
  },
  {
    id: 'absence-type',
    label: 'Absence or exclusion',
    values: [
      v('persistent-absence', 'Persistently absent'),
      v('permanent-exclusion', 'Permanently excluded'),
    ],
  },
  {
    id: 'sen-need',
    label: 'Special educational need',
    values: [
      v('learning-difficulty', 'Learning difficulty'),
      v('autism', 'Autistic spectrum disorder'),
      v('other-sen', 'Other special educational need'),
    ],
  },
  {
    id: 'crime-type',
    label: 'Crime type (police.uk)',
    values: [
      v('anti-social-behaviour', 'Anti-social behaviour'),
      v('bicycle-theft', 'Bicycle theft'),
      v('burglary', 'Burglary'),
      v('criminal-damage-arson', 'Criminal damage and arson'),
      v('drugs', 'Drugs'),
      v('other-theft', 'Other theft'),
      v('possession-of-weapons', 'Possession of weapons'),
      v('public-order', 'Public order'),
      v('robbery', 'Robbery'),
      v('shoplifting', 'Shoplifting'),
      v('theft-from-the-person', 'Theft from the person'),
      v('vehicle-crime', 'Vehicle crime'),
      v('violence-and-sexual-offences', 'Violence and sexual offences'),
      v('other-crime', 'Other crime'),
    ],
  },
];

export function findDimension(id: string): Dimension | undefined {
  return DIMENSIONS.find((d) => d.id === id);
}

export interface Combination {
  id: string;
  number: number;
  name: string;
  /** Report section that defines it. */
  section: string;
}

export const COMBINATIONS: readonly Combination[] = [
  { id: 'btp-insights', number: 1, name: 'Insights from British Transport Police', section: '3.1.1' },
  {
    id: 'education-and-missing',
    number: 2,
    name: 'Education settings and missing episodes',
    section: '3.1.2',
  },
  {
    id: 'areas-at-risk',
    number: 3,
    name: 'Mapping areas at most risk of County Lines',
    section: '3.1.3',
  },
  { id: 'nrm-efficacy', number: 4, name: 'Establishing efficacy of NRM usage', section: '3.1.4' },
];

export function findCombination(id: string): Combination | undefined {
  return COMBINATIONS.find((c) => c.id === id);
}

/** Column H text for an indicator taking part in these combinations, e.g. "Combination 1: Insights from …". */
export function combinationsText(ids: readonly string[]): string {
  return COMBINATIONS.filter((c) => ids.includes(c.id))
    .map((c) => `Combination ${c.number}: ${c.name}`)
    .join('; ');
}
