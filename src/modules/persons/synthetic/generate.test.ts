import { describe, expect, it } from 'vitest';
import { compareDates } from '../matching/dates';
import { hasCyrillic } from '../matching/transliterate';
import { isCalendarDate } from './birth-dates';
import { generateRecords, PERSON_KINDS } from './generate';
import { NATIONALITIES } from './nationalities';
import type { Variation } from './records';
import { VARIANTS } from './variants';

const PERSONS = 20_000;
const standard = generateRecords({ persons: PERSONS, seed: 42, variant: 'standard', trace: true });

function share(
  g: ReturnType<typeof generateRecords>,
  v: Variation,
  among?: (i: number) => boolean,
) {
  let hit = 0;
  let total = 0;
  g.trace!.forEach((applied, i) => {
    if (among && !among(i)) return;
    total++;
    if (applied.includes(v)) hit++;
  });
  return hit / total;
}

describe('generateRecords', () => {
  it('gives the same records and truth from the same seed, others from another', () => {
    const a = generateRecords({ persons: 500, seed: 7, variant: 'standard' });
    const b = generateRecords({ persons: 500, seed: 7, variant: 'standard' });
    const c = generateRecords({ persons: 500, seed: 8, variant: 'standard' });
    expect(b.records).toEqual(a.records);
    expect(b.truth).toEqual(a.truth);
    expect(c.records).not.toEqual(a.records);
  });

  it('keeps the truth consistent: every person has 1–6 records, ids are unique, order is shuffled', () => {
    const { records, truth } = standard;
    expect(truth.length).toBe(records.length);
    const counts = new Int32Array(PERSONS);
    for (const p of truth) counts[p]!++;
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(6);
    expect(new Set(records.map((r) => r.recordId)).size).toBe(records.length);
    // Shuffled: consecutive records rarely belong to the same person.
    let sameAsNext = 0;
    for (let i = 1; i < truth.length; i++) if (truth[i] === truth[i - 1]) sameAsNext++;
    expect(sameAsNext / truth.length).toBeLessThan(0.01);
    // Skewed: most persons have one or two records, as configured.
    const rates = VARIANTS.standard.recordsPerPerson;
    for (let k = 1; k <= 6; k++) {
      const observed = counts.filter((c) => c === k).length / PERSONS;
      expect(Math.abs(observed - rates[k - 1]!)).toBeLessThan(0.015);
    }
  });

  it('applies the variations at roughly the configured rates', () => {
    const r = VARIANTS.standard;
    const g = standard;
    const cyrillicNationality = (i: number) =>
      NATIONALITIES.find((n) => n.code === g.records[i]!.nationality)?.script === 'cyrillic';
    const near = (observed: number, expected: number) =>
      expect(Math.abs(observed - expected)).toBeLessThan(Math.max(0.006, expected * 0.15));
    near(share(g, 'date-missing'), r.dateMissing);
    near(share(g, 'date-year-only'), r.dateYearOnly);
    near(share(g, 'sex-missing'), r.sexMissing);
    near(share(g, 'typo-surname'), r.typoSurname);
    near(share(g, 'names-swapped'), r.namesSwapped);
    near(share(g, 'document-missing'), r.documentMissing);
    near(share(g, 'upper-case'), r.upperCase);
    near(share(g, 'cyrillic', cyrillicNationality), r.cyrillic);
    // Swaps and one-digit typos are applied only when they give another valid date.
    expect(share(g, 'date-swapped')).toBeGreaterThan(r.dateSwapped * 0.25);
    expect(share(g, 'date-one-digit')).toBeGreaterThan(r.dateOneDigit * 0.8);
    const latinFromLithuania = (i: number) =>
      ['population-register', 'sodra', 'employment-service', 'vmi'].includes(
        g.records[i]!.source!,
      ) && !g.trace![i]!.includes('cyrillic');
    near(share(g, 'lithuanised', latinFromLithuania), r.lithuanised);
  });

  it('writes what the trace says: Cyrillic or Latin names, dates valid, fields missing', () => {
    const wrong: string[] = [];
    standard.records.forEach((rec, i) => {
      const applied = standard.trace![i]!;
      const check = (ok: boolean, what: string) => {
        if (!ok) wrong.push(`${rec.recordId} ${what}`);
      };
      if (rec.dateOfBirth !== null)
        check(isCalendarDate(rec.dateOfBirth) || /^\d{4}$/.test(rec.dateOfBirth), 'date');
      check((rec.dateOfBirth === null) === applied.includes('date-missing'), 'date missing');
      check((rec.sex === null) === applied.includes('sex-missing'), 'sex missing');
      check(
        (rec.documentNumber === null) === applied.includes('document-missing'),
        'document missing',
      );
      if (applied.includes('cyrillic')) check(hasCyrillic(rec.surname + rec.givenNames), 'script');
      if (applied.includes('icao-9303') && !applied.includes('names-swapped'))
        check(!hasCyrillic(rec.surname), 'latin');
    });
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('never gives two persons the same document number (typos aside)', () => {
    const owner = new Map<string, number>();
    let shared = 0;
    standard.records.forEach((rec, i) => {
      if (!rec.documentNumber || standard.trace![i]!.includes('document-typo')) return;
      const person = standard.truth[i]!;
      const known = owner.get(rec.documentNumber);
      if (known === undefined) owner.set(rec.documentNumber, person);
      else if (known !== person) shared++;
    });
    expect(shared).toBe(0);
    expect(owner.size).toBeGreaterThan(PERSONS);
  });

  it('makes hard negatives: twins, siblings and namesakes at about their rates', () => {
    const kinds = standard.personKinds;
    const count = (k: (typeof PERSON_KINDS)[number]) =>
      kinds.filter((x) => x === PERSON_KINDS.indexOf(k)).length / PERSONS;
    expect(count('namesake')).toBeGreaterThan(0.015);
    expect(count('sibling')).toBeGreaterThan(0.015);
    expect(count('twin')).toBeGreaterThan(0.003);
    // A namesake has the same full name; in clean Cyrillic records it shows as the same name
    // with a date of birth that is not a typo away (the case a matcher must not merge).
    const byName = new Map<string, { person: number; date: string }[]>();
    standard.records.forEach((rec, i) => {
      const t = standard.trace![i]!;
      if (!t.includes('cyrillic') || t.some((v) => v.startsWith('typo') || v.startsWith('date')))
        return;
      if (t.includes('names-swapped') || t.includes('patronymic') || t.includes('married-surname'))
        return;
      const key = `${rec.givenNames.toLowerCase()}|${rec.surname.toLowerCase()}`;
      byName.set(key, [
        ...(byName.get(key) ?? []),
        { person: standard.truth[i]!, date: rec.dateOfBirth! },
      ]);
    });
    let namesakePairs = 0;
    for (const entries of byName.values())
      for (const a of entries)
        for (const b of entries)
          if (a.person < b.person && compareDates(a.date, b.date) === 'different') namesakePairs++;
    expect(namesakePairs).toBeGreaterThan(100);
  });

  it('draws the independent variant from names the standard variant never uses', () => {
    const independent = generateRecords({
      persons: 5000,
      seed: 42,
      variant: 'independent',
      trace: true,
    });
    const names = (g: ReturnType<typeof generateRecords>) => {
      const set = new Set<string>();
      g.records.forEach((rec, i) => {
        const t = g.trace![i]!;
        if (!t.includes('cyrillic') || t.some((v) => v.startsWith('typo') || v === 'names-swapped'))
          return;
        if (!rec.nationality) return;
        set.add(`${rec.nationality}:${rec.givenNames.split(/[ -]/)[0]!.toLowerCase()}`);
      });
      return set;
    };
    const a = names(standard);
    const b = names(independent);
    expect(a.size).toBeGreaterThan(100);
    expect(b.size).toBeGreaterThan(100);
    expect([...b].filter((n) => a.has(n))).toEqual([]);
  });

  it('has no name twice in one list, so the two halves are disjoint', () => {
    for (const n of NATIONALITIES)
      for (const list of [n.names.male, n.names.female, n.names.surnames])
        expect(new Set(list).size, `${n.code}: ${list.slice(0, 3).join(', ')}`).toBe(list.length);
  });
});
