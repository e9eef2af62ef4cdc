// Who may do what, written as data: allow(role, action, condition). Every route and CLI action names
// its action and subject; `can` decides before any data is read. Anything not allowed here is refused.

export const ROLES = [
  'submitter',
  'approver',
  'analyst',
  'locality_lead',
  'intelligence',
  'programme_admin',
  'platform_admin',
  'governance',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  submitter: 'Submitter (own organisation)',
  approver: 'Approver (own organisation)',
  analyst: 'Analyst (partnership view)',
  locality_lead: 'Locality lead',
  intelligence: 'Intelligence (restricted tier)',
  programme_admin: 'Programme admin',
  platform_admin: 'Platform admin',
  governance: 'Information governance',
};

export const ACTIONS = [
  'catalogue.view',
  'catalogue.import',
  'areas.view',
  'reference.import',
  'returns.status',
  'returns.view',
  'returns.template',
  'returns.submit',
  'returns.approve',
  'data.view-own',
  'data.view-partnership',
  'data.view-restricted',
  'implementation.view',
  'implementation.edit',
  'agreements.view',
  'agreements.manage',
  'combinations.manage',
  'users.manage',
  'audit.view',
  'demo.seed',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Membership {
  organisationId: string;
  role: Role;
}

/** Anyone, signed in or not; for a signed-in user, their memberships. */
export interface Principal {
  userId: string | null;
  memberships: readonly Membership[];
}

/** What the action is about: the organisation whose data it touches, when there is one. */
export interface Subject {
  organisationId?: string;
}

/**
 * public: anyone, signed in or not. signedIn: any signed-in user. role: a membership with that role in any
 * organisation. ownOrganisation: a membership with that role in the subject's organisation.
 */
export type Condition = 'anyone' | 'signed-in' | 'any-organisation' | 'own-organisation';

export interface Rule {
  action: Action;
  role: Role | null;
  condition: Condition;
}

const allow = (action: Action, role: Role | null, condition: Condition): Rule => ({
  action,
  role,
  condition,
});
const everyRole = (action: Action, condition: Condition = 'any-organisation'): Rule[] =>
  ROLES.map((r) => allow(action, r, condition));
const roles = (action: Action, list: Role[], condition: Condition = 'any-organisation'): Rule[] =>
  list.map((r) => allow(action, r, condition));

export const RULES: readonly Rule[] = [
  // Open information: the catalogue and open reference data are public.
  allow('catalogue.view', null, 'anyone'),
  allow('areas.view', null, 'anyone'),
  // Which returns are in is partnership business, not data about children.
  ...everyRole('returns.status'),
  ...everyRole('implementation.view'),
  // An organisation's own return: its submitters and approvers.
  ...roles('returns.view', ['submitter', 'approver'], 'own-organisation'),
  ...roles('returns.template', ['submitter', 'approver'], 'own-organisation'),
  ...roles('returns.submit', ['submitter', 'approver'], 'own-organisation'),
  ...roles('returns.approve', ['approver'], 'own-organisation'),
  ...roles('data.view-own', ['submitter', 'approver'], 'own-organisation'),
  // The programme team sees every return's status and history to chase and support, not the figures.
  ...roles('returns.view', ['programme_admin']),
  // Partnership views: approved data through disclosure control, under a sharing agreement.
  ...roles('data.view-partnership', ['analyst', 'locality_lead', 'intelligence', 'programme_admin']),
  ...roles('data.view-restricted', ['intelligence']),
  ...roles('implementation.edit', ['programme_admin']),
  ...roles('catalogue.import', ['programme_admin']),
  ...roles('reference.import', ['programme_admin', 'platform_admin']),
  ...roles('agreements.view', ['programme_admin', 'governance', 'platform_admin']),
  ...roles('agreements.manage', ['programme_admin']),
  ...roles('combinations.manage', ['analyst', 'locality_lead', 'intelligence', 'programme_admin']),
  ...roles('users.manage', ['platform_admin']),
  ...roles('audit.view', ['governance', 'platform_admin']),
  ...roles('demo.seed', ['platform_admin']),
];

function satisfies(rule: Rule, principal: Principal, subject: Subject): boolean {
  if (rule.condition === 'anyone') return true;
  if (principal.userId === null) return false;
  if (rule.condition === 'signed-in') return true;
  return principal.memberships.some(
    (m) =>
      m.role === rule.role &&
      (rule.condition === 'any-organisation' || m.organisationId === subject.organisationId),
  );
}

export function can(principal: Principal, action: Action, subject: Subject = {}): boolean {
  return RULES.some((rule) => rule.action === action && satisfies(rule, principal, subject));
}

export const ANONYMOUS: Principal = Object.freeze({ userId: null, memberships: [] });
