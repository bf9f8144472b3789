import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../../app/test-app';
import {
  DEMO_APPLICANTS,
  DEMO_ORGANISATION,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_TOTP_SECRET,
  totpCode,
} from './index';

/**
 * Organisations on the real app: registration checked in the Register of Legal Entities
 * (simulator), members added by an administrator, and the organisation page open to its members
 * only (everyone else: 404, never 403).
 */
let app: TestApp;
let admin: Browser;
let orgId: string;
const [oleksandr, priya, aliaksandr] = DEMO_APPLICANTS;

async function signIn(email: string): Promise<Browser> {
  const b = new Browser(app);
  const res = await b.post('/sign-in', { email, password: DEMO_PASSWORD });
  expect(res.statusCode, email).toBe(302);
  return b;
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(DEMO_ORGANISATION.adminEmail);
  const hub = await admin.get('/organisation');
  orgId = /href="\/organisations\/([0-9a-f-]{36})"/.exec(hub.body)![1]!;
});
afterAll(async () => {
  await app?.close();
});

describe('registering an organisation', () => {
  it('refuses a malformed, unknown, deregistered or already registered code with a clear message', async () => {
    const b = await signIn(priya!.email);
    const cases: [string, string][] = [
      ['12345', 'Enter the 9-digit legal-entity code'],
      ['999999999', 'The Register of Legal Entities has no organisation with this code'],
      ['302000111', 'has been removed from the Register of Legal Entities'],
      [DEMO_ORGANISATION.code, 'already registered. Ask its administrator to add you'],
    ];
    for (const [code, message] of cases) {
      const res = await b.post('/organisation?lang=en', { code, kind: 'employer' });
      expect(res.statusCode, code).toBe(400);
      expect(res.body, code).toContain(message);
    }
    const noKind = await b.post('/organisation?lang=en', { code: '304987654' });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.body).toContain('Choose what kind of organisation it is');
  });

  it('registers a known code with the name from the register and makes the person its administrator', async () => {
    const b = await signIn(priya!.email);
    const res = await b.post('/organisation', { code: '304 987 654', kind: 'employer' });
    expect(res.statusCode).toBe(302);
    const page = await b.get(`${res.headers.location}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('UAB „Nemuno logistika“');
    expect(page.body).toContain('administrator');
    expect(page.body).toContain('action="/organisations/');
  });
});

describe('members', () => {
  it('an administrator adds an existing verified account; members see the page, others get 404', async () => {
    const bad = await admin.post(
      `/organisations/${orgId}/members?lang=en`,
      { email: 'nobody@example.lt' },
      `/organisations/${orgId}`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is no account with this verified e-mail address');

    const added = await admin.post(
      `/organisations/${orgId}/members`,
      { email: aliaksandr!.email.toUpperCase() },
      `/organisations/${orgId}`,
    );
    expect(added.statusCode).toBe(302);
    const again = await admin.post(
      `/organisations/${orgId}/members?lang=en`,
      { email: aliaksandr!.email },
      `/organisations/${orgId}`,
    );
    expect(again.body).toContain('already a member');

    const member = await signIn(aliaksandr!.email);
    const page = await member.get(`/organisations/${orgId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(DEMO_ORGANISATION.adminEmail);
    // A member may not add members: the form is absent and the route answers "not found".
    expect(page.body).not.toContain(`action="/organisations/${orgId}/members"`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const refused = await member.postRaw(`/organisations/${orgId}/members`, {
      _csrf: token,
      email: oleksandr!.email,
    });
    expect(refused.statusCode).toBe(404);

    const outsider = await signIn(oleksandr!.email);
    const hidden = await outsider.get(`/organisations/${orgId}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain('Baltijos');
    expect((await outsider.get('/organisations/not-a-uuid')).statusCode).toBe(404);

    const entries = await app.app.modules.audit.entriesFor({ kind: 'organisation', id: orgId });
    expect(entries.some((e) => e.purpose === 'organisation-members')).toBe(true);
  });

  it('does not add an account whose e-mail address is not verified', async () => {
    const email = 'unverified.colleague@example.lt';
    await new Browser(app).post('/sign-up', {
      displayName: 'Unverified Colleague',
      email,
      password: 'Ilgas-slaptazodis-be-patvirtinimo',
      passwordConfirm: 'Ilgas-slaptazodis-be-patvirtinimo',
    });
    expect(await app.app.modules.accounts.repo.findByEmail(email)).toBeDefined();
    const res = await admin.post(
      `/organisations/${orgId}/members`,
      { email },
      `/organisations/${orgId}`,
    );
    expect(res.statusCode).toBe(400);
  });
});

describe('who may open the organisation routes', () => {
  it('anonymous people are sent to sign in; staff are refused', async () => {
    const anon = new Browser(app);
    for (const url of ['/organisation', `/organisations/${orgId}`]) {
      const res = await anon.get(url);
      expect(res.statusCode, url).toBe(302);
      expect(String(res.headers.location)).toMatch(/^\/sign-in/);
    }
    const staff = new Browser(app);
    await staff.post('/sign-in', { email: DEMO_STAFF[0]!.email, password: DEMO_PASSWORD });
    await staff.post('/sign-in/mfa', { code: await totpCode(DEMO_TOTP_SECRET, new Date()) });
    expect((await staff.get('/organisation')).statusCode).toBe(403);
    expect((await staff.get(`/organisations/${orgId}`)).statusCode).toBe(403);
    // A form post without a signed-in applicant is refused before anything else runs.
    const post = await anon.postRaw('/organisation', { code: '304987654', kind: 'employer' });
    expect(post.statusCode).toBe(401);
    const token = /name="_csrf" value="([^"]+)"/.exec((await staff.get('/workbench')).body)?.[1];
    const staffPost = await staff.postRaw(`/organisations/${orgId}/members`, {
      _csrf: token ?? '',
      email: DEMO_STAFF[1]!.email,
    });
    expect(staffPost.statusCode).toBe(403);
  });
});
