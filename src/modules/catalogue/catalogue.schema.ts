// Rules every catalogue must satisfy, whoever wrote it (built in, spreadsheet, JSON). The spreadsheet
// reader maps each problem to its sheet, row and column; the service refuses a catalogue with any.
import { z } from 'zod';
import { COMBINATIONS, findDimension } from './catalogue.dimensions.ts';
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

const text = z.string();
const required = z.string().trim().min(1, 'must not be empty');
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: () => `must be one of: ${values.join(', ')}` });

export const indicatorSchema = z.object({
  id: z
    .string()
    .regex(
      /^[a-z0-9]+(-[a-z0-9]+)*$/,
      'must be lower-case letters, digits and single hyphens, e.g. yp-drug-arrests',
    ),
  category: oneOf(CATEGORIES),
  name: required,
  granularity: required,
  source: required,
  dataType: required,
  purpose: required,
  caveats: text,
  combinationsText: text,
  status: oneOf(STATUSES),
  provenance: z.object({
    kind: z.enum(['table', 'section']),
    row: z.number().int().min(1).optional(),
    section: z.string().optional(),
    note: z.string(),
  }),
  valueType: oneOf(VALUE_TYPES),
  unit: required,
  periodKind: oneOf(PERIOD_KINDS),
  areaLevels: z.array(oneOf(AREA_LEVELS)).min(1, 'must list at least one area level'),
  dimensions: z.array(z.string()),
  polarity: oneOf(POLARITIES),
  combinations: z.array(z.string()),
  achievability: oneOf(ACHIEVABILITY),
  suppliers: z.array(oneOf(SUPPLIER_KINDS)).min(1, 'must list at least one supplier'),
  tier: oneOf(TIERS),
}) satisfies z.ZodType<Indicator>;

export interface CatalogueProblem {
  /** Position of the indicator in the list given (0-based). */
  index: number;
  field: keyof Indicator | undefined;
  message: string;
}

/** Every problem in a proposed catalogue; an empty list means it may be saved. */
export function validateCatalogue(indicators: readonly unknown[]): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const seenIds = new Map<string, number>();
  const seenNames = new Map<string, number>();
  indicators.forEach((raw, index) => {
    const parsed = indicatorSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ index, field: issue.path[0] as keyof Indicator, message: issue.message });
      }
      return;
    }
    const i = parsed.data;
    const id = seenIds.get(i.id);
    if (id !== undefined)
      problems.push({ index, field: 'id', message: `duplicates the id of indicator ${id + 1}` });
    seenIds.set(i.id, index);
    const name = seenNames.get(i.name.trim().toLowerCase());
    if (name !== undefined)
      problems.push({
        index,
        field: 'name',
        message: `duplicates the indicator name of indicator ${name + 1}`,
      });
    seenNames.set(i.name.trim().toLowerCase(), index);
    for (const d of i.dimensions) {
      if (!findDimension(d))
        problems.push({ index, field: 'dimensions', message: `"${d}" is not a known dimension` });
    }
    for (const c of i.combinations) {
      if (!COMBINATIONS.some((x) => x.id === c))
        problems.push({ index, field: 'combinations', message: `"${c}" is not a known combination` });
    }
    if (i.provenance.kind === 'table' && i.provenance.row === undefined)
      problems.push({
        index,
        field: 'provenance',
        message: 'a table row number is needed for provenance "table"',
      });
  });
  return problems;
}
