/**
 * What a proposal must hold (outcome, grounds from the pack, reasons), and the case action each
 * step of it is recorded as: pure, shared by the decisions service and its pages.
 */
import type { ApprovalOutcome, DecisionOutcome } from './cases.lifecycle';
import type { LettersPack } from './letters.loader';

export const MAX_REASONS = 8000;

export interface Proposal {
  outcome: string;
  grounds: string[];
  reasons: string;
}

/** The case action each step of a proposal is recorded as: a decision, or a revocation. */
const STEPS = {
  decision: {
    propose: 'decision-proposed',
    approve: 'decision-approved',
    back: 'decision-returned',
  },
  revocation: { propose: 'revocation-proposed', approve: 'revoked', back: 'revocation-returned' },
} as const;
export const stepsOf = (outcome: ApprovalOutcome) =>
  outcome === 'revoke' ? STEPS.revocation : STEPS.decision;

/** Field problems of a proposal, as message keys (empty when it is complete). */
export function proposalProblems(pack: LettersPack, input: Proposal): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!['grant', 'refuse', 'terminate'].includes(input.outcome)) {
    problems['outcome'] = 'decisions.errors.outcome';
    return problems;
  }
  const known = pack.grounds[input.outcome as DecisionOutcome].map((g) => g.id);
  if (input.grounds.some((g) => !known.includes(g)))
    problems['grounds'] = 'decisions.errors.ground';
  else if (input.outcome !== 'grant' && input.grounds.length === 0)
    problems['grounds'] = 'decisions.errors.groundsRequired';
  return { ...problems, ...reasonsProblems(input.reasons) };
}

function reasonsProblems(reasons: string): Record<string, string> {
  const text = reasons.trim();
  if (!text) return { reasons: 'decisions.errors.reasons' };
  if (text.length > MAX_REASONS) return { reasons: 'decisions.errors.reasonsLong' };
  return {};
}

/** Field problems of a proposed revocation: at least one revocation ground, and reasons. */
export function revocationProblems(
  pack: LettersPack,
  input: Omit<Proposal, 'outcome'>,
): Record<string, string> {
  const known = pack.grounds.revoke.map((g) => g.id);
  const problems: Record<string, string> = {};
  if (input.grounds.some((g) => !known.includes(g)))
    problems['grounds'] = 'decisions.errors.ground';
  else if (input.grounds.length === 0) problems['grounds'] = 'decisions.errors.groundsRequired';
  return { ...problems, ...reasonsProblems(input.reasons) };
}
