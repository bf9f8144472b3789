import { sql, type Kysely } from 'kysely';
import type { Db } from '../../platform/db';
import type { Language } from '../../platform/i18n';

export interface AccountRow {
  id: string;
  kind: 'applicant' | 'staff';
  email: string;
  display_name: string;
  password_hash: string;
  email_verified_at: Date | null;
  preferred_lang: Language;
  roles: string[];
  branch_id: string | null;
  totp_secret: string | null;
  totp_confirmed_at: Date | null;
  totp_last_step: number | null;
  password_changed_at: Date;
  disabled_at: Date | null;
  created_at: Date;
}

/** A new account row: everything not given starts empty (no MFA, not disabled, no roles). */
export function newAccountRow(
  f: Pick<
    AccountRow,
    'id' | 'kind' | 'email' | 'display_name' | 'password_hash' | 'preferred_lang'
  > &
    Partial<Pick<AccountRow, 'email_verified_at' | 'roles' | 'branch_id'>>,
  now: Date,
): AccountRow {
  return {
    email_verified_at: null,
    roles: [],
    branch_id: null,
    totp_secret: null,
    totp_confirmed_at: null,
    totp_last_step: null,
    disabled_at: null,
    ...f,
    password_changed_at: now,
    created_at: now,
  };
}

export interface BranchRow {
  id: string;
  code: string;
  names: Record<Language, string>;
  city: string;
  address: string;
  created_at: Date;
}

export interface TokenRow {
  token_hash: string;
  account_id: string;
  purpose: 'verify-email' | 'reset-password';
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export type AccountsTables = {
  accounts: AccountRow;
  branches: BranchRow;
  account_tokens: TokenRow;
};

export type AccountsDb = Kysely<AccountsTables>;

/** Data access for the accounts module's own tables. */
export function createAccountsRepository(db: Db) {
  const q = db.withTables<AccountsTables>();
  return {
    db: q,
    findById: (id: string, t: AccountsDb = q) =>
      t.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst(),
    findByEmail: (email: string, t: AccountsDb = q) =>
      t
        .selectFrom('accounts')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .executeTakeFirst(),
    insert: (row: AccountRow, t: AccountsDb = q) => t.insertInto('accounts').values(row).execute(),
    update: (id: string, patch: Partial<AccountRow>, t: AccountsDb = q) =>
      t.updateTable('accounts').set(patch).where('id', '=', id).execute(),
    insertToken: (row: TokenRow, t: AccountsDb = q) =>
      t.insertInto('account_tokens').values(row).execute(),
    /** Marks a token used if it is valid now; returns it only to the one caller that won. */
    consumeToken: (hash: string, purpose: TokenRow['purpose'], now: Date, t: AccountsDb = q) =>
      t
        .updateTable('account_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', hash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['account_id'])
        .executeTakeFirst(),
    /** A newer token replaces older unused ones of the same purpose. */
    voidTokens: (accountId: string, purpose: TokenRow['purpose'], now: Date, t: AccountsDb = q) =>
      t
        .updateTable('account_tokens')
        .set({ used_at: now })
        .where('account_id', '=', accountId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .execute(),
    findBranch: (id: string) =>
      q.selectFrom('branches').selectAll().where('id', '=', id).executeTakeFirst(),
    listBranches: () => q.selectFrom('branches').selectAll().orderBy('code').execute(),
    /** Active staff of a branch holding a role (workbench: whom a team lead may assign). */
    listStaff: (branchId: string, role: string) =>
      q
        .selectFrom('accounts')
        .select(['id', 'display_name', 'branch_id', 'roles'])
        .where('kind', '=', 'staff')
        .where('branch_id', '=', branchId)
        .where('disabled_at', 'is', null)
        .where(sql<boolean>`${role} = any(roles)`)
        .orderBy('display_name')
        .execute(),
    findBranchByCode: (code: string, t: AccountsDb = q) =>
      t.selectFrom('branches').selectAll().where('code', '=', code).executeTakeFirst(),
    insertBranch: (row: BranchRow, t: AccountsDb = q) =>
      t
        .insertInto('branches')
        .values({ ...row, names: JSON.stringify(row.names) as never })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute(),
    countAccounts: async () =>
      Number(
        (
          await q
            .selectFrom('accounts')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
