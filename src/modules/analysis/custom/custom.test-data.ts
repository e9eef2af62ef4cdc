// Figures for the custom-combination tests (not a test file itself): Essex County Council children's
// services' return for 2026-Q3, three snapshot indicators for its 12 districts, small counts included.
import type { Deps } from '../../../deps.ts';
import { systemActor } from '../../../platform/actor.ts';
import { countsByArea, submitApproved } from '../../../../test/support/returns.ts';
import { findOrganisation } from '../../organisations/organisations.builtin.ts';

export const QUARTER = { year: 2026, q: 3 };
export const PERIOD = '2026-Q3';
export const OWNER = 'essex-cc-childrens-services';
export const PARTNER = 'norfolk-cc-childrens-services';

/** Essex County Council's 12 districts, in the order of the figures below. */
export const ESSEX_CC = findOrganisation(OWNER)!.districtCodes;

/** yp-at-risk-of-cce by district (E07000068's 3 is suppressed in the partnership view). */
export const AT_RISK = [20, 30, 3, 40, 25, 50, 10, 12, 60, 35, 45, 15];
/** yp-at-risk-in-care by district (zeros in E07000067 and E07000072; 1 and 3 suppressed for partners). */
export const IN_CARE = [10, 0, 1, 20, 5, 12, 0, 6, 33, 7, 9, 3];
/** yp-at-risk-by-risk-level: totals and the significant-risk breakdown. */
export const BY_LEVEL = [40, 50, 60, 20, 30, 44, 70, 25, 80, 36, 48, 22];
export const SIGNIFICANT = [10, 5, 15, 5, 6, 11, 7, 5, 20, 9, 12, 11];

export async function submitFigures(
  deps: Deps,
  figures: { indicatorId: string; values: readonly number[]; breakdownKey?: string }[] = [
    { indicatorId: 'yp-at-risk-of-cce', values: AT_RISK },
    { indicatorId: 'yp-at-risk-in-care', values: IN_CARE },
    { indicatorId: 'yp-at-risk-by-risk-level', values: BY_LEVEL },
    { indicatorId: 'yp-at-risk-by-risk-level', values: SIGNIFICANT, breakdownKey: 'risk-level=significant' },
  ],
): Promise<void> {
  await submitApproved(deps, {
    organisationId: OWNER,
    period: PERIOD,
    label: 'custom-combination-test',
    submittedAt: '2026-10-15T09:00:00Z',
    observations: figures.flatMap((f) =>
      countsByArea(
        f.indicatorId,
        { start: '2026-09-30', end: '2026-09-30' },
        ESSEX_CC,
        f.values,
        f.breakdownKey,
      ),
    ),
  });
}

/** Norfolk's children's services may see Essex's figures of young people known to services. */
export async function addAgreement(deps: Deps): Promise<void> {
  await deps.sharing.add(systemActor('test'), {
    reference: 'DSA-CUSTOM-1',
    title: 'Custom combination test agreement',
    purpose: 'partnership-analysis',
    dataOwnerIds: [OWNER],
    recipientIds: [PARTNER],
    categories: ['Young people known to services'],
    startsOn: '2026-10-01',
    endsOn: '2027-03-31',
  });
}
