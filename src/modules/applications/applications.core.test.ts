import { describe, expect, it } from 'vitest';
import { checkAnswer, joinDateParts, missingForSubmission } from './applications.core';
import type { Question } from './applications.ports';

const q = (type: Question['type'], required = true, extra: Partial<Question> = {}): Question => ({
  id: `q-${type}`,
  type,
  required,
  label: { lt: 'Klausimas' },
  ...extra,
});

describe('answers', () => {
  it('checks each type and normalises what it keeps', () => {
    expect(checkAnswer(q('text'), '  Ona ')).toEqual({ ok: true, value: 'Ona' });
    expect(checkAnswer(q('text'), '')).toEqual({ ok: false, problem: 'required' });
    expect(checkAnswer(q('text', false), '')).toEqual({ ok: true, value: null });
    expect(checkAnswer(q('date'), '2026-02-30')).toEqual({ ok: false, problem: 'invalid-date' });
    expect(checkAnswer(q('date'), '2026-02-28')).toEqual({ ok: true, value: '2026-02-28' });
    expect(checkAnswer(q('email'), 'Ona@Example.LT')).toEqual({
      ok: true,
      value: 'ona@example.lt',
    });
    expect(checkAnswer(q('phone'), 'call me')).toEqual({ ok: false, problem: 'invalid-phone' });
    expect(checkAnswer(q('yes-no'), 'maybe')).toEqual({ ok: false, problem: 'not-an-option' });
    expect(
      checkAnswer(q('select', true, { options: [{ value: 'a', label: { lt: 'A' } }] }), 'b'),
    ).toEqual({ ok: false, problem: 'not-an-option' });
    expect(checkAnswer(q('country'), 'ukr')).toEqual({ ok: true, value: 'UKR' });
  });

  it('joins GOV.UK date parts', () => {
    expect(joinDateParts('3', '7', '1990')).toBe('1990-07-03');
    expect(joinDateParts('', '', '')).toBe('');
  });
});

describe('completeness', () => {
  const base = {
    groundId: 'work',
    questions: [q('text')],
    answers: { 'q-text': 'x' },
    requiredDocuments: [{ id: 'passport', name: { lt: 'Pasas' } }],
    documents: [{ id: 'd1', documentType: 'passport', fileName: 'p.pdf', sizeBytes: 10 }],
    feeCents: 12000,
    feePaid: true,
    declarationConfirmed: true,
  };
  it('is empty when everything is there', () => {
    expect(missingForSubmission(base)).toEqual([]);
  });
  it('lists missing answers, documents, fee and declaration', () => {
    expect(
      missingForSubmission({
        ...base,
        answers: {},
        documents: [],
        feePaid: false,
        declarationConfirmed: false,
      }),
    ).toEqual([
      { kind: 'answer', questionId: 'q-text', problem: 'required' },
      { kind: 'document', documentId: 'passport' },
      { kind: 'fee', amountCents: 12000 },
      { kind: 'declaration' },
    ]);
  });
  it('asks for the ground first', () => {
    expect(missingForSubmission({ ...base, groundId: null })).toEqual([{ kind: 'ground' }]);
  });
  it('does not ask for a fee that is not due', () => {
    expect(missingForSubmission({ ...base, feeCents: 0, feePaid: false })).toEqual([]);
  });
});
