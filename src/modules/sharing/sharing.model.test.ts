import { describe, expect, it } from 'vitest';
import { tierFor, type SharingAgreement } from './sharing.model.ts';

const agreement: SharingAgreement = {
  id: 1,
  reference: 'DSA-1',
  title: 'Pathfinder partnership',
  purpose: 'partnership-analysis',
  dataOwnerIds: ['essex-police'],
  recipientIds: ['*'],
  categories: ['Arrests/detentions'],
  startsOn: '2026-04-01',
  endsOn: '2027-03-31',
  createdBy: 'test',
};
const q = {
  ownerId: 'essex-police',
  viewerOrgIds: ['norfolk-cc-childrens-services'],
  category: 'Arrests/detentions',
  purpose: 'partnership-analysis' as const,
  on: '2026-11-23',
};

describe('tierFor', () => {
  it('gives an organisation its own data unsuppressed', () => {
    expect(tierFor([], { ...q, viewerOrgIds: ['essex-police'] })).toBe('own');
  });
  it('gives partners the partnership tier only under an agreement in force for that category and purpose', () => {
    expect(tierFor([agreement], q)).toBe('partnership');
    expect(tierFor([agreement], { ...q, category: 'Missing episodes' })).toBe('public');
    expect(tierFor([agreement], { ...q, purpose: 'evaluation' })).toBe('public');
    expect(tierFor([agreement], { ...q, ownerId: 'norfolk-constabulary' })).toBe('public');
  });
  it('stops sharing when the agreement expires, and not before it starts', () => {
    expect(tierFor([agreement], { ...q, on: '2027-03-31' })).toBe('partnership');
    expect(tierFor([agreement], { ...q, on: '2027-04-01' })).toBe('public');
    expect(tierFor([agreement], { ...q, on: '2026-03-31' })).toBe('public');
  });
});
