import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../app/context';
import { fixedClock, randomIds } from '../../../platform/clock';
import type { AnyTransaction } from '../../../platform/db';
import type { Principal } from '../../../platform/http';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing';
import { createAuditModule, type AuditModule } from '../../audit';
import type { Answer } from '../assistant.model';
import { createConversationsService, type AssistantReplyNotice } from '.';

const clock = fixedClock('2027-03-01T09:00:00Z');
const uuid = () => randomIds.uuid();
const staff = (roles: string[], accountId = uuid()): Principal => ({
  kind: 'staff',
  accountId,
  email: 'agent@example.lt',
  displayName: 'Agent',
  roles,
  branchId: null,
  mfaPassed: true,
});
const applicant = (accountId = uuid()): Principal & { accountId: string } => ({
  kind: 'applicant',
  accountId,
  email: 'a@example.com',
  displayName: 'A',
});
const answer = (text: string): Answer => ({
  answer: text,
  lang: 'uk',
  confidence: 0.2,
  sources: [{ id: 'faq:q4', title: 'Fees', url: 'https://migracija.lrv.lt/' }],
  handoff: true,
  kind: 'not-sure',
  links: [],
});
const proposal = {
  question: { lt: 'Ar galiu?', en: 'May I?', ru: 'Можно ли?', uk: 'Чи можна?' },
  answer: { lt: 'Taip.', en: 'Yes.', ru: 'Да.', uk: 'Так.' },
  intents: ['eligibility'],
  services: ['temporary-residence-permit'],
};

let database: TestDatabase;
let audit: AuditModule;
const notices: { notice: AssistantReplyNotice; seen: number }[] = [];
let failNotify = false;
let svc: ReturnType<typeof createConversationsService>;
const agent = staff(['call-centre']);
const other = staff(['call-centre']);
const lead = staff(['team-lead']);

beforeAll(async () => {
  database = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: database.db, clock });
  svc = createConversationsService({
    db: database.db,
    clock,
    ids: randomIds,
    audit,
    staffName: async () => 'Agentė Ona',
    notify: async (notice, trx: AnyTransaction) => {
      // The reply is visible to the port: it runs inside the reply's transaction.
      const r = await sql<{
        n: number;
      }>`select count(*)::int as n from assistant_messages where id = ${notice.messageId}`.execute(
        trx,
      );
      notices.push({ notice, seen: r.rows[0]!.n });
      if (failNotify) throw new Error('mail platform down');
    },
  });
});
afterAll(async () => {
  await audit.drain();
  await database.close();
});

async function handedOff(input: { accountId?: string; email?: string } = {}) {
  const { id } = await svc.start({
    lang: 'uk',
    ...(input.accountId ? { accountId: input.accountId } : {}),
  });
  await svc.recordExchange(id, 'де мій адвокат?', answer('Не впевнений.'));
  await svc.handOff(id, input.email ? { email: input.email } : {});
  return id;
}

describe('assistant conversations', () => {
  it('starts a conversation and records each exchange in order, with the answer for context', async () => {
    const { id } = await svc.start({ lang: 'uk' });
    await svc.recordExchange(id, 'скільки коштує', answer('160 EUR'));
    await svc.recordExchange(id, 'а термін?', answer('4 місяці'));
    const c = await svc.get(id);
    expect(c?.status).toBe('open');
    expect(c?.messages.map((m) => m.role)).toEqual([
      'visitor',
      'assistant',
      'visitor',
      'assistant',
    ]);
    expect(c?.messages[1]?.answer).toEqual({
      kind: 'not-sure',
      confidence: 0.2,
      sources: [{ id: 'faq:q4', title: 'Fees', url: 'https://migracija.lrv.lt/' }],
    });
    expect(await svc.get('not-a-uuid')).toBeUndefined();
  });

  it('hands off once: a second handoff keeps the place in the queue', async () => {
    const { id } = await svc.start({ lang: 'lt' });
    await svc.handOff(id, { email: 'visitor@example.com', note: 'Prašau paskambinti' });
    const first = await svc.get(id);
    clock.advance(60_000);
    await svc.handOff(id, { note: 'Dar kartą' });
    const second = await svc.get(id);
    expect(second?.status).toBe('waiting');
    expect(second?.handedOffAt).toEqual(first?.handedOffAt);
    expect(second?.email).toBe('visitor@example.com');
    expect(second?.messages.map((m) => m.text)).toEqual(['Prašau paskambinti']);
    await expect(svc.handOff(id, { email: 'not an address' })).rejects.toMatchObject({
      code: 'ASSISTANT_INPUT_INVALID',
    });
  });

  it('queues waiting conversations first, oldest first, and audits the queue', async () => {
    const a = await handedOff();
    clock.advance(1000);
    const b = await handedOff();
    clock.advance(1000);
    const c = await handedOff({ email: 'x@example.com' });
    await svc.reply(a, agent, 'Atsakymas');
    const q = await svc.queue('all', agent);
    const mine = q.filter((x) => [a, b, c].includes(x.id)).map((x) => x.id);
    expect(mine).toEqual([b, c, a]);
    const waiting = q.filter((x) => x.status === 'waiting');
    const sorted = [...waiting].sort((x, y) => x.handedOffAt.getTime() - y.handedOffAt.getTime());
    expect(waiting).toEqual(sorted);
    expect(q.findIndex((x) => x.status !== 'waiting')).toBeGreaterThanOrEqual(waiting.length);
    expect(q.find((x) => x.id === b)?.preview).toBe('де мій адвокат?');
    const entries = await audit.entriesFor({ kind: 'assistant-queue', id: 'all' });
    expect(entries.length).toBeGreaterThan(0);
  });

  it('replies in one transaction with the notice: the account, or the e-mail of an anonymous visitor', async () => {
    const owner = applicant();
    const signedIn = await handedOff({ accountId: owner.accountId });
    const anonymous = await handedOff({ email: 'visitor@example.com' });
    notices.length = 0;
    const { messageId } = await svc.reply(signedIn, agent, 'Kreipkitės į advokatą.');
    await svc.reply(anonymous, agent, 'Відповідь');
    expect(notices[0]).toMatchObject({
      seen: 1,
      notice: { conversationId: signedIn, messageId, lang: 'uk', accountId: owner.accountId },
    });
    expect(notices[0]!.notice.email).toBeUndefined();
    expect(notices[1]!.notice).toMatchObject({ email: 'visitor@example.com', text: 'Відповідь' });
    expect(notices[1]!.notice.accountId).toBeUndefined();
    const c = await svc.view(signedIn, agent);
    expect(c.status).toBe('answered');
    expect(c.claimedBy).toBe(agent.kind === 'staff' ? agent.accountId : '');
    expect(c.messages.at(-1)).toMatchObject({ role: 'agent', author: 'Agentė Ona' });
  });

  it('a reply whose notice fails is not kept', async () => {
    const id = await handedOff({ email: 'v@example.com' });
    failNotify = true;
    await expect(svc.reply(id, agent, 'Nepavyks')).rejects.toThrow('mail platform down');
    failNotify = false;
    const c = await svc.get(id);
    expect(c?.status).toBe('waiting');
    expect(c?.messages.some((m) => m.role === 'agent')).toBe(false);
  });

  it('takes, closes and refuses desk work on conversations not in the queue', async () => {
    const id = await handedOff();
    await svc.take(id, agent);
    expect((await svc.view(id, agent)).claimedBy).toBe((agent as { accountId: string }).accountId);
    await svc.take(id, lead);
    expect((await svc.view(id, lead)).claimedBy).toBe((lead as { accountId: string }).accountId);
    await svc.close(id, agent);
    await expect(svc.reply(id, agent, 'x')).rejects.toMatchObject({
      code: 'ASSISTANT_CONVERSATION_CLOSED',
    });
    const { id: open } = await svc.start({ lang: 'en' });
    await expect(svc.reply(open, agent, 'x')).rejects.toMatchObject({
      code: 'ASSISTANT_NOT_WAITING',
    });
    await expect(svc.view(open, agent)).rejects.toMatchObject({
      code: 'ASSISTANT_CONVERSATION_NOT_FOUND',
    });
    await expect(svc.reply(uuid(), agent, 'x')).rejects.toMatchObject({
      code: 'ASSISTANT_CONVERSATION_NOT_FOUND',
    });
  });

  it('audits every read of a conversation by staff', async () => {
    const id = await handedOff({ email: 'v@example.com' });
    await svc.view(id, agent, '10.0.0.1');
    const entries = await audit.entriesFor({ kind: 'assistant-conversation', id });
    expect(
      entries.some((e) => e.action === 'personal-data.read' && e.purpose === 'call-centre-enquiry'),
    ).toBe(true);
  });

  it('lists an applicant their own handed-off conversations only, newest first', async () => {
    const owner = applicant();
    const stranger = applicant();
    const { id: notHandedOff } = await svc.start({ lang: 'uk', accountId: owner.accountId });
    const first = await handedOff({ accountId: owner.accountId });
    clock.advance(1000);
    const second = await handedOff({ accountId: owner.accountId });
    await handedOff({ accountId: stranger.accountId });
    const list = await svc.listForAccount(owner.accountId);
    expect(list.map((c) => c.id)).toEqual([second, first]);
    expect(list.map((c) => c.id)).not.toContain(notHandedOff);
    expect((await svc.ownConversation(first, owner)).id).toBe(first);
    await expect(svc.ownConversation(first, stranger)).rejects.toMatchObject({
      code: 'ASSISTANT_CONVERSATION_NOT_FOUND',
    });
    await expect(svc.ownConversation(first, { kind: 'anonymous' })).rejects.toMatchObject({
      code: 'ASSISTANT_CONVERSATION_NOT_FOUND',
    });
  });

  it('an anonymous conversation becomes the account’s when its visitor signs in, and nobody else’s', async () => {
    const id = await handedOff({ email: 'v@example.com' });
    const owner = applicant();
    await svc.claim(id, owner.accountId);
    await svc.claim(id, owner.accountId);
    const c = await svc.get(id);
    expect(c?.accountId).toBe(owner.accountId);
    expect(c?.email).toBeUndefined();
    await expect(svc.claim(id, uuid())).rejects.toMatchObject({
      code: 'ASSISTANT_CONVERSATION_NOT_FOUND',
    });
  });

  it('keeps the desk to the contact centre: applicants, officers and staff without MFA are refused', async () => {
    const id = await handedOff();
    for (const p of [
      applicant(),
      { kind: 'anonymous' } as const,
      staff(['officer']),
      staff(['administrator']),
      { ...staff(['call-centre']), mfaPassed: false } as Principal,
    ]) {
      await expect(svc.view(id, p)).rejects.toMatchObject({ code: 'ASSISTANT_DESK_FORBIDDEN' });
      await expect(svc.queue('waiting', p)).rejects.toMatchObject({
        code: 'ASSISTANT_DESK_FORBIDDEN',
      });
      await expect(svc.reply(id, p, 'x')).rejects.toMatchObject({
        code: 'ASSISTANT_DESK_FORBIDDEN',
      });
    }
    expect((await svc.view(id, agent)).id).toBe(id);
    expect((await svc.view(id, lead)).id).toBe(id);
  });

  it('publishes an FAQ entry from a reply only after someone else reviews it (four eyes)', async () => {
    const id = await handedOff();
    const { messageId } = await svc.reply(id, agent, 'Taip.');
    const visitorMessage = (await svc.get(id))!.messages[0]!.id;
    await expect(svc.proposeFaq(visitorMessage, agent, proposal)).rejects.toMatchObject({
      code: 'ASSISTANT_NOT_A_REPLY',
    });
    await expect(
      svc.proposeFaq(messageId, agent, { ...proposal, answer: { lt: 'Taip.' } }),
    ).rejects.toMatchObject({ code: 'ASSISTANT_INPUT_INVALID' });
    const { id: draft } = await svc.proposeFaq(messageId, agent, proposal);
    expect((await svc.faqDrafts(agent)).map((d) => d.id)).toContain(draft);
    await expect(svc.reviewFaq(draft, agent, 'publish')).rejects.toMatchObject({
      code: 'ASSISTANT_FOUR_EYES',
    });
    expect((await svc.publishedFaq()).map((e) => e.id)).not.toContain(`x-desk-${draft}`);
    await expect(svc.reviewFaq(draft, applicant(), 'publish')).rejects.toMatchObject({
      code: 'ASSISTANT_DESK_FORBIDDEN',
    });
    await svc.reviewFaq(draft, other, 'publish');
    await expect(svc.reviewFaq(draft, lead, 'reject')).rejects.toMatchObject({
      code: 'ASSISTANT_FAQ_DRAFT_REVIEWED',
    });
    const entry = (await svc.publishedFaq()).find((e) => e.id === `x-desk-${draft}`);
    expect(entry).toMatchObject({
      intents: ['eligibility'],
      services: ['temporary-residence-permit'],
      question: proposal.question,
      answer: proposal.answer,
      sources: [{ date: '2027-03-01' }],
    });

    const { id: rejected } = await svc.proposeFaq(messageId, agent, proposal);
    await svc.reviewFaq(rejected, lead, 'reject');
    expect((await svc.publishedFaq()).map((e) => e.id)).not.toContain(`x-desk-${rejected}`);
    // The database holds the rule too, whatever the code does.
    await expect(
      sql`update assistant_faq_drafts set status = 'draft', reviewed_by = null, reviewed_at = null where id = ${rejected}`
        .execute(database.db)
        .then(() =>
          sql`update assistant_faq_drafts set status = 'published', reviewed_by = created_by, reviewed_at = now() where id = ${rejected}`.execute(
            database.db,
          ),
        ),
    ).rejects.toThrow();
  });

  it('keeps messages append-only: they cannot be updated or deleted', async () => {
    const id = await handedOff();
    await expect(
      sql`update assistant_messages set text = 'changed' where conversation_id = ${id}`.execute(
        database.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from assistant_messages where conversation_id = ${id}`.execute(database.db),
    ).rejects.toThrow(/append-only/);
    expect((await svc.get(id))?.messages[0]?.text).toBe('де мій адвокат?');
  });
});
