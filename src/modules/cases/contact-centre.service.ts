import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import { localDate } from '../catalogue';
import { isDecided, type CaseActionKind } from './cases.lifecycle';
import type { CasesRepository } from './cases.repository';
import {
  isIsoDay,
  nameKey,
  normaliseDocumentNumber,
  normaliseReference,
  type SearchKeyKind,
} from './contact-centre.keys';
import {
  createContactCentreRepository,
  type ContactCentreCase,
  type ContactLogRow,
} from './contact-centre.repository';
import { casesErrors } from './errors';

/**
 * Who uses the contact centre: its agents and team leads. Not administrators (they manage
 * accounts and need no applicant's data) and not officers (they reach cases through their
 * branch's queue; the search spans every branch, a wider power than examination needs).
 */
export const CONTACT_CENTRE_ROLES = ['call-centre', 'team-lead'] as const;
export const MAX_RESULTS = 20;
export const SUMMARY_MAX = 2000;
export const CONTACT_CHANNELS = ['phone', 'email', 'visit'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
const PURPOSE = 'call-centre-enquiry';

export type ContactCentreQuery =
  { reference: string } | { name: string; birthDate: string } | { documentNumber: string };

/** A search result or the head of an application page: never notes or officers' details. */
export interface ContactCentreResult extends ContactCentreCase {
  /** Calendar days to the deadline (negative: overdue); null without a deadline. */
  daysLeft: number | null;
  /** The term has ended: decided or withdrawn (no deadline is kept then). */
  termEnded: boolean;
}

export const mayUseContactCentre = (p: Principal) =>
  p.kind === 'staff' && p.mfaPassed && CONTACT_CENTRE_ROLES.some((r) => p.roles.includes(r));

const staffId = (p: Principal) => (p.kind === 'staff' ? p.accountId : '');

export function createContactCentreService(d: {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  cases: CasesRepository;
}) {
  const repo = createContactCentreRepository(d.db);
  const withDays = (c: ContactCentreCase): ContactCentreResult => {
    const today = Date.parse(`${localDate(d.clock.now())}T00:00:00Z`);
    const daysLeft =
      c.deadlineOn === null
        ? null
        : Math.round((Date.parse(`${c.deadlineOn}T00:00:00Z`) - today) / 86_400_000);
    return { ...c, daysLeft, termEnded: isDecided(c.status) || c.status === 'withdrawn' };
  };

  /** The one key a query looks up; undefined when the query is incomplete. */
  function keyOf(query: ContactCentreQuery): { kind: SearchKeyKind; key: string } | undefined {
    if ('reference' in query) {
      const key = normaliseReference(query.reference);
      return key ? { kind: 'reference', key } : undefined;
    }
    if ('documentNumber' in query) {
      const key = normaliseDocumentNumber(query.documentNumber);
      return key ? { kind: 'document', key } : undefined;
    }
    const key = nameKey(query.birthDate, query.name);
    return isIsoDay(query.birthDate) && !key.endsWith('|') ? { kind: 'name', key } : undefined;
  }

  /** The case behind a reference, for contact centre staff only (anyone else: not found). */
  async function byReference(reference: string, p: Principal) {
    if (!mayUseContactCentre(p)) throw casesErrors.notFound();
    const found = await repo.byReference(normaliseReference(reference));
    if (!found) throw casesErrors.notFound();
    return found;
  }

  async function logEntry(
    c: ContactCentreCase,
    p: Principal,
    entry: Pick<ContactLogRow, 'kind' | 'channel' | 'summary'>,
    then?: (row: ContactLogRow, trx: AnyTransaction) => Promise<void>,
  ): Promise<ContactLogRow> {
    const row: ContactLogRow = {
      id: d.ids.uuid(),
      case_id: c.caseId,
      at: d.clock.now(),
      staff_account_id: staffId(p),
      ...entry,
    };
    await d.db.transaction().execute(async (trx) => {
      await repo.insertEntry(row, trx);
      await then?.(row, trx);
      await d.audit.record(
        {
          actor: p,
          action: entry.kind === 'message' ? 'cases.message-sent' : 'cases.contact-logged',
          subject: { kind: 'case', id: c.caseId },
          purpose: PURPOSE,
          details: { entryId: row.id, channel: entry.channel },
        },
        trx,
      );
    });
    return row;
  }

  return {
    repo,
    /**
     * Finds cases by exact reference, name with date of birth, or document number: at most 20,
     * newest first, with status and deadline only. Every search is audited with its purpose and
     * the cases it showed (not what was typed: the log should not collect names it need not).
     */
    async search(query: ContactCentreQuery, p: Principal): Promise<ContactCentreResult[]> {
      if (!mayUseContactCentre(p))
        throw new AppError('FORBIDDEN', 'forbidden', 'The contact centre is for its staff');
      const k = keyOf(query);
      const found = k ? await repo.find(k.kind, k.key, MAX_RESULTS) : [];
      await d.audit.record({
        actor: p,
        action: 'personal-data.read',
        subject: { kind: 'case-search', id: k?.kind ?? 'empty' },
        purpose: PURPOSE,
        details: {
          fields: ['reference', 'service', 'status', 'deadline'],
          cases: found.map((c) => c.caseId),
        },
      });
      return found.map(withDays);
    },

    /** An application's status, deadline, timeline (kinds and dates only) and contact log. */
    async view(reference: string, p: Principal) {
      const c = await byReference(reference, p);
      const actions = await d.cases.actions(c.caseId);
      const log = await repo.entries(c.caseId);
      await d.audit.recordRead({
        actor: p,
        subject: { kind: 'case', id: c.caseId },
        purpose: PURPOSE,
        fields: ['reference', 'service', 'status', 'deadline', 'timeline', 'contact-log'],
      });
      return {
        case: withDays(c),
        timeline: actions.map((a) => ({ kind: a.kind as CaseActionKind, at: a.at })),
        log,
      };
    },

    byReference,
    /** Logs an enquiry (phone, e-mail, visit) about a case. */
    logContact: (c: ContactCentreCase, p: Principal, channel: ContactChannel, summary: string) =>
      logEntry(c, p, { kind: 'contact', channel, summary }),
    /** Stores a message to the applicant; `then` enqueues its e-mail in the same transaction. */
    logMessage: (
      c: ContactCentreCase,
      p: Principal,
      text: string,
      then: (row: ContactLogRow, trx: AnyTransaction) => Promise<void>,
    ) => logEntry(c, p, { kind: 'message', channel: 'email', summary: text }, then),
  };
}

export type ContactCentreService = ReturnType<typeof createContactCentreService>;
