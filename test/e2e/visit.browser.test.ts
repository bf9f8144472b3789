import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import { addCalendarDays, localDate } from '../../src/modules/catalogue';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, signIn } from './page-helpers';

const applicant = DEMO_APPLICANTS[1]!;

describeBrowser('booking a visit', () => {
  const h = useHarness();

  test('the applicant picks a branch and a time, and sees the booked visit (axe on each page)', async () => {
    const { t, running } = h();
    const db = running.ctx.database.db;
    const account = (await running.app.modules.accounts.repo.findByEmail(applicant.email))!;
    const id = randomUUID();
    const now = new Date();
    await sql`insert into applications (id, reference, service_id, ground_id, urgent, state,
        owner_account_id, filed_by_kind, filed_by_account_id, answers, created_at, updated_at, submitted_at)
      values (${id}, ${`TEST-${id.slice(0, 8)}`}, 'temporary-residence-permit', 'work', false, 'submitted',
        ${account.id}, 'self', ${account.id}, '{}'::jsonb, ${now}, ${now}, ${now})`.execute(db);
    await running.app.modules.appointments.booking.materialise(
      'KNS',
      'temporary-residence-permit',
      addCalendarDays(localDate(now), 1),
      7,
    );

    const page = await (await h().newContext()).newPage();
    await page.goto('/sign-in');
    await signIn(page, applicant.email, DEMO_PASSWORD, t('lt', 'accounts.signIn.submit'));
    await page.goto(`/applications/${id}`);
    await clickAndWait(page, page.getByRole('link', { name: t('lt', 'appointments.noticeLink') }));
    await expectNoViolations(page, 'portal: visit, branches');
    await clickAndWait(page, page.locator(`a[href$="/visit?branch=KNS"]`));
    await expectNoViolations(page, 'portal: visit, free times');
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'appointments.book') }));
    expect(await page.locator('#slot-1-error').innerText()).toContain(
      t('lt', 'appointments.error.chooseTime'),
    );
    await expectNoViolations(page, 'portal: visit, no time chosen');
    await page.locator('input[name="slotId"]').first().check();
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'appointments.book') }));
    expect(await page.locator('[data-testid="current-visit"]').innerText()).toContain(
      'Kauno padalinys',
    );
    await expectNoViolations(page, 'portal: visit booked');
  });
});
