/**
 * Pure parts of the pipeline: the triage features from the steps' results, the reference of the
 * inputs, the subject a registry is asked about, and the checks behind a prepared grant.
 */
import { createHash } from 'node:crypto';
import type { RegistryCheck, RegistrySubject } from '../registries';
import type {
  IdentityResult,
  PipelineApplication,
  PipelineCase,
  PipelineFeatures,
  RulesResult,
} from './processing.types';

/** The rule check that says whether the application is complete (content/lt/rules). */
export const COMPLETENESS_CHECK = 'document-completeness';
/** Checks that inform (the fee, the term) rather than decide eligibility. */
export const INFORMATIONAL_CHECKS: readonly string[] = ['fee-due', 'legal-term'];
/** The rule check on the travel document's validity after the permit. */
export const TRAVEL_DOCUMENT_CHECK = 'travel-document-validity';

const sha = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/** The registry checks as triage reads them: register, state, outcome (no details). */
export const checksSummary = (checks: readonly RegistryCheck[]) =>
  [...checks]
    .sort((a, b) => a.registry.localeCompare(b.registry))
    .map((c) => ({ registry: c.registry, state: c.state, outcome: c.outcome }));

export function featuresOf(input: {
  identity: IdentityResult;
  checks: readonly RegistryCheck[];
  rules: RulesResult;
  documents: { travelDocumentReadable: boolean | null; inconsistencies: string[] };
}): PipelineFeatures {
  const { rules } = input;
  const completeness = rules.checks.find((c) => c.check === COMPLETENESS_CHECK);
  const eligibility = rules.checks.filter(
    (c) => c.check !== COMPLETENESS_CHECK && !INFORMATIONAL_CHECKS.includes(c.check),
  );
  const travel = rules.checks.find((c) => c.check === TRAVEL_DOCUMENT_CHECK);
  return {
    completeness:
      completeness?.outcome === 'met'
        ? 'complete'
        : completeness?.outcome === 'not-met'
          ? 'incomplete'
          : 'unknown',
    eligibility:
      rules.state === 'skipped'
        ? null
        : {
            met: eligibility.filter((c) => c.outcome === 'met').length,
            notMet: eligibility.filter((c) => c.outcome === 'not-met').length,
            cannotTell: eligibility.filter((c) => c.outcome === 'cannot-tell').length,
          },
    registries: checksSummary(input.checks),
    identity: input.identity.outcome,
    documents: {
      travelDocumentReadable: input.documents.travelDocumentReadable,
      travelDocumentValidForPermit:
        travel?.outcome === 'met' ? true : travel?.outcome === 'not-met' ? false : null,
    },
    inconsistencies: [...input.documents.inconsistencies].sort(),
  };
}

/** registry-checks:<hash of register, state, outcome>: changes exactly when an answer does. */
export const checksRef = (checks: readonly RegistryCheck[]) =>
  `registry-checks:${sha(checksSummary(checks)).slice(0, 16)}`;

/**
 * What the triage run's inputs were taken from (the AI Act log keeps it with the run). Two runs
 * with the same reference and the same features would log the same thing: the second is skipped.
 */
export function inputRefOf(
  identity: IdentityResult,
  checks: readonly RegistryCheck[],
  rules: RulesResult,
  features: PipelineFeatures,
) {
  return [
    identity.ref,
    checksRef(checks),
    rules.ref,
    `features:${sha(features).slice(0, 16)}`,
  ].join(';');
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Who the registers are asked about: the application's answers and the matched person. */
export function subjectOf(
  app: PipelineApplication,
  identity: IdentityResult,
  c: PipelineCase,
): RegistrySubject {
  const a = app.answers;
  const forName = text(app.forPersonName)?.split(/\s+/) ?? [];
  const birth = text(a['date-of-birth']) ?? text(app.forPersonBirthDate);
  return {
    personId: identity.personId,
    givenNames: text(a['given-names']) ?? forName.slice(0, -1).join(' '),
    surname: text(a.surname) ?? forName.at(-1) ?? '',
    dateOfBirth: birth && DAY.test(birth) ? birth : null,
    nationality: text(a.nationality)?.toUpperCase() ?? null,
    documentNumber: text(a['travel-document-number']),
    employerCode: text(a['company-code']) ?? text(a['employer-code']),
    serviceId: c.service_id,
    groundId: c.ground_id,
  };
}

/** A check behind a prepared grant, as the officer sees it. */
export interface ProposalCheck {
  kind: 'identity' | 'rule' | 'registry';
  id: string;
  outcome: string;
  /** A rule check's name in Lithuanian, when the rule set gives one. */
  name?: string;
}

/** The checks a routine tier rests on: every rule check, every register's answer, the identity. */
export function proposalChecks(
  identity: IdentityResult,
  checks: readonly RegistryCheck[],
  rules: RulesResult,
): ProposalCheck[] {
  return [
    { kind: 'identity', id: 'persons-register', outcome: identity.outcome },
    ...rules.checks.map((c) => ({
      kind: 'rule' as const,
      id: c.check,
      outcome: c.outcome,
      ...(c.name ? { name: c.name } : {}),
    })),
    ...checksSummary(checks).map((c) => ({
      kind: 'registry' as const,
      id: c.registry,
      outcome: c.outcome ?? c.state,
    })),
  ];
}
