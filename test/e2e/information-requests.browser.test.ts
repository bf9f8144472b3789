import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD, DEMO_STAFF } from '../../src/modules/accounts';
import { openInExamination } from '../../src/modules/cases/information-requests.test-support';
import { makePdf } from '../../src/modules/documents';
import { loadNotificationPack } from '../../src/modules/notifications';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, heading, pathOf, signIn, signInStaff } from './page-helpers';

const officer = DEMO_STAFF.find((s) => s.email === 'officer@vartai.demo')!;
const applicant = DEMO_APPLICANTS[0]!;

describeBrowser('request for information: the officer asks, the applicant answers', () => {
  const h = useHarness();

  test('workbench request page and portal answer page, with errors, checked with axe', async () => {
    const { t, running, dataDir } = h();
    const { caseId, applicationId } = await openInExamination(
      running.ctx.database.db,
      running.app.modules.cases,
      applicant.email,
    );

    // The officer (TOTP) asks for a signed contract.
    const staff = await (await h().newContext()).newPage();
    await signInStaff(staff, officer.email, t);
    await staff.goto(`/workbench/cases/${caseId}/information-request`);
    expect(await heading(staff)).toBe(t('lt', 'informationRequests.workbench.title'));
    await expectNoViolations(staff, 'workbench: request information');

    const send = staff.getByRole('button', { name: t('lt', 'informationRequests.workbench.send') });
    await clickAndWait(staff, send);
    expect(await staff.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectNoViolations(staff, 'workbench: request information with errors');

    const due = new Date(Date.now() + 14 * 86_400_000);
    await staff.fill('#otherItems', 'Signed employment contract');
    await staff.fill('#message', 'The contract you sent is not signed.');
    await staff.fill('#dueOn-day', String(due.getUTCDate()));
    await staff.fill('#dueOn-month', String(due.getUTCMonth() + 1));
    await staff.fill('#dueOn-year', String(due.getUTCFullYear()));
    await clickAndWait(staff, send);
    expect(await staff.locator('.govuk-notification-banner').innerText()).toContain(
      t('lt', 'informationRequests.workbench.sent'),
    );
    await expectNoViolations(staff, 'workbench: request sent');

    // The applicant is told by e-mail (the pack's text, in their language, without the request's
    // contents) and sees a notice on the application's page.
    const subject =
      loadNotificationPack().templates['information-requested'].subject[applicant.lang];
    const mail = await h().waitForEmail(applicant.email, subject);
    expect(mail.text).toContain(`/applications/${applicationId}/information-requests/1`);
    expect(mail.text).not.toContain('Signed employment contract');
    expect(mail.text).not.toContain('The contract you sent is not signed.');
    const page = await (await h().newContext()).newPage();
    await page.goto('/sign-in');
    await signIn(page, applicant.email, DEMO_PASSWORD, t('lt', 'accounts.signIn.submit'));
    await page.goto(`/applications/${applicationId}`);
    await clickAndWait(
      page,
      page.getByRole('link', { name: t('lt', 'informationRequests.portal.noticeLink') }),
    );
    expect(pathOf(page)).toBe(`/applications/${applicationId}/information-requests`);
    expect(await page.locator('main').innerText()).toContain('Signed employment contract');
    await expectNoViolations(page, 'portal: requests for information');

    await clickAndWait(page, page.locator(`a[href$="/information-requests/1"]`));
    await expectNoViolations(page, 'portal: answer a request');
    const sendAnswer = page.getByRole('button', {
      name: t('lt', 'informationRequests.portal.send'),
    });
    await clickAndWait(page, sendAnswer);
    expect(await page.locator('#answer-error').innerText()).toContain(
      t('lt', 'informationRequests.error.emptyAnswer'),
    );
    await expectNoViolations(page, 'portal: answer a request with errors');

    const file = path.join(dataDir, 'contract.pdf');
    fs.writeFileSync(file, await makePdf());
    await page.setInputFiles('#file', file);
    await clickAndWait(
      page,
      page.getByRole('button', { name: t('lt', 'informationRequests.portal.upload') }),
    );
    expect(await page.locator('main').innerText()).toContain('contract.pdf');
    await page.fill('#answer', 'The signed contract is attached.');
    await clickAndWait(page, sendAnswer);
    expect(pathOf(page)).toBe(`/applications/${applicationId}/information-requests`);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      t('lt', 'informationRequests.portal.answered'),
    );
    expect((await running.app.modules.cases.repo.find(caseId))!.status).toBe('in-examination');

    // The officer sees the answer and its document.
    await staff.reload();
    expect(await staff.locator('main').innerText()).toContain('The signed contract is attached.');
    expect(await staff.locator('main a', { hasText: 'contract.pdf' }).count()).toBe(1);
  });
});
