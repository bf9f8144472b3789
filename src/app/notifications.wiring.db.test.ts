import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APPLICANTS } from '../modules/accounts';
import { startTestApp, type TestApp } from './test-app';

/**
 * The wiring in the real app, with the job workers running: the case of a service with a visit
 * tells the applicant of the visit in the submission's transaction (a service without one does
 * not), the `applications.submitted` job confirms the submission, and each is delivered by e-mail
 * in the account's language.
 */
let app: TestApp;
const applicant = DEMO_APPLICANTS[2]!; // Aliaksandr Ivanou: Russian
let accountId: string;

beforeAll(async () => {
  app = await startTestApp({}, { workers: true });
  accountId = (await app.app.modules.accounts.repo.findByEmail(applicant.email))!.id;
});
afterAll(async () => {
  await app?.close();
});

/** A submitted application of the applicant, written directly; returns the whole row. */
async function submitted(serviceId: string, groundId: string | null, reference: string) {
  const db = app.ctx.database.db;
  const id = randomUUID();
  const at = new Date();
  await sql`insert into applications (id, reference, service_id, ground_id, urgent, state,
      owner_account_id, filed_by_kind, filed_by_account_id, answers, created_at, updated_at,
      submitted_at)
    values (${id}, ${reference}, ${serviceId}, ${groundId}, false, 'submitted',
      ${accountId}, 'self', ${accountId}, '{}'::jsonb, ${at}, ${at}, ${at})`.execute(db);
  return (
    await sql<Record<string, unknown>>`select * from applications where id = ${id}`.execute(db)
  ).rows[0]! as { id: string; submitted_at: Date };
}
/** Opens the case as the submission's listener does (src/app/build-app.ts), with the whole row. */
const openCase = (row: object) =>
  app.ctx.database.db
    .transaction()
    .execute((trx) => app.app.modules.cases.service.openCase(row as never, trx));

async function until<T>(what: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await what();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('notifications wired to the applications and cases modules', () => {
  it('a service with a visit: told of the visit and of the receipt, by e-mail too', async () => {
    const reference = 'VRT-2027-0000042-0';
    const row = await submitted('temporary-residence-permit', 'work', reference);
    const id = row.id;
    const at = row.submitted_at;
    const opened = await openCase(row);
    const visit = await app.app.modules.notifications.repo.findByKey(`visit-needed:${opened.id}`);
    expect(visit).toMatchObject({
      account_id: accountId,
      lang: 'ru',
      subject: `Необходимо прийти в Департамент миграции: ${reference}`,
      link: `/applications/${id}`,
    });

    await app.ctx.jobs.enqueue(null, 'applications.submitted', { applicationId: id });
    const receipt = await until(() =>
      app.app.modules.notifications.repo.findByKey(`application-received:${id}`),
    );
    expect(receipt.subject).toBe(`Заявление получено: ${reference}`);
    expect(receipt.body).toContain('«Разрешение на временное проживание (выдача или замена)»');
    expect(receipt.created_at.getTime()).toBe(at.getTime());

    // (His demo permit's renewal reminder is e-mailed too: only these two are looked at.)
    const ours = [receipt.subject, visit!.subject];
    const mails = await until(async () => {
      const to = app.mail.sent.filter((m) => m.to === applicant.email && ours.includes(m.subject));
      return to.length >= 2 ? to : undefined;
    });
    expect(mails.map((m) => m.subject).sort()).toEqual(ours.sort());
    expect(mails.every((m) => m.lang === 'ru')).toBe(true);
  });

  it('a service without a visit: no visit notice', async () => {
    const opened = await openCase(
      await submitted('change-of-employer', null, 'VRT-2027-0000043-8'),
    );
    expect(opened.status).toBe('submitted');
    expect(
      await app.app.modules.notifications.repo.findByKey(`visit-needed:${opened.id}`),
    ).toBeUndefined();
  });
});
