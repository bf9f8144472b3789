import type { Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { Language } from '../../platform/i18n';
import type { NotificationEvent } from './notifications.pack';

export interface NotificationRow {
  id: string;
  account_id: string;
  application_id: string | null;
  event: NotificationEvent;
  dedupe_key: string;
  lang: Language;
  subject: string;
  body: string;
  sms_text: string;
  link: string;
  created_at: Date;
  read_at: Date | null;
  email_sent_at: Date | null;
  sms_sent_at: Date | null;
}

export interface PreferencesRow {
  account_id: string;
  mobile_number: string | null;
  sms_consent: boolean;
  sms_consent_at: Date | null;
  updated_at: Date;
}

/** The two ways a notification leaves Vartai; each is sent at most once. */
export type Channel = 'email' | 'sms';
const SENT_AT = { email: 'email_sent_at', sms: 'sms_sent_at' } as const;

type Tables = { notifications: NotificationRow; notification_preferences: PreferencesRow };
type Q = Kysely<Tables>;
const as = (t: AnyTransaction) => t.withTables<Tables>() as unknown as Q;

/** Data access for the notifications module's own tables (migration 0020). */
export function createNotificationsRepository(db: Db) {
  const q = db.withTables<Tables>() as unknown as Q;
  return {
    /** Inserts unless the key was notified already; true when this call made it. */
    async insertIfAbsent(row: NotificationRow, trx: AnyTransaction): Promise<boolean> {
      const r = await as(trx)
        .insertInto('notifications')
        .values(row)
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      return Boolean(r);
    },
    findByKey: (key: string, t: AnyTransaction = q) =>
      as(t)
        .selectFrom('notifications')
        .selectAll()
        .where('dedupe_key', '=', key)
        .executeTakeFirst(),
    find: (id: string) =>
      q.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst(),
    /** One person's inbox, newest first (index notifications_account_idx). */
    listForAccount: (accountId: string, limit: number) =>
      q
        .selectFrom('notifications')
        .select(['id', 'event', 'lang', 'subject', 'created_at', 'read_at', 'application_id'])
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
    async countUnread(accountId: string): Promise<number> {
      const r = await q
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    markRead: (id: string, accountId: string, at: Date) =>
      q
        .updateTable('notifications')
        .set({ read_at: at })
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .where('read_at', 'is', null)
        .execute(),
    /**
     * Marks a channel sent before sending, and only if nobody did: the one caller that gets true
     * sends. Two workers, or a retry, can therefore never send the same channel twice.
     */
    async claim(id: string, channel: Channel, at: Date): Promise<boolean> {
      const column = SENT_AT[channel];
      const r = await q
        .updateTable('notifications')
        .set({ [column]: at })
        .where('id', '=', id)
        .where(column, 'is', null)
        .returning('id')
        .executeTakeFirst();
      return Boolean(r);
    },
    /** Gives a claim back after the send failed, so the job's retry tries again. */
    release: (id: string, channel: Channel, at: Date) =>
      q
        .updateTable('notifications')
        .set({ [SENT_AT[channel]]: null })
        .where('id', '=', id)
        .where(SENT_AT[channel], '=', at)
        .execute(),
    preferences: (accountId: string) =>
      q
        .selectFrom('notification_preferences')
        .selectAll()
        .where('account_id', '=', accountId)
        .executeTakeFirst(),
    savePreferences: (row: PreferencesRow, t: AnyTransaction = q) =>
      as(t)
        .insertInto('notification_preferences')
        .values(row)
        .onConflict((oc) =>
          oc.column('account_id').doUpdateSet({
            mobile_number: row.mobile_number,
            sms_consent: row.sms_consent,
            sms_consent_at: row.sms_consent_at,
            updated_at: row.updated_at,
          }),
        )
        .execute(),
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
