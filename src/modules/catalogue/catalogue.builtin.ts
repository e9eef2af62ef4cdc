// The built-in catalogue: the Recommended Minimum Dataset as the Traverse report
// (shared/seed/recommended-minimum-dataset-report.txt) sets it out.
//
// Three kinds of entry, kept apart by `status` so nobody mistakes our wording for the report's:
// - agreed: rows 1–19 of the report's indicator table. Columns A–G are copied byte for byte from the
//   table, because partners will compare the platform against the spreadsheet they signed off; only
//   column H is ours, derived from the lists of relevant indicators in section 3.1 (the table text does
//   not carry it). Row 20 is an empty "Missing episodes" placeholder and is deliberately left out.
// - described: indicators the report's prose (sections 2.3.x and 3.1) asks practitioners to collect but
//   the table does not show. Columns A–G are written in the table's terse style, paraphrasing the text.
// - proposed: the healthcare and housing extensions suggested in section 3.2, not yet assessed by partners.
//
// Ids are stable: observations and returns refer to them, so never rename or reuse one.

import { combinationsText } from './catalogue.dimensions.ts';
import type { Indicator, IndicatorStatus, Provenance } from './catalogue.model.ts';

/** Spreadsheet columns A–G: the report's words (agreed) or ours (described, proposed). */
type Columns = Pick<
  Indicator,
  'category' | 'name' | 'granularity' | 'source' | 'dataType' | 'purpose' | 'caveats'
>;
/** Everything the platform needs beyond the spreadsheet, bar the fields the helpers derive. */
type Machine = Omit<Indicator, keyof Columns | 'combinationsText' | 'status' | 'provenance'>;

function build(
  status: IndicatorStatus,
  provenance: Provenance,
  columns: Columns,
  machine: Machine,
): Indicator {
  // Column H is always derived, so it can never drift from the machine-readable combinations. Arrays are
  // copied so indicators sharing a constant (e.g. COUNTY) cannot change each other if one is edited.
  return {
    ...columns,
    combinationsText: combinationsText(machine.combinations),
    status,
    provenance,
    ...machine,
    areaLevels: [...machine.areaLevels],
    dimensions: [...machine.dimensions],
    combinations: [...machine.combinations],
    suppliers: [...machine.suppliers],
  };
}

function agreed(row: number, columns: Columns, machine: Machine): Indicator {
  return build(
    'agreed',
    { kind: 'table', row, note: `Columns A–G from table row ${row}; column H from section 3.1` },
    columns,
    machine,
  );
}

function described(section: string, note: string, columns: Columns, machine: Machine): Indicator {
  return build(
    'described',
    {
      kind: 'section',
      section,
      note: `Not in the indicator table; columns A–G written from the text of section ${section}. ${note}`,
    },
    columns,
    machine,
  );
}

function proposed(section: string, note: string, columns: Columns, machine: Machine): Indicator {
  return build(
    'proposed',
    {
      kind: 'section',
      section,
      note: `Proposed extension; columns A–G written from the text of section ${section}. ${note}`,
    },
    columns,
    machine,
  );
}

// Area levels used repeatedly. Police and local-authority counts are held against an address, so a
// district breakdown is plausible even where the report asks only for a county figure.
const COUNTY: Machine['areaLevels'] = ['pathfinder', 'locality'];
const COUNTY_AND_DISTRICT: Machine['areaLevels'] = ['pathfinder', 'locality', 'district'];
const DISTRICT_AND_WARD: Machine['areaLevels'] = ['district', 'ward'];
const ALL_LEVELS: Machine['areaLevels'] = ['pathfinder', 'locality', 'district', 'ward'];

const DEMOGRAPHICS = ['sex', 'age-band', 'ethnicity', 'nationality'];

// ---------------------------------------------------------------------------------------------------
// Agreed: the report's indicator table, rows 1–19, in order.
// ---------------------------------------------------------------------------------------------------

const TABLE_ROWS: Indicator[] = [
  agreed(
    1,
    {
      category: 'Arrests/detentions',
      name: 'No. of drug-related violent crimes',
      granularity:
        'Serious violent crimes only (SVC) or above, where one or more party is suspected/accused of PWTTS.',
      source: 'Police',
      dataType: 'Number',
      purpose:
        'Drug violence as high-level indicator of potential CL activity - use in conjunction with more granular data.',
      caveats: 'Subject to consistency of markers used across police forces.',
    },
    {
      id: 'drug-related-violent-crimes',
      valueType: 'count',
      unit: 'crimes',
      // No window in the granularity: a routine police count, returned quarterly.
      periodKind: 'quarter',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'short-term',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
  agreed(
    2,
    {
      category: 'Arrests/detentions',
      name: 'No. of YP detained by British Transport Police (BTP)',
      granularity:
        'Detentions of YP under 18 y/o for PWTTS or on suspicion of trafficking, in or from Pathfinder areas only i.e. YP resident in Pathfinder areas arrested in area of residence or out of area, YP not resident in Pathfinder areas and arrested within them.',
      source: 'British Transport Police',
      dataType: 'Number',
      purpose:
        'Assess potential levels of CCE/CL activity - use in conjunction with BTP safeguarding referrals. Require home location and location stopped.',
      caveats:
        'All figures recorded nationally, so would require a manual trawl to break down data by LA areas. Duncan Evans may be able to provide more info on this.',
    },
    {
      id: 'yp-detained-by-btp',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'quarter',
      // BTP records nationally; the caveat says even an LA-level split needs a manual trawl.
      areaLevels: COUNTY,
      // The granularity names three populations (home location vs location stopped).
      dimensions: ['detention-location'],
      polarity: 'higher-is-worse',
      combinations: ['btp-insights'],
      achievability: 'short-term',
      suppliers: ['btp'],
      tier: 'partnership',
    },
  ),
  agreed(
    3,
    {
      category: 'Arrests/detentions',
      name: 'No. of SVV-related arrests (inc. possession of weapon)',
      granularity:
        'Arrests within Pathfinder county on suspicion of serious violent crimes (with/without weapon) where victim is under 18 y/o.',
      source: 'Police',
      dataType: 'Number',
      purpose:
        'Use in conjunction w. other arrest statistics to identify potential levels of CCE. There is a crossover with serious youth violence and SVV arrests indicate a significant risk of involvement in CL activity/CCE. The NCLCC have found a direct correlation between SVV and CL.',
      caveats: '',
    },
    {
      id: 'svv-related-arrests',
      valueType: 'count',
      unit: 'arrests',
      periodKind: 'quarter',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      polarity: 'higher-is-worse',
      // Section 3.1.4 lists it as "Number of SYV-related arrests (including possession of a weapon)".
      combinations: ['nrm-efficacy'],
      achievability: 'short-term',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
  agreed(
    4,
    {
      category: 'Arrests/detentions',
      name: 'No. of vehicle stops leading to drug/cash arrests w/ weapon seizures',
      granularity:
        'Arrests following vehicle stops in Pathfinder county where one or more arrestee is under 18 y/o. (Counting arrests for PWTTS or possession of weapon, or where cash seized under Proceeds of Crime Act 2002.)',
      source: 'Police',
      dataType: 'Number',
      purpose:
        'Assess local levels of drug-related crimes (SVV as potential indicators of CCE/CL activity) - use in conjunction w. other arrest statistics.',
      caveats: 'Reliant on access to disruption logs (Camba have access).',
    },
    {
      id: 'vehicle-stop-arrests',
      valueType: 'count',
      unit: 'arrests',
      periodKind: 'quarter',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'short-term',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
  agreed(
    5,
    {
      category: 'Arrests/detentions',
      name: 'No. of arrests of YP on drug-related charges',
      granularity:
        'No. of YP under 18 y/o arrested for PWTTS in Pathfinder county within last 12 months, suspected to be linked to County Lines activity.',
      source: 'Police',
      dataType: 'Number',
      purpose: 'Assess local levels of drug-related violence (as potential indicator of CL activity).',
      caveats:
        "Info shared would be on those that are suspected to be linked to County Lines activity, won't be a definitive number.",
    },
    {
      id: 'yp-drug-arrests',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'rolling-12-months',
      // County figure; row 6 carries the district/ward breakdown.
      areaLevels: COUNTY,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: ['nrm-efficacy'],
      achievability: 'short-term',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
  agreed(
    6,
    {
      category: 'Arrests/detentions',
      name: 'No. of arrests of YP on drug-related charges (by area)',
      granularity:
        'No. of YP under 18 y/o arrested for PWTTS in Pathfinder county within last 12 months, broken down by district/ward (as appropriate).',
      source: 'Police',
      dataType: 'Number',
      purpose: 'Identify areas with higher levels of drug-related criminal activity/potential for CCE.',
      caveats:
        "Info shared would be on those that are suspected to be linked to County Lines activity, won't be a definitive number.",
    },
    {
      id: 'yp-drug-arrests-by-area',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'rolling-12-months',
      areaLevels: DISTRICT_AND_WARD,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: ['areas-at-risk'],
      achievability: 'short-term',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
  agreed(
    7,
    {
      category: 'Arrests/detentions',
      name: 'Demographic info of YP arrested on drug-related charges (age, sex, ethnicity)',
      granularity:
        'No. of YP under 18 y/o of given age/gender/nationality arrested for PWTTS in Pathfinder county within last 12 months.',
      source: 'Police',
      dataType: 'Number',
      purpose: 'Identify potential socioeconomic drivers of drug violence.',
      caveats: '',
    },
    {
      id: 'yp-drug-arrests-demographics',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'rolling-12-months',
      areaLevels: COUNTY,
      // Column B says age, sex, ethnicity; column C says age, gender, nationality: allow all four.
      dimensions: DEMOGRAPHICS,
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'short-term',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
  agreed(
    8,
    {
      category: 'Arrests/detentions',
      name: 'No. of out-of-area arrests on SVV/drug-related charges',
      granularity:
        'No. of YP under 18 y/o from Pathfinder county arrested in another force on suspicion of SVV/PWTTS. No. of YP under 18 y/o from out of area arrested within Pathfinder county.',
      source: 'Police',
      dataType: 'Number',
      purpose: 'Assess potential levels of CL activity.',
      caveats: 'Long-term goal - part of a wider long-term update on the Police National Database.',
    },
    {
      id: 'out-of-area-arrests',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'quarter',
      areaLevels: COUNTY,
      // The granularity defines two counts: outbound (arrested elsewhere) and inbound (arrested here).
      dimensions: ['direction'],
      polarity: 'higher-is-worse',
      combinations: ['btp-insights'],
      // The caveat: "Long-term goal".
      achievability: 'long-term',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
  agreed(
    9,
    {
      category: 'Education',
      name: 'No. of YP with learning difficulties/autism',
      granularity: 'No. of YP under 18 y/o in Pathfinder county with SEN.',
      source: 'Local authority',
      dataType: 'Number',
      purpose:
        'Identify YP vulnerable to coercion into CL activity, used in conjunction with other education/familial context indicators.',
      caveats: '',
    },
    {
      id: 'yp-with-sen',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: ['sen-need'],
      // A vulnerability base, not a harm: more identified need is not in itself worse.
      polarity: 'no-judgement',
      combinations: [],
      achievability: 'short-term',
      suppliers: ['education', 'local_authority'],
      tier: 'partnership',
    },
  ),
  agreed(
    10,
    {
      category: 'Education',
      name: 'Educational settings of YP at risk of CCE',
      granularity:
        'No. of YP at risk of CCE in mainstream/alternative education, broken down by education (mainstream or RPL) provider.',
      source: 'Local authority',
      dataType: 'Number',
      purpose: 'Assess correlation b/w education and CCE/CL.',
      caveats: 'Level of detail available/shared may vary.',
    },
    {
      id: 'educational-settings-of-yp-at-risk',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: ['education-setting'],
      polarity: 'higher-is-worse',
      combinations: ['education-and-missing'],
      achievability: 'short-term',
      suppliers: ['local_authority', 'education'],
      tier: 'partnership',
    },
  ),
  agreed(
    11,
    {
      category: 'Education',
      name: 'No. of households with YP outside mainstream education',
      granularity:
        'No. of YP under 18 y/o in Pathfinder county who are NEET in alternative education/home-schooled.',
      source: 'Local authority',
      dataType: 'Number',
      purpose: 'YP not accessing mainstream education as increased risk of CCE/CL.',
      caveats: '',
    },
    {
      id: 'yp-outside-mainstream-education',
      valueType: 'count',
      // Column B says households but column C (the collection spec) counts young people.
      unit: 'young people',
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      // No breakdown: education-setting includes "mainstream", which this indicator excludes by definition.
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: ['education-and-missing'],
      achievability: 'short-term',
      suppliers: ['education', 'local_authority'],
      tier: 'partnership',
    },
  ),
  agreed(
    12,
    {
      category: 'Familial context',
      name: 'No. of YP living with domestic abuse in family',
      granularity:
        "No. of YP under 18 y/o living in households where one or more current resident is suspected of domestic abuse by Police/Children's Services.",
      source: 'Local authority',
      dataType: 'Number',
      purpose:
        "Strong link between domestic violence and CCE. Identify YP prone to gang involvement due to desire for 'familial' connection + desensitisation to violence.",
      caveats: '',
    },
    {
      id: 'yp-living-with-domestic-abuse',
      valueType: 'count',
      unit: 'young people',
      // "current resident": a count of the present state.
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'short-term',
      suppliers: ['local_authority'],
      tier: 'partnership',
    },
  ),
  agreed(
    13,
    {
      category: 'Familial context',
      name: 'Most deprived areas within county',
      granularity: 'Index of Multiple Deprivation (IMD) rank by local authority district code.',
      source: 'Index of Multiple Deprivation 2019',
      dataType: 'Number (IMD rank from 1-32,844)',
      purpose: 'Identify areas where YP most at risk of CCE - check against missing episodes/outgoing data.',
      caveats: '',
    },
    {
      id: 'imd-rank-by-district',
      valueType: 'rank',
      unit: 'rank (1 = most deprived of 32,844)',
      // IMD 2019 is a single release, not a time series.
      periodKind: 'snapshot',
      areaLevels: ['district'],
      dimensions: [],
      polarity: 'no-judgement',
      combinations: ['areas-at-risk'],
      achievability: 'short-term',
      suppliers: ['reference_data'],
      tier: 'public-reference',
    },
  ),
  agreed(
    14,
    {
      category: 'Housing/accommodation',
      name: 'No. of homeless YP w/ those with at risk of homelessness',
      granularity:
        'No. of YP under 18 y/o in Pathfinder county currently homeless/recently homeless/at risk of becoming homeless.',
      source: 'Local authority',
      dataType: 'Number',
      purpose: 'YP experiencing homelessness or insecure accommodation as vulnerable to CCE.',
      caveats: '',
    },
    {
      id: 'homeless-yp',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: ['housing-status'],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'short-term',
      suppliers: ['housing', 'local_authority'],
      tier: 'partnership',
    },
  ),
  agreed(
    15,
    {
      category: 'Housing/accommodation',
      name: 'No. of cuckooed addresses',
      granularity:
        'Number of addresses within Pathfinder county known to have been cuckooed within last 5 years. Number of addresses by ward.',
      source: 'Police',
      dataType: 'Number',
      purpose:
        'Identify areas/types of accommodation most prone to cuckooing - check against area deprivation statistics?',
      caveats: 'Subject to consistency of markers used across police forces, could be time consuming.',
    },
    {
      id: 'cuckooed-addresses',
      valueType: 'count',
      unit: 'addresses',
      periodKind: 'rolling-5-years',
      // County total plus "by ward"; section 2.3.7 also asks for district "where possible".
      areaLevels: ALL_LEVELS,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'short-term',
      // Sections 2.3.7 and 3.2.2 name housing authorities/providers as a source of cuckooing data.
      suppliers: ['police', 'housing'],
      tier: 'partnership',
    },
  ),
  agreed(
    16,
    {
      category: 'Missing episodes',
      name: 'No. of YP missing from home found outside LA boundaries',
      granularity:
        "Number of missing YP from Pathfinder county found in another LAs jurisdiction per year. (Plus list of most common deprivation LA's.)",
      source: 'Police',
      dataType: 'Number',
      purpose:
        'Identify YP with potential involvement in CL activity/assess potential local levels of CCE - use in conjunction with collected missing episodes data for better understanding of potential CCE within locality.',
      caveats: 'Potential issues around accessing missing person data from different areas.',
    },
    {
      id: 'missing-yp-found-outside-la',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'year',
      // "outside LA boundaries" is measured against the county (upper-tier) authority.
      areaLevels: COUNTY,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: ['btp-insights'],
      achievability: 'short-term',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
  agreed(
    17,
    {
      category: 'Missing episodes',
      name: 'No. of YP with histories of repeated missing episodes',
      granularity: 'YP under 18 y/o within Pathfinder county with 3+ missing episodes in last 5 years.',
      source: 'Police',
      dataType: 'Number',
      purpose:
        'Emphasis on repeated missing episodes as more reliable indicator of CCE than individual episodes.',
      caveats:
        'Need to refer to national guidance on missing episodes as perpetrators are getting more sophisticated with shorter missing episodes to avoid suspicion.',
    },
    {
      id: 'yp-repeat-missing',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'rolling-5-years',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: ['education-and-missing'],
      achievability: 'short-term',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
  agreed(
    18,
    {
      category: 'Missing episodes',
      name: 'No. of missing episodes by area',
      granularity:
        'No. of YP under 18 y/o with missing episodes within last 12 months, broken down by district/ward (as appropriate).',
      source: 'Police',
      dataType: 'Number',
      purpose: 'Identify areas with higher levels of potential for CCE.',
      caveats: '',
    },
    {
      id: 'missing-episodes-by-area',
      valueType: 'count',
      // Column B and section 3.1.3 count episodes; column C counts YP with episodes. We follow the name.
      unit: 'missing episodes',
      periodKind: 'rolling-12-months',
      areaLevels: DISTRICT_AND_WARD,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: ['areas-at-risk'],
      achievability: 'short-term',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
  agreed(
    19,
    {
      category: 'Missing episodes',
      name: 'No. of missing YP w. CCE/gang-related marker on file',
      granularity: "No. of active MIA's under 18 y/o with known CCE association.",
      source: 'Police',
      dataType: 'Number',
      purpose: 'Identify YP at risk of CCE/assess potential local levels of CCE.',
      caveats: '',
    },
    {
      id: 'missing-yp-with-cce-marker',
      valueType: 'count',
      unit: 'young people',
      // "active" MIAs: those missing at the time of counting.
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: ['education-and-missing'],
      achievability: 'short-term',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
];

// ---------------------------------------------------------------------------------------------------
// Described: named in the report's text but absent from the table. Grouped by category, in the order
// the report discusses them. Achievability is not-assessed unless the text says when data will exist.
// ---------------------------------------------------------------------------------------------------

const YOUNG_PEOPLE_KNOWN_TO_SERVICES: Indicator[] = [
  described(
    '2.3.1',
    'Agencies should record the number of YP identified as at-risk.',
    {
      category: 'Young people known to services',
      name: 'No. of YP identified as at risk of CCE',
      granularity: 'No. of YP under 18 y/o in Pathfinder county currently identified as at risk of CCE.',
      source: 'Local authority/Police',
      dataType: 'Number',
      purpose: 'Consistent baseline of YP known to be at risk of CCE across agencies and localities.',
      caveats:
        'Recording practices vary widely between agencies; limited to YP already known to police/statutory services.',
    },
    {
      id: 'yp-at-risk-of-cce',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['local_authority', 'police'],
      tier: 'partnership',
    },
  ),
  described(
    '2.3.1',
    "Number of YP assigned each level of risk following assessment by children's services.",
    {
      category: 'Young people known to services',
      name: 'No. of YP at risk of CCE by assessed risk level',
      granularity:
        "No. of YP under 18 y/o in Pathfinder county at risk of CCE, broken down by level of risk (emerging/moderate/significant) assessed by Children's Services.",
      source: 'Local authority',
      dataType: 'Number',
      purpose: 'Assess severity of risk of CCE among YP known to services.',
      caveats: 'Data collection practices vary widely between agencies.',
    },
    {
      id: 'yp-at-risk-by-risk-level',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: ['risk-level'],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['local_authority'],
      tier: 'partnership',
    },
  ),
  described(
    '2.3.1',
    'Demographic information of YP at risk, to show the characteristics of those targeted.',
    {
      category: 'Young people known to services',
      name: 'Demographic info of YP at risk of CCE (age, sex, ethnicity, nationality)',
      granularity:
        'No. of YP under 18 y/o in Pathfinder county at risk of CCE of given age/sex/ethnicity/nationality.',
      source: 'Local authority',
      dataType: 'Number',
      purpose: 'Identify characteristics of YP targeted for CCE and target interventions appropriately.',
      caveats: 'Limited to YP already known to police/statutory services.',
    },
    {
      id: 'yp-at-risk-demographics',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: DEMOGRAPHICS,
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['local_authority'],
      tier: 'partnership',
    },
  ),
  described(
    '2.3.1',
    'At-risk YP who are also in care, an additional risk factor for CCE.',
    {
      category: 'Young people known to services',
      name: 'No. of YP at risk of CCE who are in care',
      granularity: 'No. of YP under 18 y/o in Pathfinder county at risk of CCE who are also in care.',
      source: 'Local authority',
      dataType: 'Number',
      purpose: 'Being in care as an additional risk factor for CCE.',
      caveats: '',
    },
    {
      id: 'yp-at-risk-in-care',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['local_authority'],
      tier: 'partnership',
    },
  ),
];

const POLICE_OPERATIONS: Indicator[] = [
  described(
    '2.3.2',
    'Investigations with a potential County Lines element, tagged and shared with local authorities.',
    {
      category: 'Police operations',
      name: 'No. of active investigations with a County Lines tag',
      granularity:
        'Active investigations by local, regional and national police agencies in Pathfinder county with a potential County Lines element, tagged as such (inc. lines that do not cross county boundaries).',
      source: 'Police',
      dataType: 'Number',
      purpose:
        'Share information on active investigations with local authorities/partners to build a comprehensive picture of CL activity.',
      caveats: 'Subject to consistency of County Lines tags used across police agencies.',
    },
    {
      id: 'active-cl-investigations',
      valueType: 'count',
      unit: 'investigations',
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      // Reflects both the scale of activity and police effort, so no direction is better.
      polarity: 'no-judgement',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['police'],
      // The report wants this shared with local authorities and partners, so not restricted.
      tier: 'partnership',
    },
  ),
  described(
    '2.3.2',
    'Nominals known to be involved in County Lines, ideally split between county residents and out-of-county individuals.',
    {
      category: 'Police operations',
      name: 'No. of nominals known to be involved in County Lines activity',
      granularity:
        'Nominals in Pathfinder county known to police to be involved in County Lines activity, broken down by county residents/out-of-county individuals.',
      source: 'Police',
      dataType: 'Number',
      purpose:
        'Share soft intelligence on the scale of youth involvement in CL with local authorities/statutory services to enable earlier intervention.',
      caveats: 'Resident/out-of-county split not yet routinely recorded - options to be explored.',
    },
    {
      id: 'cl-nominals',
      valueType: 'count',
      unit: 'nominals',
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: ['residence'],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['police'],
      // A count, provided to local authorities and statutory services as the report asks.
      tier: 'partnership',
    },
  ),
  // Section 3.1.3's "ERSOU County Lines data by district (arrests, threat level, longevity, import/export
  // areas)" holds four measures of different types, so it is split into four indicators.
  described(
    '3.1.3',
    'First of four indicators from "ERSOU County Lines data by district": arrests.',
    {
      category: 'Police operations',
      name: 'No. of ERSOU County Lines arrests (by district)',
      granularity: 'Arrests linked to County Lines recorded by ERSOU, broken down by district.',
      source: 'ERSOU',
      dataType: 'Number',
      purpose: 'Compare risk factor-based mapping of areas at risk against known CL activity.',
      caveats: 'Restricted intelligence.',
    },
    {
      id: 'ersou-cl-arrests-by-district',
      valueType: 'count',
      unit: 'arrests',
      periodKind: 'quarter',
      areaLevels: ['district'],
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: ['areas-at-risk'],
      achievability: 'not-assessed',
      suppliers: ['ersou'],
      tier: 'restricted-intelligence',
    },
  ),
  described(
    '3.1.3',
    'Second of four indicators from "ERSOU County Lines data by district": threat level.',
    {
      category: 'Police operations',
      name: 'ERSOU County Lines threat level (by district)',
      granularity: 'County Lines threat level assessed by ERSOU for each district.',
      source: 'ERSOU',
      dataType: 'Category (high/medium/low)',
      purpose: 'Compare risk factor-based mapping of areas at risk against known CL activity.',
      caveats: 'Restricted intelligence.',
    },
    {
      id: 'ersou-threat-level-by-district',
      valueType: 'category',
      unit: 'threat level (high/medium/low)',
      periodKind: 'snapshot',
      areaLevels: ['district'],
      // How the value is coded.
      dimensions: ['threat-level'],
      polarity: 'higher-is-worse',
      combinations: ['areas-at-risk'],
      achievability: 'not-assessed',
      suppliers: ['ersou'],
      tier: 'restricted-intelligence',
    },
  ),
  described(
    '3.1.3',
    'Third of four indicators from "ERSOU County Lines data by district": longevity of lines.',
    {
      category: 'Police operations',
      name: 'ERSOU County Lines longevity (by district)',
      granularity:
        'Length of time County Lines known to ERSOU have been operating in each district, in days.',
      source: 'ERSOU',
      dataType: 'Number (days)',
      purpose: 'Compare risk factor-based mapping of areas at risk against known CL activity.',
      caveats: 'Restricted intelligence.',
    },
    {
      id: 'ersou-line-longevity-by-district',
      valueType: 'duration',
      unit: 'days',
      periodKind: 'snapshot',
      areaLevels: ['district'],
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: ['areas-at-risk'],
      achievability: 'not-assessed',
      suppliers: ['ersou'],
      tier: 'restricted-intelligence',
    },
  ),
  described(
    '3.1.3',
    'Fourth of four indicators from "ERSOU County Lines data by district": import/export areas, counted as lines importing into/exporting from each district.',
    {
      category: 'Police operations',
      name: 'No. of County Lines importing into/exporting from area (by district)',
      granularity:
        'County Lines known to ERSOU importing into/exporting from each district, broken down by direction.',
      source: 'ERSOU',
      dataType: 'Number',
      purpose: 'Identify import/export areas and compare against risk factor-based mapping of areas at risk.',
      caveats: 'Restricted intelligence.',
    },
    {
      id: 'ersou-import-export-areas-by-district',
      valueType: 'count',
      unit: 'lines',
      periodKind: 'quarter',
      areaLevels: ['district'],
      dimensions: ['line-direction'],
      polarity: 'higher-is-worse',
      combinations: ['areas-at-risk'],
      achievability: 'not-assessed',
      suppliers: ['ersou'],
      tier: 'restricted-intelligence',
    },
  ),
  described(
    '3.1.3',
    'County Lines Intelligence Collection Matrix (CLICM) data by area (lines in/out).',
    {
      category: 'Police operations',
      name: 'No. of County Lines in/out (CLICM, by area)',
      granularity:
        'County Lines recorded in the County Lines Intelligence Collection Matrix (CLICM) running into/out of Pathfinder county, broken down by area.',
      source: 'Police (CLICM)',
      dataType: 'Number',
      purpose: 'Compare risk factor-based mapping of areas at risk against known CL activity.',
      caveats: 'Restricted intelligence.',
    },
    {
      id: 'clicm-lines-by-area',
      valueType: 'count',
      unit: 'lines',
      periodKind: 'quarter',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: ['line-direction'],
      polarity: 'higher-is-worse',
      combinations: ['areas-at-risk'],
      achievability: 'not-assessed',
      suppliers: ['police'],
      tier: 'restricted-intelligence',
    },
  ),
  described(
    '3.1.3',
    'Crime levels by area (share of county-wide crime), from open police.uk data.',
    {
      category: 'Police operations',
      name: 'Crime levels by area (share of county-wide crime)',
      granularity:
        'Police-recorded crime in each district/ward as a share of all crime in Pathfinder county, per month.',
      source: 'police.uk',
      dataType: 'Percentage',
      purpose: 'Map areas at most risk of CL activity alongside other area-level risk factors.',
      caveats: '',
    },
    {
      id: 'crime-share-by-area',
      valueType: 'proportion',
      unit: 'percentage of county-wide crime',
      periodKind: 'month',
      // A share of the county total is only meaningful below the county.
      areaLevels: DISTRICT_AND_WARD,
      dimensions: ['crime-type'],
      // Zero-sum across areas: one area's fall is another's rise, so change is not judged.
      polarity: 'no-judgement',
      combinations: ['areas-at-risk'],
      achievability: 'short-term',
      suppliers: ['reference_data'],
      tier: 'public-reference',
    },
  ),
];

const REFERRALS: Indicator[] = [
  described(
    '2.3.4',
    'Named in section 3.1.4 as "Number of NRM criminal exploitation investigations (with/without referral)".',
    {
      category: 'Referrals',
      name: 'No. of NRM criminal exploitation investigations (with/without referral)',
      granularity:
        'Police investigations of YP under 18 y/o in Pathfinder county as victims of criminal exploitation, broken down by with/without NRM referral.',
      source: 'Police',
      dataType: 'Number',
      purpose:
        'Assess how consistently NRM submissions trigger investigation - use in conjunction w. SVV/drug-related arrest statistics.',
      caveats: 'NRM submissions may not consistently trigger investigation.',
    },
    {
      id: 'nrm-ce-investigations',
      valueType: 'count',
      unit: 'investigations',
      periodKind: 'quarter',
      areaLevels: COUNTY,
      dimensions: ['nrm-referral'],
      // Investigating YP as victims is the safeguard against inappropriate criminalisation.
      polarity: 'lower-is-worse',
      combinations: ['nrm-efficacy'],
      achievability: 'not-assessed',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
  described(
    '2.3.4',
    'Named in section 3.1.4 as "Number of successful criminal exploitation NRM referrals (and outcomes)"; successful referrals are those with a positive decision.',
    {
      category: 'Referrals',
      name: 'No. of successful criminal exploitation NRM referrals (and outcomes)',
      granularity:
        'NRM referrals for criminal exploitation of YP under 18 y/o from Pathfinder county, broken down by outcome (positive reasonable/conclusive grounds, negative, pending, withdrawn).',
      source: 'Police/Local authority',
      dataType: 'Number',
      purpose:
        'Assess appropriateness of NRM usage - use in conjunction w. SVV/drug-related arrest statistics.',
      caveats: 'Concerns about consistency of NRM implementation.',
    },
    {
      id: 'nrm-ce-referrals-by-outcome',
      valueType: 'count',
      unit: 'referrals',
      periodKind: 'quarter',
      areaLevels: COUNTY,
      dimensions: ['nrm-outcome'],
      polarity: 'lower-is-worse',
      combinations: ['nrm-efficacy'],
      achievability: 'not-assessed',
      suppliers: ['police', 'local_authority'],
      tier: 'partnership',
    },
  ),
  described(
    '3.1.4',
    'Success rate of NRM referrals, which section 3.1.4 says shows whether the mechanism is used as intended; success taken as a positive conclusive grounds decision.',
    {
      category: 'Referrals',
      name: 'Success rate of criminal exploitation NRM referrals',
      granularity:
        'Proportion of criminal exploitation NRM referrals of YP under 18 y/o from Pathfinder county with a conclusive grounds decision in the quarter that were positive.',
      source: 'Police/Local authority',
      dataType: 'Percentage',
      purpose: 'A high success rate suggests the NRM is routinely being used as intended.',
      caveats: 'Concerns about consistency of NRM implementation.',
    },
    {
      id: 'nrm-ce-referral-success-rate',
      valueType: 'proportion',
      unit: 'percentage of decided referrals',
      periodKind: 'quarter',
      areaLevels: COUNTY,
      dimensions: [],
      polarity: 'lower-is-worse',
      combinations: ['nrm-efficacy'],
      achievability: 'not-assessed',
      suppliers: ['police', 'local_authority'],
      tier: 'partnership',
    },
  ),
  described(
    '2.3.4',
    'Named in section 3.1.1 as "Number of safeguarding referrals made following British Transport Police interventions".',
    {
      category: 'Referrals',
      name: 'No. of safeguarding referrals following BTP interventions',
      granularity:
        "No. of YP under 18 y/o referred to Pathfinder Children's Services following arrest or detention by British Transport Police.",
      source: 'British Transport Police/Local authority',
      dataType: 'Number',
      purpose:
        'Assess whether BTP provide an effective safeguard for YP trafficked via public transport - use in conjunction with BTP detentions/out-of-area arrests.',
      caveats: '',
    },
    {
      id: 'safeguarding-referrals-after-btp',
      valueType: 'count',
      unit: 'referrals',
      periodKind: 'quarter',
      areaLevels: COUNTY,
      dimensions: [],
      // A safeguard: fewer referrals for the same detentions means YP are being missed.
      polarity: 'lower-is-worse',
      combinations: ['btp-insights'],
      achievability: 'not-assessed',
      suppliers: ['btp', 'local_authority'],
      tier: 'partnership',
    },
  ),
  described(
    '2.3.4',
    'Inter-agency referrals for at-risk YP, beyond the NRM.',
    {
      category: 'Referrals',
      name: 'No. of inter-agency referrals for YP at risk of CCE',
      granularity:
        'Referrals of YP under 18 y/o in Pathfinder county at risk of CCE between agencies, broken down by referring agency.',
      source: 'Local authority',
      dataType: 'Number',
      purpose: 'Assess efficacy and consistency of use of local, regional and national referral mechanisms.',
      caveats: '',
    },
    {
      id: 'inter-agency-referrals-yp-at-risk',
      valueType: 'count',
      unit: 'referrals',
      periodKind: 'quarter',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: ['referring-agency'],
      polarity: 'lower-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['local_authority'],
      tier: 'partnership',
    },
  ),
];

const MISSING_EPISODES: Indicator[] = [
  described(
    '2.3.5',
    'The inbound counterpart of table row 16.',
    {
      category: 'Missing episodes',
      name: 'No. of out-of-area YP found within Pathfinder county',
      granularity:
        'Number of missing YP under 18 y/o from outside Pathfinder county found within it per year.',
      source: 'Police',
      dataType: 'Number',
      purpose:
        'Assess scale of CL-related trafficking into the Pathfinder area - use in conjunction with row 16.',
      caveats: 'Potential issues around accessing missing person data from different areas.',
    },
    {
      id: 'out-of-area-yp-found-in-county',
      valueType: 'count',
      unit: 'young people',
      // Matches table row 16 so the two directions can be compared.
      periodKind: 'year',
      areaLevels: COUNTY,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['police'],
      tier: 'partnership',
    },
  ),
];

const EDUCATION: Indicator[] = [
  described(
    '2.3.6',
    'YP who are persistently absent or permanently excluded.',
    {
      category: 'Education',
      name: 'No. of YP persistently absent or permanently excluded',
      granularity:
        'No. of YP under 18 y/o in Pathfinder county persistently absent from or permanently excluded from school per year.',
      source: 'Local authority',
      dataType: 'Number',
      purpose: 'YP struggling to engage with school as at high risk of CCE/CL.',
      caveats: '',
    },
    {
      id: 'yp-persistently-absent-or-excluded',
      valueType: 'count',
      unit: 'young people',
      // Persistent absence and exclusions are measured over a school year.
      periodKind: 'year',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: ['absence-type'],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['education', 'local_authority'],
      tier: 'partnership',
    },
  ),
  described(
    '2.3.6',
    'YP with SEN who are also excluded, formally or informally, from mainstream education.',
    {
      category: 'Education',
      name: 'No. of YP with SEN excluded from mainstream education',
      granularity:
        'No. of YP under 18 y/o in Pathfinder county with SEN who are excluded (formally or informally) from mainstream education.',
      source: 'Local authority',
      dataType: 'Number',
      purpose: 'YP with SEN outside mainstream education as at increased risk of CCE.',
      caveats: '',
    },
    {
      id: 'yp-with-sen-excluded',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: ['sen-need'],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['education', 'local_authority'],
      tier: 'partnership',
    },
  ),
  described(
    '3.1.2',
    'Section 3.1.2 expects the Vulnerability Assessment Tracker to make this data consistent, so it is a long-term goal.',
    {
      category: 'Education',
      name: 'No. of YP on reduced timetables',
      granularity: 'No. of YP under 18 y/o in Pathfinder county on reduced timetables.',
      source: 'Local authority',
      dataType: 'Number',
      purpose: 'Assess correlation b/w absence from mainstream education and missing episodes.',
      caveats:
        'Data currently varies across localities - Vulnerability Assessment Tracker should address discrepancies.',
    },
    {
      id: 'yp-on-reduced-timetables',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'snapshot',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'long-term',
      suppliers: ['education', 'local_authority'],
      tier: 'partnership',
    },
  ),
];

const SUBSTANCE_MISUSE: Indicator[] = [
  described(
    '2.3.8',
    'YP receiving, or who have recently received, treatment for drug and/or alcohol abuse; "recently" taken as within the last 12 months.',
    {
      category: 'Substance misuse',
      name: 'No. of YP receiving/recently received treatment for drug/alcohol misuse',
      granularity:
        'No. of YP under 18 y/o in Pathfinder county receiving, or having received within last 12 months, treatment for drug and/or alcohol misuse.',
      source: 'Local authority/Health',
      dataType: 'Number',
      purpose:
        'Substance misuse as reliable indicator of vulnerability to CCE - use in combination with other indicators.',
      caveats: '',
    },
    {
      id: 'yp-in-substance-misuse-treatment',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'rolling-12-months',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: ['treatment-status', 'substance'],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['health', 'local_authority'],
      tier: 'partnership',
    },
  ),
];

// ---------------------------------------------------------------------------------------------------
// Proposed: section 3.2's suggested extensions with housing and healthcare partners. Not assessed by
// the Pathfinder localities, so achievability is not-assessed.
// ---------------------------------------------------------------------------------------------------

const PROPOSED: Indicator[] = [
  proposed(
    '3.2.3',
    'Emergency hospital admissions for drug overdoses among YP, particularly from "plugging".',
    {
      category: 'Healthcare',
      name: 'No. of emergency hospital admissions of YP for drug overdoses (inc. "plugging")',
      granularity:
        'Emergency hospital admissions of YP under 18 y/o in Pathfinder county for drug overdose, inc. overdoses resulting from "plugging".',
      source: 'Health (A&E)',
      dataType: 'Number',
      purpose: 'Overdoses, particularly from plugging, as potential indicator of CL exploitation.',
      caveats: 'Requires formalised information-sharing with healthcare partners.',
    },
    {
      id: 'yp-overdose-admissions',
      valueType: 'count',
      unit: 'admissions',
      periodKind: 'quarter',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['health'],
      tier: 'partnership',
    },
  ),
  proposed(
    '3.2.3',
    'YP admitted to hospital with serious unexplained injuries, particularly those inflicted by a weapon.',
    {
      category: 'Healthcare',
      name: 'No. of YP admitted to hospital with serious unexplained injuries',
      granularity:
        'No. of YP under 18 y/o in Pathfinder county admitted to hospital with serious unexplained injuries, particularly those inflicted by a weapon.',
      source: 'Health (A&E)',
      dataType: 'Number',
      purpose: 'Additional insight into the scale of CL activity within locality.',
      caveats: 'Requires formalised information-sharing with healthcare partners.',
    },
    {
      id: 'yp-unexplained-injury-admissions',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'quarter',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['health'],
      tier: 'partnership',
    },
  ),
  proposed(
    '3.2.3',
    'YP seeking treatment at sexual health clinics for sexual violence and/or unwanted pregnancies.',
    {
      category: 'Healthcare',
      name: 'No. of YP seeking treatment at sexual health clinics for sexual violence/unwanted pregnancy',
      granularity:
        'No. of YP under 18 y/o in Pathfinder county seeking treatment at sexual health clinics for sexual violence and/or unwanted pregnancy.',
      source: 'Health (sexual health clinics)',
      dataType: 'Number',
      purpose: 'Sexual violence as coercive tool used by gangs involved in CCE - identify exploited YP.',
      caveats:
        "Privacy concerns - service users' right to privacy to be balanced against providers' safeguarding obligations.",
    },
    {
      id: 'yp-sexual-health-clinic-attendances',
      valueType: 'count',
      unit: 'young people',
      periodKind: 'quarter',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      polarity: 'higher-is-worse',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['health'],
      tier: 'partnership',
    },
  ),
  proposed(
    '3.2.2',
    'Consistent tracking of rehousing applications, for earlier identification of at-risk YP.',
    {
      category: 'Housing/accommodation',
      name: 'No. of rehousing applications involving YP',
      granularity: 'Applications for rehousing in Pathfinder county involving YP under 18 y/o.',
      source: 'Housing providers/Local authority',
      dataType: 'Number',
      purpose: 'Earlier identification of at-risk YP.',
      caveats:
        'Private sector involvement in housing provision - housing providers may need incentives to disclose information.',
    },
    {
      id: 'rehousing-applications-involving-yp',
      valueType: 'count',
      unit: 'applications',
      periodKind: 'quarter',
      areaLevels: COUNTY_AND_DISTRICT,
      dimensions: [],
      // A screening source for earlier identification, not a measure of harm.
      polarity: 'no-judgement',
      combinations: [],
      achievability: 'not-assessed',
      suppliers: ['housing', 'local_authority'],
      tier: 'partnership',
    },
  ),
];

/** The Recommended Minimum Dataset: table rows 1–19, then described indicators by category, then proposed. */
export const BUILT_IN_CATALOGUE: readonly Indicator[] = [
  ...TABLE_ROWS,
  ...YOUNG_PEOPLE_KNOWN_TO_SERVICES,
  ...POLICE_OPERATIONS,
  ...REFERRALS,
  ...MISSING_EPISODES,
  ...EDUCATION,
  ...SUBSTANCE_MISUSE,
  ...PROPOSED,
];
