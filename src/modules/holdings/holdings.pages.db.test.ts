import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS, DEMO_PASSWORD, DEMO_STAFF } from '../accounts';
import type { HeldDocumentRow } from './holdings.repository';
import { DEMO_HOLDINGS } from './test-data';

/** The pages on the demo data: a foreigner's permit due for renewal, a citizen's two documents. */
let app: TestApp;
let foreigner: Browser;
let citizen: Browser;
let permit: HeldDocumentRow;
let idCard: HeldDocumentRow;

const FOREIGNER = DEMO_HOLDINGS.find((h) => h.kind === 'residence-permit')!.email;
const CITIZEN = DEMO_APPLICANTS.at(-1)!.email;

async function signIn(email: string): Promise<Browser> {
  const b = new Browser(app);
  const res = await b.post('/sign-in', { email, password: DEMO_PASSWORD });
  expect(res.headers.location).toBe('/account');
  return b;
}
const heldBy = async (email: string) => {
  const id = (await app.app.modules.accounts.repo.findByEmail(email))!.id;
  return app.app.modules.holdings.repo.listForHolder(id);
};

beforeAll(async () => {
  app = await startTestApp();
  foreigner = await signIn(FOREIGNER);
  citizen = await signIn(CITIZEN);
  permit = (await heldBy(FOREIGNER)).find((d) => d.kind === 'residence-permit')!;
  idCard = (await heldBy(CITIZEN)).find((d) => d.kind === 'identity-card')!;
});
afterAll(async () => {
  await app?.close();
});

describe('/my-documents', () => {
  it('lists what the person holds, with the renewal reminder and offer', async () => {
    const res = await foreigner.get('/my-documents?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(permit.document_number);
    expect(res.body).toContain('Temporary residence permit');
    expect(res.body).toContain('govuk-notification-banner');
    expect(res.body).toContain(`action="/my-documents/${permit.id}/renew"`);
    // Nobody else's documents.
    expect(res.body).not.toContain(idCard.document_number);
  });

  it('puts the reminder on the account page too', async () => {
    const res = await foreigner.get('/account?lang=en');
    expect(res.body).toContain('govuk-notification-banner');
    expect(res.body).toContain('href="/my-documents"');
  });

  it('is for signed-in applicants only', async () => {
    const anonymous = await new Browser(app).get('/my-documents');
    expect(anonymous.statusCode).toBe(302);
    expect(String(anonymous.headers.location)).toMatch(/^\/sign-in/);
    const staff = new Browser(app);
    await staff.post('/sign-in', { email: DEMO_STAFF[0]!.email, password: DEMO_PASSWORD });
    expect((await staff.get('/my-documents')).statusCode).not.toBe(200);
  });

  it('leads the S13 service page to /my-documents instead of a draft', async () => {
    const res = await new Browser(app).get('/services/lost-document-report');
    expect(res.body).toContain('href="/my-documents"');
    expect(res.body).not.toContain('/applications/new?service=lost-document-report');
  });
});

describe('reporting a loss', () => {
  it("answers 404 for someone else's document, on every route", async () => {
    expect((await foreigner.get(`/my-documents/${idCard.id}/report-loss`)).statusCode).toBe(404);
    const token = await foreigner.csrf('/my-documents');
    for (const url of [
      `/my-documents/${idCard.id}/report-loss`,
      `/my-documents/${idCard.id}/renew`,
    ]) {
      const res = await foreigner.postRaw(url, {
        _csrf: token,
        what: 'lost',
        'occurred-day': '1',
        'occurred-month': '1',
        'occurred-year': '2026',
        place: 'Vilnius',
        confirm: 'yes',
      });
      expect(res.statusCode, url).toBe(404);
    }
    expect((await app.app.modules.holdings.repo.find(idCard.id))!.status).toBe('valid');
  });

  it('warns, and refuses a report without the confirmation, keeping what was typed', async () => {
    const page = await citizen.get(`/my-documents/${idCard.id}/report-loss?lang=en`);
    expect(page.body).toContain('govuk-warning-text');
    expect(page.body).toContain('cannot be undone');
    const res = await citizen.post(`/my-documents/${idCard.id}/report-loss`, {
      what: 'lost',
      'occurred-day': '3',
      'occurred-month': '2',
      'occurred-year': '2026',
      place: 'Palanga beach',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#confirm"');
    expect(res.body).toContain('Palanga beach');
    expect((await app.app.modules.holdings.repo.find(idCard.id))!.status).toBe('valid');
  });

  it('refuses a CSRF-less post', async () => {
    const res = await citizen.postRaw(`/my-documents/${idCard.id}/report-loss`, {
      what: 'lost',
      confirm: 'yes',
    });
    expect(res.statusCode).toBe(403);
  });

  it('invalidates at once, shows the next step, and a double submit is shown as already reported', async () => {
    const fields = {
      what: 'stolen',
      'occurred-day': '3',
      'occurred-month': '2',
      'occurred-year': '2026',
      place: 'Vilnius, Lithuania',
      circumstances: 'Taken from my bag',
      confirm: 'yes',
    };
    const token = await citizen.csrf(`/my-documents/${idCard.id}/report-loss`);
    const first = await citizen.postRaw(`/my-documents/${idCard.id}/report-loss`, {
      _csrf: token,
      ...fields,
    });
    expect(first.headers.location).toBe(`/my-documents/${idCard.id}/report-loss?reported=1`);
    expect((await app.app.modules.holdings.repo.find(idCard.id))!.status).toBe('reported-stolen');
    const second = await citizen.postRaw(`/my-documents/${idCard.id}/report-loss`, {
      _csrf: token,
      ...fields,
    });
    expect(second.headers.location).toBe(`/my-documents/${idCard.id}/report-loss`);
    const shown = await citizen.get(`/my-documents/${idCard.id}/report-loss?lang=en`);
    expect(shown.body).toContain('already been reported');
    expect(shown.body).toContain('/applications/new?service=identity-documents&amp;ground=id-card');
    const n = await sql<{ n: number }>`select count(*)::int as n from loss_reports
      where held_document_id = ${idCard.id}`.execute(app.ctx.database.db);
    expect(n.rows[0]!.n).toBe(1);
  });
});

describe('renewing', () => {
  it('starts one pre-filled draft however often Renew is pressed', async () => {
    const first = await foreigner.post(`/my-documents/${permit.id}/renew`, {}, '/my-documents');
    expect(first.statusCode).toBe(302);
    const location = String(first.headers.location);
    expect(location).toMatch(/^\/applications\/[0-9a-f-]{36}$/);
    const again = await foreigner.post(`/my-documents/${permit.id}/renew`, {}, '/my-documents');
    expect(again.headers.location).toBe(location);
    const overview = await foreigner.get(location);
    expect(overview.statusCode).toBe(200);
    const list = await foreigner.get('/my-documents');
    expect(list.body).toContain(`href="${location}"`);
  });
});
