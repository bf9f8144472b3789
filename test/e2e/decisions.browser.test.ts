import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import { openInExamination } from '../../src/modules/cases/information-requests.test-support';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness, type Harness } from './harness';
import { clickAndWait, heading, pathOf, signIn, signInStaff } from './page-helpers';

const applicant = DEMO_APPLICANTS[0]!;

async function staffPage(h: Harness, email: string): Promise<Page> {
  const page = await (await h.newContext()).newPage();
  await signInStaff(page, email, h.t);
  return page;
}

describeBrowser('decision with four eyes, and the applicant reads the letter', () => {
  const h = useHarness();

  test('an officer proposes a refusal, may not approve it, a team lead approves, the applicant reads the letter', async () => {
    const { t, running } = h();
    const { caseId, applicationId } = await openInExamination(
      running.ctx.database.db,
      running.app.modules.cases,
      applicant.email,
    );

    const officer = await staffPage(h(), 'officer@vartai.demo');
    await officer.goto(`/workbench/cases/${caseId}/decision`);
    expect(await heading(officer)).toBe(t('lt', 'decisions.propose.title'));
    await expectNoViolations(officer, 'workbench: propose a decision');

    const propose = officer.getByRole('button', { name: t('lt', 'decisions.propose.submit') });
    await clickAndWait(officer, propose);
    expect(await officer.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectNoViolations(officer, 'workbench: propose a decision with errors');

    await officer.getByLabel(t('lt', 'decisions.outcome.refuse'), { exact: true }).check();
    await officer.getByLabel('Nepakanka lėšų pragyvenimui').check();
    await officer.fill('#reasons', 'Banko išrašai nerodo pakankamų lėšų.');
    await clickAndWait(officer, propose);
    expect((await running.app.modules.cases.repo.find(caseId))!.status).toBe('decision-proposed');

    // The proposer opens the approval page and tries to approve: refused on the server.
    await officer.goto(`/workbench/cases/${caseId}/approval`);
    expect(await heading(officer)).toBe(t('lt', 'decisions.approval.title'));
    await expectNoViolations(officer, 'workbench: approval page');
    await officer.getByLabel(t('lt', 'decisions.approval.approve'), { exact: true }).check();
    await clickAndWait(
      officer,
      officer.getByRole('button', { name: t('lt', 'decisions.approval.submit') }),
    );
    expect(await officer.locator('.govuk-error-summary').innerText()).toContain(
      t('lt', 'decisions.refused.same-officer'),
    );
    await expectNoViolations(officer, 'workbench: approval refused to the proposer');
    expect((await running.app.modules.cases.repo.find(caseId))!.status).toBe('decision-proposed');

    const lead = await staffPage(h(), 'lead@vartai.demo');
    await lead.goto(`/workbench/cases/${caseId}/approval`);
    expect(await lead.locator('main').innerText()).toContain(
      'Banko išrašai nerodo pakankamų lėšų.',
    );
    await lead.getByLabel(t('lt', 'decisions.approval.approve'), { exact: true }).check();
    await clickAndWait(
      lead,
      lead.getByRole('button', { name: t('lt', 'decisions.approval.submit') }),
    );
    expect((await running.app.modules.cases.repo.find(caseId))!.status).toBe('refused');

    // The applicant is told by e-mail in their language and reads the letters in the portal.
    const reference = `TEST-${applicationId.slice(0, 8)}`;
    const mail = await h().waitForEmail(applicant.email, reference);
    expect(mail.text).toContain(`/applications/${applicationId}/letters`);
    const page = await (await h().newContext()).newPage();
    await page.goto('/sign-in');
    await signIn(page, applicant.email, DEMO_PASSWORD, t('lt', 'accounts.signIn.submit'));
    await page.goto(`/applications/${applicationId}`);
    await clickAndWait(page, page.getByRole('link', { name: t('lt', 'decisions.letters.link') }));
    expect(pathOf(page)).toBe(`/applications/${applicationId}/letters`);
    await expectNoViolations(page, 'portal: decision letters');
    const links = page.locator(`main a[href*="/letters/"]`);
    expect(await links.count()).toBe(2);
    const pdf = await page.request.get(`/applications/${applicationId}/letters/2.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
