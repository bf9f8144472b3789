/**
 * The assistant's portal interfaces on a Fastify instance with the real platform plugins
 * (sessions, CSRF, access, page context, views, error pages) on a test database. The assistant
 * and the conversation store are the small real implementations of test-support.ts (a fixed
 * table, memory) until the module's own services are wired in.
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import view from '@fastify/view';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES_DIR, MIGRATIONS_DIR, ROOT } from '../../../app/context';
import { registerErrorHandlers } from '../../../app/error-handler';
import { pageContextPlugin } from '../../../app/page-context';
import { systemClock } from '../../../platform/clock';
import {
  accessPlugin,
  ANONYMOUS,
  csrfPlugin,
  sessionsPlugin,
  type Principal,
  type Session,
} from '../../../platform/http';
import { createI18n } from '../../../platform/i18n';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing';
import { viewOptions } from '../../../platform/views';
import { AskResponse } from '../assistant.model';
import { assistantPortalRoutes, type AskLimitSettings } from './index';
import { fixedTableAssistant, memoryConversations } from './test-support';

const i18n = createI18n(MESSAGES_DIR);
const isApi = (url: string) => url.startsWith('/api/');
let database: TestDatabase;

const FEE = {
  contains: 'коштує',
  answer: {
    answer: 'Посвідка на тимчасове проживання коштує 160 EUR.',
    lang: 'uk' as const,
    confidence: 0.9,
    sources: [
      {
        id: 'service:temporary-residence-permit',
        title: 'Leidimas laikinai gyventi',
        url: '/services/temporary-residence-permit',
      },
      { id: 'faq:bad', title: 'Not a link', url: 'javascript:alert(1)' },
    ],
    handoff: false,
    links: [{ label: 'Pay the fee', href: '/applications/1/pay' }],
  },
};

/** Session account ids are uuids (sessions.account_id). */
const ACCOUNT: Record<string, string> = Object.fromEntries(
  ['applicant-1', 'applicant-2', 'applicant-3', 'applicant-limited', 'staff-1'].map((k, i) => [
    k,
    `00000000-0000-4000-8000-00000000000${i + 1}`,
  ]),
);

/** Applicants and staff by their session's account id, as accounts.principalFor would. */
async function principalOf(session: Session | null): Promise<Principal> {
  const id = session?.accountId;
  if (!id) return ANONYMOUS;
  if (id === ACCOUNT['staff-1'])
    return {
      kind: 'staff',
      accountId: id,
      email: `${id}@example.lt`,
      displayName: 'Agent',
      roles: ['contact-centre'],
      branchId: null,
      mfaPassed: true,
    };
  return { kind: 'applicant', accountId: id, email: `${id}@example.lt`, displayName: 'Olena' };
}

async function harness(limits: Partial<AskLimitSettings> = {}) {
  const assistant = fixedTableAssistant([FEE]);
  const conversations = memoryConversations();
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(accessPlugin, { table: [] });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(sessionsPlugin, {
    db: database.db,
    clock: systemClock,
    secure: false,
    idleMinutes: 30,
    absoluteHours: 12,
  });
  app.decorateRequest('principal', null as never);
  // Like build-app: the session decides the principal, except on /api/ (partners plugin).
  app.addHook('onRequest', async (req) => {
    req.principal = isApi(req.url) ? ANONYMOUS : await principalOf(req.session);
  });
  await app.register(pageContextPlugin, {
    i18n,
    secure: false,
    navigationFor: () => ({ serviceNameKey: 'common.serviceName', homeHref: '/', items: [] }),
  });
  await app.register(csrfPlugin, { exempt: isApi });
  await app.register(view, viewOptions(ROOT, false));
  registerErrorHandlers(app, { isApi });
  app.get('/test/sign-in', { config: { access: { who: 'public' } } }, async (req) => {
    req.rotateSession(String((req.query as { as: string }).as));
    return 'signed in';
  });
  app.get('/test/page', { config: { access: { who: 'public' } } }, (req, reply) =>
    reply.page('portal/views/privacy.njk', { title: 'Privacy' }),
  );
  await app.register(
    assistantPortalRoutes({
      assistant: assistant.service,
      conversations: conversations.service,
      i18n,
      clock: systemClock,
      db: database.db,
      sessionPrincipal: principalOf,
      config: { secure: false, limits: { perAddressPerMinute: 1000, ...limits } },
    }),
  );
  await app.ready();
  return { app, assistant, conversations };
}

let addressCount = 0;
/** A cookie jar over inject, from its own client address (the limits count per address). */
class Browser {
  cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    readonly address = `10.0.0.${++addressCount}`,
  ) {}
  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  get cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(url: string) {
    return this.remember(
      await this.app.inject({
        method: 'GET',
        url,
        remoteAddress: this.address,
        headers: { cookie: this.cookie },
      }),
    );
  }
  async post(url: string, fields: Record<string, string>, withToken = true) {
    const page = await this.get('/assistant');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.address,
        headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(withToken ? { _csrf: token, ...fields } : fields).toString(),
      }),
    );
  }
  async ask(body: unknown, headers: Record<string, string> = {}) {
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url: '/api/v1/assistant/ask',
        remoteAddress: this.address,
        headers: { cookie: this.cookie, ...headers },
        payload: body as Record<string, unknown>,
      }),
    );
  }
}

const t = (lang: 'lt' | 'en' | 'ru' | 'uk', key: string, v?: Record<string, string | number>) =>
  i18n.t(lang, key, v);
/** Nunjucks escapes quotes and apostrophes in text. */
const html = (s: string) => s.replace(/'/g, '&#39;').replace(/"/g, '&quot;');

let h: Awaited<ReturnType<typeof harness>>;
beforeAll(async () => {
  database = await createTestDatabase(MIGRATIONS_DIR);
  h = await harness();
});
afterAll(async () => {
  await h?.app.close();
  await database?.close();
});

describe('the /assistant page (no JavaScript)', () => {
  it('shows a text input for the question and the hand-off form, without the panel', async () => {
    const res = await new Browser(h.app).get('/assistant');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(t('lt', 'assistant.page.title'));
    expect(res.body).toMatch(/<input[^>]*name="question"[^>]*type="text"/);
    expect(res.body).not.toContain('<textarea');
    expect(res.body).toContain('action="/assistant/handoff"');
    expect(res.body).toMatch(/<input[^>]*name="email"[^>]*type="email"/);
    expect(res.body).not.toContain('data-assistant-panel');
  });

  it('answers a question with its sources and links, keeps the conversation in a cookie', async () => {
    const b = new Browser(h.app);
    const before = h.assistant.calls.length;
    const res = await b.post('/assistant', { question: 'Скільки коштує посвідка?' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Посвідка на тимчасове проживання коштує 160 EUR.');
    expect(res.body).toContain('href="/services/temporary-residence-permit"');
    expect(res.body).toContain('href="/applications/1/pay"');
    expect(res.body).not.toContain('javascript:');
    // No language hint, not even the page's: the answer follows the question's language.
    expect(h.assistant.calls[before]).toEqual({
      req: { question: 'Скільки коштує посвідка?' },
      asker: { accountId: undefined },
    });
    const set = res.cookies.find((c) => c.name === 'vartai_assistant');
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(set?.secure).toBeFalsy();

    const second = await b.post('/assistant', { question: 'what is the meaning of life' });
    expect(second.body).toContain('Скільки коштує посвідка?');
    expect(second.body).toContain('href="#handoff"');
    const stored = h.conversations.store.get(set!.value)!;
    expect(stored.messages.map((m) => m.role)).toEqual([
      'visitor',
      'assistant',
      'visitor',
      'assistant',
    ]);
    expect(stored.accountId).toBeUndefined();
  });

  it('refuses a form post without the CSRF token', async () => {
    const b = new Browser(h.app);
    expect((await b.post('/assistant', { question: 'kaina' }, false)).statusCode).toBe(403);
    expect((await b.post('/assistant/handoff', { email: 'a@example.lt' }, false)).statusCode).toBe(
      403,
    );
  });

  it('shows errors in the reader’s language and keeps what was typed', async () => {
    const b = new Browser(h.app);
    await b.get('/assistant?lang=uk');
    const empty = await b.post('/assistant', { question: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toContain(t('uk', 'assistant.error.questionEmpty'));
    expect(empty.body).toContain('href="#question"');

    const long = 'я'.repeat(1001);
    const tooLong = await b.post('/assistant', { question: long });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain(t('uk', 'assistant.error.questionTooLong', { max: 1000 }));
    expect(tooLong.body).toContain(`value="${long}"`);
  });

  it('hands an anonymous conversation to a person, who replies by e-mail', async () => {
    const b = new Browser(h.app);
    await b.get('/assistant?lang=en');
    await b.post('/assistant', { question: 'can you recommend a lawyer' });
    const id = b.cookies.get('vartai_assistant')!;

    const noEmail = await b.post('/assistant/handoff', { email: '' });
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.body).toContain(html(t('en', 'assistant.error.emailEmpty')));
    const bad = await b.post('/assistant/handoff', { email: 'not-an-address', note: 'Kaunas' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(t('en', 'assistant.error.emailInvalid'));
    expect(bad.body).toContain('value="Kaunas"');

    const done = await b.post('/assistant/handoff', { email: 'olena@example.lt', note: 'Kaunas' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(
      t('en', 'assistant.handoff.done.email', { email: 'olena@example.lt' }),
    );
    expect(h.conversations.handOffs.at(-1)).toEqual({
      id,
      email: 'olena@example.lt',
      note: 'Kaunas',
    });
    // The next question starts a new conversation.
    expect(b.cookies.has('vartai_assistant')).toBe(false);
  });

  it('asks for the question when a hand-off has nothing to hand over', async () => {
    const b = new Browser(h.app);
    const res = await b.post('/assistant/handoff', { email: 'olena@example.lt' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(t('lt', 'assistant.error.noteNeeded'));
  });

  it('passes a signed-in applicant’s account, claims their anonymous conversation, replies in the account', async () => {
    const b = new Browser(h.app);
    await b.post('/assistant', { question: 'Скільки коштує посвідка?' });
    const id = b.cookies.get('vartai_assistant')!;
    await b.get(`/test/sign-in?as=${ACCOUNT['applicant-1']}`);
    const before = h.assistant.calls.length;
    const res = await b.post('/assistant', { question: 'Скільки коштує посвідка зараз?' });
    expect(res.statusCode).toBe(200);
    expect(h.assistant.calls[before]!.asker.accountId).toBe(ACCOUNT['applicant-1']);
    expect(b.cookies.get('vartai_assistant')).toBe(id);
    expect(h.conversations.store.get(id)!.accountId).toBe(ACCOUNT['applicant-1']);
    expect(h.conversations.store.get(id)!.messages).toHaveLength(4);

    // The hand-off form asks no e-mail: the reply comes to the account.
    expect((await b.get('/assistant')).body).not.toContain('name="email"');
    const done = await b.post('/assistant/handoff', {});
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(t('lt', 'assistant.handoff.done.account'));
    expect(h.conversations.handOffs.at(-1)).toEqual({ id });
  });

  it('never continues an account’s conversation for someone else on the same browser', async () => {
    const b = new Browser(h.app);
    await b.get(`/test/sign-in?as=${ACCOUNT['applicant-2']}`);
    await b.post('/assistant', { question: 'Скільки коштує посвідка?' });
    const id = b.cookies.get('vartai_assistant')!;
    b.cookies.delete('vartai_session');
    const page = await b.get('/assistant');
    expect(page.body).not.toContain('Скільки коштує посвідка?');
    await b.post('/assistant', { question: 'labas' });
    expect(b.cookies.get('vartai_assistant')).not.toBe(id);
    expect(h.conversations.store.get(id)!.messages).toHaveLength(2);
  });
});

describe('POST /api/v1/assistant/ask', () => {
  it('answers in the AskResponse shape, without CSRF token, keeping no conversation', async () => {
    const b = new Browser(h.app);
    const res = await b.ask({ question: '  скільки коштує посвідка  ', lang: 'uk' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(AskResponse.strict().parse(body)).toEqual(body);
    expect(body).toMatchObject({ lang: 'uk', handoff: false, confidence: 0.9 });
    expect(body.sources[0]).toEqual(FEE.answer.sources[0]);
    expect(h.assistant.calls.at(-1)!.req).toEqual({
      question: 'скільки коштує посвідка',
      lang: 'uk',
    });
    expect(h.assistant.calls.at(-1)!.asker).toEqual({ accountId: undefined });
    expect(res.cookies.find((c) => c.name === 'vartai_assistant')).toBeUndefined();
  });

  it('refuses invalid questions with problem+json', async () => {
    const b = new Browser(h.app);
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
    const anonymous = new Browser(h.app);
    await anonymous.ask({ question: 'коштує' });
    expect(h.assistant.calls.at(-1)!.asker.accountId).toBeUndefined();

    const applicant = new Browser(h.app);
    await applicant.get(`/test/sign-in?as=${ACCOUNT['applicant-3']}`);
    await applicant.ask({ question: 'коштує' });
    expect(h.assistant.calls.at(-1)!.asker.accountId).toBe(ACCOUNT['applicant-3']);

    const staff = new Browser(h.app);
    await staff.get(`/test/sign-in?as=${ACCOUNT['staff-1']}`);
    await staff.ask({ question: 'коштує' });
    expect(h.assistant.calls.at(-1)!.asker.accountId).toBeUndefined();
  });

  it('keeps the panel’s questions in the browser’s conversation', async () => {
    const b = new Browser(h.app);
    await b.ask({ question: 'коштує' }, { 'x-assistant-conversation': 'keep' });
    await b.ask({ question: 'what else' }, { 'x-assistant-conversation': 'keep' });
    const id = b.cookies.get('vartai_assistant')!;
    expect(h.conversations.store.get(id)!.messages.map((m) => m.text)).toEqual([
      'коштує',
      FEE.answer.answer,
      'what else',
      expect.any(String),
    ]);
    // …which the page then shows, with the offer of a person.
    const page = await b.get('/assistant');
    expect(page.body).toContain(FEE.answer.answer);
    expect(page.body).toContain('href="#handoff"');
  });
});

describe('rate limits', () => {
  it('limits questions per address: 429 problem+json on the API, a page with the text kept', async () => {
    const limited = await harness({ perAddressPerMinute: 3 });
    try {
      const b = new Browser(limited.app);
      for (let i = 0; i < 3; i++)
        expect((await b.ask({ question: 'коштує' })).statusCode).toBe(200);
      const res = await b.ask({ question: 'коштує' });
      expect(res.statusCode).toBe(429);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(res.json().title).toMatch(/wait a minute/);

      const page = await b.post('/assistant', { question: 'ar dar galiu klausti?' });
      expect(page.statusCode).toBe(429);
      expect(page.body).toContain(t('lt', 'assistant.limited.body'));
      expect(page.body).toContain('value="ar dar galiu klausti?"');
      // Another address is not affected.
      expect((await new Browser(limited.app).ask({ question: 'коштує' })).statusCode).toBe(200);
    } finally {
      await limited.app.close();
    }
  });

  it('limits questions per account, whatever the address', async () => {
    const limited = await harness({ perAccountPerMinute: 2 });
    try {
      const first = new Browser(limited.app);
      await first.get(`/test/sign-in?as=${ACCOUNT['applicant-limited']}`);
      expect((await first.ask({ question: 'коштує' })).statusCode).toBe(200);
      expect((await first.ask({ question: 'коштує' })).statusCode).toBe(200);
      const elsewhere = new Browser(limited.app);
      elsewhere.cookies = new Map(first.cookies);
      expect((await elsewhere.ask({ question: 'коштує' })).statusCode).toBe(429);
      // Anonymous visitors from that other address still ask.
      expect(
        (await new Browser(limited.app, elsewhere.address).ask({ question: 'коштує' })).statusCode,
      ).toBe(200);
    } finally {
      await limited.app.close();
    }
  });
});

describe('the panel on portal pages', () => {
  it('is an aside with a link to /assistant and its form only inside a template', async () => {
    const res = await new Browser(h.app).get('/test/page?lang=en');
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
    const b = new Browser(h.app);
    const js = await b.get('/assets/assistant/assistant-panel.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    expect(js.body).toContain('aria-expanded');
    expect((await b.get('/assets/assistant/..%2Findex.ts')).statusCode).toBe(404);
  });
});
