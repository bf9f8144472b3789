import type { z } from 'zod';
import type { Translate } from '../i18n';

export interface FormErrors {
  /** For govukErrorSummary: text and a link to the field. */
  errors: { text: string; href: string }[];
  /** For each field's inline errorMessage. */
  fieldErrors: Record<string, string>;
}

/**
 * Zod issues → the GOV.UK error pattern. Schema messages are catalogue keys, so the user reads
 * them in their own language; the first problem of each field wins.
 */
export function formErrors(
  error: z.ZodError,
  t: Translate,
  fieldIds: Record<string, string> = {},
): FormErrors {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (fieldErrors[field]) continue;
    fieldErrors[field] =
      issue.message.includes('.') && !issue.message.includes(' ')
        ? t(issue.message)
        : t('common.error.invalid');
  }
  return fromFieldErrors(fieldErrors, fieldIds);
}

export function fromFieldErrors(
  fieldErrors: Record<string, string>,
  fieldIds: Record<string, string> = {},
): FormErrors {
  return {
    errors: Object.entries(fieldErrors).map(([field, text]) => ({
      text,
      href: `#${fieldIds[field] ?? field}`,
    })),
    fieldErrors,
  };
}

/** Only same-site paths may be redirect targets after sign-in (no open redirects). */
export function safeNext(next: unknown, fallback: string): string {
  return typeof next === 'string' && /^\/(?!\/|\\)[^\s]*$/.test(next) ? next : fallback;
}
