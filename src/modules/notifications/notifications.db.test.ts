import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES_DIR, MIGRATIONS_DIR } from '../../app/context';
import { captureMail } from '../../app/test-app';
import { fixedClock, randomIds } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import { createI18n } from '../../platform/i18n';
import type { SmsMessage, SmsPort } from '../../platform/sms';
import { createTestDatabase, recordingJobs, type TestDatabase } from '../../platform/testing';
import { createAuditModule, type AuditModule } from '../audit';
import {
  createNotificationsModule,
  DELIVER_JOB,
  type DueRequest,
  type NotificationsModule,
  type NotifyInput,
} from './index';

/**
 * Notifications on a real database: made once per happening, in the account's language, in the
 * caller's transaction; delivered by e-mail and (with consent only) SMS, each at most once however
 * often the job runs; the due-soon reminder made once per request.
 */
const clock = fixedClock('2027-03-01T08:00:00Z');
let db: TestDatabase;
let audit: AuditModule;
let notifications: NotificationsModule;
const mail = captureMail();
const sms: SmsPort & { sent: SmsMessage[]; failNext: number } = {
  sent: [],
  failNext: 0,
  async send(m) {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('gateway down');
    }
    this.sent.push(m);
    return { messageId: String(this.sent.length) };
  },
};
/** Runs what is queued, as the worker would once the notifying transactions have committed. */
const { jobs, queued, handlers, drain } = recordingJobs();
const due: DueRequest[] = [];

async function account(lang: string, name = 'Oksana Kovalenko'): Promise<string> {
  const id = randomUUID();
  await sql`insert into accounts (id, kind, email, display_name, password_hash, preferred_lang,
      password_changed_at, created_at)
    values (${id}, 'applicant', ${`${id}@example.com`}, ${name}, 'x', ${lang}, now(), now())`.execute(
    db.db,
  );
  return id;
}
const applicant = (accountId: string): Principal => ({
  kind: 'applicant',
  accountId,
  email: `${accountId}@example.com`,
  displayName: 'Oksana',
});
const notify = (input: NotifyInput) =>
  db.db.transaction().execute((trx) => notifications.notify(input, trx));
const received = (accountId: string, applicationId = randomUUID()): NotifyInput => ({
  event: 'application-received',
  accountId,
  applicationId,
  about: applicationId,
  path: `/applications/${applicationId}`,
  values: {
    reference: 'VRT-2027-0000001-8',
    service: { lt: 'Leidimas laikinai gyventi', uk: 'Дозвіл на тимчасове проживання' },
  },
});
const rowsOf = async (accountId: string) =>
  (
    await sql<{
      event: string;
      subject: string;
    }>`select event, subject from notifications where account_id = ${accountId}`.execute(db.db)
  ).rows;

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: db.db, clock });
  notifications = createNotificationsModule({
    db: db.db,
    clock,
    ids: randomIds,
    jobs,
    mail,
    sms,
    i18n: createI18n(MESSAGES_DIR),
    audit,
    publicUrl: 'https://vartai.test',
    formsPerMinute: 20,
    ports: {
      // Read in the notifying transaction, as the wiring does (PGlite has one session).
      accountOf: async (id: string, trx: AnyTransaction) => {
        const r = await sql<{
          display_name: string;
          preferred_lang: string;
        }>`select display_name, preferred_lang from accounts where id = ${id}`.execute(trx);
        const a = r.rows[0];
        return a ? { name: a.display_name, lang: a.preferred_lang } : undefined;
      },
      emailOf: async (id) => `${id}@example.com`,
      openRequestsDue: async (from, to) => due.filter((r) => r.dueOn >= from && r.dueOn <= to),
    },
  });
});
afterAll(async () => {
  await audit.drain();
  await db?.close();
});
beforeEach(async () => {
  await drain();
  mail.sent.length = 0;
  sms.sent.length = 0;
});

describe('notify', () => {
  it('makes one notification per happening, however often it is called', async () => {
    const owner = await account('lt');
    const input = received(owner);
    expect(await notify(input)).toMatchObject({ created: true });
    expect(await notify(input)).toMatchObject({ created: false });
    expect(await rowsOf(owner)).toHaveLength(1);
    expect(queued.filter((j) => j.name === DELIVER_JOB)).toHaveLength(1);
  });

  it('writes in the account’s language, values included', async () => {
    const owner = await account('uk');
    await notify(received(owner));
    const [row] = await rowsOf(owner);
    expect(row).toEqual({
      event: 'application-received',
      subject: 'Заяву отримано: VRT-2027-0000001-8',
    });
    const [stored] = await notifications.repo.listForAccount(owner, 10);
    const full = await notifications.repo.find(stored!.id);
    expect(full).toMatchObject({ lang: 'uk', link: expect.stringMatching(/^\/applications\//) });
    expect(full!.body).toContain('Дозвіл на тимчасове проживання');
    expect(full!.body).toContain('Oksana Kovalenko');
    expect(full!.sms_text).toBe(
      'Департамент міграції: заяву VRT-2027-0000001-8 отримано. Детальніше: https://vartai.test/account/notifications',
    );

    const lithuanian = await account('lt');
    await notify({
      event: 'information-requested',
      accountId: lithuanian,
      about: randomUUID(),
      path: '/applications/x/information-requests/1',
      values: { dueOn: { date: '2027-03-15' } },
    });
    expect((await rowsOf(lithuanian))[0]!.subject).toBe(
      'Jūsų prašymui reikia papildomos informacijos',
    );
    const [asked] = await notifications.repo.listForAccount(lithuanian, 1);
    expect((await notifications.repo.find(asked!.id))!.body).toContain('iki 2027 m. kovo 15 d.');
  });

  it('commits with the caller, or not at all', async () => {
    const owner = await account('en');
    await expect(
      db.db.transaction().execute(async (trx) => {
        await notifications.notify(received(owner), trx);
        throw new Error('the submission failed');
      }),
    ).rejects.toThrow('the submission failed');
    expect(await rowsOf(owner)).toEqual([]);
  });

  it('refuses an event without its values, and tells nobody without an account', async () => {
    const owner = await account('lt');
    await expect(
      notify({ ...received(owner), values: { reference: 'VRT-1' } }),
    ).rejects.toMatchObject({
      code: 'NOTIFICATION_VALUES_MISSING',
      details: { missing: ['service'] },
    });
    expect(await rowsOf(owner)).toEqual([]);
    expect(await notify(received(randomUUID()))).toBeUndefined();
  });
});

describe('delivery', () => {
  it('e-mails once with the link, and sends no SMS without a number and consent', async () => {
    const owner = await account('en');
    await notify(received(owner));
    const job = queued.at(-1)!;
    await drain();
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]).toMatchObject({
      to: `${owner}@example.com`,
      lang: 'en',
      subject: 'Application received: VRT-2027-0000001-8',
    });
    expect(mail.sent[0]!.text).toContain(
      'View it in your account: https://vartai.test/applications/',
    );
    expect(mail.sent[0]!.text).toContain('https://vartai.test/account/contact-preferences');
    expect(sms.sent).toEqual([]);
    // A retry (pg-boss after a crash) sends nothing again.
    await handlers.get(job.name)!(job.data);
    expect(mail.sent).toHaveLength(1);

    // A number without consent is not enough.
    await notifications.service.savePreferences(applicant(owner), {
      mobileNumber: '+37060012345',
      smsConsent: false,
    });
    await notify(received(owner));
    await drain();
    expect(mail.sent).toHaveLength(2);
    expect(sms.sent).toEqual([]);
  });

  it('sends e-mail and SMS once each, even when retried after the gateway failed', async () => {
    const owner = await account('lt');
    await notifications.service.savePreferences(applicant(owner), {
      mobileNumber: '+37060012345',
      smsConsent: true,
    });
    await notify(received(owner));
    const job = queued.pop()!;
    const run = () => handlers.get(job.name)!(job.data);
    sms.failNext = 1;
    await expect(run()).rejects.toThrow('gateway down');
    expect(mail.sent).toHaveLength(1);
    expect(sms.sent).toEqual([]);
    await run();
    await run();
    expect(mail.sent).toHaveLength(1);
    expect(sms.sent).toEqual([
      {
        to: '+37060012345',
        lang: 'lt',
        text: 'Migracijos departamentas: gavome jūsų prašymą VRT-2027-0000001-8. Daugiau: https://vartai.test/account/notifications',
      },
    ]);
    const [item] = await notifications.repo.listForAccount(owner, 1);
    const sent = (await notifications.repo.find(item!.id))!;
    expect(sent.email_sent_at).not.toBeNull();
    expect(sent.sms_sent_at).not.toBeNull();
  });
});

describe('contact preferences', () => {
  it('are audited when changed, without the number; consent is dated', async () => {
    const owner = await account('lt');
    const p = applicant(owner);
    expect(await notifications.service.preferences(p)).toEqual({
      mobileNumber: null,
      smsConsent: false,
    });
    expect(
      await notifications.service.savePreferences(p, {
        mobileNumber: '+37060012345',
        smsConsent: true,
      }),
    ).toBe(true);
    expect(
      await notifications.service.savePreferences(p, {
        mobileNumber: '+37060012345',
        smsConsent: true,
      }),
    ).toBe(false);
    expect(await notifications.repo.preferences(owner)).toMatchObject({
      mobile_number: '+37060012345',
      sms_consent: true,
      sms_consent_at: clock.now(),
    });
    // Removing the number ends the consent with it.
    await notifications.service.savePreferences(p, { mobileNumber: null, smsConsent: true });
    expect(await notifications.repo.preferences(owner)).toMatchObject({
      mobile_number: null,
      sms_consent: false,
      sms_consent_at: null,
    });
    const entries = await audit.entriesFor({ kind: 'account', id: owner });
    const changes = entries.filter((e) => e.action === 'notifications.contact-preferences-changed');
    expect(changes.map((e) => e.details)).toEqual([
      { mobileNumber: 'removed', smsConsent: false },
      { mobileNumber: 'added', smsConsent: true },
    ]);
    expect(JSON.stringify(entries)).not.toContain('60012345');
    expect(entries.some((e) => e.action === 'personal-data.read')).toBe(true);
  });

  it('the database refuses consent without a number, and a number not in E.164', async () => {
    const owner = await account('lt');
    await expect(
      sql`insert into notification_preferences (account_id, sms_consent, sms_consent_at, updated_at)
        values (${owner}, true, now(), now())`.execute(db.db),
    ).rejects.toThrow();
    await expect(
      sql`insert into notification_preferences (account_id, mobile_number, updated_at)
        values (${owner}, '860012345', now())`.execute(db.db),
    ).rejects.toThrow();
  });
});

describe('the applicant’s own deadline', () => {
  it('reminds an unanswered request due soon once, to whoever was told of it', async () => {
    const owner = await account('en');
    const applicationId = randomUUID();
    const told = (requestId: string, at: Date) =>
      notify({
        event: 'information-requested',
        accountId: owner,
        applicationId,
        about: requestId,
        path: `/applications/${applicationId}/information-requests/1`,
        values: { dueOn: { date: '2027-03-03' } },
        at,
      });
    const soon = randomUUID();
    const later = randomUUID();
    const toldToday = randomUUID();
    const neverTold = randomUUID();
    await told(soon, new Date('2027-02-20T09:00:00Z'));
    await told(later, new Date('2027-02-20T09:00:00Z'));
    await told(toldToday, clock.now());
    due.push(
      { requestId: soon, applicationId, dueOn: '2027-03-03' },
      { requestId: later, applicationId, dueOn: '2027-03-20' },
      { requestId: toldToday, applicationId, dueOn: '2027-03-02' },
      { requestId: neverTold, applicationId, dueOn: '2027-03-02' },
    );
    expect(await notifications.remindDueSoon()).toBe(1);
    expect(await notifications.remindDueSoon()).toBe(0);
    const reminder = await notifications.repo.findByKey(`information-due-soon:${soon}`);
    expect(reminder).toMatchObject({
      account_id: owner,
      link: `/applications/${applicationId}/information-requests/1`,
      subject: 'Reminder: please answer the request for information by March 3, 2027',
    });
    // The next morning the request told of yesterday is reminded too.
    clock.set('2027-03-02T05:00:00Z');
    expect(await notifications.remindDueSoon()).toBe(1);
    expect(await notifications.repo.findByKey(`information-due-soon:${toldToday}`)).toBeDefined();
    expect(await notifications.repo.findByKey(`information-due-soon:${neverTold}`)).toBeUndefined();
    clock.set('2027-03-01T08:00:00Z');
  });
});
