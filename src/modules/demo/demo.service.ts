// Seeds the synthetic demo through the same returns service a real agency uses, so every figure
// passes the same checks, is audited, and is marked synthetic wherever it is shown.
import type { ActorContext } from '../../platform/actor.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import {
  formatQuarter,
  parseQuarter,
  quartersBetween,
  shiftQuarter,
  type Quarter,
} from '../returns/periods.ts';
import type { AreaInfo } from '../returns/return-file.model.ts';
import type { ReturnsService } from '../returns/returns.service.ts';
import { latestEndedQuarter } from '../returns/implementation.service.ts';
import { generateDemo, type DistrictWeight } from './demo.generator.ts';

export const DEFAULT_DEMO_SEED = 20_201_231;
export const DEMO_QUARTERS = 12;

export interface DemoSeedReport {
  seed: number;
  quarters: string[];
  returns: number;
  submissions: number;
  observations: number;
  approved: number;
}

export function createDemoService(deps: {
  catalogue: CatalogueService;
  organisations: OrganisationsService;
  returns: ReturnsService;
  listAreas: () => Promise<AreaInfo[]>;
  districtWeights: () => Promise<Map<string, DistrictWeight>>;
}) {
  return {
    /** Whether any return exists yet (the demo is only seeded into an empty database by `npm start`). */
    async hasReturns(): Promise<boolean> {
      return (await deps.returns.listReturns({})).length > 0;
    },

    async seed(
      ctx: ActorContext,
      options: {
        seed?: number;
        until?: string;
        /** How many quarters, ending with `until` (default three years); tests seed fewer. */
        quarters?: number;
        onProgress?: (done: number, total: number) => void;
      } = {},
    ): Promise<DemoSeedReport> {
      const seed = options.seed ?? DEFAULT_DEMO_SEED;
      const today = deps.returns.today();
      let last: Quarter = latestEndedQuarter(today);
      if (options.until) {
        const q = parseQuarter(options.until);
        if (!q) {
          throw new ValidationError('The period is not valid.', [
            {
              field: '--until',
              message: `Enter the last quarter like 2026-Q3 (you gave "${options.until}")`,
            },
          ]);
        }
        last = q;
      }
      const quarters = quartersBetween(shiftQuarter(last, 1 - (options.quarters ?? DEMO_QUARTERS)), last);
      const [{ indicators }, organisations, areas, districtWeights] = await Promise.all([
        deps.catalogue.current(),
        deps.organisations.list(),
        deps.listAreas(),
        deps.districtWeights(),
      ]);
      const demo = generateDemo({
        seed,
        organisations,
        catalogue: indicators,
        areas,
        districtWeights,
        quarters,
        today,
      });
      const report: DemoSeedReport = {
        seed,
        quarters: quarters.map(formatQuarter),
        returns: 0,
        submissions: 0,
        observations: 0,
        approved: 0,
      };
      for (const [n, r] of demo.entries()) {
        for (const [k, s] of r.submissions.entries()) {
          if (k > 0 && r.returnedReason) {
            const ret = await deps.returns.findReturn(r.organisationId, r.period);
            await deps.returns.returnToSubmitter(
              ctx,
              ret!.id,
              r.returnedReason,
              new Date(s.submittedAt.getTime() - 3_600_000),
            );
          }
          const result = await deps.returns.submitGenerated(ctx, {
            organisationId: r.organisationId,
            period: r.period,
            label: `synthetic-demo-${r.organisationId}-${r.period}-r${k + 1}`,
            observations: s.observations,
            submittedAt: s.submittedAt,
            synthetic: true,
          });
          if (result.outcome !== 'accepted') {
            throw new Error(
              `The synthetic demo for ${r.organisationId} ${r.period} was rejected: ${result.errors[0]?.message ?? 'unknown'}`,
            );
          }
          report.submissions++;
          report.observations += result.rowCount;
        }
        if (r.approvedAt) {
          const ret = await deps.returns.findReturn(r.organisationId, r.period);
          await deps.returns.approve(ctx, ret!.id, r.approvedAt);
          report.approved++;
        }
        report.returns++;
        options.onProgress?.(n + 1, demo.length);
      }
      return report;
    },
  };
}

export type DemoService = ReturnType<typeof createDemoService>;
