/**
 * Share codes (issue 9): a holder makes a code for a purpose; a verifier with the code and the
 * holder's date of birth sees that purpose's facts, and the holder sees every such check.
 * A wrong code and a wrong date of birth answer alike (`no-match`), after the same work, and
 * failures are limited per address and per code, so neither part can be guessed.
 */
import type { Clock, Ids } from '../../platform/clock';
import { isUniqueViolation, type Db } from '../../platform/db';
import { ANONYMOUS, rateLimitHit, rateLimitPeek, type Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import { permitsErrors } from './errors';
import type { PermitsService } from './permits.contract';
import {
  SHARE_PURPOSES,
  type CredentialType,
  type ShareFacts,
  type SharePurpose,
} from './permits.model';
import {
  codeDigest,
  codeHint,
  expiryOf,
  factsFor,
  formatCode,
  generateCode,
  isoDay,
  isShareCodeDays,
  normaliseCode,
  NO_DATE,
  sameDay,
  shareCodeState,
  CODE_FAILURES,
  IP_FAILURES,
  VERIFIER_NAME_MAX,
  type ShareCodeState,
} from './share-codes.core';
import {
  createShareCodesRepository,
  type CheckChannel,
  type CheckOutcome,
} from './share-codes.repository';

export { VERIFIER_NAME_MAX } from './share-codes.core';

export interface ShareCodeSummary {
  id: string;
  purpose: SharePurpose;
  hint: string;
  state: ShareCodeState;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  checks: number;
}

export interface CheckRecord {
  checkedAt: Date;
  verifierName: string;
  purpose: SharePurpose;
  hint: string;
  channel: CheckChannel;
  outcome: CheckOutcome;
}

export interface CheckInput {
  code: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  verifierName: string;
  channel: CheckChannel;
  ip?: string | undefined;
  /** Who asked, for the audit log (anonymous on the page; the partner on the API). */
  actor?: Principal;
}

export type CheckResult =
  | {
      outcome: 'shown';
      purpose: SharePurpose;
      facts: ShareFacts;
      pictureUrl: string;
      permitState: 'valid';
    }
  | { outcome: 'no-match' }
  | { outcome: 'code-expired' | 'code-revoked' | 'permit-invalid' };

export function createShareCodesService(d: {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  permits: PermitsService;
}) {
  const repo = createShareCodesRepository(d.db);
  const ipKey = (ip: string | undefined) => `share-code-failures:ip:${ip ?? 'unknown'}`;
  const codeKey = (digest: string) => `share-code-failures:code:${digest}`;

  return {
    /** The permit type's name in a language, for pages showing a check's facts. */
    typeName: (type: CredentialType, lang: string) => d.permits.typeName(type, lang),
    groundName: (type: CredentialType | undefined, ground: string, lang: string) =>
      d.permits.groundName(type, ground, lang),

    /** A new code for one of the holder's valid permits; the code is shown once, never kept. */
    async create(
      permitId: string,
      p: Principal,
      input: { purpose: string; days: number },
    ): Promise<{ code: string; id: string; expiresAt: Date }> {
      const permit = await d.permits.authorise(permitId, p);
      if (p.kind !== 'applicant') throw permitsErrors.notFound();
      const fields: Record<string, string> = {};
      if (!(SHARE_PURPOSES as readonly string[]).includes(input.purpose))
        fields.purpose = 'Choose work, renting or other';
      if (!isShareCodeDays(input.days)) fields.days = 'Choose 7, 30, 60 or 90 days';
      if (Object.keys(fields).length > 0) throw permitsErrors.shareCodeInvalid(fields);
      if (permit.state !== 'valid') throw permitsErrors.notValid();
      const purpose = input.purpose as SharePurpose;
      const now = d.clock.now();
      const expiresAt = expiryOf(now, input.days as 7 | 30 | 60 | 90);
      // A digest collision is astronomically rare; one more draw settles it.
      for (let attempt = 0; ; attempt++) {
        const code = generateCode(purpose);
        const id = d.ids.uuid();
        try {
          await d.db.transaction().execute(async (trx) => {
            await repo.insert(
              {
                id,
                permit_id: permit.id,
                holder_account_id: p.accountId,
                code_digest: codeDigest(code),
                code_hint: codeHint(code),
                purpose,
                created_at: now,
                expires_at: expiresAt,
                revoked_at: null,
              },
              trx,
            );
            await d.audit.record(
              {
                actor: p,
                action: 'permits.share-code-created',
                subject: { kind: 'permit', id: permit.id },
                details: { shareCodeId: id, purpose, expiresAt: expiresAt.toISOString() },
              },
              trx,
            );
          });
          return { code: formatCode(code), id, expiresAt };
        } catch (e) {
          if (attempt < 3 && isUniqueViolation(e)) continue;
          throw e;
        }
      }
    },

    /** The permit's codes with their state and how many checks each had. */
    async listForPermit(permitId: string, p: Principal): Promise<ShareCodeSummary[]> {
      const permit = await d.permits.authorise(permitId, p);
      const now = d.clock.now();
      return (await repo.listForPermit(permit.id)).map((r) => ({
        id: r.id,
        purpose: r.purpose,
        hint: r.code_hint,
        state: shareCodeState(r, now),
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        revokedAt: r.revoked_at,
        checks: Number(r.checks ?? 0),
      }));
    },

    /**
     * Withdraws a code at once. Someone else's code, or one of another permit than `permitId`
     * when given, answers like an unknown one. Revoking twice changes nothing.
     */
    async revoke(codeId: string, p: Principal, permitId?: string): Promise<void> {
      const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      const code = UUID.test(codeId) ? await repo.find(codeId) : undefined;
      if (
        !code ||
        p.kind !== 'applicant' ||
        code.holder_account_id !== p.accountId ||
        (permitId !== undefined && code.permit_id !== permitId)
      )
        throw permitsErrors.shareCodeNotFound();
      await d.permits.authorise(code.permit_id, p);
      const at = d.clock.now();
      await d.db.transaction().execute(async (trx) => {
        const r = await repo.revoke(code.id, at, trx);
        if (Number(r.numUpdatedRows) === 0) return;
        await d.audit.record(
          {
            actor: p,
            action: 'permits.share-code-revoked',
            subject: { kind: 'permit', id: code.permit_id },
            details: { shareCodeId: code.id },
          },
          trx,
        );
      });
    },

    /** Every check made with the permit's codes: who said they were, when, for what. */
    async checksFor(permitId: string, p: Principal): Promise<CheckRecord[]> {
      const permit = await d.permits.authorise(permitId, p);
      return (await repo.checksForPermit(permit.id)).map((r) => ({
        checkedAt: r.checked_at,
        verifierName: r.verifier_name,
        purpose: r.purpose,
        hint: r.code_hint,
        channel: r.channel,
        outcome: r.outcome,
      }));
    },

    /**
     * A verifier's check. Limits are looked at before anything else; then one query finds the
     * code with the permit's date of birth, and the date is compared even when there is no code.
     */
    async check(input: CheckInput): Promise<CheckResult> {
      const verifierName = input.verifierName.trim();
      const dateOfBirth = isoDay(input.dateOfBirth.trim());
      const fields: Record<string, string> = {};
      if (verifierName.length < 1 || verifierName.length > VERIFIER_NAME_MAX)
        fields.verifierName = `Say who is checking (1 to ${VERIFIER_NAME_MAX} characters)`;
      if (!dateOfBirth) fields.dateOfBirth = 'A date of birth as YYYY-MM-DD';
      if (Object.keys(fields).length > 0) throw permitsErrors.shareCodeInvalid(fields);

      const normalised = normaliseCode(input.code);
      // A malformed code still gets a digest, so it is limited and looked up like any other.
      const digest = codeDigest(normalised ?? input.code.slice(0, 64));
      const [byIp, byCode] = await Promise.all([
        rateLimitPeek(d.db, ipKey(input.ip), IP_FAILURES.windowMs),
        rateLimitPeek(d.db, codeKey(digest), CODE_FAILURES.windowMs),
      ]);
      if (byIp >= IP_FAILURES.max || byCode >= CODE_FAILURES.max)
        throw permitsErrors.checkRateLimited();

      const row = await repo.findForCheck(digest);
      const dobMatches = sameDay(row?.birthdate ?? NO_DATE, dateOfBirth!);
      if (!row || !dobMatches || !normalised) {
        await Promise.all([
          rateLimitHit(d.db, ipKey(input.ip), IP_FAILURES.windowMs),
          rateLimitHit(d.db, codeKey(digest), CODE_FAILURES.windowMs),
        ]);
        return { outcome: 'no-match' };
      }

      const now = d.clock.now();
      const state = shareCodeState(row, now);
      const permit = state === 'active' ? await d.permits.permitForCheck(row.permit_id) : undefined;
      const outcome: CheckOutcome =
        state === 'revoked'
          ? 'code-revoked'
          : state === 'expired'
            ? 'code-expired'
            : permit?.state === 'valid'
              ? 'shown'
              : 'permit-invalid';
      const facts = outcome === 'shown' && permit ? factsFor(permit, row.purpose) : undefined;
      await d.db.transaction().execute(async (trx) => {
        await repo.insertCheck(
          {
            id: d.ids.uuid(),
            share_code_id: row.id,
            checked_at: now,
            verifier_name: verifierName,
            channel: input.channel,
            outcome,
          },
          trx,
        );
        await d.audit.recordRead(
          {
            actor: input.actor ?? ANONYMOUS,
            subject: { kind: 'permit', id: row.permit_id },
            purpose: `share-code-check-${row.purpose}`,
            fields: facts ? Object.keys(facts) : [],
            ...(input.ip ? { ip: input.ip } : {}),
          },
          trx,
        );
      });
      if (outcome !== 'shown' || !facts || !permit) return { outcome } as CheckResult;
      return {
        outcome,
        purpose: row.purpose,
        facts,
        pictureUrl: permit.pictureUrl,
        permitState: 'valid',
      };
    },
  };
}

export type ShareCodesService = ReturnType<typeof createShareCodesService>;
