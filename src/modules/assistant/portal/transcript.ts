/**
 * The conversation as the page shows it. Answers are plain text (no HTML); links come from the
 * knowledge sources, and only web addresses and same-site paths are ever made into links.
 */
import type { Translate } from '../../../platform/i18n';
import type { AnswerKind, AnswerLink, Source } from '../assistant.model';
import type { ConversationMessage } from '../assistant.contract';

export interface LinkView {
  text: string;
  href: string;
}

export interface TurnView {
  role: 'visitor' | 'assistant' | 'agent';
  /** Who said it, in the reader's language. */
  who: string;
  paragraphs: string[];
  sources: LinkView[];
  links: LinkView[];
  /** The assistant was not sure or was asked for a person: offer one next to the answer. */
  offerPerson: boolean;
}

/** Kinds of answer after which a person is offered right there. */
const OFFER_PERSON: readonly AnswerKind[] = ['not-sure', 'handoff'];

/** https, http or a same-site path; anything else (javascript:, data:, //host) is not a link. */
export function safeHref(href: string): string | undefined {
  const h = href.trim();
  return /^(https?:\/\/[^\s]+|\/(?![/\\])[^\s]*)$/i.test(h) ? h : undefined;
}

const paragraphsOf = (text: string) =>
  text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

const linksOf = (items: { text: string; href: string }[]): LinkView[] =>
  items.flatMap((l) => {
    const href = safeHref(l.href);
    return href ? [{ text: l.text || href, href }] : [];
  });

export const sourceLinks = (sources: Source[]) =>
  linksOf(sources.map((s) => ({ text: s.title, href: s.url })));

export function turnOf(m: ConversationMessage, t: Translate): TurnView {
  const who =
    m.role === 'visitor'
      ? t('assistant.turn.you')
      : m.role === 'agent'
        ? m.author
          ? t('assistant.turn.agentNamed', { name: m.author })
          : t('assistant.turn.agent')
        : t('assistant.turn.assistant');
  return {
    role: m.role,
    who,
    paragraphs: paragraphsOf(m.text),
    sources: m.answer ? sourceLinks(m.answer.sources) : [],
    links: [],
    offerPerson: m.answer ? OFFER_PERSON.includes(m.answer.kind) : false,
  };
}

/**
 * The transcript; the newest answer also gets its links to act (book, pay, open the case),
 * which the store does not keep, and the hand-off offer the answer itself made.
 */
export function transcriptOf(
  messages: ConversationMessage[],
  t: Translate,
  latest?: { links: AnswerLink[]; handoff: boolean },
): TurnView[] {
  const turns = messages.map((m) => turnOf(m, t));
  const last = turns.at(-1);
  if (latest && last?.role === 'assistant') {
    last.links = linksOf(latest.links.map((l) => ({ text: l.label, href: l.href })));
    last.offerPerson ||= latest.handoff;
  }
  return turns;
}
