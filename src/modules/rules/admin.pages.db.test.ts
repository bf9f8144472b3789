import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn, signedInStaff, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS } from '../accounts';
import { insertSubmission, raisedSalaryThreshold } from './impact.test-support';

/**
 * The rules administration pages: staff with the rules role read, load, withdraw and analyse;
 * administrators read only; officers, team leads, the call centre and applicants are refused.
 */
const PAGE = '/workbench/rules';
let app: TestApp;
let rules: Browser;
let admin: Browser;
const others = new Map<string, Browser>();
const OTHER_STAFF = ['officer@vartai.demo', 'lead@vartai.demo', 'callcentre@vartai.demo'];
/** Tomorrow and later in Vilnius, whatever day the test runs. */
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startTestApp();
  rules = await signedInStaff(app, 'rules@vartai.demo');
  admin = await signedInStaff(app, 'admin@vartai.demo');
  for (const email of OTHER_STAFF) others.set(email, await signedInStaff(app, email));
});
afterAll(async () => {
  await app?.close();
});

describe('who may use the rules pages', () => {
  it('lets the rules role and administrators read, and refuses everyone else', async () => {
    for (const url of [PAGE, `${PAGE}/highly-qualified-salary/1`]) {
      expect((await rules.get(url)).statusCode, url).toBe(200);
      expect((await admin.get(url)).statusCode, url).toBe(200);
      for (const [email, b] of others) expect((await b.get(url)).statusCode, email).toBe(403);
      const applicant = await signedIn(app, DEMO_APPLICANTS[0]!.email);
      expect((await applicant.get(url)).statusCode).toBe(403);
      const anonymous = await new Browser(app).get(url);
      expect(anonymous.headers.location).toMatch(/^\/sign-in/);
    }
    expect((await rules.get('/workbench')).body).toContain(`href="${PAGE}"`);
    expect((await others.get('officer@vartai.demo')!.get('/workbench')).body).not.toContain(
      `href="${PAGE}"`,
    );
  });

  it('lets only the rules role load (administrators read but do not load)', async () => {
    expect((await rules.get(`${PAGE}/load`)).statusCode).toBe(200);
    expect((await admin.get(`${PAGE}/load`)).statusCode).toBe(403);
    const text = raisedSalaryThreshold({ effectiveFrom: day(30), version: 'admin-try' });
    expect((await admin.post(`${PAGE}/load`, { source: text }, PAGE)).statusCode).toBe(403);
    expect(
      (
        await others
          .get('officer@vartai.demo')!
          .post(`${PAGE}/load`, { source: text }, '/workbench')
      ).statusCode,
    ).toBe(403);
    // Without the form's token: refused.
    expect((await rules.postRaw(`${PAGE}/load`, { source: text })).statusCode).toBe(403);
  });
});

describe('the rules pages', () => {
  it("shows a rule set version as tables with legal references in the reader's language", async () => {
    const res = await rules.get(`${PAGE}/highly-qualified-salary/1?lang=en`);
    expect(res.body).toContain('data-testid="table-highly-qualified-salary"');
    expect(res.body).toContain('data-testid="rule-general-threshold-reached"');
    expect(res.body).toContain('Law on the Legal Status of Foreigners, Art. 44-1');
    expect(res.body).toContain('FIRST');
    const lt = await rules.get(`${PAGE}/highly-qualified-salary/1?lang=lt`);
    expect(lt.body).toContain('44-1 str.');
  });

  it('re-renders the form with the error naming table, rule and cell, keeping the text', async () => {
    const broken = raisedSalaryThreshold({ effectiveFrom: day(30), version: 'bad' }).replace(
      '">= 1.7 * vdu"',
      '">= 1.7 * * vdu"',
    );
    const res = await rules.post(`${PAGE}/load?lang=en`, { source: broken }, `${PAGE}/load`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('A FEEL expression does not compile');
    expect(res.body).toMatch(
      /table highly-qualified-salary, rule general-threshold-reached, cell when\[2\]/,
    );
    expect(res.body).toContain('1.7 * * vdu'); // the text is kept
  });

  it('loads a version, runs its impact analysis as a job, and withdraws it', async () => {
    const hq = (salary: number) => ({
      service: 'temporary-residence-permit',
      ground: 'highly-qualified',
      employment: { monthlySalaryCents: salary, shortageOccupation: false },
    });
    const changed = await insertSubmission(app.ctx.database.db, hq(340_000));
    await insertSubmission(app.ctx.database.db, hq(400_000));
    const text = raisedSalaryThreshold({ effectiveFrom: day(30), version: '2' });
    const loaded = await rules.post(`${PAGE}/load`, { source: text });
    expect(loaded.statusCode).toBe(302);
    const versionUrl = String(loaded.headers.location);
    expect(versionUrl).toMatch(/^\/workbench\/rules\/versions\/[0-9a-f-]{36}$/);
    const page = await rules.get(`${versionUrl}?lang=en`);
    expect(page.body).toContain('Run impact analysis');
    expect((await rules.get(`${PAGE}?lang=en`)).body).toContain('Scheduled');

    const asked = await rules.post(`${versionUrl}/impact`, {}, versionUrl);
    expect(asked.statusCode).toBe(302);
    const reportUrl = String(asked.headers.location);
    expect((await rules.get(reportUrl)).body).toMatch(/data-status="(queued|running|done)"/);
    const reportId = reportUrl.split('/').at(-1)!;
    await app.app.modules.rulesAdmin.impact.run(reportId);
    const report = await admin.get(`${reportUrl}?lang=en`);
    expect(report.body).toContain('data-status="done"');
    expect(report.body).toContain(`data-application="${changed}"`);
    expect(report.body).toContain('Cases whose outcome changes: 1.');

    const withdrawn = await rules.post(`${versionUrl}/withdraw`, {}, versionUrl);
    expect(withdrawn.statusCode).toBe(302);
    expect((await rules.get(`${versionUrl}?lang=en`)).body).toContain('Withdrawn');
  });
});
