import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import type { Principal } from '../../platform/http';
import { isLanguage, type Language } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import { notificationsErrors } from './errors';
import {
  EVENT_PLACEHOLDERS,
  localise,
  renderNotification,
  type NoticeValue,
  type NotificationEvent,
  type NotificationPack,
} from './notifications.pack';
import type { NotificationRow, NotificationsRepository } from './notifications.repository';

/** Sends one notification by e-mail and, with consent, by SMS (jobs/deliver.job.ts). */
export const DELIVER_JOB = 'notifications.deliver';
export interface DeliverJob {
  notificationId: string;
}

/** Something an applicant must know: what happened, to whom, about what, and where to look. */
export interface NotifyInput {
  event: NotificationEvent;
  accountId: string;
  applicationId?: string | null | undefined;
  /**
   * The business id the event is about (the application, case, request, decision, order or
   * message). With the event it is the dedupe key: the same happening is notified once.
   */
  about: string;
  /** The portal page it leads to, as a path: `/applications/<id>/letters`. */
  path: string;
  /** The event's placeholders (EVENT_PLACEHOLDERS), put in the reader's language here. */
  values?: Record<string, NoticeValue> | undefined;
  /** When it happened, if earlier than now (e.g. the submission the confirmation reports). */
  at?: Date | null | undefined;
}

/** What the notifications module needs from the rest of Vartai (adapted in src/app). */
export interface NotificationsPorts {
  /** The account's name and language, read in the caller's transaction (accounts module). */
  accountOf(
    accountId: string,
    trx: AnyTransaction,
  ): Promise<{ name: string; lang: string } | undefined>;
  /** Where to e-mail the account (accounts module). */
  emailOf(accountId: string): Promise<string | undefined>;
  /** Unanswered requests for information due between two days, inclusive (cases module). */
  openRequestsDue(from: string, to: string): Promise<DueRequest[]>;
}

export interface DueRequest {
  requestId: string;
  applicationId: string;
  dueOn: string;
}

export interface PreferencesInput {
  mobileNumber: string | null;
  smsConsent: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The inbox shows this many, newest first; older ones stay in the table. */
export const INBOX_SIZE = 100;

const keyOf = (event: NotificationEvent, about: string) => `${event}:${about}`;

export function createNotificationsService(d: {
  db: Db;
  repo: NotificationsRepository;
  pack: NotificationPack;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
  publicUrl: string;
  ports: NotificationsPorts;
}) {
  const { repo, clock, audit } = d;
  const applicantOf = (p: Principal) => {
    if (p.kind !== 'applicant') throw notificationsErrors.notFound();
    return p;
  };

  /**
   * Renders the event's template in the account's language (Lithuanian when it has none we
   * write), keeps it for the account's inbox and enqueues its delivery, all in the caller's
   * transaction: the notification exists exactly when what it reports has committed. A second
   * call for the same event and business id changes nothing (retried jobs, double submits).
   * Returns undefined when the account does not exist (nobody to tell).
   */
  async function notify(
    input: NotifyInput,
    trx: AnyTransaction,
  ): Promise<{ id: string; created: boolean } | undefined> {
    const key = keyOf(input.event, input.about);
    const existing = await repo.findByKey(key, trx);
    if (existing) return { id: existing.id, created: false };
    const missing = EVENT_PLACEHOLDERS[input.event].filter((p) => input.values?.[p] === undefined);
    if (missing.length > 0) throw notificationsErrors.valuesMissing(input.event, missing);
    const account = await d.ports.accountOf(input.accountId, trx);
    if (!account) return undefined;
    const lang: Language = isLanguage(account.lang) ? account.lang : 'lt';
    const values: Record<string, string> = {
      ...Object.fromEntries(
        Object.entries(input.values ?? {}).map(([k, v]) => [k, localise(v, lang)]),
      ),
      name: account.name,
      portal: `${d.publicUrl}/account/notifications`,
    };
    const text = renderNotification(d.pack, input.event, lang, values);
    const row: NotificationRow = {
      id: d.ids.uuid(),
      account_id: input.accountId,
      application_id: input.applicationId ?? null,
      event: input.event,
      dedupe_key: key,
      lang,
      subject: text.subject,
      body: text.body,
      sms_text: text.sms,
      link: input.path,
      created_at: input.at ?? clock.now(),
      read_at: null,
      email_sent_at: null,
      sms_sent_at: null,
    };
    if (!(await repo.insertIfAbsent(row, trx))) {
      // Another transaction made it between our read and our insert (it has committed).
      return { id: (await repo.findByKey(key, trx))!.id, created: false };
    }
    await d.jobs.enqueue(trx, DELIVER_JOB, { notificationId: row.id } satisfies DeliverJob, {
      singletonKey: row.id,
    });
    return { id: row.id, created: true };
  }

  return {
    notify,
    /** Whoever was told about a happening (e.g. a request), to remind the same person of it. */
    toldAbout: (event: NotificationEvent, about: string) => repo.findByKey(keyOf(event, about)),

    /** The applicant's own notifications, newest first; reading them is audited. */
    async inbox(p: Principal, ip?: string) {
      const a = applicantOf(p);
      const items = await repo.listForAccount(a.accountId, INBOX_SIZE);
      await audit.recordRead({
        actor: a,
        subject: { kind: 'account', id: a.accountId },
        purpose: 'own-notifications',
        fields: ['notifications'],
        ...(ip ? { ip } : {}),
      });
      return items;
    },

    /** One notification of the applicant's, marked read; anyone else's is not found. */
    async open(id: string, p: Principal, ip?: string): Promise<NotificationRow> {
      const a = applicantOf(p);
      const row = UUID.test(id) ? await repo.find(id) : undefined;
      if (!row || row.account_id !== a.accountId) throw notificationsErrors.notFound();
      if (!row.read_at) {
        const at = clock.now();
        await repo.markRead(row.id, a.accountId, at);
        row.read_at = at;
      }
      await audit.recordRead({
        actor: a,
        subject: { kind: 'notification', id: row.id },
        purpose: 'own-notifications',
        fields: ['subject', 'body'],
        ...(ip ? { ip } : {}),
      });
      return row;
    },

    unreadCount: (accountId: string) => repo.countUnread(accountId),

    /** The applicant's mobile number and SMS consent; reading them is audited. */
    async preferences(p: Principal, ip?: string): Promise<PreferencesInput> {
      const a = applicantOf(p);
      const row = await repo.preferences(a.accountId);
      await audit.recordRead({
        actor: a,
        subject: { kind: 'account', id: a.accountId },
        purpose: 'own-contact-preferences',
        fields: ['mobile-number', 'sms-consent'],
        ...(ip ? { ip } : {}),
      });
      return { mobileNumber: row?.mobile_number ?? null, smsConsent: row?.sms_consent ?? false };
    },

    /**
     * Saves the number and consent with an audit entry saying what changed (never the number
     * itself). Consent is dated when given, and again when the number it applies to changes.
     */
    async savePreferences(p: Principal, input: PreferencesInput, ip?: string): Promise<boolean> {
      const a = applicantOf(p);
      const before = await repo.preferences(a.accountId);
      const oldNumber = before?.mobile_number ?? null;
      const number =
        oldNumber === input.mobileNumber
          ? 'unchanged'
          : oldNumber === null
            ? 'added'
            : input.mobileNumber === null
              ? 'removed'
              : 'changed';
      const consent = input.smsConsent && input.mobileNumber !== null;
      if (number === 'unchanged' && consent === (before?.sms_consent ?? false)) return false;
      const now = clock.now();
      const keepDate = before?.sms_consent && number === 'unchanged';
      await d.db.transaction().execute(async (trx) => {
        await repo.savePreferences(
          {
            account_id: a.accountId,
            mobile_number: input.mobileNumber,
            sms_consent: consent,
            sms_consent_at: consent ? ((keepDate ? before?.sms_consent_at : null) ?? now) : null,
            updated_at: now,
          },
          trx,
        );
        await audit.record(
          {
            actor: a,
            action: 'notifications.contact-preferences-changed',
            subject: { kind: 'account', id: a.accountId },
            details: { mobileNumber: number, smsConsent: consent },
            ...(ip ? { ip } : {}),
          },
          trx,
        );
      });
      return true;
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
