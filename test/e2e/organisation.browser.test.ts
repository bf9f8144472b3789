import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_ORGANISATION, DEMO_PASSWORD } from '../../src/modules/accounts';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, pathOf, signIn } from './page-helpers';

/**
 * Filing on behalf of others in a real browser: the demo employer's administrator registers and
 * manages the organisation, files for an invited foreigner and sees the invitee list; the
 * foreigner is e-mailed, verifies the address and finds the application; a parent starts an
 * application for a child. Every new page is checked with axe, errors included.
 */
describeBrowser('an organisation files for a foreigner; a parent files for a child', () => {
  const h = useHarness();

  test('the demo employer files for an invitee who then sees it in their account (lt)', async () => {
    const { t } = h();
    const page = await (await h().newContext()).newPage();
    await page.goto('/sign-in?lang=lt');
    await signIn(
      page,
      DEMO_ORGANISATION.adminEmail,
      DEMO_PASSWORD,
      t('lt', 'accounts.signIn.submit'),
    );
    await page.goto('/account');
    await clickAndWait(page, page.locator('a[href="/organisation"]'));
    await expectNoViolations(page, 'organisations hub');

    // A code the register does not know: the error summary and the field error, in Lithuanian.
    await page.fill('#code', '999999999');
    await page.locator('input[name=kind][value=employer]').check();
    await clickAndWait(page, page.locator('main form button.govuk-button'));
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      t('lt', 'accounts.organisation.error.not-found'),
    );
    await expectNoViolations(page, 'organisations hub with an error');

    await clickAndWait(page, page.locator('main a[href^="/organisations/"]').first());
    const orgId = /^\/organisations\/([0-9a-f-]{36})$/.exec(pathOf(page))![1]!;
    expect(await page.locator('h1').innerText()).toBe('UAB „Baltijos programinė įranga“');
    await expectNoViolations(page, 'organisation page');
    // Adding a colleague who has no account: refused on the form.
    await page.fill('#email', 'no-such-colleague@example.lt');
    await clickAndWait(page, page.locator(`form[action="/organisations/${orgId}/members"] button`));
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await expectNoViolations(page, 'organisation page with an error');

    await clickAndWait(page, page.locator(`a[href="/organisations/${orgId}/applications/new"]`));
    await expectNoViolations(page, 'choose the service to file');
    await page.locator('input[name=service][value="temporary-residence-permit"]').check();
    await clickAndWait(page, page.locator('main form button.govuk-button'));
    await expectNoViolations(page, 'file for an invitee');
    await clickAndWait(page, page.locator('main form button.govuk-button'));
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await expectNoViolations(page, 'file for an invitee, with errors');
    await page.locator('input[name=ground][value=work]').check();
    await page.fill('#name', 'Nguyen Van An');
    const invitee = 'nguyen.van.an@example.vn';
    await page.fill('#email', invitee);
    await page.selectOption('#lang', 'en');
    await clickAndWait(page, page.locator('main form button.govuk-button'));
    const id = /^\/applications\/([0-9a-f-]{36})$/.exec(pathOf(page))![1]!;
    expect(await page.locator('main').innerText()).toContain('Nguyen Van An');

    await page.goto(`/organisations/${orgId}/invitees`);
    expect(await page.locator(`a[href="/applications/${id}"]`).count()).toBe(1);
    expect(await page.locator('main').innerText()).toContain(invitee);
    await expectNoViolations(page, 'invitee list');

    // The foreigner: the e-mail, an account with that address, the application in their list.
    const mail = await h().waitForEmail(invitee, 'UAB');
    expect(mail.text).toContain('/sign-up');
    const foreigner = await (await h().newContext()).newPage();
    await foreigner.goto('/sign-up?lang=en');
    const password = 'Saigon-rain-over-the-Neris';
    await foreigner.fill('#displayName', 'Nguyen Van An');
    await foreigner.fill('#email', invitee);
    await foreigner.fill('#password', password);
    await foreigner.fill('#passwordConfirm', password);
    await clickAndWait(foreigner, foreigner.locator('main form button[type=submit]'));
    const verify = await h().waitForEmail(invitee, t('en', 'email.verify-email.subject'));
    await foreigner.goto(verify.link!);
    await foreigner.goto('/sign-in?lang=en');
    await signIn(foreigner, invitee, password, t('en', 'accounts.signIn.submit'));
    await foreigner.goto('/applications');
    expect(await foreigner.locator('main').innerText()).toContain(
      t('en', 'applications.list.filedBy', { organisation: 'UAB „Baltijos programinė įranga“' }),
    );
    await expectNoViolations(foreigner, 'applications list with one filed for me');
    await clickAndWait(foreigner, foreigner.locator(`a[href="/applications/${id}"]`));
    expect(await foreigner.locator('main ol').innerText()).toContain(
      t('en', 'applications.event.claimed'),
    );
  });

  test('a parent starts an application for a child, and an adult is refused (en)', async () => {
    const { t } = h();
    const parent = DEMO_APPLICANTS[1]!;
    const page = await (await h().newContext()).newPage();
    await page.goto('/sign-in?lang=en');
    await signIn(page, parent.email, DEMO_PASSWORD, t('en', 'accounts.signIn.submit'));
    await page.goto('/applications/new?service=temporary-residence-permit&ground=family');
    await page.locator('input[name=forWhom][value=child]').check();
    await expectNoViolations(page, 'start page, for my child');
    await page.locator('input[name=urgent][value=no]').check();
    await page.fill('#childName', 'Aarav Sharma');
    await page.fill('#childBirthDate-day', '1');
    await page.fill('#childBirthDate-month', '1');
    await page.fill('#childBirthDate-year', '2000');
    await clickAndWait(page, page.locator('main form button.govuk-button'));
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      t('en', 'applications.forWhom.error.notMinor'),
    );
    await expectNoViolations(page, 'start page, child too old');
    await page.fill('#childBirthDate-year', '2016');
    await clickAndWait(page, page.locator('main form button.govuk-button'));
    expect(pathOf(page)).toMatch(/^\/applications\/[0-9a-f-]{36}$/);
    await page.goto('/applications');
    expect(await page.locator('main').innerText()).toContain('Aarav Sharma');
  });
});
