import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../../app/test-app';
import {
  DEMO_APPLICANTS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_TOTP_SECRET,
  totpCode,
} from '../accounts';
import type { TriageFeatures } from './triage.schemas';

/**
 * The triage pages over HTTP: who may switch triage, read the reports and disregard a tier
 * (role × route, branch isolation: 404), and that each does what it says.
 */
let app: TestApp;
const users: Record<string, Browser> = {};
const applicant = DEMO_APPLICANTS[0]!.email;
const hit: TriageFeatures = {
  completeness: 'complete',
  eligibility: { met: 6, notMet: 0, cannotTell: 0 },
  registries: [{ registry: 'sis', state: 'answered', outcome: 'hit' }],
  identity: 'linked',
  documents: { travelDocumentReadable: true, travelDocumentValidForPermit: true },
  inconsistencies: [],
};

async function signIn(email: string, staff: boolean): Promise<Browser> {
  const b = new Browser(app);
  await b.post('/sign-in', { email, password: DEMO_PASSWORD });
  if (staff) await b.post('/sign-in/mfa', { code: await totpCode(DEMO_TOTP_SECRET, new Date()) });
  return b;
}
const triage = () => app.app.modules.triage;
/**
 * A submitted application's case in Vilnius with an enhanced (SIS hit) run logged. The rows are
 * written directly, as the workbench tests do: submitting is tested by the applications module.
 */
async function enhancedCase() {
  const db = app.ctx.database.db;
  const owner = (
    await sql<{ id: string }>`select id from accounts where email = ${applicant}`.execute(db)
  ).rows[0]!.id;
  const applicationId = randomUUID();
  const at = new Date();
  await sql`insert into applications (id, reference, service_id, ground_id, urgent, state,
      owner_account_id, filed_by_kind, filed_by_account_id, answers, created_at, updated_at, submitted_at)
    values (${applicationId}, ${'TRIAGE-' + applicationId.slice(0, 8)}, 'temporary-residence-permit', 'work',
      false, 'submitted', ${owner}, 'self', ${owner}, '{}'::jsonb, ${at}, ${at}, ${at})`.execute(
    db,
  );
  const c = await db.transaction().execute((trx) =>
    app.app.modules.cases.service.openCase(
      {
        id: applicationId,
        service_id: 'temporary-residence-permit',
        ground_id: 'work',
        submitted_at: at,
      },
      trx,
    ),
  );
  const caseId = c.id;
  await sql`update cases set branch_id = (select id from branches where code = 'VLN') where id = ${caseId}::uuid`.execute(
    db,
  );
  await app.ctx.database.db
    .transaction()
    .execute((t) => triage().service.run(caseId, hit, 'test', t));
  return caseId;
}

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  for (const s of DEMO_STAFF) users[s.email] = await signIn(s.email, true);
  users['applicant'] = await signIn(applicant, false);
});
afterAll(async () => {
  await app?.close();
});

describe('triage pages', () => {
  it('role × route: the switch is for administrators, the reports for team leads and administrators', async () => {
    const expected: Record<string, [number, number]> = {
      'admin@vartai.demo': [200, 200],
      'lead@vartai.demo': [403, 200],
      'officer@vartai.demo': [403, 403],
      'callcentre@vartai.demo': [403, 403],
      'rules@vartai.demo': [403, 403],
    };
    for (const [email, [sw, reports]] of Object.entries(expected)) {
      expect([email, (await users[email]!.get('/workbench/triage')).statusCode]).toEqual([
        email,
        sw,
      ]);
      expect([email, (await users[email]!.get('/workbench/triage/reports')).statusCode]).toEqual([
        email,
        reports,
      ]);
    }
    expect((await users['applicant']!.get('/workbench/triage')).statusCode).not.toBe(200);
    expect((await users['applicant']!.get('/workbench/triage/reports')).statusCode).not.toBe(200);
  });

  it('switches triage off with a reason and on again; the history keeps both', async () => {
    const admin = users['admin@vartai.demo']!;
    const missing = await admin.post('/workbench/triage', { enabled: 'off', reason: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('govuk-error-summary');
    const off = await admin.post('/workbench/triage', {
      enabled: 'off',
      reason: 'Criteria under review',
    });
    expect(off.statusCode).toBe(302);
    expect(await triage().service.enabled()).toBe(false);
    const page = await admin.get('/workbench/triage');
    expect(page.body).toContain('data-enabled="off"');
    expect(page.body).toContain('Criteria under review');
    const lead = await users['lead@vartai.demo']!.postRaw('/workbench/triage', {
      enabled: 'on',
      reason: 'x',
    });
    expect(lead.statusCode).toBe(403);
    await admin.post('/workbench/triage', { enabled: 'on', reason: 'Review done' });
    expect(await triage().service.enabled()).toBe(true);
  });

  it('an officer of the branch disregards the tier with a reason; another branch gets 404', async () => {
    const caseId = await enhancedCase();
    const url = `/workbench/cases/${caseId}/triage/override`;
    const officer = users['officer@vartai.demo']!;
    const empty = await officer.post(url, { reason: ' ' }, '/workbench/queue');
    expect(empty.statusCode).toBe(400);
    const kaunas = await users['officer.kaunas@vartai.demo']!.post(
      url,
      { reason: 'Namesake' },
      '/workbench/queue',
    );
    expect(kaunas.statusCode).toBe(404);
    const callCentre = await users['callcentre@vartai.demo']!.postRaw(url, { reason: 'Namesake' });
    expect(callCentre.statusCode).toBe(403);
    expect(await triage().service.overridesOf(caseId)).toEqual([]);
    const done = await officer.post(
      url,
      { reason: 'The alert is about a namesake' },
      '/workbench/queue',
    );
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe(`/workbench/cases/${caseId}`);
    expect((await triage().service.overridesOf(caseId)).map((o) => o.reason)).toEqual([
      'The alert is about a namesake',
    ]);
  });

  it('the case view shows the tier, why, and the override once made', async () => {
    const caseId = await enhancedCase();
    const officer = users['officer@vartai.demo']!;
    const before = await officer.get(`/workbench/cases/${caseId}`);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('data-tier="enhanced"');
    expect(before.body).toContain('data-criterion="registry-hit"');
    expect(before.body).toContain(`/workbench/cases/${caseId}/triage/override`);
    await officer.post(
      `/workbench/cases/${caseId}/triage/override`,
      { reason: 'Namesake' },
      `/workbench/cases/${caseId}`,
    );
    const after = await officer.get(`/workbench/cases/${caseId}`);
    expect(after.body).toContain('data-testid="triage-overridden"');
    expect(after.body).not.toContain(`/workbench/cases/${caseId}/triage/override`);
  });

  it('the override report counts runs and overrides per tier; the fairness report shows every dimension', async () => {
    const res = await users['lead@vartai.demo']!.get('/workbench/triage/reports?size=500&seed=3');
    expect(res.statusCode).toBe(200);
    const enhanced = /data-tier="enhanced">[\s\S]*?data-field="overridden">(\d+)</.exec(res.body);
    expect(Number(enhanced?.[1])).toBeGreaterThanOrEqual(1);
    for (const d of ['nationality', 'sex', 'age'])
      expect(res.body).toContain(`data-testid="fairness-${d}"`);
    const bad = await users['lead@vartai.demo']!.get(
      '/workbench/triage/reports?from=yesterday&size=5',
    );
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain('govuk-error-summary');
  });
});
