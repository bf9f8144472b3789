/**
 * The register's public shapes (issue 7): what matching a record answers, and what a person, a
 * review and an action look like to the pages (src/modules/persons/pages) and other modules.
 */
import { z } from 'zod';
import type { PairScore } from '../matching/types';

export const SOURCE_KINDS = ['application', 'held-document', 'registry', 'import'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const LINKED_BY = ['auto', 'rule', 'officer', 'new'] as const;
export type LinkedBy = (typeof LINKED_BY)[number];
export const ACTION_KINDS = ['merge', 'split', 'link', 'not-same', 'undo'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const REVIEW_DECISIONS = ['link', 'not-same', 'merge'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export type PersonStatus = 'active' | 'merged';
export type MatchOutcome = 'linked' | 'review' | 'new' | 'rule';

const ALPHA3 = /^[A-Z]{3}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.trim())
    .nullish()
    .transform((s) => (s ? s : null));
const code = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(ALPHA3, 'ISO 3166-1 alpha-3'))
  .nullish()
  .transform((s) => s ?? null);

/**
 * A record to match: the matcher's IdentityRecord fields (its recordId and source are set by the
 * register) plus where it came from. Names any script, dates as recorded.
 */
export const RecordInput = z.object({
  sourceKind: z.enum(SOURCE_KINDS),
  sourceId: z.string().trim().min(1).max(200),
  /** What people call the source record (an application reference). */
  sourceLabel: text(200),
  givenNames: z
    .string()
    .max(200)
    .nullish()
    .transform((s) => s?.trim() ?? ''),
  surname: z.string().trim().min(1, 'a surname is needed to match').max(200),
  /** YYYY-MM-DD or YYYY, as recorded (a typo stays). */
  dateOfBirth: z
    .string()
    .regex(/^\d{4}(-\d{2}-\d{2})?$/, 'YYYY-MM-DD or YYYY')
    .nullish()
    .transform((s) => s ?? null),
  sex: z
    .enum(['M', 'F'])
    .nullish()
    .transform((s) => s ?? null),
  nationality: code,
  documentNumber: text(50).transform((s) => (s ? s.toUpperCase().replace(/\s+/g, '') : null)),
  documentState: code,
  documentType: text(50),
  documentValidUntil: z
    .string()
    .regex(DAY, 'YYYY-MM-DD')
    .nullish()
    .transform((s) => s ?? null),
  placeOfBirth: text(200),
  /**
   * A record known to be of the same person (a document issued on an application): when that
   * record is in the register, this one joins its person by the rule "same person", unscored.
   */
  samePersonAs: z
    .object({ sourceKind: z.enum(SOURCE_KINDS), sourceId: z.string().trim().min(1).max(200) })
    .nullish()
    .transform((s) => s ?? null),
});
export type RecordInput = z.input<typeof RecordInput>;
export type ValidRecord = z.output<typeof RecordInput>;

export interface MatchResult {
  outcome: MatchOutcome;
  /** The person the record was given to. */
  personId: string;
  personNumber: string;
  recordId: string;
  /** The best pair's probability with a candidate; null when there was none. */
  probability: number | null;
  /** Set when an officer is asked to review (grey band). */
  reviewId?: string;
}

export interface PersonRef {
  id: string;
  number: string;
}

/** An action on a person: who did it, when and why; an undone action keeps its place. */
export interface PersonAction {
  id: string;
  kind: ActionKind;
  at: Date;
  actorId: string;
  reason: string;
  personId: string;
  otherPersonId: string | null;
  personNumber: string | null;
  otherPersonNumber: string | null;
  /** The undo action that undid this one. */
  undoneBy: string | null;
  /** For an undo: the action it undid. */
  undoes: string | null;
  /** Whether undo would be accepted now. */
  undoable: boolean;
  /** What changed (record ids moved, the review decided); see person_actions.details. */
  details: Record<string, unknown>;
}

export interface PersonName {
  givenNames: string;
  surname: string;
  latin: string[];
  /** The source's label (application reference) or id. */
  source: string;
  sourceKind: SourceKind;
  recordedAt: Date;
}

export interface DatedValue {
  value: string;
  source: string;
  recordedAt: Date;
}

export interface LinkedRecord {
  id: string;
  sourceKind: SourceKind;
  sourceId: string;
  sourceLabel: string | null;
  recordedAt: Date;
  linkedBy: LinkedBy;
  probability: number | null;
  /** The number of the person the record was first given to (another one after a merge or split). */
  ownerPersonNumber: string;
  /** The number of the person it belongs to now (a merged person's, within a survivor's view). */
  personNumber: string;
}

export interface PersonView {
  id: string;
  number: string;
  status: PersonStatus;
  mergedInto: PersonRef | null;
  names: PersonName[];
  datesOfBirth: DatedValue[];
  sexes: DatedValue[];
  nationalities: { code: string; source: string; recordedAt: Date }[];
  documents: {
    type: string | null;
    number: string;
    state: string | null;
    validUntil: string | null;
    source: string;
    recordedAt: Date;
  }[];
  records: LinkedRecord[];
  /** Persons merged into this one (directly or through another), whose records show here. */
  mergedPersons: PersonRef[];
  /** Newest first. */
  actions: PersonAction[];
}

export interface PersonSummary {
  id: string;
  number: string;
  status: PersonStatus;
  names: { givenNames: string; surname: string; latin: string[] }[];
  datesOfBirth: string[];
  nationalities: string[];
}

/** A record as its source gave it (the review's two sides). */
export interface ReviewRecord {
  id: string;
  givenNames: string;
  surname: string;
  latin: string[];
  dateOfBirth: string | null;
  sex: string | null;
  nationality: string | null;
  documentType: string | null;
  documentNumber: string | null;
  documentState: string | null;
  placeOfBirth: string | null;
  sourceKind: SourceKind;
  sourceId: string;
  sourceLabel: string | null;
  recordedAt: Date;
}

export interface ReviewSummary {
  id: string;
  createdAt: Date;
  probability: number;
  record: ReviewRecord;
  /** The person the record belongs to now (its provisional person until decided). */
  recordPerson: PersonRef;
  /** The person it may be the same as (the one it was merged into, if it was). */
  candidate: PersonRef;
}

export interface ReviewView extends ReviewSummary {
  status: 'open' | 'decided';
  decision: ReviewDecision | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
  /** The candidate's record that scored best against the record. */
  candidateRecord: ReviewRecord;
  /** Both persons side by side. */
  person: PersonView;
  candidatePerson: PersonView;
  score: PairScore;
}
