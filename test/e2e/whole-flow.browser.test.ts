import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import { setCardIdentity } from '../../src/modules/cases/information-requests.test-support';
import { submittedCase } from '../../src/workbench/workbench.test-support';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness, type Harness } from './harness';
import { clickAndWait, heading, pathOf, signIn, signInStaff } from './page-helpers';

const DAY = 86_400_000;
const refused = DEMO_APPLICANTS[0]!;
const granted = DEMO_APPLICANTS[1]!;

/**
 * Issue 4's "Done when", in one browser session per person: an officer takes a submitted case,
 * asks for information, the applicant answers in the portal, the officer proposes a refusal, a
 * team lead approves it and the applicant reads the letter; another case is granted, its holder
 * chooses a courier and pays for it, the card is produced, sent by courier and issued, and later
 * revoked with a second officer's approval. Every page
 * on the way is checked with axe. The simulators produce and deliver at once (configuration).
 */
describeBrowser('the whole examination, from taking a case to the issued card', () => {
  const h = useHarness({
    CARD_PRODUCER_SIMULATOR_DAYS: '0',
    CARD_PRODUCER_SIMULATOR_FAILURE_PERCENT: '0',
    COURIER_SIMULATOR_DAYS: '0',
  });

  const pressButton = (page: Page, name: string) =>
    clickAndWait(page, page.getByRole('button', { name, exact: true }));
  const followLink = (page: Page, name: string) =>
    clickAndWait(page, page.getByRole('link', { name, exact: true }));

  async function applicantPage(x: Harness, email: string): Promise<Page> {
    const page = await (await x.newContext()).newPage();
    await page.goto('/sign-in');
    await signIn(page, email, DEMO_PASSWORD, x.t('lt', 'accounts.signIn.submit'));
    return page;
  }

  /** On the case view: the simple actions up to examination, each a button press. */
  async function intoExamination(x: Harness, officer: Page) {
    for (const kind of ['visit-required', 'accepted', 'examination-started']) {
      await pressButton(officer, x.t('lt', `workbench.case.action.${kind}`));
    }
    expect(await officer.locator('[data-testid="case-summary"]').innerText()).toContain(
      x.t('lt', 'workbench.status.in-examination'),
    );
  }

  test('refusal with four eyes after a request for information; grant, courier and issue', async () => {
    const x = h();
    const { t, running } = x;
    const db = running.ctx.database.db;
    const cases = running.app.modules.cases;
    const statusOf = async (id: string) => (await cases.repo.find(id))!.status;
    const first = await submittedCase(db, cases, {
      email: refused.email,
      submittedAt: new Date(Date.now() - 30 * DAY),
    });
    const second = await submittedCase(db, cases, {
      email: granted.email,
      submittedAt: new Date(Date.now() - 10 * DAY),
    });
    // The card is personalised with the holder's identity from the application.
    await setCardIdentity(db, second.applicationId, {
      givenNames: 'PRIYA',
      surname: 'SHARMA',
      dateOfBirth: '2001-09-03',
      nationality: 'IND',
    });

    // --- The officer takes the oldest submitted case and asks for what is missing. ---
    const officer = await (await x.newContext()).newPage();
    await signInStaff(officer, 'officer@vartai.demo', t, '/workbench');
    await expectNoViolations(officer, 'workbench: queue');
    await pressButton(officer, t('lt', 'workbench.queue.takeNext'));
    expect(pathOf(officer)).toBe(`/workbench/cases/${first.caseId}`);
    await expectNoViolations(officer, 'workbench: the taken case');
    await intoExamination(x, officer);

    await followLink(officer, t('lt', 'workbench.case.link.informationRequest'));
    await expectNoViolations(officer, 'workbench: request information');
    const due = new Date(Date.now() + 14 * DAY);
    await officer.fill('#otherItems', 'Pasirašyta darbo sutartis');
    await officer.fill('#message', 'Pateikta sutartis nepasirašyta.');
    await officer.fill('#dueOn-day', String(due.getUTCDate()));
    await officer.fill('#dueOn-month', String(due.getUTCMonth() + 1));
    await officer.fill('#dueOn-year', String(due.getUTCFullYear()));
    await pressButton(officer, t('lt', 'informationRequests.workbench.send'));
    await expectNoViolations(officer, 'workbench: request sent');
    expect(await statusOf(first.caseId)).toBe('information-requested');

    // --- The applicant answers in the portal. ---
    const applicant = await applicantPage(x, refused.email);
    await applicant.goto(`/applications/${first.applicationId}`);
    await expectNoViolations(applicant, 'portal: application with a request for information');
    await followLink(applicant, t('lt', 'informationRequests.portal.noticeLink'));
    await expectNoViolations(applicant, 'portal: requests for information');
    await clickAndWait(applicant, applicant.locator('a[href$="/information-requests/1"]'));
    await expectNoViolations(applicant, 'portal: answer a request');
    await applicant.fill('#answer', 'Sutartis pasirašyta ir pridėta iš naujo.');
    await pressButton(applicant, t('lt', 'informationRequests.portal.send'));
    await expectNoViolations(applicant, 'portal: request answered');
    expect(await statusOf(first.caseId)).toBe('in-examination');

    // --- The officer proposes a refusal; a team lead approves it. ---
    await officer.goto(`/workbench/cases/${first.caseId}/information-request`);
    expect(await officer.locator('main').innerText()).toContain(
      'Sutartis pasirašyta ir pridėta iš naujo.',
    );
    await officer.goto(`/workbench/cases/${first.caseId}`);
    await followLink(officer, t('lt', 'workbench.case.link.decision'));
    await expectNoViolations(officer, 'workbench: propose a decision');
    await officer.getByLabel(t('lt', 'decisions.outcome.refuse'), { exact: true }).check();
    await officer.getByLabel('Nepakanka lėšų pragyvenimui').check();
    await officer.fill('#reasons', 'Banko išrašai nerodo pakankamų lėšų pragyvenimui.');
    await pressButton(officer, t('lt', 'decisions.propose.submit'));
    expect(await statusOf(first.caseId)).toBe('decision-proposed');

    const lead = await (await x.newContext()).newPage();
    await signInStaff(lead, 'lead@vartai.demo', t, `/workbench/cases/${first.caseId}`);
    await followLink(lead, t('lt', 'workbench.case.link.approval'));
    await expectNoViolations(lead, 'workbench: approve a refusal');
    await lead.getByLabel(t('lt', 'decisions.approval.approve'), { exact: true }).check();
    await pressButton(lead, t('lt', 'decisions.approval.submit'));
    expect(await statusOf(first.caseId)).toBe('refused');

    // --- The applicant is told in the account (in Ukrainian, the account's language) and reads the letter. ---
    // The decision's notice is written by a background job: the inbox shows it once it ran.
    const inbox = async () => {
      await applicant.goto('/account/notifications');
      return applicant.locator('main').innerText();
    };
    const told = [
      `Ухвалено рішення щодо заяви ${first.reference}`,
      'Для вашої заяви потрібна додаткова інформація',
    ];
    await expect
      .poll(async () => {
        const text = await inbox();
        return told.filter((x) => !text.includes(x));
      })
      .toEqual([]);
    await expectNoViolations(applicant, 'portal: notifications');
    await applicant.goto(`/applications/${first.applicationId}`);
    await followLink(applicant, t('lt', 'decisions.letters.link'));
    expect(await heading(applicant)).toBeTruthy();
    await expectNoViolations(applicant, 'portal: decision letters');
    const pdf = await applicant.request.get(`/applications/${first.applicationId}/letters/1.pdf`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // --- Another case: granted by the officer alone. ---
    await officer.goto('/workbench');
    await pressButton(officer, t('lt', 'workbench.queue.takeNext'));
    expect(pathOf(officer)).toBe(`/workbench/cases/${second.caseId}`);
    await intoExamination(x, officer);
    await followLink(officer, t('lt', 'workbench.case.link.decision'));
    await officer.getByLabel(t('lt', 'decisions.outcome.grant'), { exact: true }).check();
    await officer.getByLabel('Įvykdytos paslaugos teikimo sąlygos').check();
    await officer.fill('#reasons', 'Pateikti visi dokumentai, sąlygos įvykdytos.');
    await pressButton(officer, t('lt', 'decisions.propose.submit'));
    expect(await statusOf(second.caseId)).toBe('granted');

    // --- The holder chooses a courier and pays its fee. ---
    const holder = await applicantPage(x, granted.email);
    await holder.goto(`/applications/${second.applicationId}`);
    await followLink(holder, t('lt', 'deliveryChoice.noticeLink'));
    expect(pathOf(holder)).toBe(`/applications/${second.applicationId}/receive`);
    await expectNoViolations(holder, 'portal: choose collection or courier');
    await holder.check('#method-2');
    await holder.fill('#address', 'x');
    await pressButton(holder, t('lt', 'deliveryChoice.save'));
    expect(await holder.locator('#address-error').innerText()).toContain(
      t('lt', 'deliveryChoice.problem.address-required'),
    );
    await expectNoViolations(holder, 'portal: choose collection or courier, with an error');
    await holder.fill('#address', 'Gedimino pr. 1-2, LT-01103 Vilnius');
    await pressButton(holder, t('lt', 'deliveryChoice.save'));
    expect(await heading(holder)).toBe(t('lt', 'payments.simulator.title'));
    await pressButton(holder, t('lt', 'payments.simulator.pay'));
    expect(await heading(holder)).toBe(t('lt', 'payments.return.title.paid'));
    await holder.goto(`/applications/${second.applicationId}/receive`);
    expect(await holder.locator('[data-testid="delivery-current"]').innerText()).toBe(
      t('lt', 'deliveryChoice.current.courier', { address: 'Gedimino pr. 1-2, LT-01103 Vilnius' }),
    );
    await expectNoViolations(holder, 'portal: courier chosen and paid');

    // --- The officer orders the card; it is produced, sent by courier and delivered. ---
    await officer.goto(`/workbench/cases/${second.caseId}`);
    await pressButton(officer, t('lt', 'production.order'));
    expect(await statusOf(second.caseId)).toBe('document-ordered');
    await expectNoViolations(officer, 'workbench: document ordered');
    const production = running.app.modules.production;
    // The order job sends it to the producer in the background; then the scheduled poll runs.
    await expect
      .poll(async () => (await production.repo.byCase(second.caseId))?.producer_order_id ?? null)
      .not.toBeNull();
    await production.service.poll();
    expect(await statusOf(second.caseId)).toBe('sent-by-courier');
    const order = await production.repo.byCase(second.caseId);
    expect(order!.tracking_reference).toMatch(/^CR/);
    await holder.reload();
    expect(await holder.locator('[data-testid="delivery-current"]').innerText()).toBe(
      t('lt', 'deliveryChoice.current.sent', { tracking: order!.tracking_reference! }),
    );
    await expectNoViolations(holder, 'portal: card sent by courier');

    await production.service.poll();
    expect(await statusOf(second.caseId)).toBe('issued');
    await officer.reload();
    expect(await officer.locator('[data-testid="case-summary"]').innerText()).toContain(
      t('lt', 'workbench.status.issued'),
    );
    await expectNoViolations(officer, 'workbench: card issued');

    // --- Later the permit is revoked: proposed by the officer, approved by the team lead. ---
    await followLink(officer, t('lt', 'revocations.link'));
    await expectNoViolations(officer, 'workbench: propose a revocation');
    await pressButton(officer, t('lt', 'revocations.submit'));
    expect(await officer.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectNoViolations(officer, 'workbench: propose a revocation, with errors');
    await officer
      .getByLabel('Nebeliko pagrindo, kuriuo leidimas išduotas', { exact: false })
      .check();
    await officer.fill('#reasons', 'Darbdavys pranešė, kad darbo sutartis nutraukta.');
    await pressButton(officer, t('lt', 'revocations.submit'));
    expect(await statusOf(second.caseId)).toBe('revocation-proposed');
    await lead.goto(`/workbench/cases/${second.caseId}`);
    await followLink(lead, t('lt', 'workbench.case.link.approval'));
    await expectNoViolations(lead, 'workbench: approve a revocation');
    await lead.getByLabel(t('lt', 'decisions.approval.approve'), { exact: true }).check();
    await pressButton(lead, t('lt', 'decisions.approval.submit'));
    expect(await statusOf(second.caseId)).toBe('revoked');
  });
});
