import { describe, expect, it } from 'vitest';
import type { CasesModule } from '../modules/cases';
import { documentFactsOf, runOnAnswer } from './processing.wiring';
import type { ApplicationRow } from '../modules/applications';

describe('the pipeline on an applicant answer', () => {
  it('is enqueued with an information-received action, in its transaction, and with no other', async () => {
    const recorded: string[] = [];
    const cases = {
      service: {
        recordAction: async (_id: string, a: { kind: string }) => {
          recorded.push(a.kind);
          return { id: 'c1' };
        },
      },
    } as unknown as CasesModule;
    const enqueued: [string, unknown][] = [];
    const wrapped = runOnAnswer(cases, async (id, trx) => void enqueued.push([id, trx]));
    const trx = {} as never;
    await wrapped.service.recordAction(
      'c1',
      { kind: 'information-requested', actor_kind: 'staff', actor_id: 'o' },
      trx,
    );
    expect(enqueued).toEqual([]);
    await wrapped.service.recordAction(
      'c1',
      { kind: 'information-received', actor_kind: 'applicant', actor_id: 'a' },
      trx,
    );
    expect(enqueued).toEqual([['c1', trx]]);
    expect(recorded).toEqual(['information-requested', 'information-received']);
  });
});

describe('document facts for triage', () => {
  const row = (answers: Record<string, string>) => ({ answers }) as unknown as ApplicationRow;
  /** A TD3 passport of Sweden (ICAO 9303 check digits), born 1974-08-12, valid to 2036. */
  const digit = (x: string) =>
    String(
      [...x].reduce(
        (sum, c, i) =>
          sum +
          (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * [7, 3, 1][i % 3]!,
        0,
      ) % 10,
    );
  const num = 'L898902C3';
  const personal = '<'.repeat(14);
  const part = `${num}${digit(num)}SWE740812${digit('740812')}F360415${digit('360415')}${personal}${digit(personal)}`;
  const composite = digit(part.slice(0, 10) + part.slice(13, 20) + part.slice(21, 43));
  const MRZ = `${'P<SWEERIKSSON<<ANNA<MARIA'.padEnd(44, '<')}\n${part}${composite}`;
  it('says nothing without a machine-readable zone, unreadable when it does not check', () => {
    expect(documentFactsOf(row({}), new Date('2010-01-01'))).toEqual({
      travelDocumentReadable: null,
      inconsistencies: [],
    });
    expect(
      documentFactsOf(row({ 'travel-document-mrz': 'P<UTO' }), new Date('2010-01-01'))
        .travelDocumentReadable,
    ).toBe(false);
  });
  it('names an answer that differs from the travel document', () => {
    const facts = documentFactsOf(
      row({ 'travel-document-mrz': MRZ, nationality: 'NOR', 'date-of-birth': '1974-08-12' }),
      new Date('2026-01-01'),
    );
    expect(facts).toEqual({
      travelDocumentReadable: true,
      inconsistencies: ['nationality-differs-from-travel-document'],
    });
  });
});
