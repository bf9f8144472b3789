import { DEMO_PASSWORD, DEMO_TOTP_SECRET, totpCode } from '../../src/modules/accounts';
import type { Locator, Page } from 'playwright-core';

/** Clicks (or does anything else) and waits until the page it leads to has loaded. */
export async function navigating(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action()]);
}

/** Clicks a link or button and waits for the next page; fails fast when the target is missing. */
export async function clickAndWait(page: Page, target: Locator): Promise<void> {
  await target.waitFor({ state: 'visible', timeout: 5_000 });
  await navigating(page, () => target.click());
}

export const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');
export const heading = (page: Page) => page.locator('h1').innerText();
export const pathOf = (page: Page) => {
  const u = new URL(page.url());
  return u.pathname + u.search;
};
export const signOutButton = (page: Page) => page.locator('form[action="/sign-out"] button');

/** Fills the sign-in form and submits it. */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  submitText: string,
): Promise<void> {
  await page.fill('#email', email);
  await page.fill('#password', password);
  await clickAndWait(page, page.getByRole('button', { name: submitText, exact: true }));
}

/**
 * Signs a demo staff member in through both steps (password, then the current TOTP code of the
 * demo key), in Lithuanian, the default language. `t` is the harness translator.
 */
export async function signInStaff(
  page: Page,
  email: string,
  t: (lang: 'lt', key: string) => string,
  next?: string,
): Promise<void> {
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  await signIn(page, email, DEMO_PASSWORD, t('lt', 'accounts.signIn.submit'));
  await page.fill('#code', await totpCode(DEMO_TOTP_SECRET, new Date()));
  await clickAndWait(
    page,
    page.getByRole('button', { name: t('lt', 'accounts.mfa.submit'), exact: true }),
  );
}
