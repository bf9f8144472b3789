import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import { addCalendarDays, localDate } from '../../src/modules/catalogue';
import { vilniusInstant } from '../../src/modules/appointments';
import { expectNoViolations } from '../a11y/axe';
import { submittedCase } from '../../src/workbench/workbench.test-support';
import { submitWorkPermit } from './apply';
import { describeBrowser, useHarness, type Harness } from './harness';
import { clickAndWait, signIn, signInStaff } from './page-helpers';

const SERVICE = 'temporary-residence-permit';
const BRANCH = 'VLN';
const first = DEMO_APPLICANTS[1]!;
const second = DEMO_APPLICANTS[2]!;

/**
 * Issue 5's "Done when", in a real browser with axe on every page: an applicant submits an
 * application that needs a visit, books, moves it twice, is warned before the third change and
 * cancels; another applicant waiting in line is offered the freed time and accepts it; the
 * officer checks the visitor in at the branch desk.
 */
describeBrowser('fair visit booking, from submission to the branch desk', () => {
  const h = useHarness();

  async function applicantPage(x: Harness, email: string): Promise<Page> {
    const page = await (await x.newContext()).newPage();
    await page.goto('/sign-in?lang=lt');
    await signIn(page, email, DEMO_PASSWORD, x.t('lt', 'accounts.signIn.submit'));
    return page;
  }

  /**
   * The Vilnius calendar of the service, made small: three times with one place each, two on
   * later days and the last later today (the desk checks visitors in on the day).
   */
  async function threeTimes(x: Harness) {
    const db = x.running.ctx.database.db;
    await sql`delete from appointment_slots where branch_code = ${BRANCH}
      and service_id = ${SERVICE} and booked = 0`.execute(db);
    const now = new Date();
    const today = localDate(now);
    const soon = new Date(now.getTime() + 20 * 60_000);
    const laterToday = localDate(soon) === today ? soon : new Date(now.getTime() + 60_000);
    const starts = [
      vilniusInstant(addCalendarDays(today, 2), '09:00'),
      vilniusInstant(addCalendarDays(today, 3), '09:00'),
      laterToday,
    ];
    const ids = starts.map(() => randomUUID());
    await x.running.app.modules.appointments.repo.insertSlots(
      starts.map((s, i) => ({
        id: ids[i]!,
        branch_code: BRANCH,
        service_id: SERVICE,
        starts_at: s,
        minutes: 30,
        capacity: 1,
        booked: 0,
      })),
    );
    return { ids, today };
  }

  async function choose(page: Page, slotId: string, label: string) {
    await page.goto(page.url().split('?')[0] + `?branch=${BRANCH}`);
    await page.locator(`input[name="slotId"][value="${slotId}"]`).check();
    await clickAndWait(page, page.getByRole('button', { name: label }));
  }

  test('book, move twice, warning, cancel; the next in line accepts; checked in at the desk', async () => {
    const x = h();
    const { t } = x;
    const { ids, today } = await threeTimes(x);

    // --- The first applicant submits a residence permit application, which needs a visit. ---
    const a = await applicantPage(x, first.email);
    const appId = await submitWorkPermit(a, t('lt', 'payments.simulator.pay'));
    await a.goto(`/applications/${appId}`);
    await clickAndWait(a, a.getByRole('link', { name: t('lt', 'appointments.noticeLink') }));
    await expectNoViolations(a, 'visit: branches');

    // Book, then move twice: the third change is announced before it is made.
    await choose(a, ids[0]!, t('lt', 'appointments.book'));
    await expectNoViolations(a, 'visit: booked');
    await choose(a, ids[1]!, t('lt', 'appointments.move'));
    expect(await a.locator('main').innerText()).not.toContain(
      t('lt', 'appointments.blockWarning', { free: 2 }),
    );
    await choose(a, ids[2]!, t('lt', 'appointments.move'));
    expect(await a.locator('main').innerText()).toContain(
      t('lt', 'appointments.blockWarning', { free: 2 }),
    );
    await expectNoViolations(a, 'visit: warning before the change that blocks');

    // --- The second applicant finds nothing free that day and joins the waitlist. ---
    const {
      applicationId: bId,
      reference: bRef,
      caseId,
    } = await submittedCase(x.running.ctx.database.db, x.running.app.modules.cases, {
      email: second.email,
      branchCode: BRANCH,
    });
    const b = await applicantPage(x, second.email);
    await b.goto(`/applications/${bId}/visit`);
    await b.locator(`input[name="branches"][value="${BRANCH}"]`).check();
    await b.locator('#fromDay').fill(today);
    await b.locator('#toDay').fill(today);
    await clickAndWait(b, b.getByRole('button', { name: t('lt', 'appointments.join') }));
    expect(await b.locator('[data-testid="waiting"]').innerText()).toContain('1');
    await expectNoViolations(b, 'visit: on the waitlist');

    // --- The first applicant cancels (after ticking that booking is then blocked). ---
    await a.goto(`/applications/${appId}/visit`);
    await clickAndWait(a, a.getByRole('button', { name: t('lt', 'appointments.cancel') }));
    expect(await a.locator('.govuk-error-summary').innerText()).toContain(
      t('lt', 'appointments.error.acceptBlock'),
    );
    await expectNoViolations(a, 'visit: cancel refused until confirmed');
    await a.locator('#cancelAcceptBlock').check();
    await clickAndWait(a, a.getByRole('button', { name: t('lt', 'appointments.cancel') }));
    expect(await a.locator('main').innerText()).toContain(t('lt', 'appointments.flash.cancelled'));
    expect(await a.locator('[data-testid="current-visit"]').count()).toBe(0);

    // --- The freed time is held for the one waiting, who is told by e-mail and accepts it. ---
    const subject = `Для вас удерживается время визита: ${bRef}`;
    expect((await x.waitForEmail(second.email, subject)).text).toContain(bRef);
    await b.goto(`/applications/${bId}/visit`);
    expect(await b.locator('[data-testid="held-offer"]').innerText()).toContain(
      t('lt', 'appointments.offerHeading'),
    );
    await expectNoViolations(b, 'visit: a time held from the waitlist');
    await clickAndWait(b, b.getByRole('button', { name: t('lt', 'appointments.accept') }));
    expect(await b.locator('[data-testid="current-visit"]').innerText()).toContain(
      'Vilniaus padalinys',
    );
    const slot = await x.running.app.modules.appointments.repo.slot(ids[2]!);
    expect(slot).toMatchObject({ capacity: 1, booked: 1 });

    // --- The officer at the Vilnius branch checks the visitor in at the desk. ---
    const officer = await (await x.newContext()).newPage();
    await signInStaff(officer, 'officer@vartai.demo', t, '/workbench');
    await clickAndWait(
      officer,
      officer.getByRole('link', { name: t('lt', 'desk.nav'), exact: true }),
    );
    // Just before midnight the visit may be tomorrow's: its day is one click further.
    const day = localDate(slot!.starts_at);
    if (day !== localDate(new Date()))
      await officer.goto(`/workbench/desk?branch=${BRANCH}&day=${day}`);
    expect(await officer.locator('[data-testid="desks"]').innerText()).toContain(bRef);
    await expectNoViolations(officer, 'desk: the day');
    const [booked] = (await x.running.app.modules.appointments.repo.forApplication(bId)).filter(
      (r) => r.state === 'booked',
    );
    await clickAndWait(
      officer,
      officer.locator(`a[href="/workbench/desk/appointments/${booked!.id}"]`),
    );
    await officer.getByLabel(t('lt', 'desk.take.biometrics')).check();
    await officer.getByLabel(t('lt', 'desk.take.originals')).check();
    await clickAndWait(officer, officer.getByRole('button', { name: t('lt', 'desk.checkIn') }));
    expect(await officer.locator('tr', { hasText: bRef }).innerText()).toContain(
      t('lt', 'desk.state.checked-in'),
    );
    await expectNoViolations(officer, 'desk: visitor checked in');
    expect((await x.running.app.modules.cases.repo.find(caseId))!.status).toBe('accepted');
    // The case's timeline says what the desk recorded.
    await officer.goto(`/workbench/cases/${caseId}`);
    expect(await officer.locator('[data-testid="timeline"]').innerText()).toContain(
      `${t('lt', 'workbench.case.visitRecorded.biometrics')}, ${t('lt', 'workbench.case.visitRecorded.originals')}`,
    );
    await expectNoViolations(officer, 'case: the visit recorded on the timeline');
    const [visit] = (await x.running.app.modules.appointments.repo.forApplication(bId)).filter(
      (r) => r.slot_id === ids[2],
    );
    expect(visit?.state).toBe('checked-in');
  });
});
