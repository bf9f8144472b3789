import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_STAFF } from '../../src/modules/accounts';
import { submittedCase } from '../../src/workbench/workbench.test-support';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, heading, pathOf, signInStaff } from './page-helpers';

const officer = DEMO_STAFF.find((s) => s.email === 'lead@vartai.demo')!;

describeBrowser('the officers workbench: queue, take-next, case view', () => {
  const h = useHarness();

  test('an officer signs in, sees the queue, takes the next case and works on it', async () => {
    const { t, running } = h();
    // The oldest unassigned case: take-next gives it first.
    const { caseId, reference } = await submittedCase(
      running.ctx.database.db,
      running.app.modules.cases,
      {
        email: DEMO_APPLICANTS[1]!.email,
        submittedAt: new Date('2020-01-02T10:00:00Z'),
      },
    );
    const page = await (await h().newContext()).newPage();
    await signInStaff(page, officer.email, t, '/workbench');
    expect(pathOf(page)).toBe('/workbench');
    expect(await page.locator('[data-testid="queue"]').innerText()).toContain(reference);
    await expectNoViolations(page, 'workbench queue');

    await clickAndWait(
      page,
      page.getByRole('button', { name: t('lt', 'workbench.queue.takeNext'), exact: true }),
    );
    expect(pathOf(page)).toBe(`/workbench/cases/${caseId}`);
    expect(await heading(page)).toBe(t('lt', 'workbench.case.title', { reference }));
    expect(await page.locator('[data-testid="case-summary"]').innerText()).toContain(
      officer.displayName,
    );
    await expectNoViolations(page, 'case view');

    await clickAndWait(
      page,
      page.getByRole('button', {
        name: t('lt', 'workbench.case.action.visit-required'),
        exact: true,
      }),
    );
    expect(await page.locator('[data-testid="case-summary"]').innerText()).toContain(
      t('lt', 'workbench.status.awaiting-visit'),
    );

    await clickAndWait(
      page,
      page.getByRole('button', { name: t('lt', 'workbench.case.saveNote'), exact: true }),
    );
    expect(await page.locator('.govuk-error-summary a[href="#note"]').innerText()).toBe(
      t('lt', 'workbench.case.error.noteRequired', { max: 4000 }),
    );
    await expectNoViolations(page, 'case view with a note error');
    await page.fill('#note', 'Laukiama originalų.');
    await clickAndWait(
      page,
      page.getByRole('button', { name: t('lt', 'workbench.case.saveNote'), exact: true }),
    );
    expect(await page.locator('main').innerText()).toContain('Laukiama originalų.');
  });
});
