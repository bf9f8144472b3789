import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APPLICANTS } from '../modules/accounts';
import type { DeskConversationsService } from '../modules/assistant/conversations';
import { createAssistantDesk } from './assistant-desk.wiring';
import { drivenJobs } from './processing.test-support';
import { startTestApp, type TestApp } from './test-app';

/**
 * The desk's notify port on the real notifications module: a signed-in applicant's reply is in
 * their inbox (event assistant-reply, linking to the conversation) and goes out by e-mail; an
 * anonymous visitor's reply is e-mailed to the address they gave, in the conversation's language.
 */
let app: TestApp;
const recorder = drivenJobs();
let svc: DeskConversationsService;
const agent = {
  kind: 'staff' as const,
  accountId: '00000000-0000-4000-8000-00000000a9e1',
  email: 'agent@example.lt',
  displayName: 'Agent',
  roles: ['call-centre'],
  branchId: null,
  mfaPassed: true,
};

beforeAll(async () => {
  app = await startTestApp({}, { jobs: recorder.jobs });
  const desk = createAssistantDesk({
    db: app.ctx.database.db,
    clock: app.ctx.clock,
    ids: app.ctx.ids,
    audit: app.app.modules.audit,
    jobs: recorder.jobs,
    mail: app.mail,
    publicUrl: 'https://vartai.example',
    notifications: app.app.modules.notifications,
  });
  svc = desk.conversations;
});
afterAll(async () => {
  await app?.close();
});

async function handedOff(input: { accountId?: string; email?: string; lang: 'uk' | 'en' }) {
  const { id } = await svc.start({
    lang: input.lang,
    ...(input.accountId ? { accountId: input.accountId } : {}),
  });
  await svc.handOff(id, input.email ? { email: input.email } : {});
  return id;
}

describe('the assistant desk notify port', () => {
  it('puts a signed-in applicant’s reply in the inbox and e-mails it', async () => {
    const accountId = (await app.app.modules.accounts.repo.findByEmail(DEMO_APPLICANTS[0]!.email))!
      .id;
    const id = await handedOff({ accountId, lang: 'uk' });
    const { messageId } = await svc.reply(id, agent, 'Jūsų atsakymas.');
    const rows = await sql<{ event: string; link: string; body: string }>`
      select event, link, body from notifications where dedupe_key = ${`assistant-reply:${messageId}`}`.execute(
      app.ctx.database.db,
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({
      event: 'assistant-reply',
      link: `/account/conversations/${id}`,
    });
    expect(rows.rows[0]!.body).toContain('Jūsų atsakymas.');
    await recorder.run();
    expect(app.mail.sent.some((m) => m.text.includes('Jūsų atsakymas.'))).toBe(true);
  });

  it('e-mails an anonymous visitor in the conversation’s language, after the reply commits', async () => {
    const id = await handedOff({ email: 'visitor@example.com', lang: 'uk' });
    app.mail.sent.length = 0;
    await svc.reply(id, agent, 'Ось відповідь.');
    expect(app.mail.sent).toHaveLength(0);
    await recorder.run();
    expect(app.mail.sent).toHaveLength(1);
    expect(app.mail.sent[0]).toMatchObject({ to: 'visitor@example.com', lang: 'uk' });
    expect(app.mail.sent[0]!.subject).toBe('Контактний центр відповів на ваше запитання');
    expect(app.mail.sent[0]!.text).toContain('Ось відповідь.');
  });
});
