import { expect, test } from 'vitest';
import {
  DEMO_APPLICANTS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_TOTP_SECRET,
  totpCode,
} from '../../src/modules/accounts';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, heading, htmlLang, pathOf, signIn } from './page-helpers';

const officer = DEMO_STAFF.find((s) => s.email === 'officer@vartai.demo')!;
const applicant = DEMO_APPLICANTS[0]!;

describeBrowser('staff sign-in with a second factor; the workbench is for staff only', () => {
  const h = useHarness();

  test('a demo officer passes the TOTP step and reaches the workbench', async () => {
    const { t } = h();
    const page = await (await h().newContext()).newPage();

    await page.goto('/workbench');
    expect(pathOf(page)).toBe('/sign-in?next=%2Fworkbench');
    await expectNoViolations(page, 'sign-in page (asked for the workbench)');

    const submitSignIn = page.getByRole('button', {
      name: t('lt', 'accounts.signIn.submit'),
      exact: true,
    });
    await clickAndWait(page, submitSignIn);
    expect(await page.locator('.govuk-error-summary a[href="#email"]').innerText()).toBe(
      t('lt', 'accounts.error.emailRequired'),
    );
    await expectNoViolations(page, 'sign-in page with the fields missing');

    await signIn(page, officer.email, DEMO_PASSWORD, t('lt', 'accounts.signIn.submit'));
    expect(pathOf(page)).toBe('/sign-in/mfa?next=%2Fworkbench');
    expect(await heading(page)).toBe(t('lt', 'accounts.mfa.title'));
    await expectNoViolations(page, 'second-factor page');

    const submitCode = page.getByRole('button', {
      name: t('lt', 'accounts.mfa.submit'),
      exact: true,
    });
    await page.fill('#code', '12ab');
    await clickAndWait(page, submitCode);
    expect(await page.locator('#code-error').innerText()).toContain(
      t('lt', 'accounts.error.codeFormat'),
    );
    await expectNoViolations(page, 'second-factor page with a malformed code');

    await page.fill('#code', await totpCode(DEMO_TOTP_SECRET, new Date()));
    await clickAndWait(page, submitCode);
    expect(pathOf(page)).toBe('/workbench');
    expect(await htmlLang(page)).toBe('lt');
    expect(
      await page
        .getByRole('heading', { level: 1, name: t('lt', 'workbench.home.title') })
        .isVisible(),
    ).toBe(true);
    expect(await page.locator('main').innerText()).toContain(officer.displayName);
    await expectNoViolations(page, 'workbench (lt)');

    await clickAndWait(page, page.locator('a.govuk-language-navigation__link[lang="en"]'));
    expect(await heading(page)).toBe(t('en', 'workbench.home.title'));
    await expectNoViolations(page, 'workbench (en)');
  });

  test('a demo applicant who opens the workbench gets the 403 page', async () => {
    const { t } = h();
    const page = await (await h().newContext()).newPage();
    await page.goto('/sign-in?lang=uk');
    expect(await htmlLang(page)).toBe('uk');
    await signIn(page, applicant.email, DEMO_PASSWORD, t('uk', 'accounts.signIn.submit'));
    expect(pathOf(page)).toBe('/account');

    const response = await page.goto('/workbench');
    expect(response?.status()).toBe(403);
    expect(await heading(page)).toBe(t('uk', 'errors.status403.title'));
    await expectNoViolations(page, '403 page');
  });

  test('new staff enrol an authenticator app at their first sign-in', async () => {
    const { t } = h();
    const email = `new.officer.${Date.now().toString(36)}@vartai.demo`;
    await h().running.app.modules.accounts.service.createStaff({
      email,
      displayName: 'Jonas Naujokas',
      roles: ['officer'],
      branchCode: 'KLP',
      password: DEMO_PASSWORD,
      lang: 'lt',
    });
    const page = await (await h().newContext()).newPage();
    await page.goto('/sign-in?lang=en');
    await signIn(page, email, DEMO_PASSWORD, t('en', 'accounts.signIn.submit'));
    expect(pathOf(page)).toBe('/sign-in/mfa');
    expect(await heading(page)).toBe(t('en', 'accounts.mfa.enrolTitle'));
    expect(await page.getByRole('img', { name: t('en', 'accounts.mfa.qrAlt') }).isVisible()).toBe(
      true,
    );
    await expectNoViolations(page, 'authenticator enrolment page');

    const secret = (await page.locator('#totp-secret').innerText()).replace(/\s+/g, '');
    await page.fill('#code', await totpCode(secret, new Date()));
    await clickAndWait(
      page,
      page.getByRole('button', { name: t('en', 'accounts.mfa.submit'), exact: true }),
    );
    expect(pathOf(page)).toBe('/workbench');
    expect(await page.locator('main').innerText()).toContain('Jonas Naujokas');
  });
});
