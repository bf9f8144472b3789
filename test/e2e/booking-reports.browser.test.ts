import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { heading, navigating, pathOf, signInStaff } from './page-helpers';

describeBrowser('booking reports for administrators', () => {
  const h = useHarness();

  test('an administrator finds a report from the menu and marks it as seen with the keyboard, without the app’s script (axe on each state)', async () => {
    const { t, running } = h();
    // Ten accounts booking from one address within a day: the detection opens a report.
    const abuse = running.app.modules.appointments.abuse;
    for (let i = 0; i < 10; i++)
      await abuse.record({ accountId: randomUUID(), address: '203.0.113.9', action: 'booked' });
    await abuse.detect(new Date());

    // Without the app's own script (progressive enhancement off): the page must work alone.
    const context = await h().newContext();
    await context.route('**/assets/init.js', (route) => route.abort());
    const page = await context.newPage();
    await signInStaff(page, 'admin@vartai.demo', t, '/workbench');
    expect(await page.locator('[data-testid="booking-reports-count"]').innerText()).toContain(
      t('lt', 'bookingReports.home', { count: 1 }),
    );
    await expectNoViolations(page, 'workbench home of an administrator');

    await navigating(page, () =>
      page.getByRole('link', { name: t('lt', 'bookingReports.nav'), exact: true }).click(),
    );
    expect(pathOf(page)).toBe('/workbench/booking-reports');
    expect(await heading(page)).toBe(t('lt', 'bookingReports.title'));
    const report = page.locator('[data-testid="booking-report"]');
    expect(await report.count()).toBe(1);
    expect(await report.innerText()).toContain(
      t('lt', 'bookingReports.kind.many-accounts-one-source'),
    );
    expect(await page.content()).not.toContain('203.0.113.9');
    await expectNoViolations(page, 'booking reports, one open');

    // Keyboard only: focus the button and press Enter; the form works without JavaScript.
    const button = report.getByRole('button', {
      name: new RegExp(t('lt', 'bookingReports.acknowledge')),
    });
    await button.focus();
    await navigating(page, () => page.keyboard.press('Enter'));
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      t('lt', 'bookingReports.flash.acknowledged'),
    );
    expect(await page.locator('[data-testid="no-reports"]').innerText()).toBe(
      t('lt', 'bookingReports.none'),
    );
    await expectNoViolations(page, 'booking reports, none open, after acknowledging');
  });
});
