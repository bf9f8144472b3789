import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedInStaff, startTestApp, type TestApp } from '../../app/test-app';
import { fixedClock } from '../../platform/clock';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../accounts';
import { openInExamination, setCardIdentity } from './information-requests.test-support';

/**
 * The production buttons on the real application: only officers of the case's branch order the
 * document and record the hand-over (another branch: 404 and an audit entry); the case view shows
 * the production state; the issued document appears among the holder's documents.
 */
const DAY = 86_400_000;
const clock = fixedClock(new Date());
let app: TestApp;
let officer: Browser;
let kaunas: Browser;
let callCentre: Browser;
let owner: Browser;

const signInStaff = (email: string) => signedInStaff(app, email, clock.now());
const statusOf = async (caseId: string) => (await app.app.modules.cases.repo.find(caseId))!.status;
const audited = async (caseId: string, action: string) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from (
      select action, subject_id from audit_pending union all select action, subject_id from audit_log
    ) a where subject_id = ${caseId} and action = ${action}`.execute(app.ctx.database.db)
  ).rows[0]!.n;

beforeAll(async () => {
  app = await startTestApp({}, { clock });
  officer = await signInStaff('officer@vartai.demo');
  kaunas = await signInStaff('officer.kaunas@vartai.demo');
  callCentre = await signInStaff('callcentre@vartai.demo');
  owner = new Browser(app);
  await owner.post('/sign-in', { email: DEMO_APPLICANTS[0]!.email, password: DEMO_PASSWORD });
});
afterAll(async () => {
  await app?.close();
});

describe('production pages', () => {
  it('order and hand-over only by the branch, shown on the case, recorded for the holder', async () => {
    const db = app.ctx.database.db;
    const { caseId, applicationId } = await openInExamination(
      db,
      app.app.modules.cases,
      DEMO_APPLICANTS[0]!.email,
    );
    await sql`update cases set branch_id = (select id from branches where code = 'VLN')
      where id = ${caseId}::uuid`.execute(db);
    await setCardIdentity(db, applicationId, {
      givenNames: 'OKSANA',
      surname: 'KOVALENKO',
      dateOfBirth: '1990-02-14',
      nationality: 'UKR',
    });
    for (const kind of ['decision-proposed', 'decided'] as const) {
      await db
        .transaction()
        .execute((trx) =>
          app.app.modules.cases.service.recordAction(
            caseId,
            { kind, actor_kind: 'system', actor_id: null, details: { outcome: 'grant' } },
            trx,
          ),
        );
    }
    const view = `/workbench/cases/${caseId}`;
    expect((await officer.get(view)).body).toContain(`/workbench/cases/${caseId}/order-document`);

    const order = `/workbench/cases/${caseId}/order-document`;
    expect((await kaunas.post(order, {}, '/workbench')).statusCode).toBe(404);
    expect(await audited(caseId, 'cases.access-denied')).toBeGreaterThan(0);
    expect((await callCentre.post(order, {}, '/workbench')).statusCode).not.toBe(302);
    expect((await owner.post(order, {}, '/my-documents')).statusCode).not.toBe(302);
    expect((await new Browser(app).post(order, {}, '/sign-in')).statusCode).not.toBe(302);
    expect(await statusOf(caseId)).toBe('granted');

    expect((await officer.post(order, {}, view)).statusCode).toBe(302);
    expect(await statusOf(caseId)).toBe('document-ordered');
    const production = app.app.modules.production;
    const row = (await production.repo.byCase(caseId))!;
    // The worker's jobs, run here: send to the producer, then the scheduled poll days later.
    await production.service.sendToProducer(row.id);
    clock.advance(5 * DAY);
    await production.service.poll();
    expect(await statusOf(caseId)).toBe('ready-for-collection');
    // Five days later the sessions have run out: everyone signs in again.
    officer = await signInStaff('officer@vartai.demo');
    kaunas = await signInStaff('officer.kaunas@vartai.demo');
    owner = new Browser(app);
    await owner.post('/sign-in', { email: DEMO_APPLICANTS[0]!.email, password: DEMO_PASSWORD });
    const shown = (await officer.get(view)).body;
    expect(shown).toContain('id="production"');
    expect(shown).toContain(`/workbench/cases/${caseId}/issue`);

    const issue = `/workbench/cases/${caseId}/issue`;
    expect((await kaunas.post(issue, {}, '/workbench')).statusCode).toBe(404);
    expect((await owner.post(issue, {}, '/my-documents')).statusCode).not.toBe(302);
    expect(await statusOf(caseId)).toBe('ready-for-collection');
    expect((await officer.post(issue, {}, view)).statusCode).toBe(302);
    expect(await statusOf(caseId)).toBe('issued');

    const number = (await production.repo.byCase(caseId))!.document_number!;
    const held = await sql<{ kind: string; holder_surname: string }>`
      select kind, holder_surname from held_documents where document_number = ${number}`.execute(
      db,
    );
    expect(held.rows).toEqual([{ kind: 'residence-permit', holder_surname: 'KOVALENKO' }]);
    expect((await owner.get('/my-documents')).body).toContain(number);
  });
});
