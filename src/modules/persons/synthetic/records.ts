import type { IdentityRecord } from '../matching/types';
import type { TransliterationSystem } from '../matching/transliterate';
import { oneDigitOff, swappedDayMonth } from './birth-dates';
import { withoutDiacritics, type Nationality } from './nationalities';
import type { SyntheticPerson } from './persons';
import type { Random } from './random';
import { latinForm, lithuanianLetters, lithuanise, typo } from './spelling';
import type { VariationRates } from './variants';

/**
 * The records about one person, oldest first, each as one source wrote it. A variation is
 * drawn per record at the configured rate; the trace names the ones applied, so tests can check
 * the rates and a matcher's misses can be read by kind.
 */
export type Variation =
  | 'cyrillic'
  | 'icao-9303'
  | 'ukrainian-2010'
  | 'russian-passport-1997'
  | 'bgn-pcgn'
  | 'latin-respelled'
  | 'lithuanised'
  | 'lithuanian-letters'
  | 'upper-case'
  | 'typo-given-names'
  | 'typo-surname'
  | 'names-swapped'
  | 'patronymic'
  | 'compound-spaced'
  | 'married-surname'
  | 'date-swapped'
  | 'date-one-digit'
  | 'date-year-only'
  | 'date-missing'
  | 'sex-missing'
  | 'nationality-missing'
  | 'place-missing'
  | 'place-variant'
  | 'document-missing'
  | 'document-renewed'
  | 'document-typo';

const LITHUANIAN_SOURCES = ['population-register', 'sodra', 'employment-service', 'vmi'];
const OTHER_SOURCES = ['migris-application', 'border-guard', 'police', 'university', 'embassy'];
const LETTERS = [...'ABCDEFGHJKLMNPRSTUVWXZ'];

/** Issues document numbers; two persons never get the same one (a state does not reissue). */
export type DocumentIssuer = (n: Nationality) => string;

/** A multiplier coprime to every power of ten: counter × it mod 10^d is a permutation. */
const SCATTER = 104_729;

/**
 * Document numbers that look random (prefix, then digits) but are unique per nationality: a
 * counter from a random start, its digits scattered by a bijection. Random digits would repeat
 * by the birthday paradox (thousands of shared passport numbers among a million persons), and
 * a shared number is a deterministic link.
 */
export function documentIssuer(random: Random): DocumentIssuer {
  const counters = new Map<Nationality, number>();
  return (n) => {
    const { prefixes, digits } = n.document;
    const space = 10 ** digits;
    const capacity = prefixes.length * space;
    const next = counters.get(n) ?? random.int(capacity);
    counters.set(n, (next + 1) % capacity);
    // The whole number scattered, prefix and digits together: consecutive documents (one
    // person's renewal, the next person's passport) share neither prefix nor digits.
    const scattered = (next * SCATTER) % capacity;
    const serial = Math.floor(scattered / prefixes.length)
      .toString()
      .padStart(digits, '0');
    return prefixes[scattered % prefixes.length]! + serial;
  };
}

function mistypedDocument(number: string, random: Random): string {
  const i = random.int(number.length);
  const c = number[i]!;
  let other = c;
  while (other === c) other = /\d/.test(c) ? String(random.int(10)) : random.pick(LETTERS);
  return number.slice(0, i) + other + number.slice(i + 1);
}

/** A name as a source writes it: by a transliteration system, respelt, or as it is. */
function written(
  system: TransliterationSystem | null,
  respell: ((name: string) => string) | null,
  name: string,
): string {
  return system ? latinForm(name, system) : respell ? respell(name) : name;
}

function latinSystem(n: Nationality, rates: VariationRates, random: Random): TransliterationSystem {
  const { icao, national, bgn } = rates.systems;
  const i = random.weighted([icao, national, bgn]);
  return i === 0 ? 'icao-9303' : i === 1 ? n.nationalSystem : 'bgn-pcgn';
}

export function recordsOf(
  person: SyntheticPerson,
  count: number,
  rates: VariationRates,
  random: Random,
  trace: Variation[][] | null,
  issue: DocumentIssuer,
): IdentityRecord[] {
  const n = person.nationality;
  const records: IdentityRecord[] = [];
  const marriedFrom =
    person.marriedSurname && count > 1 ? 1 + random.int(count - 1) : Number.POSITIVE_INFINITY;
  let document = issue(n);
  for (let k = 0; k < count; k++) {
    // Only kept when traced: a million records need no list of what was done to each.
    const applied: Variation[] | null = trace ? [] : null;
    if (k > 0 && random.chance(rates.documentRenewed)) {
      document = issue(n);
      applied?.push('document-renewed');
    }
    const lithuanianSource = random.chance(rates.lithuanianSource);
    const source = random.pick(lithuanianSource ? LITHUANIAN_SOURCES : OTHER_SOURCES);

    // How this source writes names: Cyrillic, or Latin by one system; Latin names as given or
    // respelt. Kept as values, not a closure per record (a million records, a million closures).
    let system: TransliterationSystem | null = null;
    let respell: ((name: string) => string) | null = null;
    if (n.script === 'cyrillic') {
      if (random.chance(rates.cyrillic)) applied?.push('cyrillic');
      else {
        system = latinSystem(n, rates, random);
        applied?.push(system);
      }
    } else if (n.latinRespellings.length > 0 && random.chance(rates.latinRespelled)) {
      respell = random.pick(n.latinRespellings);
      applied?.push('latin-respelled');
    }
    const latin = n.script === 'latin' || system !== null;

    const spaced = person.givenNames.length > 1 && random.chance(rates.compoundSpaced);
    if (spaced) applied?.push('compound-spaced');
    let givenNames = written(system, respell, person.givenNames.join(spaced ? ' ' : '-'));
    let surname = written(
      system,
      respell,
      k >= marriedFrom ? person.marriedSurname! : person.surname,
    );
    // A double surname, like a double given name, is written with a hyphen or a space.
    if (person.surname.includes('-') && random.chance(rates.compoundSpaced)) {
      surname = surname.replace('-', ' ');
      applied?.push('compound-spaced');
    }
    if (k >= marriedFrom) applied?.push('married-surname');
    if (latin && lithuanianSource && random.chance(rates.lithuanised)) {
      // Letters Lithuanian lacks (ə, ı, ü, ş, ă) go first, as a Lithuanian register writes them.
      givenNames = lithuanise(withoutDiacritics(givenNames), 'given', person.sex, random);
      surname = lithuanise(withoutDiacritics(surname), 'surname', person.sex, random);
      applied?.push('lithuanised');
      if (random.chance(rates.lithuanianLetters)) {
        givenNames = lithuanianLetters(givenNames);
        surname = lithuanianLetters(surname);
        applied?.push('lithuanian-letters');
      }
    }
    if (person.patronymic && random.chance(rates.patronymicShown)) {
      givenNames = `${givenNames} ${written(system, respell, person.patronymic)}`;
      applied?.push('patronymic');
    }
    if (random.chance(rates.upperCase)) {
      givenNames = givenNames.toUpperCase();
      surname = surname.toUpperCase();
      applied?.push('upper-case');
    }
    if (random.chance(rates.typoGivenNames)) {
      givenNames = typo(givenNames, random);
      applied?.push('typo-given-names');
    }
    if (random.chance(rates.typoSurname)) {
      surname = typo(surname, random);
      applied?.push('typo-surname');
    }
    if (random.chance(rates.namesSwapped)) {
      [givenNames, surname] = [surname, givenNames];
      applied?.push('names-swapped');
    }

    let dateOfBirth: string | null = person.dateOfBirth;
    const dateVariation = random.weighted([
      rates.dateSwapped,
      rates.dateOneDigit,
      rates.dateYearOnly,
      rates.dateMissing,
      1 - rates.dateSwapped - rates.dateOneDigit - rates.dateYearOnly - rates.dateMissing,
    ]);
    if (dateVariation === 0) {
      const swapped = swappedDayMonth(dateOfBirth);
      if (swapped) {
        dateOfBirth = swapped;
        applied?.push('date-swapped');
      }
    } else if (dateVariation === 1) {
      const typed = oneDigitOff(dateOfBirth, random);
      if (typed) {
        dateOfBirth = typed;
        applied?.push('date-one-digit');
      }
    } else if (dateVariation === 2) {
      dateOfBirth = dateOfBirth.slice(0, 4);
      applied?.push('date-year-only');
    } else if (dateVariation === 3) {
      dateOfBirth = null;
      applied?.push('date-missing');
    }

    const sexMissing = random.chance(rates.sexMissing);
    if (sexMissing) applied?.push('sex-missing');
    const nationalityMissing = random.chance(rates.nationalityMissing);
    if (nationalityMissing) applied?.push('nationality-missing');

    let placeOfBirth: string | null = null;
    if (!person.placeOfBirth || random.chance(rates.placeMissing)) applied?.push('place-missing');
    else if (person.placeOfBirth.length > 1 && random.chance(rates.placeVariant)) {
      placeOfBirth = person.placeOfBirth[1 + random.int(person.placeOfBirth.length - 1)]!;
      applied?.push('place-variant');
    } else placeOfBirth = written(system, respell, person.placeOfBirth[0]!);

    let documentNumberShown: string | null = document;
    if (random.chance(rates.documentMissing)) {
      documentNumberShown = null;
      applied?.push('document-missing');
    } else if (random.chance(rates.documentTypo)) {
      documentNumberShown = mistypedDocument(document, random);
      applied?.push('document-typo');
    }

    records.push({
      // Numbered once the records are shuffled (the id must not say whose record it is).
      recordId: '',
      givenNames,
      surname,
      dateOfBirth,
      sex: sexMissing ? null : person.sex,
      nationality: nationalityMissing ? null : n.code,
      documentNumber: documentNumberShown,
      placeOfBirth,
      source,
    });
    if (trace) trace.push(applied!);
  }
  return records;
}
