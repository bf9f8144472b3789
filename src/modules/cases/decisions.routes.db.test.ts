import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn, signedInStaff, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS } from '../accounts';
import { openInExamination } from './information-requests.test-support';

/**
 * Who may use the decision pages: officers and team leads of the case's branch after MFA propose;
 * a second officer (never the proposer, never the call centre) approves or returns — a direct
 * POST by the proposer is refused and audited. The letters are for the application's person only.
 */
let app: TestApp;
let officer: Browser;
let lead: Browser;
let callCentre: Browser;
let kaunas: Browser;
let owner: Browser;
let stranger: Browser;

const signInStaff = (email: string) => signedInStaff(app, email);
const signIn = (email: string) => signedIn(app, email);
const statusOf = async (caseId: string) => (await app.app.modules.cases.repo.find(caseId))!.status;
const audited = async (caseId: string, action: string) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from (
      select action, subject_id from audit_pending union all select action, subject_id from audit_log
    ) a where subject_id = ${caseId} and action = ${action}`.execute(app.ctx.database.db)
  ).rows[0]!.n;

beforeAll(async () => {
  app = await startTestApp();
  officer = await signInStaff('officer@vartai.demo');
  lead = await signInStaff('lead@vartai.demo');
  callCentre = await signInStaff('callcentre@vartai.demo');
  kaunas = await signInStaff('officer.kaunas@vartai.demo');
  owner = await signIn(DEMO_APPLICANTS[0]!.email);
  stranger = await signIn(DEMO_APPLICANTS[1]!.email);
});
afterAll(async () => {
  await app?.close();
});

describe('decision and approval pages', () => {
  it('propose, four eyes, letters: each step only for the right people', async () => {
    const { caseId, applicationId } = await openInExamination(
      app.ctx.database.db,
      app.app.modules.cases,
      DEMO_APPLICANTS[0]!.email,
    );
    await sql`update cases set branch_id = (select id from branches where code = 'VLN')
      where id = ${caseId}::uuid`.execute(app.ctx.database.db);
    const decision = `/workbench/cases/${caseId}/decision`;
    const approval = `/workbench/cases/${caseId}/approval`;

    expect((await officer.get(decision)).statusCode).toBe(200);
    expect((await kaunas.get(decision)).statusCode).toBe(404);
    expect(await audited(caseId, 'cases.access-denied')).toBeGreaterThan(0);
    expect((await owner.get(decision)).statusCode).not.toBe(200);
    expect((await new Browser(app).get(decision)).statusCode).not.toBe(200);

    // A refusal needs a legal ground; the form comes back with what was typed.
    const bad = await officer.post(decision, { outcome: 'refuse', reasons: 'No means shown.' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#grounds-refuse"');
    expect(bad.body).toContain('No means shown.');

    const proposed = await officer.post(decision, {
      outcome: 'refuse',
      'grounds-refuse': 'insufficient-means',
      reasons: 'The bank statements do not show sufficient means.',
    });
    expect(proposed.statusCode).toBe(302);
    expect(await statusOf(caseId)).toBe('decision-proposed');

    // The proposer's direct POST (valid CSRF token, hand-made form) is refused and audited.
    const own = await officer.post(approval, { choice: 'approve' });
    expect(own.statusCode).toBe(403);
    expect(await statusOf(caseId)).toBe('decision-proposed');
    // The call centre has no right to approve: the route refuses it before the case is read.
    expect((await callCentre.post(approval, { choice: 'approve' })).statusCode).toBe(403);
    expect((await callCentre.get(approval)).statusCode).toBe(403);
    expect(await audited(caseId, 'cases.approval-refused')).toBe(1);
    expect((await kaunas.get(approval)).statusCode).toBe(404);

    const page = await lead.get(approval);
    expect(page.body).toContain('The bank statements do not show sufficient means.');
    const approved = await lead.post(approval, { choice: 'approve' });
    expect(approved.statusCode).toBe(302);
    expect(await statusOf(caseId)).toBe('refused');

    // Letters: the owner (Ukrainian) gets Lithuanian and Ukrainian; anyone else: not found.
    const list = await owner.get(`/applications/${applicationId}/letters`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/applications/${applicationId}/letters/1.pdf`);
    expect(list.body).toContain(`/applications/${applicationId}/letters/2.pdf`);
    const pdf = await owner.get(`/applications/${applicationId}/letters/2.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await stranger.get(`/applications/${applicationId}/letters`)).statusCode).toBe(404);
    expect((await stranger.get(`/applications/${applicationId}/letters/1.pdf`)).statusCode).toBe(
      404,
    );
    expect((await lead.get(`/applications/${applicationId}/letters/1.pdf`)).statusCode).toBe(404);
    expect((await owner.get(`/applications/${applicationId}/letters/3.pdf`)).statusCode).toBe(404);
    expect((await owner.get(`/applications/${applicationId}`)).body).toContain(
      `/applications/${applicationId}/letters`,
    );
  });

  it('a second officer returns a proposal with a reason', async () => {
    const { caseId } = await openInExamination(
      app.ctx.database.db,
      app.app.modules.cases,
      DEMO_APPLICANTS[0]!.email,
    );
    await lead.post(`/workbench/cases/${caseId}/decision`, {
      outcome: 'terminate',
      'grounds-terminate': 'requested-information-missing',
      reasons: 'Nothing came by the due date.',
    });
    const approval = `/workbench/cases/${caseId}/approval`;
    const noReason = await officer.post(approval, { choice: 'return' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    expect(
      (await officer.post(approval, { choice: 'return', reason: 'Ask once more.' })).statusCode,
    ).toBe(302);
    expect(await statusOf(caseId)).toBe('in-examination');
    expect((await lead.get(`/workbench/cases/${caseId}/decision`)).body).toContain(
      'Ask once more.',
    );
  });
});
