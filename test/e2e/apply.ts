import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { clickAndWait } from './page-helpers';

/** Fills whatever one question page asks, the way a person would, and goes on. */
export async function answer(page: Page): Promise<void> {
  const radios = page.locator('main input[type=radio]');
  if ((await radios.count()) > 0) {
    await radios.first().check();
  } else if ((await page.locator('main input[name$="-day"]').count()) > 0) {
    await page.locator('main input[name$="-day"]').fill('27');
    await page.locator('main input[name$="-month"]').fill('3');
    await page.locator('main input[name$="-year"]').fill('1990');
  } else if ((await page.locator('main textarea').count()) > 0) {
    await page.locator('main textarea').fill('Gedimino pr. 1, Vilnius');
  } else {
    const input = page.locator('main input.govuk-input').first();
    const type = await input.getAttribute('type');
    const mode = await input.getAttribute('inputmode');
    const cls = (await input.getAttribute('class')) ?? '';
    await input.fill(
      type === 'email'
        ? 'oleksandr@example.ua'
        : type === 'tel'
          ? '+370 600 00000'
          : mode === 'numeric'
            ? '3200'
            : cls.includes('width-5')
              ? 'UKR'
              : 'Kovalenko',
    );
  }
  await clickAndWait(page, page.locator('main form button.govuk-button').first());
}

export async function scan(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Scanned document');
  return Buffer.from(await doc.save());
}

/**
 * Applies for a work-based temporary residence permit through the portal as the signed-in
 * person: answers, documents, the fee on the payment simulator, the declaration, submission.
 * Returns the application id. (The journey test checks each step; this one just gets there.)
 */
export async function submitWorkPermit(page: Page, payLabel: string): Promise<string> {
  await page.goto('/applications/new?service=temporary-residence-permit&ground=work');
  await page.locator('input[name=urgent][value=no]').check();
  await clickAndWait(page, page.locator('main form button.govuk-button'));
  const id = /^\/applications\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)![1]!;
  await clickAndWait(page, page.locator('a.govuk-task-list__link').first());
  for (let i = 0; i < 30 && page.url().includes('/questions/'); i++) await answer(page);
  await page.goto(`/applications/${id}/documents`);
  const pdf = await scan();
  const n = await page.locator('form[enctype="multipart/form-data"]').count();
  for (let i = 0; i < n; i++) {
    const form = page.locator('form[enctype="multipart/form-data"]').nth(i);
    await form
      .locator('input[type=file]')
      .setInputFiles({ name: `document-${i}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    await clickAndWait(page, form.locator('button'));
  }
  await page.goto(`/applications/${id}/exemption`);
  await page.locator('input[name=exemption][value=none]').check();
  await clickAndWait(page, page.locator('main form button.govuk-button'));
  await clickAndWait(page, page.locator('main form button.govuk-button'));
  await clickAndWait(page, page.getByRole('button', { name: payLabel, exact: true }));
  await page.goto(`/applications/${id}/check`);
  await page.locator('input[name=declaration]').check();
  await clickAndWait(page, page.locator('main form[action$="/submit"] button'));
  return id;
}
