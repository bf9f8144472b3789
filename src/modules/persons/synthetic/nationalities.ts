import type { TransliterationSystem } from '../matching/transliterate';
import {
  azerbaijaniPatronymic,
  belarusianFeminine,
  belarusianPatronymic,
  latinFeminine,
  russianFeminine,
  russianPatronymic,
  ukrainianFeminine,
  ukrainianPatronymic,
  uzbekPatronymic,
} from './name-forms';
import { BELARUSIAN } from './names/belarusian';
import { KAZAKH, KYRGYZ, TAJIK, UZBEK } from './names/central-asian';
import { AZERBAIJANI, GEORGIAN, INDIAN, MOLDOVAN, TURKISH } from './names/other';
import { RUSSIAN } from './names/russian';
import type { NameList } from './names/types';
import { UKRAINIAN } from './names/ukrainian';

/**
 * The nationalities that apply in Lithuania, roughly in proportion to the residence permits
 * issued in recent years (Ukraine and Belarus far ahead, then Russia and Central Asia, India,
 * the Caucasus, Turkey and Moldova), with how their documents write names.
 */
export interface Nationality {
  code: string;
  /** Relative share among applicants. */
  weight: number;
  script: 'cyrillic' | 'latin';
  names: NameList;
  feminine: (surname: string) => string;
  /** The patronymic from the father's given name, or null where none is used. */
  patronymic: ((father: string, sex: 'M' | 'F', uzbekStyle: boolean) => string) | null;
  /** The share of persons whose documents carry a patronymic. */
  patronymicShare: number;
  /** The national romanisation its own passports used besides ICAO (Cyrillic scripts only). */
  nationalSystem: TransliterationSystem;
  /** Ways other sources write a Latin name without its letters (MRZ, Russian-style spelling). */
  latinRespellings: readonly ((name: string) => string)[];
  /** Share of persons with two given names. */
  doubleGivenShare: number;
  document: { prefixes: readonly string[]; digits: number };
  /** Share of persons recorded as born on 1 January (date unknown at registration). */
  januaryFirstShare: number;
}

/** Diacritics and special letters dropped, as in the machine-readable zone of a passport. */
export function withoutDiacritics(name: string): string {
  return name
    .replace(/[Əə]/g, (c) => (c === 'Ə' ? 'A' : 'a'))
    .replace(/ı/g, 'i')
    .replace(/İ/g, 'I')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['ʻʼ’]/g, '');
}

/** Turkish and Azerbaijani letters spelt the English way (Şahin → Shahin, Məmmədov → Mammadov). */
function englishTurkic(name: string): string {
  return withoutDiacritics(
    name
      .replace(/ş/g, 'sh')
      .replace(/Ş/g, 'Sh')
      .replace(/ç/g, 'ch')
      .replace(/Ç/g, 'Ch')
      .replace(/ğ/g, 'gh')
      .replace(/x/g, 'kh')
      .replace(/X/g, 'Kh'),
  );
}

/** Uzbek Latin as Russian-era documents spelt it: Xolmatov → Kholmatov, Qodirov → Kodirov. */
function russianStyleUzbek(name: string): string {
  return name
    .replace(/o['ʻ’]/g, 'o')
    .replace(/g['ʻ’]/g, 'g')
    .replace(/x/g, 'kh')
    .replace(/X/g, 'Kh')
    .replace(/q/g, 'k')
    .replace(/Q/g, 'K')
    .replace(/^J/, 'Dzh');
}

const slavic = { doubleGivenShare: 0.02, januaryFirstShare: 0.005 };
const centralAsian = { doubleGivenShare: 0.01, januaryFirstShare: 0.06 };

export const NATIONALITIES: readonly Nationality[] = [
  {
    code: 'UKR',
    weight: 34,
    script: 'cyrillic',
    names: UKRAINIAN,
    feminine: ukrainianFeminine,
    patronymic: ukrainianPatronymic,
    patronymicShare: 0.97,
    nationalSystem: 'ukrainian-2010',
    latinRespellings: [],
    ...slavic,
    document: { prefixes: ['FA', 'FB', 'FC', 'FE', 'FF', 'FH', 'EK', 'EM', 'EP', 'ET'], digits: 6 },
  },
  {
    code: 'BLR',
    weight: 24,
    script: 'cyrillic',
    names: BELARUSIAN,
    feminine: belarusianFeminine,
    patronymic: belarusianPatronymic,
    patronymicShare: 0.97,
    nationalSystem: 'icao-9303',
    latinRespellings: [],
    ...slavic,
    document: { prefixes: ['MP', 'KH', 'AB', 'HB', 'KB', 'MC', 'BM'], digits: 7 },
  },
  {
    code: 'RUS',
    weight: 7,
    script: 'cyrillic',
    names: RUSSIAN,
    feminine: russianFeminine,
    patronymic: russianPatronymic,
    patronymicShare: 0.98,
    nationalSystem: 'russian-passport-1997',
    latinRespellings: [],
    ...slavic,
    document: { prefixes: ['75', '76', '72', '65'], digits: 7 },
  },
  {
    code: 'UZB',
    weight: 7,
    script: 'latin',
    names: UZBEK,
    feminine: latinFeminine,
    patronymic: uzbekPatronymic,
    patronymicShare: 0.7,
    nationalSystem: 'icao-9303',
    latinRespellings: [withoutDiacritics, russianStyleUzbek],
    ...centralAsian,
    document: { prefixes: ['FA', 'AA', 'AB', 'AC', 'AD'], digits: 7 },
  },
  {
    code: 'TJK',
    weight: 5,
    script: 'cyrillic',
    names: TAJIK,
    feminine: russianFeminine,
    patronymic: russianPatronymic,
    patronymicShare: 0.8,
    nationalSystem: 'russian-passport-1997',
    latinRespellings: [],
    ...centralAsian,
    document: { prefixes: ['400', '401', '500', '501'], digits: 6 },
  },
  {
    code: 'IND',
    weight: 5,
    script: 'latin',
    names: INDIAN,
    feminine: (s) => s,
    patronymic: null,
    patronymicShare: 0,
    nationalSystem: 'icao-9303',
    latinRespellings: [],
    doubleGivenShare: 0.12,
    januaryFirstShare: 0.02,
    document: { prefixes: ['K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'U', 'V', 'W', 'Z'], digits: 7 },
  },
  {
    code: 'KGZ',
    weight: 4,
    script: 'cyrillic',
    names: KYRGYZ,
    feminine: russianFeminine,
    patronymic: russianPatronymic,
    patronymicShare: 0.85,
    nationalSystem: 'russian-passport-1997',
    latinRespellings: [],
    ...centralAsian,
    document: { prefixes: ['AC', 'PE', 'ID', 'AN'], digits: 7 },
  },
  {
    code: 'KAZ',
    weight: 4,
    script: 'cyrillic',
    names: KAZAKH,
    feminine: russianFeminine,
    patronymic: russianPatronymic,
    patronymicShare: 0.9,
    nationalSystem: 'russian-passport-1997',
    latinRespellings: [],
    ...centralAsian,
    document: { prefixes: ['N'], digits: 8 },
  },
  {
    code: 'TUR',
    weight: 3,
    script: 'latin',
    names: TURKISH,
    feminine: (s) => s,
    patronymic: null,
    patronymicShare: 0,
    nationalSystem: 'icao-9303',
    latinRespellings: [withoutDiacritics, englishTurkic],
    doubleGivenShare: 0.1,
    januaryFirstShare: 0.01,
    document: { prefixes: ['U', 'S', 'Z'], digits: 8 },
  },
  {
    code: 'AZE',
    weight: 3,
    script: 'latin',
    names: AZERBAIJANI,
    feminine: latinFeminine,
    patronymic: azerbaijaniPatronymic,
    patronymicShare: 0.6,
    nationalSystem: 'icao-9303',
    latinRespellings: [withoutDiacritics, englishTurkic],
    doubleGivenShare: 0.02,
    januaryFirstShare: 0.01,
    document: { prefixes: ['C'], digits: 8 },
  },
  {
    code: 'GEO',
    weight: 2.5,
    script: 'latin',
    names: GEORGIAN,
    feminine: (s) => s,
    patronymic: null,
    patronymicShare: 0,
    nationalSystem: 'icao-9303',
    latinRespellings: [],
    doubleGivenShare: 0.01,
    januaryFirstShare: 0.005,
    document: { prefixes: ['12', '13', '14', '15', '16'], digits: 7 },
  },
  {
    code: 'MDA',
    weight: 1.5,
    script: 'latin',
    names: MOLDOVAN,
    feminine: (s) => s,
    patronymic: null,
    patronymicShare: 0,
    nationalSystem: 'icao-9303',
    latinRespellings: [withoutDiacritics],
    doubleGivenShare: 0.04,
    januaryFirstShare: 0.005,
    document: { prefixes: ['AB', 'AC', 'B'], digits: 7 },
  },
];
