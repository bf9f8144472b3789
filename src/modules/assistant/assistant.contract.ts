import type { Principal } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import type { Answer, AskRequest, AnswerKind, Source } from './assistant.model';

/**
 * The assistant's public services, as the portal pages, the API, the workbench desk and the
 * composition root (src/app/assistant.wiring.ts) see them.
 */

/** Answers one question; `accountId` only when the asker is a signed-in applicant. */
export interface AssistantService {
  ask(req: AskRequest, asker: { accountId?: string; lang?: Language }): Promise<Answer>;
}

/** What the assistant may say about one of the applicant's own cases (filled by src/app). */
export interface OwnCaseFacts {
  caseId: string;
  applicationId: string;
  reference: string;
  serviceId: string;
  serviceName: string;
  /** The case status code (cases module) and its label in the asked language. */
  status: string;
  statusLabel: string;
  /** ISO date the application was filed. */
  filedOn?: string;
  /** ISO date by which the law requires a decision (legal clock), when running. */
  decisionDue?: string;
  /** Range of the likely decision date (estimates module), ISO dates. */
  estimate?: { from: string; to: string };
  /** Names of documents or information the Department asked for and has not received. */
  missing: string[];
  /** undefined when no fee is due for this service. */
  fee?: { paid: boolean; amount?: string; payUrl?: string };
  appointment?: { at: string; place: string; changeUrl: string };
  /** When a card or document is ready or on its way. */
  delivery?: { state: string; place?: string };
  /** The applicant's page for this application. */
  url: string;
}

export interface OwnCasePorts {
  /** The applicant's open and recent cases, newest first, labels in `lang`. */
  casesOf(accountId: string, lang: Language): Promise<OwnCaseFacts[]>;
}

export const CONVERSATION_STATUSES = ['open', 'waiting', 'answered', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const MESSAGE_ROLES = ['visitor', 'assistant', 'agent'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export interface ConversationMessage {
  id: string;
  role: MessageRole;
  text: string;
  at: Date;
  /** For assistant answers: how it was answered, for the agent's context. */
  answer?: { kind: AnswerKind; confidence: number; sources: Source[] };
  /** For agent replies: the agent's display name. */
  author?: string;
}

export interface Conversation {
  id: string;
  status: ConversationStatus;
  lang: Language;
  accountId?: string;
  /** Where an anonymous visitor wants the reply sent. */
  email?: string;
  startedAt: Date;
  handedOffAt?: Date;
  messages: ConversationMessage[];
}

/** The conversation store (assistant_conversations, assistant_messages: append-only). */
export interface ConversationsService {
  start(input: { accountId?: string; lang: Language }): Promise<{ id: string }>;
  get(id: string): Promise<Conversation | undefined>;
  /** Records one question and the assistant's answer to it. */
  recordExchange(id: string, question: string, answer: Answer): Promise<void>;
  /** Puts the conversation in the contact-centre queue (idempotent while waiting). */
  handOff(id: string, input: { email?: string; note?: string }): Promise<void>;
  /** The signed-in applicant's conversations that were handed off, newest first. */
  listForAccount(accountId: string): Promise<Conversation[]>;
  /** An anonymous conversation becomes the account's when its visitor signs in. */
  claim(id: string, accountId: string): Promise<void>;
}

export type { Principal };
