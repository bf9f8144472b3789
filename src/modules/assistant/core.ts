import type { Clock } from '../../platform/clock';
import type { I18n } from '../../platform/i18n';
import type { BranchesPack } from '../appointments';
import { localDate, type CatalogueQueries } from '../catalogue';
import type { OwnCasePorts } from './assistant.contract';
import { createAssistantService } from './assistant.service';
import {
  bestFaqAnswer,
  createCatalogueAnswers,
  createFaqIndex,
  loadFaq,
  type FaqEntry,
} from './knowledge';
import { answerOwnCase } from './own-case';
import { createUnderstanding, type ServiceVocabulary } from './understanding';

export interface AssistantCoreDeps {
  catalogue: CatalogueQueries;
  i18n: I18n;
  clock: Clock;
  /** Addresses and opening hours (the appointments module's branches pack). */
  branches?: Pick<BranchesPack, 'hours' | 'branches' | 'sources'>;
  ownCases?: OwnCasePorts;
  /** The FAQ folder; default content/lt/assistant/faq. */
  faqDir?: string;
}

/** The catalogue's service names in every language, for recognising the service a question names. */
export function vocabularyOf(catalogue: CatalogueQueries): ServiceVocabulary[] {
  return catalogue.listServices().map((s) => ({
    id: s.id,
    names: { lt: [s.name.lt], en: [s.name.en], ru: [s.name.ru], uk: [s.name.uk] },
  }));
}

/**
 * Understanding, knowledge and answering put together, without a database: what the portal,
 * the API and the benchmark all ask. Published FAQ drafts are added with `addFaq`.
 */
export function createAssistantCore(deps: AssistantCoreDeps) {
  const understanding = createUnderstanding({ services: vocabularyOf(deps.catalogue) });
  const faq = createFaqIndex(loadFaq(deps.faqDir), understanding.analyse);
  const catalogueAnswers = createCatalogueAnswers({
    catalogue: deps.catalogue,
    i18n: deps.i18n,
    today: () => localDate(deps.clock.now()),
    analyse: understanding.analyse,
    ...(deps.branches ? { branches: deps.branches } : {}),
  });
  const service = createAssistantService({
    understand: understanding.understand,
    catalogueAnswer: (u) => catalogueAnswers.answer(u),
    faqAnswer: (u) => bestFaqAnswer(faq, u),
    answerOwnCase: (u, cases) => answerOwnCase(u, cases, deps.i18n.translator(u.lang)),
    ...(deps.ownCases ? { ownCases: deps.ownCases } : {}),
    i18n: deps.i18n,
  });
  return {
    service,
    understanding,
    addFaq: (entry: FaqEntry) => faq.add(entry),
  };
}
export type AssistantCore = ReturnType<typeof createAssistantCore>;
