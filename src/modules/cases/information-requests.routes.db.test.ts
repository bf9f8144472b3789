import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn, signedInStaff, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS, DEMO_STAFF } from '../accounts';
import { openInExamination } from './information-requests.test-support';

/**
 * Who may use the request-for-information pages: officers of the case's branch (or central
 * cases) after MFA; the applicant whose application it is. Everyone else: not found (404), and a
 * staff member of another branch leaves an audit entry.
 */
let app: TestApp;
let officer: Browser;
let kaunas: Browser;
let owner: Browser;
let stranger: Browser;

const signInStaff = (email: string) => signedInStaff(app, email);
const signIn = (email: string) => signedIn(app, email);
const dueParts = (daysFromNow: number) => {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  return {
    'dueOn-day': String(d.getUTCDate()),
    'dueOn-month': String(d.getUTCMonth() + 1),
    'dueOn-year': String(d.getUTCFullYear()),
  };
};

beforeAll(async () => {
  app = await startTestApp();
  officer = await signInStaff(DEMO_STAFF.find((s) => s.email === 'officer@vartai.demo')!.email);
  kaunas = await signInStaff('officer.kaunas@vartai.demo');
  owner = await signIn(DEMO_APPLICANTS[0]!.email);
  stranger = await signIn(DEMO_APPLICANTS[1]!.email);
});
afterAll(async () => {
  await app?.close();
});

describe('request for information pages', () => {
  it('an officer asks, the owner answers, others get not found', async () => {
    const { caseId, applicationId } = await openInExamination(
      app.ctx.database.db,
      app.app.modules.cases,
      DEMO_APPLICANTS[0]!.email,
    );
    const page = `/workbench/cases/${caseId}/information-request`;
    expect((await officer.get(page)).statusCode).toBe(200);

    // Errors re-render with what was typed.
    const bad = await officer.post(page, {
      otherItems: 'Signed employment contract',
      message: 'Please sign it.',
      ...dueParts(-1),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#dueOn-day"');
    expect(bad.body).toContain('Signed employment contract');
    const tooFar = await officer.post(page, { otherItems: 'x', ...dueParts(400) });
    expect(tooFar.statusCode).toBe(400);
    const none = await officer.post(page, { ...dueParts(14) });
    expect(none.statusCode).toBe(400);

    const sent = await officer.post(page, {
      otherItems: 'Signed employment contract',
      message: 'Please sign it.',
      ...dueParts(14),
    });
    expect(sent.statusCode).toBe(302);
    const status = async () => (await app.app.modules.cases.repo.find(caseId))!.status;
    expect(await status()).toBe('information-requested');
    // A second request while one is open is refused (the page shows no form).
    expect((await officer.post(page, { otherItems: 'x', ...dueParts(14) })).statusCode).toBe(409);

    const list = `/applications/${applicationId}/information-requests`;
    const answer = `${list}/1`;
    const ownList = await owner.get(list);
    expect(ownList.statusCode).toBe(200);
    expect(ownList.body).toContain('Signed employment contract');
    expect(ownList.body).toContain('Please sign it.');
    const overview = await owner.get(`/applications/${applicationId}`);
    expect(overview.body).toContain(`href="${list}"`);

    for (const url of [list, answer, `${list}/2`]) {
      expect((await stranger.get(url)).statusCode, url).toBe(404);
    }
    const token = await stranger.csrf('/applications');
    expect((await stranger.postRaw(answer, { _csrf: token, answer: 'mine' })).statusCode).toBe(404);
    expect(await status()).toBe('information-requested');
    // Staff do not use the portal pages.
    expect((await officer.get(list)).statusCode).not.toBe(200);

    expect((await owner.post(answer, { answer: '' })).statusCode).toBe(400);
    const answered = await owner.post(answer, { answer: 'Signed and attached.' });
    expect(answered.statusCode).toBe(302);
    expect(answered.headers.location).toBe(list);
    expect(await status()).toBe('in-examination');
    const officerView = await officer.get(page);
    expect(officerView.body).toContain('Signed and attached.');
  });

  it('staff of another branch get not found, and the attempt is audited', async () => {
    const { caseId } = await openInExamination(
      app.ctx.database.db,
      app.app.modules.cases,
      DEMO_APPLICANTS[0]!.email,
    );
    const vilnius = await sql<{ id: string }>`select id from branches where code = 'VLN'`.execute(
      app.ctx.database.db,
    );
    await sql`update cases set branch_id = ${vilnius.rows[0]!.id} where id = ${caseId}`.execute(
      app.ctx.database.db,
    );
    const page = `/workbench/cases/${caseId}/information-request`;
    expect((await kaunas.get(page)).statusCode).toBe(404);
    const token = await kaunas.csrf('/workbench');
    const post = await kaunas.postRaw(page, { _csrf: token, otherItems: 'x', ...dueParts(10) });
    expect(post.statusCode).toBe(404);
    expect((await app.app.modules.cases.repo.find(caseId))!.status).toBe('in-examination');
    const entries = await app.app.modules.audit.entriesFor({ kind: 'case', id: caseId });
    expect(entries.filter((e) => e.action === 'cases.access-denied').length).toBeGreaterThanOrEqual(
      2,
    );
    expect((await officer.get(page)).statusCode).toBe(200);
    expect(
      (await officer.get(`/workbench/cases/${randomUUID()}/information-request`)).statusCode,
    ).toBe(404);
  });
});
