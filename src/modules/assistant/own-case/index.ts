import type { Translate } from '../../../platform/i18n';
import type { OwnCaseFacts } from '../assistant.contract';
import {
  OWN_CASE_INTENTS,
  type Answer,
  type AnswerLink,
  type Source,
  type Understanding,
} from '../assistant.model';
import { caseLine, type OwnCaseIntent } from './sentences';

export { formatDay, formatMoment } from './dates';
export type { OwnCaseIntent } from './sentences';

/** At most this many cases are listed when the question does not say which one it is about. */
export const LISTED_CASES = 3;
const K = 'assistantOwnCase';
/** Where someone without an application starts (the catalogue's list of services). */
export const SERVICES_URL = '/services';

/** The own-case intent the question is about (the best scored one), and how sure that is. */
export function ownCaseIntentOf(u: Understanding): { intent: OwnCaseIntent; score: number } {
  const best = u.intents.find((i) => OWN_CASE_INTENTS.includes(i.intent));
  return best
    ? { intent: best.intent as OwnCaseIntent, score: best.score }
    : { intent: 'status', score: u.intents[0]?.score ?? 0.5 };
}

/**
 * The cases an answer is about: those of the service the question names when it names one the
 * applicant has, else all; newest first (as OwnCasePorts gives them), at most LISTED_CASES.
 */
export function casesAbout(u: Understanding, cases: readonly OwnCaseFacts[]) {
  const named = u.service ? cases.filter((c) => c.serviceId === u.service!.id) : [];
  const about = named.length > 0 ? named : cases;
  return { shown: about.slice(0, LISTED_CASES), total: about.length };
}

const sourceOf = (c: OwnCaseFacts): Source => ({
  id: `case:${c.reference}`,
  title: `${c.serviceName} ${c.reference}`,
  url: c.url,
});

/** Links once each, in order (two cases may share the services link, never the same action). */
const unique = (links: AnswerLink[]) =>
  links.filter((l, i) => links.findIndex((x) => x.href === l.href) === i);

const clamp = (n: number) => Math.min(1, Math.max(0, n));

/**
 * Answers a signed-in applicant's question about their own applications from the facts the
 * account already shows (OwnCaseFacts, filled in src/app/assistant-cases.wiring.ts). Plain text;
 * every case it speaks of is a source, with links to act (book, pay, answer a request).
 */
export function answerOwnCase(u: Understanding, cases: OwnCaseFacts[], t: Translate): Answer {
  const { intent, score } = ownCaseIntentOf(u);
  const base = { lang: u.lang, handoff: false, kind: 'own-case' as const };
  if (cases.length === 0) {
    return {
      ...base,
      answer: t(`${K}.none`),
      confidence: clamp(score),
      sources: [],
      links: [{ label: t(`${K}.link.services`), href: SERVICES_URL }],
    };
  }
  const { shown, total } = casesAbout(u, cases);
  const lines = shown.map((c) => caseLine(intent, c, t, u.lang));
  const intro = shown.length > 1 ? [t(`${K}.several`, { count: total })] : [];
  const outro = total > shown.length ? [t(`${K}.more`, { count: total - shown.length })] : [];
  return {
    ...base,
    answer: [...intro, ...lines.map((l) => l.text), ...outro].join('\n'),
    confidence: clamp(score),
    sources: shown.map(sourceOf),
    links: unique(lines.flatMap((l) => l.links)),
  };
}
