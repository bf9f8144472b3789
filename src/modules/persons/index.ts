/**
 * The public face of module `persons` (issue 7, begun): so far the pure name normalisation the
 * matcher will compare with. The register, the probabilistic matcher and the review queue follow.
 */
export {
  isPatronymic,
  lithuanianStem,
  nameKeys,
  plainName,
  transliterationEqual,
  type NameKey,
} from './matching/normalise';
export { DATE_LEVELS, compareDates, type DateLevel } from './matching/dates';
export {
  TRANSLITERATION_SYSTEMS,
  hasCyrillic,
  latinForms,
  transliterate,
  type TransliterationSystem,
} from './matching/transliterate';
