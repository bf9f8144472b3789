import type { BrowserContext, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { DEMO_APPLICANTS, DEMO_PASSWORD } from '../../src/modules/accounts';
import { formatDay } from '../../src/modules/assistant/own-case';
import { money } from '../../src/modules/assistant/knowledge';
import { openInExamination } from '../../src/modules/cases/information-requests.test-support';
import { loadNotificationPack, renderNotification } from '../../src/modules/notifications';
import type { Language } from '../../src/platform/i18n';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness, type Harness } from './harness';
import { clickAndWait, heading, pathOf, signIn, signInStaff } from './page-helpers';

/** Oleksandr writes in Ukrainian (his account's language). */
const ukrainian = DEMO_APPLICANTS.find((a) => a.lang === 'uk')!;
/** Priya hands a question to a person and reads the reply in her account. */
const english = DEMO_APPLICANTS.find((a) => a.lang === 'en')!;
const FEE_QUESTION = 'скільки коштує посвідка на тимчасове проживання';
const OUT_OF_SCOPE = 'can you recommend a good divorce lawyer in Kaunas';
const NOTE = 'I need one who speaks English, please.';

/**
 * The temporary residence permit's general fee in force today, as the catalogue has it and as
 * the assistant writes amounts ("160 EUR"): read from the pack, so the test follows the data.
 */
function trpFee(x: Harness, lang: Language): string {
  const q = x.running.app.modules.catalogue.feeFor({
    serviceId: 'temporary-residence-permit',
    urgent: false,
    on: new Date(),
  });
  return money(q.amountCents, lang);
}

/** The panel the script builds: open it with its toggle (closed on a fresh page), ask, wait for the answer. */
async function askInPanel(page: Page, toggleText: string, question: string) {
  const toggle = page.getByRole('button', { name: toggleText, exact: true });
  await toggle.waitFor({ state: 'visible', timeout: 5_000 });
  await toggle.click();
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  const input = page.locator('#assistant-panel-question');
  // Opening moves the focus to the question (keyboard and screen-reader users start there).
  expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
    'assistant-panel-question',
  );
  const log = page.locator('[data-assistant-log]');
  const before = await log.locator('.govuk-inset-text').count();
  await input.pressSequentially(question, { delay: 5 });
  await input.press('Enter');
  const answer = log.locator('.govuk-inset-text').nth(before);
  await answer.waitFor({ state: 'visible', timeout: 10_000 });
  return answer;
}

/** Blocks the enhancement scripts: the page as it renders without JavaScript, but axe can run. */
async function withoutScripts(context: BrowserContext) {
  await context.route('**/assets/init.js', (route) => route.abort());
  await context.route('**/assets/assistant/assistant-panel.js', (route) => route.abort());
}

describeBrowser('the virtual assistant: catalogue answers, own case, hand-off to a person', () => {
  const h = useHarness();

  test('an anonymous visitor asks the fee in Ukrainian in the panel and gets the amount with its source', async () => {
    const x = h();
    const { t } = x;
    const fee = trpFee(x, 'uk');
    const page = await (await x.newContext()).newPage();
    await page.goto('/services?lang=uk');
    await expectNoViolations(page, 'portal page with the assistant toggle');

    const answer = await askInPanel(page, t('uk', 'assistant.panel.ask'), FEE_QUESTION);
    expect(await answer.getAttribute('lang')).toBe('uk');
    const text = await answer.innerText();
    expect(text).toContain(fee);
    const source = answer.locator('a[href="/services/temporary-residence-permit"]');
    expect(await source.count(), `no catalogue source link in:\n${text}`).toBeGreaterThan(0);
    await expectNoViolations(page, 'portal page with the assistant panel open and answered');

    // The source leads to the service's catalogue page.
    await clickAndWait(page, source.first());
    expect(pathOf(page)).toBe('/services/temporary-residence-permit');
  });

  test('the same through the plain form page, without JavaScript', async () => {
    const x = h();
    const { t } = x;
    const fee = trpFee(x, 'uk');
    const page = await (await x.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto('/services?lang=uk');
    // Without the script the panel is a link to the page.
    await clickAndWait(
      page,
      page.getByRole('link', { name: t('uk', 'assistant.panel.ask'), exact: true }),
    );
    expect(pathOf(page)).toBe('/assistant');
    expect(await heading(page)).toBe(t('uk', 'assistant.page.title'));
    await page.fill('#question', FEE_QUESTION);
    await clickAndWait(
      page,
      page.getByRole('button', { name: t('uk', 'assistant.page.submit'), exact: true }),
    );
    const latest = page.locator('#latest');
    expect(await latest.innerText()).toContain(fee);
    expect(await latest.locator('a[href="/services/temporary-residence-permit"]').count()).toBe(1);

    // axe needs scripts in the page: the same states with only the enhancement scripts blocked.
    const checked = await x.newContext();
    await withoutScripts(checked);
    const same = await checked.newPage();
    await same.goto('/assistant?lang=uk');
    await expectNoViolations(same, 'assistant page');
    await clickAndWait(
      same,
      same.getByRole('button', { name: t('uk', 'assistant.page.submit'), exact: true }),
    );
    expect(await same.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectNoViolations(same, 'assistant page: empty question');
    await same.fill('#question', FEE_QUESTION);
    await clickAndWait(
      same,
      same.getByRole('button', { name: t('uk', 'assistant.page.submit'), exact: true }),
    );
    expect(await same.locator('#latest').innerText()).toContain(fee);
    await expectNoViolations(same, 'assistant page with the answer');
  });

  test('a signed-in applicant asks where the application is and gets its status and deadline', async () => {
    const x = h();
    const { t, running } = x;
    const db = running.ctx.database.db;
    const cases = running.app.modules.cases;
    const { caseId, applicationId } = await openInExamination(db, cases, ukrainian.email);
    const row = (await cases.repo.find(caseId))!;
    expect(row.deadline_on, 'the case has no legal deadline to tell').not.toBeNull();
    const deadline = formatDay(row.deadline_on!, 'uk');
    const status = t('uk', 'assistantOwnCase.statusLabel.' + row.status);

    const page = await (await x.newContext()).newPage();
    await page.goto('/sign-in?lang=uk');
    await signIn(page, ukrainian.email, DEMO_PASSWORD, t('uk', 'accounts.signIn.submit'));
    await page.goto('/account');

    const answer = await askInPanel(page, t('uk', 'assistant.panel.ask'), 'де моя заява?');
    const text = await answer.innerText();
    expect(text).toContain(status);
    expect(text).toContain(deadline);
    const link = answer.locator(`a[href="/applications/${applicationId}"]`);
    expect(await link.count(), `no link to the application in:\n${text}`).toBe(1);
    await expectNoViolations(page, 'account page with an own-case answer in the panel');

    // The application's own page gives the same deadline.
    await clickAndWait(page, link);
    expect(pathOf(page)).toBe(`/applications/${applicationId}`);
    expect(await page.locator('main').innerText()).toContain(deadline);

    // The form page adds the link to act on the application under the answer.
    await page.goto('/assistant');
    await page.fill('#question', 'де моя заява?');
    await clickAndWait(
      page,
      page.getByRole('button', { name: t('uk', 'assistant.page.submit'), exact: true }),
    );
    const latest = page.locator('#latest');
    expect(await latest.innerText()).toContain(deadline);
    expect(await latest.locator(`a[href="/applications/${applicationId}"]`).count()).toBe(2);
    await expectNoViolations(page, 'assistant page with an own-case answer');
  });

  test('an out-of-scope question goes to a contact-centre agent, whose reply reaches the applicant', async () => {
    const x = h();
    const { t } = x;

    // --- The applicant asks in the panel, is offered a person, and hands the question over. ---
    const applicant = await (await x.newContext()).newPage();
    await applicant.goto('/sign-in?lang=en');
    await signIn(applicant, english.email, DEMO_PASSWORD, t('en', 'accounts.signIn.submit'));
    await applicant.goto('/services');
    const answer = await askInPanel(applicant, t('en', 'assistant.panel.ask'), OUT_OF_SCOPE);
    expect(await answer.innerText()).toContain(t('en', 'assistantAnswers.notSure'));
    const offer = answer.getByRole('link', { name: t('en', 'assistant.handoff.offer') });
    await expectNoViolations(applicant, 'panel with the "not sure" answer and the offer');
    await clickAndWait(applicant, offer);
    expect(pathOf(applicant)).toBe('/assistant');
    // The conversation so far is on the page, with the form to hand it over.
    expect(await applicant.locator('main ol').innerText()).toContain(OUT_OF_SCOPE);
    await expectNoViolations(applicant, 'assistant page, hand-off form');
    await applicant.fill('#note', NOTE);
    await clickAndWait(
      applicant,
      applicant.getByRole('button', { name: t('en', 'assistant.handoff.submit'), exact: true }),
    );
    expect(await applicant.locator('.govuk-panel__title').innerText()).toBe(
      t('en', 'assistant.handoff.done.title'),
    );
    await expectNoViolations(applicant, 'hand-off done');

    // --- A contact-centre agent finds it in the queue, reads the transcript, takes it, replies. ---
    const agent = await (await x.newContext()).newPage();
    await signInStaff(agent, 'callcentre@vartai.demo', t, '/workbench/assistant');
    expect(pathOf(agent)).toBe('/workbench/assistant');
    expect(await heading(agent)).toBe(t('lt', 'assistantDesk.queue.title'));
    await expectNoViolations(agent, 'desk: queue');
    // The queue shows the visitor's last words: here the note left with the hand-off.
    await clickAndWait(
      agent,
      agent.locator('[data-testid="assistant-queue"]').getByRole('link', { name: NOTE }),
    );
    const transcript = agent.locator('[data-testid="transcript"]');
    expect(await transcript.innerText()).toContain(OUT_OF_SCOPE);
    expect(await transcript.innerText()).toContain(t('en', 'assistantAnswers.notSure'));
    expect(await transcript.innerText()).toContain(NOTE);
    expect(await agent.locator('main').innerText()).toContain(
      t('lt', 'assistantDesk.conversation.signedIn'),
    );
    await expectNoViolations(agent, 'desk: conversation');
    await clickAndWait(
      agent,
      agent.getByRole('button', { name: t('lt', 'assistantDesk.conversation.take'), exact: true }),
    );
    expect(await agent.locator('main').innerText()).toContain(
      t('lt', 'assistantDesk.conversation.takenByYou'),
    );
    await expectNoViolations(agent, 'desk: conversation taken');
    const reply =
      'We cannot recommend lawyers. The Lithuanian Bar Association lists advocates by city at advokatura.lt.';
    await agent.fill('#text', reply);
    await clickAndWait(
      agent,
      agent.getByRole('button', { name: t('lt', 'assistantDesk.conversation.send'), exact: true }),
    );
    expect(await transcript.innerText()).toContain(reply);
    await expectNoViolations(agent, 'desk: conversation replied');

    // --- The reply reaches the applicant: in the account and by e-mail. ---
    await applicant.goto('/account/conversations');
    expect(await heading(applicant)).toBe(t('en', 'assistantDesk.account.title'));
    await expectNoViolations(applicant, 'account: conversations');
    await clickAndWait(applicant, applicant.getByRole('link', { name: OUT_OF_SCOPE }));
    expect(pathOf(applicant)).toMatch(/^\/account\/conversations\/[^/]+$/);
    expect(await applicant.locator('[data-testid="transcript"]').innerText()).toContain(reply);
    await expectNoViolations(applicant, 'account: the conversation with the reply');
    const { subject } = renderNotification(loadNotificationPack(), 'assistant-reply', 'en', {
      message: reply,
      name: english.displayName,
      portal: x.baseUrl,
    });
    const mail = await x.waitForEmail(english.email, subject);
    expect(mail.text).toContain(reply);
  });
  test('an anonymous visitor hands over by e-mail; the reply becomes an FAQ entry the assistant then answers from', async () => {
    const x = h();
    const { t } = x;
    const question = 'is there a play corner for small children in your service centre';
    const visitorEmail = 'mother.of.two@example.com';
    const reply =
      'Yes: every service centre has a small play corner next to the waiting area. Children must stay with an adult.';

    // --- The visitor asks on the form page (enhancement scripts blocked, so axe still runs). ---
    const context = await x.newContext();
    await withoutScripts(context);
    const visitor = await context.newPage();
    await visitor.goto('/assistant?lang=en');
    await visitor.fill('#question', question);
    const ask = visitor.getByRole('button', {
      name: t('en', 'assistant.page.submit'),
      exact: true,
    });
    await clickAndWait(visitor, ask);
    const latest = visitor.locator('#latest');
    expect(await latest.innerText()).toContain(t('en', 'assistantAnswers.notSure'));
    // The offer is a link to the hand-off form further down the same page.
    await latest
      .getByRole('link', { name: t('en', 'assistant.handoff.offer'), exact: true })
      .click();
    expect(new URL(visitor.url()).hash).toBe('#handoff');
    const handOff = visitor.getByRole('button', {
      name: t('en', 'assistant.handoff.submit'),
      exact: true,
    });
    // Without an address there is no one to answer: the form says so.
    await clickAndWait(visitor, handOff);
    expect(await visitor.locator('.govuk-error-summary a[href="#email"]').innerText()).toBe(
      t('en', 'assistant.error.emailEmpty'),
    );
    await expectNoViolations(visitor, 'hand-off form: no e-mail address');
    await visitor.fill('#email', visitorEmail);
    await clickAndWait(visitor, handOff);
    expect(await visitor.locator('main').innerText()).toContain(
      t('en', 'assistant.handoff.done.email', { email: visitorEmail }),
    );
    await expectNoViolations(visitor, 'hand-off done (e-mail)');

    // --- An agent replies; the visitor gets the reply by e-mail. ---
    const agent = await (await x.newContext()).newPage();
    await signInStaff(agent, 'callcentre@vartai.demo', t, '/workbench/assistant');
    await clickAndWait(
      agent,
      agent.locator('[data-testid="assistant-queue"]').getByRole('link', { name: question }),
    );
    expect(await agent.locator('main').innerText()).toContain(
      t('lt', 'assistantDesk.conversation.emailOnly', { email: visitorEmail }),
    );
    await clickAndWait(
      agent,
      agent.getByRole('button', { name: t('lt', 'assistantDesk.conversation.take'), exact: true }),
    );
    await agent.fill('#text', reply);
    await clickAndWait(
      agent,
      agent.getByRole('button', { name: t('lt', 'assistantDesk.conversation.send'), exact: true }),
    );
    const { subject } = renderNotification(loadNotificationPack(), 'assistant-reply', 'en', {
      message: reply,
      name: visitorEmail,
      portal: x.baseUrl,
    });
    const mail = await x.waitForEmail(visitorEmail, subject);
    expect(mail.text).toContain(reply);

    // --- The agent proposes the reply as an FAQ entry (four languages). ---
    await clickAndWait(
      agent,
      agent.getByRole('link', { name: t('lt', 'assistantDesk.conversation.proposeFaq') }),
    );
    expect(await agent.locator('#question-en').inputValue()).toBe(question);
    expect(await agent.locator('#answer-en').inputValue()).toBe(reply);
    await expectNoViolations(agent, 'desk: propose an FAQ entry');
    const other = {
      lt: [
        'Ar aptarnavimo centre yra vaikų žaidimų kampelis?',
        'Taip, kiekviename aptarnavimo centre prie laukimo zonos yra nedidelis vaikų žaidimų kampelis. Vaikai turi būti su suaugusiuoju.',
      ],
      ru: [
        'Есть ли в центре обслуживания детский уголок?',
        'Да, в каждом центре обслуживания рядом с зоной ожидания есть небольшой детский уголок. Дети должны быть со взрослым.',
      ],
      uk: [
        'Чи є в центрі обслуговування дитячий куточок?',
        'Так, у кожному центрі обслуговування біля зони очікування є невеликий дитячий куточок. Діти мають бути з дорослим.',
      ],
    } as const;
    for (const [l, [q, a]] of Object.entries(other)) {
      await agent.fill(`#question-${l}`, q);
      await agent.fill(`#answer-${l}`, a);
    }
    await agent.check('input[name="intents"][value="other"]');
    await clickAndWait(
      agent,
      agent.getByRole('button', { name: t('lt', 'assistantDesk.faq.submit'), exact: true }),
    );
    expect(await agent.locator('main').innerText()).toContain(
      t('lt', 'assistantDesk.faq.proposed'),
    );

    // --- A team lead reviews and publishes it (four eyes: not the proposer). ---
    const lead = await (await x.newContext()).newPage();
    await signInStaff(lead, 'lead@vartai.demo', t, '/workbench/assistant/faq-drafts');
    expect(pathOf(lead)).toBe('/workbench/assistant/faq-drafts');
    const draft = lead.locator('[data-testid="faq-draft"]', { hasText: other.lt[0] });
    expect(await draft.count()).toBe(1);
    await expectNoViolations(lead, 'desk: FAQ drafts to review');
    await clickAndWait(
      lead,
      draft.getByRole('button', { name: t('lt', 'assistantDesk.drafts.publish'), exact: true }),
    );
    expect(await lead.locator('main').innerText()).toContain(
      t('lt', 'assistantDesk.drafts.published'),
    );
    await expectNoViolations(lead, 'desk: FAQ draft published');

    // --- The assistant now answers the question from the new entry, with its source. ---
    // Publishing reloads the published entries in this process at once (build-app.ts).
    await visitor.goto('/assistant?lang=uk');
    await visitor.fill('#question', 'чи є у вас дитячий куточок для дітей?');
    await clickAndWait(
      visitor,
      visitor.getByRole('button', { name: t('uk', 'assistant.page.submit'), exact: true }),
    );
    const answered = await visitor.locator('#latest').innerText();
    expect(answered).toContain(other.uk[1]);
    expect(
      await visitor.locator('#latest a[href="https://migracija.lrv.lt/lt/kontaktai"]').count(),
    ).toBe(1);
    await expectNoViolations(visitor, 'assistant page answering from the published entry');
  });
});
