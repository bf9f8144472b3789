import type { I18n, Language } from '../../platform/i18n';
import type { AssistantService, OwnCaseFacts, OwnCasePorts } from './assistant.contract';
import {
  HANDOFF_BELOW,
  OWN_CASE_INTENTS,
  type Answer,
  type AskRequest,
  type Understanding,
} from './assistant.model';

/** What the answering needs; each part lives in its own folder of the module. */
export interface AnsweringDeps {
  understand(question: string, hint?: Language): Understanding;
  /** A fact composed from the catalogue's current data (fee, term, documents, address). */
  catalogueAnswer(u: Understanding): Answer | undefined;
  /** The best FAQ passage for the question, already shaped as an answer, with its score. */
  faqAnswer(u: Understanding): { answer: Answer; score: number } | undefined;
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
      if (fact && fact.confidence >= HANDOFF_BELOW) return fact;
      const passage = deps.faqAnswer(u);
      if (passage && passage.score >= HANDOFF_BELOW) return passage.answer;
      return plain(u, 'not-sure', 'notSure', {
        confidence: Math.max(passage?.score ?? 0, fact?.confidence ?? 0),
        handoff: true,
        links: [link(u, 'talkToPerson', '/assistant#handoff')],
      });
    },
  };
}
