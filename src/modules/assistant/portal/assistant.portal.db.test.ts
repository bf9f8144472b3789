/**
 * The assistant's portal interfaces on the real application (src/app/test-app.ts): the real
 * assistant (understanding, the catalogue, the FAQ, own cases), the real conversation store, the
 * real sessions, CSRF, page context and error pages, on a test database. Answers are checked
 * against the catalogue's own data, not against copied text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../app/test-app';
import { DEMO_APPLICANTS, DEMO_STAFF } from '../../accounts';
import { AskResponse } from '../assistant.model';
import { conversationCookieName, DEFAULT_ASK_LIMITS } from './index';
import { AddressedBrowser } from './test-support';

let app: TestApp;
const COOKIE = conversationCookieName(false);
/** A real question whose answer is the catalogue's fee of the temporary residence permit. */
const FEE_QUESTION = 'Скільки коштує посвідка на тимчасове проживання?';
/** Out of scope: the assistant is not sure and offers a person. */
const LAWYER = 'can you recommend a lawyer';
/** About the asker's own application: answered only for a signed-in applicant. */
const OWN_CASE = 'Який статус моєї заяви?';
let feeEuros: string;

const applicant = (i: number) => DEMO_APPLICANTS[i]!.email;
const callCentre = DEMO_STAFF.find((s) => s.roles.includes('call-centre'))!.email;
const t = (lang: 'lt' | 'en' | 'ru' | 'uk', key: string, v?: Record<string, string | number>) =>
  app.ctx.i18n.t(lang, key, v);
/** Nunjucks escapes quotes and apostrophes in text. */
const html = (s: string) => s.replace(/'/g, '&#39;').replace(/"/g, '&quot;');
const browser = () => new AddressedBrowser(app.app.server);
const conversation = async (id: string) => (await app.app.modules.assistantConversations.get(id))!;

beforeAll(async () => {
  app = await startTestApp();
  const quote = app.app.modules.catalogue.feeFor({
    serviceId: 'temporary-residence-permit',
    urgent: false,
    on: new Date(),
  });
  feeEuros = `${quote.amountCents / 100} EUR`;
});
afterAll(async () => {
  await app?.close();
});

describe('the /assistant page (no JavaScript)', () => {
  it('shows a text input for the question and the hand-off form, without the panel', async () => {
    const res = await browser().get('/assistant');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(t('lt', 'assistant.page.title'));
    expect(res.body).toMatch(/<input[^>]*name="question"[^>]*type="text"/);
    expect(res.body).not.toContain('<textarea');
    expect(res.body).toContain('action="/assistant/handoff"');
    expect(res.body).toMatch(/<input[^>]*name="email"[^>]*type="email"/);
    expect(res.body).not.toContain('data-assistant-panel');
  });

  it('answers a question with its sources, keeps the conversation in a cookie', async () => {
    const b = browser();
    // The page is in English; the answer follows the question's language, not the page's.
    await b.get('/assistant?lang=en');
    const res = await b.post('/assistant', { question: FEE_QUESTION });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(feeEuros);
    const unhinted = (await browser().ask({ question: FEE_QUESTION })).json();
    expect(unhinted.lang).toBe('uk');
    expect(res.body).toContain(html(unhinted.answer.split('\n\n')[0]));
    expect(res.body).toContain('href="/services/temporary-residence-permit"');
    expect(res.body).not.toContain('javascript:');
    const set = res.cookies.find((c) => c.name === COOKIE);
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(set?.secure).toBeFalsy();

    const second = await b.post('/assistant', { question: LAWYER });
    expect(second.body).toContain(html(FEE_QUESTION));
    expect(second.body).toContain('href="#handoff"');
    const stored = await conversation(set!.value);
    expect(stored.messages.map((m) => m.role)).toEqual([
      'visitor',
      'assistant',
      'visitor',
      'assistant',
    ]);
    expect(stored.messages[1]!.answer?.sources.map((s) => s.id)).toContain(
      'service:temporary-residence-permit',
    );
    expect(stored.accountId).toBeUndefined();
  });

  it('refuses a form post without the CSRF token', async () => {
    const b = browser();
    expect(
      (await b.post('/assistant', { question: 'kaina' }, { withToken: false })).statusCode,
    ).toBe(403);
    expect(
      (await b.post('/assistant/handoff', { email: 'a@example.lt' }, { withToken: false }))
        .statusCode,
    ).toBe(403);
  });

  it('shows errors in the reader’s language and keeps what was typed', async () => {
    const b = browser();
    await b.get('/assistant?lang=uk');
    const empty = await b.post('/assistant', { question: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toContain(html(t('uk', 'assistant.error.questionEmpty')));
    expect(empty.body).toContain('href="#question"');

    const long = 'я'.repeat(1001);
    const tooLong = await b.post('/assistant', { question: long });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain(html(t('uk', 'assistant.error.questionTooLong', { max: 1000 })));
    expect(tooLong.body).toContain(`value="${long}"`);
  });

  it('hands an anonymous conversation to a person, who replies by e-mail', async () => {
    const b = browser();
    await b.get('/assistant?lang=en');
    await b.post('/assistant', { question: LAWYER });
    const id = b.cookies.get(COOKIE)!;

    const noEmail = await b.post('/assistant/handoff', { email: '' });
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.body).toContain(html(t('en', 'assistant.error.emailEmpty')));
    const bad = await b.post('/assistant/handoff', { email: 'not-an-address', note: 'Kaunas' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(html(t('en', 'assistant.error.emailInvalid')));
    expect(bad.body).toContain('value="Kaunas"');

    const done = await b.post('/assistant/handoff', { email: 'olena@example.lt', note: 'Kaunas' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(
      html(t('en', 'assistant.handoff.done.email', { email: 'olena@example.lt' })),
    );
    const handed = await conversation(id);
    expect(handed).toMatchObject({ status: 'waiting', email: 'olena@example.lt' });
    expect(handed.handedOffAt).toBeInstanceOf(Date);
    expect(handed.messages.at(-1)).toMatchObject({ role: 'visitor', text: 'Kaunas' });
    // The next question starts a new conversation.
    expect(b.cookies.has(COOKIE)).toBe(false);
  });

  it('asks for the question when a hand-off has nothing to hand over', async () => {
    const res = await browser().post('/assistant/handoff', { email: 'olena@example.lt' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(html(t('lt', 'assistant.error.noteNeeded')));
  });

  it('passes a signed-in applicant’s account, claims their anonymous conversation, replies in the account', async () => {
    const b = browser();
    const anonymous = await b.post('/assistant', { question: OWN_CASE });
    expect(anonymous.body).toContain(html(t('uk', 'assistantAnswers.signInForOwnCase')));
    const id = b.cookies.get(COOKIE)!;
    await b.signIn(applicant(0));
    const res = await b.post('/assistant', { question: OWN_CASE });
    expect(res.statusCode).toBe(200);
    // The assistant read the account's cases (it has none submitted).
    expect(res.body).toContain(html(t('uk', 'assistantOwnCase.none')));
    expect(b.cookies.get(COOKIE)).toBe(id);
    const accountId = (await app.app.modules.accounts.repo.findByEmail(applicant(0)))!.id;
    const claimed = await conversation(id);
    expect(claimed.accountId).toBe(accountId);
    expect(claimed.messages).toHaveLength(4);

    // The hand-off form asks no e-mail: the reply comes to the account.
    expect((await b.get('/assistant')).body).not.toContain('name="email"');
    const done = await b.post('/assistant/handoff', {});
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(html(t('lt', 'assistant.handoff.done.account')));
    expect(await conversation(id)).toMatchObject({ status: 'waiting', accountId });
    expect((await conversation(id)).email).toBeUndefined();
    expect(
      (await app.app.modules.assistantConversations.listForAccount(accountId)).map((c) => c.id),
    ).toContain(id);
  });

  it('never continues an account’s conversation for someone else on the same browser', async () => {
    const b = await browser().signIn(applicant(1));
    await b.post('/assistant', { question: FEE_QUESTION });
    const id = b.cookies.get(COOKIE)!;
    b.cookies.delete('vartai_session');
    const page = await b.get('/assistant');
    expect(page.body).not.toContain(html(FEE_QUESTION));
    await b.post('/assistant', { question: 'labas' });
    expect(b.cookies.get(COOKIE)).not.toBe(id);
    expect((await conversation(id)).messages).toHaveLength(2);
  });
});

describe('POST /api/v1/assistant/ask', () => {
  it('answers in the AskResponse shape, without CSRF token, keeping no conversation', async () => {
    const res = await browser().ask({ question: `  ${FEE_QUESTION.toLowerCase()}  `, lang: 'uk' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(AskResponse.strict().parse(body)).toEqual(body);
    expect(body).toMatchObject({ lang: 'uk', handoff: false });
    expect(body.answer).toContain(feeEuros);
    expect(body.sources[0]).toMatchObject({
      id: 'service:temporary-residence-permit',
      url: '/services/temporary-residence-permit',
    });
    expect(res.cookies.find((c) => c.name === COOKIE)).toBeUndefined();
  });

  it('answers in the language asked for', async () => {
    const res = await browser().ask({ question: FEE_QUESTION, lang: 'en' });
    expect(res.json()).toMatchObject({ lang: 'en' });
    expect(res.json().answer).toContain(feeEuros);
  });

  it('refuses invalid questions with problem+json', async () => {
    const b = browser();
    for (const body of [
      {},
      { question: ' ' },
      { question: 'x'.repeat(1001) },
      { question: 'a', lang: 'de' },
    ]) {
      const res = await b.ask(body);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, code: 'REQUEST_INVALID' });
    }
  });

  it('passes the signed-in applicant’s account from the session cookie, and none otherwise', async () => {
    const signIn = t('uk', 'assistantAnswers.signInForOwnCase');
    const anonymous = await browser().ask({ question: OWN_CASE });
    expect(anonymous.json().answer).toBe(signIn);

    const applicantBrowser = await browser().signIn(applicant(2));
    const own = await applicantBrowser.ask({ question: OWN_CASE });
    expect(own.json().answer).toBe(t('uk', 'assistantOwnCase.none'));

    // Staff have no cases the assistant may speak of: they ask as anyone would.
    const staff = await browser().signIn(callCentre, { staff: true });
    expect((await staff.get('/workbench/assistant')).statusCode).toBe(200);
    expect((await staff.ask({ question: OWN_CASE })).json().answer).toBe(signIn);
  });

  it('keeps the panel’s questions in the browser’s conversation', async () => {
    const b = browser();
    const first = await b.ask({ question: FEE_QUESTION }, { keep: true });
    await b.ask({ question: LAWYER }, { keep: true });
    const id = b.cookies.get(COOKIE)!;
    expect((await conversation(id)).messages.map((m) => m.text)).toEqual([
      FEE_QUESTION,
      first.json().answer,
      LAWYER,
      expect.any(String),
    ]);
    // …which the page then shows, with the offer of a person.
    const page = await b.get('/assistant');
    expect(page.body).toContain(feeEuros);
    expect(page.body).toContain('href="#handoff"');
  });
});

describe('rate limits', () => {
  it('limits questions per address: 429 problem+json on the API, a page with the text kept', async () => {
    const b = browser();
    for (let i = 0; i < DEFAULT_ASK_LIMITS.perAddressPerMinute; i++)
      expect((await b.ask({ question: 'labas' })).statusCode).toBe(200);
    const res = await b.ask({ question: 'labas' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(res.json().title).toMatch(/wait a minute/);

    const page = await b.post('/assistant', { question: 'ar dar galiu klausti?' });
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain(html(t('lt', 'assistant.limited.body')));
    expect(page.body).toContain('value="ar dar galiu klausti?"');
    // Another address is not affected.
    expect((await browser().ask({ question: 'labas' })).statusCode).toBe(200);
  });

  it('limits questions per account, whatever the address', async () => {
    const first = await browser().signIn(applicant(4));
    for (let i = 0; i < DEFAULT_ASK_LIMITS.perAccountPerMinute; i++)
      expect((await first.ask({ question: 'labas' })).statusCode).toBe(200);
    const elsewhere = browser();
    elsewhere.cookies = new Map(first.cookies);
    expect((await elsewhere.ask({ question: 'labas' })).statusCode).toBe(429);
    // Anonymous visitors from that other address still ask.
    expect(
      (await new AddressedBrowser(app.app.server, elsewhere.address).ask({ question: 'labas' }))
        .statusCode,
    ).toBe(200);
  });
});

describe('the panel on portal pages', () => {
  it('is an aside with a link to /assistant and its form only inside a template', async () => {
    const res = await browser().get('/privacy?lang=en');
    expect(res.statusCode).toBe(200);
    const aside = /<aside[^>]*aria-label="Virtual assistant"[\s\S]*?<\/aside>/.exec(res.body)?.[0];
    expect(aside).toBeDefined();
    expect(aside).toContain('href="/assistant"');
    expect(aside).toContain('src="/assets/assistant/assistant-panel.js"');
    expect(res.body.indexOf('</main>')).toBeLessThan(res.body.indexOf('<aside'));
    const outsideTemplate = res.body.replace(/<template[\s\S]*?<\/template>/g, '');
    expect(outsideTemplate).not.toMatch(/<input|<textarea|<select/);
    expect(res.body).toMatch(/<template[\s\S]*role="log" aria-live="polite"[\s\S]*<\/template>/);
  });

  it('serves the panel script from the allow-list only', async () => {
    const b = browser();
    const js = await b.get('/assets/assistant/assistant-panel.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    expect(js.body).toContain('aria-expanded');
    expect((await b.get('/assets/assistant/..%2Findex.ts')).statusCode).toBe(404);
  });
});
