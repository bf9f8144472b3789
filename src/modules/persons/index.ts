/**
 * The public face of module `persons` (issue 7): the register of persons (one number per person,
 * records from every source linked to it, reversible merge and split, the officers' review of
 * grey-band matches) and the pure identity matcher it uses.
 */
export { createPersonsModule, type PersonsModule, type PersonsDeps } from './persons.module';
export type { PersonsService } from './register/register.service';
export { seedDemoPersons, DEMO_PERSON_RECORDS } from './demo-data';
export { personsErrors } from './errors';
export {
  formatPersonNumber,
  parsePersonNumber,
  findPersonNumber,
  isPersonNumber,
} from './register/person-number';
export {
  PERSONS_READ_ROLES,
  PERSONS_WORK_ROLES,
  mayReadPersons,
  mayWorkOnPersons,
} from './register/access';
export {
  RecordInput,
  SOURCE_KINDS,
  REVIEW_DECISIONS,
  type MatchResult,
  type PersonView,
  type PersonSummary,
  type PersonAction,
  type ReviewView,
  type ReviewSummary,
  type ReviewDecision,
  type SourceKind,
} from './register/types';
export {
  isPatronymic,
  lithuanianStem,
  nameKeys,
  plainName,
  spellingSkeleton,
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
export type {
  IdentityRecord,
  MatchModel,
  MatchThresholds,
  PairScore,
  FieldContribution,
} from './matching/types';
export { prepareRecord, type PreparedRecord } from './matching/prepare';
export { comparePair } from './matching/compare';
export { DEFAULT_MODEL, scorePair, type TermFrequencies } from './matching/model';
export { estimateModel } from './matching/em';
export { termFrequencies } from './matching/tf';
export { blockingKeys, surnameSearchKeys } from './matching/blocking';
export { linkRecords, type LinkOptions, type LinkResult } from './matching/link';
export { parseMatchModel } from './matching/model-schema';
export { generateRecords, type SyntheticVariant } from './synthetic';
export {
  CSV_INVALID,
  LINK_COLUMNS,
  RECORD_COLUMNS,
  readIdentityRecords,
  writeIdentityRecords,
  writePersonLinks,
} from './csv';
