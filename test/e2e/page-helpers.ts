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

/** TOTP time step (RFC 6238 default, as accounts/totp.ts uses). */
const TOTP_STEP_MS = 30_000;
/** When each staff member last signed in from this test file (one database per file). */
const lastSignIn = new Map<string, number>();

/**
 * The server refuses a TOTP code it already accepted (replay protection), so the same staff
 * member signing in twice within one 30-second step must wait for the next code.
 */
async function awaitFreshTotp(email: string): Promise<void> {
  const before = lastSignIn.get(email);
  const now = Date.now();
  if (
    before !== undefined &&
    Math.floor(before / TOTP_STEP_MS) === Math.floor(now / TOTP_STEP_MS)
  ) {
    const nextStep = (Math.floor(now / TOTP_STEP_MS) + 1) * TOTP_STEP_MS;
    await new Promise((resolve) => setTimeout(resolve, nextStep - now + 250));
  }
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
  await awaitFreshTotp(email);
  const at = new Date();
  await page.fill('#code', await totpCode(DEMO_TOTP_SECRET, at));
  lastSignIn.set(email, at.getTime());
  await clickAndWait(
    page,
    page.getByRole('button', { name: t('lt', 'accounts.mfa.submit'), exact: true }),
  );
}
