import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { DEMO_APPLICANTS } from '../../src/modules/accounts';
import { localDate } from '../../src/modules/catalogue';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, signInStaff } from './page-helpers';

const applicant = DEMO_APPLICANTS[1]!;

describeBrowser('the branch desk', () => {
  const h = useHarness();

  test('an officer opens the day list, checks a booked visitor in with the ticks, and sees it recorded (axe on each page)', async () => {
    const { t, running } = h();
    const db = running.ctx.database.db;
    const { appointments, accounts, cases } = running.app.modules;
    // The applicant's submitted application with its case, as a submission leaves them.
    const account = (await accounts.repo.findByEmail(applicant.email))!;
    const id = randomUUID();
    const reference = `TEST-${id.slice(0, 8).toUpperCase()}`;
    const now = new Date();
    await sql`insert into applications (id, reference, service_id, ground_id, urgent, state,
        owner_account_id, filed_by_kind, filed_by_account_id, answers, created_at, updated_at, submitted_at)
      values (${id}, ${reference}, 'temporary-residence-permit', 'work', false, 'submitted',
        ${account.id}, 'self', ${account.id}, '{}'::jsonb, ${now}, ${now}, ${now})`.execute(db);
    const opened = await db.transaction().execute((trx) =>
      cases.service.openCase(
        {
          id,
          service_id: 'temporary-residence-permit',
          ground_id: 'work',
          submitted_at: now,
        },
        trx,
      ),
    );
    // A visit a few minutes from now, whatever the hour (branch hours would leave evenings and
    // weekends without one), booked through the booking service as the visit page does.
    const slotId = randomUUID();
    const startsAt = new Date(Math.ceil((now.getTime() + 180_000) / 60_000) * 60_000);
    await appointments.repo.insertSlots([
      {
        id: slotId,
        branch_code: 'VLN',
        service_id: 'temporary-residence-permit',
        starts_at: startsAt,
        minutes: 30,
        capacity: 1,
        booked: 0,
      },
    ]);
    const booked = await appointments.booking.book({
      applicationId: id,
      accountId: account.id,
      slotId,
    });
    if (!booked.ok) throw new Error(`booking failed: ${booked.reason}`);
    const day = localDate(startsAt);

    const page = await (await h().newContext()).newPage();
    await signInStaff(page, 'officer@vartai.demo', t, '/workbench');
    await clickAndWait(page, page.getByRole('link', { name: t('lt', 'desk.nav'), exact: true }));
    // Just before midnight the visit is tomorrow's: the list of its day is one click further.
    if (day !== localDate(new Date())) await page.goto(`/workbench/desk?branch=VLN&day=${day}`);
    const desks = page.locator('[data-testid="desks"]');
    expect(await desks.innerText()).toContain(reference);
    expect(await desks.innerText()).toContain(t('lt', 'desk.state.booked'));
    await expectNoViolations(page, 'workbench: branch desk, day list');

    await clickAndWait(
      page,
      page.locator(`a[href="/workbench/desk/appointments/${booked.appointment.id}"]`),
    );
    expect(await page.locator('[data-testid="desk-visit"]').innerText()).toContain(reference);
    await expectNoViolations(page, 'workbench: branch desk, check-in');

    // Nothing ticked: refused, with the missing things named; nothing recorded.
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'desk.checkIn') }));
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      t('lt', 'desk.take.originals'),
    );
    await expectNoViolations(page, 'workbench: branch desk, check-in without ticks');
    expect((await cases.repo.find(opened.id))!.status).toBe('submitted');

    await page.getByLabel(t('lt', 'desk.take.biometrics')).check();
    await page.getByLabel(t('lt', 'desk.take.originals')).check();
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'desk.checkIn') }));
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      t('lt', 'desk.flash.checkedIn'),
    );
    const row = page.locator('tr', { hasText: reference });
    expect(await row.innerText()).toContain(t('lt', 'desk.state.checked-in'));
    await expectNoViolations(page, 'workbench: branch desk, visitor checked in');
    expect((await cases.repo.find(opened.id))!.status).toBe('accepted');

    // Vilnius takes walk-ins: the form with priority, and its errors, are accessible too.
    if (day === localDate(new Date())) {
      await page.getByLabel(t('lt', 'desk.priorityLabel')).check();
      await clickAndWait(page, page.getByRole('button', { name: t('lt', 'desk.addWalkIn') }));
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        t('lt', 'desk.error.reference-missing'),
      );
      await expectNoViolations(page, 'workbench: branch desk, walk-in without a reference');
    }
  });
});
