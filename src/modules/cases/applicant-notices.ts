import type { AnyTransaction } from '../../platform/db';
import type { Language } from '../../platform/i18n';
import type { CaseRow } from './cases.repository';

/**
 * What the cases module tells applicants, through a port the composition root fills with the
 * notifications module (src/app/notifications.wiring.ts): the cases module says what happened,
 * to whom and where to look; the notifications module owns the texts, the inbox and delivery.
 */
export type NoticeValue = string | { date: string } | Partial<Record<Language, string>>;

export interface ApplicantNotice {
  event:
    | 'visit-needed'
    | 'information-requested'
    | 'decision-made'
    | 'document-ready-for-collection'
    | 'document-sent-by-courier'
    | 'contact-centre-message';
  accountId: string;
  applicationId: string;
  /** The business id it is about (case, request, decision, order, message): told once per id. */
  about: string;
  /** The portal page it leads to. */
  path: string;
  /** The placeholders of content/lt/notifications.yaml: text, a day, or text per language. */
  values: Record<string, NoticeValue>;
  /** When it happened, if earlier than now. */
  at?: Date | undefined;
}

/** Tells an applicant in the caller's transaction; a second call for the same id does nothing. */
export type NotifyApplicant = (notice: ApplicantNotice, trx: AnyTransaction) => Promise<unknown>;

/**
 * A case opened for a service whose lifecycle waits for the applicant's visit (variant with a
 * visit: `submitted` → `visit-required` → `awaiting-visit` → `accepted`, no other way to
 * acceptance): the visit is certain from the submission, so the person the application is for is
 * told at once (or, if they have no account, whoever filed it). Nothing for other services.
 */
export function visitNeeded(
  app: {
    id: string;
    reference?: string | null | undefined;
    owner_account_id?: string | null | undefined;
    filed_by_account_id?: string | null | undefined;
  },
  opened: Pick<CaseRow, 'id'>,
  visitRequired: boolean,
): ApplicantNotice | undefined {
  const accountId = app.owner_account_id ?? app.filed_by_account_id;
  if (!visitRequired || !accountId) return undefined;
  return {
    event: 'visit-needed',
    accountId,
    applicationId: app.id,
    about: opened.id,
    path: `/applications/${app.id}`,
    values: { reference: app.reference ?? '' },
  };
}
