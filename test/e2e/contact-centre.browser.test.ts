import { expect, test } from 'vitest';
import { DEMO_APPLICANTS } from '../../src/modules/accounts';
import { submittedWithAnswers } from '../../src/modules/cases/contact-centre.test-support';
import { loadNotificationPack, renderNotification } from '../../src/modules/notifications';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, heading, signInStaff } from './page-helpers';

const applicant = DEMO_APPLICANTS[0]!;

describeBrowser(
  'contact centre: find an application, log the contact, write to the applicant',
  () => {
    const h = useHarness();

    test('search page and application page, with errors, checked with axe', async () => {
      const { t, running } = h();
      const { reference } = await submittedWithAnswers(
        running.ctx.database.db,
        running.app.modules.cases,
        applicant.email,
        { surname: 'Šapošnikova', 'given-names': 'Ana', 'date-of-birth': '1988-11-03' },
      );
      const page = await (await h().newContext()).newPage();
      await signInStaff(page, 'callcentre@vartai.demo', t);
      await page.goto('/workbench/contact-centre');
      expect(await heading(page)).toBe(t('lt', 'contactCentre.search.title'));
      await expectNoViolations(page, 'contact centre: search');

      const search = page.getByRole('button', {
        name: `${t('lt', 'contactCentre.search.submit')} – ${t('lt', 'contactCentre.search.byName')}`,
      });
      await clickAndWait(page, search);
      expect(await page.locator('.govuk-error-summary').isVisible()).toBe(true);
      await expectNoViolations(page, 'contact centre: search with errors');

      await page.fill('#name', 'ana saposnikova');
      await page.fill('#birthDate-day', '3');
      await page.fill('#birthDate-month', '11');
      await page.fill('#birthDate-year', '1988');
      await clickAndWait(page, search);
      await expectNoViolations(page, 'contact centre: results');
      await clickAndWait(page, page.getByRole('link', { name: reference }));
      expect(await heading(page)).toBe(t('lt', 'contactCentre.application.title', { reference }));
      await expectNoViolations(page, 'contact centre: application');

      await page.check('#channel');
      await page.fill('#summary', 'Klausė apie terminą');
      await clickAndWait(
        page,
        page.getByRole('button', { name: t('lt', 'contactCentre.application.logSubmit') }),
      );
      expect(await page.locator('[data-testid="contact-log"]').innerText()).toContain(
        'Klausė apie terminą',
      );
      await page.fill('#message', 'Atvykite su pasu.');
      await clickAndWait(
        page,
        page.getByRole('button', { name: t('lt', 'contactCentre.application.messageSubmit') }),
      );
      await expectNoViolations(page, 'contact centre: message sent');
      const { subject } = renderNotification(
        loadNotificationPack(),
        'contact-centre-message',
        applicant.lang,
        { reference },
      );
      const mail = await h().waitForEmail(applicant.email, subject);
      expect(mail.text).toContain('Atvykite su pasu.');
    });
  },
);
