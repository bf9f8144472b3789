/**
 * The desk's and the account's conversation pages on the real application (src/app/test-app.ts):
 * demo applicants ask the real assistant on /assistant and hand the conversation to a person;
 * demo staff sign in (password and TOTP) and work the queue. Who may do what is decided by the
 * real sessions, MFA and access table.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitFor, WORK_PERMIT_APPLICANT } from '../../../app/processing.test-support';
import { startTestApp, type TestApp } from '../../../app/test-app';
import { DEMO_APPLICANTS, DEMO_STAFF } from '../../accounts';
import { conversationCookieName } from '../portal';
import { AddressedBrowser } from '../portal/test-support';

let app: TestApp;
let anonymous: AddressedBrowser;
let owner: AddressedBrowser;
let stranger: AddressedBrowser;
let agent: AddressedBrowser;
/** A team lead: also on the desk, and the second pair of eyes for FAQ drafts. */
let lead: AddressedBrowser;
let officer: AddressedBrowser;
/** The call-centre agent after the password, before the TOTP code. */
let withoutMfa: AddressedBrowser;
let caseReference: string;

const ownerEmail = DEMO_APPLICANTS[0]!.email;
const staffWith = (role: string) => DEMO_STAFF.find((s) => s.roles.includes(role as never))!.email;
const QUESTION = 'порадьте адвоката в Каунасі';
const conversations = () => app.app.modules.assistantConversations;

beforeAll(async () => {
  app = await startTestApp();
  const browser = () => new AddressedBrowser(app.app.server);
  anonymous = browser();
  owner = await browser().signIn(ownerEmail);
  stranger = await browser().signIn(DEMO_APPLICANTS[1]!.email);
  agent = await browser().signIn(staffWith('call-centre'), { staff: true });
  lead = await browser().signIn(staffWith('team-lead'), { staff: true });
  officer = await browser().signIn('officer@vartai.demo', { staff: true });
  withoutMfa = await browser().signIn(staffWith('call-centre'), { staff: true, mfa: false });
  // A submitted application with its case, which the desk links for the agent.
  const ownerId = (await app.app.modules.accounts.repo.findByEmail(ownerEmail))!.id;
  const applicationId = await submitFor(
    app.app.modules.applications,
    app.app.modules.documents,
    ownerId,
    WORK_PERMIT_APPLICANT,
    new Date(),
  );
  const row = await sql<{ reference: string }>`
    select reference from applications where id = ${applicationId}`.execute(app.ctx.database.db);
  caseReference = row.rows[0]!.reference;
});
afterAll(async () => {
  await app?.close();
});

/** The owner asks the real assistant on /assistant and hands the conversation to a person. */
async function handedOff() {
  await owner.post('/assistant', { question: 'Скільки коштує посвідка на тимчасове проживання?' });
  await owner.post('/assistant', { question: QUESTION });
  const id = owner.cookies.get(conversationCookieName(false))!;
  expect((await owner.post('/assistant/handoff', {})).statusCode).toBe(200);
  expect((await conversations().get(id))!.status).toBe('waiting');
  return id;
}

/** Posts a desk form with the token of the page it is on. */
const post = (b: AddressedBrowser, url: string, fields: Record<string, string>, formUrl: string) =>
  b.post(url, fields, { formUrl });

describe('the assistant desk pages', () => {
  it('are for the contact centre only: applicants, officers, staff without MFA and visitors are refused', async () => {
    const id = await handedOff();
    for (const url of [
      '/workbench/assistant',
      `/workbench/assistant/${id}`,
      '/workbench/assistant/faq-drafts',
    ]) {
      for (const notSignedIn of [anonymous, withoutMfa]) {
        const res = await notSignedIn.get(url);
        expect(res.statusCode).toBe(302);
        expect(res.headers.location).toMatch(/^\/sign-in/);
      }
      expect((await owner.get(url)).statusCode).toBe(403);
      expect((await officer.get(url)).statusCode).toBe(403);
      expect((await agent.get(url)).statusCode).toBe(200);
      expect((await lead.get(url)).statusCode).toBe(200);
    }
    expect(
      (await post(owner, `/workbench/assistant/${id}/reply`, { text: 'x' }, '/assistant'))
        .statusCode,
    ).toBe(403);
    expect((await conversations().get(id))!.messages.some((m) => m.role === 'agent')).toBe(false);
  });

  it('shows the queue and the transcript with the answer, its sources and confidence, and the applicant’s cases', async () => {
    const id = await handedOff();
    const stored = (await conversations().get(id))!;
    const answers = stored.messages.filter((m) => m.role === 'assistant');
    const queue = await agent.get('/workbench/assistant?lang=en');
    expect(queue.body).toContain(`/workbench/assistant/${id}`);
    expect(queue.body).toContain(QUESTION);
    for (const lang of ['lt', 'en', 'ru', 'uk'] as const) {
      const page = await agent.get(`/workbench/assistant/${id}?lang=${lang}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('service:temporary-residence-permit');
      for (const a of answers)
        expect(page.body).toContain(`${Math.round(a.answer!.confidence * 100)} %`);
      expect(page.body).toContain(
        `/workbench/contact-centre/applications/${encodeURIComponent(caseReference)}`,
      );
    }
  });

  it('replies (the applicant is told), proposes the reply as an FAQ entry, and another agent publishes it', async () => {
    const id = await handedOff();
    const page = `/workbench/assistant/${id}`;
    expect((await post(agent, `${page}/reply`, { text: '' }, page)).statusCode).toBe(400);
    const sent = await post(agent, `${page}/reply`, { text: 'Advokatų nerekomenduojame.' }, page);
    expect(sent.statusCode).toBe(302);
    const told = await sql<{ link: string; body: string }>`
      select link, body from notifications
      where event = 'assistant-reply' and link = ${`/account/conversations/${id}`}`.execute(
      app.ctx.database.db,
    );
    expect(told.rows).toHaveLength(1);
    expect(told.rows[0]!.body).toContain('Advokatų nerekomenduojame.');

    const reply = (await conversations().get(id))!.messages.at(-1)!;
    expect(reply).toMatchObject({ role: 'agent', text: 'Advokatų nerekomenduojame.' });
    const formUrl = `${page}/faq?message=${reply.id}`;
    const form = await agent.get(formUrl);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Advokatų nerekomenduojame.');
    const fields = {
      messageId: reply.id,
      intents: 'contact',
      services: 'national-visa',
      ...Object.fromEntries(
        ['lt', 'en', 'ru', 'uk'].flatMap((l) => [
          [`question-${l}`, `Q ${l}`],
          [`answer-${l}`, `A ${l}`],
        ]),
      ),
    };
    const missing = await post(agent, `${page}/faq`, { ...fields, 'answer-ru': '' }, formUrl);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('#answer-ru');
    expect((await post(agent, `${page}/faq`, fields, formUrl)).statusCode).toBe(302);

    // The proposing agent may not review their own draft; the team lead may.
    const drafts = '/workbench/assistant/faq-drafts';
    const review = await lead.get(drafts);
    const draftId = /\/faq-drafts\/([0-9a-f-]{36})\/review/.exec(review.body)?.[1];
    expect(draftId).toBeDefined();
    expect((await agent.get(drafts)).body).not.toContain(`/faq-drafts/${draftId}/review`);
    expect(
      (await post(agent, `${drafts}/${draftId}/review`, { decision: 'publish' }, drafts))
        .statusCode,
    ).toBe(403);
    expect(
      (await post(lead, `${drafts}/${draftId}/review`, { decision: 'publish' }, drafts)).statusCode,
    ).toBe(302);
    expect((await conversations().publishedFaq()).map((e) => e.id)).toContain(`x-desk-${draftId}`);

    expect((await post(agent, `${page}/close`, {}, page)).statusCode).toBe(302);
    expect((await conversations().get(id))!.status).toBe('closed');
  });
});

describe('the applicant’s conversation pages', () => {
  it('list and show only the owner’s conversations, with the agent’s reply', async () => {
    const id = await handedOff();
    const desk = `/workbench/assistant/${id}`;
    expect((await post(agent, `${desk}/reply`, { text: 'Atsakymas jums.' }, desk)).statusCode).toBe(
      302,
    );
    const list = await owner.get('/account/conversations?lang=uk');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/account/conversations/${id}`);
    const page = await owner.get(`/account/conversations/${id}?lang=uk`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Atsakymas jums.');
    expect(page.body).toContain('Контактний центр');
    expect((await stranger.get(`/account/conversations/${id}`)).statusCode).toBe(404);
    expect((await stranger.get('/account/conversations')).body).not.toContain(id);
    const visitor = await anonymous.get(`/account/conversations/${id}`);
    expect(visitor.statusCode).toBe(302);
    expect(visitor.headers.location).toMatch(/^\/sign-in/);
    expect((await agent.get(`/account/conversations/${id}`)).statusCode).toBe(403);
  });
});
