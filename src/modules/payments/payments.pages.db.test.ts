import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../accounts';

let app: TestApp;
let owner: Browser;
let other: Browser;
let ownerId: string;
let n = 0;

const payments = () => app.app.modules.payments;
const local = (url: string) => url.replace(app.ctx.config.publicUrl, '');

async function signIn(email: string): Promise<Browser> {
  const b = new Browser(app);
  const res = await b.post('/sign-in', { email, password: DEMO_PASSWORD });
  expect(res.headers.location).toBe('/account');
  return b;
}

async function startPayment() {
  const id = `app-${++n}`;
  return payments().startPayment({
    payer: { accountId: ownerId },
    reference: { kind: 'application', id },
    amountCents: 12_050,
    description: 'Leidimas gyventi – valstybės rinkliava',
    returnUrl: `/applications/${id}`,
  });
}

/** Decides on the simulator's hosted page as the payer would; returns where it sends them. */
async function decide(b: Browser, redirectUrl: string, outcome: string): Promise<string> {
  const page = local(redirectUrl);
  const res = await b.post(page, { outcome });
  expect(res.statusCode).toBe(303);
  return local(String(res.headers.location));
}

beforeAll(async () => {
  app = await startTestApp();
  ownerId = (await app.app.modules.accounts.repo.findByEmail(DEMO_APPLICANTS[1]!.email))!.id;
  owner = await signIn(DEMO_APPLICANTS[1]!.email);
  other = await signIn(DEMO_APPLICANTS[2]!.email);
});
afterAll(async () => {
  await app?.close();
});

describe('the simulated provider page', () => {
  it('is public, shows the amount and description, and 404s for an unknown checkout', async () => {
    const { redirectUrl } = await startPayment();
    const res = await new Browser(app).get(`${local(redirectUrl)}?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('€120.50');
    expect(res.body).toContain('Leidimas gyventi – valstybės rinkliava');
    expect(res.body).toMatch(/name="_csrf"/);
    expect((await new Browser(app).get('/payments/simulator/sim_nope')).statusCode).toBe(404);
  });

  it('refuses a decision without the form token', async () => {
    const { redirectUrl } = await startPayment();
    const res = await new Browser(app).postRaw(local(redirectUrl), { outcome: 'pay' });
    expect(res.statusCode).toBe(403);
  });
});

describe('coming back from the provider', () => {
  it('shows paid to the owner even before the notification arrives, then lists the receipt', async () => {
    const { paymentId, redirectUrl } = await startPayment();
    const back = await decide(owner, redirectUrl, 'pay');
    // A second click on the provider's page keeps the first decision.
    expect(await decide(owner, redirectUrl, 'decline')).toBe(back);
    const again = await owner.get(`${local(redirectUrl)}?lang=en`);
    expect(again.body).toContain('This payment has already been made.');
    expect(again.body).not.toMatch(/name="outcome"/);
    expect(back).toMatch(new RegExp(`^/payments/${paymentId}/return\\?ref=sim_`));
    // Jobs do not run in this test app: the return page asks the provider itself.
    const page = await owner.get(`${back}&lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Payment received');
    expect(page.body).toContain(`href="/applications/app-${n}"`);
    const list = await owner.get('/account/payments?lang=en');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/account/payments/${paymentId}/receipt.pdf`);
    expect(list.body).toContain('€120.50');
    const pdf = await owner.get(`/account/payments/${paymentId}/receipt.pdf?lang=lt`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="receipt-/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain('DejaVuSans');
    const reads = await app.app.modules.audit.entriesFor({ kind: 'payment', id: paymentId });
    expect(reads.filter((r) => r.action === 'personal-data.read').length).toBe(2);
  });

  it('shows still processing, then a failure with a retry that starts a new payment', async () => {
    const { paymentId, redirectUrl } = await startPayment();
    const pending = await owner.get(`/payments/${paymentId}/return?lang=en`);
    expect(pending.body).toContain('Your payment is being processed');
    const back = await decide(owner, redirectUrl, 'decline');
    const failed = await owner.get(`${back}&lang=en`);
    expect(failed.body).toContain('Your payment did not go through');
    const retry = await owner.post(`/payments/${paymentId}/retry`, {}, back);
    expect(retry.statusCode).toBe(303);
    expect(String(retry.headers.location)).toMatch(/\/payments\/simulator\/sim_/);
    expect(String(retry.headers.location)).not.toBe(redirectUrl);
    // A receipt exists only for a paid payment.
    expect((await owner.get(`/account/payments/${paymentId}/receipt.pdf`)).statusCode).toBe(404);
  });

  it('answers 404 to another applicant and sends the anonymous to sign in', async () => {
    const { paymentId, redirectUrl } = await startPayment();
    await decide(owner, redirectUrl, 'pay');
    expect((await owner.get(`/payments/${paymentId}/return`)).statusCode).toBe(200);
    expect((await other.get(`/payments/${paymentId}/return`)).statusCode).toBe(404);
    expect((await other.get(`/account/payments/${paymentId}/receipt.pdf`)).statusCode).toBe(404);
    const token = await other.csrf('/account/payments');
    expect((await other.postRaw(`/payments/${paymentId}/retry`, { _csrf: token })).statusCode).toBe(
      404,
    );
    expect((await other.get('/account/payments')).body).not.toContain(paymentId);
    expect((await other.get('/payments/not-a-uuid/return')).statusCode).toBe(404);
    const anonymous = await new Browser(app).get(`/payments/${paymentId}/return`);
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toMatch(/^\/sign-in\?next=/);
  });
});
