import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn, startTestApp, type TestApp } from '../../app/test-app';
import { fixedClock } from '../../platform/clock';
import { DEMO_APPLICANTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, totpCode } from '../accounts';
import { openInExamination, setCardIdentity } from './information-requests.test-support';

/**
 * Collection or courier chosen by a residence permit card's holder after the grant: only the
 * holder (or whoever filed) reaches the page and only once the case is granted; a branch takes
 * effect at once; a courier once its fee is paid through the payments module, and then it is
 * final; an order with the producer follows the choice; once produced, nothing changes.
 */
const clock = fixedClock(new Date());
let app: TestApp;
let holder: Browser;
let other: Browser;
let officer: Browser;

const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');
const signIn = (email: string) => signedIn(app, email);
async function granted(email: string) {
  const db = app.ctx.database.db;
  const opened = await openInExamination(db, app.app.modules.cases, email);
  await setCardIdentity(db, opened.applicationId, {
    givenNames: 'PRIYA',
    surname: 'SHARMA',
    dateOfBirth: '2001-09-03',
    nationality: 'IND',
  });
  for (const kind of ['decision-proposed', 'decided'] as const) {
    await db
      .transaction()
      .execute((trx) =>
        app.app.modules.cases.service.recordAction(
          opened.caseId,
          { kind, actor_kind: 'system', actor_id: null, details: { outcome: 'grant' } },
          trx,
        ),
      );
  }
  return opened;
}
const choiceOf = async (applicationId: string) =>
  (
    await sql<{ method: string; branch_code: string | null; address: string | null }>`
      select method, branch_code, address from delivery_choices
      where application_id = ${applicationId}::uuid`.execute(app.ctx.database.db)
  ).rows[0];
const orderOf = async (caseId: string) =>
  (
    await sql<{ id: string; delivery_method: string; delivery_branch: string | null }>`
      select id, delivery_method, delivery_branch from document_orders
      where case_id = ${caseId}::uuid`.execute(app.ctx.database.db)
  ).rows[0];

beforeAll(async () => {
  app = await startTestApp({}, { clock });
  holder = await signIn(DEMO_APPLICANTS[1]!.email);
  other = await signIn(DEMO_APPLICANTS[2]!.email);
  officer = new Browser(app);
  await officer.post('/sign-in', { email: 'officer@vartai.demo', password: DEMO_PASSWORD });
  await officer.post('/sign-in/mfa', { code: await totpCode(DEMO_TOTP_SECRET, clock.now()) });
});
afterAll(async () => {
  await app?.close();
});

describe('choosing how to receive a granted card', () => {
  it('is offered only to the holder, and only once the permit is granted', async () => {
    const db = app.ctx.database.db;
    const early = await openInExamination(db, app.app.modules.cases, DEMO_APPLICANTS[1]!.email);
    expect((await holder.get(`/applications/${early.applicationId}/receive`)).statusCode).toBe(404);

    const { applicationId } = await granted(DEMO_APPLICANTS[1]!.email);
    const page = `/applications/${applicationId}/receive`;
    const mine = await holder.get(`${page}?lang=en`);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('How do you want to receive your card?');
    expect(mine.body).toContain('3.79 EUR');
    // The application's page points to it.
    expect((await holder.get(`/applications/${applicationId}`)).body).toContain(page);

    expect((await other.get(page)).statusCode).toBe(404);
    expect((await officer.get(page)).statusCode).not.toBe(200);
    const anonymous = await new Browser(app).get(page);
    expect(anonymous.statusCode).toBe(302);
    expect(String(anonymous.headers.location)).toContain('/sign-in');
    // Another applicant cannot change it either, even with a valid token of their own.
    const token = await other.csrf('/account');
    expect(
      (await other.postRaw(page, { _csrf: token, method: 'branch', branch: 'KNS' })).statusCode,
    ).toBe(404);
    // No token: refused.
    expect((await holder.postRaw(page, { method: 'branch', branch: 'KNS' })).statusCode).toBe(403);
    expect(await choiceOf(applicationId)).toBeUndefined();
  });

  it('keeps a branch at once, a courier once paid, and then the choice is final', async () => {
    const { applicationId, caseId } = await granted(DEMO_APPLICANTS[1]!.email);
    const page = `/applications/${applicationId}/receive`;

    const missing = await holder.post(page, { method: 'branch', branch: '' });
    expect(missing.statusCode).toBe(400);
    expect((await holder.post(page, { method: 'branch', branch: 'KNS' })).statusCode).toBe(302);
    expect(await choiceOf(applicationId)).toMatchObject({ method: 'branch', branch_code: 'KNS' });

    // The officer orders the card: the order goes to the chosen branch.
    await sql`update cases set branch_id = (select id from branches where code = 'VLN')
      where id = ${caseId}::uuid`.execute(app.ctx.database.db);
    await officer.post(
      `/workbench/cases/${caseId}/order-document`,
      {},
      `/workbench/cases/${caseId}`,
    );
    expect(await orderOf(caseId)).toMatchObject({
      delivery_method: 'branch',
      delivery_branch: 'KNS',
    });

    const short = await holder.post(page, { method: 'courier', address: 'abc' });
    expect(short.statusCode).toBe(400);
    const toPay = await holder.post(page, {
      method: 'courier',
      address: 'Gedimino pr. 1-2, LT-01103 Vilnius',
    });
    expect(toPay.statusCode).toBe(303);
    // Until the fee is paid the branch stays in effect.
    expect(await choiceOf(applicationId)).toMatchObject({ method: 'branch', branch_code: 'KNS' });
    expect((await holder.get(`${page}?lang=en`)).body).toContain('is not paid yet');

    const pay = await holder.post(local(String(toPay.headers.location)), { outcome: 'pay' });
    let next = local(String(pay.headers.location));
    for (let hops = 0; hops < 5 && !next.startsWith(page); hops++) {
      next = local(String((await holder.get(next)).headers.location ?? page));
    }
    expect(await choiceOf(applicationId)).toMatchObject({
      method: 'courier',
      branch_code: null,
      address: 'Gedimino pr. 1-2, LT-01103 Vilnius',
    });
    expect(await orderOf(caseId)).toMatchObject({
      delivery_method: 'courier',
      delivery_branch: null,
    });

    const late = await holder.post(page, { method: 'branch', branch: 'VLN' });
    expect(late.statusCode).toBe(409);
    expect(await choiceOf(applicationId)).toMatchObject({ method: 'courier' });
  });

  it('cannot change once the card is produced', async () => {
    const { applicationId, caseId } = await granted(DEMO_APPLICANTS[1]!.email);
    await sql`update cases set branch_id = (select id from branches where code = 'VLN')
      where id = ${caseId}::uuid`.execute(app.ctx.database.db);
    await officer.post(
      `/workbench/cases/${caseId}/order-document`,
      {},
      `/workbench/cases/${caseId}`,
    );
    const order = await orderOf(caseId);
    await sql`update document_orders set state = 'produced' where id = ${order!.id}::uuid`.execute(
      app.ctx.database.db,
    );
    const page = `/applications/${applicationId}/receive`;
    const view = await holder.get(`${page}?lang=en`);
    expect(view.body).toContain('can no longer be changed');
    expect(view.body).not.toContain('name="method"');
    const token = await holder.csrf('/account');
    expect(
      (await holder.postRaw(page, { _csrf: token, method: 'branch', branch: 'KNS' })).statusCode,
    ).toBe(409);
  });
});
