import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../app/test-app';
import { fixedClock } from '../../platform/clock';
import { DEMO_APPLICANTS } from '../accounts';
import { callbackSecret, CALLBACK_PATH, SIGNATURE_HEADER, signatureHeader } from './index';
import { NOTIFY_JOB } from './simulator/simulator.service';

const clock = fixedClock(new Date());
let app: TestApp;
let accountId: string;
let n = 0;

const payments = () => app.app.modules.payments;
const newReference = () => ({ kind: 'application', id: `app-${++n}` });
const start = (reference = newReference(), amountCents = 12_000) =>
  payments().startPayment({
    payer: { accountId },
    reference,
    amountCents,
    description: 'Leidimas gyventi (LLG) – rinkliava',
    returnUrl: `/applications/${reference.id}`,
  });
const refOf = async (paymentId: string) => (await payments().repo.find(paymentId))!.provider_ref!;
/** Events in a stable order (the test clock stands still, so arrival times tie). */
const eventsOf = async (paymentId: string) =>
  (await payments().repo.eventsFor(paymentId)).sort((a, b) => a.status.localeCompare(b.status));

/** Posts a notification to the callback route as the provider would (signed unless told otherwise). */
async function notify(body: object, opts: { secret?: string; at?: Date; signature?: string } = {}) {
  const raw = JSON.stringify(body);
  const signature =
    opts.signature ??
    signatureHeader(opts.secret ?? callbackSecret(app.ctx.config), raw, opts.at ?? clock.now());
  return app.app.server.inject({
    method: 'POST',
    url: CALLBACK_PATH,
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
    payload: raw,
  });
}
const event = (providerRef: string, status: string, eventId = `evt_t${++n}`) => ({
  eventId,
  providerRef,
  status,
  amountCents: 12_000,
  occurredAt: clock.now().toISOString(),
});

beforeAll(async () => {
  app = await startTestApp({}, { clock });
  accountId = (await app.app.modules.accounts.repo.findByEmail(DEMO_APPLICANTS[0]!.email))!.id;
});
afterAll(async () => {
  await app?.close();
});

describe('starting a payment', () => {
  it('creates a pending payment with a checkout on the provider', async () => {
    const reference = newReference();
    const started = await start(reference);
    expect(started.status).toBe('pending');
    expect(started.redirectUrl).toMatch(/\/payments\/simulator\/sim_/);
    expect(await payments().statusFor(reference)).toBe('pending');
    expect(await payments().isPaid(reference)).toBe(false);
    expect(await payments().statusFor(newReference())).toBe('none');
  });

  it('reuses the pending payment for the same reference and amount, even when asked at once', async () => {
    const reference = newReference();
    const all = await Promise.all([start(reference), start(reference), start(reference)]);
    expect(new Set(all.map((s) => s.paymentId)).size).toBe(1);
    expect(new Set(all.map((s) => s.redirectUrl)).size).toBe(1);
    expect((await payments().repo.forReference(reference.kind, reference.id)).length).toBe(1);
    // Another amount (the fee changed) is another payment.
    expect((await start(reference, 6_000)).paymentId).not.toBe(all[0]!.paymentId);
  });

  it('never charges twice: once paid, starting again sends the payer onwards', async () => {
    const reference = newReference();
    const first = await start(reference);
    await payments().simulator.decide(await refOf(first.paymentId), 'pay', { notify: false });
    await payments().reconcile(); // too recent to reconcile, but the start below asks anyway
    const again = await start(reference);
    expect(again).toEqual({
      paymentId: first.paymentId,
      status: 'paid',
      redirectUrl: `/applications/${reference.id}`,
    });
    expect(await payments().isPaid(reference, 12_000)).toBe(true);
    expect(await payments().isPaid(reference, 6_000)).toBe(false);
  });

  it('lets only the payer see a payment, whether an applicant or a partner', async () => {
    const { paymentId } = await start();
    const mine = { kind: 'applicant' as const, accountId, email: 'a', displayName: 'a' };
    expect((await payments().get(paymentId, mine)).id).toBe(paymentId);
    const someoneElse = { ...mine, accountId: app.ctx.ids.uuid() };
    await expect(payments().get(paymentId, someoneElse)).rejects.toMatchObject({
      code: 'PAYMENT_NOT_FOUND',
    });
    const partnerId = app.ctx.ids.uuid();
    const byPartner = await payments().startPayment({
      payer: { partnerId },
      reference: newReference(),
      amountCents: 5_000,
      description: 'Partner fee',
      returnUrl: '/',
    });
    const partner = { kind: 'partner' as const, partnerId };
    expect((await payments().get(byPartner.paymentId, partner)).partner_id).toBe(partnerId);
    await expect(payments().get(byPartner.paymentId, mine)).rejects.toMatchObject({
      code: 'PAYMENT_NOT_FOUND',
    });
    await expect(payments().get(paymentId, partner)).rejects.toMatchObject({
      code: 'PAYMENT_NOT_FOUND',
    });
  });

  it('refuses a bad request with PAYMENT_INVALID', async () => {
    await expect(
      payments().startPayment({
        payer: { accountId },
        reference: newReference(),
        amountCents: 10,
        description: 'x',
        returnUrl: 'https://evil.example/',
      }),
    ).rejects.toMatchObject({ code: 'PAYMENT_INVALID' });
  });
});

describe('provider notifications', () => {
  it('accept a valid signature and settle the payment', async () => {
    const { paymentId } = await start();
    const res = await notify(event(await refOf(paymentId), 'paid'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: true, outcome: 'applied' });
    expect((await payments().repo.find(paymentId))!.status).toBe('paid');
  });

  it('refuse a wrong, missing or expired signature and record nothing', async () => {
    const { paymentId } = await start();
    const body = event(await refOf(paymentId), 'paid');
    const wrong = await notify(body, { secret: 'x'.repeat(40) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'PAYMENT_CALLBACK_REFUSED' });
    expect((await notify(body, { signature: '' })).statusCode).toBe(401);
    const expired = await notify(body, { at: new Date(clock.now().getTime() - 6 * 60_000) });
    expect(expired.statusCode).toBe(401);
    expect(await eventsOf(paymentId)).toEqual([]);
    expect((await payments().repo.find(paymentId))!.status).toBe('pending');
  });

  it('record a repeated event once', async () => {
    const { paymentId } = await start();
    const body = event(await refOf(paymentId), 'paid');
    expect((await notify(body)).json().outcome).toBe('applied');
    expect((await notify(body)).json()).toEqual({ received: true, outcome: 'duplicate' });
    expect((await eventsOf(paymentId)).length).toBe(1);
  });

  it('never undo paid: a late pending or failure is recorded but ignored', async () => {
    const { paymentId } = await start();
    const ref = await refOf(paymentId);
    expect((await notify(event(ref, 'paid'))).json().outcome).toBe('applied');
    expect((await notify(event(ref, 'pending'))).json().outcome).toBe('ignored');
    expect((await notify(event(ref, 'failed'))).json().outcome).toBe('ignored');
    const p = (await payments().repo.find(paymentId))!;
    expect(p.status).toBe('paid');
    expect((await eventsOf(paymentId)).map((e) => [e.status, e.applied])).toEqual([
      ['failed', false],
      ['paid', true],
      ['pending', false],
    ]);
  });

  it('answer 404 for a checkout Vartai never made', async () => {
    const res = await notify(event('sim_unknown', 'paid'));
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PAYMENT_CALLBACK_UNKNOWN');
  });

  it('survive the simulator delivering everything twice, the later event first', async () => {
    const { paymentId } = await start();
    const ref = await refOf(paymentId);
    await payments().simulator.setDelivery(ref, 'twice-out-of-order');
    const queued = await app.ctx.jobs.count(NOTIFY_JOB);
    await payments().simulator.decide(ref, 'pay');
    expect((await app.ctx.jobs.count(NOTIFY_JOB)) - queued).toBe(4);
    // Deliver as the queue would: paid, paid, then the earlier pending, twice.
    const [pending, paid] = await payments().simulator.notificationsFor(ref);
    for (const e of [paid!, paid!, pending!, pending!])
      expect(await payments().simulator.deliver(e.event_id)).toBe(200);
    const p = (await payments().repo.find(paymentId))!;
    expect(p.status).toBe('paid');
    const events = await eventsOf(paymentId);
    expect(events.map((e) => [e.status, e.applied])).toEqual([
      ['paid', true],
      ['pending', false],
    ]);
  });
});

describe('the simulator as a provider', () => {
  it('keeps a refused notification undelivered, so the job queue retries it', async () => {
    // A checkout Vartai has no payment for: Vartai answers 404, the provider must try again.
    const sim = payments().simulator;
    const orphan = await sim.provider.createCheckout({
      paymentId: app.ctx.ids.uuid(),
      amountCents: 500,
      currency: 'EUR',
      description: 'Orphan',
      returnUrl: 'http://localhost:3000/',
    });
    await sim.decide(orphan.providerRef, 'decline', { notify: false });
    const [n1] = await sim.notificationsFor(orphan.providerRef);
    await expect(sim.deliver(n1!.event_id)).rejects.toThrow(/answered 404/);
    const [after] = await sim.notificationsFor(orphan.providerRef);
    expect(after).toMatchObject({ attempts: 1, delivered_at: null });
  });

  it('creates one checkout per payment id however often asked', async () => {
    const paymentId = app.ctx.ids.uuid();
    const req = {
      paymentId,
      amountCents: 700,
      currency: 'EUR',
      description: 'x',
      returnUrl: 'http://localhost:3000/',
    };
    const [a, b] = await Promise.all([
      payments().simulator.provider.createCheckout(req),
      payments().simulator.provider.createCheckout(req),
    ]);
    expect(a).toEqual(b);
  });
});

describe('reconciliation', () => {
  it('heals a charge whose notification never came, exactly once', async () => {
    const { paymentId } = await start();
    const ref = await refOf(paymentId);
    await payments().simulator.decide(ref, 'pay', { notify: false }); // the provider crashed
    expect((await payments().reconcile()).settled).toBe(0); // not pending long enough yet
    clock.advance(11 * 60_000);
    const first = await payments().reconcile();
    expect(first.settled).toBeGreaterThanOrEqual(1);
    expect((await payments().repo.find(paymentId))!.status).toBe('paid');
    expect((await payments().reconcile()).settled).toBe(0);
    // The lost notifications arrive after all: recorded, nothing changes.
    for (const e of await payments().simulator.notificationsFor(ref))
      await payments().simulator.deliver(e.event_id);
    const applied = (await eventsOf(paymentId)).filter((e) => e.applied);
    expect(applied.map((e) => e.status)).toEqual(['paid']);
    const audit = await app.app.modules.audit.entriesFor({ kind: 'payment', id: paymentId });
    expect(audit.filter((a) => a.action === 'payments.status-changed').length).toBe(1);
  });

  it('cancels a checkout nobody paid once it expires at the provider', async () => {
    const reference = newReference();
    const { paymentId } = await start(reference);
    clock.advance(61 * 60_000);
    await payments().reconcile();
    expect((await payments().repo.find(paymentId))!.status).toBe('cancelled');
    expect(await payments().statusFor(reference)).toBe('cancelled');
    // Starting again makes a new payment.
    expect((await start(reference)).paymentId).not.toBe(paymentId);
  });
});
