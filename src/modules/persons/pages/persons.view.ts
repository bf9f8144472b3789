/**
 * The register's answers shaped for the templates: numbers in the reader's language, the
 * explanation of a score as rows, the two sides of a review as rows of a comparison.
 */
import type { Language } from '../../../platform/i18n';
import type { PairScore } from '../matching/types';
import type { PersonAction, PersonView, ReviewView } from './pages.service';

const weightFormat = (lang: Language) =>
  new Intl.NumberFormat(lang, {
    signDisplay: 'exceptZero',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });

/** A match probability as a percentage with one decimal ("97,3 %" in Lithuanian). */
export function percent(p: number | null | undefined, lang: Language): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '';
  return new Intl.NumberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(p);
}

/** A name's frequency in the data: small shares need significant digits, not decimals. */
function frequency(f: number | undefined, lang: Language): string {
  if (f === undefined || !Number.isFinite(f)) return '';
  if (f >= 1) return new Intl.NumberFormat(lang).format(f);
  return new Intl.NumberFormat(lang, { style: 'percent', maximumSignificantDigits: 3 }).format(f);
}

export interface ExplanationView {
  rows: { field: string; level: string; weight: string; termFrequency: string }[];
  total: string;
  probability: string;
  rule: string | null;
  veto: string | null;
}

/** The pair's score as the explanation table shows it: what each field contributed, and why. */
export function explanationView(score: PairScore, lang: Language): ExplanationView {
  const w = weightFormat(lang);
  return {
    rows: score.fields.map((f) => ({
      field: f.field,
      level: f.level,
      weight: w.format(f.weight),
      termFrequency: frequency(f.termFrequency, lang),
    })),
    total: w.format(score.weight),
    probability: percent(score.probability, lang),
    rule: score.rule ?? null,
    veto: score.veto ?? null,
  };
}

const distinct = (xs: readonly (string | null | undefined)[]) => [
  ...new Set(xs.filter((x): x is string => Boolean(x))),
];

/**
 * The comparison of a review, field by field: what the new record says, what the candidate's
 * closest record says (the pair that was scored), and everything the register holds about the
 * candidate person, from every source.
 */
export function comparisonRows(r: ReviewView) {
  const p = r.candidatePerson;
  const a = r.record;
  const b = r.candidateRecord;
  const row = (field: string, record: unknown[], closest: unknown[], person: unknown[]) => ({
    field,
    record: distinct(record as string[]),
    closest: distinct(closest as string[]),
    person: distinct(person as string[]),
  });
  return [
    row(
      'surname',
      [a.surname],
      [b.surname],
      p.names.map((n) => n.surname),
    ),
    row(
      'given-names',
      [a.givenNames],
      [b.givenNames],
      p.names.map((n) => n.givenNames),
    ),
    row(
      'latin',
      a.latin,
      b.latin,
      p.names.flatMap((n) => n.latin),
    ),
    row(
      'date-of-birth',
      [a.dateOfBirth],
      [b.dateOfBirth],
      p.datesOfBirth.map((d) => d.value),
    ),
    row(
      'sex',
      [a.sex],
      [b.sex],
      p.sexes.map((x) => x.value),
    ),
    row(
      'nationality',
      [a.nationality],
      [b.nationality],
      p.nationalities.map((n) => n.code),
    ),
    row(
      'document',
      [docText(a.documentNumber, a.documentState)],
      [docText(b.documentNumber, b.documentState)],
      p.documents.map((d) => docText(d.number, d.state)),
    ),
    row('place-of-birth', [a.placeOfBirth], [b.placeOfBirth], []),
  ];
}

const docText = (n: string | null, state: string | null) =>
  n ? (state ? `${n} (${state})` : n) : null;

/**
 * Actions newest first, each naming the other person by number and its actor by name where the
 * register or the accounts know them.
 */
export function actionsView(person: PersonView, names: ReadonlyMap<string, string> = new Map()) {
  const byId = new Map(person.actions.map((a) => [a.id, a]));
  return [...person.actions]
    .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
    .map((a: PersonAction) => ({
      id: a.id,
      kind: a.kind,
      at: a.at,
      actor: names.get(a.actorId) || a.actorId,
      reason: a.reason,
      personNumber: a.personNumber,
      otherNumber: a.otherPersonNumber,
      undone: a.undoneBy !== null,
      undoesKind: a.undoes ? (byId.get(a.undoes)?.kind ?? null) : null,
      undoable: a.undoable && a.undoneBy === null,
    }));
}
