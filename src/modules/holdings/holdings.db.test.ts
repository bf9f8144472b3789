import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureMail, startTestApp, type TestApp } from '../../app/test-app';
import { fixedClock } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import { addDays, vilniusDate } from './holdings.core';
import type { HeldDocumentRow } from './holdings.repository';
import { SEND_EMAIL_JOB } from './holdings.service';
import { sendHoldingsEmailJob } from './jobs/send-email.job';

const DAY = 86_400_000;
const clock = fixedClock('2027-01-10T09:00:00Z');
let app: TestApp;

const holdings = () => app.app.modules.holdings;
const today = () => vilniusDate(clock.now());
const person = (name = 'Ona'): Principal & { kind: 'applicant' } => ({
  kind: 'applicant',
  accountId: randomUUID(),
  email: `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@example.lt`,
  displayName: name,
});

/** A held document of a person, valid, expiring in `days` from today unless told otherwise. */
async function hold(
  holder: Principal & { kind: 'applicant' },
  over: Partial<HeldDocumentRow> & { days?: number } = {},
): Promise<HeldDocumentRow> {
  const { days = 300, ...rest } = over;
  const row: HeldDocumentRow = {
    id: randomUUID(),
    holder_account_id: holder.accountId,
    kind: 'residence-permit',
    document_number: `T${Math.floor(Math.random() * 1e9)}`,
    holder_given_names: 'ONA',
    holder_surname: 'PETRAITĖ',
    holder_date_of_birth: '1991-04-02',
    holder_nationality: 'UKR',
    personal_code: null,
    issued_on: addDays(today(), -700),
    expires_on: addDays(today(), days),
    status: 'valid',
    invalidated_at: null,
    renewal_service_id: 'temporary-residence-permit',
    renewal_ground_id: 'work',
    issued_on_application_id: null,
    renewal_application_id: null,
    photo_taken_on: null,
    signature_taken_on: null,
    created_at: clock.now(),
    ...rest,
  };
  await holdings().repo.insert(row);
  return row;
}

const report = {
  what: 'stolen' as const,
  occurredOn: '2027-01-09',
  place: 'Kaunas',
  circumstances: 'Bag taken on a bus',
};

beforeAll(async () => {
  app = await startTestApp({}, { clock });
});
afterAll(async () => {
  await app?.close();
});

describe('reporting a document lost or stolen', () => {
  it('invalidates it at once, with the report, an audit entry and the e-mail job, exactly once', async () => {
    const ona = person();
    const doc = await hold(ona);
    const jobsBefore = await app.ctx.jobs.count(SEND_EMAIL_JOB);
    const [a, b] = await Promise.all([
      holdings().service.reportLoss(doc.id, ona, report),
      holdings().service.reportLoss(doc.id, ona, { ...report, what: 'lost' }),
    ]);
    expect([a.outcome, b.outcome].sort()).toEqual(['already-reported', 'reported']);
    const after = (await holdings().repo.find(doc.id))!;
    expect(after.status).toBe(a.outcome === 'reported' ? 'reported-stolen' : 'reported-lost');
    expect(after.invalidated_at?.toISOString()).toBe(clock.now().toISOString());
    const saved = (await holdings().repo.lossReportFor(doc.id))!;
    expect(saved).toMatchObject({ occurred_on: '2027-01-09', place: 'Kaunas' });
    expect(await app.ctx.jobs.count(SEND_EMAIL_JOB)).toBe(jobsBefore + 1);
    const audit = await app.app.modules.audit.entriesFor({ kind: 'held-document', id: doc.id });
    expect(audit.filter((e) => e.action === 'holdings.loss-reported')).toHaveLength(1);

    // A third try (another tab) changes nothing.
    const again = await holdings().service.reportLoss(doc.id, ona, report);
    expect(again.outcome).toBe('already-reported');
    const count = await sql<{ n: number }>`select count(*)::int as n from loss_reports
      where held_document_id = ${doc.id}`.execute(app.ctx.database.db);
    expect(count.rows[0]!.n).toBe(1);
  });

  it('answers "not found" for someone else\'s document, an unknown id and garbage', async () => {
    const doc = await hold(person());
    const stranger = person('Jonas');
    for (const id of [doc.id, randomUUID(), 'not-an-id']) {
      await expect(holdings().service.reportLoss(id, stranger, report)).rejects.toMatchObject({
        code: 'HELD_DOCUMENT_NOT_FOUND',
      });
      await expect(holdings().service.startRenewal(id, stranger)).rejects.toMatchObject({
        code: 'HELD_DOCUMENT_NOT_FOUND',
      });
    }
    expect((await holdings().repo.find(doc.id))!.status).toBe('valid');
  });

  it('keeps loss reports append-only', async () => {
    const ona = person();
    const doc = await hold(ona);
    await holdings().service.reportLoss(doc.id, ona, report);
    await expect(
      sql`update loss_reports set place = 'x' where held_document_id = ${doc.id}`.execute(
        app.ctx.database.db,
      ),
    ).rejects.toThrow(/append-only/);
  });
});

describe('renewal reminders', () => {
  const noticesOf = async (id: string) =>
    (await holdings().repo.noticesFor([id])).map((n) => n.threshold_days);

  it('sends the 120-day and the 60-day reminder once each as time passes', async () => {
    const ona = person();
    const doc = await hold(ona, { days: 125 });
    const lost = await hold(ona, { days: 100 });
    await holdings().service.reportLoss(lost.id, ona, report);
    const late = await hold(ona, { days: 50 });

    await holdings().service.sendRenewalReminders();
    expect(await noticesOf(doc.id)).toEqual([]);
    expect(await noticesOf(lost.id)).toEqual([]);
    // First seen 50 days before expiry: the 60-day reminder only, not two at once.
    expect(await noticesOf(late.id)).toEqual([60]);

    clock.advance(5 * DAY);
    await holdings().service.sendRenewalReminders();
    await holdings().service.sendRenewalReminders();
    expect(await noticesOf(doc.id)).toEqual([120]);

    clock.advance(59 * DAY); // 61 days left
    await holdings().service.sendRenewalReminders();
    expect(await noticesOf(doc.id)).toEqual([120]);

    clock.advance(DAY); // 60 days left
    await Promise.all([
      holdings().service.sendRenewalReminders(),
      holdings().service.sendRenewalReminders(),
    ]);
    expect(await noticesOf(doc.id)).toEqual([120, 60]);

    clock.advance(61 * DAY); // expired
    await holdings().service.sendRenewalReminders();
    expect(await noticesOf(doc.id)).toEqual([120, 60]);
    expect(await noticesOf(lost.id)).toEqual([]);
  });

  it("writes the reminder in the holder's language, with the expiry date and days left", async () => {
    const ivan = person('Ivan');
    const doc = await hold(ivan, { days: 90, kind: 'permanent-residence-permit' });
    await holdings().service.sendRenewalReminders();
    const mail = captureMail();
    const send = sendHoldingsEmailJob({
      repo: holdings().repo,
      mail,
      i18n: app.ctx.i18n,
      publicUrl: 'https://vartai.example',
      recipientOf: async (id) =>
        id === ivan.accountId ? { email: ivan.email, name: 'Иван', lang: 'ru' } : undefined,
    });
    await send({ kind: 'renewal-reminder', heldDocumentId: doc.id, threshold: 120 });
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]).toMatchObject({ to: ivan.email, lang: 'ru' });
    expect(mail.sent[0]!.subject).toContain('Вид на постоянное проживание');
    expect(mail.sent[0]!.text).toContain('90 дней');
    expect(mail.sent[0]!.text).toContain('https://vartai.example/my-documents');
  });

  it('shows a reminder on the account until a renewal is started', async () => {
    const ona = person();
    const doc = await hold(ona, { days: 100 });
    await hold(ona, { days: 400 });
    await holdings().service.sendRenewalReminders();
    expect((await holdings().remindersFor(ona.accountId)).map((d) => d.id)).toEqual([doc.id]);
    await holdings().service.startRenewal(doc.id, ona);
    expect(await holdings().remindersFor(ona.accountId)).toEqual([]);
  });
});

describe('a renewal pre-filled from what is held', () => {
  it('copies the answers of the application the permit was issued on and what the permit says', async () => {
    const ona = person();
    const applications = app.app.modules.applications.service;
    const first = await applications.startDraft({
      serviceId: 'temporary-residence-permit',
      groundId: 'work',
      by: ona,
    });
    const saved = await applications.saveAnswers(first.id, ona, {
      'given-names': 'ONA',
      surname: 'KOVALENKO',
      'date-of-birth': '1991-04-02',
      nationality: 'UKR',
      email: ona.email,
      phone: '+37060000000',
      'application-kind': 'first',
      'in-lithuania': 'yes',
      'mediation-letter-number': 'TD-2025-17',
      'monthly-salary': '2400',
    });
    expect(saved).toEqual({ ok: true });
    // Married since: the permit carries the new surname, which wins over the old answer.
    const doc = await hold(ona, {
      days: 100,
      issued_on_application_id: first.id,
      holder_surname: 'PETRAITĖ',
    });

    const { applicationId } = await holdings().service.startRenewal(doc.id, ona);
    expect(applicationId).not.toBe(first.id);
    const draft = await applications.getVisible(applicationId, ona);
    expect(draft).toMatchObject({
      state: 'draft',
      service_id: 'temporary-residence-permit',
      ground_id: 'work',
      owner_account_id: ona.accountId,
    });
    expect(draft.answers).toMatchObject({
      surname: 'PETRAITĖ',
      'given-names': 'ONA',
      'mediation-letter-number': 'TD-2025-17',
      'monthly-salary': '2400',
      'application-kind': 'renewal',
    });
    // Every question is answered: only what changed needs attention.
    expect((await applications.missing(draft)).filter((m) => m.kind === 'answer')).toEqual([]);
    const [created] = await applications.timeline(applicationId, ona);
    expect(created).toMatchObject({ action: 'created' });
    expect(created!.details).toMatchObject({
      prefilledFrom: { heldDocument: doc.id, issuedOnApplication: first.id },
    });

    // A second click returns the same draft; after it is withdrawn, a new one.
    expect((await holdings().service.startRenewal(doc.id, ona)).applicationId).toBe(applicationId);
    await applications.withdraw(applicationId, ona);
    const third = (await holdings().service.startRenewal(doc.id, ona)).applicationId;
    expect(third).not.toBe(applicationId);
  });

  it("pre-fills a citizen's passport order from the passport, and refuses what is not renewable", async () => {
    const gintare = person('Gintare');
    const passport = await hold(gintare, {
      days: 50,
      kind: 'passport',
      holder_nationality: 'LTU',
      personal_code: '48905120124',
      renewal_service_id: 'identity-documents',
      renewal_ground_id: 'passport',
    });
    const { applicationId } = await holdings().service.startRenewal(passport.id, gintare);
    const draft = await app.app.modules.applications.service.getVisible(applicationId, gintare);
    expect(draft.answers).toMatchObject({ 'personal-code': '48905120124', surname: 'PETRAITĖ' });
    expect(draft.answers['application-kind']).toBeUndefined();

    const early = await hold(gintare, { days: 200 });
    await expect(holdings().service.startRenewal(early.id, gintare)).rejects.toMatchObject({
      code: 'HELD_DOCUMENT_NOT_RENEWABLE',
    });
    const lost = await hold(gintare, { days: 30 });
    await holdings().service.reportLoss(lost.id, gintare, report);
    await expect(holdings().service.startRenewal(lost.id, gintare)).rejects.toMatchObject({
      code: 'HELD_DOCUMENT_NOT_RENEWABLE',
    });
  });
});

describe('identityOnRecord', () => {
  it('gives the latest capture across citizen documents and whether one is valid', async () => {
    const p = person('Rasa');
    const read = (on: Date) =>
      holdings().identityOnRecord(p.accountId, on, p, 'remote-order-eligibility');
    const none = await read(clock.now());
    expect(none).toEqual({
      photoTakenOn: null,
      signatureTakenOn: null,
      hasValidIdentityDocument: false,
      holdsAnyIdentityDocument: false,
    });
    await hold(p, { kind: 'residence-permit', photo_taken_on: '2026-12-01' });
    const passport = await hold(p, {
      kind: 'passport',
      photo_taken_on: '2025-01-15',
      signature_taken_on: '2025-01-15',
      days: 400,
    });
    await hold(p, {
      kind: 'identity-card',
      photo_taken_on: '2026-03-02',
      signature_taken_on: null,
      days: -1,
    });
    const on = await read(clock.now());
    expect(on).toEqual({
      photoTakenOn: new Date('2026-03-02T00:00:00Z'),
      signatureTakenOn: new Date('2025-01-15T00:00:00Z'),
      hasValidIdentityDocument: true,
      holdsAnyIdentityDocument: true,
    });
    // Valid "on" the day asked about: after the passport's last day it no longer counts.
    const later = new Date(clock.now().getTime() + 401 * DAY);
    expect((await read(later)).hasValidIdentityDocument).toBe(false);
    await holdings().service.reportLoss(passport.id, p, report);
    const after = await read(clock.now());
    expect(after.hasValidIdentityDocument).toBe(false);
    expect(after.holdsAnyIdentityDocument).toBe(true);
  });

  it('audits every read of the photo, signature and documents on record', async () => {
    const p = person('Jonas');
    const passport = await hold(p, { kind: 'passport', photo_taken_on: '2026-06-01' });
    await holdings().identityOnRecord(p.accountId, clock.now(), p, 'remote-order-eligibility');
    await holdings().identityOnRecord(
      p.accountId,
      clock.now(),
      { kind: 'system', id: 'ordering-check' },
      'courier-eligibility',
    );
    const reads = (await app.app.modules.audit.entriesFor({ kind: 'account', id: p.accountId }))
      .filter((e) => e.action === 'personal-data.read')
      .reverse();
    expect(reads.map((e) => [e.actor_kind, e.actor_id, e.purpose])).toEqual([
      ['applicant', p.accountId, 'remote-order-eligibility'],
      ['system', 'ordering-check', 'courier-eligibility'],
    ]);
    expect(reads[0]!.details).toMatchObject({
      fields: expect.arrayContaining(['photo-taken-on', `held-document:${passport.id}`]),
    });
  });
});
