/**
 * The desk's and the account's pages on a small Fastify app: the real access check (accessPlugin),
 * the real templates and messages, the real service on a migrated database; the session, CSRF
 * and page context are stand-ins (the lead's build-app provides the real ones).
 */
import path from 'node:path';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../app/context';
import { fixedClock, randomIds } from '../../../platform/clock';
import { isAppError, statusForKind } from '../../../platform/errors';
import { accessPlugin, type Principal, type RouteAccess } from '../../../platform/http';
import { createI18n, type Language } from '../../../platform/i18n';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing';
import { addFilters } from '../../../platform/views';
import { createAuditModule, type AuditModule } from '../../audit';
import { createConversationsService, type AssistantReplyNotice } from '../conversations';
import { accountConversationRoutes, deskRoutes } from '.';

const ROOT = path.resolve(__dirname, '../../../..');
const clock = fixedClock('2027-03-01T09:00:00Z');
const uuid = () => randomIds.uuid();
const staff = (roles: string[], mfaPassed = true): Principal => ({
  kind: 'staff',
  accountId: uuid(),
  email: 's@example.lt',
  displayName: 'Agentė Ona',
  roles,
  branchId: null,
  mfaPassed,
});
const applicant = (): Principal & { accountId: string } => ({
  kind: 'applicant',
  accountId: uuid(),
  email: 'a@example.com',
  displayName: 'A',
});

let database: TestDatabase;
let audit: AuditModule;
let app: FastifyInstance;
let svc: ReturnType<typeof createConversationsService>;
const notices: AssistantReplyNotice[] = [];
const agent = staff(['call-centre']);
const otherAgent = staff(['call-centre']);
const owner = applicant();

beforeAll(async () => {
  database = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: database.db, clock });
  svc = createConversationsService({
    db: database.db,
    clock,
    ids: randomIds,
    audit,
    notify: async (n) => {
      notices.push(n);
    },
  });
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([
      path.join(ROOT, 'src'),
      path.join(ROOT, 'node_modules', 'govuk-frontend', 'dist'),
    ]),
    { autoescape: true },
  );
  addFilters(env);
  const i18n = createI18n(path.join(ROOT, 'content', 'messages'));
  const table: RouteAccess[] = [];
  app = Fastify();
  await app.register(formbody);
  app.decorateRequest('principal', null as never);
  app.decorateRequest('lang', 'lt');
  app.decorateRequest('t', null as never);
  app.decorateRequest('ensureSession', null as never);
  app.addHook('onRequest', async (req) => {
    const h = req.headers['x-principal'];
    req.principal = h ? (JSON.parse(String(h)) as Principal) : { kind: 'anonymous' };
    req.lang = (req.headers['x-lang'] as Language | undefined) ?? 'lt';
    req.t = i18n.translator(req.lang);
    const data: Record<string, unknown> = {};
    (req as unknown as { ensureSession: () => unknown }).ensureSession = () => ({ data });
  });
  app.decorateReply('page', function (this: FastifyReply, template: string, data = {}) {
    const req = this.request;
    this.type('text/html');
    return this.send(
      env.render(template, {
        lang: req.lang,
        t: req.t,
        csrfToken: () => 'token',
        errors: [],
        fieldErrors: {},
        values: {},
        ...data,
      }),
    );
  });
  app.setErrorHandler((e, _req, reply) => {
    if (isAppError(e)) return reply.status(statusForKind[e.kind]).send({ code: e.code });
    return reply.status(500).send({ message: (e as Error).message });
  });
  await app.register(accessPlugin, { table });
  await app.register(
    deskRoutes({
      conversations: svc,
      casesOf: async () => [{ reference: 'VRT-2027-000123', service: 'Leidimas gyventi' }],
      services: () => [{ id: 'national-visa', name: 'Nacionalinė viza' }],
    }),
  );
  await app.register(accountConversationRoutes({ conversations: svc }));
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await audit.drain();
  await database.close();
});

const as = (p: Principal | undefined, lang: Language = 'lt') => ({
  ...(p ? { 'x-principal': JSON.stringify(p) } : {}),
  'x-lang': lang,
});
const get = (url: string, p?: Principal, lang?: Language) =>
  app.inject({ method: 'GET', url, headers: as(p, lang) });
const post = (url: string, p: Principal | undefined, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields))
    for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return app.inject({
    method: 'POST',
    url,
    headers: { ...as(p), 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
};

async function handedOff(accountId?: string) {
  const { id } = await svc.start({ lang: 'uk', ...(accountId ? { accountId } : {}) });
  await svc.recordExchange(id, 'порадьте адвоката в Каунасі', {
    answer: 'Я не впевнений.',
    lang: 'uk',
    confidence: 0.1,
    sources: [{ id: 'faq:q1', title: 'Міграційний департамент', url: 'https://migracija.lrv.lt/' }],
    handoff: true,
    kind: 'not-sure',
    links: [],
  });
  await svc.handOff(id, {});
  return id;
}

describe('the assistant desk pages', () => {
  it('are for the contact centre only: applicants, officers, staff without MFA and visitors are refused', async () => {
    const id = await handedOff(owner.accountId);
    for (const url of [
      '/workbench/assistant',
      `/workbench/assistant/${id}`,
      '/workbench/assistant/faq-drafts',
    ]) {
      expect((await get(url)).statusCode).toBe(401);
      expect((await get(url, owner)).statusCode).toBe(403);
      expect((await get(url, staff(['officer']))).statusCode).toBe(403);
      expect((await get(url, staff(['call-centre'], false))).statusCode).toBe(401);
      expect((await get(url, agent)).statusCode).toBe(200);
      expect((await get(url, staff(['team-lead']))).statusCode).toBe(200);
    }
    expect((await post(`/workbench/assistant/${id}/reply`, owner, { text: 'x' })).statusCode).toBe(
      403,
    );
  });

  it('shows the queue and the transcript with the answer, its sources and confidence, and the applicant’s cases', async () => {
    const id = await handedOff(owner.accountId);
    const queue = await get('/workbench/assistant', agent, 'en');
    expect(queue.body).toContain(`/workbench/assistant/${id}`);
    expect(queue.body).toContain('порадьте адвоката в Каунасі');
    for (const lang of ['lt', 'en', 'ru', 'uk'] as const) {
      const page = await get(`/workbench/assistant/${id}`, agent, lang);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('faq:q1');
      expect(page.body).toContain('10 %');
      expect(page.body).toContain('/workbench/contact-centre/applications/VRT-2027-000123');
    }
  });

  it('replies (the applicant is told), proposes the reply as an FAQ entry, and another agent publishes it', async () => {
    const id = await handedOff(owner.accountId);
    expect((await post(`/workbench/assistant/${id}/reply`, agent, { text: '' })).statusCode).toBe(
      400,
    );
    const sent = await post(`/workbench/assistant/${id}/reply`, agent, {
      text: 'Advokatų nerekomenduojame.',
    });
    expect(sent.statusCode).toBe(302);
    expect(notices.at(-1)).toMatchObject({ conversationId: id, accountId: owner.accountId });
    const reply = (await svc.get(id))!.messages.at(-1)!;
    const form = await get(`/workbench/assistant/${id}/faq?message=${reply.id}`, agent);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Advokatų nerekomenduojame.');
    const fields = {
      messageId: reply.id,
      intents: ['contact'],
      services: ['national-visa'],
      ...Object.fromEntries(
        ['lt', 'en', 'ru', 'uk'].flatMap((l) => [
          [`question-${l}`, `Q ${l}`],
          [`answer-${l}`, `A ${l}`],
        ]),
      ),
    };
    const missing = await post(`/workbench/assistant/${id}/faq`, agent, {
      ...fields,
      'answer-ru': '',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('#answer-ru');
    expect((await post(`/workbench/assistant/${id}/faq`, agent, fields)).statusCode).toBe(302);
    const [draft] = await svc.faqDrafts(agent);
    const own = await get('/workbench/assistant/faq-drafts', agent);
    expect(own.body).not.toContain(`/faq-drafts/${draft!.id}/review`);
    expect(
      (
        await post(`/workbench/assistant/faq-drafts/${draft!.id}/review`, agent, {
          decision: 'publish',
        })
      ).statusCode,
    ).toBe(403);
    const review = await get('/workbench/assistant/faq-drafts', otherAgent);
    expect(review.body).toContain(`/faq-drafts/${draft!.id}/review`);
    expect(
      (
        await post(`/workbench/assistant/faq-drafts/${draft!.id}/review`, otherAgent, {
          decision: 'publish',
        })
      ).statusCode,
    ).toBe(302);
    expect((await svc.publishedFaq()).map((e) => e.id)).toContain(`x-desk-${draft!.id}`);
    expect((await post(`/workbench/assistant/${id}/close`, agent, {})).statusCode).toBe(302);
    expect((await svc.get(id))!.status).toBe('closed');
  });
});

describe('the applicant’s conversation pages', () => {
  it('list and show only the owner’s conversations, with the agent’s reply', async () => {
    const id = await handedOff(owner.accountId);
    await svc.reply(id, agent, 'Atsakymas jums.');
    const list = await get('/account/conversations', owner, 'uk');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/account/conversations/${id}`);
    const page = await get(`/account/conversations/${id}`, owner, 'uk');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Atsakymas jums.');
    expect(page.body).toContain('Контактний центр');
    const stranger = applicant();
    expect((await get(`/account/conversations/${id}`, stranger)).statusCode).toBe(404);
    expect((await get('/account/conversations', stranger)).body).not.toContain(id);
    expect((await get(`/account/conversations/${id}`)).statusCode).toBe(401);
    expect((await get(`/account/conversations/${id}`, agent)).statusCode).toBe(403);
  });
});
