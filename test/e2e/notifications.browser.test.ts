import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import { submittedWithAnswers } from '../../src/modules/cases/contact-centre.test-support';
import { loadNotificationPack, renderNotification } from '../../src/modules/notifications';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, pathOf, signIn, signInStaff } from './page-helpers';

const applicant = DEMO_APPLICANTS[1]!; // Priya Sharma: her texts are in English
const MESSAGE = 'Please bring your passport to the Vilnius branch.';

/** The first SMS the development transport writes to DATA_DIR/sms-outbox (jobs poll each second). */
async function firstSms(dir: string): Promise<{ to: string; lang: string; text: string }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
    if (files.length > 0)
      return JSON.parse(fs.readFileSync(path.join(dir, files.sort()[0]!), 'utf8'));
    if (Date.now() > deadline) throw new Error(`No SMS in ${dir} within 20 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describeBrowser(
  'notifications: SMS consent, a message from the Department, read in the inbox',
  () => {
    const h = useHarness();

    test('the applicant gives a number and consent, is told by e-mail and SMS, reads it in the account', async () => {
      const { t, running, dataDir, baseUrl } = h();
      const page = await (await h().newContext()).newPage();
      await page.goto('/sign-in');
      await signIn(page, applicant.email, DEMO_PASSWORD, t('lt', 'accounts.signIn.submit'));

      // From the account page to the (empty) inbox and on to the contact preferences.
      await page.goto('/account');
      expect(await page.locator('.govuk-notification-banner').count()).toBe(0);
      await clickAndWait(
        page,
        page.getByRole('link', { name: t('lt', 'notifications.account.inboxLink'), exact: true }),
      );
      expect(pathOf(page)).toBe('/account/notifications');
      expect(await page.locator('main').innerText()).toContain(t('lt', 'notifications.inbox.none'));
      await expectNoViolations(page, 'portal: notifications, none yet');
      await clickAndWait(
        page,
        page.getByRole('link', { name: t('lt', 'notifications.inbox.preferencesLink') }),
      );
      expect(pathOf(page)).toBe('/account/contact-preferences');
      await expectNoViolations(page, 'portal: contact preferences');

      const save = page.getByRole('button', { name: t('lt', 'notifications.preferences.submit') });
      await page.fill('#mobileNumber', '8 600 12345');
      await page.check('#smsConsent');
      await clickAndWait(page, save);
      expect(await page.locator('#mobileNumber-error').innerText()).toContain(
        t('lt', 'notifications.error.mobile'),
      );
      await expectNoViolations(page, 'portal: contact preferences with errors');
      await page.fill('#mobileNumber', '+370 600 12345');
      expect(await page.isChecked('#smsConsent')).toBe(true);
      await clickAndWait(page, save);
      expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
        t('lt', 'notifications.preferences.saved'),
      );
      expect(await page.inputValue('#mobileNumber')).toBe('+37060012345');
      await expectNoViolations(page, 'portal: contact preferences saved');

      // Something happens: the contact centre writes to the applicant about her application.
      const { reference } = await submittedWithAnswers(
        running.ctx.database.db,
        running.app.modules.cases,
        applicant.email,
        { surname: 'Sharma', 'given-names': 'Priya', 'date-of-birth': '2001-09-03' },
      );
      const agent = await (await h().newContext()).newPage();
      await signInStaff(agent, 'callcentre@vartai.demo', t);
      await agent.goto(`/workbench/contact-centre/applications/${reference}`);
      await agent.fill('#message', MESSAGE);
      await clickAndWait(
        agent,
        agent.getByRole('button', { name: t('lt', 'contactCentre.application.messageSubmit') }),
      );

      // By e-mail with the message, by SMS without it: the pack's texts in her language.
      const text = renderNotification(loadNotificationPack(), 'contact-centre-message', 'en', {
        reference,
        portal: `${baseUrl}/account/notifications`,
      });
      const mail = await h().waitForEmail(applicant.email, text.subject);
      expect(mail.text).toContain(MESSAGE);
      expect(mail.text).toContain(`${baseUrl}/account/contact-preferences`);
      expect(await firstSms(path.join(dataDir, 'sms-outbox'))).toEqual({
        to: '+37060012345',
        lang: 'en',
        text: text.sms,
      });

      // In the account: the count, the unread notification, and the message itself.
      await page.goto('/account');
      expect(await page.locator('main').innerText()).toContain(
        t('lt', 'notifications.account.unread', { count: 1 }),
      );
      await expectNoViolations(page, 'portal: account with unread notifications');
      await clickAndWait(
        page,
        page.getByRole('link', { name: t('lt', 'notifications.account.link'), exact: true }),
      );
      const unread = page.getByRole('link', {
        name: `${text.subject} (${t('lt', 'notifications.inbox.unread')})`,
      });
      await expectNoViolations(page, 'portal: notifications, one unread');
      await clickAndWait(page, unread);
      expect(await page.locator('[data-testid="notification-body"]').innerText()).toContain(
        MESSAGE,
      );
      await expectNoViolations(page, 'portal: a notification');
      await clickAndWait(
        page,
        page.getByRole('link', { name: t('lt', 'notifications.back.inbox') }),
      );
      expect(await page.getByRole('link', { name: text.subject, exact: true }).count()).toBe(1);
      expect(await page.locator('main').innerText()).not.toContain(
        t('lt', 'notifications.inbox.new'),
      );
    });
  },
);
