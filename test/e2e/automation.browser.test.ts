import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/accounts';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness, type Harness } from './harness';
import { clickAndWait, heading, signIn, signInStaff } from './page-helpers';

/** The demo's automation cases (src/app/demo-cases.ts, seedDemoAutomation), found by service. */
async function demoCase(h: Harness, serviceId: string, surname: string) {
  const rows = await sql<{ case_id: string; application_id: string; status: string }>`
    select c.id as case_id, a.id as application_id, c.status
    from cases c join applications a on a.id = c.application_id
    where a.service_id = ${serviceId} and a.answers->>'surname' = ${surname}
    order by c.opened_at desc limit 1`.execute(h.running.ctx.database.db);
  const row = rows.rows[0];
  if (!row) throw new Error(`no demo case of ${serviceId} for ${surname}`);
  return row;
}

async function staffPage(h: Harness, email: string): Promise<Page> {
  const page = await (await h.newContext()).newPage();
  await signInStaff(page, email, h.t);
  return page;
}

describeBrowser('automated processing: prepared grant, enhanced scrutiny, oversight', () => {
  // The demo cases run through the pipeline at start-up, so the pages have something to show.
  const h = useHarness({ SEED_DEMO_CASES: 'true' });

  test('an officer grants a routine case in two clicks and reads why another is under enhanced scrutiny (axe on each page)', async () => {
    const { t, running } = h();
    const routine = await demoCase(h(), 'eu-temporary-residence-certificate', 'Dubois');
    const enhanced = await demoCase(h(), 'temporary-residence-permit', 'Morozov');
    const officer = await staffPage(h(), 'officer@vartai.demo');

    // The routine case: the prepared grant is offered on the case page.
    await officer.goto(`/workbench/cases/${routine.case_id}`);
    await expectNoViolations(officer, 'workbench: case with a prepared grant');
    // Click one: the pre-filled proposal.
    await clickAndWait(
      officer,
      officer.getByRole('button', { name: t('lt', 'processing.panel.openPrepared') }),
    );
    expect(await heading(officer)).toBe(t('lt', 'processing.grant.title'));
    expect(await officer.locator('#reasons').inputValue()).not.toBe('');
    await expectNoViolations(officer, 'workbench: prepared grant');
    // Click two: grant.
    await clickAndWait(
      officer,
      officer.getByRole('button', { name: t('lt', 'processing.grant.submit') }),
    );
    expect((await running.app.modules.cases.repo.find(routine.case_id))!.status).toBe('granted');
    await expectNoViolations(officer, 'workbench: case after the grant');
    // The used proposal says so, and offers the case as it is now.
    await officer.goto(`/workbench/cases/${routine.case_id}/prepared-grant`);
    expect(await officer.locator('main').innerText()).toContain(
      t('lt', 'processing.grant.stale.used'),
    );
    await expectNoViolations(officer, 'workbench: a prepared grant already used');

    // The SIS hit: enhanced scrutiny with its reason, and the officer may disregard the tier.
    await officer.goto(`/workbench/cases/${enhanced.case_id}`);
    expect(await officer.locator('[data-tier]').getAttribute('data-tier')).toBe('enhanced');
    expect(await officer.locator('main').innerText()).toContain(t('lt', 'triage.tier.enhanced'));
    await expectNoViolations(officer, 'workbench: case under enhanced scrutiny');
    const override = officer.getByRole('button', { name: t('lt', 'triage.override.submit') });
    await clickAndWait(officer, override);
    expect(await officer.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectNoViolations(officer, 'workbench: override without a reason');
    await officer.fill('#reason', 'Įspėjimas SIS panaikintas, patikrinta su SIRENE biuru.');
    await clickAndWait(
      officer,
      officer.getByRole('button', { name: t('lt', 'triage.override.submit') }),
    );
    expect(await officer.getByTestId('triage-overridden').innerText()).toContain('SIRENE');
  });

  test('an administrator switches triage off and on; a team lead reads the reports (axe on each page)', async () => {
    const { t } = h();
    const admin = await staffPage(h(), 'admin@vartai.demo');
    await admin.goto('/workbench/triage');
    expect(await admin.getByTestId('triage-state').getAttribute('data-enabled')).toBe('on');
    await expectNoViolations(admin, 'workbench: triage switch');
    await admin.getByLabel(t('lt', 'triage.admin.switchOff'), { exact: true }).check();
    await clickAndWait(admin, admin.getByRole('button', { name: t('lt', 'triage.admin.save') }));
    // A reason is required: the form says so and keeps the choice.
    expect(await admin.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectNoViolations(admin, 'workbench: triage switch with an error');
    await admin.getByLabel(t('lt', 'triage.admin.switchOff'), { exact: true }).check();
    await admin.fill('#reason', 'Kriterijų peržiūra po skundo.');
    await clickAndWait(admin, admin.getByRole('button', { name: t('lt', 'triage.admin.save') }));
    expect(await admin.getByTestId('triage-state').getAttribute('data-enabled')).toBe('off');
    await admin.getByLabel(t('lt', 'triage.admin.switchOn'), { exact: true }).check();
    await admin.fill('#reason', 'Peržiūra baigta.');
    await clickAndWait(admin, admin.getByRole('button', { name: t('lt', 'triage.admin.save') }));
    expect(await admin.getByTestId('triage-state').getAttribute('data-enabled')).toBe('on');
    await expectNoViolations(admin, 'workbench: triage switch with its history');

    const lead = await staffPage(h(), 'lead@vartai.demo');
    await lead.goto('/workbench/triage/reports');
    expect(await lead.locator('main').innerText()).toContain(t('lt', 'triage.tier.routine'));
    await expectNoViolations(lead, 'workbench: triage reports');
  });

  test('the applicant reads which automated checks ran and when a decision is expected, in English', async () => {
    const { t } = h();
    const waiting = await demoCase(h(), 'e-resident', 'Dubois');
    const page = await (await h().newContext()).newPage();
    await page.goto('/sign-in?lang=en');
    await signIn(
      page,
      'gintare.jonaityte@vartai.demo',
      DEMO_PASSWORD,
      t('en', 'accounts.signIn.submit'),
    );
    await page.goto(`/applications/${waiting.application_id}?lang=en`);
    const text = await page.locator('main').innerText();
    expect(text).toContain(t('en', 'processing.applicant.heading'));
    // Which institutions were asked (the State Security Department's opinion is still awaited).
    expect(text).toContain(t('en', 'registries.applicant.heading'));
    expect(text).toContain(t('en', 'estimates.applicant.heading'));
    // The tier is never shown to the applicant, and no alert details either.
    expect(text).not.toContain(t('en', 'triage.tier.enhanced'));
    expect(text).not.toContain(t('en', 'triage.tier.routine'));
    await expectNoViolations(page, 'portal: application with automated checks and estimate');
  });
});
