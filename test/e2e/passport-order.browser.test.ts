import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, pathOf, signIn } from './page-helpers';

/** Gintarė, a citizen with a valid identity card and a photo on record (demo holdings). */
const GINTARE = DEMO_APPLICANTS.find((a) => a.email.startsWith('gintare'))!;
const ANSWERS: Record<string, string> = {
  'given-names': 'Gintarė',
  surname: 'Jonaitytė',
  nationality: 'LTU',
  email: 'gintare@example.lt',
  phone: '+370 600 00000',
  'personal-code': '48905120124',
};

const submit = (page: Page) => clickAndWait(page, page.locator('main form button.govuk-button'));

/** Answers every question page in turn, until the form moves on to the documents. */
async function answerAll(page: Page): Promise<void> {
  for (let i = 0; i < 15 && pathOf(page).includes('/questions/'); i++) {
    const q = pathOf(page).split('/questions/')[1]!;
    if (q === 'date-of-birth') {
      await page.locator('input[name$="-day"]').fill('12');
      await page.locator('input[name$="-month"]').fill('5');
      await page.locator('input[name$="-year"]').fill('1989');
    } else {
      await page.locator(`[name="${q}"]`).fill(ANSWERS[q] ?? 'Vilnius');
    }
    await submit(page);
  }
}

async function scan(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Scanned document');
  return Buffer.from(await doc.save());
}

describeBrowser('a citizen orders a passport by courier with a fee exemption', () => {
  const h = useHarness();

  test('chooses the speed, is refused a courier for a same-day order, claims an exemption, pays and submits (lt)', async () => {
    const { t } = h();
    const page = await (await h().newContext()).newPage();
    await page.goto('/sign-in?lang=lt');
    await signIn(page, GINTARE.email, DEMO_PASSWORD, t('lt', 'accounts.signIn.submit'));

    await page.goto('/applications/new?service=identity-documents&ground=passport');
    const self = page.locator('input[name=forWhom][value=self]');
    if ((await self.count()) > 0) await self.check();
    await page.locator('input[name=urgent][value=no]').check();
    await submit(page);
    const id = /^\/applications\/([0-9a-f-]{36})$/.exec(pathOf(page))![1]!;
    // No fee has been paid yet: the visit rule and the ordering tasks are on the task list.
    expect(await page.locator('main').innerText()).toContain(t('lt', 'ordering.visit.heading'));
    await expectNoViolations(page, 'task list with ordering tasks');

    await page.goto(`/applications/${id}/questions/given-names`);
    await answerAll(page);
    expect(pathOf(page)).toBe(`/applications/${id}/documents`);

    // Same day, then a courier: refused with the reason, in Lithuanian.
    await page.goto(`/applications/${id}/urgency`);
    await expectNoViolations(page, 'urgency page');
    await page.locator('input[name=urgency][value=same-day]').check();
    await submit(page);
    await page.goto(`/applications/${id}/delivery`);
    await expectNoViolations(page, 'delivery page');
    await page.locator('input[name=method][value=courier]').check();
    await page.locator('textarea[name=address]').fill('Gedimino pr. 1-2, LT-01103 Vilnius');
    await submit(page);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      t('lt', 'ordering.problem.delivery.not-general'),
    );
    await expectNoViolations(page, 'delivery page with an error');

    // Back to the general procedure: the courier is accepted.
    await page.goto(`/applications/${id}/urgency`);
    await page.locator('input[name=urgency][value=general]').check();
    await submit(page);
    await page.goto(`/applications/${id}/delivery`);
    await page.locator('input[name=method][value=courier]').check();
    await page.locator('textarea[name=address]').fill('Gedimino pr. 1-2, LT-01103 Vilnius');
    await submit(page);
    expect(pathOf(page)).toBe(`/applications/${id}`);

    // The minor's exemption does not fit her age; the pensioner's is taken.
    await page.goto(`/applications/${id}/exemption`);
    await expectNoViolations(page, 'exemption page');
    await page.locator('input[name=exemption][value=minor]').check();
    await submit(page);
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await expectNoViolations(page, 'exemption page with an error');
    await page.locator('input[name=exemption][value=minor]').uncheck();
    await page.locator('input[name=exemption][value=pensioner]').check();
    await submit(page);
    expect(pathOf(page)).toBe(`/applications/${id}/fee`);
    const fee = await page.locator('main').innerText();
    expect(fee).toContain('10.00 EUR');
    expect(fee).toContain('3.79 EUR');
    expect(fee).toContain('13.79 EUR');
    expect(fee).toContain(t('lt', 'ordering.exemption.officersVerify'));
    await expectNoViolations(page, 'fee page with exemption and courier');
    await submit(page);
    expect(pathOf(page)).toMatch(/^\/payments\/simulator\//);
    await clickAndWait(
      page,
      page.getByRole('button', { name: t('lt', 'payments.simulator.pay'), exact: true }),
    );

    await page.goto(`/applications/${id}/documents`);
    const forms = page.locator('form[enctype="multipart/form-data"]');
    const n = await forms.count();
    const pdf = await scan();
    for (let i = 0; i < n; i++) {
      const form = page.locator('form[enctype="multipart/form-data"]').nth(i);
      await form
        .locator('input[type=file]')
        .setInputFiles({ name: `document-${i}.pdf`, mimeType: 'application/pdf', buffer: pdf });
      await clickAndWait(page, form.locator('button'));
    }

    await page.goto(`/applications/${id}/check`);
    const check = await page.locator('main').innerText();
    expect(check).toContain(
      t('lt', 'ordering.delivery.summary.courier', {
        address: 'Gedimino pr. 1-2, LT-01103 Vilnius',
      }),
    );
    expect(check).toContain(
      t('lt', 'ordering.fee.exemption', { exemption: 'Senatvės pensininkas', percent: 20 }),
    );
    await expectNoViolations(page, 'check your answers with ordering choices');
    await page.locator('input[name=declaration]').check();
    await clickAndWait(page, page.locator('main form[action$="/submit"] button'));
    expect(pathOf(page)).toBe(`/applications/${id}?submitted=1`);
    expect(await page.locator('main ol').innerText()).toContain(
      t('lt', 'applications.event.delivery-chosen'),
    );
  });
});
