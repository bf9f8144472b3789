import { expect, test } from 'vitest';
import { DEMO_APPLICANTS } from '../../src/modules/accounts';
import { openInExamination } from '../../src/modules/cases/information-requests.test-support';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, signInStaff } from './page-helpers';

describeBrowser('document production on the case view', () => {
  const h = useHarness();

  test('an officer orders the document of a granted case and sees its production state', async () => {
    const { t, running } = h();
    const cases = running.app.modules.cases;
    const db = running.ctx.database.db;
    const { caseId } = await openInExamination(db, cases, DEMO_APPLICANTS[0]!.email);
    for (const kind of ['decision-proposed', 'decided'] as const) {
      await db
        .transaction()
        .execute((trx) =>
          cases.service.recordAction(
            caseId,
            { kind, actor_kind: 'system', actor_id: null, details: { outcome: 'grant' } },
            trx,
          ),
        );
    }
    const officer = await (await h().newContext()).newPage();
    await signInStaff(officer, 'officer@vartai.demo', t);
    await officer.goto(`/workbench/cases/${caseId}`);
    await expectNoViolations(officer, 'workbench: case with "Order the document"');
    await clickAndWait(officer, officer.getByRole('button', { name: t('lt', 'production.order') }));
    expect((await cases.repo.find(caseId))!.status).toBe('document-ordered');
    expect(await officer.locator('#production').innerText()).toBe(t('lt', 'production.title'));
    expect(await officer.locator('main').innerText()).toContain(
      t('lt', 'production.state.ordered'),
    );
    await expectNoViolations(officer, 'workbench: case with its document order');
  });
});
