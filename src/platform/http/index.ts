export { ANONYMOUS, type Principal } from './principal';
export {
  sessionsPlugin,
  sweepSessions,
  endSessionsOf,
  sessionCookieName,
  type Session,
  type SessionData,
} from './sessions';
export { csrfPlugin } from './csrf';
export {
  databaseRateLimitStore,
  hit as rateLimitHit,
  peek as rateLimitPeek,
} from './rate-limit-store';
export { authorize, isAllowed, type Access } from './authorize';
export { accessPlugin, type RouteAccess } from './access';
export { toAppError, problemOf, ProblemSchema, type Problem } from './problem';
export { registerSecurityHeaders } from './security-headers';
export { formErrors, fromFieldErrors, safeNext, type FormErrors } from './forms';
export { registerUploads, uploadedFile, type UploadedFile } from './uploads';
export { addressKey } from './address-key';
