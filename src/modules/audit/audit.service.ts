import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import type { Principal } from '../../platform/http';
import { GENESIS_HASH, verifyRun, type ChainBreak } from './audit.chain';
import { createChainer, type AuditTables } from './audit.chainer';

export interface AuditEntry {
  actor: Principal | { kind: 'system' | 'partner'; id?: string };
  action: string;
  subject?: { kind: string; id: string };
  purpose?: string;
  ip?: string;
  details?: Record<string, unknown>;
}

export interface PersonalDataRead {
  /** A person, or the system itself (a check or job acting on a record). */
  actor: AuditEntry['actor'];
  /** What was read: the kind of record and its id. */
  subject: { kind: string; id: string };
  /** Why: the purpose the law allows, e.g. "examination", "own-account", "call-centre-enquiry". */
  purpose: string;
  /** Which fields or sections were shown. */
  fields?: string[];
  ip?: string;
}

export interface VerifyReport {
  ok: boolean;
  rows: number;
  break?: ChainBreak;
}

function actorOf(a: AuditEntry['actor']): { kind: string; id: string | null } {
  if ('accountId' in a) return { kind: a.kind, id: a.accountId };
  if ('partnerId' in a) return { kind: a.kind, id: a.partnerId };
  if (a.kind === 'system' || a.kind === 'partner')
    return { kind: a.kind, id: 'id' in a ? (a.id ?? null) : null };
  return { kind: a.kind, id: null };
}

export function createAuditService(deps: { db: Db; clock: Clock; onError?: (e: unknown) => void }) {
  const ipHash = (ip?: string) =>
    ip ? createHash('sha256').update(`vartai-audit:${ip}`).digest('hex').slice(0, 32) : null;

  const chainer = createChainer({
    db: deps.db,
    ...(deps.onError ? { onError: deps.onError } : {}),
  });

  /** The entry as a pending row: linked into the chain by the chainer once it has committed. */
  async function insertPending(q: Kysely<AuditTables>, e: AuditEntry): Promise<void> {
    const actor = actorOf(e.actor);
    await q
      .insertInto('audit_pending')
      .values({
        at: deps.clock.now(),
        actor_kind: actor.kind,
        actor_id: actor.id,
        action: e.action,
        subject_kind: e.subject?.kind ?? null,
        subject_id: e.subject?.id ?? null,
        purpose: e.purpose ?? null,
        ip_hash: ipHash(e.ip),
        details: JSON.stringify(e.details ?? {}) as never,
      } as never)
      .execute();
    chainer.nudge();
  }

  async function record(e: AuditEntry, trx?: AnyTransaction): Promise<void> {
    await insertPending((trx ?? deps.db).withTables<AuditTables>(), e);
  }

  return {
    /**
     * Appends an entry. Pass the caller's transaction so the entry commits with the change it
     * describes; without one, it is written on its own. It is linked into the hash chain within
     * about a second of committing (ADR 0007).
     */
    record,

    /** Links every committed entry into the chain now (before reading the chain). */
    flush: () => chainer.flush(),

    /** Links what is left and stops (app shutdown). */
    drain: () => chainer.drain(),

    /** Records a read of personal data: who, what, why (ASVS V7/V8, GDPR art. 30). */
    async recordRead(r: PersonalDataRead, trx?: AnyTransaction): Promise<void> {
      return record(
        {
          actor: r.actor,
          action: 'personal-data.read',
          subject: r.subject,
          purpose: r.purpose,
          ...(r.ip ? { ip: r.ip } : {}),
          details: r.fields ? { fields: r.fields } : {},
        },
        trx,
      );
    },

    /** Walks the whole chain in pages; reports the first row whose content or link is wrong. */
    async verify(pageSize = 5000): Promise<VerifyReport> {
      await chainer.flush();
      const db = deps.db.withTables<AuditTables>();
      let cursor = { seq: 0, prevHash: GENESIS_HASH };
      let rows = 0;
      for (;;) {
        const page = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('seq', '>', cursor.seq)
          .orderBy('seq')
          .limit(pageSize)
          .execute();
        if (page.length === 0) return { ok: true, rows };
        const result = verifyRun(page, cursor);
        if (!result.ok) return { ok: false, rows, break: result.break };
        rows += page.length;
        cursor = result.last;
      }
    },

    async entriesFor(subject: { kind: string; id: string }, limit = 100) {
      await chainer.flush();
      return deps.db
        .withTables<AuditTables>()
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_kind', '=', subject.kind)
        .where('subject_id', '=', subject.id)
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
