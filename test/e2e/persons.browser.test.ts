import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness, type Harness } from './harness';
import { clickAndWait, heading, pathOf, signInStaff } from './page-helpers';

/**
 * One man in two sources: Cyrillic with a passport, then a diminutive with a Lithuanian surname
 * ending, day and month swapped and no nationality — a grey-band pair for an officer.
 */
function oneManTwice(tag: string, man: Man) {
  return [
    {
      sourceKind: 'application' as const,
      sourceId: `app-${tag}`,
      sourceLabel: `VRT-${tag}`,
      givenNames: man.cyrillic[0],
      surname: man.cyrillic[1],
      dateOfBirth: man.born,
      sex: 'M' as const,
      nationality: 'UKR',
      documentNumber: `FA${tag.slice(0, 6).toUpperCase()}`,
      placeOfBirth: 'Kyiv',
    },
    {
      sourceKind: 'registry' as const,
      sourceId: `reg-${tag}`,
      sourceLabel: `REG-${tag}`,
      givenNames: man.latin[0],
      surname: man.latin[1],
      dateOfBirth: man.swapped,
      sex: 'M' as const,
      nationality: null,
      documentNumber: null,
      placeOfBirth: null,
    },
  ];
}

interface Man {
  cyrillic: [string, string];
  latin: [string, string];
  born: string;
  swapped: string;
}
const KOVALENKO: Man = {
  cyrillic: ['Олександр', 'Коваленко'],
  latin: ['Sasha', 'Kovalenka'],
  born: '1985-03-12',
  swapped: '1985-12-03',
};
const BONDARENKO: Man = {
  cyrillic: ['Дмитро', 'Бондаренко'],
  latin: ['Dima', 'Bondarenka'],
  born: '1979-04-09',
  swapped: '1979-09-04',
};

/** A grey-band review made through the register, as a new registry record would make it. */
async function greyBandReview(h: Harness, man: Man) {
  const persons = h.running.app.modules.persons.service;
  const [a, b] = oneManTwice(randomUUID().slice(0, 8), man);
  const first = await persons.matchRecord(a!);
  const second = await persons.matchRecord(b!);
  expect(second.outcome, JSON.stringify(second)).toBe('review');
  return { first, second, labels: [a!.sourceLabel, b!.sourceLabel] };
}

async function auditActions(h: Harness, subjectIds: string[]): Promise<string[]> {
  await h.running.app.modules.audit.flush();
  const rows = await sql<{ action: string; subject_kind: string }>`
    select action, subject_kind from audit_log where subject_id in (${sql.join(subjectIds)})
    order by seq`.execute(h.running.ctx.database.db);
  return rows.rows.map((r) => `${r.action} ${r.subject_kind}`);
}

describeBrowser('the persons register', () => {
  const h = useHarness();

  test('an officer reviews a grey-band match, merges it, sees both histories and undoes the merge (axe on every page)', async () => {
    const { t } = h();
    const { first, second, labels } = await greyBandReview(h(), KOVALENKO);
    const page = await (await h().newContext()).newPage();
    await signInStaff(page, 'officer@vartai.demo', t, '/workbench');

    await clickAndWait(page, page.getByRole('link', { name: t('lt', 'persons.nav'), exact: true }));
    expect(pathOf(page)).toBe('/workbench/persons');
    expect(await heading(page)).toBe(t('lt', 'persons.search.title'));
    await expectNoViolations(page, 'persons: search');

    await page.fill('#name', 'Oleksandr Kovalenko');
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'persons.search.submit') }));
    expect(await page.locator(`[data-person="${first.personNumber}"]`).count()).toBe(1);
    await expectNoViolations(page, 'persons: results');

    await clickAndWait(page, page.getByRole('link', { name: t('lt', 'persons.reviews.link') }));
    expect(await heading(page)).toBe(t('lt', 'persons.reviews.title'));
    await expectNoViolations(page, 'persons: review queue');

    await clickAndWait(page, page.locator(`[data-review="${second.reviewId}"]`).getByRole('link'));
    expect(await heading(page)).toBe(t('lt', 'persons.review.title'));
    expect(
      await page
        .locator('[data-testid="review-explanation"] [data-field="date-of-birth"]')
        .getAttribute('data-level'),
    ).toBe('swapped-day-month');
    await expectNoViolations(page, 'persons: a review side by side');

    // Sent without a decision or reason: the summary names both, in Lithuanian.
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'persons.review.submit') }));
    const summary = await page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain(t('lt', 'persons.review.chooseDecision'));
    expect(summary).toContain(t('lt', 'persons.error.PERSONS_REASON_REQUIRED'));
    await expectNoViolations(page, 'persons: a review with errors');

    await page.getByLabel(t('lt', 'persons.decision.merge')).check();
    await page.fill('#reason', 'Ta pati paso nuotrauka ir gimimo vieta');
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'persons.review.submit') }));
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      t('lt', 'persons.flash.decided.merge'),
    );
    // Both histories: the records of both persons on the survivor's page.
    const records = page.locator('[data-testid="person-records"]');
    for (const label of labels) expect(await records.innerText()).toContain(label);
    expect(await page.locator('[data-testid="merged-persons"]').count()).toBe(1);
    const survivorPath = pathOf(page);
    await expectNoViolations(page, 'persons: merged person');

    const merge = page.locator('[data-kind="merge"][data-undone="no"]');
    await clickAndWait(page, merge.getByRole('button'));
    // The person created first survives a merge (its number is the one more likely known).
    expect(await heading(page)).toBe(t('lt', 'persons.undo.title', { number: first.personNumber }));
    await expectNoViolations(page, 'persons: undo a merge');
    await page.fill('#reason', 'Nuotraukos vis dėlto skiriasi');
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'persons.undo.submit') }));
    expect(pathOf(page)).toBe(survivorPath);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      t('lt', 'persons.flash.undone'),
    );
    expect(await page.locator('[data-kind="merge"][data-undone="yes"]').count()).toBe(1);
    expect(await page.locator('[data-testid="merged-persons"]').count()).toBe(0);
    await expectNoViolations(page, 'persons: merge undone');

    // Each step is in the audit trail: the reads, the merge and its undo.
    const trail = await auditActions(h(), [first.personId, second.personId, second.reviewId!]);
    expect(trail).toContain('personal-data.read person-review');
    expect(trail).toContain('personal-data.read person');
    expect(trail).toContain('persons.merged person');
    expect(trail).toContain('persons.action-undone person');
  });

  test('without JavaScript, a team lead finds a person, opens a review and is told what the form needs', async () => {
    const { t } = h();
    const { first, second } = await greyBandReview(h(), BONDARENKO);
    const context = await h().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInStaff(page, 'lead@vartai.demo', t, '/workbench/persons');
    expect(pathOf(page)).toBe('/workbench/persons');
    await page.fill('#name', 'Бондаренко');
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'persons.search.submit') }));
    await clickAndWait(page, page.getByRole('link', { name: first.personNumber }));
    expect(await heading(page)).toBe(
      t('lt', 'persons.person.title', { number: first.personNumber }),
    );

    await page.goto(`/workbench/persons/reviews/${second.reviewId}`);
    await page.getByLabel(t('lt', 'persons.decision.not-same')).check();
    await clickAndWait(page, page.getByRole('button', { name: t('lt', 'persons.review.submit') }));
    expect(await page.locator('.govuk-error-summary a[href="#reason"]').innerText()).toBe(
      t('lt', 'persons.error.PERSONS_REASON_REQUIRED'),
    );
    // What was chosen stays chosen.
    expect(await page.getByLabel(t('lt', 'persons.decision.not-same')).isChecked()).toBe(true);
  });
});
