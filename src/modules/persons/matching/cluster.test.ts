import { describe, expect, it } from 'vitest';
import { clusterLinks, patronymicsConflict, type UndatedLinks } from './cluster';
import { dateCode } from './dates';

function cluster(
  dates: (string | null)[],
  links: [number, number][],
  sexes: (0 | 1 | 2)[] = [],
  undated?: [number, number, number][],
) {
  const order = Int32Array.from(links.map((_, k) => k));
  const attach: UndatedLinks | undefined = undated && {
    record: Int32Array.from(undated.map(([r]) => r)),
    partner: Int32Array.from(undated.map(([, p]) => p)),
    weight: Float64Array.from(undated.map(([, , w]) => w)),
    length: undated.length,
    threshold: 0,
    margin: 4,
  };
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
    attach,
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

  it('keeps apart two dates one digit apart when each is given by two records', () => {
    const dates = ['1992-02-08', '1992-02-08', '1998-02-08', '1998-02-08'];
    const links: [number, number][] = [
      [0, 1],
      [2, 3],
      [1, 2],
    ];
    expect(cluster(dates, links).persons).toBe(2);
    // One record with the other date is a typo of it.
    expect(cluster(dates.slice(0, 3), links.slice(0, 1).concat([[1, 2]])).persons).toBe(1);
  });

  it('attaches a record without a date to the one group it clearly belongs to', () => {
    const dates = ['1985-04-12', '1985-04-12', '1995-09-30', null];
    const links: [number, number][] = [[0, 1]];
    const clear = cluster(
      dates,
      links,
      [],
      [
        [3, 0, 12],
        [3, 1, 11],
        [3, 2, 5],
      ],
    );
    expect(clear.personOf[3]).toBe(clear.personOf[0]);
    // Linked about as strongly to two namesakes born ten years apart: left alone.
    const ambiguous = cluster(
      dates,
      links,
      [],
      [
        [3, 0, 12],
        [3, 2, 10],
      ],
    );
    expect(ambiguous.persons).toBe(3);
    expect(ambiguous.refused).toBe(1);
    // Below the threshold nothing is joined.
    expect(cluster(dates, links, [], [[3, 0, -1]]).persons).toBe(3);
  });

  it('never joins groups with two fathers’ names, but takes one letter apart for a typo', () => {
    const key = (letters: string) =>
      [...letters].reduce((k, l) => k * 32 + l.charCodeAt(0) - 96, 0);
    expect(patronymicsConflict(key('grg'), key('vld'))).toBe(true);
    expect(patronymicsConflict(key('lgm'), key('lkm'))).toBe(false);
    expect(patronymicsConflict(key('grg'), 0)).toBe(false);
    const links: [number, number][] = [
      [0, 2],
      [2, 1],
    ];
    const c = clusterLinks(
      3,
      new Int32Array(3),
      new Uint8Array(3),
      {
        a: Int32Array.from([0, 2]),
        b: Int32Array.from([2, 1]),
        order: Int32Array.from([0, 1]),
        length: 2,
      },
      undefined,
      Int32Array.from([key('grg'), key('vld'), 0]),
    );
    expect(c.persons).toBe(2);
    expect(cluster([null, null, null], links).persons).toBe(1);
  });
});
