import type { Question, RequiredDocument, StoredDocument } from './applications.ports';
import type { OrderingMissing } from './ordering';

/**
 * Pure rules of an application before submission: what an answer must look like, and what is
 * still missing. No I/O; the service feeds it the catalogue's questions and the stored facts.
 */
export type AnswerProblem =
  | 'required'
  | 'invalid-date'
  | 'invalid-number'
  | 'invalid-email'
  | 'invalid-phone'
  | 'not-an-option'
  | 'too-long';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Normalises one answer to its stored form, or says what is wrong with it. */
export function checkAnswer(
  q: Question,
  raw: unknown,
): { ok: true; value: string | null } | { ok: false; problem: AnswerProblem } {
  const text =
    typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw);
  if (text === '')
    return q.required ? { ok: false, problem: 'required' } : { ok: true, value: null };
  if (text.length > 2000) return { ok: false, problem: 'too-long' };
  switch (q.type) {
    case 'date':
      return isRealDate(text) ? { ok: true, value: text } : { ok: false, problem: 'invalid-date' };
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text)
        ? { ok: true, value: text }
        : { ok: false, problem: 'invalid-number' };
    case 'email':
      return EMAIL.test(text)
        ? { ok: true, value: text.toLowerCase() }
        : { ok: false, problem: 'invalid-email' };
    case 'phone':
      return PHONE.test(text) ? { ok: true, value: text } : { ok: false, problem: 'invalid-phone' };
    case 'yes-no':
      return text === 'yes' || text === 'no'
        ? { ok: true, value: text }
        : { ok: false, problem: 'not-an-option' };
    case 'select':
      return q.options?.some((o) => o.value === text)
        ? { ok: true, value: text }
        : { ok: false, problem: 'not-an-option' };
    case 'country':
      return /^[A-Z]{3}$/.test(text.toUpperCase())
        ? { ok: true, value: text.toUpperCase() }
        : { ok: false, problem: 'not-an-option' };
    default:
      return { ok: true, value: text };
  }
}

/** A date of three GOV.UK date inputs (day, month, year) as YYYY-MM-DD, or the raw text. */
export function joinDateParts(day: unknown, month: unknown, year: unknown): string {
  const parts = [year, month, day].map((p) => (typeof p === 'string' ? p.trim() : ''));
  if (parts.every((p) => p === '')) return '';
  const [y, m, d] = parts;
  return `${y!.padStart(4, '0')}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

export type Missing =
  | { kind: 'ground' }
  | { kind: 'answer'; questionId: string; problem: AnswerProblem }
  | { kind: 'document'; documentId: string }
  | OrderingMissing
  | { kind: 'fee'; amountCents: number }
  | { kind: 'declaration' };

export interface CompletenessInput {
  groundId: string | null;
  questions: Question[];
  answers: Record<string, unknown>;
  requiredDocuments: RequiredDocument[];
  documents: StoredDocument[];
  feeCents: number;
  feePaid: boolean;
  declarationConfirmed: boolean;
  /** Ordering choices still to make (exemption, delivery: ordering.ts), before the fee. */
  ordering?: OrderingMissing[];
}

/** Everything that stands between a draft and its submission, in the order a person fixes it. */
export function missingForSubmission(i: CompletenessInput): Missing[] {
  if (!i.groundId) return [{ kind: 'ground' }];
  const missing: Missing[] = [];
  for (const q of i.questions) {
    const r = checkAnswer(q, i.answers[q.id]);
    if (!r.ok) missing.push({ kind: 'answer', questionId: q.id, problem: r.problem });
  }
  const have = new Set(i.documents.map((d) => d.documentType));
  for (const d of i.requiredDocuments)
    if (!have.has(d.id)) missing.push({ kind: 'document', documentId: d.id });
  missing.push(...(i.ordering ?? []));
  if (i.feeCents > 0 && !i.feePaid) missing.push({ kind: 'fee', amountCents: i.feeCents });
  if (!i.declarationConfirmed) missing.push({ kind: 'declaration' });
  return missing;
}
