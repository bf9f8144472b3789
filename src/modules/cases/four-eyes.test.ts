import { describe, expect, it } from 'vitest';
import { lifecycleFor } from './cases.lifecycle';
import { mayApprove } from './four-eyes';

const withVisitApproval = lifecycleFor({ visitRequired: true, grantNeedsApproval: true });
const noVisitDirect = lifecycleFor({ visitRequired: false, grantNeedsApproval: false });

describe('four-eyes approval', () => {
  const base = { proposerId: 'officer-a', approverId: 'officer-b', variant: withVisitApproval };

  it('lets a second officer or a team lead approve', () => {
    for (const outcome of ['grant', 'refuse', 'terminate', 'revoke'] as const) {
      expect(mayApprove({ ...base, approverRoles: ['officer'], outcome })).toEqual({ ok: true });
      expect(mayApprove({ ...base, approverRoles: ['team-lead'], outcome })).toEqual({ ok: true });
    }
  });

  it('refuses the proposer, whatever roles they hold', () => {
    const same = { ...base, approverId: 'officer-a', approverRoles: ['team-lead', 'officer'] };
    for (const outcome of ['grant', 'refuse', 'terminate', 'revoke'] as const) {
      expect(mayApprove({ ...same, outcome })).toEqual({ ok: false, reason: 'same-officer' });
    }
  });

  it('refuses staff without an approving role', () => {
    for (const approverRoles of [['call-centre'], ['administrator'], [], ['applicant']]) {
      expect(mayApprove({ ...base, approverRoles, outcome: 'refuse' })).toEqual({
        ok: false,
        reason: 'role-missing',
      });
    }
  });

  it('has nothing to approve on a grant where the service decides grants directly', () => {
    const r = mayApprove({
      ...base,
      variant: noVisitDirect,
      approverRoles: ['team-lead'],
      outcome: 'grant',
    });
    expect(r).toEqual({ ok: false, reason: 'approval-not-needed' });
    // Refusals, terminations and revocations need approval in every variant.
    for (const outcome of ['refuse', 'terminate', 'revoke'] as const) {
      const again = mayApprove({
        ...base,
        variant: noVisitDirect,
        approverRoles: ['officer'],
        outcome,
      });
      expect(again).toEqual({ ok: true });
    }
  });
});
