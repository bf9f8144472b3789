import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/http';
import { STAFF_ROLES } from '../accounts';
import { ANALYTICS_ROLES, analyticsRoute, mayReadAnalytics } from './access';

const staff = (roles: string[], mfaPassed = true): Principal => ({
  kind: 'staff',
  accountId: 'a',
  email: 'e',
  displayName: 'd',
  roles,
  branchId: null,
  mfaPassed,
});

describe('analytics access', () => {
  it('names only roles that exist', () => {
    for (const r of ANALYTICS_ROLES) expect(STAFF_ROLES).toContain(r);
  });

  it('admits managers and team leads after the second factor, nobody else', () => {
    expect(mayReadAnalytics(staff(['manager']))).toBe(true);
    expect(mayReadAnalytics(staff(['team-lead', 'officer']))).toBe(true);
    expect(mayReadAnalytics(staff(['manager'], false))).toBe(false);
    for (const r of ['officer', 'call-centre', 'administrator', 'rules'])
      expect(mayReadAnalytics(staff([r])), r).toBe(false);
    expect(mayReadAnalytics({ kind: 'anonymous' })).toBe(false);
    expect(
      mayReadAnalytics({ kind: 'applicant', accountId: 'a', email: 'e', displayName: 'd' }),
    ).toBe(false);
  });

  it('gives routes a staff access config with those roles', () => {
    expect(analyticsRoute.config.access).toEqual({ who: 'staff', roles: ANALYTICS_ROLES });
  });
});
