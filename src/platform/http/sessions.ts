import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock';
import type { AnyTransaction, Db } from '../db';

export interface SessionData {
  csrf: string;
  lang?: string;
  /** Account waiting for its second factor; not yet signed in. */
  mfaAccountId?: string;
  mfaPassed?: boolean;
  flash?: string;
}

export interface Session {
  accountId: string | null;
  data: SessionData;
  createdAt: Date;
}

type SessionsTable = {
  sessions: {
    id_hash: string;
    account_id: string | null;
    data: SessionData;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
  };
};

export interface SessionOptions {
  db: Db;
  clock: Clock;
  secure: boolean;
  idleMinutes: number;
  absoluteHours: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
    /** Returns the session, creating an anonymous one (with a CSRF token) when there is none. */
    ensureSession(): Session;
    /** New id, same data: call on every change of privilege (sign-in, MFA) against fixation. */
    rotateSession(accountId: string | null): Session;
    destroySession(): void;
    sessionState: {
      id: string | null;
      dirty: boolean;
      destroyed: boolean;
      previousHash: string | null;
      /** The data as loaded, to notice changes without every caller having to say so. */
      loaded: string | null;
    };
  }
}

const hash = (id: string) => createHash('sha256').update(id).digest('hex');
const newId = () => randomBytes(32).toString('base64url');
/** Saving `last_seen_at` on every request would be a write per page view; a minute is enough. */
const TOUCH_MS = 60_000;

export function sessionCookieName(secure: boolean): string {
  // __Host- binds the cookie to this exact origin over HTTPS (no Domain, Path=/).
  return secure ? '__Host-vartai_session' : 'vartai_session';
}

export const sessionsPlugin = fp(async (app: FastifyInstance, opts: SessionOptions) => {
  const db = opts.db.withTables<SessionsTable>();
  const cookieName = sessionCookieName(opts.secure);
  const idleMs = opts.idleMinutes * 60_000;
  const absoluteMs = opts.absoluteHours * 3_600_000;

  app.decorateRequest('session', null);
  app.decorateRequest('sessionState', null as never);
  app.decorateRequest('ensureSession', function (this: FastifyRequest) {
    if (!this.session) {
      this.session = { accountId: null, data: { csrf: newId() }, createdAt: opts.clock.now() };
      this.sessionState.id = newId();
      this.sessionState.dirty = true;
    }
    return this.session;
  });
  app.decorateRequest('rotateSession', function (this: FastifyRequest, accountId: string | null) {
    const current = this.ensureSession();
    if (this.sessionState.id && !this.sessionState.previousHash) {
      this.sessionState.previousHash = hash(this.sessionState.id);
    }
    this.session = {
      accountId,
      data: { ...current.data, csrf: newId() },
      createdAt: opts.clock.now(),
    };
    this.sessionState.id = newId();
    this.sessionState.dirty = true;
    return this.session;
  });
  app.decorateRequest('destroySession', function (this: FastifyRequest) {
    this.sessionState.destroyed = true;
  });

  app.addHook('onRequest', async (req) => {
    req.sessionState = {
      id: null,
      dirty: false,
      destroyed: false,
      previousHash: null,
      loaded: null,
    };
    const id = req.cookies[cookieName];
    if (!id || id.length > 100) return;
    const row = await db
      .selectFrom('sessions')
      .selectAll()
      .where('id_hash', '=', hash(id))
      .executeTakeFirst();
    if (!row) return;
    const now = opts.clock.now().getTime();
    if (row.expires_at.getTime() <= now || row.last_seen_at.getTime() + idleMs <= now) {
      // Expired: forget it; a fresh anonymous session starts when one is needed.
      req.sessionState.previousHash = row.id_hash;
      return;
    }
    req.session = { accountId: row.account_id, data: row.data, createdAt: row.created_at };
    req.sessionState.id = id;
    req.sessionState.loaded = JSON.stringify(row.data) + (row.account_id ?? '');
    req.sessionState.dirty = now - row.last_seen_at.getTime() > TOUCH_MS;
  });

  app.addHook('onSend', async (req, reply: FastifyReply, payload) => {
    const st = req.sessionState;
    if (!st) return payload;
    const now = opts.clock.now();
    if (st.previousHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', st.previousHash).execute();
    }
    if (st.destroyed) {
      if (st.id) await db.deleteFrom('sessions').where('id_hash', '=', hash(st.id)).execute();
      reply.clearCookie(cookieName, { path: '/' });
      return payload;
    }
    if (!req.session || !st.id) return payload;
    const changed = JSON.stringify(req.session.data) + (req.session.accountId ?? '') !== st.loaded;
    if (!st.dirty && !changed) return payload;
    const row = {
      id_hash: hash(st.id),
      account_id: req.session.accountId,
      data: JSON.stringify(req.session.data) as unknown as SessionData,
      created_at: req.session.createdAt,
      last_seen_at: now,
      expires_at: new Date(req.session.createdAt.getTime() + absoluteMs),
    };
    await db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) =>
        oc.column('id_hash').doUpdateSet({
          account_id: row.account_id,
          data: row.data,
          last_seen_at: row.last_seen_at,
        }),
      )
      .execute();
    reply.setCookie(cookieName, st.id, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: opts.secure,
      maxAge: Math.floor(absoluteMs / 1000),
    });
    return payload;
  });
});

/**
 * Removes sessions past their absolute expiry or idle for longer than the idle limit, and
 * rate-limit counters whose window ended long ago (run by the periodic `platform.sweep` job).
 */
export async function sweepSessions(dbAny: Db, clock: Clock, idleMinutes: number): Promise<number> {
  const db = dbAny.withTables<
    SessionsTable & { rate_limits: { key: string; window_start: Date } }
  >();
  const now = clock.now();
  const r = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<', now),
        eb('last_seen_at', '<', new Date(now.getTime() - idleMinutes * 60_000)),
      ]),
    )
    .executeTakeFirst();
  await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(now.getTime() - 24 * 3_600_000))
    .execute();
  return Number(r.numDeletedRows);
}

/** Ends every session of an account (password reset), inside the caller's transaction. */
export async function endSessionsOf(trx: AnyTransaction, accountId: string): Promise<void> {
  await trx
    .withTables<SessionsTable>()
    .deleteFrom('sessions')
    .where('account_id', '=', accountId)
    .execute();
}
