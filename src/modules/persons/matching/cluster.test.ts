import { describe, expect, it } from 'vitest';
import { clusterLinks } from './cluster';
import { dateCode } from './dates';

function cluster(dates: (string | null)[], links: [number, number][], sexes: (0 | 1 | 2)[] = []) {
  const order = Int32Array.from(links.map((_, k) => k));
  return clusterLinks(
    dates.length,
    Int32Array.from(dates.map(dateCode)),
    Uint8Array.from(dates.map((_, i) => sexes[i] ?? 0)),
    {
      a: Int32Array.from(links.map(([a]) => a)),
      b: Int32Array.from(links.map(([, b]) => b)),
      order,
      length: links.length,
    },
  );
}

describe('links clustered into persons', () => {
  it('follows links transitively and numbers persons by first record', () => {
    const c = cluster(
      ['1985-04-12', '1985-04-12', null, '1990-01-01'],
      [
        [0, 2],
        [2, 1],
      ],
    );
    expect([...c.personOf]).toEqual([0, 0, 0, 1]);
    expect(c.persons).toBe(2);
  });

  it('never joins groups whose dates of birth differ beyond a typo, even through a record without one', () => {
    // 0 and 1 are namesakes born ten years apart; 2 has no date and is linked to both.
    const c = cluster(
      ['1985-04-12', '1995-09-30', null],
      [
        [0, 2],
        [2, 1],
      ],
    );
    expect(c.personOf[0]).toBe(c.personOf[2]);
    expect(c.personOf[1]).not.toBe(c.personOf[0]);
    expect(c.refused).toBe(1);
  });

  it('keeps namesakes of one year apart, but joins two typos of a date held with the date itself', () => {
    expect(
      cluster(
        ['1985-04-12', '1985-09-30', null],
        [
          [0, 2],
          [2, 1],
        ],
      ).persons,
    ).toBe(2);
    // 04-13 and 05-12 are each one digit from 04-12, and two digits from each other.
    expect(cluster(['1985-04-13', '1985-05-12'], [[0, 1]]).persons).toBe(2);
    expect(
      cluster(
        ['1985-04-12', '1985-04-13', '1985-05-12'],
        [
          [0, 1],
          [0, 2],
        ],
      ).persons,
    ).toBe(1);
  });

  it('never puts a man and a woman together', () => {
    expect(
      cluster(
        [null, null, null],
        [
          [0, 2],
          [2, 1],
        ],
        [1, 2, 0],
      ).persons,
    ).toBe(2);
  });
});
