import { describe, expect, it } from 'vitest';
import type { Answer, Understanding } from './assistant.model';
import { catalogueFactStands, type FaqPassage } from './assistant.service';

const u = (intents: [Understanding['intents'][number]['intent'], number][]): Understanding => ({
  question: 'q',
  lang: 'en',
  detected: 'en',
  terms: [],
  intents: intents.map(([intent, score]) => ({ intent, score })),
  service: { id: 'temporary-residence-permit', score: 0.85 },
  personal: false,
  flags: { injection: false, otherPerson: false, handoffRequest: false, greeting: false },
});
const fact: Answer = {
  answer: 'decided within 4 months',
  lang: 'en',
  confidence: 0.8,
  sources: [{ id: 'service:temporary-residence-permit', title: 't', url: '/services/x' }],
  handoff: false,
  kind: 'catalogue',
  links: [],
};
const passage = (score: number, intents: FaqPassage['intents']): FaqPassage => ({
  answer: { ...fact, kind: 'faq', confidence: score },
  score,
  intents,
  services: ['temporary-residence-permit'],
});

describe('catalogueFactStands', () => {
  it('prefers a clearly better passage on another intent the question also has', () => {
    // "can I work while my application is examined": the term is not what is asked.
    const q = u([
      ['processing-time', 0.8],
      ['eligibility', 0.72],
    ]);
    expect(catalogueFactStands(q, fact, passage(0.91, ['eligibility', 'status']))).toBe(false);
  });

  it('keeps the fact when the passage is about the same intent', () => {
    const q = u([['processing-time', 0.8]]);
    expect(catalogueFactStands(q, fact, passage(0.95, ['validity', 'processing-time']))).toBe(true);
  });

  it('keeps the fact when the passage is not clearly better', () => {
    const q = u([
      ['processing-time', 0.8],
      ['eligibility', 0.72],
    ]);
    expect(catalogueFactStands(q, fact, passage(0.85, ['eligibility']))).toBe(true);
  });

  it('keeps the fact when the question does not ask what the passage answers', () => {
    const q = u([['processing-time', 0.8]]);
    expect(catalogueFactStands(q, fact, passage(0.95, ['validity']))).toBe(true);
  });

  it('keeps the fact when there is no passage', () => {
    expect(catalogueFactStands(u([['fee', 0.8]]), fact, undefined)).toBe(true);
  });
});
