import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../../app/test-app';
import { fixedClock } from '../../platform/clock';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../accounts';

/** ICAO 9303 check digit: weights 7, 3, 1 over digits, letters (A=10 …) and < (0). */
function check(s: string): string {
  const value = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  return String([...s].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3]!, 0) % 10);
}

/** A passport MRZ (TD3) with correct check digits. */
function td3(
  surname: string,
  given: string,
  number: string,
  birth: string,
  expiry: string,
): string {
  const line1 = `P<UKR${surname}<<${given}`.padEnd(44, '<');
  const doc = number.padEnd(9, '<');
  const personal = '<'.repeat(14);
  const body = `${doc}${check(doc)}UKR${birth}${check(birth)}M${expiry}${check(expiry)}${personal}${check(personal)}`;
  const composite = `${doc}${check(doc)}${birth}${check(birth)}${expiry}${check(expiry)}${personal}${check(personal)}`;
  return `${line1}\n${body}${check(composite)}`;
}

let app: TestApp;
let b: Browser;
let id: string;
// Starts at the real time; the last test moves it to show the check counts from business time.
const clock = fixedClock(new Date());
const signIn = () =>
  b.post('/sign-in', { email: DEMO_APPLICANTS[0]!.email, password: DEMO_PASSWORD });

beforeAll(async () => {
  app = await startTestApp({}, { clock });
  b = new Browser(app);
  await signIn();
  const created = await b.post(
    '/applications',
    { service: 'temporary-residence-permit', ground: 'work', urgent: 'no' },
    '/applications/new?service=temporary-residence-permit&ground=work',
  );
  id = String(created.headers.location).split('/').pop()!;
  await b.post(`/applications/${id}/questions/surname`, { surname: 'Kovalenko' });
  await b.post(`/applications/${id}/questions/date-of-birth`, {
    'date-of-birth-day': '27',
    'date-of-birth-month': '3',
    'date-of-birth-year': '1990',
  });
});
afterAll(async () => {
  await app?.close();
});

describe('travel document check', () => {
  it('refuses a machine-readable zone with a wrong check digit, keeping what was typed', async () => {
    const good = td3('KOVALENKO', 'OLEKSANDR', 'FE1234567', '900327', '350101');
    const bad = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
    const res = await b.post(
      `/applications/${id}/travel-document?lang=en`,
      { mrz: bad },
      `/applications/${id}/travel-document?lang=en`,
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('check digit');
    expect(res.body).toContain('FE1234567');
  });

  it('shows mismatches with the answers and a document expiring too early, before submission', async () => {
    const mrz = td3('KOVALENKA', 'OLEKSANDR', 'FE1234567', '900327', '270101');
    const saved = await b.post(`/applications/${id}/travel-document`, { mrz });
    expect(saved.statusCode).toBe(302);
    const check = await b.get(`/applications/${id}/check?lang=en`);
    expect(check.body).toContain(
      'the machine-readable zone says KOVALENKA, but you entered Kovalenko',
    );
    expect(check.body).toContain('Your travel document expires on 2027-01-01');
    expect(check.body).toContain('passport-margin-after-permit-months');
  });

  it('accepts a matching zone without warnings', async () => {
    const mrz = td3('KOVALENKO', 'OLEKSANDR', 'FE1234567', '900327', '350101');
    expect((await b.post(`/applications/${id}/travel-document`, { mrz })).statusCode).toBe(302);
    const check = await b.get(`/applications/${id}/check?lang=en`);
    expect(check.body).not.toContain('machine-readable zone says');
    expect(check.body).not.toContain('Your travel document expires');
  });

  it('counts the required validity from the injected clock, not the computer’s time', async () => {
    const expiry = new Date(clock.now());
    expiry.setUTCFullYear(expiry.getUTCFullYear() + 4);
    const yymmdd = expiry.toISOString().slice(2, 10).replace(/-/g, '');
    const mrz = td3('KOVALENKO', 'OLEKSANDR', 'FE1234567', '900327', yymmdd);
    expect((await b.post(`/applications/${id}/travel-document`, { mrz })).statusCode).toBe(302);
    const warning = `Your travel document expires on ${expiry.toISOString().slice(0, 10)}`;
    expect((await b.get(`/applications/${id}/check?lang=en`)).body).not.toContain(warning);
    // Three and a half years on, the same passport no longer outlasts the permit and the margin.
    clock.advance(42 * 30 * 86_400_000);
    await signIn();
    expect((await b.get(`/applications/${id}/check?lang=en`)).body).toContain(warning);
  });
});
