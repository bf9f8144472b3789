import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  applyAction,
  CASE_ACTION_KINDS,
  CASE_STATUSES,
  deriveStatus,
  isDecided,
  isSuspended,
  isTerminal,
  lifecycleFor,
  type CaseActionInput,
  type CaseState,
  type DecisionOutcome,
  type LifecycleVariant,
} from './cases.lifecycle';

/*
 * The expectations are written here a second time, independently of the module's table, from
 * the case vocabulary agreed for issue 4: a mistake in either shows as a failure.
 */
const STATUSES = [
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
const KINDS = [
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
const OUTCOMES = ['grant', 'refuse', 'terminate'] as const;

type Only = 'visit' | 'no-visit' | 'approval' | 'direct';
/**
 * Allowed edges as "from action to [only]". A `from` of `decision-proposed:<outcome>` is a
 * proposal of that outcome; a `to` of `decision-proposed:*` keeps the outcome being proposed.
 */
const EDGES = `
submitted visit-required awaiting-visit visit
submitted accepted accepted no-visit
awaiting-visit accepted accepted visit
accepted examination-started in-examination
in-examination information-requested information-requested
information-requested information-received in-examination
in-examination decision-proposed decision-proposed:*
decision-proposed:grant decision-returned in-examination
decision-proposed:refuse decision-returned in-examination
decision-proposed:terminate decision-returned in-examination
decision-proposed:grant decision-approved granted approval
decision-proposed:grant decided granted direct
decision-proposed:refuse decision-approved refused
decision-proposed:terminate decision-approved terminated
granted document-ordered document-ordered
document-ordered document-produced document-produced
document-produced ready-for-collection ready-for-collection
document-produced sent-by-courier sent-by-courier
ready-for-collection issued issued
sent-by-courier issued issued
issued revocation-proposed revocation-proposed
revocation-proposed revocation-returned issued
revocation-proposed revoked revoked
submitted withdrawn withdrawn
awaiting-visit withdrawn withdrawn visit
accepted withdrawn withdrawn
in-examination withdrawn withdrawn
information-requested withdrawn withdrawn
decision-proposed:grant withdrawn withdrawn
decision-proposed:refuse withdrawn withdrawn
decision-proposed:terminate withdrawn withdrawn
`
  .trim()
  .split('\n')
  .map((line) => line.split(' ') as [string, string, string, Only?]);

const applies = (only: Only | undefined, v: LifecycleVariant) =>
  only === undefined ||
  (only === 'visit' && v.visitRequired) ||
  (only === 'no-visit' && !v.visitRequired) ||
  (only === 'approval' && v.grantNeedsApproval) ||
  (only === 'direct' && !v.grantNeedsApproval);

/** Where `kind` (with `outcome` for a proposal) leads from `from`, per the listing; undefined = forbidden. */
function expectedNext(v: LifecycleVariant, from: string, kind: string, outcome?: DecisionOutcome) {
  const edge = EDGES.find(([f, k, , only]) => f === from && k === kind && applies(only, v));
  if (!edge) return undefined;
  if (edge[2] !== 'decision-proposed:*') return edge[2];
  return outcome ? `decision-proposed:${outcome}` : undefined;
}

const keyOf = (s: CaseState) =>
  s.status === 'decision-proposed' ? `${s.status}:${s.proposedOutcome}` : s.status;

/** Every action the tests try from each position: each kind, proposals with each outcome and none. */
const ATTEMPTS: CaseActionInput[] = KINDS.flatMap<CaseActionInput>((kind) =>
  kind === 'decision-proposed'
    ? [{ kind }, ...OUTCOMES.map((outcome) => ({ kind, outcome }))]
    : [{ kind }],
);

const VARIANTS = [
  { visitRequired: true, grantNeedsApproval: true },
  { visitRequired: true, grantNeedsApproval: false },
  { visitRequired: false, grantNeedsApproval: true },
  { visitRequired: false, grantNeedsApproval: false },
].map((flags) => ({ flags, v: lifecycleFor(flags) }));

/** The positions reachable in a variant according to the listing alone. */
function expectedReachable(v: LifecycleVariant): Set<string> {
  const seen = new Set(['submitted']);
  const queue = ['submitted'];
  for (let from = queue.shift(); from !== undefined; from = queue.shift()) {
    for (const { kind, outcome } of ATTEMPTS) {
      const to = expectedNext(v, from, kind, outcome ?? undefined);
      if (!to || seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

const label = ({ kind, outcome }: CaseActionInput) => (outcome ? `${kind}(${outcome})` : kind);

describe('vocabulary', () => {
  it('has exactly the statuses and action kinds of the shared vocabulary', () => {
    expect([...CASE_STATUSES].sort()).toEqual([...STATUSES].sort());
    expect([...CASE_ACTION_KINDS].sort()).toEqual([...KINDS].sort());
  });

  it('chooses the variant from the visit and grant-approval flags', () => {
    for (const { flags, v } of VARIANTS) expect(v).toMatchObject(flags);
    expect(new Set(VARIANTS.map(({ v }) => v.id)).size).toBe(4);
  });
});

describe.each(VARIANTS)('transition table, $v.id', ({ v }) => {
  it('opens only with `submitted`', () => {
    for (const attempt of ATTEMPTS) {
      const r = deriveStatus(v, [attempt]);
      expect(r.ok, label(attempt)).toBe(attempt.kind === 'submitted');
      if (r.ok) expect(r.status).toBe('submitted');
      else expect(r).toMatchObject({ index: 0, reason: 'not-opened', from: null });
    }
    expect(deriveStatus(v, [])).toMatchObject({ ok: false, index: 0, reason: 'no-actions' });
  });

  it('allows every action exactly when the listing does, from every reachable position', () => {
    const paths = new Map<string, CaseActionInput[]>([['submitted', [{ kind: 'submitted' }]]]);
    const queue = ['submitted'];
    let checked = 0;
    for (let from = queue.shift(); from !== undefined; from = queue.shift()) {
      const path = paths.get(from)!;
      for (const attempt of ATTEMPTS) {
        const want = expectedNext(v, from, attempt.kind, attempt.outcome ?? undefined);
        const r = deriveStatus(v, [...path, attempt]);
        const where = `${from} --${label(attempt)}-->`;
        checked++;
        if (want === undefined) {
          expect(r.ok, `${where} should be refused`).toBe(false);
          if (!r.ok) expect(r.index, where).toBe(path.length);
          continue;
        }
        expect(r.ok, `${where} ${want} should be allowed`).toBe(true);
        if (!r.ok) continue;
        expect(keyOf(r.state), where).toBe(want);
        if (!paths.has(want)) {
          paths.set(want, [...path, attempt]);
          queue.push(want);
        }
      }
    }
    // Reached by following the module == reachable by the listing (no extra, none missing).
    expect(new Set(paths.keys())).toEqual(expectedReachable(v));
    expect(checked).toBe(paths.size * ATTEMPTS.length);
  });

  it('lists the allowed actions of every status as the listing does', () => {
    for (const status of STATUSES) {
      const outcomes = status === 'decision-proposed' ? OUTCOMES : [undefined];
      const union = new Set<string>();
      for (const outcome of outcomes) {
        const from = outcome ? `${status}:${outcome}` : status;
        const want = KINDS.filter((k) =>
          EDGES.some(([f, kind, , only]) => f === from && kind === k && applies(only, v)),
        );
        want.forEach((k) => union.add(k));
        expect(allowedActions(v, status, outcome), from).toEqual(want);
      }
      expect(new Set(allowedActions(v, status)), status).toEqual(union);
    }
  });

  it('allows nothing after a terminal status except proposing to revoke an issued permit', () => {
    for (const status of STATUSES.filter(isTerminal)) {
      expect(allowedActions(v, status)).toEqual(status === 'issued' ? ['revocation-proposed'] : []);
    }
  });
});

const withVisitApproval = lifecycleFor({ visitRequired: true, grantNeedsApproval: true });
const noVisitDirect = lifecycleFor({ visitRequired: false, grantNeedsApproval: false });
const acts = (...kinds: (CaseActionInput['kind'] | CaseActionInput)[]) =>
  kinds.map((k) => (typeof k === 'string' ? { kind: k } : k));

describe('example paths', () => {
  const toExamination = acts('submitted', 'visit-required', 'accepted', 'examination-started');

  it('grants with a visit, produces, sends by courier and issues', () => {
    const path = acts(
      ...toExamination,
      'information-requested',
      'information-received',
      { kind: 'decision-proposed', outcome: 'grant' },
      'decision-approved',
      'document-ordered',
      'document-produced',
      'sent-by-courier',
      'issued',
    );
    const r = deriveStatus(withVisitApproval, path);
    expect(r).toMatchObject({ ok: true, status: 'issued' });
  });

  it('refuses with approval, after a proposal was sent back once', () => {
    const path = acts(
      ...toExamination,
      { kind: 'decision-proposed', outcome: 'refuse' },
      'decision-returned',
      { kind: 'decision-proposed', outcome: 'refuse' },
      { kind: 'decision-approved', outcome: 'refuse' },
    );
    expect(deriveStatus(withVisitApproval, path)).toMatchObject({ ok: true, status: 'refused' });
    // `decided` cannot stand in for the second officer on a refusal, even where grants are direct.
    const direct = acts('submitted', 'accepted', 'examination-started', {
      kind: 'decision-proposed',
      outcome: 'refuse',
    });
    expect(deriveStatus(noVisitDirect, [...direct, { kind: 'decided' }])).toMatchObject({
      ok: false,
      index: 4,
      reason: 'outcome-not-allowed',
    });
  });

  it('decides a grant directly only where the service needs no approval', () => {
    const path = acts('submitted', 'accepted', 'examination-started', {
      kind: 'decision-proposed',
      outcome: 'grant',
    });
    expect(deriveStatus(noVisitDirect, acts(...path, 'decided'))).toMatchObject({
      status: 'granted',
    });
    const needsApproval = lifecycleFor({ visitRequired: false, grantNeedsApproval: true });
    expect(deriveStatus(needsApproval, acts(...path, 'decided'))).toMatchObject({
      ok: false,
      reason: 'transition-forbidden',
      from: 'decision-proposed',
    });
  });

  it('allows withdrawal before the decision and refuses it after', () => {
    const proposed = acts(...toExamination, { kind: 'decision-proposed', outcome: 'grant' });
    expect(deriveStatus(withVisitApproval, acts(...proposed, 'withdrawn'))).toMatchObject({
      status: 'withdrawn',
    });
    const after = acts(...proposed, 'decision-approved', 'withdrawn');
    expect(deriveStatus(withVisitApproval, after)).toMatchObject({
      ok: false,
      index: after.length - 1,
      reason: 'transition-forbidden',
      from: 'granted',
      action: 'withdrawn',
    });
  });

  it('revokes only an issued permit', () => {
    const granted = acts(
      ...toExamination,
      { kind: 'decision-proposed', outcome: 'grant' },
      'decision-approved',
    );
    expect(deriveStatus(withVisitApproval, acts(...granted, 'revoked'))).toMatchObject({
      ok: false,
      from: 'granted',
    });
    const issued = acts(
      ...granted,
      'document-ordered',
      'document-produced',
      'ready-for-collection',
      'issued',
    );
    // Never at once: a revocation is proposed first, then approved (four eyes) or sent back.
    expect(deriveStatus(withVisitApproval, acts(...issued, 'revoked'))).toMatchObject({
      ok: false,
      from: 'issued',
    });
    const proposed = acts(...issued, 'revocation-proposed');
    expect(deriveStatus(withVisitApproval, acts(...proposed, 'revoked'))).toMatchObject({
      ok: true,
      status: 'revoked',
    });
    expect(deriveStatus(withVisitApproval, acts(...proposed, 'revocation-returned'))).toMatchObject(
      { ok: true, status: 'issued' },
    );
  });

  it('needs an outcome on a proposal and refuses approving another one', () => {
    expect(
      deriveStatus(withVisitApproval, acts(...toExamination, 'decision-proposed')),
    ).toMatchObject({
      ok: false,
      index: 4,
      reason: 'outcome-missing',
    });
    const state: CaseState = { status: 'decision-proposed', proposedOutcome: 'refuse' };
    expect(
      applyAction(withVisitApproval, state, { kind: 'decision-approved', outcome: 'grant' }),
    ).toMatchObject({ ok: false, reason: 'outcome-mismatch' });
  });
});

describe('status predicates', () => {
  it('suspends the legal term only while information is requested', () => {
    expect(STATUSES.filter(isSuspended)).toEqual(['information-requested']);
  });
  it('knows the terminal and decided statuses', () => {
    expect(STATUSES.filter(isTerminal).sort()).toEqual(
      ['issued', 'refused', 'revoked', 'terminated', 'withdrawn'].sort(),
    );
    expect(STATUSES.filter(isDecided)).toEqual([
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
    ]);
    // Withdrawal is possible exactly before a decision (and not from a closed case).
    for (const status of STATUSES) {
      const canWithdraw = allowedActions(withVisitApproval, status).includes('withdrawn');
      expect(canWithdraw, status).toBe(!isDecided(status) && !isTerminal(status));
    }
  });
});
