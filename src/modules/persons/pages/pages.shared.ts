import type { FastifyRequest } from 'fastify';
import { isAppError, statusForKind, type AppError } from '../../../platform/errors';
import type { Principal } from '../../../platform/http';
import { PERSONS_READ_ROLES, PERSONS_WORK_ROLES, mayWorkOnPersons } from '../register/access';

export const V = 'modules/persons/views';
export const PERSONS_PATH = '/workbench/persons';

/** Who finds persons and reads their page: case workers and the call centre (read only). */
export const readers = {
  config: { access: { who: 'staff' as const, roles: PERSONS_READ_ROLES } },
};
/** Who reviews matches, merges, splits and undoes: case workers only. */
export const workers = {
  config: { access: { who: 'staff' as const, roles: PERSONS_WORK_ROLES } },
};

/** A reason is kept with the action for good; a page of text is plenty. */
export const REASON_MAX = 2000;

export const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
export const list = (v: unknown) =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(str).filter(Boolean);
export const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
export const param = (req: FastifyRequest, name: string) =>
  String((req.params as Record<string, string>)[name] ?? '');

export const mayWork = (p: Principal) => mayWorkOnPersons(p);

/**
 * Why the reader opens a person: the call centre answers enquiries, case workers examine
 * applications. The register writes it into the audit entry of the read.
 */
export const purposeOf = (p: Principal) =>
  mayWork(p) ? 'identity-management' : 'call-centre-enquiry';

export type ErrorLine = { text: string; href: string };

/** The register's refusal, or a reason the form found, as one line of the error summary. */
export function refusal(req: FastifyRequest, code: string, href: string): ErrorLine {
  return { text: req.t(`persons.error.${code}`), href };
}

/** A register refusal the page shows in its error summary; anything else is thrown on. */
export function registerRefusal(e: unknown): AppError | undefined {
  return isAppError(e) && e.code.startsWith('PERSONS_') ? e : undefined;
}

export const statusOf = (e: AppError) => statusForKind[e.kind];

/** The reason field checked as the register would, so the form answers before it is sent. */
export function reasonProblem(reason: string): string | undefined {
  if (!reason) return 'PERSONS_REASON_REQUIRED';
  if (reason.length > REASON_MAX) return 'PERSONS_REASON_TOO_LONG';
  return undefined;
}
