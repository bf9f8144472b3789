/**
 * The understanding step of the virtual assistant (issue 10): language detection, normalisation,
 * stemming, synonyms to canonical concepts, typo tolerance, intents, the service, and the safety
 * and conversation flags.
 *
 * Terms are concept ids — `svc:<catalogue service id>` for a service, `c:<topic>` for anything
 * else (`c:fee`, `c:blue-card`, `c:documents` …) — followed by the folded stems of the remaining
 * words that are not stop words (numbers kept as written). The FAQ index uses `analyse` so that
 * its entries and the questions meet in the same terms.
 */
export { createUnderstanding, type UnderstandingService } from './understanding';
export type { ServiceVocabulary } from './concept-index';
export { loadLexicon, parseLexicon, DEFAULT_LEXICON, type Lexicon } from './lexicon';
