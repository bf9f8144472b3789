/**
 * Synthetic identity records for benchmarking and tuning the matcher (issue 7). Pure: no I/O.
 */
export {
  generateRecords,
  PERSON_KINDS,
  type GenerateOptions,
  type GeneratedRecords,
} from './generate';
export { VARIANTS, type SyntheticVariant, type VariationRates } from './variants';
export type { Variation } from './records';
export { NATIONALITIES } from './nationalities';
