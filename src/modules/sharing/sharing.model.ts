// Data-sharing agreements and the tier a viewer gets for an organisation's data.
// An organisation always sees its own data unsuppressed. A partner sees approved data only, through
// disclosure control, and only while an agreement in the register covers the data owner, the indicator's
// category and the purpose of the view. Everyone else gets the public rule, and only for indicators whose
// tier allows public output.

export const PURPOSES = ['partnership-analysis', 'operational-safeguarding', 'evaluation'] as const;
export type Purpose = (typeof PURPOSES)[number];
export const PURPOSE_LABELS: Record<Purpose, string> = {
  'partnership-analysis': 'Pathfinder partnership analysis and reporting',
  'operational-safeguarding': 'Operational safeguarding (MACE) planning',
  evaluation: 'Programme evaluation',
};

/** '*' in a list means "every organisation" or "every category". */
export const EVERY = '*';

export interface SharingAgreement {
  id: number;
  reference: string;
  title: string;
  purpose: Purpose;
  dataOwnerIds: string[];
  recipientIds: string[];
  categories: string[];
  startsOn: string;
  endsOn: string;
  createdBy: string;
}

export type Tier = 'own' | 'partnership' | 'public';

const includes = (list: readonly string[], value: string) => list.includes(EVERY) || list.includes(value);

/** Agreements in force on a date (inclusive of both ends) that let `recipient` see `owner`'s category. */
export function coveringAgreements(
  agreements: readonly SharingAgreement[],
  q: { ownerId: string; recipientIds: readonly string[]; category: string; purpose: Purpose; on: string },
): SharingAgreement[] {
  return agreements.filter(
    (a) =>
      a.purpose === q.purpose &&
      a.startsOn <= q.on &&
      q.on <= a.endsOn &&
      includes(a.dataOwnerIds, q.ownerId) &&
      q.recipientIds.some((r) => includes(a.recipientIds, r)) &&
      includes(a.categories, q.category),
  );
}

/**
 * The tier at which a viewer belonging to `viewerOrgIds` may see `ownerId`'s data for an indicator
 * category; 'public' when no agreement covers it (the caller decides whether public output exists).
 */
export function tierFor(
  agreements: readonly SharingAgreement[],
  q: { ownerId: string; viewerOrgIds: readonly string[]; category: string; purpose: Purpose; on: string },
): Tier {
  if (q.viewerOrgIds.includes(q.ownerId)) return 'own';
  return coveringAgreements(agreements, { ...q, recipientIds: q.viewerOrgIds }).length
    ? 'partnership'
    : 'public';
}
