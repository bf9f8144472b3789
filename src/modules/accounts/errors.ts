import { AppError } from '../../platform/errors';

/** Stable codes of the accounts module (docs/errors.md). */
export const accountsErrors = {
  invalidCredentials: () =>
    new AppError('SIGN_IN_FAILED', 'unauthenticated', 'E-mail or password is wrong'),
  throttled: () =>
    new AppError('SIGN_IN_THROTTLED', 'rate_limited', 'Too many attempts; try again later'),
  emailNotVerified: () =>
    new AppError('EMAIL_NOT_VERIFIED', 'forbidden', 'Verify the e-mail address first'),
  tokenInvalid: () =>
    new AppError('TOKEN_INVALID', 'validation', 'The link is invalid, used or expired'),
  totpInvalid: () =>
    new AppError('TOTP_INVALID', 'unauthenticated', 'The code is wrong or already used'),
  emailTaken: () => new AppError('EMAIL_TAKEN', 'conflict', 'An account with this e-mail exists'),
  branchUnknown: (code: string) =>
    new AppError('BRANCH_UNKNOWN', 'validation', `No branch with code ${code}`),
  organisationNotFound: () =>
    new AppError('ORGANISATION_NOT_FOUND', 'not_found', 'No such organisation'),
};
