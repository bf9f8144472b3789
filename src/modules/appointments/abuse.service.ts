/**
 * Unusual booking patterns, reported to administrators (issue 5: "no bot wars"). The booking
 * endpoints record signals (who, from which source, what); a job looks at recent signals and
 * opens a report when many accounts book from one source, or one account books and cancels again
 * and again. A report is for a person to look at, never an automatic block: offices, families
 * and mobile networks share addresses.
 */
import { createHmac } from 'node:crypto';
import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import { addressKey } from '../../platform/http';
import type {
  AbuseKind,
  AbuseRepository,
  AbuseReportRow,
  BookingAction,
  Finding,
} from './abuse.repository';

/** What a booking endpoint saw. The address is hashed (keyed) before it is stored. */
export interface BookingSignal {
  accountId: string | null;
  /** The client address (`req.ip`). */
  address: string | null;
  action: BookingAction;
}

export interface AbuseSettings {
  /** Distinct accounts booking from one source within 24 hours that make a report. */
  accountsPerSourcePerDay: number;
  /** Cancellations by one account within 7 days that make a report. */
  cancelCyclesPerWeek: number;
}

export const SOURCE_WINDOW_HOURS = 24;
export const CYCLE_WINDOW_HOURS = 7 * 24;
/** Signals are kept a little longer than the longest window, then deleted (minimisation). */
export const SIGNAL_RETENTION_DAYS = 30;
/** The reports page shows at most this many open reports (newest first). */
export const OPEN_REPORTS_SHOWN = 100;

const HOUR_MS = 3_600_000;

export interface AbuseDeps {
  repo: AbuseRepository;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  settings: AbuseSettings;
}

export function createAbuseService(d: AbuseDeps) {
  const { repo, clock } = d;
  // The key never changes after the migration made it: read once per process.
  let key: Promise<string> | undefined;
  const signalKey = () => {
    key ??= repo.signalKey().catch((e: unknown) => {
      key = undefined;
      throw e;
    });
    return key;
  };

  /**
   * The keyed hash of a client address (of its /64 for IPv6): the same client gives the same
   * source everywhere.
   */
  async function sourceOf(address: string): Promise<string> {
    return createHmac('sha256', await signalKey())
      .update(addressKey(address))
      .digest('hex')
      .slice(0, 32);
  }

  /** Records one signal; pass the booking's transaction to commit it with the booking. */
  async function record(s: BookingSignal, trx?: AnyTransaction): Promise<void> {
    if (!s.accountId && !s.address) return;
    await repo.insertSignal(
      {
        at: clock.now(),
        account_id: s.accountId,
        source: s.address ? await sourceOf(s.address) : null,
        action: s.action,
      },
      trx,
    );
  }

  /** Opens a report for each finding without an open one; brings open ones up to date. */
  async function report(kind: AbuseKind, windowHours: number, findings: Finding[]) {
    let opened = 0;
    for (const f of findings) {
      if (f.open_id) {
        await repo.refreshReport(f.open_id, f);
        continue;
      }
      const row: AbuseReportRow = {
        id: d.ids.uuid(),
        kind,
        subject: f.subject,
        window_hours: windowHours,
        count: f.count,
        first_seen_at: f.first_seen_at,
        last_seen_at: f.last_seen_at,
        details: f.details,
        state: 'open',
        opened_at: clock.now(),
        acknowledged_by: null,
        acknowledged_at: null,
      };
      await repo.db.transaction().execute(async (trx) => {
        // Another worker may have opened it meanwhile: the unique index keeps one, audited once.
        if (!(await repo.openReport(row, trx))) return;
        opened += 1;
        await d.audit.record(
          {
            actor: { kind: 'system' },
            action: 'appointments.abuse-reported',
            subject: { kind: 'booking-report', id: row.id },
            details: { kind, subject: f.subject, count: f.count, windowHours },
          },
          trx,
        );
      });
    }
    return opened;
  }

  return {
    record,
    /**
     * Records what an applicant's request did (the pages pass `req`): their account and address.
     * Requests of staff or partners are not signals (they act for many people by design).
     */
    recordRequest: (
      req: { principal: Principal; ip: string },
      action: BookingAction,
      trx?: AnyTransaction,
    ) =>
      req.principal.kind === 'applicant'
        ? record({ accountId: req.principal.accountId, address: req.ip || null, action }, trx)
        : Promise.resolve(),
    sourceOf,

    /**
     * Looks at the signals up to `now` and opens reports (job `appointments.detect-abuse`).
     * Idempotent: a subject has at most one open report; after it is acknowledged, only later
     * signals can open another. Also deletes signals past their retention.
     */
    async detect(now: Date = clock.now()) {
      const since = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
      const sources = await repo.sourcesWithManyAccounts(
        since(SOURCE_WINDOW_HOURS),
        now,
        d.settings.accountsPerSourcePerDay,
      );
      const cycles = await repo.accountsWithCancelCycles(
        since(CYCLE_WINDOW_HOURS),
        now,
        d.settings.cancelCyclesPerWeek,
      );
      const opened =
        (await report('many-accounts-one-source', SOURCE_WINDOW_HOURS, sources)) +
        (await report('booking-cancel-cycles', CYCLE_WINDOW_HOURS, cycles));
      const deleted = await repo.deleteSignalsBefore(since(SIGNAL_RETENTION_DAYS * 24));
      return { opened, deleted };
    },

    /** Open reports, newest first, for an administrator (the page records the read). */
    openReports: () => repo.openReports(OPEN_REPORTS_SHOWN),
    /** How many reports are open (the workbench home of administrators). */
    openCount: () => repo.countOpen(),

    /**
     * An administrator has seen a report. Acknowledging one already acknowledged (two
     * administrators at once) is `already`, not an error.
     */
    async acknowledge(id: string, p: Principal): Promise<'acknowledged' | 'already' | 'not-found'> {
      if (p.kind !== 'staff') return 'not-found';
      return repo.db.transaction().execute(async (trx) => {
        const row = await repo.acknowledge(id, p.accountId, clock.now(), trx);
        if (!row) return (await repo.report(id, trx)) ? 'already' : 'not-found';
        await d.audit.record(
          {
            actor: p,
            action: 'appointments.abuse-acknowledged',
            subject: { kind: 'booking-report', id },
            details: { kind: row.kind, subject: row.subject },
          },
          trx,
        );
        return 'acknowledged';
      });
    },
  };
}

export type AbuseService = ReturnType<typeof createAbuseService>;
