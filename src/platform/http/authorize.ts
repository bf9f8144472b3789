import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import type { Principal } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

/**
 * Who may reach a route. Every route declares one (the route table test checks it), so an
 * unguarded route is a visible decision rather than an omission.
 */
export type Access =
  | { who: 'public' }
  | { who: 'applicant' }
  | { who: 'signed-in' }
  | { who: 'staff'; roles?: readonly string[] }
  /** A partner system authenticated by API key (public API only); never a person. */
  | { who: 'partner' };

export function isAllowed(p: Principal, access: Access): boolean {
  switch (access.who) {
    case 'public':
      return true;
    case 'signed-in':
      return p.kind !== 'anonymous' && p.kind !== 'partner' && (p.kind !== 'staff' || p.mfaPassed);
    case 'applicant':
      return p.kind === 'applicant';
    case 'staff':
      return (
        p.kind === 'staff' &&
        p.mfaPassed &&
        (!access.roles ||
          access.roles.length === 0 ||
          access.roles.some((r) => p.roles.includes(r)))
      );
    case 'partner':
      return p.kind === 'partner';
  }
}

/** A preHandler that enforces `access`; anonymous users get "sign in", others "forbidden". */
export function authorize(access: Access) {
  const guard = async (req: FastifyRequest, _reply: FastifyReply) => {
    if (isAllowed(req.principal, access)) return;
    if (req.principal.kind === 'anonymous') {
      if (access.who === 'partner')
        throw new AppError('AUTH_REQUIRED', 'unauthenticated', 'Send the API key of a partner');
      throw new AppError('AUTH_REQUIRED', 'unauthenticated', 'Sign in to continue');
    }
    if (req.principal.kind === 'staff' && !req.principal.mfaPassed) {
      throw new AppError('MFA_REQUIRED', 'unauthenticated', 'Complete the second sign-in step');
    }
    throw new AppError('FORBIDDEN', 'forbidden', 'You are not allowed to open this page');
  };
  return Object.assign(guard, { access });
}
