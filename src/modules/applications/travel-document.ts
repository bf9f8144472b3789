import type { ApplicationRow } from './applications.repository';
import type { TravelDocumentPort } from './applications.ports';
import { urgencyOf } from './ordering.service';

export const MRZ_ANSWER = 'travel-document-mrz';

export interface TravelDocumentCheck {
  entered: boolean;
  mismatches: { field: string; mrz: string | null; typed: string }[];
  tooEarly?: { expiryDate: string; mustBeValidUntil: string; rule: string; uncertain: boolean };
}

/**
 * What the travel document's machine-readable zone says against what the applicant typed, and
 * whether it stays valid long enough. Shown before submission; it warns, it does not block:
 * an officer decides (a short passport can mean a shorter permit, not a refusal).
 */
export function checkTravelDocument(
  row: ApplicationRow,
  port: TravelDocumentPort,
  now: Date,
): TravelDocumentCheck {
  const text = row.answers[MRZ_ANSWER];
  if (!text) return { entered: false, mismatches: [] };
  const parsed = port.parse(text);
  const a = row.answers;
  const mismatches = port.compare(parsed.fields, {
    ...(a.surname ? { surname: a.surname } : {}),
    ...(a['given-names'] ? { givenNames: a['given-names'] } : {}),
    ...(a['date-of-birth'] ? { birthDate: a['date-of-birth'] } : {}),
  });
  const rule = row.ground_id
    ? port.mustBeValidUntil(row.service_id, row.ground_id, urgencyOf(row), now)
    : undefined;
  const expiry = parsed.fields.expiryDate;
  const until = rule?.until.toISOString().slice(0, 10);
  return {
    entered: true,
    mismatches,
    ...(rule && expiry && until && expiry < until
      ? {
          tooEarly: {
            expiryDate: expiry,
            mustBeValidUntil: until,
            rule: rule.rule,
            uncertain: rule.uncertain,
          },
        }
      : {}),
  };
}
