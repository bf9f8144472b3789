import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, totpCode } from '../accounts';
import { DELIVER_JOB } from '../notifications';
import { submittedWithAnswers } from './contact-centre.test-support';

/**
 * The contact centre (issue 4 point 7): agents and team leads find a case by reference, name
 * with date of birth, or document number; see status and deadline, never notes; log contacts and
 * send messages. Every search and view is audited with the purpose 'call-centre-enquiry'.
 */
let app: TestApp;
const users: Record<string, Browser> = {};
const staffEmails = [
  'callcentre@vartai.demo',
  'lead@vartai.demo',
  'officer@vartai.demo',
  'admin@vartai.demo',
];
const agentPrincipal = {
  kind: 'staff',
  accountId: randomUUID(),
  displayName: 'Agent',
  roles: ['call-centre'],
  branchId: null,
  mfaPassed: true,
} as never;

async function signIn(email: string, staff: boolean): Promise<Browser> {
  const b = new Browser(app);
  await b.post('/sign-in', { email, password: DEMO_PASSWORD });
  if (staff) await b.post('/sign-in/mfa', { code: await totpCode(DEMO_TOTP_SECRET, new Date()) });
  return b;
}
const auditRows = async (action: string, purpose: string) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from (
      select action, purpose from audit_log union all select action, purpose from audit_pending) a
      where action = ${action} and purpose = ${purpose}`.execute(app.ctx.database.db)
  ).rows[0]!.n;

let kovalenko: { caseId: string; reference: string; applicationId: string };

beforeAll(async () => {
  app = await startTestApp();
  for (const e of staffEmails) users[e] = await signIn(e, true);
  users.applicant = await signIn(DEMO_APPLICANTS[0]!.email, false);
  kovalenko = await submittedWithAnswers(
    app.ctx.database.db,
    app.app.modules.cases,
    DEMO_APPLICANTS[0]!.email,
    {
      surname: 'Kovalenkó',
      'given-names': 'Olena',
      'date-of-birth': '1990-04-12',
      'document-number': 'FE 123456',
    },
  );
  // An internal note the contact centre must never see.
  await sql`insert into case_notes (id, case_id, at, author_id, body)
    values (${randomUUID()}, ${kovalenko.caseId}, now(), ${randomUUID()}, 'SECRET-NOTE-TEXT')`.execute(
    app.ctx.database.db,
  );
});
afterAll(async () => {
  await app?.close();
});

describe('searchForContactCentre', () => {
  it('finds a case by each key, case- and diacritics-insensitively, and audits each search', async () => {
    const search = app.app.modules.cases.searchForContactCentre;
    const before = await auditRows('personal-data.read', 'call-centre-enquiry');
    const byRef = await search({ reference: kovalenko.reference.toLowerCase() }, agentPrincipal);
    const byName = await search(
      { name: 'olena KOVALENKO', birthDate: '1990-04-12' },
      agentPrincipal,
    );
    const bySurname = await search({ name: 'kovalenko', birthDate: '1990-04-12' }, agentPrincipal);
    const byDoc = await search({ documentNumber: 'fe-123456' }, agentPrincipal);
    for (const found of [byRef, byName, bySurname, byDoc]) {
      expect(found.map((r) => r.caseId)).toEqual([kovalenko.caseId]);
      expect(found[0]).toMatchObject({ reference: kovalenko.reference, status: 'submitted' });
      expect(JSON.stringify(found)).not.toContain('SECRET-NOTE-TEXT');
      expect(Object.keys(found[0]!)).not.toContain('assigned_to');
    }
    expect(
      await search({ name: 'Olena Kovalenko', birthDate: '1990-04-13' }, agentPrincipal),
    ).toEqual([]);
    expect(await search({ documentNumber: 'FE12345' }, agentPrincipal)).toEqual([]);
    expect(await auditRows('personal-data.read', 'call-centre-enquiry')).toBe(before + 6);
  });

  it('refuses anyone but contact centre staff', async () => {
    const officer = { ...(agentPrincipal as object), roles: ['officer', 'administrator'] } as never;
    await expect(
      app.app.modules.cases.searchForContactCentre({ reference: kovalenko.reference }, officer),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const noMfa = { ...(agentPrincipal as object), mfaPassed: false } as never;
    await expect(
      app.app.modules.cases.contactCentre.view(kovalenko.reference, noMfa),
    ).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
  });
});

describe('contact centre pages', () => {
  it('role × route: contact centre agents and team leads only', async () => {
    const routes = [
      `/workbench/contact-centre`,
      `/workbench/contact-centre/applications/${kovalenko.reference}`,
    ];
    const expected: Record<string, number> = {
      'callcentre@vartai.demo': 200,
      'lead@vartai.demo': 200,
      'officer@vartai.demo': 403,
      'admin@vartai.demo': 403,
      applicant: 403,
    };
    for (const url of routes) {
      for (const [who, status] of Object.entries(expected)) {
        expect((await users[who]!.get(url)).statusCode, `${who} ${url}`).toBe(status);
      }
      const anonymous = await new Browser(app).get(url);
      expect(anonymous.headers.location).toMatch(/^\/sign-in/);
    }
    const officer = users['officer@vartai.demo']!;
    const token = await officer.csrf('/workbench');
    const posted = await officer.postRaw(
      `/workbench/contact-centre/applications/${kovalenko.reference}/contacts`,
      { _csrf: token, channel: 'phone', summary: 'x' },
    );
    expect(posted.statusCode).toBe(403);
    const unknown = await users['callcentre@vartai.demo']!.get(
      '/workbench/contact-centre/applications/VRT-0000-0000000-0',
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('search page: finds by name and date of birth; form errors re-render what was typed', async () => {
    const agent = users['callcentre@vartai.demo']!;
    const found = await agent.get(
      '/workbench/contact-centre?by=name&name=Olena+Kovalenko&birthDate-day=12&birthDate-month=4&birthDate-year=1990',
    );
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(kovalenko.reference);
    const bad = await agent.get(
      '/workbench/contact-centre?by=name&name=Olena&birthDate-day=31&birthDate-month=2',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#birthDate-day"');
    expect(bad.body).toContain('value="Olena"');
  });

  it('application page shows status and timeline, no notes; logs contacts and sends messages', async () => {
    const agent = users['callcentre@vartai.demo']!;
    const page = `/workbench/contact-centre/applications/${kovalenko.reference}`;
    const viewsBefore = await auditRows('personal-data.read', 'call-centre-enquiry');
    const view = await agent.get(page);
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain('SECRET-NOTE-TEXT');
    expect(view.body).toContain('data-testid="timeline"');
    expect(await auditRows('personal-data.read', 'call-centre-enquiry')).toBe(viewsBefore + 1);

    const empty = await agent.post(`${page}/contacts`, { channel: 'phone', summary: '' }, page);
    expect(empty.statusCode).toBe(400);
    const logged = await agent.post(
      `${page}/contacts`,
      {
        channel: 'phone',
        summary: 'Asked when the decision is due',
      },
      page,
    );
    expect(logged.statusCode).toBe(302);
    expect((await agent.get(page)).body).toContain('Asked when the decision is due');
    expect(await auditRows('cases.contact-logged', 'call-centre-enquiry')).toBe(1);

    const sent = await agent.post(
      `${page}/messages`,
      { message: 'Please bring your passport.' },
      page,
    );
    expect(sent.statusCode).toBe(302);
    // The message is in the applicant's inbox, committed with the log entry, and sent from there.
    const told = await sql<{ event: string; body: string; application_id: string }>`
      select event, body, application_id from notifications
      where account_id = (select id from accounts where email = ${DEMO_APPLICANTS[0]!.email})
        and event = 'contact-centre-message'`.execute(app.ctx.database.db);
    expect(told.rows).toHaveLength(1);
    expect(told.rows[0]!.body).toContain('Please bring your passport.');
    expect(told.rows[0]!.application_id).toBe(kovalenko.applicationId);
    expect(await app.ctx.jobs.count(DELIVER_JOB)).toBeGreaterThan(0);
    expect(await auditRows('cases.message-sent', 'call-centre-enquiry')).toBe(1);
    const rows = await sql<{ kind: string; channel: string }>`select kind, channel from contact_log
      where case_id = ${kovalenko.caseId} order by at`.execute(app.ctx.database.db);
    expect(rows.rows).toEqual([
      { kind: 'contact', channel: 'phone' },
      { kind: 'message', channel: 'email' },
    ]);
  });
});
