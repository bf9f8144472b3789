import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowed, type Access, type Principal } from '../platform/http';
import {
  DEMO_APPLICANTS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_TOTP_SECRET,
  totpCode,
} from '../modules/accounts';
import { Browser, startTestApp, type TestApp } from './test-app';

/**
 * The role × route table: every registered route, every kind of user. A route that is added
 * without an access declaration fails at start-up (access plugin); this test checks that what is
 * declared is what happens.
 */
let app: TestApp;
const users = new Map<string, Browser>();

async function signInStaff(email: string): Promise<Browser> {
  const b = new Browser(app);
  await b.post('/sign-in', { email, password: DEMO_PASSWORD });
  const code = await totpCode(DEMO_TOTP_SECRET, new Date());
  const res = await b.post('/sign-in/mfa', { code });
  expect(res.headers.location).toBe('/workbench');
  return b;
}

beforeAll(async () => {
  // Every route × every user from one address exceeds the general limit; the limiter has its own test.
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  users.set('anonymous', new Browser(app));
  const applicant = new Browser(app);
  await applicant.post('/sign-in', { email: DEMO_APPLICANTS[0]!.email, password: DEMO_PASSWORD });
  users.set('applicant', applicant);
  for (const s of DEMO_STAFF.filter((x) => x.branchCode !== 'KNS'))
    users.set(`staff:${s.roles[0]}`, await signInStaff(s.email));
  const pending = new Browser(app);
  await pending.post('/sign-in', { email: DEMO_STAFF[3]!.email, password: DEMO_PASSWORD });
  users.set('staff-without-mfa', pending);
  users.set('partner', new PartnerClient(app, (await partnerKey()).apiKey));
});
afterAll(async () => {
  await app?.close();
});

/** A partner system: no cookies, its API key on every request. */
class PartnerClient extends Browser {
  constructor(
    app: TestApp,
    private readonly key: string,
  ) {
    super(app);
  }
  override get(url: string, headers: Record<string, string> = {}) {
    return super.get(url, { authorization: `Bearer ${this.key}`, ...headers });
  }
}
const partnerKey = () =>
  app.app.modules.partners.service.create({
    name: 'Route table partner',
    services: ['temporary-residence-permit'],
    countries: ['BLR'],
  });

const principalOf = (who: string): Principal => {
  if (who === 'partner')
    return { kind: 'partner', partnerId: 'p', name: 'p', services: [], countries: [] };
  if (who === 'anonymous' || who === 'staff-without-mfa') return { kind: 'anonymous' };
  if (who === 'applicant')
    return { kind: 'applicant', accountId: 'a', email: 'a', displayName: 'a' };
  return {
    kind: 'staff',
    accountId: 's',
    email: 's',
    displayName: 's',
    roles: [who.split(':')[1]!],
    branchId: null,
    mfaPassed: true,
  };
};

/** Routes that need parameters or a prior step are exercised in their own module tests. */
const SKIP = new Set(['/assets/*', '/verify-email', '/password/reset', '/sign-in/mfa']);

describe('role × route table', () => {
  it('every route declares who may call it', () => {
    expect(app.app.routes.length).toBeGreaterThan(10);
    for (const r of app.app.routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('GET routes admit exactly the users their declaration allows', async () => {
    const gets = app.app.routes.filter((r) => r.method === 'GET' && !SKIP.has(r.url));
    const table: string[] = [];
    for (const route of gets) {
      for (const [who, browser] of users) {
        const res = await browser.get(route.url);
        const allowed = isAllowed(principalOf(who), route.access as Access);
        const denied =
          res.statusCode === 403 ||
          // The API answers 401 problem+json where pages redirect to sign-in.
          (res.statusCode === 401 && route.url.startsWith('/api/')) ||
          (res.statusCode === 302 && String(res.headers.location).startsWith('/sign-in'));
        table.push(`${route.url} ${who} ${res.statusCode}`);
        expect(denied, `${who} on ${route.url} (status ${res.statusCode})`).toBe(!allowed);
        if (!allowed) expect(res.body).not.toMatch(/@vartai\.demo/);
      }
    }
    expect(table.length).toBe(gets.length * users.size);
  });

  it('the workbench is for staff after MFA only', async () => {
    expect((await users.get('applicant')!.get('/workbench')).statusCode).toBe(403);
    expect((await users.get('staff-without-mfa')!.get('/workbench')).headers.location).toMatch(
      /^\/sign-in/,
    );
    expect((await users.get('staff:officer')!.get('/workbench')).statusCode).toBe(200);
    expect((await users.get('staff:call-centre')!.get('/account')).statusCode).toBe(403);
  });
});
