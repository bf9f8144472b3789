import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import type { Language } from '../../src/platform/i18n';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, heading, htmlLang, pathOf, signIn } from './page-helpers';

describeBrowser('paying a fee: provider page, return page, receipts', () => {
  const h = useHarness();

  /** Waits until the provider's asynchronous notification for the payment has been recorded. */
  async function callbackArrived(paymentId: string): Promise<void> {
    const repo = h().running.app.modules.payments.repo;
    for (let i = 0; i < 100; i++) {
      if ((await repo.eventsFor(paymentId)).some((e) => e.source === 'callback')) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`No provider notification recorded for payment ${paymentId}`);
  }

  for (const [lang, applicant] of [
    ['lt', DEMO_APPLICANTS[0]!],
    ['en', DEMO_APPLICANTS[1]!],
  ] as const) {
    test(`an applicant pays, comes back, and finds the receipt (${lang})`, async () => {
      const { t, running } = h();
      const modules = running.app.modules;
      const accountId = (await modules.accounts.repo.findByEmail(applicant.email))!.id;
      const page = await (await h().newContext()).newPage();
      await page.goto(`/sign-in?lang=${lang}`);
      await signIn(
        page,
        applicant.email,
        DEMO_PASSWORD,
        t(lang as Language, 'accounts.signIn.submit'),
      );
      expect(pathOf(page)).toBe('/account');

      // What the applications module does when the applicant chooses to pay the fee.
      const reference = { kind: 'application', id: `browser-${lang}-${Date.now()}` };
      const started = await modules.payments.startPayment({
        payer: { accountId },
        reference,
        amountCents: 12_000,
        description: 'Leidimas laikinai gyventi Lietuvoje – valstybės rinkliava',
        returnUrl: '/account',
      });
      expect(started.status).toBe('pending');

      await page.goto(started.redirectUrl);
      expect(await htmlLang(page)).toBe(lang);
      expect(await heading(page)).toBe(t(lang, 'payments.simulator.title'));
      expect(await page.locator('main').innerText()).toContain('Leidimas laikinai gyventi');
      await expectNoViolations(page, `simulated provider page (${lang})`);

      await clickAndWait(
        page,
        page.getByRole('button', { name: t(lang, 'payments.simulator.pay'), exact: true }),
      );
      expect(pathOf(page)).toMatch(new RegExp(`^/payments/${started.paymentId}/return\\?ref=sim_`));
      expect(await heading(page)).toBe(t(lang, 'payments.return.title.paid'));
      await expectNoViolations(page, `return page, paid (${lang})`);

      // The provider's server-to-server notification arrives through the job queue.
      await callbackArrived(started.paymentId);
      expect(await modules.payments.isPaid(reference)).toBe(true);

      await clickAndWait(
        page,
        page.getByRole('link', { name: t(lang, 'payments.return.receiptsLink'), exact: true }),
      );
      expect(pathOf(page)).toBe('/account/payments');
      expect(await heading(page)).toBe(t(lang, 'payments.receipts.title'));
      const link = page.locator(`a[href="/account/payments/${started.paymentId}/receipt.pdf"]`);
      expect(await link.count()).toBe(1);
      await expectNoViolations(page, `receipts page (${lang})`);

      const pdf = await page.request.get(`/account/payments/${started.paymentId}/receipt.pdf`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
    });
  }

  test('a declined payment offers a retry (en)', async () => {
    const { t, running } = h();
    const modules = running.app.modules;
    const applicant = DEMO_APPLICANTS[2]!;
    const accountId = (await modules.accounts.repo.findByEmail(applicant.email))!.id;
    const page = await (await h().newContext()).newPage();
    await page.goto('/sign-in?lang=en');
    await signIn(page, applicant.email, DEMO_PASSWORD, t('en', 'accounts.signIn.submit'));
    const started = await modules.payments.startPayment({
      payer: { accountId },
      reference: { kind: 'application', id: `browser-decline-${Date.now()}` },
      amountCents: 6_000,
      description: 'Vizos rinkliava',
      returnUrl: '/account',
    });
    // Back before deciding (e.g. with the browser's back button): the payment is still open.
    await page.goto(`/payments/${started.paymentId}/return`);
    expect(await heading(page)).toBe(t('en', 'payments.return.title.pending'));
    await expectNoViolations(page, 'return page, pending (en)');
    await page.goto(started.redirectUrl);
    await clickAndWait(
      page,
      page.getByRole('button', { name: t('en', 'payments.simulator.decline'), exact: true }),
    );
    expect(await heading(page)).toBe(t('en', 'payments.return.title.failed'));
    await expectNoViolations(page, 'return page, declined (en)');
    await clickAndWait(
      page,
      page.getByRole('button', { name: t('en', 'payments.return.retry'), exact: true }),
    );
    expect(pathOf(page)).toMatch(/^\/payments\/simulator\/sim_/);
    expect(await heading(page)).toBe(t('en', 'payments.simulator.title'));
  });
});
