/**
 * The rates at which records about one person differ, per data set variant. 'standard' is what
 * the matcher is tuned on; 'independent' draws names from the other half of every name list
 * (no name in common with 'standard') and uses different rates, so that a score on it says how
 * the matcher does on data it was not tuned on, of the same kind.
 */
export type SyntheticVariant = 'standard' | 'independent';

export interface VariationRates {
  /** Share of persons with 1, 2, … 6 records. */
  recordsPerPerson: readonly number[];
  /** Nationality weights multiplied by these (by code; 1 when absent). */
  nationalityBias: Readonly<Record<string, number>>;
  /** Cyrillic-script persons: share of records that keep the Cyrillic (else a Latin form). */
  cyrillic: number;
  /** Weights of ICAO 9303, the national system, BGN/PCGN for a Latin form. */
  systems: { icao: number; national: number; bgn: number };
  /** Latin-script persons: share of records written without their special letters. */
  latinRespelled: number;
  /** Share of records from a Lithuanian source, and of those that give Lithuanised names. */
  lithuanianSource: number;
  lithuanised: number;
  /** Of Lithuanised names, the share also written with Lithuanian letters (š, č, ž, j). */
  lithuanianLetters: number;
  upperCase: number;
  typoGivenNames: number;
  typoSurname: number;
  namesSwapped: number;
  /** Share of records that show a person's patronymic (when the person has one). */
  patronymicShown: number;
  /** Persons with a double given name: share of records joining the two with a space, not a hyphen. */
  compoundSpaced: number;
  doubleSurname: number;
  dateSwapped: number;
  dateOneDigit: number;
  dateYearOnly: number;
  dateMissing: number;
  sexMissing: number;
  nationalityMissing: number;
  placeMissing: number;
  placeVariant: number;
  documentMissing: number;
  /** Share of later records that show a renewed passport (a new number). */
  documentRenewed: number;
  documentTypo: number;
  /** Share of adult women whose later records carry a married surname. */
  marriage: number;
  /** Hard negatives: shares of persons who get a twin, a sibling close in age, a namesake. */
  twins: number;
  siblings: number;
  namesakes: number;
}

export const VARIANTS: Record<SyntheticVariant, VariationRates> = {
  standard: {
    recordsPerPerson: [0.46, 0.27, 0.13, 0.08, 0.04, 0.02],
    nationalityBias: {},
    cyrillic: 0.35,
    systems: { icao: 0.5, national: 0.3, bgn: 0.2 },
    latinRespelled: 0.4,
    lithuanianSource: 0.3,
    lithuanised: 0.5,
    lithuanianLetters: 0.6,
    upperCase: 0.4,
    typoGivenNames: 0.03,
    typoSurname: 0.03,
    namesSwapped: 0.04,
    patronymicShown: 0.55,
    compoundSpaced: 0.5,
    doubleSurname: 0.01,
    dateSwapped: 0.02,
    dateOneDigit: 0.02,
    dateYearOnly: 0.02,
    dateMissing: 0.03,
    sexMissing: 0.05,
    nationalityMissing: 0.03,
    placeMissing: 0.3,
    placeVariant: 0.2,
    documentMissing: 0.1,
    documentRenewed: 0.25,
    documentTypo: 0.01,
    marriage: 0.02,
    twins: 0.005,
    siblings: 0.02,
    namesakes: 0.02,
  },
  independent: {
    recordsPerPerson: [0.4, 0.28, 0.15, 0.09, 0.05, 0.03],
    nationalityBias: { RUS: 1.4, KAZ: 1.3, TJK: 1.2, BLR: 0.9 },
    cyrillic: 0.45,
    systems: { icao: 0.4, national: 0.3, bgn: 0.3 },
    latinRespelled: 0.5,
    lithuanianSource: 0.35,
    lithuanised: 0.55,
    lithuanianLetters: 0.5,
    upperCase: 0.3,
    typoGivenNames: 0.04,
    typoSurname: 0.04,
    namesSwapped: 0.05,
    patronymicShown: 0.4,
    compoundSpaced: 0.4,
    doubleSurname: 0.015,
    dateSwapped: 0.03,
    dateOneDigit: 0.03,
    dateYearOnly: 0.03,
    dateMissing: 0.04,
    sexMissing: 0.08,
    nationalityMissing: 0.04,
    placeMissing: 0.4,
    placeVariant: 0.25,
    documentMissing: 0.12,
    documentRenewed: 0.3,
    documentTypo: 0.015,
    marriage: 0.03,
    twins: 0.006,
    siblings: 0.025,
    namesakes: 0.03,
  },
};
