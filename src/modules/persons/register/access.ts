import type { Principal } from '../../../platform/http';
import { personsErrors } from '../errors';

/**
 * Who uses the register. Officers and team leads review matches, merge, split and undo; the
 * contact centre also finds persons and reads their page (to answer the person on the phone),
 * but changes nothing. Staff only, after the second sign-in factor. The pages' routes declare the
 * same roles; the service checks again so no other caller can skip them.
 */
export const PERSONS_WORK_ROLES = ['officer', 'team-lead'] as const;
export const PERSONS_READ_ROLES = ['officer', 'team-lead', 'call-centre'] as const;

export type Staff = Extract<Principal, { kind: 'staff' }>;

const hasRole = (p: Principal, roles: readonly string[]): p is Staff =>
  p.kind === 'staff' && p.mfaPassed && roles.some((r) => p.roles.includes(r));

export const mayReadPersons = (p: Principal) => hasRole(p, PERSONS_READ_ROLES);
export const mayWorkOnPersons = (p: Principal) => hasRole(p, PERSONS_WORK_ROLES);

export function readerOf(p: Principal): Staff {
  if (!hasRole(p, PERSONS_READ_ROLES)) throw personsErrors.forbidden();
  return p;
}

export function workerOf(p: Principal): Staff {
  if (!hasRole(p, PERSONS_WORK_ROLES)) throw personsErrors.forbidden();
  return p;
}

/** The reason as written, trimmed; PERSONS_REASON_REQUIRED when there is none. */
export function reasonOf(reason: string | null | undefined): string {
  const r = (reason ?? '').trim();
  if (!r) throw personsErrors.reasonRequired();
  return r;
}
