// User-defined combinations: saved (each change checked against the catalogue in force and audited in
// the same transaction), listed, archived, and worked out for a quarter from the figures the viewer may
// see, through the analysis service's inputs (the one way figures leave the platform).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { ActorContext } from '../../../platform/actor.ts';
import type { AuditWriter } from '../../../platform/audit.ts';
import { NotFoundError, ValidationError, type Problem } from '../../../platform/errors.ts';
import { findDimension } from '../../catalogue/catalogue.dimensions.ts';
import type { Indicator } from '../../catalogue/catalogue.model.ts';
import type { CatalogueService } from '../../catalogue/catalogue.service.ts';
import type { Viewer } from '../../data/data.service.ts';
import type { GeographyService } from '../../geography/geography.service.ts';
import { formatQuarter, type Quarter } from '../../returns/periods.ts';
import type { AnalysisService } from '../analysis.service.ts';
import type { InputFigures } from '../combinations/inputs.ts';
import type { Denominators } from '../indicator-analysis.ts';
import {
  describeFormula,
  formatFormula,
  formulaInputs,
  formulaVariables,
  parseFormula,
  type Formula,
  type VariableName,
} from '../formula/index.ts';
import { checkCombination, formulaProblems } from './custom.check.ts';
import { evaluateCombination } from './custom.evaluate.ts';
import type {
  CombinationInput,
  CombinationPolarity,
  CustomCombination,
  CustomCombinationResult,
} from './custom.model.ts';
import type { CustomCombinationRepository, UserCombinationRow } from './custom.repository.ts';

export const SUBJECT_TYPE = 'user-combination';

function canonicalOf(text: string): string {
  const parsed = parseFormula(text);
  return parsed.ok ? formatFormula(parsed.formula) : text;
}

function toCombination(r: UserCombinationRow): CustomCombination {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    formula: r.formula,
    canonical: canonicalOf(r.formula),
    unit: r.unit,
    polarity: r.polarity as CombinationPolarity,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at,
  };
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** Names for reading a formula aloud: indicators, dimensions and "dimension=value" pairs. */
function formulaNames(
  indicators: readonly Pick<Indicator, 'id' | 'name' | 'dimensions'>[],
): Map<string, string> {
  const names = new Map<string, string>();
  for (const i of indicators) {
    names.set(i.id, i.name);
    for (const d of i.dimensions) {
      const dimension = findDimension(d);
      if (!dimension) continue;
      names.set(d, dimension.label);
      for (const v of dimension.values) names.set(`${d}=${v.code}`, `${dimension.label}: ${v.label}`);
    }
  }
  return names;
}

export function createCustomCombinationService(deps: {
  db: Kysely<DB>;
  repository: CustomCombinationRepository;
  audit: AuditWriter;
  catalogue: Pick<CatalogueService, 'current'>;
  analysis: Pick<AnalysisService, 'inputFigures' | 'childDenominators' | 'populationTotals' | 'recordView'>;
  geography: Pick<GeographyService, 'listAreas'>;
  now?: () => Date;
}) {
  const { db, repository, audit } = deps;
  const now = deps.now ?? (() => new Date());

  async function find(id: number): Promise<UserCombinationRow> {
    const row = await repository.find(db, id);
    if (!row) throw new NotFoundError(`There is no combination ${id}.`);
    return row;
  }

  /** The checked values, or a ValidationError listing every problem (nothing is saved). */
  async function checked(input: CombinationInput, exceptId: number | undefined, failure: string) {
    const { indicators } = await deps.catalogue.current();
    const result = checkCombination(input, indicators);
    const problems: Problem[] = result.ok ? [] : [...result.problems];
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name) {
      const clash = await repository.findActiveByName(db, name, exceptId);
      if (clash) {
        problems.splice(problems.filter((p) => p.field === 'name').length, 0, {
          field: 'name',
          message: `There is already a combination called "${clash.name}". Choose a different name.`,
        });
      }
    }
    if (!result.ok || problems.length) throw new ValidationError(failure, problems);
    return { value: result.value, canonical: formatFormula(result.formula) };
  }

  const service = {
    /** Saved combinations, by name; archived ones only when asked for (listed after the others). */
    async list(options: { includeArchived?: boolean } = {}): Promise<CustomCombination[]> {
      return (await repository.list(db, { includeArchived: options.includeArchived ?? false })).map(
        toCombination,
      );
    },

    async get(id: number): Promise<CustomCombination> {
      return toCombination(await find(id));
    },

    async create(ctx: ActorContext, input: CombinationInput): Promise<CustomCombination> {
      const { value, canonical } = await checked(input, undefined, 'The combination was not saved.');
      const row = await db.transaction().execute(async (trx) => {
        const saved = await repository.insert(trx, {
          name: value.name,
          description: value.description,
          formula: value.formula,
          unit: value.unit,
          polarity: value.polarity,
          created_by: ctx.actor,
        });
        await audit.record(trx, ctx, {
          action: 'combination.create',
          subjectType: SUBJECT_TYPE,
          subjectId: String(saved.id),
          details: { name: value.name, formula: canonical, unit: value.unit, polarity: value.polarity },
        });
        return saved;
      });
      return toCombination(row);
    },

    async update(ctx: ActorContext, id: number, input: CombinationInput): Promise<CustomCombination> {
      const before = await find(id);
      if (before.archived_at) throw archivedError(before);
      const { value, canonical } = await checked(input, id, 'The combination was not changed.');
      const changed = (['name', 'description', 'formula', 'unit', 'polarity'] as const).filter(
        (k) => before[k] !== value[k],
      );
      const row = await db.transaction().execute(async (trx) => {
        const saved = await repository.update(trx, id, value, now());
        if (!saved) throw archivedError(before);
        await audit.record(trx, ctx, {
          action: 'combination.update',
          subjectType: SUBJECT_TYPE,
          subjectId: String(id),
          details: {
            changed,
            name: value.name,
            formula: canonical,
            unit: value.unit,
            polarity: value.polarity,
          },
        });
        return saved;
      });
      return toCombination(row);
    },

    /** Archived combinations are kept (pages and exports name them) but no longer listed or changed. */
    async archive(ctx: ActorContext, id: number): Promise<CustomCombination> {
      const before = await find(id);
      if (before.archived_at) throw archivedError(before);
      const row = await db.transaction().execute(async (trx) => {
        const saved = await repository.archive(trx, id, now());
        if (!saved) throw archivedError(before);
        await audit.record(trx, ctx, {
          action: 'combination.archive',
          subjectType: SUBJECT_TYPE,
          subjectId: String(id),
          details: { name: before.name },
        });
        return saved;
      });
      return toCombination(row);
    },

    /**
     * Works a combination out for the quarter, for the Pathfinder, each locality and each district, from
     * the figures the viewer may see. Refused when the catalogue has changed so that the formula no
     * longer checks (an indicator withdrawn, say). Records nothing: call `recordView` once it is shown.
     */
    async evaluate(viewer: Viewer, id: number, quarter: Quarter): Promise<CustomCombinationResult> {
      const combination = toCombination(await find(id));
      const { indicators } = await deps.catalogue.current();
      const parsed = parseFormula(combination.formula);
      const problems = parsed.ok
        ? formulaProblems(parsed.formula, indicators).map((p) => p.message)
        : parsed.problems.map((p) => p.message);
      if (!parsed.ok || problems.length) {
        throw new ValidationError(
          `"${combination.name}" cannot be worked out with the current catalogue. Change its formula.`,
          problems.map((message) => ({ field: 'formula', message })),
        );
      }
      const formula: Formula = parsed.formula;
      const ids = [...new Set(formulaInputs(formula).map((i) => i.indicatorId))];
      const variableNames = formulaVariables(formula);
      const [figureList, areas, denominatorList] = await Promise.all([
        Promise.all(ids.map((i) => deps.analysis.inputFigures(viewer, i, quarter))),
        deps.geography.listAreas(['pathfinder', 'locality', 'district']),
        Promise.all(
          variableNames.map((v) =>
            v === 'children' ? deps.analysis.childDenominators() : deps.analysis.populationTotals(),
          ),
        ),
      ]);
      const figures = new Map<string, InputFigures>(ids.map((i, k) => [i, figureList[k]!]));
      const denominators: Partial<Record<VariableName, Denominators>> = Object.fromEntries(
        variableNames.map((v, k) => [v, denominatorList[k]!]),
      );
      const evaluation = evaluateCombination({
        formula,
        unit: combination.unit,
        polarity: combination.polarity,
        areas,
        figures,
        denominators,
      });
      const byId = new Map(indicators.map((i) => [i.id, i]));
      return {
        combination,
        quarter,
        period: formatQuarter(quarter),
        description: describeFormula(formula, formulaNames(indicators)),
        ...evaluation,
        caveats: ids.flatMap((i) => {
          const indicator = byId.get(i);
          return indicator && indicator.caveats.trim() !== ''
            ? [{ indicatorId: indicator.id, name: indicator.name, caveats: indicator.caveats }]
            : [];
        }),
        synthetic: figureList.some((f) => f.synthetic),
        sourceTables: figureList.flatMap((f) => f.tables),
      };
    },

    /** Records that a worked-out combination was shown or exported (nothing when every table was public). */
    recordView(
      ctx: ActorContext,
      result: CustomCombinationResult,
      options: { export?: boolean } = {},
    ): Promise<void> {
      return deps.analysis.recordView(ctx, {
        export: options.export ?? false,
        subjectType: SUBJECT_TYPE,
        subjectId: String(result.combination.id),
        tables: result.sourceTables,
        quarter: result.quarter,
      });
    },
  };
  return service;
}

function archivedError(row: UserCombinationRow): ValidationError {
  const on = row.archived_at ? ` on ${DATE.format(row.archived_at)}` : '';
  return new ValidationError(`"${row.name}" was archived${on}, so it cannot be changed or archived again.`, [
    { message: `"${row.name}" was archived${on}. Create a new combination instead.` },
  ]);
}

export type CustomCombinationService = ReturnType<typeof createCustomCombinationService>;
