import { expect, test } from 'vitest';
import { DEMO_APPLICANTS } from '../../src/modules/accounts';
import type { Language } from '../../src/platform/i18n';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, heading, htmlLang, pathOf, signIn, signOutButton } from './page-helpers';

const PASSWORD = 'Saulėta-vasara-prie-jūros-2026';
const NAME = 'Aistė Petraitytė';

describeBrowser('applicant journey: sign up, confirm, sign in, languages, sign out', () => {
  const h = useHarness();

  test('a new applicant gets from the home page to their account and out again', async () => {
    const { t, baseUrl } = h();
    // The service opens in Lithuanian whatever the browser's language.
    const page = await (await h().newContext({ locale: 'en-GB' })).newPage();
    const email = `aiste.${Date.now().toString(36)}@example.com`;

    await page.goto('/');
    expect(await htmlLang(page)).toBe('lt');
    expect(await heading(page)).toBe(t('lt', 'portal.home.heading'));
    await expectNoViolations(page, 'home page');

    await clickAndWait(page, page.locator('main a.govuk-button--start'));
    expect(pathOf(page)).toBe('/sign-up');
    expect(await heading(page)).toBe(t('lt', 'accounts.signUp.title'));
    await expectNoViolations(page, 'sign-up form');

    // An empty form: the GOV.UK error summary links to each field, which shows its own error.
    const submit = page.getByRole('button', {
      name: t('lt', 'accounts.signUp.submit'),
      exact: true,
    });
    await clickAndWait(page, submit);
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.locator('.govuk-error-summary__title').innerText()).toBe(
      t('lt', 'common.errorSummaryTitle'),
    );
    const expected = {
      displayName: 'accounts.error.nameRequired',
      email: 'accounts.error.emailRequired',
      password: 'accounts.error.passwordRequired',
    };
    for (const [field, key] of Object.entries(expected)) {
      expect(await summary.locator(`a[href="#${field}"]`).innerText()).toBe(t('lt', key));
      expect(await page.locator(`#${field}-error`).innerText()).toContain(t('lt', key));
    }
    expect(await page.title()).toMatch(new RegExp(`^${t('lt', 'common.errorPrefix')}: `));
    await expectNoViolations(page, 'sign-up form with every field missing');
    await summary.locator('a[href="#email"]').click();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'email',
    );

    // A wrong e-mail address: the name and address stay, only the address is in error.
    await page.fill('#displayName', NAME);
    await page.fill('#email', 'not-an-email');
    await clickAndWait(page, submit);
    expect(await page.locator('#email-error').innerText()).toContain(
      t('lt', 'accounts.error.emailInvalid'),
    );
    expect(await page.inputValue('#displayName')).toBe(NAME);
    expect(await page.inputValue('#email')).toBe('not-an-email');
    expect(await page.locator('#displayName-error').count()).toBe(0);
    await expectNoViolations(page, 'sign-up form with a wrong e-mail address');

    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.fill('#passwordConfirm', PASSWORD);
    await clickAndWait(page, submit);
    expect(await heading(page)).toBe(t('lt', 'accounts.checkEmail.title'));
    expect(await page.locator('main').innerText()).toContain(email);
    await expectNoViolations(page, 'check-your-e-mail page');

    const mail = await h().waitForEmail(email, t('lt', 'email.verify-email.subject'));
    expect(mail.link, mail.text).toMatch(new RegExp(`^${baseUrl}/verify-email\\?token=`));
    await page.goto(mail.link!);
    expect(pathOf(page)).toBe('/sign-in');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      t('lt', 'accounts.verified.flash'),
    );
    await expectNoViolations(page, 'sign-in page after confirming the address');

    await signIn(page, email, PASSWORD, t('lt', 'accounts.signIn.submit'));
    expect(pathOf(page)).toBe('/account');
    expect(await heading(page)).toBe(t('lt', 'accounts.account.title'));
    expect(await page.locator('.govuk-summary-list').innerText()).toContain(NAME);
    await expectNoViolations(page, 'account page (lt)');

    // The language navigation: each link switches the page (and the remembered language).
    const signOutTexts = new Map<Language, string>([['lt', await signOutButton(page).innerText()]]);
    expect(signOutTexts.get('lt')).toBe(t('lt', 'common.signOut'));
    for (const lang of ['en', 'ru', 'uk'] as const) {
      await clickAndWait(page, page.locator(`a.govuk-language-navigation__link[lang="${lang}"]`));
      expect(pathOf(page)).toBe(`/account?lang=${lang}`);
      expect(await htmlLang(page)).toBe(lang);
      expect(await heading(page)).toBe(t(lang, 'accounts.account.title'));
      expect(
        await page.locator('.govuk-language-navigation [aria-current="true"]').getAttribute('lang'),
      ).toBe(lang);
      signOutTexts.set(lang, await signOutButton(page).innerText());
      expect(signOutTexts.get(lang)).toBe(t(lang, 'common.signOut'));
      await expectNoViolations(page, `account page (${lang})`);
    }
    expect(new Set(signOutTexts.values()).size, 'each language has its own sign-out text').toBe(4);
    await page.goto('/account');
    expect(await htmlLang(page), 'the chosen language is remembered').toBe('uk');

    await clickAndWait(page, signOutButton(page));
    expect(pathOf(page)).toBe('/?signedOut=1');
    expect(await page.locator('main [role="status"]').innerText()).toBe(
      t('uk', 'portal.home.signedOut'),
    );
    expect(await signOutButton(page).count()).toBe(0);
    await expectNoViolations(page, 'home page after signing out');

    await page.goto('/account');
    expect(pathOf(page)).toBe('/sign-in?next=%2Faccount');
    expect(await heading(page)).toBe(t('uk', 'accounts.signIn.title'));
    await expectNoViolations(page, 'sign-in page after asking for /account signed out');
  });

  test('an applicant who forgot the password gets a link and chooses a new one', async () => {
    const { t, baseUrl } = h();
    const applicant = DEMO_APPLICANTS.find((a) => a.lang === 'ru')!;
    const page = await (await h().newContext()).newPage();
    const newPassword = 'Tylus-ežeras-po-mėnuliu-42';

    await page.goto('/sign-in?lang=ru');
    await clickAndWait(page, page.locator('main a[href="/password/forgot"]'));
    expect(await heading(page)).toBe(t('ru', 'accounts.forgot.title'));
    await expectNoViolations(page, 'forgotten-password form');
    const send = page.getByRole('button', { name: t('ru', 'accounts.forgot.submit'), exact: true });
    await clickAndWait(page, send);
    expect(await page.locator('#email-error').innerText()).toContain(
      t('ru', 'accounts.error.emailRequired'),
    );
    await expectNoViolations(page, 'forgotten-password form without an address');
    await page.fill('#email', applicant.email);
    await clickAndWait(page, send);
    expect(await heading(page)).toBe(t('ru', 'accounts.checkEmail.title'));
    await expectNoViolations(page, 'check-your-e-mail page (reset)');

    // The message is in the account's language (Russian for this demo applicant).
    const mail = await h().waitForEmail(applicant.email, t('ru', 'email.reset-password.subject'));
    expect(mail.link, mail.text).toMatch(new RegExp(`^${baseUrl}/password/reset\\?token=`));
    await page.goto(mail.link!);
    expect(await heading(page)).toBe(t('ru', 'accounts.reset.title'));
    await expectNoViolations(page, 'new-password form');

    const save = page.getByRole('button', { name: t('ru', 'accounts.reset.submit'), exact: true });
    await page.fill('#password', newPassword);
    await page.fill('#passwordConfirm', `${newPassword}!`);
    await clickAndWait(page, save);
    expect(await page.locator('#passwordConfirm-error').innerText()).toContain(
      t('ru', 'accounts.error.passwordsDiffer'),
    );
    await expectNoViolations(page, 'new-password form with passwords that differ');
    await page.fill('#password', 'short');
    await page.fill('#passwordConfirm', 'short');
    await clickAndWait(page, save);
    expect(await page.locator('#password-error').innerText()).toContain(
      t('ru', 'accounts.password.too-short'),
    );
    await expectNoViolations(page, 'new-password form with a refused password');

    await page.fill('#password', newPassword);
    await page.fill('#passwordConfirm', newPassword);
    await clickAndWait(page, save);
    expect(pathOf(page)).toBe('/sign-in');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      t('ru', 'accounts.reset.flash'),
    );
    await expectNoViolations(page, 'sign-in page after a password reset');

    await signIn(page, applicant.email, newPassword, t('ru', 'accounts.signIn.submit'));
    expect(pathOf(page)).toBe('/account');
    await page.goto(mail.link!);
    expect(await heading(page), 'a reset link works once').toBe(t('ru', 'accounts.reset.title'));
    await page.fill('#password', newPassword);
    await page.fill('#passwordConfirm', newPassword);
    await clickAndWait(page, save);
    expect(await heading(page)).toBe(t('ru', 'accounts.linkInvalid.title'));
    await expectNoViolations(page, 'used reset link');
  });
});
