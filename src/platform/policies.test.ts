import { describe, expect, it } from 'vitest';
import { ANONYMOUS, ROLES, RULES, can, type Principal, type Role } from './policies.ts';

const member = (role: Role, organisationId = 'essex-police'): Principal => ({
  userId: `u-${role}`,
  memberships: [{ organisationId, role }],
});

describe('policies', () => {
  it('lets anyone read the catalogue and open reference data, and nothing else', () => {
    expect(can(ANONYMOUS, 'catalogue.view')).toBe(true);
    expect(can(ANONYMOUS, 'areas.view')).toBe(true);
    for (const rule of RULES.filter((r) => r.condition !== 'anyone')) {
      expect(can(ANONYMOUS, rule.action, { organisationId: 'essex-police' })).toBe(false);
    }
  });

  it("limits an organisation's own return to its submitters and approvers", () => {
    const essex = { organisationId: 'essex-police' };
    const norfolk = { organisationId: 'norfolk-constabulary' };
    expect(can(member('submitter'), 'returns.submit', essex)).toBe(true);
    expect(can(member('submitter'), 'returns.submit', norfolk)).toBe(false);
    expect(can(member('submitter'), 'returns.approve', essex)).toBe(false);
    expect(can(member('approver'), 'returns.approve', essex)).toBe(true);
    expect(can(member('approver'), 'returns.approve', norfolk)).toBe(false);
    expect(can(member('analyst'), 'data.view-own', essex)).toBe(false);
  });

  it('keeps restricted intelligence to the intelligence role', () => {
    for (const role of ROLES) {
      expect(can(member(role), 'data.view-restricted')).toBe(role === 'intelligence');
    }
  });

  it('gives the audit trail to governance and platform admins only', () => {
    expect(ROLES.filter((r) => can(member(r), 'audit.view'))).toEqual(['platform_admin', 'governance']);
  });
});
