import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { addCalendarDays, localDate } from '../../src/modules/catalogue';
import { vilniusInstant } from '../../src/modules/appointments';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, signInStaff } from './page-helpers';

const SERVICE = 'permanent-residence-permit';
const BRANCH = 'SIA';

/**
 * Staff changing a branch's places in a real browser (axe on each state): the day's times, the
 * preview that names the booked visits to move, the refusal until the box is ticked, the change.
 */
describeBrowser('visit capacity', () => {
  const h = useHarness();

  test('an administrator closes a booked time only after confirming the move', async () => {
    const { t, running } = h();
    const appointments = running.app.modules.appointments;
    const day = addCalendarDays(localDate(new Date()), 30);
    const [ten, half] = [randomUUID(), randomUUID()];
    await appointments.repo.insertSlots(
      [ten, half].map((id, i) => ({
        id,
        branch_code: BRANCH,
        service_id: SERVICE,
        starts_at: vilniusInstant(day, i === 0 ? '10:00' : '10:30'),
        minutes: 30,
        capacity: 1,
        booked: 0,
      })),
    );
    const visitor = { applicationId: randomUUID(), accountId: randomUUID(), slotId: ten };
    expect((await appointments.booking.book(visitor)).ok).toBe(true);

    const page = await (await h().newContext()).newPage();
    await signInStaff(page, 'admin@vartai.demo', t, '/workbench');
    await clickAndWait(
      page,
      page.getByRole('link', { name: t('lt', 'capacity.nav'), exact: true }),
    );
    await page.goto(`/workbench/capacity?branch=${BRANCH}&service=${SERVICE}&day=${day}`);
    expect(await page.locator('[data-testid="capacity-slots"]').innerText()).toContain('10:00');
    await expectNoViolations(page, 'capacity: the day');

    await page.locator('#fromTime').fill('10:00');
    await page.locator('#toTime').fill('10:15');
    await page.locator('#desks').fill('0');
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'capacity.preview') }));
    expect(await page.locator('[data-testid="capacity-preview"]').innerText()).toContain('10:00');
    await expectNoViolations(page, 'capacity: the preview with a visit to move');

    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'capacity.apply') }));
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      t('lt', 'capacity.error.confirm', { count: 1 }),
    );
    await expectNoViolations(page, 'capacity: not confirmed');
    expect(await appointments.repo.slot(ten)).toMatchObject({ capacity: 1, booked: 1 });

    await page.locator('#confirm').check();
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'capacity.apply') }));
    expect(await page.locator('main').innerText()).toContain(t('lt', 'capacity.flash.moved'));
    await expectNoViolations(page, 'capacity: changed');
    expect(await appointments.repo.slot(ten)).toMatchObject({ capacity: 0, booked: 0 });
    // The moved visit's holder has the next free time held for them.
    expect((await appointments.waitlist.standing(visitor.applicationId)).offer?.slot.id).toBe(half);
  });
});
