import type { Translate } from '../../platform/i18n';
import type { ProcessingStepRow } from './processing.repository';

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** One line per step's result, in the reader's language (codes stay codes: they are looked up). */
function summaryOf(s: ProcessingStepRow, t: Translate): string {
  const r = s.result;
  switch (s.step) {
    case 'identity':
      return t(`processing.identity.${String(r.outcome)}`);
    case 'registries': {
      const checks = (r.checks ?? []) as {
        registry: string;
        state: string;
        outcome: string | null;
      }[];
      if (checks.length === 0) return t('processing.summary.noRegistries');
      return checks
        .map((c) => `${c.registry}: ${t(`processing.outcome.${c.outcome ?? c.state}`)}`)
        .join(', ');
    }
    case 'rules':
      return s.state === 'skipped'
        ? t('processing.summary.noRules')
        : t('processing.summary.rules', {
            completeness: t(`processing.completeness.${String(r.completeness)}`),
            met: num(r.met),
            notMet: num(r.notMet),
            cannotTell: num(r.cannotTell),
          });
    case 'triage':
      return r.switchedOff
        ? t('processing.summary.switchedOff')
        : t('processing.summary.triage', {
            tier: t(`processing.tier.${String(r.tier)}`),
            version: String(r.criteriaVersion ?? ''),
          });
    case 'routing':
      return r.proposal
        ? t('processing.summary.routedWithGrant', { tier: t(`processing.tier.${String(r.tier)}`) })
        : t('processing.summary.routed', { tier: t(`processing.tier.${String(r.tier)}`) });
  }
}

/** The pipeline panel of the case page (staff). */
export function caseProcessingPanel(
  steps: readonly ProcessingStepRow[],
  prepared: boolean,
  t: Translate,
) {
  const first = steps[0];
  return {
    prepared,
    runSeq: first?.run_seq ?? 0,
    trigger: first?.trigger ?? 'submitted',
    at: first?.at ?? null,
    steps: steps.map((s) => ({ ...s, summary: summaryOf(s, t) })),
  };
}

/**
 * What the applicant is told ran on their case: identity matching, the rule checks' count, and
 * that triage ran and only orders the work. The tier itself is not shown (README: it is not a
 * finding about the person, and "enhanced" would hint at a result an officer has not yet read).
 */
export function applicantAutomationView(steps: readonly ProcessingStepRow[]) {
  if (steps.length === 0) return null;
  const identity = steps.find((s) => s.step === 'identity');
  const rules = steps.find((s) => s.step === 'rules');
  const outcome = String(identity?.result.outcome ?? 'not-matched');
  return {
    // The register's review is an officer's task: to the applicant it is simply "in progress".
    identity:
      outcome === 'review-pending'
        ? 'in-progress'
        : outcome === 'not-matched'
          ? 'not-matched'
          : 'done',
    rules:
      rules && rules.state === 'done'
        ? {
            met: num(rules.result.met),
            total: num(rules.result.met) + num(rules.result.notMet) + num(rules.result.cannotTell),
          }
        : null,
  };
}
