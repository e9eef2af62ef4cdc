// What the benchmark submits, and the database it submits into.
//
// No return in the built-in catalogue comes near a million rows: the largest is Essex Police's, about
// 1,040 template rows a quarter even with the ward reference data loaded, and a return cannot repeat a
// key (indicator, area, window, breakdown) nor report outside the organisation's areas, periods and
// indicators. So the benchmark reaches a million *distinct, valid* keys the way a larger dataset
// would: it imports (through the catalogue service, as an administrator would) a catalogue version
// with extra monthly police indicators reported for districts and wards, each broken down by sex, age
// band, ethnicity, nationality and crime type. The file is then the first million rows of Essex
// Police's own CSV template for the quarter, with every value filled in, so it goes through the real
// reader, validator, set-level checks and commit unchanged and is accepted.
import fs from 'node:fs';
import { once } from 'node:events';
import type { Indicator } from '../src/modules/catalogue/catalogue.model.ts';
import type { Deps } from '../src/deps.ts';
import { systemActor } from '../src/platform/actor.ts';
import { parseQuarter, type Quarter } from '../src/modules/returns/periods.ts';
import { createRandom } from '../src/modules/demo/random.ts';
import {
  csvLine,
  csvTemplateHeader,
  templateRowCells,
} from '../src/modules/returns/templates/csv-template.ts';
import { templateRows, type TemplateRow } from '../src/modules/returns/template-rows.ts';

export const ORGANISATION = 'essex-police';
export const PERIOD = '2026-Q1';
export const REFERENCE_DIR = '../shared/data';
/** Bench indicators added to the catalogue: enough for well over a million template rows. */
const BENCH_INDICATORS = 45;
const BENCH_DIMENSIONS = ['sex', 'age-band', 'ethnicity', 'nationality', 'crime-type'];

function quarter(period = PERIOD): Quarter {
  const q = parseQuarter(period);
  if (!q) throw new Error(`bad period ${period}`);
  return q;
}

function benchIndicator(template: Indicator, n: number): Indicator {
  const nn = String(n).padStart(2, '0');
  return {
    ...template,
    id: `bench-ward-offences-${nn}`,
    name: `Benchmark ward offences ${nn}`,
    granularity: 'Monthly count by ward, with breakdowns (benchmark only)',
    status: 'described',
    provenance: { kind: 'section', section: '3.2', note: 'Benchmark indicator: not part of the dataset' },
    valueType: 'count',
    unit: 'offences',
    periodKind: 'month',
    areaLevels: ['district', 'ward'],
    dimensions: BENCH_DIMENSIONS,
    combinations: [],
    suppliers: ['police'],
    tier: 'partnership',
  };
}

/** Loads the ward reference data and a catalogue version with the bench indicators. */
export async function prepareBenchData(deps: Deps): Promise<void> {
  const ctx = systemActor('bench');
  if (!(await deps.geography.referenceStatus()).lastImport) {
    await deps.geography.importReference(ctx, REFERENCE_DIR);
  }
  const { indicators } = await deps.catalogue.current();
  if (indicators.some((i) => i.id.startsWith('bench-'))) return;
  const template = indicators.find((i) => i.id === 'missing-episodes-by-area');
  if (!template) throw new Error('the built-in catalogue has no missing-episodes-by-area');
  const extra = Array.from({ length: BENCH_INDICATORS }, (_, i) => benchIndicator(template, i + 1));
  await deps.catalogue.importCatalogue(ctx, [...indicators, ...extra], {
    name: 'bench-catalogue.json',
    sha256: '-',
  });
}

export interface ReturnFile {
  rows: number;
  bytes: number;
  header: string[];
  templateRows: number;
}

export type Corruption = (cells: string[], header: string[]) => void;

/**
 * Writes the first `rows` rows of the organisation's CSV template with every value filled in. A total
 * is 200–999 and a breakdown value 0–12, so no breakdown (at most 14 values) adds up to more than its
 * total. One row in 50 has a note, with a comma, so quoting is exercised. `corrupt`, given for some
 * rows, spoils one cell to make an error.
 */
export async function writeReturnFile(
  deps: Deps,
  file: string,
  rows: number,
  corrupt?: (index: number) => Corruption | undefined,
  period = PERIOD,
): Promise<ReturnFile> {
  const org = await deps.organisations.get(ORGANISATION);
  const vctx = await deps.returns.validationContext(org, quarter(period));
  const { indicators } = await deps.catalogue.current();
  const header = csvTemplateHeader(vctx, indicators);
  const all: TemplateRow[] = templateRows(vctx, indicators);
  if (all.length < rows) throw new Error(`the template has only ${all.length} rows, not ${rows}`);
  const types = new Map(indicators.map((i) => [i.id, i.valueType]));
  const next = createRandom(20260101).next;
  const out = fs.createWriteStream(file);
  let bytes = 0;
  const write = async (line: string) => {
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(csvLine(header));
  for (let i = 0; i < rows; i++) {
    const r = all[i]!;
    const type = types.get(r.indicatorId);
    const value =
      type === 'proportion'
        ? (next() * 0.9).toFixed(3)
        : type === 'duration'
          ? (next() * 200).toFixed(1)
          : r.breakdown
            ? String(Math.floor(next() * 13))
            : String(200 + Math.floor(next() * 800));
    const cells = templateRowCells(header, r, value, i % 50 === 7 ? 'Includes offences, recorded late' : '');
    corrupt?.(i)?.(cells, header);
    await write(csvLine(cells));
  }
  out.end();
  await once(out, 'finish');
  return { rows, bytes, header, templateRows: all.length };
}

/** Ways a person gets a cell wrong, one row in each `every`, each making exactly one problem. */
export function errorEvery(every: number): (index: number) => Corruption | undefined {
  const kinds: Corruption[] = [
    (c, h) => (c[h.indexOf('value')] = 'twelve'),
    (c, h) => (c[h.indexOf('value')] = '-3'),
    (c, h) => (c[h.indexOf('value')] = 'n/a'),
    (c) => (c[1] = 'E05999999'),
    (c) => (c[2] = '2026-02-30'),
    (c) => (c[0] = 'no-such-indicator'),
  ];
  let n = 0;
  return (index) => (index % every === every - 1 ? kinds[n++ % kinds.length] : undefined);
}
