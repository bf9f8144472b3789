import { z } from 'zod';

/** The three tiers; the machine orders the work only, a person decides every case. */
export type Tier = 'routine' | 'standard' | 'enhanced';
export const TIERS: readonly Tier[] = ['routine', 'standard', 'enhanced'];

export const REGISTRY_STATES = ['waiting', 'answered', 'retrying'] as const;
export const REGISTRY_OUTCOMES = ['clear', 'hit', 'confirmed', 'not-confirmed'] as const;

/**
 * The only inputs triage may read. Protected characteristics and their obvious proxies are
 * absent by construction and the schema is strict, so a caller cannot slip one in
 * (`FORBIDDEN_INPUTS` lists what a test keeps out of every level of the schema).
 */
export const TriageFeatures = z.strictObject({
  completeness: z.enum(['complete', 'incomplete', 'unknown']),
  eligibility: z
    .strictObject({
      met: z.number().int().min(0),
      notMet: z.number().int().min(0),
      cannotTell: z.number().int().min(0),
    })
    .nullable(),
  registries: z.array(
    z.strictObject({
      registry: z.string().min(1),
      state: z.enum(REGISTRY_STATES),
      outcome: z.enum(REGISTRY_OUTCOMES).nullable(),
    }),
  ),
  identity: z.enum(['linked', 'new-person', 'review-pending', 'not-matched']),
  documents: z.strictObject({
    travelDocumentReadable: z.boolean().nullable(),
    travelDocumentValidForPermit: z.boolean().nullable(),
  }),
  inconsistencies: z.array(z.string().min(1)),
});
export type TriageFeatures = z.infer<typeof TriageFeatures>;

/** Keys that must never appear in `TriageFeatures` at any depth (checked by a test). */
export const FORBIDDEN_INPUTS: readonly string[] = [
  'nationality',
  'citizenship',
  'ethnicity',
  'race',
  'sex',
  'gender',
  'age',
  'birthDate',
  'dateOfBirth',
  'religion',
  'name',
  'givenNames',
  'surname',
  'placeOfBirth',
  'countryOfBirth',
  'birthCountry',
  'language',
  'nativeLanguage',
  'photo',
  'address',
  'phone',
  'email',
  'documentNumber',
  'issuingCountry',
];

/** One criterion's part in a tier: a flag that fired or the points a weight gave. */
export interface Contribution {
  criterion: string;
  kind: 'flag' | 'weight';
  value: string | number | boolean;
  points: number;
}

export interface TriageOutcome {
  tier: Tier;
  criteriaVersion: string;
  points: number;
  contributions: Contribution[];
  /** The criteria that decided the tier (flags fired, or the unmet routine conditions). */
  decisive: string[];
}

/** One logged run (the AI Act log row, as others read it). */
export interface TriageRun {
  id: string;
  caseId: string;
  seq: number;
  criteriaVersion: string;
  inputRef: string;
  features: TriageFeatures;
  tier: Tier;
  points: number;
  contributions: Contribution[];
  decisive: string[];
  switchedOff: boolean;
  at: Date;
}

/** An officer disregarding the tier on a case. */
export interface TriageOverride {
  id: string;
  caseId: string;
  runId: string;
  officerId: string;
  reason: string;
  at: Date;
}

/** One change of the kill switch; the latest wins. */
export interface TriageSetting {
  enabled: boolean;
  changedBy: string | null;
  changedAt: Date;
  reason: string;
}

/** What a run records when triage is switched off. */
export const SWITCHED_OFF = 'triage-switched-off';
