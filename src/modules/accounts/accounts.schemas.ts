import { z } from 'zod';
import { LANGUAGES } from '../../platform/i18n';

/**
 * `rules`: staff with the rules role load rule set versions and run impact analyses (issue 6).
 * `manager`: reads the management dashboards, forecasts and staffing plans (issue 11); the views
 * hold aggregates only, never a case or a person, so the role opens no case.
 */
export const STAFF_ROLES = [
  'officer',
  'team-lead',
  'call-centre',
  'administrator',
  'rules',
  'manager',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Form fields arrive as strings; messages are catalogue keys, shown in the user's language. */
const email = z
  .string()
  .trim()
  .min(1, 'accounts.error.emailRequired')
  .max(254, 'accounts.error.emailInvalid')
  .pipe(z.email('accounts.error.emailInvalid'))
  .transform((e) => e.toLowerCase());

/** The password as typed; the policy (length, common passwords) is checked by the service. */
const password = z
  .string()
  .min(1, 'accounts.error.passwordRequired')
  .max(256, 'accounts.error.passwordTooLong');

const repeated = <T extends { password: string; passwordConfirm: string }>(f: T) =>
  f.password === f.passwordConfirm;
const repeatedError = { path: ['passwordConfirm'], message: 'accounts.error.passwordsDiffer' };

export const SignUpForm = z
  .object({
    displayName: z
      .string()
      .trim()
      .min(1, 'accounts.error.nameRequired')
      .max(200, 'accounts.error.nameTooLong'),
    email,
    password,
    passwordConfirm: z.string(),
  })
  .refine(repeated, repeatedError);
export type SignUpForm = z.infer<typeof SignUpForm>;

export const SignInForm = z.object({
  email,
  password,
});
export type SignInForm = z.infer<typeof SignInForm>;

export const TotpForm = z.object({
  code: z
    .string()
    .transform((c) => c.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'accounts.error.codeFormat')),
});

export const ForgotPasswordForm = z.object({ email });

export const ResetPasswordForm = z
  .object({
    token: z.string().min(10).max(100),
    password,
    passwordConfirm: z.string(),
  })
  .refine(repeated, repeatedError);

export const NewStaff = z.object({
  email,
  displayName: z.string().trim().min(1).max(200),
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
  branchCode: z.string().trim().min(1).optional(),
  password: z.string().min(12),
  lang: z.enum(LANGUAGES).default('lt'),
});
export type NewStaff = z.input<typeof NewStaff>;

export const Branch = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  city: z.string(),
  address: z.string(),
});

export const PasswordCheckRequest = z
  .strictObject({
    password: z.string().max(256),
    email: z.email().optional(),
  })
  .meta({ examples: [{ password: 'password1234', email: 'ona@example.lt' }] });
export const PasswordCheckResponse = z
  .object({
    acceptable: z.boolean(),
    problems: z.array(z.object({ code: z.string(), message: z.string() })),
  })
  .meta({
    examples: [
      {
        acceptable: false,
        problems: [
          {
            code: 'common',
            message: 'This password is too common or appeared in data breaches. Choose another.',
          },
        ],
      },
    ],
  });
