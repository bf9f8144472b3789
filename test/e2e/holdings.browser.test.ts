import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, heading, pathOf, signIn } from './page-helpers';

describeBrowser('documents a person holds: reminder, loss report, renewal', () => {
  const h = useHarness();

  test('a citizen sees the passport reminder, reports the identity card stolen, and renews the passport (lt)', async () => {
    const { t, running } = h();
    const citizen = DEMO_APPLICANTS.at(-1)!;
    const page = await (await h().newContext()).newPage();
    await page.goto('/sign-in?lang=lt');
    await signIn(page, citizen.email, DEMO_PASSWORD, t('lt', 'accounts.signIn.submit'));
    expect(pathOf(page)).toBe('/account');
    // The 60-day reminder of the passport, as a banner on the account page.
    const banner = page.locator('.govuk-notification-banner');
    expect(await banner.innerText()).toContain(t('lt', 'holdings.kind.passport'));
    await expectNoViolations(page, 'account page with a renewal reminder');

    await clickAndWait(page, banner.getByRole('link'));
    expect(pathOf(page)).toBe('/my-documents');
    expect(await heading(page)).toBe(t('lt', 'holdings.list.title'));
    await expectNoViolations(page, '/my-documents');

    const accountId = (await running.app.modules.accounts.repo.findByEmail(citizen.email))!.id;
    const held = await running.app.modules.holdings.repo.listForHolder(accountId);
    const card = held.find((d) => d.kind === 'identity-card')!;
    const passport = held.find((d) => d.kind === 'passport')!;

    await clickAndWait(page, page.locator(`a[href="/my-documents/${card.id}/report-loss"]`));
    expect(await heading(page)).toBe(t('lt', 'holdings.report.title'));
    await expectNoViolations(page, 'report page');

    // Submitting without the confirmation: the error summary, checked by axe too.
    await page.getByLabel(t('lt', 'holdings.report.stolen'), { exact: true }).check();
    await page.fill('#occurred-day', '2');
    await page.fill('#occurred-month', '1');
    await page.fill('#occurred-year', '2026');
    await page.fill('#place', 'Vilnius');
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'holdings.report.submit') }));
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      t('lt', 'holdings.error.confirm'),
    );
    await expectNoViolations(page, 'report page with an error');

    await page.getByLabel(t('lt', 'holdings.report.confirm')).check();
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'holdings.report.submit') }));
    expect(pathOf(page)).toBe(`/my-documents/${card.id}/report-loss?reported=1`);
    expect(await page.locator('.govuk-panel').innerText()).toContain(
      t('lt', 'holdings.reported.invalidNow'),
    );
    expect((await running.app.modules.holdings.repo.find(card.id))!.status).toBe('reported-stolen');
    await expectNoViolations(page, 'report confirmation');

    // The confirmation e-mail goes out through the job queue.
    const mail = await h().waitForEmail(citizen.email, t('lt', 'holdings.kind.identity-card'));
    expect(mail.text).toContain(card.document_number);

    await page.goto('/my-documents');
    await clickAndWait(
      page,
      page.getByRole('button', { name: new RegExp(t('lt', 'holdings.list.renew')) }),
    );
    expect(pathOf(page)).toMatch(/^\/applications\/[0-9a-f-]{36}$/);
    const draft = await running.app.modules.applications.service.getVisible(
      pathOf(page).split('/').at(-1)!,
      { kind: 'applicant', accountId, email: citizen.email, displayName: citizen.displayName },
    );
    expect(draft.answers['personal-code']).toBe(passport.personal_code);
  });
});
