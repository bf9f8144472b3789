import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, heading, htmlLang, pathOf, signIn, signOutButton } from './page-helpers';

const applicant = DEMO_APPLICANTS.find((a) => a.lang === 'en')!;

describeBrowser('without JavaScript', () => {
  const h = useHarness();

  test('an applicant signs in, sees their account, switches language and signs out', async () => {
    const { t } = h();
    const context = await h().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();

    await page.goto('/sign-in?lang=en');
    expect(await htmlLang(page)).toBe('en');
    // The error pattern is server-side: it works without scripts.
    await clickAndWait(
      page,
      page.getByRole('button', { name: t('en', 'accounts.signIn.submit'), exact: true }),
    );
    expect(await page.locator('.govuk-error-summary a[href="#password"]').innerText()).toBe(
      t('en', 'accounts.error.passwordRequired'),
    );

    await signIn(page, applicant.email, DEMO_PASSWORD, t('en', 'accounts.signIn.submit'));
    expect(pathOf(page)).toBe('/account');
    expect(await heading(page)).toBe(t('en', 'accounts.account.title'));
    expect(await page.locator('.govuk-summary-list').innerText()).toContain(applicant.displayName);

    await clickAndWait(page, page.locator('a.govuk-language-navigation__link[lang="lt"]'));
    expect(await htmlLang(page)).toBe('lt');
    expect(await heading(page)).toBe(t('lt', 'accounts.account.title'));

    await clickAndWait(page, signOutButton(page));
    expect(pathOf(page)).toBe('/?signedOut=1');
    await page.goto('/account');
    expect(pathOf(page)).toBe('/sign-in?next=%2Faccount');
  });

  test('pages as rendered without the enhancement script pass axe', async () => {
    // axe itself needs JavaScript, so the enhancement script is blocked instead of all scripts.
    const { t } = h();
    const context = await h().newContext();
    await context.route('**/assets/init.js', (route) => route.abort());
    const page = await context.newPage();
    for (const path of ['/?lang=en', '/sign-up', '/sign-in']) {
      await page.goto(path);
      expect(await page.locator('body.js-enabled').count(), 'govuk-frontend did not start').toBe(0);
      await expectNoViolations(page, `${path} without scripts`);
    }
    await clickAndWait(
      page,
      page.getByRole('button', { name: t('en', 'accounts.signIn.submit'), exact: true }),
    );
    await expectNoViolations(page, 'sign-in errors without scripts');
    await signIn(page, applicant.email, DEMO_PASSWORD, t('en', 'accounts.signIn.submit'));
    expect(pathOf(page)).toBe('/account');
    await expectNoViolations(page, 'account without scripts');
  });
});
