import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn, signedInStaff, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS } from '../accounts';

/**
 * The booking reports page: administrators only (other staff roles 403, applicants 403,
 * anonymous callers sent to sign in), listing open reports with what was seen; acknowledging
 * takes a report off the list; the administrators' workbench home counts them.
 */
const PAGE = '/workbench/booking-reports';
let app: TestApp;
let admin: Browser;
/** Other staff, signed in once each (a TOTP code is taken only once). */
const staff = new Map<string, Browser>();
const OTHER_STAFF = ['officer@vartai.demo', 'lead@vartai.demo', 'callcentre@vartai.demo'];

beforeAll(async () => {
  app = await startTestApp();
  admin = await signedInStaff(app, 'admin@vartai.demo');
  for (const email of OTHER_STAFF) staff.set(email, await signedInStaff(app, email));
});
afterAll(async () => {
  await app?.close();
});

/** Opens a report: ten accounts (the default threshold) booking from one address. */
async function openReport(address: string) {
  const abuse = app.app.modules.appointments.abuse;
  for (let i = 0; i < 10; i++)
    await abuse.record({ accountId: randomUUID(), address, action: 'booked' });
  await abuse.detect(new Date());
  const source = await abuse.sourceOf(address);
  const row = await sql<{ id: string }>`select id from appointment_abuse_reports
    where subject = ${source}`.execute(app.ctx.database.db);
  return { id: row.rows[0]!.id, source };
}

describe('who may see the booking reports', () => {
  it('admits administrators and refuses everyone else', async () => {
    expect((await admin.get(PAGE)).statusCode).toBe(200);
    for (const email of OTHER_STAFF) {
      const other = staff.get(email)!;
      expect((await other.get(PAGE)).statusCode, email).toBe(403);
      // …and they do not see it in the menu.
      expect((await other.get('/workbench')).body).not.toContain(PAGE);
    }
    const applicant = await signedIn(app, DEMO_APPLICANTS[0]!.email);
    expect((await applicant.get(PAGE)).statusCode).toBe(403);
    const anonymous = await new Browser(app).get(PAGE);
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
  });

  it('lets only administrators acknowledge', async () => {
    const { id } = await openReport('10.20.0.1');
    const url = `${PAGE}/${id}/acknowledge`;
    expect((await staff.get('officer@vartai.demo')!.post(url, {}, '/workbench')).statusCode).toBe(
      403,
    );
    const applicant = await signedIn(app, DEMO_APPLICANTS[1]!.email);
    expect((await applicant.post(url, {}, '/account')).statusCode).toBe(403);
    expect((await new Browser(app).postRaw(url, {})).statusCode).toBe(401);
    // Without the form's token: refused.
    expect((await admin.postRaw(url, {})).statusCode).toBe(403);
    const state = await sql<{ state: string }>`select state from appointment_abuse_reports
      where id = ${id}`.execute(app.ctx.database.db);
    expect(state.rows[0]!.state).toBe('open');
  });
});

describe('the booking reports page', () => {
  it('lists open reports with what was seen, and acknowledging takes one off', async () => {
    const { id, source } = await openReport('10.20.0.2');
    const home = await admin.get('/workbench?lang=en');
    expect(home.body).toContain('data-testid="booking-reports-count"');
    expect(home.body).toContain(`href="${PAGE}"`);

    const page = await admin.get(`${PAGE}?lang=en`);
    expect(page.body).toContain('Many accounts from one address');
    expect(page.body).toContain(`address ${source.slice(0, 12)}`);
    expect(page.body).toContain('10 accounts booked from this address within 24 hours');
    expect(page.body).not.toContain('10.20.0.2');

    const ack = await admin.post(`${PAGE}/${id}/acknowledge`, {}, PAGE);
    expect(ack.statusCode).toBe(302);
    expect(ack.headers.location).toBe(PAGE);
    const after = await admin.get(`${PAGE}?lang=en`);
    expect(after.body).toContain('The report is marked as seen.');
    expect(after.body).not.toContain(`/workbench/booking-reports/${id}/acknowledge`);
    // Twice (two administrators at once) is not an error.
    const again = await admin.post(`${PAGE}/${id}/acknowledge`, {}, PAGE);
    expect(again.statusCode).toBe(302);
    expect((await admin.get(`${PAGE}?lang=en`)).body).toContain('Someone had already marked');

    for (const unknown of [randomUUID(), 'not-a-uuid'])
      expect((await admin.post(`${PAGE}/${unknown}/acknowledge`, {}, PAGE)).statusCode).toBe(404);
  });

  it('records each look at the reports in the audit log', async () => {
    await admin.get(PAGE);
    await app.app.modules.audit.flush();
    const rows = await sql<{ n: number }>`select count(*)::integer as n from audit_log
      where action = 'personal-data.read' and subject_kind = 'booking-reports'`.execute(
      app.ctx.database.db,
    );
    expect(rows.rows[0]!.n).toBeGreaterThan(0);
  });
});
