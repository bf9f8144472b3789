import type { I18n, Language } from '../../platform/i18n';
import type { AssistantService, OwnCaseFacts, OwnCasePorts } from './assistant.contract';
import {
  HANDOFF_BELOW,
  OWN_CASE_INTENTS,
  type Answer,
  type AskRequest,
  type Intent,
  type Understanding,
} from './assistant.model';

export interface FaqPassage {
  answer: Answer;
  score: number;
  intents?: readonly Intent[];
  services?: readonly string[];
}

/** How much better an FAQ passage must score than a catalogue fact to be preferred to it. */
const CLEARLY_BETTER = 0.1;

/**
 * Whether a catalogue fact is the answer, or the FAQ passage is. The catalogue holds fees, terms,
 * documents and addresses; a question that merely mentions one of those ("can I work while my
 * application is examined" names the examination) is often about something else. That shows as
 * a clearly better FAQ passage whose main intent the question also has and which does not cover
 * the catalogue fact's intent at all.
 */
export function catalogueFactStands(
  u: Understanding,
  fact: Answer,
  passage: FaqPassage | undefined,
): boolean {
  if (!passage?.intents || passage.score < fact.confidence + CLEARLY_BETTER) return true;
  const main = u.intents[0]?.intent;
  const other = passage.intents[0];
  return (
    other === undefined ||
    main === undefined ||
    passage.intents.includes(main) ||
    !u.intents.some((i) => i.intent === other)
  );
}

/** What the answering needs; each part lives in its own folder of the module. */
export interface AnsweringDeps {
  understand(question: string, hint?: Language): Understanding;
  /** A fact composed from the catalogue's current data (fee, term, documents, address). */
  catalogueAnswer(u: Understanding): Answer | undefined;
  /**
   * The best FAQ passage for the question, already shaped as an answer, with its score and (when
   * known) the intents and services of its entry.
   */
  faqAnswer(u: Understanding): FaqPassage | undefined;
  answerOwnCase(u: Understanding, cases: OwnCaseFacts[]): Answer;
  /** Absent where no cases can be read (the benchmark). */
  ownCases?: OwnCasePorts;
  i18n: I18n;
}

/**
 * One question in, one answer out. The order is the safety order: refusals come before anything
 * that reads data, and an answer is only given as fact above HANDOFF_BELOW; below it the
 * assistant says it is not sure and offers a person rather than guess.
 */
export function createAssistantService(deps: AnsweringDeps): AssistantService {
  const plain = (
    u: Understanding,
    kind: Answer['kind'],
    key: string,
    extra: Partial<Answer> = {},
  ) =>
    ({
      answer: deps.i18n.t(u.lang, `assistantAnswers.${key}`),
      lang: u.lang,
      confidence: 1,
      sources: [],
      handoff: false,
      kind,
      links: [],
      ...extra,
    }) satisfies Answer;
  const link = (u: Understanding, key: string, href: string) => ({
    label: deps.i18n.t(u.lang, `assistantAnswers.${key}`),
    href,
  });

  return {
    async ask(req: AskRequest, asker): Promise<Answer> {
      const u = deps.understand(req.question, req.lang ?? asker.lang);
      // Nothing below runs for these: no catalogue, FAQ or case data goes into such an answer.
      if (u.flags.injection) return plain(u, 'refusal', 'refusedInjection');
      if (u.flags.otherPerson) return plain(u, 'refusal', 'refusedOtherPerson');
      if (u.flags.handoffRequest) {
        return plain(u, 'handoff', 'handoffOffered', {
          handoff: true,
          links: [link(u, 'talkToPerson', '/assistant#handoff')],
        });
      }
      if (u.flags.greeting) return plain(u, 'greeting', 'greeting');

      const main = u.intents[0];
      if (main && u.personal && OWN_CASE_INTENTS.includes(main.intent)) {
        if (!asker.accountId || !deps.ownCases) {
          return plain(u, 'sign-in', 'signInForOwnCase', {
            confidence: main.score,
            links: [link(u, 'signIn', '/sign-in')],
          });
        }
        const cases = await deps.ownCases.casesOf(asker.accountId, u.lang);
        return deps.answerOwnCase(u, cases);
      }

      const fact = deps.catalogueAnswer(u);
      const passage = deps.faqAnswer(u);
      if (fact && fact.confidence >= HANDOFF_BELOW && catalogueFactStands(u, fact, passage))
        return fact;
      if (passage && passage.score >= HANDOFF_BELOW) return passage.answer;
      return plain(u, 'not-sure', 'notSure', {
        confidence: Math.max(passage?.score ?? 0, fact?.confidence ?? 0),
        handoff: true,
        links: [link(u, 'talkToPerson', '/assistant#handoff')],
      });
    },
  };
}
