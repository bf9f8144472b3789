import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { raisedSalaryThreshold } from '../../src/modules/rules/impact.test-support';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { heading, navigating, pathOf, signInStaff } from './page-helpers';

/** Tomorrow and later in Vilnius, whatever day the test runs. */
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describeBrowser('rules administration', () => {
  const h = useHarness();

  test('a rules author reads a table, is told what is wrong with a version, loads it, runs its impact analysis and withdraws it, without the app’s script (axe on each state)', async () => {
    const { t } = h();
    const context = await h().newContext();
    await context.route('**/assets/init.js', (route) => route.abort());
    const page = await context.newPage();
    await signInStaff(page, 'rules@vartai.demo', t, '/workbench');

    await navigating(page, () =>
      page.getByRole('link', { name: t('lt', 'rules-admin.nav'), exact: true }).click(),
    );
    expect(pathOf(page)).toBe('/workbench/rules');
    expect(await heading(page)).toBe(t('lt', 'rules-admin.list.title'));
    await expectNoViolations(page, 'rule sets');

    await navigating(page, () =>
      page.locator('[data-testid="version-highly-qualified-salary-1"]').getByRole('link').click(),
    );
    expect(await page.locator('[data-testid="table-highly-qualified-salary"]').count()).toBe(1);
    await expectNoViolations(page, 'a rule set version as tables');

    // A FEEL error: the summary names table, rule and cell and the text is kept.
    const version = `b${randomUUID().slice(0, 8)}`;
    const text = raisedSalaryThreshold({ effectiveFrom: day(30), version });
    await page.goto(`${h().baseUrl}/workbench/rules/load`);
    await page.locator('#source').fill(text.replace('">= 1.7 * vdu"', '">= 1.7 * * vdu"'));
    await navigating(page, () =>
      page.getByRole('button', { name: t('lt', 'rules-admin.load.submit') }).click(),
    );
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.innerText()).toContain('rule general-threshold-reached, cell when[2]');
    expect(await page.locator('#source').inputValue()).toContain('1.7 * * vdu');
    await expectNoViolations(page, 'load form with an error');

    await page.locator('#source').fill(text);
    await navigating(page, () =>
      page.getByRole('button', { name: t('lt', 'rules-admin.load.submit') }).click(),
    );
    expect(pathOf(page)).toMatch(/^\/workbench\/rules\/versions\//);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      t('lt', 'rules-admin.flash.loaded'),
    );
    await expectNoViolations(page, 'a loaded version');

    await navigating(page, () =>
      page.getByRole('button', { name: t('lt', 'rules-admin.impact.run') }).click(),
    );
    expect(pathOf(page)).toMatch(/^\/workbench\/rules\/reports\//);
    await expectNoViolations(page, 'an impact analysis, asked for');
    // Run it here rather than wait for a worker; the page then shows the report.
    await h().running.app.modules.rulesAdmin.impact.run(pathOf(page).split('/').at(-1)!);
    await page.reload();
    expect(await page.locator('[data-testid="impact-status"]').getAttribute('data-status')).toBe(
      'done',
    );
    await expectNoViolations(page, 'an impact analysis, done');

    await page.goBack();
    await page.reload();
    await navigating(page, () =>
      page.getByRole('button', { name: t('lt', 'rules-admin.version.withdraw') }).click(),
    );
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      t('lt', 'rules-admin.flash.withdrawn'),
    );
  });
});
