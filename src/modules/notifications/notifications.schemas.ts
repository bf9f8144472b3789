import { z } from 'zod';

/** A mobile number in E.164 form: +, a country code not starting with 0, 8 to 15 digits in all. */
export const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * What people type, as E.164: spaces, dashes, dots and brackets dropped, a leading 00 read as +.
 * A national number without its country code is not guessed (the hint asks for +370 …).
 */
export function normaliseMobile(text: string): string {
  const compact = text.trim().replace(/[\s().-]/g, '');
  return compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
}

/**
 * The contact preferences form. Messages are catalogue keys (platform/http/forms.ts). An empty
 * number removes it; consent without a number is refused rather than silently dropped.
 */
export const ContactPreferencesForm = z
  .object({
    mobileNumber: z
      .string()
      .max(40, 'notifications.error.mobile')
      .default('')
      .transform(normaliseMobile)
      .refine((v) => v === '' || E164.test(v), 'notifications.error.mobile'),
    smsConsent: z.enum(['yes'], { message: 'notifications.error.consent' }).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.smsConsent && f.mobileNumber === '')
      ctx.addIssue({
        code: 'custom',
        path: ['smsConsent'],
        message: 'notifications.error.consentWithoutNumber',
      });
  });
export type ContactPreferencesForm = z.infer<typeof ContactPreferencesForm>;
