// Approved figures for tests: a return of generated observations, submitted as the system and approved,
// as an organisation's figures must be before anyone may analyse them.
import type { Deps } from '../../src/deps.ts';
import type { ValidObservation } from '../../src/modules/returns/return-file.model.ts';
import { systemActor } from '../../src/platform/actor.ts';

export type Observation = Omit<ValidObservation, 'location'>;

/** One count per area of an indicator over a window: `values[i]` for `areaCodes[i]`. */
export function countsByArea(
  indicatorId: string,
  window: { start: string; end: string },
  areaCodes: readonly string[],
  values: readonly number[],
  breakdownKey = '',
): Observation[] {
  return areaCodes.map((areaCode, i) => ({
    indicatorId,
    areaCode,
    periodStart: window.start,
    periodEnd: window.end,
    breakdownKey,
    value: values[i]!,
    valueText: null,
    note: null,
  }));
}

/** Submits the observations as the organisation's return for the period (at `submittedAt`), then approves it. */
export async function submitApproved(
  deps: Deps,
  r: {
    organisationId: string;
    period: string;
    submittedAt: string;
    observations: readonly Observation[];
    /** What the return is called in place of a file name (default "test"). */
    label?: string;
  },
): Promise<void> {
  const ctx = systemActor('test');
  await deps.returns.submitGenerated(ctx, {
    organisationId: r.organisationId,
    period: r.period,
    label: r.label ?? 'test',
    submittedAt: new Date(r.submittedAt),
    synthetic: false,
    observations: [...r.observations],
  });
  await deps.returns.approve(ctx, (await deps.returns.findReturn(r.organisationId, r.period))!.id);
}
