/**
 * The prepared grant, confirmed in two clicks: the case page links to it (one), the officer reads
 * the pre-filled letter and presses "Grant" (two). The grant itself is the decisions service's
 * ordinary proposal, so four eyes, letters and notices apply exactly as when typed by hand.
 */
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import { processingErrors } from './errors';
import type { ProcessingRepository, ProposalRow } from './processing.repository';

/** Actions after which a prepared grant still holds: they add no fact about the applicant. */
const HARMLESS = ['accepted', 'examination-started', 'visit-required'];
/** Where a grant can be proposed from (examination-started is recorded first when accepted). */
const GRANTABLE = ['accepted', 'in-examination'];

export type Staleness = 'superseded' | 'used' | 'changed' | 'not-accepted' | 'decided' | null;

export interface PreparedGrantPorts {
  /** The case if `p` may open it (branch isolation), with its status; CASE_NOT_FOUND otherwise. */
  openable(caseId: string, p: Principal): Promise<{ id: string; status: string }>;
  actionsOf(caseId: string): Promise<{ seq: number; kind: string }[]>;
  /** Records examination-started for the officer (the lifecycle checks it). */
  startExamination(caseId: string, p: Principal): Promise<void>;
  /** The decisions service's proposal; a grant not sent for approval is decided at once. */
  propose(
    caseId: string,
    p: Principal,
    input: { outcome: 'grant'; grounds: string[]; reasons: string },
  ): Promise<{ decided: boolean }>;
}

export interface PreparedGrantDeps {
  db: Db;
  clock: Clock;
  audit: AuditModule;
  repo: ProcessingRepository;
  ports: PreparedGrantPorts;
}

/** Whether a proposal still stands for the case as it is now (null: it does). */
export function stalenessOf(
  proposal: Pick<ProposalRow, 'state' | 'action_seq'>,
  status: string,
  actions: readonly { seq: number; kind: string }[],
): Staleness {
  if (proposal.state === 'used') return 'used';
  if (proposal.state === 'superseded') return 'superseded';
  if (actions.some((a) => a.seq > proposal.action_seq && !HARMLESS.includes(a.kind)))
    return 'changed';
  if (['submitted', 'awaiting-visit'].includes(status)) return 'not-accepted';
  if (!GRANTABLE.includes(status)) return 'decided';
  return null;
}

export function createPreparedGrants(d: PreparedGrantDeps) {
  async function current(caseId: string, p: Principal) {
    const row = await d.ports.openable(caseId, p);
    const proposal = await d.repo.latestProposal(caseId);
    if (!proposal) throw processingErrors.noProposal();
    const actions = await d.ports.actionsOf(caseId);
    return { row, proposal, stale: stalenessOf(proposal, row.status, actions) };
  }

  return {
    /** The latest prepared grant of a case and whether it still stands; the read is audited. */
    async view(caseId: string, p: Principal) {
      const found = await current(caseId, p);
      await d.audit.recordRead({
        actor: p,
        subject: { kind: 'case', id: caseId },
        purpose: 'examination',
        fields: ['prepared-grant'],
      });
      return found;
    },

    /**
     * Grants from the prepared proposal with the (possibly edited) reasons. A stale proposal is
     * refused as a value: the page shows the case as it is now.
     */
    async grant(
      caseId: string,
      p: Principal,
      reasons: string,
    ): Promise<{ ok: true; decided: boolean } | { ok: false; stale: Exclude<Staleness, null> }> {
      const { row, proposal, stale } = await current(caseId, p);
      if (stale) return { ok: false, stale };
      if (row.status === 'accepted') await d.ports.startExamination(caseId, p);
      const result = await d.ports.propose(caseId, p, {
        outcome: 'grant',
        grounds: proposal.grounds,
        reasons,
      });
      const by = p.kind === 'staff' ? p.accountId : 'unknown';
      await d.db.transaction().execute(async (trx) => {
        await d.repo.settle(caseId, 'used', by, d.clock.now(), trx);
        await d.audit.record(
          {
            actor: p,
            action: 'processing.prepared-grant-used',
            subject: { kind: 'case', id: caseId },
            details: { proposalId: proposal.id, edited: reasons.trim() !== proposal.reasons },
          },
          trx,
        );
      });
      return { ok: true, decided: result.decided };
    },
  };
}

export type PreparedGrants = ReturnType<typeof createPreparedGrants>;
