import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, heading, htmlLang, pathOf, signIn, signOutButton } from './page-helpers';

const applicant = DEMO_APPLICANTS[1]!;

describeBrowser('without JavaScript', () => {
  const h = useHarness();

  test('an applicant signs in, sees their account, switches language and signs out', async () => {
    const { t } = h();
    const context = await h().newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const page = await context.newPage();

    await page.goto('/sign-in');
    expect(await htmlLang(page)).toBe('en');
    // The error pattern is server-side: it works without scripts.
    await clickAndWait(page, page.getByRole('button', { name: t('en', 'accounts.signIn.submit'), exact: true }));
    expect(await page.locator('.govuk-error-summary a[href="#password"]').innerText()).toBe(t('en', 'accounts.error.passwordRequired'));

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
});
