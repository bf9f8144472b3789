/**
 * Four-eyes approval, pure: a decision proposed by one officer takes effect only when another
 * member of staff with the right role approves it (issue 4). No I/O; the service calls it before
 * appending `decision-approved` (or `revoked`) and records both people.
 */
import type { StaffRole } from '../accounts';
import type { DecisionOutcome, LifecycleVariant } from './cases.lifecycle';

/** What a second officer may have to approve: a proposed decision, or revoking an issued permit. */
export type ApprovalOutcome = DecisionOutcome | 'revoke';

/**
 * Who may approve what. Our choice: any staff member holding `officer` or `team-lead` who is NOT
 * the proposer ("a second officer with the right", issue 4), for every outcome. Which official
 * must sign a refusal or revocation is not in the sources (UNCERTAIN); the rule is data per
 * outcome so it can be narrowed (e.g. adverse decisions to `team-lead` only) without new code.
 */
export const APPROVER_ROLES: Readonly<Record<ApprovalOutcome, readonly StaffRole[]>> = {
  grant: ['officer', 'team-lead'],
  refuse: ['officer', 'team-lead'],
  terminate: ['officer', 'team-lead'],
  revoke: ['officer', 'team-lead'],
};

/** Refusals, terminations and revocations always need a second officer; grants per service. */
export const needsApproval = (v: LifecycleVariant, outcome: ApprovalOutcome) =>
  outcome === 'grant' ? v.grantNeedsApproval : true;

export type ApprovalCheck =
  { ok: true } | { ok: false; reason: 'approval-not-needed' | 'same-officer' | 'role-missing' };

/** The four-eyes rule: a different person, holding an approver role for this outcome. */
export function mayApprove(input: {
  proposerId: string;
  approverId: string;
  approverRoles: readonly string[];
  outcome: ApprovalOutcome;
  variant: LifecycleVariant;
}): ApprovalCheck {
  if (!needsApproval(input.variant, input.outcome)) {
    return { ok: false, reason: 'approval-not-needed' };
  }
  if (input.approverId === input.proposerId) return { ok: false, reason: 'same-officer' };
  const roles: readonly string[] = APPROVER_ROLES[input.outcome];
  if (!input.approverRoles.some((r) => roles.includes(r))) {
    return { ok: false, reason: 'role-missing' };
  }
  return { ok: true };
}
