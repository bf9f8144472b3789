import { describe, expect, it } from 'vitest';
import { addressBucket } from './ask-limits';
import { safeHref, transcriptOf } from './transcript';

describe('links in answers', () => {
  it('keeps web addresses and same-site paths, and nothing else', () => {
    expect(safeHref('https://migracija.lrv.lt/lt/paslaugos')).toBe(
      'https://migracija.lrv.lt/lt/paslaugos',
    );
    expect(safeHref(' /services/national-visa ')).toBe('/services/national-visa');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '//evil.example', '/\\evil', ''])
      expect(safeHref(bad)).toBeUndefined();
  });

  it('gives the newest answer its links and hand-off offer', () => {
    const t = (k: string) => k;
    const at = new Date('2026-12-05T10:00:00Z');
    const turns = transcriptOf(
      [
        { id: '1', role: 'visitor', text: 'kaina?', at },
        {
          id: '2',
          role: 'assistant',
          text: 'First.\n\nSecond.',
          at,
          answer: {
            kind: 'faq',
            confidence: 0.8,
            sources: [{ id: 'faq:q4', title: 'MD', url: 'javascript:x' }],
          },
        },
      ],
      t,
      { links: [{ label: 'Pay', href: '/pay' }], handoff: true },
    );
    expect(turns[1]).toMatchObject({
      who: 'assistant.turn.assistant',
      paragraphs: ['First.', 'Second.'],
      sources: [],
      links: [{ text: 'Pay', href: '/pay' }],
      offerPerson: true,
    });
  });
});

describe('address buckets', () => {
  it('counts IPv6 clients by their /64 and IPv4 as it is', () => {
    expect(addressBucket('192.0.2.7')).toBe('192.0.2.7');
    expect(addressBucket('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });
});
