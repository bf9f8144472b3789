import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn, startTestApp, type TestApp } from '../../app/test-app';
import { rateLimitPeek } from '../../platform/http';
import { DEMO_APPLICANTS } from '../accounts';
import { BOOKING_LIMIT_WINDOW_MS } from './booking-limits';

/**
 * The booking limits on the whole app: the (N+1)-th booking request of an account within the hour
 * is refused even from new addresses, and the (M+1)-th from one address even by new accounts; the
 * refusal is the usual 429 page in the user's language and is recorded once as a signal. Looking
 * at the page is not counted.
 */
const PER_ACCOUNT = 3;
const PER_ADDRESS = 5;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    RATE_LIMIT_BOOKING_PER_ACCOUNT_PER_HOUR: String(PER_ACCOUNT),
    RATE_LIMIT_BOOKING_PER_ADDRESS_PER_HOUR: String(PER_ADDRESS),
  });
});
afterAll(async () => {
  await app?.close();
});

/** A submitted application of `email` that needs a visit, written directly. */
async function submitted(email: string) {
  const account = (await app.app.modules.accounts.repo.findByEmail(email))!;
  const id = randomUUID();
  const now = new Date();
  await sql`insert into applications (id, reference, service_id, ground_id, urgent, state,
      owner_account_id, filed_by_kind, filed_by_account_id, answers, created_at, updated_at, submitted_at)
    values (${id}, ${`TEST-${id.slice(0, 8)}`}, 'temporary-residence-permit', null, false, 'submitted',
      ${account.id}, 'self', ${account.id}, '{}'::jsonb, ${now}, ${now}, ${now})`.execute(
    app.ctx.database.db,
  );
  return { id, accountId: account.id };
}

/** Posts a booking form as `browser` from the client address `ip` (the token read first). */
async function postFrom(browser: Browser, ip: string, url: string, fields: Record<string, string>) {
  const token = await browser.csrf(url.replace(/\/cancel$/, '').replace(/\?.*$/, ''));
  return app.app.server.inject({
    method: 'POST',
    url,
    remoteAddress: ip,
    headers: {
      cookie: browser.cookieHeader,
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
  });
}

const signals = async (accountId: string) =>
  (
    await sql<{ action: string }>`select action from appointment_signals
      where account_id = ${accountId}`.execute(app.ctx.database.db)
  ).rows.map((r) => r.action);

describe('booking limits', () => {
  it('refuses an account’s booking request over its limit, from whatever address', async () => {
    const applicant = DEMO_APPLICANTS[0]!;
    const browser = await signedIn(app, applicant.email);
    const { id, accountId } = await submitted(applicant.email);
    const page = `/applications/${id}/visit`;
    // Looking is free: the page itself is not a booking request.
    for (let i = 0; i < PER_ACCOUNT + 2; i++)
      expect((await browser.get(page)).statusCode).toBe(200);
    for (let i = 0; i < PER_ACCOUNT; i++) {
      // No time chosen: answered 400 by the page, but counted (bots send anything).
      const res = await postFrom(browser, `10.1.0.${i + 1}`, page, { branch: 'VLN' });
      expect(res.statusCode).toBe(400);
    }
    const refused = await postFrom(browser, '10.1.0.99', `${page}?lang=en`, { branch: 'VLN' });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Cancelling is a booking request too.
    expect((await postFrom(browser, '10.1.0.100', `${page}/cancel`, {})).statusCode).toBe(429);
    // The first refusal is a signal for the abuse detection; later ones are not repeated.
    expect(await signals(accountId)).toEqual(['refused-rate-limit']);
  });

  it('refuses requests from one address over its limit, whichever accounts make them', async () => {
    const ip = '10.2.0.1';
    const people = [DEMO_APPLICANTS[1]!, DEMO_APPLICANTS[2]!, DEMO_APPLICANTS[3]!];
    const sessions = await Promise.all(people.map((p) => signedIn(app, p.email)));
    const apps = await Promise.all(people.map((p) => submitted(p.email)));
    const post = (i: number, from = ip) =>
      postFrom(sessions[i]!, from, `/applications/${apps[i]!.id}/visit`, { branch: 'VLN' });
    // Two accounts use up the address (3 + 2 = 5), each within its own limit.
    for (const i of [0, 0, 0, 1, 1]) expect((await post(i)).statusCode).toBe(400);
    // A third account, which has made no request at all, is refused from this address…
    expect((await post(2)).statusCode).toBe(429);
    expect(await signals(apps[2]!.accountId)).toEqual(['refused-rate-limit']);
    // …but not from another one.
    expect((await post(2, '10.2.0.2')).statusCode).toBe(400);
  });

  it('checks who may book first: others are refused without being counted', async () => {
    const { id } = await submitted(DEMO_APPLICANTS[4]!.email);
    const res = await app.app.server.inject({
      method: 'POST',
      url: `/applications/${id}/visit`,
      remoteAddress: '10.3.0.1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'branch=VLN',
    });
    expect(res.statusCode).toBe(401);
    const counted = await rateLimitPeek(
      app.ctx.database.db,
      'booking:address:10.3.0.1',
      BOOKING_LIMIT_WINDOW_MS,
    );
    expect(counted).toBe(0);
  });
});
