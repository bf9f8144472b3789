import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../accounts';

/**
 * Ordering choices on the real app: urgency levels, fee exemptions, courier delivery and the
 * visit rule for a citizen's passport, who may open those pages, and a fee the pack cannot
 * compute. Gintarė (demo holdings) holds a valid identity card with a photo taken a year ago;
 * Priya holds no Lithuanian document.
 */
let app: TestApp;
let gintare: Browser;
let priya: Browser;
let anonymous: Browser;
let id: string;

const GINTARE = DEMO_APPLICANTS.find((a) => a.email.startsWith('gintare'))!;
const PRIYA = DEMO_APPLICANTS.find((a) => a.email.startsWith('priya'))!;

async function signedIn(email: string): Promise<Browser> {
  const b = new Browser(app);
  await b.post('/sign-in', { email, password: DEMO_PASSWORD });
  return b;
}

async function start(b: Browser, service: string, ground: string): Promise<string> {
  const res = await b.post(
    '/applications',
    { service, ground, urgent: 'no' },
    `/applications/new?service=${service}&ground=${ground}`,
  );
  expect(res.statusCode).toBe(302);
  return String(res.headers.location).split('/').pop()!;
}

const born = (b: Browser, appId: string, [y, m, d]: [string, string, string]) =>
  b.post(`/applications/${appId}/questions/date-of-birth`, {
    'date-of-birth-day': d,
    'date-of-birth-month': m,
    'date-of-birth-year': y,
  });

/** An officer after MFA may read any application (the tests read rows and timelines so). */
const OFFICER = { kind: 'staff', mfaPassed: true } as never;
const rowOf = (appId: string) => app.app.modules.applications.service.getVisible(appId, OFFICER);

beforeAll(async () => {
  app = await startTestApp();
  gintare = await signedIn(GINTARE.email);
  priya = await signedIn(PRIYA.email);
  anonymous = new Browser(app);
  id = await start(gintare, 'identity-documents', 'passport');
  await born(gintare, id, ['1989', '5', '12']);
});
afterAll(async () => {
  await app?.close();
});

describe('who may open the ordering pages', () => {
  for (const step of ['urgency', 'exemption', 'delivery']) {
    it(`/${step}: the applicant may, another person gets 404, a visitor is sent to sign in`, async () => {
      expect((await gintare.get(`/applications/${id}/${step}`)).statusCode).toBe(200);
      expect((await priya.get(`/applications/${id}/${step}`)).statusCode).toBe(404);
      const token = await priya.csrf('/account');
      expect(
        (await priya.postRaw(`/applications/${id}/${step}`, { _csrf: token })).statusCode,
      ).toBe(404);
      const visitor = await anonymous.get(`/applications/${id}/${step}`);
      expect(visitor.statusCode).toBe(302);
      expect(String(visitor.headers.location)).toMatch(/^\/sign-in/);
    });
  }
});

describe("a citizen's passport order", () => {
  it('offers only the levels the pack lists for the passport, with their fee and term', async () => {
    const page = await gintare.get(`/applications/${id}/urgency?lang=en`);
    expect(page.body).toContain('value="same-day"');
    expect(page.body).not.toContain('value="next-day"');
    expect(page.body).toContain('Fee 200.00 EUR');
    const refused = await gintare.post(`/applications/${id}/urgency?lang=en`, {
      urgency: 'next-day',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choose one of the levels offered for this document');
    const chosen = await gintare.post(`/applications/${id}/urgency`, { urgency: 'same-day' });
    expect(chosen.statusCode).toBe(302);
    const row = await rowOf(id);
    expect([row.urgency, row.urgent]).toEqual(['same-day', true]);
    expect(app.app.modules.applications.service.ordering.feeDue(row).onlineCents).toBe(20000);
  });

  it('refuses a courier for an urgent order, with the reason, and accepts it in the general procedure', async () => {
    const refused = await gintare.post(`/applications/${id}/delivery?lang=en`, {
      method: 'courier',
      address: 'Gedimino pr. 1-2, LT-01103 Vilnius',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('only documents made in the general procedure');
    expect(refused.body).toContain('Gedimino pr. 1-2');
    await gintare.post(`/applications/${id}/urgency`, { urgency: 'general' });
    const noAddress = await gintare.post(`/applications/${id}/delivery?lang=en`, {
      method: 'courier',
      address: '',
    });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.body).toContain('Enter the delivery address');
    const ok = await gintare.post(`/applications/${id}/delivery`, {
      method: 'courier',
      address: 'Gedimino pr. 1-2, LT-01103 Vilnius',
    });
    expect(ok.statusCode).toBe(302);
  });

  it('refuses an exemption the age does not allow, and charges the chosen one plus the courier', async () => {
    const minor = await gintare.post(`/applications/${id}/exemption?lang=en`, {
      exemption: 'minor',
    });
    expect(minor.statusCode).toBe(400);
    expect(minor.body).toContain('is only for people aged 17 or under');
    const nothing = await gintare.post(`/applications/${id}/exemption?lang=en`, {});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('Select the exemptions that apply to you');
    const ok = await gintare.post(`/applications/${id}/exemption`, { exemption: 'pensioner' });
    expect(ok.headers.location).toBe(`/applications/${id}/fee`);
    const fee = await gintare.get(`/applications/${id}/fee?lang=en`);
    expect(fee.body).toContain('Old-age pensioner: you pay 20% of the fee');
    expect(fee.body).toContain('officers check it in the registers');
    expect(fee.body).toContain('10.00 EUR');
    expect(fee.body).toContain('3.79 EUR');
    expect(fee.body).toContain('13.79 EUR');
  });

  it('shows the choices and that no visit is needed (uncertain) on the check page', async () => {
    const check = await gintare.get(`/applications/${id}/check?lang=en`);
    expect(check.body).toContain('By courier to: Gedimino pr. 1-2');
    expect(check.body).toContain('Old-age pensioner');
    expect(check.body).toContain('You do not need to come to a branch');
    expect(check.body).toContain('has not confirmed ordering without a visit');
    const overview = await gintare.get(`/applications/${id}?lang=en`);
    expect(overview.body).toContain('Choose how to receive the document');
    const timeline = await app.app.modules.applications.service.timeline(id, OFFICER);
    const delivery = timeline.find((e) => e.action === 'delivery-chosen')!;
    expect(JSON.stringify(delivery.details)).not.toContain('Gedimino');
  });

  it('audits reading the photo, signature and documents on record, naming who and why', async () => {
    const account = (await app.app.modules.accounts.repo.findByEmail(GINTARE.email))!;
    const reads = async () =>
      (await app.app.modules.audit.entriesFor({ kind: 'account', id: account.id }, 1000)).filter(
        (e) => e.action === 'personal-data.read' && String(e.purpose).endsWith('-eligibility'),
      );
    const before = (await reads()).length;
    const chosen = await gintare.post(`/applications/${id}/delivery`, {
      method: 'courier',
      address: 'Gedimino pr. 1-2, LT-01103 Vilnius',
    });
    expect(chosen.statusCode).toBe(302);
    await gintare.get(`/applications/${id}/check?lang=en`);
    const all = await reads();
    const who = all
      .slice(0, all.length - before)
      .map((e) => `${e.actor_kind}:${e.actor_id}:${e.purpose}`);
    // The person choosing a courier or looking at the check page, and the draft's own
    // missing-items check (which knows no person).
    expect(who).toContain(`applicant:${account.id}:courier-eligibility`);
    expect(who).toContain(`applicant:${account.id}:remote-order-eligibility`);
    expect(who).toContain('system:ordering-check:courier-eligibility');
  });

  it('refuses a change that alters the fee once a payment has started', async () => {
    const pay = await gintare.post(`/applications/${id}/fee`, {});
    expect(pay.statusCode).toBe(302);
    const urgent = await gintare.post(`/applications/${id}/urgency?lang=en`, {
      urgency: 'urgent',
    });
    expect(urgent.statusCode).toBe(400);
    expect(urgent.body).toContain('already paid or being paid');
    const branch = await gintare.post(`/applications/${id}/delivery?lang=en`, {
      method: 'branch',
      branch: 'VLN',
    });
    expect(branch.statusCode).toBe(400);
  });
});

describe('a first document, and a service whose fee the pack does not know', () => {
  it('refuses a courier for a first document and lists why a visit is needed', async () => {
    const first = await start(priya, 'identity-documents', 'id-card');
    const refused = await priya.post(`/applications/${first}/delivery?lang=en`, {
      method: 'courier',
      address: 'Laisvės al. 1, Kaunas',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('cannot deliver your first identity document');
    const atBranch = await priya.post(`/applications/${first}/delivery`, {
      method: 'branch',
      branch: 'KNS',
    });
    expect(atBranch.statusCode).toBe(302);
    const overview = await priya.get(`/applications/${first}?lang=en`);
    expect(overview.body).toContain('You will need to come to a branch');
    expect(overview.body).toContain('there is no photo of you on record');
    expect(overview.body).toContain('Collect at: Kaunas client service unit');
  });

  it('does not charge a fee it cannot compute: settled at the branch, submission not blocked', async () => {
    const other = await start(priya, 'change-of-employer', 'new-employer');
    const fee = await priya.get(`/applications/${other}/fee?lang=en`);
    expect(fee.body).toContain('You pay it at the branch');
    expect(fee.body).not.toContain('Pay now');
    const row = await rowOf(other);
    const missing = await app.app.modules.applications.service.missing(row);
    expect(missing.map((m) => m.kind)).not.toContain('fee');
  });

  it('asks for the evidence of an exemption where the pack names one', async () => {
    const trp = await start(priya, 'temporary-residence-permit', 'work');
    await priya.post(`/applications/${trp}/exemption`, { exemption: 'lithuanian-graduate' });
    const docs = await priya.get(`/applications/${trp}/documents?lang=en`);
    expect(docs.body).toContain('file-diploma');
    const fee = await priya.get(`/applications/${trp}/fee?lang=en`);
    expect(fee.body).toContain('No fee is due');
  });
});

describe('the partner API', () => {
  it('keeps `urgent` and accepts an `urgency` the ground offers, refusing one it does not', async () => {
    const { apiKey } = await app.app.modules.partners.service.create({
      name: 'Urgency partner',
      services: ['temporary-residence-permit'],
      countries: ['UKR'],
    });
    const post = (payload: object) =>
      app.app.server.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': JSON.stringify(payload) },
        payload,
      });
    const urgent = await post({
      service: 'temporary-residence-permit',
      ground: 'work',
      urgent: true,
    });
    expect(urgent.statusCode).toBe(201);
    expect(urgent.json()).toMatchObject({ urgent: true, urgency: 'urgent' });
    expect(urgent.json().missing).not.toContain('exemption');
    const sameDay = await post({
      service: 'temporary-residence-permit',
      ground: 'work',
      urgency: 'same-day',
    });
    expect(sameDay.statusCode).toBe(400);
    expect(sameDay.json().code).toBe('APPLICATION_URGENCY_NOT_OFFERED');
  });
});
