import { describe, expect, it } from 'vitest';
import type { PairScore } from '../matching/types';
import type { PersonAction, PersonView } from './pages.service';
import { actionsView, explanationView, percent } from './persons.view';

const score: PairScore = {
  weight: 2.5734,
  probability: 0.85596,
  fields: [
    { field: 'surname', level: 'transliteration-equal', weight: 7.912, termFrequency: 0.000412 },
    { field: 'given-names', level: 'different', weight: -4.981 },
    { field: 'document', level: 'missing', weight: 0 },
  ],
  veto: 'sex-differs',
};

describe('the explanation of a score', () => {
  it('shows weights with their sign and probabilities as percentages, in the reader’s language', () => {
    const lt = explanationView(score, 'lt');
    expect(lt.rows.map((r) => r.weight)).toEqual(['+7,91', '−4,98', '0,00']);
    expect(lt.total).toBe('+2,57');
    // Lithuanian puts a no-break space before the percent sign.
    expect(lt.probability).toBe('85,6\u00a0%');
    expect(lt.rows[0]!.termFrequency).toBe('0,0412\u00a0%');
    expect(lt.rows[1]!.termFrequency).toBe('');
    expect(lt.veto).toBe('sex-differs');
    expect(lt.rule).toBeNull();
    const en = explanationView(score, 'en');
    expect(en.rows[1]!.weight).toBe('-4.98');
    expect(en.probability).toBe('85.6%');
  });

  it('shows nothing for a probability that is not known', () => {
    expect(percent(null, 'en')).toBe('');
    expect(percent(Number.NaN, 'en')).toBe('');
  });
});

describe('the history of actions', () => {
  const action = (id: string, at: string, extra: Partial<PersonAction> = {}): PersonAction => ({
    id,
    kind: 'merge',
    at: new Date(at),
    actorId: 'acc-1',
    reason: 'same passport',
    personId: 'p1',
    otherPersonId: 'p2',
    personNumber: 'P-0000-0001-X',
    otherPersonNumber: 'P-0000-0002-8',
    undoneBy: null,
    undoes: null,
    undoable: true,
    details: {},
    ...extra,
  });
  const person = (actions: PersonAction[]) => ({ actions }) as unknown as PersonView;

  it('lists actions newest first, names actors, and offers undo only for what is still in effect', () => {
    const merged = action('a1', '2026-01-01T10:00:00Z', { undoneBy: 'a2' });
    const undo = action('a2', '2026-01-02T10:00:00Z', {
      kind: 'undo',
      undoes: 'a1',
      undoable: false,
      actorId: 'acc-2',
    });
    const view = actionsView(person([merged, undo]), new Map([['acc-1', 'Rūta Petrauskienė']]));
    expect(view.map((a) => a.id)).toEqual(['a2', 'a1']);
    expect(view[0]).toMatchObject({ kind: 'undo', undoesKind: 'merge', undoable: false });
    expect(view[0]!.actor).toBe('acc-2');
    expect(view[1]).toMatchObject({ actor: 'Rūta Petrauskienė', undone: true, undoable: false });
    expect(view[1]!.otherNumber).toBe('P-0000-0002-8');
  });
});
