import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import { td3, workDraft, yymmddIn } from '../../src/app/rules.test-support';
import { Browser, signedIn, type TestApp } from '../../src/app/test-app';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, signIn, signInStaff } from './page-helpers';

const applicant = DEMO_APPLICANTS[1]!; // Priya Sharma, English

describeBrowser('rule checks: before submission and in the case view', () => {
  const h = useHarness();

  test('the draft explains a failing check; the officer sees the kept checks', async () => {
    const { t, running } = h();
    // Drafts are prepared through the app itself (answers and documents written directly).
    const app = running as unknown as TestApp;
    const direct: Browser = await signedIn(app, applicant.email);
    const shortPassport = td3('900327', yymmddIn(2));
    const incomplete = await workDraft(app, direct, {
      answers: { 'travel-document-mrz': shortPassport },
      omitDocuments: ['health-insurance'],
    });
    const complete = await workDraft(app, direct, {
      answers: { 'travel-document-mrz': shortPassport },
    });

    const page = await (await h().newContext()).newPage();
    await page.goto('/sign-in?lang=en');
    await signIn(page, applicant.email, DEMO_PASSWORD, t('en', 'accounts.signIn.submit'));
    await page.goto(`/applications/${incomplete}/check?lang=en`);
    const section = page.locator('[data-testid="rule-checks"]');
    await expect(section.locator('h2').innerText()).resolves.toBe(
      t('en', 'rules.applicant.heading'),
    );
    const travel = section.locator('[data-check="travel-document-validity"]');
    await expect(travel.innerText()).resolves.toContain(t('en', 'rules.outcome.not-met'));
    await expect(travel.innerText()).resolves.toContain('but the permit would last until');
    await expect(travel.innerText()).resolves.toContain(
      'Legal basis: Law on the Legal Status of Foreigners',
    );
    const documents = section.locator('[data-check="document-completeness"]');
    await expect(documents.innerText()).resolves.toContain('Missing: Health insurance document.');
    await expectNoViolations(page, 'check page with rule checks');

    // The complete draft is submitted from the same page; its checks are kept with the case.
    await page.goto(`/applications/${complete}/check?lang=en`);
    await page.locator('input[name=declaration]').check();
    await clickAndWait(page, page.locator('main form[action$="/submit"] button'));
    expect(new URL(page.url()).pathname).toBe(`/applications/${complete}`);
    const caseId = (
      await sql<{ id: string }>`select id from cases where application_id = ${complete}`.execute(
        running.ctx.database.db,
      )
    ).rows[0]!.id;

    const officer = await (await h().newContext()).newPage();
    await signInStaff(officer, 'officer@vartai.demo', t, `/workbench/cases/${caseId}`);
    const panel = officer.locator('[data-testid="rule-checks-panel"]');
    await expect(panel.locator('h2').innerText()).resolves.toBe(t('lt', 'rules.panel.heading'));
    await expect(
      panel.locator('[data-check="travel-document-validity"]').innerText(),
    ).resolves.toContain(t('lt', 'rules.outcome.not-met'));
    await expect(panel.locator('[data-testid="input-hash"]').innerText()).resolves.toMatch(
      /^[0-9a-f]{64}$/,
    );
    await expectNoViolations(officer, 'case view with the rule checks panel');
  });
});
