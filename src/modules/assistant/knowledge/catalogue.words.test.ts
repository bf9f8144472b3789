import { describe, expect, it } from 'vitest';
import { bestNamed, sameWord, words } from './catalogue.words';

const GROUNDS = [
  {
    item: 'work',
    names: [
      ['Darbas pagal darbo sutartį'],
      ['Work under an employment contract'],
      ['Работа по трудовому договору'],
      ['work'],
    ],
  },
  {
    item: 'research',
    names: [
      ['Mokslinis darbas ar dėstymas'],
      ['Research or lecturing'],
      ['Научная работа или преподавание'],
      ['research'],
    ],
  },
  {
    item: 'family',
    names: [['Šeimos susijungimas'], ['Family reunification'], ['Воссоединение семьи'], ['family']],
  },
  {
    item: 'descent',
    names: [
      ['Lietuvių kilmė'],
      ['Lithuanian descent'],
      ['Литовское происхождение'],
      ['lithuanian descent'],
    ],
  },
];
const named = (q: string) => bestNamed(words(q), GROUNDS, 2);

describe('finding a ground or branch named in a question', () => {
  it('reads words without case or diacritics', () => {
    expect(words('Šeimos SUSIJUNGIMAS, vaikai!')).toEqual(['seimos', 'susijungimas', 'vaikai']);
  });

  it('matches inflected forms, not merely similar words', () => {
    expect(sameWord('darbas', 'darbo', 2)).toBe(true);
    expect(sameWord('vilniaus', 'vilniuje', 3)).toBe(true);
    expect(sameWord('contract', 'contact', 2)).toBe(false);
    expect(sameWord('work', 'wor', 2)).toBe(false);
    expect(sameWord('5', '5', 2)).toBe(true);
    expect(sameWord('5', '15', 2)).toBe(false);
  });

  it('picks the ground named, in any language', () => {
    expect(named('dokumentai darbo leidimui')).toBe('work');
    expect(named('какие документы для работы')).toBe('work');
    expect(named('documents for family reunification')).toBe('family');
    expect(named('документы на воссоединение семьи')).toBe('family');
    expect(named('research visa')).toBe('research');
  });

  it('names none when no ground word is used; "Lithuania" names no ground', () => {
    expect(named('how much is a residence permit')).toBeUndefined();
    expect(named('leidimas gyventi Lietuvoje')).toBeUndefined();
    expect(named('residence permit in Lithuania')).toBeUndefined();
  });
});
