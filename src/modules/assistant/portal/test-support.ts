/**
 * Small real implementations of the assistant's interfaces for the portal tests, until they run
 * on the real ones: an assistant that answers from a fixed table (and records who asked), and a
 * conversation store in memory.
 */
import { randomUUID } from 'node:crypto';
import type { Language } from '../../../platform/i18n';
import type { AssistantService, Conversation, ConversationsService } from '../assistant.contract';
import type { Answer, AskRequest } from '../assistant.model';

export interface TableRow {
  /** Answers a question that contains this text (case-insensitive). */
  contains: string;
  answer: Omit<Answer, 'links' | 'kind'> & Partial<Pick<Answer, 'links' | 'kind'>>;
}

export function fixedTableAssistant(rows: TableRow[]) {
  const calls: { req: AskRequest; asker: { accountId?: string; lang?: Language } }[] = [];
  const service: AssistantService = {
    async ask(req, asker) {
      calls.push({ req, asker });
      const row = rows.find((r) => req.question.toLowerCase().includes(r.contains.toLowerCase()));
      if (row) return { kind: 'faq', links: [], ...row.answer };
      return {
        answer: 'I am not sure I can answer this correctly, so I will not guess.',
        lang: req.lang ?? asker.lang ?? 'lt',
        confidence: 0.1,
        sources: [],
        handoff: true,
        kind: 'not-sure',
        links: [],
      };
    },
  };
  return { service, calls };
}

export function memoryConversations(clock: () => Date = () => new Date()) {
  const store = new Map<string, Conversation>();
  const handOffs: { id: string; email?: string; note?: string }[] = [];
  const find = (id: string) => {
    const c = store.get(id);
    if (!c) throw new Error(`No conversation ${id}`);
    return c;
  };
  const service: ConversationsService = {
    async start(input) {
      const id = randomUUID();
      store.set(id, {
        id,
        status: 'open',
        lang: input.lang,
        ...(input.accountId ? { accountId: input.accountId } : {}),
        startedAt: clock(),
        messages: [],
      });
      return { id };
    },
    async get(id) {
      const c = store.get(id);
      return c && { ...c, messages: [...c.messages] };
    },
    async recordExchange(id, question, answer) {
      const c = find(id);
      c.messages.push(
        { id: randomUUID(), role: 'visitor', text: question, at: clock() },
        {
          id: randomUUID(),
          role: 'assistant',
          text: answer.answer,
          at: clock(),
          answer: { kind: answer.kind, confidence: answer.confidence, sources: answer.sources },
        },
      );
    },
    async handOff(id, input) {
      const c = find(id);
      if (c.status === 'waiting') return;
      c.status = 'waiting';
      c.handedOffAt = clock();
      if (input.email) c.email = input.email;
      handOffs.push({ id, ...input });
    },
    async listForAccount(accountId) {
      return [...store.values()].filter((c) => c.accountId === accountId && c.handedOffAt);
    },
    async claim(id, accountId) {
      const c = find(id);
      if (!c.accountId) c.accountId = accountId;
    },
  };
  return { service, store, handOffs };
}
