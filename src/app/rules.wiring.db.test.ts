import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APPLICANTS } from '../modules/accounts';
import type { RulesEvaluationRow } from '../modules/rules';
import { LANGUAGES } from '../platform/i18n';
import { td3, workDraft, yymmddIn } from './rules.test-support';
import { Browser, signedIn, signedInStaff, startTestApp, type TestApp } from './test-app';

/**
 * Rules in the application journey, in the real app: the check page of a draft shows the checks
 * an applicant can fix (in the page's language, only to whoever may see the draft); submitting
 * keeps the evaluation with the case; the officer's case view shows it (audited, branch rules of
 * the case view); a withdrawn case's evaluation is closed.
 */
let app: TestApp;
let applicant: Browser;
let other: Browser;
const staff: Record<string, Browser> = {};
const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');
const t = (lang: (typeof LANGUAGES)[number], key: string) => app.ctx.i18n.t(lang, key);
/** A message as the page writes it (Nunjucks escapes quotes and apostrophes). */
const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** A passport that ends two years from now: too soon for 24 months after a 4-month term. */
const shortPassport = () => td3('900327', yymmddIn(2));

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  applicant = await signedIn(app, DEMO_APPLICANTS[0]!.email);
  other = await signedIn(app, DEMO_APPLICANTS[1]!.email);
  for (const email of [
    'officer@vartai.demo',
    'officer.kaunas@vartai.demo',
    'callcentre@vartai.demo',
  ])
    staff[email] = await signedInStaff(app, email);
});
afterAll(async () => {
  await app?.close();
});

const kept = async (applicationId: string) =>
  (
    await sql<RulesEvaluationRow>`select * from rules_evaluations
      where application_id = ${applicationId}`.execute(app.ctx.database.db)
  ).rows;

describe('checks before you submit', () => {
  it('explains failing checks with their legal basis, in all four languages', async () => {
    const id = await workDraft(app, applicant, {
      answers: { 'travel-document-mrz': shortPassport() },
      omitDocuments: ['health-insurance'],
    });
    for (const lang of LANGUAGES) {
      const page = await applicant.get(`/applications/${id}/check?lang=${lang}`);
      expect(page.statusCode).toBe(200);
      expect(page.body, lang).toContain(t(lang, 'rules.applicant.heading'));
      expect(page.body, lang).toContain(t(lang, 'rules.outcome.not-met'));
    }
    const en = (await applicant.get(`/applications/${id}/check?lang=en`)).body;
    expect(en).toContain('The travel document is valid long enough');
    expect(en).toContain('but the permit would last until');
    expect(en).toContain('Missing: Health insurance document.');
    expect(en).toContain('Legal basis: Law on the Legal Status of Foreigners');
    const uk = (await applicant.get(`/applications/${id}/check?lang=uk`)).body;
    expect(uk).toContain('Проїзний документ дійсний досить довго');
    // Evaluated on the page, never kept for a draft.
    expect(await kept(id)).toHaveLength(0);
  });

  it('cannot tell without the travel document, and says what to give and where', async () => {
    const id = await workDraft(app, applicant, { answers: { 'requested-months': '' } });
    const page = (await applicant.get(`/applications/${id}/check?lang=en`)).body;
    expect(page).toContain(t('en', 'rules.outcome.cannot-tell'));
    expect(page).toContain(
      `href="/applications/${id}/travel-document">${html(t('en', 'rules.fact.travelDocument.validUntil'))}`,
    );
    expect(page).toContain(
      `href="/applications/${id}/questions/requested-months">${html(t('en', 'rules.fact.permit.requestedMonths'))}`,
    );
  });

  it('are shown only to whoever may see the draft', async () => {
    const id = await workDraft(app, applicant);
    expect((await other.get(`/applications/${id}/check`)).statusCode).toBe(404);
    const anonymous = await new Browser(app).get(`/applications/${id}/check`);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
  });
});

describe('on submission and in the case view', () => {
  let id: string;
  let caseId: string;

  it('keeps the evaluation with the case, on the submission date', async () => {
    id = await workDraft(app, applicant, { answers: { 'travel-document-mrz': shortPassport() } });
    const res = await applicant.post(
      `/applications/${id}/submit`,
      { declaration: 'yes' },
      `/applications/${id}/check`,
    );
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/applications/${id}?submitted=1`);
    const c = await sql<{ id: string }>`select id from cases where application_id = ${id}`.execute(
      app.ctx.database.db,
    );
    caseId = c.rows[0]!.id;
    const [row] = await kept(id);
    expect(row).toMatchObject({ case_id: caseId, purpose: 'submission', closed_at: null });
    expect(row!.input).toMatchObject({
      ground: 'work',
      filedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      permit: { requestedMonths: 24 },
    });
    const travel = row!.checks.find((x) => x.check === 'travel-document-validity')!;
    expect(travel.outcome).toBe('not-met');
    expect(row!.checks.find((x) => x.check === 'document-completeness')!.outcome).toBe('met');
  });

  it('shows the kept checks to an officer who may open the case, audited', async () => {
    await sql`update cases set branch_id = (select id from branches where code = 'VLN')
      where id = ${caseId}::uuid`.execute(app.ctx.database.db);
    const [row] = await kept(id);
    const page = await staff['officer@vartai.demo']!.get(`/workbench/cases/${caseId}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(t('en', 'rules.panel.heading'));
    expect(page.body).toContain(row!.input_hash);
    expect(page.body).toContain('The travel document is valid long enough');
    expect(page.body).toContain(t('en', 'rules.panel.uncertain'));
    // In every language: the panel's words and the kept explanation in that language.
    const explained = row!.explanations as Record<
      string,
      { name: string; reasons: { text: string }[] }[]
    >;
    for (const lang of LANGUAGES) {
      const body = (
        await staff['officer@vartai.demo']!.get(`/workbench/cases/${caseId}?lang=${lang}`)
      ).body;
      expect(body, lang).toContain(t(lang, 'rules.panel.heading'));
      const travel = explained[lang]!.find((c) => c.reasons.length > 0)!;
      expect(body, lang).toContain(escapeHtml(travel.name));
      expect(body, lang).toContain(escapeHtml(travel.reasons[0]!.text));
    }
    const reads = (await app.app.modules.audit.entriesFor({ kind: 'application', id })).filter(
      (e) =>
        e.action === 'personal-data.read' && JSON.stringify(e.details).includes('rule-evaluation'),
    );
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it('hides them from another branch’s officer and the call centre', async () => {
    const [row] = await kept(id);
    const kaunas = await staff['officer.kaunas@vartai.demo']!.get(`/workbench/cases/${caseId}`);
    expect(kaunas.statusCode).toBe(404);
    expect(kaunas.body).not.toContain(row!.input_hash);
    const callCentre = await staff['callcentre@vartai.demo']!.get(`/workbench/cases/${caseId}`);
    expect(callCentre.statusCode).toBe(403);
    expect(callCentre.body).not.toContain(row!.input_hash);
    expect((await applicant.get(`/workbench/cases/${caseId}`)).statusCode).toBe(403);
  });

  it('closes the evaluation when the case is withdrawn', async () => {
    const officer = staff['officer@vartai.demo']!;
    const res = await officer.post(
      `/workbench/cases/${caseId}/actions`,
      { kind: 'withdrawn' },
      `/workbench/cases/${caseId}`,
    );
    expect(res.statusCode).toBe(302);
    const [row] = await kept(id);
    expect(row!.closed_at).not.toBeNull();
  });
});
