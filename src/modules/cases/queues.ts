/**
 * The officers' queues (issue 4): which cases a member of staff sees, in deadline order, one page
 * at a time; taking the next case; a team lead's assignment; internal notes; the simple lifecycle
 * actions of the workbench. Every rule about who may open a case is `mayOpenCase`.
 */
import { z } from 'zod';
import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import { localDate } from '../catalogue';
import { CASE_STATUSES, isTerminal, type CaseActionKind } from './cases.lifecycle';
import type { CaseRow } from './cases.repository';
import type { CasesService } from './cases.service';
import { casesErrors } from './errors';
import {
  createQueuesRepository,
  type CaseNoteRow,
  type DeadlineState,
  type QueueCursor,
  type QueueRow,
  type TriageTier,
} from './queues.repository';

export const QUEUE_PAGE_SIZE = 25;
export const DEADLINE_STATES = ['on-track', 'near', 'overdue'] as const;
/** What the workbench may record with one button; the rest have pages of their own. */
export const SIMPLE_ACTIONS = [
  'visit-required',
  'accepted',
  'examination-started',
  'withdrawn',
] as const satisfies readonly CaseActionKind[];
export type SimpleAction = (typeof SIMPLE_ACTIONS)[number];
export const NOTE_MAX_LENGTH = 4000;

const CLOSED = CASE_STATUSES.filter(isTerminal);

export interface QueueQuery {
  serviceId?: string | undefined;
  status?: (typeof CASE_STATUSES)[number] | undefined;
  urgency?: string | undefined;
  deadline?: DeadlineState | undefined;
  /** mine: assigned to me; unassigned: nobody's yet. */
  who?: 'mine' | 'unassigned' | undefined;
  /** The triage tier (routing, issue 8). */
  tier?: TriageTier | undefined;
  after?: string | undefined;
}

const Cursor = z.object({ d: z.string().nullable(), o: z.string(), i: z.uuid() });
const encode = (r: QueueRow): string =>
  Buffer.from(JSON.stringify({ d: r.deadline_on, o: r.opened_at.toISOString(), i: r.id })).toString(
    'base64url',
  );
/** A cursor from the address bar; a damaged one starts from the first page. */
function decode(s: string | undefined): QueueCursor | null {
  if (!s) return null;
  try {
    const c = Cursor.parse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    return { deadline: c.d, openedAt: c.o, id: c.i };
  } catch {
    return null;
  }
}

export interface QueuesDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  cases: CasesService;
}

const staffOf = (p: Principal) => {
  if (p.kind !== 'staff' || !p.mfaPassed) throw casesErrors.notFound();
  return p;
};

export function createQueues(d: QueuesDeps) {
  const repo = createQueuesRepository(d.db);
  const today = () => localDate(d.clock.now());
  /** The branch rule of mayOpenCase as a filter: no branch = every branch. */
  const scope = (p: Principal) => {
    const s = staffOf(p);
    return { branchId: s.branchId ?? undefined, closed: CLOSED, today: today() };
  };

  async function assignInTrx(
    row: Pick<CaseRow, 'id' | 'assigned_to'>,
    to: { accountId: string; branchId: string | null },
    by: Principal,
    how: 'take-next' | 'team-lead',
    trx: Parameters<typeof repo.assign>[2],
  ) {
    await repo.assign(row.id, { ...to, at: d.clock.now() }, trx);
    await d.audit.record(
      {
        actor: by,
        action: 'cases.assigned',
        subject: { kind: 'case', id: row.id },
        details: { to: to.accountId, from: row.assigned_to, how },
      },
      trx,
    );
  }

  return {
    /** A page of the cases `p` may open, filtered and in deadline order, with the counters. */
    async queue(p: Principal, query: QueueQuery) {
      const s = staffOf(p);
      const filter = {
        ...scope(p),
        serviceId: query.serviceId,
        status: query.status,
        urgency: query.urgency,
        deadline: query.deadline,
        assignedTo: query.who === 'mine' ? s.accountId : undefined,
        unassigned: query.who === 'unassigned',
        tier: query.tier,
      };
      const rows = await repo.page(filter, decode(query.after), QUEUE_PAGE_SIZE + 1);
      const more = rows.length > QUEUE_PAGE_SIZE;
      const shown = rows.slice(0, QUEUE_PAGE_SIZE);
      return {
        rows: shown,
        next: more ? encode(shown[shown.length - 1]!) : null,
        counters: await repo.counters(filter),
        today: filter.today,
      };
    },

    /**
     * Assigns `p` the most urgent unassigned open case they may open and returns its id (null
     * when there is none). The row lock skips cases another officer is taking at the same moment.
     */
    async takeNext(p: Principal): Promise<string | null> {
      const s = staffOf(p);
      return d.db.transaction().execute(async (trx) => {
        const id = await repo.lockNextUnassigned(scope(p), trx);
        if (!id) return null;
        await assignInTrx(
          { id, assigned_to: null },
          { accountId: s.accountId, branchId: s.branchId },
          p,
          'take-next',
          trx,
        );
        return id;
      });
    },

    /** A team lead assigns (or reassigns) a case they may open to an officer (checked by the caller). */
    async assign(
      caseId: string,
      officer: { accountId: string; branchId: string | null },
      p: Principal,
    ) {
      const row = await d.cases.openable(caseId, p);
      if (isTerminal(row.status))
        throw casesErrors.actionNotAllowed({
          reason: 'transition-forbidden',
          from: row.status,
          action: null,
        });
      await d.db.transaction().execute((trx) => assignInTrx(row, officer, p, 'team-lead', trx));
    },

    /** Of the candidates, the officer with the fewest open cases (ties: the first given). */
    async leastLoadedOfficer(candidates: readonly string[]): Promise<string | null> {
      const load = await repo.openLoad(candidates, CLOSED);
      let best: string | null = null;
      for (const c of candidates) {
        if (best === null || (load.get(c) ?? 0) < (load.get(best) ?? 0)) best = c;
      }
      return best;
    },

    /**
     * Routing (issue 8): keeps the tier of the latest triage run on the case, in the run's
     * transaction, for the queue's filter and tag. It orders work only; it records no action.
     */
    async setRouting(caseId: string, routing: { tier: TriageTier }, trx: AnyTransaction) {
      await repo.setTier(caseId, routing.tier, trx);
    },

    /** Records one of the simple actions, if the case's lifecycle allows it now; audited. */
    async act(caseId: string, kind: SimpleAction, p: Principal): Promise<void> {
      const s = staffOf(p);
      await d.cases.openable(caseId, p);
      await d.db.transaction().execute(async (trx) => {
        await d.cases.recordAction(
          caseId,
          { kind, actor_kind: 'staff', actor_id: s.accountId },
          trx,
        );
        await d.audit.record(
          { actor: p, action: `cases.${kind}`, subject: { kind: 'case', id: caseId } },
          trx,
        );
      });
    },

    /** Adds an internal note (staff only; never shown to the applicant); audited. */
    async addNote(caseId: string, body: string, p: Principal): Promise<void> {
      const s = staffOf(p);
      await d.cases.openable(caseId, p);
      const note: CaseNoteRow = {
        id: d.ids.uuid(),
        case_id: caseId,
        at: d.clock.now(),
        author_id: s.accountId,
        body,
      };
      await d.db.transaction().execute(async (trx) => {
        await repo.insertNote(note, trx);
        await d.audit.record(
          { actor: p, action: 'cases.note-added', subject: { kind: 'case', id: caseId } },
          trx,
        );
      });
    },

    /** The internal notes of a case `p` may open, oldest first; the read is audited. */
    async notesOf(caseId: string, p: Principal): Promise<CaseNoteRow[]> {
      await d.cases.openable(caseId, p);
      const notes = await repo.notes(caseId);
      await d.audit.recordRead({
        actor: p,
        subject: { kind: 'case', id: caseId },
        purpose: 'examination',
        fields: ['notes'],
      });
      return notes;
    },
  };
}

export type Queues = ReturnType<typeof createQueues>;
