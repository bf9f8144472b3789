import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../app/test-app';
import {
  DEMO_APPLICANTS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_TOTP_SECRET,
  totpCode,
} from '../modules/accounts';
import { submittedCase } from './workbench.test-support';

/**
 * The workbench over HTTP: the queue, take-next, the case view, notes, simple actions and a team
 * lead's assignment; who may do what (role × route) and branch isolation (404 and an audit entry).
 */
let app: TestApp;
const users: Record<string, Browser> = {};
const applicant = DEMO_APPLICANTS[0]!.email;

async function signInStaff(email: string): Promise<Browser> {
  const b = new Browser(app);
  await b.post('/sign-in', { email, password: DEMO_PASSWORD });
  await b.post('/sign-in/mfa', { code: await totpCode(DEMO_TOTP_SECRET, new Date()) });
  return b;
}
const open = (opts: { branchCode?: string; submittedAt?: Date } = {}) =>
  submittedCase(app.ctx.database.db, app.app.modules.cases, { email: applicant, ...opts });
const staffId = async (email: string) =>
  (await app.app.modules.accounts.repo.findByEmail(email))!.id;

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  for (const s of DEMO_STAFF) users[s.email] = await signInStaff(s.email);
  const a = new Browser(app);
  await a.post('/sign-in', { email: applicant, password: DEMO_PASSWORD });
  users['applicant'] = a;
});
afterAll(async () => {
  await app?.close();
});

describe('workbench routes', () => {
  it('role × route: case routes are for officers and team leads after MFA', async () => {
    const { caseId } = await open({ branchCode: 'VLN' });
    const routes = [`/workbench/queue`, `/workbench/cases/${caseId}`];
    const expected: Record<string, number> = {
      'officer@vartai.demo': 200,
      'lead@vartai.demo': 200,
      'callcentre@vartai.demo': 403,
      'admin@vartai.demo': 403,
      applicant: 403,
    };
    for (const url of routes) {
      for (const [who, status] of Object.entries(expected)) {
        expect((await users[who]!.get(url)).statusCode, `${who} ${url}`).toBe(status);
      }
    }
    // Every staff member reaches the home page; only case roles see the queue on it.
    const home = await users['callcentre@vartai.demo']!.get('/workbench');
    expect(home.statusCode).toBe(200);
    expect(home.body).not.toContain('/workbench/queue/next');
    const anonymous = await new Browser(app).get(`/workbench/cases/${caseId}`);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
  });

  it('an officer of another branch gets not found, and the attempt is audited', async () => {
    const { caseId, reference } = await open({ branchCode: 'VLN' });
    const kaunas = users['officer.kaunas@vartai.demo']!;
    const res = await kaunas.get(`/workbench/cases/${caseId}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(reference);
    const note = await kaunas.post(
      `/workbench/cases/${caseId}/notes`,
      { note: 'hello' },
      '/workbench',
    );
    expect(note.statusCode).toBe(404);
    expect((await kaunas.get('/workbench')).body).not.toContain(reference);
    const entries = await app.app.modules.audit.entriesFor({ kind: 'case', id: caseId });
    const denied = entries.filter((e) => e.action === 'cases.access-denied');
    expect(denied.length).toBeGreaterThanOrEqual(2);
    expect(denied[0]!.actor_id).toBe(await staffId('officer.kaunas@vartai.demo'));
    // The Vilnius officer opens it.
    expect((await users['officer@vartai.demo']!.get(`/workbench/cases/${caseId}`)).body).toContain(
      reference,
    );
  });

  it('take-next assigns the most urgent case and the officer works on it', async () => {
    const officer = users['officer@vartai.demo']!;
    const { caseId, reference } = await open({ submittedAt: new Date('2020-01-02T10:00:00Z') });
    const queue = await officer.get('/workbench');
    expect(queue.body).toContain(reference);
    const next = await officer.post('/workbench/queue/next', {}, '/workbench');
    expect(next.statusCode).toBe(302);
    expect(next.headers.location).toBe(`/workbench/cases/${caseId}`);
    const row = await app.app.modules.cases.repo.find(caseId);
    expect(row!.assigned_to).toBe(await staffId('officer@vartai.demo'));
    expect((await officer.get('/workbench?who=mine')).body).toContain(reference);

    const page = `/workbench/cases/${caseId}`;
    const view = await officer.get(page);
    expect(view.body).toContain(reference);
    expect(view.body).toContain('name="kind" value="visit-required"');
    expect(view.body).not.toContain('value="examination-started"');

    // An action the lifecycle does not allow now is refused and nothing is recorded.
    const refused = await officer.post(`${page}/actions`, { kind: 'examination-started' }, page);
    expect(refused.statusCode).toBe(409);
    expect((await officer.post(`${page}/actions`, { kind: 'nonsense' }, page)).statusCode).toBe(
      400,
    );
    for (const kind of ['visit-required', 'accepted', 'examination-started']) {
      const done = await officer.post(`${page}/actions`, { kind }, page);
      expect(done.statusCode, kind).toBe(302);
    }
    const after = await app.app.modules.cases.repo.find(caseId);
    expect(after!.status).toBe('in-examination');
    // Acceptance started the term (the permit counts from acceptance).
    expect(after!.deadline_on).not.toBeNull();
    const links = (await officer.get(page)).body;
    expect(links).toContain(`${page}/information-request`);
    expect(links).toContain(`${page}/decision`);
    expect(links).not.toContain(`${page}/approval`);

    // Internal notes: checked, kept, shown to staff, never on the applicant's pages.
    const empty = await officer.post(`${page}/notes`, { note: '   ' }, page);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#note"');
    const saved = await officer.post(`${page}/notes`, { note: 'Checked the contract.' }, page);
    expect(saved.statusCode).toBe(302);
    expect((await officer.get(page)).body).toContain('Checked the contract.');
    const own = await users['applicant']!.get(`/applications/${row!.application_id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('Checked the contract.');
  });

  it('a team lead assigns; an officer may not', async () => {
    const { caseId } = await open({ branchCode: 'VLN' });
    const page = `/workbench/cases/${caseId}`;
    const officer = users['officer@vartai.demo']!;
    const lead = users['lead@vartai.demo']!;
    expect((await officer.post(`${page}/assign`, { officer: '' }, page)).statusCode).toBe(403);
    const target = await staffId('officer@vartai.demo');
    const bad = await lead.post(
      `${page}/assign`,
      { officer: await staffId('officer.kaunas@vartai.demo') },
      page,
    );
    expect(bad.statusCode).toBe(400);
    const ok = await lead.post(`${page}/assign`, { officer: target }, page);
    expect(ok.statusCode).toBe(302);
    expect((await app.app.modules.cases.repo.find(caseId))!.assigned_to).toBe(target);
    // Without a choice: the officer of the branch with the fewest open cases.
    const auto = await lead.post(`${page}/assign`, { officer: '' }, page);
    expect(auto.statusCode).toBe(302);
    const assigned = (await app.app.modules.cases.repo.find(caseId))!.assigned_to;
    const officers = await app.app.modules.accounts.repo.listStaff(
      (await app.app.modules.cases.repo.find(caseId))!.branch_id!,
      'officer',
    );
    expect(officers.map((o) => o.id)).toContain(assigned);
  });
});
