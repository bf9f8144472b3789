/**
 * The case lifecycle, pure: statuses, action kinds, the transition table of each lifecycle
 * variant, the fold from an append-only action list to a status, and the four-eyes check. No I/O
 * and no clock, so the persistence layer, the pages and the tests all judge a case the same way
 * (DESIGN §4: a case is a list of actions; its status is derived through a declared table).
 */

export const CASE_STATUSES = [
  'submitted',
  'awaiting-visit',
  'accepted',
  'in-examination',
  'information-requested',
  'decision-proposed',
  'granted',
  'refused',
  'terminated',
  'document-ordered',
  'document-produced',
  'ready-for-collection',
  'sent-by-courier',
  'issued',
  'revocation-proposed',
  'withdrawn',
  'revoked',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTION_KINDS = [
  'submitted',
  'visit-required',
  'accepted',
  'examination-started',
  'information-requested',
  'information-received',
  'decision-proposed',
  'decision-returned',
  'decision-approved',
  'decided',
  'document-ordered',
  'document-produced',
  'ready-for-collection',
  'sent-by-courier',
  'issued',
  'withdrawn',
  'revocation-proposed',
  'revocation-returned',
  'revoked',
] as const;
export type CaseActionKind = (typeof CASE_ACTION_KINDS)[number];

/** What an officer may propose; `decision-proposed` carries one. */
export const DECISION_OUTCOMES = ['grant', 'refuse', 'terminate'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** The part of a stored action the lifecycle reads; callers may pass richer records. */
export interface CaseActionInput {
  kind: CaseActionKind;
  /** Required on `decision-proposed`; on `decision-approved`/`decided`, if given, must match. */
  outcome?: DecisionOutcome | null;
}

/**
 * Where an action leads: a fixed status, or (for approving or deciding a proposal) a status per
 * proposed outcome; an outcome missing from `byOutcome` is forbidden by that edge.
 */
export type Edge =
  | { readonly to: CaseStatus }
  | { readonly byOutcome: Readonly<Partial<Record<DecisionOutcome, CaseStatus>>> };

export type TransitionTable = Readonly<
  Record<CaseStatus, Readonly<Partial<Record<CaseActionKind, Edge>>>>
>;

/** The action that opens every case; it is allowed only as the first action. */
export const OPENING_ACTION = 'submitted' satisfies CaseActionKind;
export const OPENING_STATUS: CaseStatus = 'submitted';

// Table fragments. Each variant's table below is one of these compositions, written out as data.
const BEFORE_DECISION_WITHDRAWABLE = { withdrawn: { to: 'withdrawn' } } as const;

const EXAMINATION = {
  'in-examination': {
    'information-requested': { to: 'information-requested' },
    'decision-proposed': { to: 'decision-proposed' },
    ...BEFORE_DECISION_WITHDRAWABLE,
  },
  // The legal term stops here and resumes on the answer (see isSuspended).
  'information-requested': {
    'information-received': { to: 'in-examination' },
    ...BEFORE_DECISION_WITHDRAWABLE,
  },
} as const;

const AFTER_DECISION = {
  granted: { 'document-ordered': { to: 'document-ordered' } },
  refused: {},
  terminated: {},
  'document-ordered': { 'document-produced': { to: 'document-produced' } },
  'document-produced': {
    'ready-for-collection': { to: 'ready-for-collection' },
    'sent-by-courier': { to: 'sent-by-courier' },
  },
  'ready-for-collection': { issued: { to: 'issued' } },
  'sent-by-courier': { issued: { to: 'issued' } },
  // Revoking an issued permit is proposed and approved by a second officer (four eyes), like a
  // refusal; sent back, the permit stays issued.
  issued: { 'revocation-proposed': { to: 'revocation-proposed' } },
  'revocation-proposed': {
    'revocation-returned': { to: 'issued' },
    revoked: { to: 'revoked' },
  },
  withdrawn: {},
  revoked: {},
} as const;

/** Services with a visit (biometrics, originals): the case waits for it before acceptance. */
const WITH_VISIT = {
  submitted: { 'visit-required': { to: 'awaiting-visit' }, ...BEFORE_DECISION_WITHDRAWABLE },
  'awaiting-visit': { accepted: { to: 'accepted' }, ...BEFORE_DECISION_WITHDRAWABLE },
} as const;

/** Services without a visit: accepted straight from submission; awaiting-visit is unreachable. */
const WITHOUT_VISIT = {
  submitted: { accepted: { to: 'accepted' }, ...BEFORE_DECISION_WITHDRAWABLE },
  'awaiting-visit': {},
} as const;

const ACCEPTED = {
  accepted: { 'examination-started': { to: 'in-examination' }, ...BEFORE_DECISION_WITHDRAWABLE },
} as const;

const ALL_APPROVED = { grant: 'granted', refuse: 'refused', terminate: 'terminated' } as const;

/** Every decision needs a second officer's approval; `decided` does not exist here. */
const PROPOSAL_ALL_APPROVED = {
  'decision-proposed': {
    'decision-returned': { to: 'in-examination' },
    'decision-approved': { byOutcome: ALL_APPROVED },
    ...BEFORE_DECISION_WITHDRAWABLE,
  },
} as const;

/**
 * A grant is decided by the proposer alone; refusals and terminations still need approval. One
 * path per outcome: approving a grant here is refused, so the record always says which rule applied.
 */
const PROPOSAL_GRANT_DIRECT = {
  'decision-proposed': {
    'decision-returned': { to: 'in-examination' },
    'decision-approved': { byOutcome: { refuse: 'refused', terminate: 'terminated' } },
    decided: { byOutcome: { grant: 'granted' } },
    ...BEFORE_DECISION_WITHDRAWABLE,
  },
} as const;

export const LIFECYCLE_VARIANT_IDS = [
  'with-visit-grant-approval',
  'with-visit-grant-direct',
  'no-visit-grant-approval',
  'no-visit-grant-direct',
] as const;
export type LifecycleVariantId = (typeof LIFECYCLE_VARIANT_IDS)[number];

export interface LifecycleVariant {
  readonly id: LifecycleVariantId;
  readonly visitRequired: boolean;
  readonly grantNeedsApproval: boolean;
  readonly table: TransitionTable;
}

const variant = (
  id: LifecycleVariantId,
  visitRequired: boolean,
  grantNeedsApproval: boolean,
  table: TransitionTable,
): LifecycleVariant => ({ id, visitRequired, grantNeedsApproval, table });

export const LIFECYCLE_VARIANTS: Readonly<Record<LifecycleVariantId, LifecycleVariant>> = {
  'with-visit-grant-approval': variant('with-visit-grant-approval', true, true, {
    ...WITH_VISIT,
    ...ACCEPTED,
    ...EXAMINATION,
    ...PROPOSAL_ALL_APPROVED,
    ...AFTER_DECISION,
  }),
  'with-visit-grant-direct': variant('with-visit-grant-direct', true, false, {
    ...WITH_VISIT,
    ...ACCEPTED,
    ...EXAMINATION,
    ...PROPOSAL_GRANT_DIRECT,
    ...AFTER_DECISION,
  }),
  'no-visit-grant-approval': variant('no-visit-grant-approval', false, true, {
    ...WITHOUT_VISIT,
    ...ACCEPTED,
    ...EXAMINATION,
    ...PROPOSAL_ALL_APPROVED,
    ...AFTER_DECISION,
  }),
  'no-visit-grant-direct': variant('no-visit-grant-direct', false, false, {
    ...WITHOUT_VISIT,
    ...ACCEPTED,
    ...EXAMINATION,
    ...PROPOSAL_GRANT_DIRECT,
    ...AFTER_DECISION,
  }),
};

/** The variant of a service: `visit.required` from its catalogue file, and its grant rule. */
export function lifecycleFor(opts: {
  visitRequired: boolean;
  grantNeedsApproval: boolean;
}): LifecycleVariant {
  const visit = opts.visitRequired ? 'with-visit' : 'no-visit';
  const grant = opts.grantNeedsApproval ? 'grant-approval' : 'grant-direct';
  return LIFECYCLE_VARIANTS[`${visit}-${grant}`];
}

/** A case's position: its status and, while a decision is proposed, the proposed outcome. */
export interface CaseState {
  status: CaseStatus;
  proposedOutcome: DecisionOutcome | null;
}

export type RefusalReason =
  | 'no-actions' // an empty list is not a case
  | 'not-opened' // the first action must be `submitted`
  | 'transition-forbidden' // the table has no edge for this action from this status
  | 'outcome-missing' // a proposal without grant/refuse/terminate
  | 'outcome-not-allowed' // e.g. `decided` on a refusal, or approving a grant that needs none
  | 'outcome-mismatch'; // approving or deciding something other than what was proposed

export type TransitionResult =
  | { ok: true; state: CaseState }
  | { ok: false; reason: RefusalReason; from: CaseStatus | null; action: CaseActionKind | null };

export type DeriveResult =
  | { ok: true; status: CaseStatus; state: CaseState }
  | {
      ok: false;
      /** The position in the list of the action that was refused (0 for an empty list). */
      index: number;
      reason: RefusalReason;
      from: CaseStatus | null;
      action: CaseActionKind | null;
    };

const refuse = (reason: RefusalReason, from: CaseStatus | null, action: CaseActionKind | null) =>
  ({ ok: false, reason, from, action }) as const;

/** One step: the state after `action`, or why the table forbids it. `state` null = no case yet. */
export function applyAction(
  v: LifecycleVariant,
  state: CaseState | null,
  action: CaseActionInput,
): TransitionResult {
  if (state === null) {
    return action.kind === OPENING_ACTION
      ? { ok: true, state: { status: OPENING_STATUS, proposedOutcome: null } }
      : refuse('not-opened', null, action.kind);
  }
  const edge = v.table[state.status][action.kind];
  if (!edge) return refuse('transition-forbidden', state.status, action.kind);
  if ('to' in edge) {
    if (action.kind !== 'decision-proposed') {
      return { ok: true, state: { status: edge.to, proposedOutcome: null } };
    }
    if (!action.outcome) return refuse('outcome-missing', state.status, action.kind);
    return { ok: true, state: { status: edge.to, proposedOutcome: action.outcome } };
  }
  const outcome = state.proposedOutcome;
  if (!outcome) return refuse('outcome-missing', state.status, action.kind);
  if (action.outcome && action.outcome !== outcome) {
    return refuse('outcome-mismatch', state.status, action.kind);
  }
  const to = edge.byOutcome[outcome];
  if (!to) return refuse('outcome-not-allowed', state.status, action.kind);
  return { ok: true, state: { status: to, proposedOutcome: null } };
}

/**
 * Folds an ordered action list into the case's state. A forbidden step is returned as a value
 * with its index, never thrown: the caller decides whether that is a bad request or corrupt data.
 */
export function deriveStatus(
  v: LifecycleVariant,
  actions: readonly CaseActionInput[],
): DeriveResult {
  if (actions.length === 0) {
    return { ok: false, index: 0, reason: 'no-actions', from: null, action: null };
  }
  let state: CaseState | null = null;
  for (const [index, action] of actions.entries()) {
    const next = applyAction(v, state, action);
    if (!next.ok) return { ...next, index };
    state = next.state;
  }
  // Non-empty list and every step succeeded, so a state exists.
  const final = state as CaseState;
  return { ok: true, status: final.status, state: final };
}

/**
 * The action kinds the table allows from a status, in CASE_ACTION_KINDS order. With the proposed
 * outcome, edges that do not apply to it (e.g. `decided` on a refusal) are left out.
 */
export function allowedActions(
  v: LifecycleVariant,
  status: CaseStatus,
  proposedOutcome?: DecisionOutcome | null,
): CaseActionKind[] {
  const row = v.table[status];
  return CASE_ACTION_KINDS.filter((kind) => {
    const edge = row[kind];
    if (!edge) return false;
    if ('to' in edge || !proposedOutcome) return true;
    return edge.byOutcome[proposedOutcome] !== undefined;
  });
}

const TERMINAL: readonly CaseStatus[] = ['refused', 'terminated', 'withdrawn', 'revoked', 'issued'];
/**
 * The case is closed: no more work on it. `issued` counts as closed although an issued permit may
 * still be revoked (a proposal, the only action after a terminal status, reopens it for the
 * approving officer: `revocation-proposed` is open).
 */
export const isTerminal = (s: CaseStatus) => TERMINAL.includes(s);

const DECIDED: readonly CaseStatus[] = [
  'granted',
  'refused',
  'terminated',
  'document-ordered',
  'document-produced',
  'ready-for-collection',
  'sent-by-courier',
  'issued',
  'revocation-proposed',
  'revoked',
];
/** A decision has been taken (approved or, for a direct grant, decided): it cannot be withdrawn. */
export const isDecided = (s: CaseStatus) => DECIDED.includes(s);

/** The legal term stops while information is requested from the applicant (cat. §0.3). */
export const isSuspended = (s: CaseStatus) => s === 'information-requested';

// The four-eyes rule lives beside the table; re-exported so the lifecycle is one import.
export {
  APPROVER_ROLES,
  mayApprove,
  needsApproval,
  type ApprovalCheck,
  type ApprovalOutcome,
} from './four-eyes';
