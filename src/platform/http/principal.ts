/**
 * Who is making a request. Modules fill it in (accounts resolves the session's account);
 * the platform only carries it and checks it through `authorize`.
 */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'applicant'; accountId: string; email: string; displayName: string }
  | {
      kind: 'staff';
      accountId: string;
      email: string;
      displayName: string;
      roles: readonly string[];
      branchId: string | null;
      /** Staff must pass TOTP before any staff route opens. */
      mfaPassed: boolean;
    };

export const ANONYMOUS: Principal = { kind: 'anonymous' };
