import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import type { Language } from '../../src/platform/i18n';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { answer, scan } from './apply';
import { clickAndWait, pathOf, signIn } from './page-helpers';

describeBrowser('a foreigner applies for a work-based temporary residence permit', () => {
  const h = useHarness();

  for (const [lang, applicant] of [
    ['lt', DEMO_APPLICANTS[0]!],
    ['en', DEMO_APPLICANTS[1]!],
  ] as const) {
    test(`finds the service, fills the form, uploads, pays, submits, sees the timeline (${lang})`, async () => {
      const { t } = h();
      const page = await (await h().newContext()).newPage();
      await page.goto(`/sign-in?lang=${lang}`);
      await signIn(
        page,
        applicant.email,
        DEMO_PASSWORD,
        t(lang as Language, 'accounts.signIn.submit'),
      );

      await page.goto('/services/temporary-residence-permit');
      await expectNoViolations(page, `service page (${lang})`);
      await clickAndWait(
        page,
        page
          .locator('a[href="/applications/new?service=temporary-residence-permit&ground=work"]')
          .first(),
      );
      expect(pathOf(page)).toBe('/applications/new?service=temporary-residence-permit&ground=work');
      await expectNoViolations(page, `start page (${lang})`);
      await page.locator('input[name=urgent][value=no]').check();
      await clickAndWait(page, page.locator('main form button.govuk-button'));
      const id = /^\/applications\/([0-9a-f-]{36})$/.exec(pathOf(page))![1]!;
      await expectNoViolations(page, `task list (${lang})`);

      await clickAndWait(page, page.locator('a.govuk-task-list__link').first());
      // An empty answer first: the error summary and the inline error, in the user's language.
      await clickAndWait(page, page.locator('main form button.govuk-button').first());
      expect(await page.locator('.govuk-error-summary').count()).toBe(1);
      await expectNoViolations(page, `question with an error (${lang})`);
      for (let i = 0; i < 30 && pathOf(page).includes('/questions/'); i++) {
        if (i < 2) await expectNoViolations(page, `question page ${i} (${lang})`);
        await answer(page);
      }
      expect(pathOf(page)).toBe(`/applications/${id}/documents`);
      await expectNoViolations(page, `documents page (${lang})`);
      // The travel document step: a mistyped zone is refused with the reason, on the page.
      await page.goto(`/applications/${id}/travel-document`);
      await expectNoViolations(page, `travel document page (${lang})`);
      await page.locator('textarea[name=mrz]').fill('P<UKRKOVALENKO<<OLEKSANDR');
      await clickAndWait(page, page.locator('main form button.govuk-button'));
      expect(await page.locator('.govuk-error-summary').count()).toBe(1);
      await expectNoViolations(page, `travel document with an error (${lang})`);
      await page.goto(`/applications/${id}/documents`);
      const forms = page.locator('form[enctype="multipart/form-data"]');
      const n = await forms.count();
      expect(n).toBeGreaterThan(1);
      const pdf = await scan();
      for (let i = 0; i < n; i++) {
        const form = page.locator('form[enctype="multipart/form-data"]').nth(i);
        await form
          .locator('input[type=file]')
          .setInputFiles({ name: `document-${i}.pdf`, mimeType: 'application/pdf', buffer: pdf });
        await clickAndWait(page, form.locator('button'));
        expect(pathOf(page)).toBe(`/applications/${id}/documents`);
      }
      expect(await page.locator('a[href^="/documents/"]').count()).toBe(n);

      // The permit's fee has an exemption (graduates of Lithuanian schools): say it does not apply.
      await page.goto(`/applications/${id}/exemption`);
      await page.locator('input[name=exemption][value=none]').check();
      await clickAndWait(page, page.locator('main form button.govuk-button'));
      expect(pathOf(page)).toBe(`/applications/${id}/fee`);
      await expectNoViolations(page, `fee page (${lang})`);
      await clickAndWait(page, page.locator('main form button.govuk-button'));
      expect(pathOf(page)).toMatch(/^\/payments\/simulator\//);
      await clickAndWait(
        page,
        page.getByRole('button', { name: t(lang, 'payments.simulator.pay'), exact: true }),
      );
      await page.goto(`/applications/${id}/check`);
      await expectNoViolations(page, `check your answers (${lang})`);
      await page.locator('input[name=declaration]').check();
      await clickAndWait(page, page.locator('main form[action$="/submit"] button'));
      expect(pathOf(page)).toBe(`/applications/${id}?submitted=1`);
      expect(await page.locator('.govuk-panel').innerText()).toMatch(/VRT-\d{4}-\d{7}-\d/);
      expect(await page.locator('main ol').innerText()).toContain(
        t(lang, 'applications.event.submitted'),
      );
      expect(await page.locator('main ol').innerText()).toContain(
        t(lang, 'applications.event.fee-paid'),
      );
      // A temporary residence permit's term counts from acceptance at the visit, not from today.
      expect(await page.locator('main .govuk-summary-list').first().innerText()).toContain(
        t(lang, 'applications.overview.deadlineFromVisit'),
      );
      await expectNoViolations(page, `submitted, with timeline (${lang})`);
      await page.goto('/applications');
      expect(await page.locator(`a[href="/applications/${id}"]`).count()).toBe(1);
      await expectNoViolations(page, `list of applications (${lang})`);
      const receipt = await page.request.get(`/applications/${id}/receipt.pdf`);
      expect(receipt.status()).toBe(200);
      expect(receipt.headers()['content-type']).toBe('application/pdf');
      expect(receipt.headers()['content-disposition']).toMatch(/^attachment; filename="VRT-/);
      // Someone else asking for the same confirmation gets "not found".
      const stranger = await (await h().newContext()).newPage();
      await stranger.goto(`/sign-in?lang=${lang}`);
      await signIn(
        stranger,
        DEMO_APPLICANTS[2]!.email,
        DEMO_PASSWORD,
        t(lang as Language, 'accounts.signIn.submit'),
      );
      expect((await stranger.request.get(`/applications/${id}/receipt.pdf`)).status()).toBe(404);
      expect((await stranger.goto(`/applications/${id}`))?.status()).toBe(404);
    });
  }
});
