// One account per role for the synthetic demo, with documented passwords. Created only when the demo
// is seeded (never in a real installation, where CLMD_DEMO=off and accounts come from `clmd users add`).
import type { Role } from '../../platform/policies.ts';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  organisationId: string;
  password: string;
}

const demo = (role: Role, organisationId: string, who: string): DemoUser => ({
  username: `demo.${role.replace('_', '-')}`,
  displayName: `Demo ${who}`,
  role,
  organisationId,
  password: `clmd-demo-${role.replace('_', '-')}`,
});

export const DEMO_USERS: readonly DemoUser[] = [
  demo('submitter', 'essex-police', 'submitter (Essex Police)'),
  demo('approver', 'essex-police', 'approver (Essex Police)'),
  demo('analyst', 'norfolk-cc-childrens-services', "analyst (Norfolk children's services)"),
  demo('locality_lead', 'suffolk-cc-childrens-services', 'locality lead (Suffolk)'),
  demo('intelligence', 'ersou', 'intelligence analyst (ERSOU)'),
  demo('programme_admin', 'pathfinder-programme', 'programme admin'),
  demo('platform_admin', 'pathfinder-programme', 'platform admin'),
  demo('governance', 'pathfinder-programme', 'information governance lead'),
];
