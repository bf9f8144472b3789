import { DATE_LEVELS, datesConflict } from './dates';
import { compareInto, DOCUMENT, FIELD, NAME, SIMPLE } from './compare';
import defaultModelJson from './default-model.json' with { type: 'json' };
import { parseMatchModel } from './model-schema';
import type { PreparedRecord } from './prepare';
import {
  DOCUMENT_LEVELS,
  MATCH_FIELDS,
  NAME_LEVELS,
  SIMPLE_LEVELS,
  type ComparisonVector,
  type DeterministicRule,
  type FieldContribution,
  type FieldLevel,
  type MatchField,
  type MatchModel,
  type PairScore,
  type Veto,
} from './types';

/**
 * Fellegi–Sunter scoring: a pair's match weight is log2 of the prior odds that two records are
 * the same person plus, for each field, log2(m/u) of the level it agrees at (m: how often the
 * same person's records agree so; u: how often two different persons' do). Deterministic rules
 * and vetoes come first; every score carries its per-field explanation.
 */

/** The levels of each field, in MATCH_FIELDS order (a comparison vector indexes into them). */
export const FIELD_LEVELS: readonly (readonly FieldLevel[])[] = MATCH_FIELDS.map((field) =>
  levelsOf(field),
);

export function levelsOf(field: MatchField): readonly FieldLevel[] {
  switch (field) {
    case 'surname':
    case 'given-names':
      return NAME_LEVELS;
    case 'date-of-birth':
      return DATE_LEVELS;
    case 'document':
      return DOCUMENT_LEVELS;
    default:
      return SIMPLE_LEVELS;
  }
}

/**
 * How common a name is in the data the model is applied to: the share of records whose field has
 * the name (by `PreparedName.tfKey`), undefined when not counted. Agreeing on a common name
 * (Ivanov) says less than agreeing on a rare one, so for the exact and transliteration-equal
 * levels the frequency replaces the level's u (as Splink does).
 */
export interface TermFrequencies {
  /**
   * The share of records whose name in `field` has `key` (`PreparedName.tfKey`: any spelling of
   * the name, also for the exact level, which keeps common names cautious); with `nationality`,
   * the share among records of that nationality (for pairs that agree on it).
   */
  frequency(
    field: 'surname' | 'given-names',
    key: string,
    nationality?: string | null,
  ): number | undefined;
  /**
   * The share of records with this surname and these given names together. Given names depend
   * on the surname (both follow the nationality, the family), so when both agree the given names
   * are weighed by their frequency among people of that surname.
   */
  fullNameFrequency?(
    surnameKey: string,
    givenKey: string,
    nationality?: string | null,
  ): number | undefined;
}

/** Name weights after term frequencies (see `TermFrequencies`), and the frequencies used. */
export interface NameWeights {
  surname: number;
  givenNames: number;
  surnameFrequency: number | undefined;
  givenFrequency: number | undefined;
}

/**
 * A level's parameters as estimated: m, u among all pairs of records, and u among pairs of one
 * nationality. Names, places and even dates of birth follow the nationality, so fields are taken
 * as independent given the nationality: a pair that agrees on it is weighed with the second u
 * (agreeing on Ivanova means less between two Russians than between any two records).
 */
export interface LevelParameters {
  level: FieldLevel;
  m: number;
  u: number;
  uSameNationality?: number;
  /**
   * Given names only: this level's m for each surname level (NAME_LEVELS order). One source
   * writes both names alike, so the two fields' levels go together among matches.
   */
  mGivenSurname?: number[];
}

/** Per field (MATCH_FIELDS order): u of the exact level, among all pairs or one nationality's. */
export function exactLevelU(model: MatchModel, sameNationality: boolean): number[] {
  return MATCH_FIELDS.map((field) => {
    const exact: LevelParameters | undefined = model.fields
      .find((f) => f.field === field)
      ?.levels.find((l) => l.level === 'exact');
    if (!exact) return 1;
    return (sameNationality ? exact.uSameNationality : undefined) ?? exact.u;
  });
}

/**
 * Pseudo-records that draw a counted term frequency towards the model's u: in a few records
 * every name is "common", and the frequency means nothing yet.
 */
export const TF_PRIOR_RECORDS = 1000;

/**
 * The weight table for a pair: the one for pairs of one nationality when they agree on it, with
 * the given names' row for the pair's surname level.
 */
export function weightTable(
  c: CompiledModel,
  nationalityLevel: number,
  surnameLevel: number,
): Float64Array[] {
  const same = nationalityLevel === SIMPLE.exact;
  const table = (same ? c.weightsSameNationality : c.weights).slice();
  table[FIELD.givenNames] = (same ? c.givenWeightsSameNationality : c.givenWeights)[surnameLevel]!;
  return table;
}

/**
 * The surname's and given names' weights at levels `ls` and `lg` with the frequencies of the
 * agreeing values (undefined: not counted, the model's weight stands).
 */
export function nameWeights(
  weights: Float64Array[],
  c: CompiledModel,
  ls: number,
  lg: number,
  surnameFrequency: number | undefined,
  givenFrequency: number | undefined,
  fullNameFrequency: number | undefined,
): NameWeights {
  const out: NameWeights = {
    surname: weights[FIELD.surname]![ls]!,
    givenNames: weights[FIELD.givenNames]![lg]!,
    surnameFrequency: undefined,
    givenFrequency: undefined,
  };
  const surnameAgrees = TF_LEVELS.has(ls) && surnameFrequency !== undefined;
  if (surnameAgrees) {
    out.surname = termFrequencyWeight(c.m[FIELD.surname]![ls]!, surnameFrequency);
    out.surnameFrequency = surnameFrequency;
  }
  if (!TF_LEVELS.has(lg)) return out;
  if (surnameAgrees && fullNameFrequency !== undefined) {
    // Given names among people of that surname: P(full name) / P(surname).
    const conditional = Math.min(
      Math.max(fullNameFrequency, FLOOR) / Math.max(surnameFrequency, FLOOR),
      1,
    );
    out.givenNames = termFrequencyWeight(c.givenM[ls]![lg]!, conditional);
    out.givenFrequency = conditional;
  } else if (givenFrequency !== undefined) {
    out.givenNames = termFrequencyWeight(c.givenM[ls]![lg]!, givenFrequency);
    out.givenFrequency = givenFrequency;
  }
  return out;
}

/** Of two spellings' frequencies, the higher (the commoner reading decides); undefined if neither. */
function commoner(x: number | undefined, y: number | undefined): number | undefined {
  return x === undefined && y === undefined ? undefined : Math.max(x ?? 0, y ?? 0);
}

/** The levels at which a name agrees on its value, where term frequencies apply. */
const TF_LEVELS = new Set<number>([NAME.exact, NAME.transliterationEqual]);
/** Floor on probabilities, so that a level never seen in training does not weigh infinitely. */
const FLOOR = 1e-9;

/**
 * The most a document number one character apart may weigh. By m/u it weighs about 13 bits, as
 * much as an identifier, but passports are issued in series: FX100001 and FX100002 are two
 * people as often as one typo, and with the same common name and date of birth those 13 bits
 * would auto-link two persons. Capped, a one-character difference supports names and dates that
 * already agree; it cannot carry a pair on its own.
 */
export const DOCUMENT_ONE_CHARACTER_MAX_BITS = 4;

/** A model turned into the numbers scoring needs: the prior weight and log2(m/u) per level. */
export interface CompiledModel {
  model: MatchModel;
  prior: number;
  /** Per field (MATCH_FIELDS order) per level: log2(m/u); 0 for "missing". */
  weights: Float64Array[];
  /** The same with u among records of one nationality, for pairs that agree on nationality. */
  weightsSameNationality: Float64Array[];
  /** Given names' m per surname level [ls][lg] (`LevelParameters.mGivenSurname`). */
  givenM: Float64Array[];
  /** Given names' weight per surname level [ls][lg]: among all pairs, and one nationality's. */
  givenWeights: Float64Array[];
  givenWeightsSameNationality: Float64Array[];
  /** Per field per level: m, for term-frequency adjustment. */
  m: Float64Array[];
}

const compiled = new WeakMap<MatchModel, CompiledModel>();

export function compileModel(model: MatchModel): CompiledModel {
  const known = compiled.get(model);
  if (known) return known;
  const weights: Float64Array[] = [];
  const weightsSameNationality: Float64Array[] = [];
  const m: Float64Array[] = [];
  MATCH_FIELDS.forEach((field, f) => {
    const levels = FIELD_LEVELS[f]!;
    const params = model.fields.find((p) => p.field === field);
    const w = new Float64Array(levels.length);
    const ws = new Float64Array(levels.length);
    const mm = new Float64Array(levels.length);
    levels.forEach((level, l) => {
      const p: LevelParameters | undefined = params?.levels.find((x) => x.level === level);
      if (!p || level === 'missing') return;
      mm[l] = Math.max(p.m, FLOOR);
      w[l] = Math.log2(Math.max(p.m, FLOOR) / Math.max(p.u, FLOOR));
      const same = f === FIELD.nationality ? undefined : p.uSameNationality;
      ws[l] = same === undefined ? w[l]! : Math.log2(Math.max(p.m, FLOOR) / Math.max(same, FLOOR));
      if (f === FIELD.document && level === 'one-character') {
        w[l] = Math.min(w[l]!, DOCUMENT_ONE_CHARACTER_MAX_BITS);
        ws[l] = Math.min(ws[l]!, DOCUMENT_ONE_CHARACTER_MAX_BITS);
      }
    });
    weights.push(w);
    weightsSameNationality.push(ws);
    m.push(mm);
  });
  const lambda = Math.min(Math.max(model.lambda, FLOOR), 1 - FLOOR);
  const g = FIELD.givenNames;
  const givenParams = model.fields.find((p) => p.field === 'given-names');
  const givenLevels = FIELD_LEVELS[g]!;
  const givenM = NAME_LEVELS.map((_, ls) =>
    Float64Array.from(givenLevels, (level, lg) => {
      const p: LevelParameters | undefined = givenParams?.levels.find((x) => x.level === level);
      return Math.max(p?.mGivenSurname?.[ls] ?? m[g]![lg]!, FLOOR);
    }),
  );
  const shift = (base: Float64Array[]) =>
    givenM.map((row) =>
      row.map((mm, lg) =>
        givenLevels[lg] === 'missing'
          ? 0
          : base[g]![lg]! + Math.log2(mm / Math.max(m[g]![lg]!, FLOOR)),
      ),
    );
  const result = {
    model,
    prior: Math.log2(lambda / (1 - lambda)),
    weights,
    weightsSameNationality,
    givenM,
    givenWeights: shift(weights),
    givenWeightsSameNationality: shift(weightsSameNationality),
    m,
  };
  compiled.set(model, result);
  return result;
}

/** The weight of agreeing on a name whose frequency in the data is `frequency`. */
export function termFrequencyWeight(m: number, frequency: number): number {
  return Math.log2(m / Math.min(Math.max(frequency, FLOOR), 1));
}

export function probabilityOf(weight: number): number {
  return 1 / (1 + Math.pow(2, -weight));
}

/** Why the pair must never be linked, from its comparison vector (dates first). */
export function vetoOf(v: ArrayLike<number>): Veto | undefined {
  if (datesConflict(v[FIELD.dateOfBirth]!)) return 'date-of-birth-differs';
  if (v[FIELD.sex] === SIMPLE.different) return 'sex-differs';
  return undefined;
}

/**
 * The deterministic rule that decides the pair, if any: the same document of the same state. A
 * document is issued to one person, but a number is also mistyped into another person's record:
 * when neither name agrees at any level, the shared number is taken for such a typo, not a rule.
 */
export function ruleOf(v: ArrayLike<number>): DeterministicRule | undefined {
  if (v[FIELD.document] !== DOCUMENT.exact) return undefined;
  const unlike = (l: number) => l === NAME.different;
  return unlike(v[FIELD.surname]!) && unlike(v[FIELD.givenNames]!) ? undefined : 'same-document';
}

/**
 * Score a pair: the deterministic rule (same document) links it, whatever the names; a veto
 * (dates of birth differing beyond a typo, or sex) forbids the link even then: two records
 * quoting one passport with dates years apart are a data error or a misuse of the document, which
 * an officer should see rather than have merged (ADR 0010). The weight and explanation are given
 * either way; the probability is 1 for a rule, 0 for a veto.
 */
export function scorePair(
  model: MatchModel,
  a: PreparedRecord,
  b: PreparedRecord,
  tf?: TermFrequencies,
): PairScore {
  const c = compileModel(model);
  const v: ComparisonVector = new Uint8Array(MATCH_FIELDS.length);
  const swapped = compareInto(a, b, v);
  // With the names the other way round, a's surname was compared with b's given names.
  const bSurname = swapped ? b.givenNames : b.surname;
  const bGiven = swapped ? b.surname : b.givenNames;
  const weights = weightTable(c, v[FIELD.nationality]!, v[FIELD.surname]!);
  const nationality = v[FIELD.nationality] === SIMPLE.exact ? a.nationality : null;
  const ls = v[FIELD.surname]!;
  const lg = v[FIELD.givenNames]!;
  const names = nameWeights(
    weights,
    c,
    ls,
    lg,
    tf &&
      commoner(
        tf.frequency('surname', a.surname.tfKey, nationality),
        tf.frequency('surname', bSurname.tfKey, nationality),
      ),
    tf &&
      commoner(
        tf.frequency('given-names', a.givenNames.tfKey, nationality),
        tf.frequency('given-names', bGiven.tfKey, nationality),
      ),
    tf?.fullNameFrequency &&
      commoner(
        tf.fullNameFrequency(a.surname.tfKey, a.givenNames.tfKey, nationality),
        tf.fullNameFrequency(bSurname.tfKey, bGiven.tfKey, nationality),
      ),
  );
  let weight = c.prior;
  const fields: FieldContribution[] = MATCH_FIELDS.map((field, f) => {
    const l = v[f]!;
    const contribution: FieldContribution = {
      field,
      level: FIELD_LEVELS[f]![l]!,
      weight: weights[f]![l]!,
    };
    if (f === FIELD.surname) {
      contribution.weight = names.surname;
      if (names.surnameFrequency !== undefined) contribution.termFrequency = names.surnameFrequency;
    } else if (f === FIELD.givenNames) {
      contribution.weight = names.givenNames;
      if (names.givenFrequency !== undefined) contribution.termFrequency = names.givenFrequency;
    }
    weight += contribution.weight;
    return contribution;
  });
  const rule = ruleOf(v);
  const veto = vetoOf(v);
  const score: PairScore = {
    weight,
    probability: veto ? 0 : rule ? 1 : probabilityOf(weight),
    fields,
  };
  if (rule) score.rule = rule;
  if (veto) score.veto = veto;
  return score;
}

/**
 * The model used when none is estimated on the data at hand (the register matching one record at
 * a time): estimated by expectation-maximisation on generated data (`bench/matching-train-default.ts`).
 */
export const DEFAULT_MODEL: MatchModel = parseMatchModel(defaultModelJson);
