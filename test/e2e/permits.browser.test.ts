import fs from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import { DEMO_PERMIT_HOLDER } from '../../src/modules/permits';
import { LANGUAGES } from '../../src/platform/i18n';
import { setCardIdentity } from '../../src/modules/cases/information-requests.test-support';
import { submittedCase } from '../../src/workbench/workbench.test-support';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness, type Harness } from './harness';
import { clickAndWait, heading, pathOf, signIn, signInStaff } from './page-helpers';

const DAY = 86_400_000;
const holderAccount = DEMO_APPLICANTS[2]!;
const BIRTH = { day: '9', month: '11', year: '1991', iso: '1991-11-09' };

/**
 * Issue 9's "Done when": an officer grants a permit; its holder downloads the PDF and the QR
 * code, makes a share code for work; an employer checks it and sees only the work facts; the
 * officer has the permit revoked (four eyes); the verifier now says revoked, online and in the
 * offline verifier file opened without network. Every page on the way is checked with axe.
 */
describeBrowser('a digital permit, from the grant to its revocation', () => {
  const h = useHarness({
    CARD_PRODUCER_SIMULATOR_DAYS: '0',
    CARD_PRODUCER_SIMULATOR_FAILURE_PERCENT: '0',
  });

  const press = (page: Page, name: string) =>
    clickAndWait(page, page.getByRole('button', { name, exact: true }));
  const follow = (page: Page, name: string) =>
    clickAndWait(page, page.getByRole('link', { name, exact: true }));

  /** An employer checks a share code with the holder's date of birth on /check. */
  async function checkCode(x: Harness, employer: Page, code: string) {
    await employer.fill('#code', code);
    await employer.fill('#dob-day', BIRTH.day);
    await employer.fill('#dob-month', BIRTH.month);
    await employer.fill('#dob-year', BIRTH.year);
    await employer.fill('#who', 'UAB Statybų meistrai');
    await press(employer, x.t('en', 'permits.check.submit'));
  }

  async function verifyPasted(x: Harness, page: Page, credential: string) {
    await page.goto('/verify?lang=en');
    await page.fill('#credential', credential);
    await press(page, x.t('en', 'verifier.paste.submit'));
    return page.locator('[data-testid="verify-result"]').getAttribute('data-status');
  }

  test('granted, shown, shared, checked, revoked', async () => {
    const x = h();
    const { t, running } = x;
    const db = running.ctx.database.db;
    const cases = running.app.modules.cases;
    const statusOf = async (id: string) => (await cases.repo.find(id))!.status;
    const granted = await submittedCase(db, cases, {
      email: holderAccount.email,
      submittedAt: new Date(Date.now() - 10 * DAY),
    });
    await setCardIdentity(db, granted.applicationId, {
      givenNames: 'ALIAKSANDR',
      surname: 'IVANOU',
      dateOfBirth: BIRTH.iso,
      nationality: 'BLR',
    });

    // --- The officer takes the case and grants it alone (no second officer for a grant). ---
    const officer = await (await x.newContext()).newPage();
    await signInStaff(officer, 'officer@vartai.demo', t, '/workbench');
    await press(officer, t('lt', 'workbench.queue.takeNext'));
    expect(pathOf(officer)).toBe(`/workbench/cases/${granted.caseId}`);
    for (const kind of ['visit-required', 'accepted', 'examination-started'])
      await press(officer, t('lt', `workbench.case.action.${kind}`));
    await follow(officer, t('lt', 'workbench.case.link.decision'));
    await officer.getByLabel(t('lt', 'decisions.outcome.grant'), { exact: true }).check();
    await officer.getByLabel('Įvykdytos paslaugos teikimo sąlygos').check();
    await officer.fill('#reasons', 'Sąlygos įvykdytos.');
    await press(officer, t('lt', 'decisions.propose.submit'));
    expect(await statusOf(granted.caseId)).toBe('granted');

    // --- The holder finds the digital permit, its QR code, the PDF and the wallet file. ---
    const holder = await (await x.newContext({ acceptDownloads: true })).newPage();
    await holder.goto('/sign-in?lang=en');
    await signIn(holder, holderAccount.email, DEMO_PASSWORD, t('en', 'accounts.signIn.submit'));
    await holder.goto('/my-permits?lang=en');
    await expectNoViolations(holder, 'portal: my digital permits');
    await clickAndWait(holder, holder.locator('a[href^="/my-permits/"]').first());
    const permitPath = pathOf(holder);
    expect(await holder.locator('main').innerText()).toContain('IVANOU');
    await expectNoViolations(holder, 'portal: a digital permit');
    const pdf = await holder.request.get(`${permitPath}/permit.pdf`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const wallet = await holder.request.get(`${permitPath}/credential`);
    expect(wallet.headers()['content-type']).toContain('application/dc+sd-jwt');
    const credential = (await wallet.text()).trim();
    // The QR code on the page reads back as the credential itself.
    const qrSrc = await holder.locator('img[src*="/qr.png"]').getAttribute('src');
    const png = PNG.sync.read(Buffer.from(await (await holder.request.get(qrSrc!)).body()));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(credential);

    // --- The holder makes a share code for work. ---
    await holder.check('input[name="purpose"][value="work"]');
    await press(holder, t('en', 'permits.share.submit'));
    await expectNoViolations(holder, 'portal: a new share code');
    const code = (await holder.locator('.govuk-panel strong').innerText()).trim();
    expect(code).toMatch(/^W\w{2} \w{3} \w{3}$/);

    // --- An employer checks it: only the work facts, never the date of birth or the number. ---
    const employer = await (await x.newContext()).newPage();
    await employer.goto('/check?lang=en');
    await expectNoViolations(employer, 'check a share code');
    await checkCode(x, employer, code);
    const shown = await employer.locator('main').innerText();
    expect(shown).toContain('IVANOU');
    expect(shown).toContain(t('en', 'permits.claim.right_to_work'));
    for (const hidden of ['birthdate', 'document_number', 'permit_ground'])
      expect(shown).not.toContain(t('en', `permits.claim.${hidden}`));
    expect(shown).not.toMatch(/SL\d{8}/);
    await expect
      .poll(async () => (await employer.locator('main img').getAttribute('src')) ?? '')
      .toContain('/credentials/photos/');
    await expectNoViolations(employer, 'check a share code: the work facts');

    // --- The holder sees who checked, when and for what. ---
    await holder.goto(`${permitPath}?lang=en`);
    expect(await holder.locator('main').innerText()).toContain('UAB Statybų meistrai');
    await expectNoViolations(holder, 'portal: a permit with a check made');

    // --- Anyone verifies the credential online: valid. ---
    const verifier = await (await x.newContext()).newPage();
    expect(await verifyPasted(x, verifier, credential)).toBe('valid');
    await expectNoViolations(verifier, 'verify: valid');

    // --- The card is made and handed over; then the permit is revoked with four eyes. ---
    await officer.goto(`/workbench/cases/${granted.caseId}`);
    await press(officer, t('lt', 'production.order'));
    const production = running.app.modules.production;
    await expect
      .poll(async () => (await production.repo.byCase(granted.caseId))?.producer_order_id ?? null)
      .not.toBeNull();
    await production.service.poll();
    expect(await statusOf(granted.caseId)).toBe('ready-for-collection');
    await officer.reload();
    await press(officer, t('lt', 'production.issue'));
    expect(await statusOf(granted.caseId)).toBe('issued');
    await follow(officer, t('lt', 'revocations.link'));
    await officer
      .getByLabel('Nebeliko pagrindo, kuriuo leidimas išduotas', { exact: false })
      .check();
    await officer.fill('#reasons', 'Darbdavys pranešė, kad darbo sutartis nutraukta.');
    await press(officer, t('lt', 'revocations.submit'));
    const lead = await (await x.newContext()).newPage();
    await signInStaff(lead, 'lead@vartai.demo', t, `/workbench/cases/${granted.caseId}`);
    await follow(lead, t('lt', 'workbench.case.link.approval'));
    await lead.getByLabel(t('lt', 'decisions.approval.approve'), { exact: true }).check();
    await press(lead, t('lt', 'decisions.approval.submit'));
    expect(await statusOf(granted.caseId)).toBe('revoked');

    // --- At once: the verifier says revoked, and the share code shows nothing any more. ---
    expect(await verifyPasted(x, verifier, credential)).toBe('revoked');
    await expectNoViolations(verifier, 'verify: revoked');
    await employer.goto('/check?lang=en');
    await checkCode(x, employer, code);
    expect(await employer.locator('main').innerText()).not.toContain('IVANOU');
    await expectNoViolations(employer, 'check a share code: permit revoked');
    await holder.goto(`${permitPath}?lang=en`);
    expect(await heading(holder)).toBeTruthy();
    await expectNoViolations(holder, 'portal: a revoked permit');

    // --- The offline verifier, downloaded now and opened from disk without any network. ---
    const file = await verifier.request.get('/verify/offline/vartai-verifier.html');
    expect(file.status()).toBe(200);
    const saved = path.join(x.dataDir, 'vartai-verifier.html');
    fs.writeFileSync(saved, await file.body());
    const offlineContext = await x.newContext({ bypassCSP: false });
    await offlineContext.setOffline(true);
    const offline = await offlineContext.newPage();
    await offline.goto(`file://${saved}`);
    await offline.fill('#credential', credential);
    await offline.click('#verify-button');
    const result = offline.locator('[data-testid="offline-result"]');
    await expect.poll(() => result.getAttribute('data-status')).toBe('revoked');
  });

  test("the holder's pages in every language (the demo permit of temporary protection)", async () => {
    const x = h();
    const page = await (await x.newContext()).newPage();
    await page.goto('/sign-in?lang=en');
    await signIn(
      page,
      DEMO_PERMIT_HOLDER.email,
      DEMO_PASSWORD,
      x.t('en', 'accounts.signIn.submit'),
    );
    for (const lang of LANGUAGES) {
      await page.goto(`/my-permits?lang=${lang}`);
      expect(await heading(page)).toBe(x.t(lang, 'permits.list.title'));
      await expectNoViolations(page, `my digital permits (${lang})`);
      await clickAndWait(page, page.locator('a[href^="/my-permits/"]').first());
      expect(await page.locator('main').innerText()).toContain(DEMO_PERMIT_HOLDER.familyName);
      await expectNoViolations(page, `the demo permit (${lang})`);
    }
  });
});
