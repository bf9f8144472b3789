import type { FlagSignal, RoutineCondition, TriageCriteria, WeightSignal } from './criteria';
import type { Contribution, Tier, TriageFeatures, TriageOutcome } from './triage.schemas';

/** Whether a flag's hard signal is present, and the value shown beside it. */
function flagValue(
  signal: FlagSignal,
  f: TriageFeatures,
  registries: readonly string[] | undefined,
): string | boolean | null {
  switch (signal) {
    case 'registry-hit': {
      const hits = f.registries.filter((r) => r.outcome === 'hit').map((r) => r.registry);
      return hits.length ? hits.join(', ') : null;
    }
    case 'registry-not-confirmed': {
      const confirming = new Set(registries ?? []);
      const not = f.registries
        .filter((r) => r.outcome === 'not-confirmed' && confirming.has(r.registry))
        .map((r) => r.registry);
      return not.length ? not.join(', ') : null;
    }
    case 'identity-review-pending':
      return f.identity === 'review-pending' ? true : null;
    case 'inconsistency':
      return f.inconsistencies.length ? f.inconsistencies.join(', ') : null;
    case 'travel-document-unreadable':
      return f.documents.travelDocumentReadable === false ? true : null;
  }
}

/** A weight's value: a count (points per count) or whether it holds. */
function weightValue(signal: WeightSignal, f: TriageFeatures): number | boolean {
  const e = f.eligibility;
  switch (signal) {
    case 'complete':
      return f.completeness === 'complete';
    case 'eligibility-all-met':
      return e !== null && e.notMet === 0 && e.cannotTell === 0;
    case 'eligibility-not-met':
      return e?.notMet ?? 0;
    case 'eligibility-cannot-tell':
      return e?.cannotTell ?? 0;
    case 'registry-waiting':
      return f.registries.filter((r) => r.state !== 'answered').length;
    case 'identity-linked':
      return f.identity === 'linked';
    case 'identity-new-person':
      return f.identity === 'new-person';
    case 'identity-not-matched':
      return f.identity === 'not-matched';
    case 'travel-document-valid-for-permit':
      return f.documents.travelDocumentValidForPermit === true;
    case 'travel-document-not-valid-for-permit':
      return f.documents.travelDocumentValidForPermit === false;
  }
}

/**
 * Triage: a tier from named, versioned criteria. Pure and deterministic, so a logged run can be
 * replayed. Any flag gives `enhanced`; `routine` needs every routine condition; otherwise
 * `standard`. It outputs a tier only: it never refuses, proposes a refusal or closes a case.
 */
export function triage(features: TriageFeatures, criteria: TriageCriteria): TriageOutcome {
  const contributions: Contribution[] = [];
  const fired: string[] = [];
  for (const flag of criteria.flags) {
    const value = flagValue(flag.signal, features, flag.registries);
    if (value === null) continue;
    fired.push(flag.id);
    contributions.push({ criterion: flag.id, kind: 'flag', value, points: 0 });
  }
  let points = 0;
  for (const w of criteria.weights) {
    const value = weightValue(w.signal, features);
    const p = typeof value === 'number' ? value * w.points : value ? w.points : 0;
    points += p;
    contributions.push({ criterion: w.id, kind: 'weight', value, points: p });
  }
  if (fired.length) return outcome('enhanced', fired);

  const e = features.eligibility;
  const answered = features.registries.every((r) => r.state === 'answered');
  const unmet: RoutineCondition[] = [];
  if (features.completeness !== 'complete') unmet.push('complete');
  if (!(e && e.notMet === 0 && e.cannotTell === 0)) unmet.push('eligibility-all-met');
  if (!answered) unmet.push('registries-answered');
  const clear = features.registries.every(
    (r) => r.state !== 'answered' || r.outcome === 'clear' || r.outcome === 'confirmed',
  );
  if (!clear) unmet.push('registries-clear');
  if (points < criteria.routine.threshold) unmet.push('points-threshold');
  return unmet.length ? outcome('standard', unmet) : outcome('routine', [...ROUTINE_MET]);

  function outcome(tier: Tier, decisive: string[]): TriageOutcome {
    return { tier, criteriaVersion: criteria.version, points, contributions, decisive };
  }
}

/** What a routine outcome names as decisive: every routine condition held. */
export const ROUTINE_MET = ['routine-conditions-met'] as const;
