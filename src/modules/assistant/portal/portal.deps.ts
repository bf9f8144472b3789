import type { Clock } from '../../../platform/clock';
import type { Db } from '../../../platform/db';
import type { Principal, Session } from '../../../platform/http';
import type { I18n } from '../../../platform/i18n';
import type { AssistantService, ConversationsService } from '../assistant.contract';
import type { AskLimitSettings } from './ask-limits';

export interface AssistantPortalConfig {
  /** Secure cookies (the service is reached over HTTPS): `config.secure`. */
  secure?: boolean;
  /** Questions per minute per address and per account; defaults in ask-limits.ts. */
  limits?: Partial<AskLimitSettings>;
}

export interface AssistantPortalDeps {
  assistant: AssistantService;
  conversations: ConversationsService;
  i18n: I18n;
  clock: Clock;
  /** For the per-address and per-account question counters (rate_limits table). */
  db: Db;
  /**
   * The principal a session stands for. On `/api/` the partners plugin sets the principal to
   * anonymous whatever the cookie says; the assistant API still answers a signed-in applicant
   * about their own cases, so it resolves the session itself (`accounts.principalFor`).
   * Without it the API uses `req.principal`.
   */
  sessionPrincipal?: (session: Session | null) => Promise<Principal>;
  config?: AssistantPortalConfig;
}

/** Only applicants have cases the assistant may speak of; staff and partners ask anonymously. */
export const applicantIdOf = (p: Principal | undefined): string | undefined =>
  p?.kind === 'applicant' ? p.accountId : undefined;
