import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { JobQueue } from '../../platform/jobs';
import type { AuditEntry, AuditModule } from '../audit';
import {
  addDays,
  answersFromHeld,
  daysBetween,
  dueThreshold,
  isCitizenDocument,
  isValidOn,
  prefilledAnswers,
  renewalOffered,
  vilniusDate,
  type HeldKind,
  type Threshold,
} from './holdings.core';
import type { RenewalApplications } from './holdings.ports';
import type {
  HeldDocumentRow,
  HoldingsRepository,
  LossReportRow,
  RenewalNoticeRow,
} from './holdings.repository';
import { holdingsErrors } from './errors';

export const SEND_EMAIL_JOB = 'holdings.send-email';
export type SendEmailJob =
  | { kind: 'loss-reported'; heldDocumentId: string }
  | { kind: 'renewal-reminder'; heldDocumentId: string; threshold: Threshold };

export interface HoldingsServiceDeps {
  repo: HoldingsRepository;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
  applications: RenewalApplications;
}

export interface LossReportInput {
  what: 'lost' | 'stolen';
  occurredOn: string;
  place: string;
  circumstances: string;
}

export interface HeldDocumentView extends HeldDocumentRow {
  validToday: boolean;
  daysLeft: number;
  renewalOffered: boolean;
  notices: RenewalNoticeRow[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const accountIdOf = (p: Principal) => ('accountId' in p ? p.accountId : null);
const dayAsDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export function createHoldingsService(d: HoldingsServiceDeps) {
  const { repo, clock, ids } = d;
  const today = () => vilniusDate(clock.now());

  /** The document if the principal holds it; anyone else's answers the same as a missing one. */
  async function getOwn(id: string, p: Principal): Promise<HeldDocumentRow> {
    const row = UUID.test(id) ? await repo.find(id) : undefined;
    if (!row || p.kind !== 'applicant' || row.holder_account_id !== p.accountId)
      throw holdingsErrors.notFound();
    return row;
  }

  const view = (row: HeldDocumentRow, notices: RenewalNoticeRow[], day: string) => ({
    ...row,
    validToday: isValidOn(row, day),
    daysLeft: daysBetween(day, row.expires_on),
    renewalOffered: renewalOffered(row, day),
    notices: notices.filter((n) => n.held_document_id === row.id),
  });

  return {
    getOwn,

    /** The documents a person holds, with their reminders; the read is audited. */
    async listForHolder(p: Principal): Promise<HeldDocumentView[]> {
      const accountId = accountIdOf(p);
      if (p.kind !== 'applicant' || !accountId) return [];
      const rows = await repo.listForHolder(accountId);
      await d.audit.recordRead({
        actor: p,
        subject: { kind: 'account', id: accountId },
        purpose: 'own-documents',
        fields: ['held-documents'],
      });
      const notices = await repo.noticesFor(rows.map((r) => r.id));
      const day = today();
      return rows.map((r) => view(r, notices, day));
    },

    /** One document with its loss report, for the report page; the read is audited. */
    async getWithReport(
      id: string,
      p: Principal,
    ): Promise<{ document: HeldDocumentRow; report: LossReportRow | undefined }> {
      const document = await getOwn(id, p);
      await d.audit.recordRead({
        actor: p,
        subject: { kind: 'held-document', id },
        purpose: 'own-documents',
        fields: ['document-number', 'status'],
      });
      return { document, report: await repo.lossReportFor(id) };
    },

    /**
     * Reports a document lost or stolen. It is invalid from this moment, in the same transaction
     * as the report, its audit entry and the confirmation e-mail's job. A second report (double
     * submit, another tab) finds it already invalid and changes nothing.
     */
    async reportLoss(
      id: string,
      p: Principal,
      input: LossReportInput,
    ): Promise<{ outcome: 'reported' | 'already-reported'; document: HeldDocumentRow }> {
      await getOwn(id, p);
      return repo.db.transaction().execute(async (trx) => {
        const row = await repo.lock(id, trx);
        if (!row) throw holdingsErrors.notFound();
        if (row.status !== 'valid') return { outcome: 'already-reported' as const, document: row };
        const now = clock.now();
        const status = input.what === 'lost' ? 'reported-lost' : 'reported-stolen';
        await repo.invalidate(id, status, now, trx);
        const reportId = ids.uuid();
        await repo.insertLossReport(
          {
            id: reportId,
            held_document_id: id,
            what: input.what,
            occurred_on: input.occurredOn,
            place: input.place,
            circumstances: input.circumstances,
            reported_at: now,
            reported_by_kind: p.kind,
            reported_by_id: accountIdOf(p),
          },
          trx,
        );
        await d.audit.record(
          {
            actor: p,
            action: 'holdings.loss-reported',
            subject: { kind: 'held-document', id },
            details: { what: input.what, reportId, kind: row.kind },
          },
          trx,
        );
        await d.jobs.enqueue(
          trx,
          SEND_EMAIL_JOB,
          { kind: 'loss-reported', heldDocumentId: id } satisfies SendEmailJob,
          { singletonKey: `loss-reported:${id}` },
        );
        return {
          outcome: 'reported' as const,
          document: { ...row, status, invalidated_at: now },
        };
      });
    },

    /**
     * Starts the renewal of a held document as a draft pre-filled from what is already known: the
     * application it was issued on and the document itself. A second start returns the same
     * application unless it was withdrawn.
     */
    async startRenewal(id: string, p: Principal): Promise<{ applicationId: string }> {
      const row = await getOwn(id, p);
      if (row.renewal_application_id) {
        const existing = await d.applications.find(row.renewal_application_id, p);
        if (existing && existing.state !== 'withdrawn') return { applicationId: existing.id };
      }
      if (!isValidOn(row, today())) throw holdingsErrors.notRenewable('invalid');
      if (!renewalOffered(row, today())) throw holdingsErrors.notRenewable('too-early');
      const groundId = row.renewal_ground_id ?? '';
      const issuedOn = row.issued_on_application_id
        ? await d.applications.find(row.issued_on_application_id, p)
        : undefined;
      const answers = prefilledAnswers({
        issuedOn: issuedOn?.answers,
        fromDocument: answersFromHeld(row, 'email' in p ? p.email : undefined),
        questionIds: d.applications.questionIds(row.renewal_service_id, groundId),
      });
      return repo.db.transaction().execute(async (trx) => {
        const locked = await repo.lock(id, trx);
        // Another click got here first and its draft is committed: return that one.
        if (
          locked?.renewal_application_id &&
          locked.renewal_application_id !== row.renewal_application_id
        )
          return { applicationId: locked.renewal_application_id };
        const started = await d.applications.startPrefilled(
          {
            serviceId: row.renewal_service_id,
            groundId,
            answers,
            by: p,
            details: {
              prefilledFrom: { heldDocument: id, issuedOnApplication: issuedOn?.id ?? null },
              questions: Object.keys(answers),
            },
          },
          trx,
        );
        await repo.setRenewalApplication(id, started.id, trx);
        await d.audit.record(
          {
            actor: p,
            action: 'holdings.renewal-started',
            subject: { kind: 'held-document', id },
            details: { applicationId: started.id },
          },
          trx,
        );
        return { applicationId: started.id };
      });
    },

    /**
     * The daily reminder run: every valid document that reached 120 or 60 days before expiry and
     * has no reminder for that threshold gets one (recorded, e-mail enqueued, audited, together).
     * Safe to run twice or concurrently: the notice's primary key lets one run win.
     */
    async sendRenewalReminders(): Promise<{ sent: number }> {
      const day = today();
      let sent = 0;
      for (const row of await repo.validExpiringBetween(day, addDays(day, 120))) {
        const threshold = dueThreshold(row, day);
        if (!threshold) continue;
        await repo.db.transaction().execute(async (trx) => {
          const inserted = await repo.insertNotice(
            {
              held_document_id: row.id,
              threshold_days: threshold,
              expires_on: row.expires_on,
              sent_at: clock.now(),
            },
            trx,
          );
          if (!inserted) return;
          await d.jobs.enqueue(
            trx,
            SEND_EMAIL_JOB,
            { kind: 'renewal-reminder', heldDocumentId: row.id, threshold } satisfies SendEmailJob,
            { singletonKey: `renewal-reminder:${row.id}:${threshold}` },
          );
          await d.audit.record(
            {
              actor: { kind: 'system' },
              action: 'holdings.renewal-reminder-sent',
              subject: { kind: 'held-document', id: row.id },
              details: { threshold, expiresOn: row.expires_on },
            },
            trx,
          );
          sent += 1;
        });
      }
      return { sent };
    },

    /** Documents with a reminder and no renewal started yet: they still call for action (account banner). */
    async remindersFor(accountId: string): Promise<HeldDocumentView[]> {
      const rows = await repo.listForHolder(accountId);
      const notices = await repo.noticesFor(rows.map((r) => r.id));
      const day = today();
      return rows
        .map((r) => view(r, notices, day))
        .filter((v) => v.renewalOffered && v.notices.length > 0 && !v.renewal_application_id);
    },

    /**
     * What is on record about a person's identity for a citizen's order without a visit: the
     * latest photo and signature captured for any of their passports and identity cards, and
     * whether one of those is valid on the day asked about. The read is audited: who asked
     * (the person, or the system checking a draft) and why (ordering without a visit, courier).
     */
    async identityOnRecord(
      accountId: string,
      on: Date,
      actor: AuditEntry['actor'],
      purpose: string,
    ): Promise<{
      photoTakenOn: Date | null;
      signatureTakenOn: Date | null;
      hasValidIdentityDocument: boolean;
      holdsAnyIdentityDocument: boolean;
    }> {
      const day = vilniusDate(on);
      const citizen = (await repo.listForHolder(accountId)).filter((r) =>
        isCitizenDocument(r.kind),
      );
      await d.audit.recordRead({
        actor,
        subject: { kind: 'account', id: accountId },
        purpose,
        fields: [
          'photo-taken-on',
          'signature-taken-on',
          'identity-document-validity',
          ...citizen.map((r) => `held-document:${r.id}`),
        ],
      });
      const latest = (pick: (r: HeldDocumentRow) => string | null) =>
        citizen.map(pick).reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null);
      return {
        photoTakenOn: dayAsDate(latest((r) => r.photo_taken_on)),
        signatureTakenOn: dayAsDate(latest((r) => r.signature_taken_on)),
        hasValidIdentityDocument: citizen.some((r) => isValidOn(r, day)),
        holdsAnyIdentityDocument: citizen.length > 0,
      };
    },

    /**
     * Records a document handed over to its holder (cases: document production), in the
     * hand-over's transaction, so the holder sees it under "My documents" and gets its renewal
     * reminders. The identity is the one the card was personalised with.
     */
    async recordIssued(input: IssuedDocumentInput, trx: AnyTransaction): Promise<string> {
      const id = ids.uuid();
      await repo.insert(
        {
          id,
          holder_account_id: input.holderAccountId,
          kind: input.kind,
          document_number: input.documentNumber,
          holder_given_names: input.givenNames,
          holder_surname: input.surname,
          holder_date_of_birth: input.dateOfBirth,
          holder_nationality: input.nationality,
          personal_code: input.personalCode,
          issued_on: vilniusDate(input.issuedAt),
          expires_on: input.expiresOn,
          status: 'valid',
          invalidated_at: null,
          renewal_service_id: input.renewalServiceId,
          renewal_ground_id: input.renewalGroundId,
          issued_on_application_id: input.applicationId,
          renewal_application_id: null,
          photo_taken_on: null,
          signature_taken_on: null,
          created_at: clock.now(),
        },
        trx,
      );
      await d.audit.record(
        {
          actor: { kind: 'system', id: 'cases.production' },
          action: 'holdings.document-issued',
          subject: { kind: 'held-document', id },
          details: { kind: input.kind, applicationId: input.applicationId },
        },
        trx,
      );
      return id;
    },

    /**
     * A permit revoked (cases: an approved revocation), in the revocation's transaction: the
     * documents issued on its application are no longer valid. Returns how many were.
     */
    async recordRevoked(applicationId: string, trx: AnyTransaction): Promise<number> {
      const at = clock.now();
      const held = await repo.validIssuedOn(applicationId, trx);
      for (const { id } of held) {
        await repo.invalidate(id, 'revoked', at, trx);
        await d.audit.record(
          {
            actor: { kind: 'system', id: 'cases.decisions' },
            action: 'holdings.document-revoked',
            subject: { kind: 'held-document', id },
            details: { applicationId },
          },
          trx,
        );
      }
      return held.length;
    },
  };
}

/** A document handed over, as the holdings module records it (see recordIssued). */
export interface IssuedDocumentInput {
  holderAccountId: string;
  kind: HeldKind;
  documentNumber: string;
  givenNames: string;
  surname: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  /** ISO 3166-1 alpha-3 */
  nationality: string;
  personalCode: string | null;
  issuedAt: Date;
  /** YYYY-MM-DD, last day valid */
  expiresOn: string;
  renewalServiceId: string;
  renewalGroundId: string | null;
  applicationId: string;
}

export type HoldingsService = ReturnType<typeof createHoldingsService>;
