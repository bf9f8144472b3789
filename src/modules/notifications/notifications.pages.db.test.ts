import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS, DEMO_STAFF, DEMO_TOTP_SECRET, totpCode } from '../accounts';

/**
 * The applicant's inbox and contact preferences in the real app: the owner reads their own
 * notifications (and reading marks them read), anyone else's is not found, staff are refused and
 * anonymous visitors sent to sign in; the preferences form checks CSRF and its input.
 */
let app: TestApp;
let owner: Browser;
let other: Browser;
let staff: Browser;
let ownerId: string;
let notificationId: string;
const OWNER = DEMO_APPLICANTS[1]!; // Priya Sharma, English
const applicationId = randomUUID();

const signIn = (email: string) => signedIn(app, email);

beforeAll(async () => {
  app = await startTestApp();
  owner = await signIn(OWNER.email);
  other = await signIn(DEMO_APPLICANTS[0]!.email);
  staff = await signIn(DEMO_STAFF[0]!.email);
  await staff.post('/sign-in/mfa', { code: await totpCode(DEMO_TOTP_SECRET, new Date()) });
  ownerId = (await app.app.modules.accounts.repo.findByEmail(OWNER.email))!.id;
  const made = await app.ctx.database.db.transaction().execute((trx) =>
    app.app.modules.notifications.notify(
      {
        event: 'contact-centre-message',
        accountId: ownerId,
        applicationId,
        about: randomUUID(),
        path: `/applications/${applicationId}`,
        values: { reference: 'VRT-2027-0000001-8', message: 'Bring your passport.\n<b>Thanks</b>' },
      },
      trx,
    ),
  );
  notificationId = made!.id;
});
afterAll(async () => {
  await app?.close();
});

describe('/account/notifications', () => {
  it('lists the owner’s notifications, the unread ones marked in words too', async () => {
    const res = await owner.get('/account/notifications?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('A message about your application VRT-2027-0000001-8');
    expect(res.body).toContain(`href="/account/notifications/${notificationId}"`);
    expect(res.body).toMatch(/<span class="govuk-visually-hidden"> \(unread\)<\/span>/);
    expect(res.body).toContain('href="/account/contact-preferences"');
    const others = await other.get('/account/notifications?lang=en');
    expect(others.statusCode).toBe(200);
    expect(others.body).not.toContain('VRT-2027-0000001-8');
  });

  it('shows the count and the way to the inbox on /account', async () => {
    const res = await owner.get('/account?lang=en');
    expect(res.body).toContain('Unread notifications: 1.');
    expect(res.body).toContain('href="/account/notifications"');
  });

  it('opens one for its owner only, escaped, and marks it read', async () => {
    expect((await other.get(`/account/notifications/${notificationId}`)).statusCode).toBe(404);
    expect((await owner.get('/account/notifications/not-a-uuid')).statusCode).toBe(404);
    expect((await owner.get(`/account/notifications/${randomUUID()}`)).statusCode).toBe(404);
    expect((await app.app.modules.notifications.repo.find(notificationId))!.read_at).toBeNull();

    const res = await owner.get(`/account/notifications/${notificationId}?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Bring your passport.<br>&lt;b&gt;Thanks&lt;/b&gt;');
    expect(res.body).toContain(`href="/applications/${applicationId}"`);
    expect(res.body).toContain('lang="en"');
    expect((await app.app.modules.notifications.repo.find(notificationId))!.read_at).not.toBeNull();
    const inbox = await owner.get('/account/notifications?lang=en');
    expect(inbox.body).not.toContain('(unread)');
    // Nothing unread: no banner, but the inbox is still one link away.
    const account = (await owner.get('/account?lang=en')).body;
    expect(account).not.toContain('Unread notifications');
    expect(account).toContain('href="/account/notifications"');
  });

  it('refuses staff and sends anonymous visitors to sign in', async () => {
    for (const url of [
      '/account/notifications',
      `/account/notifications/${notificationId}`,
      '/account/contact-preferences',
    ]) {
      expect((await staff.get(url)).statusCode, url).toBe(403);
      const anonymous = await new Browser(app).get(url);
      expect(anonymous.statusCode, url).toBe(302);
      expect(String(anonymous.headers.location)).toMatch(/^\/sign-in/);
    }
    // Nor may they post the preferences form (staff with a valid token: refused by role).
    const staffPost = await staff.postRaw('/account/contact-preferences', {
      _csrf: await staff.csrf('/workbench'),
      mobileNumber: '+37060099999',
    });
    expect(staffPost.statusCode).toBe(403);
    const anonymousPost = await new Browser(app).postRaw('/account/contact-preferences', {
      mobileNumber: '+37060099999',
    });
    expect([401, 403]).toContain(anonymousPost.statusCode);
  });
});

describe('/account/contact-preferences', () => {
  const URL = '/account/contact-preferences';

  it('refuses a post without the CSRF token', async () => {
    const res = await owner.postRaw(URL, { mobileNumber: '+37060012345', smsConsent: 'yes' });
    expect(res.statusCode).toBe(403);
    expect(await app.app.modules.notifications.repo.preferences(ownerId)).toBeUndefined();
  });

  it('shows problems on the form, keeping what was typed', async () => {
    const bad = await owner.post(`${URL}?lang=en`, { mobileNumber: '860012345' }, URL);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('href="#mobileNumber"');
    expect(bad.body).toContain('value="860012345"');
    const noNumber = await owner.post(URL, { mobileNumber: '', smsConsent: 'yes' });
    expect(noNumber.statusCode).toBe(400);
    expect(noNumber.body).toContain('href="#smsConsent"');
  });

  it('saves the number and consent, then shows them', async () => {
    const res = await owner.post(URL, { mobileNumber: '+370 600 12345', smsConsent: 'yes' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(URL);
    expect(await app.app.modules.notifications.repo.preferences(ownerId)).toMatchObject({
      mobile_number: '+37060012345',
      sms_consent: true,
    });
    const page = await owner.get(`${URL}?lang=en`);
    expect(page.body).toContain('Your choices have been saved.');
    expect(page.body).toContain('value="+37060012345"');
    expect(page.body).toMatch(/name="smsConsent" type="checkbox" value="yes" checked/);
  });
});
