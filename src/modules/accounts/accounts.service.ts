import { createHash } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import {
  ANONYMOUS,
  endSessionsOf,
  rateLimitHit,
  rateLimitPeek,
  type Principal,
  type Session,
} from '../../platform/http';
import type { Language } from '../../platform/i18n';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import { newAccountRow, type AccountRow, type AccountsRepository } from './accounts.repository';
import { NewStaff, type SignInForm, type SignUpForm } from './accounts.schemas';
import { accountsErrors } from './errors';
import { checkPassword, type PasswordProblem } from './password-policy';
import { checkTotp, newTotpSecret, totpUri } from './totp';

export const SEND_EMAIL_JOB = 'accounts.send-email';
export type AccountEmail =
  'verify-email' | 'reset-password' | 'already-registered' | 'password-changed';
export interface SendEmailJob {
  accountId: string;
  email: AccountEmail;
}

/**
 * A person proved, again or for the first time, that the account's e-mail address is theirs:
 * e-mail verification, a password reset link, or a sign-in (which needs a verified address).
 * Other modules react in the same transaction, e.g. applications filed for that address are linked.
 */
export interface EmailConfirmed {
  accountId: string;
  email: string;
}
type EmailConfirmedListener = (e: EmailConfirmed, trx: AnyTransaction) => Promise<void>;

export interface RequestContext {
  ip: string;
  lang: Language;
}

const FAILURE_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;
export const TOKEN_TTL_MS: Record<'verify-email' | 'reset-password', number> = {
  'verify-email': 48 * 3_600_000,
  'reset-password': 60 * 60_000,
};

/** Verified against when the e-mail is unknown, so both paths cost one argon2 verification. */
let dummyHash: Promise<string> | undefined;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export class PasswordRejected extends AppError {
  constructor(readonly problems: PasswordProblem[]) {
    super('PASSWORD_REJECTED', 'validation', `Password refused: ${problems.join(', ')}`, {
      problems,
    });
  }
}

export interface AccountsServiceDeps {
  db: Db;
  repo: AccountsRepository;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
}

export function createAccountsService(d: AccountsServiceDeps) {
  const { repo, clock, ids, jobs, audit } = d;
  const failureKey = (email: string) => `sign-in-failures:${email.toLowerCase()}`;
  const confirmedListeners: EmailConfirmedListener[] = [];
  /** Only an applicant whose address is verified counts: an unverified address proves nothing. */
  async function emailConfirmed(a: AccountRow, trx: AnyTransaction): Promise<void> {
    if (a.kind !== 'applicant' || !a.email_verified_at || a.disabled_at) return;
    for (const listener of confirmedListeners)
      await listener({ accountId: a.id, email: a.email }, trx);
  }

  function assertPassword(password: string, context: { email?: string; name?: string }) {
    const problems = checkPassword(password, context);
    if (problems.length > 0) throw new PasswordRejected(problems);
  }

  async function failSignIn(
    email: string,
    ctx: RequestContext,
    accountId: string | null,
  ): Promise<never> {
    await rateLimitHit(d.db, failureKey(email), FAILURE_WINDOW_MS);
    await audit.record({
      actor: ANONYMOUS,
      action: 'accounts.sign-in-failed',
      ...(accountId ? { subject: { kind: 'account', id: accountId } } : {}),
      ip: ctx.ip,
    });
    throw accountsErrors.invalidCredentials();
  }

  return {
    checkPassword,

    /** Registers a reaction to a confirmed e-mail address (see `EmailConfirmed`). */
    onEmailConfirmed(listener: EmailConfirmedListener): void {
      confirmedListeners.push(listener);
    },

    /**
     * Registers an applicant and e-mails a verification link. An address already registered gets
     * an e-mail saying so instead, and the page shows the same thing: sign-up never reveals
     * whether an account exists.
     */
    async signUp(form: SignUpForm, ctx: RequestContext): Promise<void> {
      assertPassword(form.password, { email: form.email, name: form.displayName });
      const passwordHash = await argonHash(form.password);
      await repo.db.transaction().execute(async (trx) => {
        const existing = await repo.findByEmail(form.email, trx);
        if (existing) {
          await jobs.enqueue(trx, SEND_EMAIL_JOB, {
            accountId: existing.id,
            email: 'already-registered',
          } satisfies SendEmailJob);
          return;
        }
        const now = clock.now();
        const id = ids.uuid();
        await repo.insert(
          newAccountRow(
            {
              id,
              kind: 'applicant',
              email: form.email,
              display_name: form.displayName,
              password_hash: passwordHash,
              preferred_lang: ctx.lang,
            },
            now,
          ),
          trx,
        );
        await audit.record(
          {
            actor: ANONYMOUS,
            action: 'accounts.signed-up',
            subject: { kind: 'account', id },
            ip: ctx.ip,
          },
          trx,
        );
        await jobs.enqueue(
          trx,
          SEND_EMAIL_JOB,
          { accountId: id, email: 'verify-email' } satisfies SendEmailJob,
          {
            singletonKey: `verify-email:${id}`,
          },
        );
      });
    },

    /** Issues a single-use token (older unused ones of the purpose stop working). */
    async issueToken(
      accountId: string,
      purpose: 'verify-email' | 'reset-password',
    ): Promise<string> {
      const token = ids.token(32);
      const now = clock.now();
      await repo.db.transaction().execute(async (trx) => {
        await repo.voidTokens(accountId, purpose, now, trx);
        await repo.insertToken(
          {
            token_hash: tokenHash(token),
            account_id: accountId,
            purpose,
            created_at: now,
            expires_at: new Date(now.getTime() + TOKEN_TTL_MS[purpose]),
            used_at: null,
          },
          trx,
        );
      });
      return token;
    },

    async verifyEmail(token: string, ctx: RequestContext): Promise<AccountRow> {
      return repo.db.transaction().execute(async (trx) => {
        const now = clock.now();
        const used = await repo.consumeToken(tokenHash(token), 'verify-email', now, trx);
        if (!used) throw accountsErrors.tokenInvalid();
        await repo.update(used.account_id, { email_verified_at: now }, trx);
        await audit.record(
          {
            actor: ANONYMOUS,
            action: 'accounts.email-verified',
            subject: { kind: 'account', id: used.account_id },
            ip: ctx.ip,
          },
          trx,
        );
        const account = (await repo.findById(used.account_id, trx))!;
        await emailConfirmed(account, trx);
        return account;
      });
    },

    /**
     * Checks e-mail and password. Failures are counted per e-mail address whether or not an
     * account exists, and the answer is the same, so neither the message nor the lockout tells
     * an attacker which addresses are registered.
     */
    async signIn(
      form: SignInForm,
      ctx: RequestContext,
    ): Promise<{ account: AccountRow; needsSecondFactor: boolean }> {
      if ((await rateLimitPeek(d.db, failureKey(form.email), FAILURE_WINDOW_MS)) >= MAX_FAILURES) {
        throw accountsErrors.throttled();
      }
      const account = await repo.findByEmail(form.email);
      if (!account || account.disabled_at) {
        dummyHash ??= argonHash('vartai-dummy-password-for-timing');
        await argonVerify(await dummyHash, form.password).catch(() => false);
        return failSignIn(form.email, ctx, null);
      }
      if (!(await argonVerify(account.password_hash, form.password).catch(() => false))) {
        return failSignIn(form.email, ctx, account.id);
      }
      if (!account.email_verified_at) throw accountsErrors.emailNotVerified();
      const needsSecondFactor = account.kind === 'staff';
      if (!needsSecondFactor) {
        await audit.record({
          actor: {
            kind: 'applicant',
            accountId: account.id,
            email: account.email,
            displayName: account.display_name,
          },
          action: 'accounts.signed-in',
          subject: { kind: 'account', id: account.id },
          ip: ctx.ip,
        });
        await repo.db.transaction().execute((trx) => emailConfirmed(account, trx));
      }
      return { account, needsSecondFactor };
    },

    /** The staff member's TOTP secret while enrolment is unfinished (created on first call). */
    async totpEnrolment(accountId: string): Promise<{ secret: string; uri: string } | null> {
      const account = await repo.findById(accountId);
      if (!account || account.kind !== 'staff' || account.totp_confirmed_at) return null;
      let secret = account.totp_secret;
      if (!secret) {
        secret = newTotpSecret();
        await repo.update(accountId, { totp_secret: secret });
      }
      return { secret, uri: totpUri(secret, account.email) };
    },

    /** Second step for staff; failures count toward the same lockout as passwords. */
    async passSecondFactor(
      accountId: string,
      code: string,
      ctx: RequestContext,
    ): Promise<AccountRow> {
      const account = await repo.findById(accountId);
      if (!account || account.kind !== 'staff' || !account.totp_secret || account.disabled_at)
        throw accountsErrors.totpInvalid();
      if ((await rateLimitPeek(d.db, failureKey(account.email), FAILURE_WINDOW_MS)) >= MAX_FAILURES)
        throw accountsErrors.throttled();
      const now = clock.now();
      const result = await checkTotp(account.totp_secret, code, now, account.totp_last_step);
      const actor: Principal = {
        kind: 'staff',
        accountId: account.id,
        email: account.email,
        displayName: account.display_name,
        roles: account.roles,
        branchId: account.branch_id,
        mfaPassed: true,
      };
      if (!result.ok) {
        await rateLimitHit(d.db, failureKey(account.email), FAILURE_WINDOW_MS);
        await audit.record({
          actor: ANONYMOUS,
          action: 'accounts.mfa-failed',
          subject: { kind: 'account', id: account.id },
          ip: ctx.ip,
        });
        throw accountsErrors.totpInvalid();
      }
      await repo.db.transaction().execute(async (trx) => {
        await repo.update(
          account.id,
          {
            totp_last_step: result.step,
            ...(account.totp_confirmed_at ? {} : { totp_confirmed_at: now }),
          },
          trx,
        );
        if (!account.totp_confirmed_at)
          await audit.record(
            {
              actor,
              action: 'accounts.mfa-enrolled',
              subject: { kind: 'account', id: account.id },
              ip: ctx.ip,
            },
            trx,
          );
        await audit.record(
          {
            actor,
            action: 'accounts.signed-in',
            subject: { kind: 'account', id: account.id },
            ip: ctx.ip,
            details: { mfa: 'totp' },
          },
          trx,
        );
      });
      return account;
    },

    /** Always answers the same; an e-mail goes out only when a verified account exists. */
    async requestPasswordReset(email: string, ctx: RequestContext): Promise<void> {
      await rateLimitHit(d.db, `password-reset:${email}`, FAILURE_WINDOW_MS).then(
        async ({ current }) => {
          if (current > 3) return;
          const account = await repo.findByEmail(email);
          if (!account || account.disabled_at) return;
          await repo.db.transaction().execute(async (trx) => {
            await audit.record(
              {
                actor: ANONYMOUS,
                action: 'accounts.password-reset-requested',
                subject: { kind: 'account', id: account.id },
                ip: ctx.ip,
              },
              trx,
            );
            await jobs.enqueue(trx, SEND_EMAIL_JOB, {
              accountId: account.id,
              email: 'reset-password',
            } satisfies SendEmailJob);
          });
        },
      );
    },

    /** Sets a new password from an e-mailed token, ends every session of the account. */
    async resetPassword(token: string, password: string, ctx: RequestContext): Promise<void> {
      const hashed = tokenHash(token);
      const peekAccount = await repo.db
        .selectFrom('account_tokens')
        .select('account_id')
        .where('token_hash', '=', hashed)
        .executeTakeFirst();
      const owner = peekAccount ? await repo.findById(peekAccount.account_id) : undefined;
      assertPassword(password, owner ? { email: owner.email, name: owner.display_name } : {});
      const passwordHash = await argonHash(password);
      await repo.db.transaction().execute(async (trx) => {
        const now = clock.now();
        const used = await repo.consumeToken(hashed, 'reset-password', now, trx);
        if (!used) throw accountsErrors.tokenInvalid();
        // Following the link proves control of the mailbox, so the address counts as verified.
        const account = (await repo.findById(used.account_id, trx))!;
        await repo.update(
          used.account_id,
          {
            password_hash: passwordHash,
            password_changed_at: now,
            email_verified_at: account.email_verified_at ?? now,
          },
          trx,
        );
        await endSessionsOf(trx, used.account_id);
        await emailConfirmed(
          { ...account, email_verified_at: account.email_verified_at ?? now },
          trx,
        );
        await audit.record(
          {
            actor: ANONYMOUS,
            action: 'accounts.password-reset',
            subject: { kind: 'account', id: used.account_id },
            ip: ctx.ip,
          },
          trx,
        );
        await jobs.enqueue(trx, SEND_EMAIL_JOB, {
          accountId: used.account_id,
          email: 'password-changed',
        } satisfies SendEmailJob);
      });
    },

    /** Creates a staff account (CLI, seeding, administrators). MFA is enrolled at first sign-in. */
    async createStaff(
      input: NewStaff,
      actor: Principal | { kind: 'system' } = { kind: 'system' },
    ): Promise<AccountRow> {
      const s = NewStaff.parse(input);
      assertPassword(s.password, { email: s.email, name: s.displayName });
      const passwordHash = await argonHash(s.password);
      return repo.db.transaction().execute(async (trx) => {
        if (await repo.findByEmail(s.email, trx)) throw accountsErrors.emailTaken();
        const branch = s.branchCode ? await repo.findBranchByCode(s.branchCode, trx) : undefined;
        if (s.branchCode && !branch) throw accountsErrors.branchUnknown(s.branchCode);
        const now = clock.now();
        const row = newAccountRow(
          {
            id: ids.uuid(),
            kind: 'staff',
            email: s.email,
            display_name: s.displayName,
            password_hash: passwordHash,
            preferred_lang: s.lang,
            email_verified_at: now,
            roles: [...s.roles],
            branch_id: branch?.id ?? null,
          },
          now,
        );
        await repo.insert(row, trx);
        await audit.record(
          {
            actor,
            action: 'accounts.staff-created',
            subject: { kind: 'account', id: row.id },
            details: { roles: row.roles, branch: s.branchCode ?? null },
          },
          trx,
        );
        return row;
      });
    },

    /** Who the session belongs to; sessions that predate a password change no longer count. */
    async principalFor(session: Session | null): Promise<Principal> {
      if (!session?.accountId) return ANONYMOUS;
      const a = await repo.findById(session.accountId);
      if (!a || a.disabled_at || session.createdAt < a.password_changed_at) return ANONYMOUS;
      if (a.kind === 'applicant')
        return { kind: 'applicant', accountId: a.id, email: a.email, displayName: a.display_name };
      return {
        kind: 'staff',
        accountId: a.id,
        email: a.email,
        displayName: a.display_name,
        roles: a.roles,
        branchId: a.branch_id,
        mfaPassed: session.data.mfaPassed === true,
      };
    },

    async recordSignOut(p: Principal, ip: string): Promise<void> {
      if (p.kind === 'anonymous' || p.kind === 'partner') return;
      await audit.record({
        actor: p,
        action: 'accounts.signed-out',
        subject: { kind: 'account', id: p.accountId },
        ip,
      });
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
