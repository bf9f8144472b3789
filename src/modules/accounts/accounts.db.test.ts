import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS, DEMO_PASSWORD, DEMO_STAFF, DEMO_TOTP_SECRET, totpCode } from './index';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({}, { workers: true });
});
afterAll(async () => {
  await app?.close();
});

async function waitForMail(to: string, subject: string, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const m = app.mail.sent.find((x) => x.to === to && x.subject.includes(subject));
    if (m) return m;
    if (Date.now() > end)
      throw new Error(
        `No mail "${subject}" to ${to}; sent: ${app.mail.sent.map((x) => `${x.to}:${x.subject}`).join(', ')}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}
const linkIn = (text: string) => new URL(/(https?:\/\/\S+)/.exec(text)![1]!);

describe('applicant sign-up and e-mail verification', () => {
  const email = 'new.applicant@example.lt';
  const password = 'Saulėta-vasara-prie-jūros-2026';

  it('keeps the entered values and explains each error in the chosen language', async () => {
    const b = new Browser(app);
    await b.get('/?lang=en');
    const res = await b.post('/sign-up', {
      displayName: 'Ona Onaitė',
      email: 'not-an-email',
      password: 'short',
      passwordConfirm: 'other',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('value="Ona Onaitė"');
    expect(res.body).toContain('href="#email"');
    expect(res.body).not.toContain('value="short"');
  });

  it('refuses a common password', async () => {
    const b = new Browser(app);
    const res = await b.post(
      '/sign-up?lang=en',
      {
        displayName: 'Ona',
        email: 'ona@example.lt',
        password: 'password1234',
        passwordConfirm: 'password1234',
      },
      '/sign-up?lang=en',
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('too common');
  });

  it('signs up, verifies by the e-mailed single-use link, then signs in', async () => {
    const b = new Browser(app);
    const res = await b.post('/sign-up', {
      displayName: 'Ona Onaitė',
      email,
      password,
      passwordConfirm: password,
    });
    expect(res.statusCode).toBe(200);
    const before = await b.post('/sign-in', { email, password });
    expect(before.statusCode).toBe(400);
    expect(before.body).toContain('href="#email"');
    const mail = await waitForMail(email, '');
    const link = linkIn(mail.text);
    expect(link.pathname).toBe('/verify-email');
    expect((await b.get(`${link.pathname}${link.search}`)).statusCode).toBe(302);
    expect((await b.get(`${link.pathname}${link.search}`)).statusCode).toBe(400); // single use
    const signIn = await b.post('/sign-in', { email, password });
    expect(signIn.statusCode).toBe(302);
    expect(signIn.headers.location).toBe('/account');
    expect((await b.get('/account')).body).toContain('Ona Onaitė');
  });

  it('answers a sign-up for a registered address exactly like a new one, and tells the owner by e-mail', async () => {
    const b = new Browser(app);
    const res = await b.post('/sign-up', {
      displayName: 'Someone',
      email: DEMO_APPLICANTS[1]!.email,
      password,
      passwordConfirm: password,
    });
    expect(res.statusCode).toBe(200);
    await waitForMail(DEMO_APPLICANTS[1]!.email, '');
  });
});

describe('sign-in throttling', () => {
  it('locks out an address after five failures, identically whether or not it has an account', async () => {
    const outcomes: number[][] = [];
    for (const email of [DEMO_APPLICANTS[2]!.email, 'nobody-here@example.lt']) {
      const b = new Browser(app);
      const codes: number[] = [];
      for (let i = 0; i < 6; i++)
        codes.push(
          (await b.post('/sign-in', { email, password: 'wrong-password-123' })).statusCode,
        );
      outcomes.push(codes);
    }
    expect(outcomes[0]).toEqual([400, 400, 400, 400, 400, 429]);
    expect(outcomes[1]).toEqual(outcomes[0]);
    // Even the right password is refused while locked.
    const b = new Browser(app);
    expect(
      (await b.post('/sign-in', { email: DEMO_APPLICANTS[2]!.email, password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(429);
  });
});

describe('staff sign-in with TOTP', () => {
  it('requires the second factor before the workbench opens and refuses a replayed code', async () => {
    const b = new Browser(app);
    const first = await b.post('/sign-in', {
      email: DEMO_STAFF[0]!.email,
      password: DEMO_PASSWORD,
    });
    expect(first.headers.location).toBe('/sign-in/mfa');
    expect((await b.get('/workbench')).headers.location).toContain('/sign-in');
    const code = await totpCode(DEMO_TOTP_SECRET, new Date());
    const ok = await b.post('/sign-in/mfa', { code });
    expect(ok.headers.location).toBe('/workbench');
    expect((await b.get('/workbench')).statusCode).toBe(200);

    const again = new Browser(app);
    await again.post('/sign-in', { email: DEMO_STAFF[0]!.email, password: DEMO_PASSWORD });
    expect((await again.post('/sign-in/mfa', { code }, '/sign-in/mfa')).statusCode).toBe(400);
  });
});

describe('password reset', () => {
  it('resets with a one-hour single-use link and ends existing sessions', async () => {
    const email = DEMO_APPLICANTS[0]!.email;
    const old = new Browser(app);
    await old.post('/sign-in', { email, password: DEMO_PASSWORD });
    expect((await old.get('/account')).statusCode).toBe(200);

    const b = new Browser(app);
    expect((await b.post('/password/forgot', { email })).statusCode).toBe(200);
    expect((await b.post('/password/forgot', { email: 'unknown@example.lt' })).statusCode).toBe(
      200,
    );
    const mail = await waitForMail(email, '');
    const link = linkIn(mail.text);
    const token = link.searchParams.get('token')!;
    const newPassword = 'Rudens-lapai-ant-Neries-kranto';
    const res = await b.post(
      '/password/reset',
      { token, password: newPassword, passwordConfirm: newPassword },
      `/password/reset?token=${token}`,
    );
    expect(res.statusCode).toBe(302);
    expect((await old.get('/account')).statusCode).toBe(302);
    const again = await b.post(
      '/password/reset',
      { token, password: newPassword, passwordConfirm: newPassword },
      `/password/reset?token=${token}`,
    );
    expect(again.statusCode).toBe(400);
    expect(
      (await new Browser(app).post('/sign-in', { email, password: newPassword })).headers.location,
    ).toBe('/account');
  });
});

describe('the manager role (issue 11)', () => {
  const manager = DEMO_STAFF.find((s) => s.roles.includes('manager'))!;

  it('loads the demo manager at head office with TOTP enrolled; the workbench opens after the second factor', async () => {
    expect(manager.email).toBe('manager@vartai.demo');
    const row = (await app.app.modules.accounts.repo.findByEmail(manager.email))!;
    expect(row).toMatchObject({ kind: 'staff', roles: ['manager'], branch_id: null });
    expect(row.totp_confirmed_at).not.toBeNull();

    const b = new Browser(app);
    const first = await b.post('/sign-in', { email: manager.email, password: DEMO_PASSWORD });
    expect(first.headers.location).toBe('/sign-in/mfa');
    expect((await b.get('/workbench')).headers.location).toContain('/sign-in');
    const ok = await b.post('/sign-in/mfa', { code: await totpCode(DEMO_TOTP_SECRET, new Date()) });
    expect(ok.headers.location).toBe('/workbench');
    const home = await b.get('/workbench?lang=en');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Manager');
    expect(home.body).not.toContain('workbench.role.');
    // A manager works no cases: the queue stays closed.
    expect((await b.get('/workbench/queue')).statusCode).toBe(403);
  });

  it('creates staff with the manager role and refuses a role that does not exist', async () => {
    const { service } = app.app.modules.accounts;
    const row = await service.createStaff({
      email: 'vadove@example.lt',
      displayName: 'Vida Vadovė',
      roles: ['manager'],
      password: DEMO_PASSWORD,
    });
    expect(row.roles).toEqual(['manager']);
    await expect(
      service.createStaff({
        email: 'director@example.lt',
        displayName: 'Director',
        // @ts-expect-error: not a staff role
        roles: ['director'],
        password: DEMO_PASSWORD,
      }),
    ).rejects.toThrow();
    expect(await app.app.modules.accounts.repo.findByEmail('director@example.lt')).toBeUndefined();
  });
});
