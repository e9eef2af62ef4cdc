// Synthetic demo agreements: one partnership-wide agreement in force, and one that has expired (so the
// register shows what an ended agreement looks like). Created only with the synthetic demo.
import type { SharingAgreement } from './sharing.model.ts';

export const DEMO_AGREEMENTS: readonly Omit<SharingAgreement, 'id' | 'createdBy'>[] = [
  {
    reference: 'DEMO-DSA-2024-01',
    title: 'Synthetic demo: County Lines Pathfinder partnership information-sharing agreement',
    purpose: 'partnership-analysis',
    dataOwnerIds: ['*'],
    recipientIds: ['*'],
    categories: ['*'],
    startsOn: '2024-04-01',
    endsOn: '2028-03-31',
  },
  {
    reference: 'DEMO-DSA-2021-03',
    title: 'Synthetic demo: earlier MACE pilot agreement (expired)',
    purpose: 'operational-safeguarding',
    dataOwnerIds: ['essex-police', 'essex-cc-childrens-services'],
    recipientIds: ['essex-police', 'essex-cc-childrens-services', 'southend-cc-childrens-services'],
    categories: ['Missing episodes', 'Arrests/detentions'],
    startsOn: '2021-04-01',
    endsOn: '2023-03-31',
  },
];
