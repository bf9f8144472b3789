import { compareDates } from '../matching/dates';
import { birthDate, birthYear, formatDate, randomDateInYear, REFERENCE_YEAR } from './birth-dates';
import { NATIONALITIES, type Nationality } from './nationalities';
import { zipfSampler, type Random } from './random';
import { surnameSampler } from './surnames';
import type { SyntheticVariant, VariationRates } from './variants';

/**
 * The true persons behind the records. Besides persons drawn independently, some are made on
 * purpose to look like another (hard negatives a matcher must keep apart): twins (same surname,
 * father, date and place of birth), siblings close in age, and namesakes (same full name,
 * another date of birth, often years apart).
 */
export interface SyntheticPerson {
  nationality: Nationality;
  sex: 'M' | 'F';
  /** One or two given names in the original script. */
  givenNames: readonly string[];
  patronymic: string | null;
  /** In the form for the person's sex; two joined by a hyphen for a double surname. */
  surname: string;
  /** The surname after marriage, for the person's later records; null when unchanged. */
  marriedSurname: string | null;
  dateOfBirth: string;
  /** The place of birth's spellings (the first as the home country writes it), or null. */
  placeOfBirth: readonly string[] | null;
  /** How the person was made: 'drawn', or the hard negative it is of an earlier person. */
  kind: 'drawn' | 'twin' | 'sibling' | 'namesake';
  /** For building relatives: the masculine surname and the father's given name. */
  family: { surnames: readonly string[]; father: string | null; uzbekStyle: boolean };
}

interface NamePools {
  male: (r: Random) => string;
  female: (r: Random) => string;
  surname: (r: Random) => string;
  place: (r: Random) => readonly string[];
}

/** 'standard' draws from the even-ranked entries of every list, 'independent' from the odd ones. */
function half<T>(items: readonly T[], variant: SyntheticVariant): T[] {
  return items.filter((_, i) => i % 2 === (variant === 'standard' ? 0 : 1));
}

const poolCache: Record<SyntheticVariant, Map<Nationality, NamePools>> = {
  standard: new Map(),
  independent: new Map(),
};

function pools(nationality: Nationality, variant: SyntheticVariant): NamePools {
  let p = poolCache[variant].get(nationality);
  if (!p) {
    const { names } = nationality;
    p = {
      male: zipfSampler(half(names.male, variant), 4),
      female: zipfSampler(half(names.female, variant), 4),
      surname: surnameSampler(nationality, variant),
      // Places are not names: both variants share them, the place field is not the test here.
      place: zipfSampler(names.places),
    };
    poolCache[variant].set(nationality, p);
  }
  return p;
}

const RECENT = 4096;

export interface PersonFactory {
  next(): SyntheticPerson;
}

export function personFactory(
  variant: SyntheticVariant,
  rates: VariationRates,
  random: Random,
): PersonFactory {
  const weights = NATIONALITIES.map((n) => n.weight * (rates.nationalityBias[n.code] ?? 1));
  // Hard negatives are made from a recent person: a bounded ring, so a million persons need not
  // be kept in memory while their records are written.
  const recent: SyntheticPerson[] = [];
  let madeCount = 0;

  const given = (n: Nationality, sex: 'M' | 'F', avoid?: readonly string[]): string[] => {
    const draw = sex === 'M' ? pools(n, variant).male : pools(n, variant).female;
    const names = [draw(random)];
    if (random.chance(n.doubleGivenShare)) {
      const second = draw(random);
      if (second !== names[0]) names.push(second);
    }
    // A sibling or twin is never given the same first name as the other.
    for (let tries = 0; avoid && avoid.includes(names[0]!) && tries < 20; tries++)
      names[0] = draw(random);
    return names;
  };

  const surnameFor = (n: Nationality, sex: 'M' | 'F', surnames: readonly string[]) =>
    surnames.map((s) => (sex === 'F' ? n.feminine(s) : s)).join('-');

  const patronymicOf = (n: Nationality, sex: 'M' | 'F', family: SyntheticPerson['family']) =>
    n.patronymic && family.father ? n.patronymic(family.father, sex, family.uzbekStyle) : null;

  const place = (n: Nationality) => pools(n, variant).place(random);

  function drawn(): SyntheticPerson {
    const n = NATIONALITIES[random.weighted(weights)]!;
    const sex = random.chance(0.5) ? 'M' : 'F';
    const p = pools(n, variant);
    const surnames = [p.surname(random)];
    if (sex === 'F' && random.chance(rates.doubleSurname)) {
      const second = p.surname(random);
      if (second !== surnames[0]) surnames.push(second);
    }
    const family = {
      surnames,
      father: random.chance(n.patronymicShare) ? p.male(random) : null,
      uzbekStyle: random.chance(0.4),
    };
    const dateOfBirth = birthDate(random, n.januaryFirstShare);
    const adult = REFERENCE_YEAR - Number(dateOfBirth.slice(0, 4)) >= 20;
    return {
      nationality: n,
      sex,
      givenNames: given(n, sex),
      patronymic: patronymicOf(n, sex, family),
      surname: surnameFor(n, sex, surnames),
      marriedSurname:
        sex === 'F' && adult && random.chance(rates.marriage)
          ? n.feminine(p.surname(random))
          : null,
      dateOfBirth,
      placeOfBirth: place(n),
      kind: 'drawn',
      family,
    };
  }

  /** A brother or sister: same family, another name; a twin shares the date of birth too. */
  function relative(of: SyntheticPerson, kind: 'twin' | 'sibling'): SyntheticPerson {
    const n = of.nationality;
    const sex = random.chance(0.5) ? 'M' : 'F';
    let dateOfBirth = of.dateOfBirth;
    if (kind === 'sibling') {
      const year =
        Number(of.dateOfBirth.slice(0, 4)) + (random.chance(0.5) ? 1 : -1) * (1 + random.int(5));
      dateOfBirth = randomDateInYear(Math.min(year, REFERENCE_YEAR), random);
    }
    return {
      nationality: n,
      sex,
      givenNames: given(n, sex, of.givenNames),
      patronymic: patronymicOf(n, sex, of.family),
      // The family name, not a second surname a sister took in marriage.
      surname: surnameFor(n, sex, of.family.surnames.slice(0, 1)),
      marriedSurname: null,
      dateOfBirth,
      placeOfBirth: of.placeOfBirth,
      kind,
      family: of.family,
    };
  }

  /** Another person with the same full name: another father, another date of birth. */
  function namesake(of: SyntheticPerson): SyntheticPerson {
    const n = of.nationality;
    const p = pools(n, variant);
    const family = {
      surnames: of.family.surnames,
      father: n.patronymic ? p.male(random) : null,
      uzbekStyle: of.family.uzbekStyle,
    };
    const far = random.chance(0.6);
    let dateOfBirth = of.dateOfBirth;
    for (let tries = 0; tries < 50; tries++) {
      const year = far ? birthYear(random) : Number(of.dateOfBirth.slice(0, 4));
      dateOfBirth =
        year === Number(of.dateOfBirth.slice(0, 4)) && !far
          ? randomDateInYear(year, random)
          : formatDate(year, 1 + random.int(12), 1 + random.int(28));
      const level = compareDates(dateOfBirth, of.dateOfBirth);
      if (far ? level === 'different' : level === 'same-year') break;
    }
    return {
      nationality: n,
      sex: of.sex,
      givenNames: of.givenNames,
      patronymic: patronymicOf(n, of.sex, family),
      surname: of.surname,
      marriedSurname: null,
      dateOfBirth,
      placeOfBirth: place(n),
      kind: 'namesake',
      family,
    };
  }

  return {
    next() {
      let person: SyntheticPerson;
      const r = random.next();
      const base = recent.length > 0 ? recent[random.int(recent.length)]! : null;
      if (base && r < rates.twins) person = relative(base, 'twin');
      else if (base && r < rates.twins + rates.siblings) person = relative(base, 'sibling');
      else if (base && r < rates.twins + rates.siblings + rates.namesakes) person = namesake(base);
      else person = drawn();
      recent[madeCount++ % RECENT] = person;
      return person;
    },
  };
}
