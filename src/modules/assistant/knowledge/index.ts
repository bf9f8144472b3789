/**
 * The assistant's knowledge sources: the curated FAQ (loaded from the pack, searched with a
 * BM25-style index) and answers composed from the catalogue's current data.
 */
export { DEFAULT_FAQ_DIR, loadFaq, type LoadFaqOptions } from './faq.loader';
export { FaqEntrySchema, FaqSource, type FaqEntry } from './faq.schema';
export { createFaqIndex, type Analyse, type FaqHit, type FaqIndex } from './faq.index';
export { bestFaqAnswer, faqAnswer, faqSources } from './faq.answer';
export {
  CATALOGUE_INTENTS,
  createCatalogueAnswers,
  money,
  type BranchFacts,
  type CatalogueAnswers,
  type CatalogueAnswersDeps,
} from './catalogue.answers';
export { knowledgeErrors } from './errors';
