import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors';
import { createCatalogueModule, isQuestionShown, loadPack, visitTakes } from './index';

const catalogue = createCatalogueModule();
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('the country pack', () => {
  it('validates and covers S01–S15, each with grounds, documents and sources', () => {
    const services = catalogue.listServices();
    expect(services.map((s) => s.code)).toEqual(
      Array.from({ length: 15 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`),
    );
    for (const s of services) {
      expect(s.sources.length, s.id).toBeGreaterThan(0);
      for (const src of s.sources) expect(src.url, s.id).toMatch(/^https?:\/\//);
      for (const g of s.grounds) expect(g.documents.length, `${s.id}/${g.id}`).toBeGreaterThan(0);
      for (const lang of ['lt', 'en', 'ru', 'uk'] as const) expect(s.name[lang]).not.toBe('');
    }
  });

  it('answers to the slug and the S-number', () => {
    expect(catalogue.getService('S01').id).toBe('temporary-residence-permit');
    expect(catalogue.findService('no-such-service')).toBeUndefined();
    expect(() => catalogue.getService('no-such-service')).toThrow(
      expect.objectContaining({ code: 'CATALOGUE_SERVICE_UNKNOWN' }),
    );
    expect(() => catalogue.getGround('S01', 'tourism')).toThrow(
      expect.objectContaining({ code: 'CATALOGUE_GROUND_UNKNOWN' }),
    );
  });

  it('keeps facts marked uncertain, with their note', () => {
    const id = catalogue.feeRule('identity-documents', 'id-card');
    expect(id.uncertain).toBe(true);
    expect(id.note).toMatch(/one table/);
    expect(catalogue.termRule('national-visa').uncertain).toBe(true);
  });
});

describe('a broken pack stops loading, naming the file and the field', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const brokenCopy = (file: string, edit: (text: string) => string) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-pack-'));
    fs.cpSync(catalogue.pack.root, dir, { recursive: true });
    const target = path.join(dir, file);
    fs.writeFileSync(target, edit(fs.readFileSync(target, 'utf8')));
    return dir;
  };
  const failure = (root: string) => {
    try {
      loadPack(root);
    } catch (e) {
      if (isAppError(e)) return { code: e.code, message: e.message, details: e.details };
      throw e;
    }
    throw new Error('the broken pack loaded');
  };

  it('a schema error', () => {
    const root = brokenCopy('services/national-visa.yaml', (t) =>
      t.replace('code: S08', 'code: X8'),
    );
    expect(failure(root)).toMatchObject({
      code: 'CATALOGUE_PACK_INVALID',
      details: { file: 'services/national-visa.yaml', field: 'code' },
    });
  });

  it('a nested field, with its path', () => {
    const root = brokenCopy('services/e-resident.yaml', (t) =>
      t.replace('unit: days', 'unit: weeks'),
    );
    const f = failure(root);
    expect(f.details).toMatchObject({
      file: 'services/e-resident.yaml',
      field: 'term.levels.general.unit',
    });
    expect(f.message).toContain('services/e-resident.yaml: term.levels.general.unit');
  });

  it('a reference to a document that does not exist', () => {
    const root = brokenCopy('services/e-resident.yaml', (t) =>
      t.replace('ref: photo', 'ref: selfie'),
    );
    expect(failure(root).details).toMatchObject({
      file: 'services/e-resident.yaml',
      field: 'grounds.0.documents.1.ref',
    });
  });

  it('a finder answer leading nowhere', () => {
    const root = brokenCopy('finder.yaml', (t) => t.replace('next: where-now', 'next: nowhere'));
    expect(failure(root).details).toMatchObject({ file: 'finder.yaml' });
    expect(failure(root).message).toMatch(/next: unknown question nowhere/);
  });

  it('a visit that takes something it does not know, or takes anything while not required', () => {
    const unknown = brokenCopy('services/citizenship.yaml', (t) =>
      t.replace('takes: [originals]', 'takes: [originals, blood]'),
    );
    expect(failure(unknown).details).toMatchObject({
      file: 'services/citizenship.yaml',
      field: 'visit.takes.1',
    });
    const notRequired = brokenCopy('services/change-of-employer.yaml', (t) =>
      t.replace('required: false', 'required: false\n  takes: [originals]'),
    );
    expect(failure(notRequired).details).toMatchObject({
      file: 'services/change-of-employer.yaml',
      field: 'visit.takes',
    });
  });

  it('YAML that does not parse', () => {
    const root = brokenCopy('reference/fees.yaml', (t) => `${t}\n  - : : [\n`);
    expect(failure(root).details).toMatchObject({ file: 'reference/fees.yaml' });
  });
});

describe('fees on a date', () => {
  it('uses the schedule in force that day (old and new)', () => {
    const q = { serviceId: 'identity-documents', groundId: 'passport', urgent: false };
    expect(catalogue.feeFor({ ...q, on: day('2023-07-27') })).toMatchObject({
      amountCents: 4300,
      currency: 'EUR',
      schedule: 'before-2023-07-28',
      uncertain: true,
    });
    expect(catalogue.feeFor({ ...q, on: day('2023-07-28') })).toMatchObject({
      amountCents: 5000,
      schedule: 'govt-597-2023',
      basis: 'govt-597-2023/passport/general',
    });
    const trp = { serviceId: 'S01', groundId: 'work', urgent: true };
    expect(catalogue.feeFor({ ...trp, on: day('2022-05-01') }).amountCents).toBe(24000);
    expect(catalogue.feeFor({ ...trp, on: day('2024-05-01') }).amountCents).toBe(32000);
  });

  it('changes at midnight in Vilnius, not UTC', () => {
    const q = { serviceId: 'S12', groundId: 'passport', urgent: false };
    // 22:30 UTC on 27 July is 01:30 on 28 July in Vilnius.
    expect(catalogue.feeFor({ ...q, on: new Date('2023-07-27T22:30:00Z') }).amountCents).toBe(5000);
  });

  it('applies a ground fee, urgency levels and the most favourable exemption', () => {
    const on = day('2025-03-01');
    expect(
      catalogue.feeFor({ serviceId: 'S01', groundId: 'studies', urgent: false, on }).amountCents,
    ).toBe(8000);
    const passport = { serviceId: 'S12', groundId: 'passport', urgent: true, on };
    expect(catalogue.feeFor({ ...passport, urgency: 'same-day' }).amountCents).toBe(20000);
    expect(catalogue.feeFor({ ...passport, exemptions: ['minor', 'pensioner'] })).toMatchObject({
      amountCents: 2000,
      basis: 'govt-597-2023/passport/urgent; exemption pensioner 20%',
    });
    expect(
      catalogue.feeFor({
        serviceId: 'S01',
        groundId: 'work',
        urgent: false,
        on,
        exemptions: ['lithuanian-graduate'],
      }).amountCents,
    ).toBe(0);
    expect(
      catalogue.feeFor({ serviceId: 'S10', groundId: 'ukraine-war', urgent: false, on }),
    ).toMatchObject({
      amountCents: 0,
      basis: 'free',
    });
  });

  it('refuses what the pack does not know, with stable codes', () => {
    const on = day('2025-03-01');
    expect(() =>
      catalogue.feeFor({
        serviceId: 'S01',
        groundId: 'work',
        urgent: false,
        on,
        exemptions: ['vip'],
      }),
    ).toThrow(expect.objectContaining({ code: 'CATALOGUE_EXEMPTION_UNKNOWN' }));
    expect(() =>
      catalogue.feeFor({ serviceId: 'S03', groundId: 'new-employer', urgent: false, on }),
    ).toThrow(expect.objectContaining({ code: 'CATALOGUE_FEE_UNKNOWN' }));
    expect(() =>
      catalogue.feeFor({ serviceId: 'S01', groundId: 'studies', urgent: true, on }),
    ).toThrow(expect.objectContaining({ code: 'CATALOGUE_FEE_UNKNOWN' }));
    // Before any schedule, and an item the old schedule lacks.
    expect(() =>
      catalogue.feeFor({
        serviceId: 'S01',
        groundId: 'work',
        urgent: false,
        on: day('2019-01-01'),
      }),
    ).toThrow(expect.objectContaining({ code: 'CATALOGUE_FEE_UNKNOWN' }));
    expect(() =>
      catalogue.feeFor({
        serviceId: 'S09',
        groundId: 'e-services',
        urgent: false,
        on: day('2022-01-01'),
      }),
    ).toThrow(expect.objectContaining({ code: 'CATALOGUE_FEE_UNKNOWN' }));
  });
});

describe('terms, documents, reference values, visits, questions', () => {
  it('gives the legal term per ground, urgency and renewal', () => {
    expect(
      catalogue.legalTerm({ serviceId: 'S01', groundId: 'work', urgent: false }),
    ).toMatchObject({
      amount: 4,
      unit: 'months',
      startsAt: 'application-accepted',
    });
    expect(
      catalogue.legalTerm({ serviceId: 'S01', groundId: 'highly-qualified', urgent: true }),
    ).toMatchObject({ amount: 1, unit: 'months' });
    expect(
      catalogue.legalTerm({ serviceId: 'S01', groundId: 'work', urgent: true, renewal: true }),
    ).toMatchObject({ amount: 1 });
    expect(
      catalogue.legalTerm({ serviceId: 'S03', groundId: 'new-employer', urgent: false }),
    ).toMatchObject({ amount: 20, unit: 'working-days' });
    expect(() =>
      catalogue.legalTerm({ serviceId: 'S10', groundId: 'ukraine-war', urgent: false }),
    ).toThrow(expect.objectContaining({ code: 'CATALOGUE_TERM_UNKNOWN' }));
  });

  it('filters documents by age and first application', () => {
    const ids = (age: number, firstApplication: boolean) =>
      catalogue
        .requiredDocuments({ serviceId: 'S01', groundId: 'studies', age, firstApplication })
        .map((d) => d.id);
    expect(ids(17, true)).toEqual(expect.arrayContaining(['parental-consent', 'criminal-record']));
    expect(ids(13, true)).not.toContain('criminal-record');
    expect(ids(14, true)).toContain('criminal-record');
    expect(ids(20, true)).not.toContain('parental-consent');
    expect(ids(20, false)).not.toContain('criminal-record');
    const all = catalogue.requiredDocuments({ serviceId: 'S01', groundId: 'family' });
    expect(all.find((d) => d.id === 'family-tie')).toMatchObject({
      conditions: { firstApplicationOnly: true },
      source: { url: expect.stringMatching(/^https:/) },
    });
  });

  it('gives the reference value in force on a date', () => {
    expect(catalogue.referenceValue('minimum-monthly-wage', day('2024-12-31')).value).toBe(92400);
    expect(catalogue.referenceValue('minimum-monthly-wage', day('2025-01-01')).value).toBe(103800);
    expect(catalogue.referenceValue('courier-delivery-fee', day('2025-10-20')).value).toBe(379);
    expect(
      catalogue.referenceValue('passport-margin-after-permit-months', day('2025-01-01')),
    ).toMatchObject({
      value: 3,
      uncertain: true,
    });
    expect(() => catalogue.referenceValue('minimum-monthly-wage', day('2010-01-01'))).toThrow(
      expect.objectContaining({ code: 'CATALOGUE_REFERENCE_UNKNOWN' }),
    );
  });

  it('gives the visit rule', () => {
    expect(catalogue.visitRule('S01')).toMatchObject({ required: true, withinMonths: 4 });
    expect(catalogue.visitRule('S13').required).toBe(false);
  });

  it('says what a visit records: the pack’s list, everything when it names none, nothing without a visit', () => {
    expect(visitTakes(catalogue.visitRule('S12'))).toEqual(['biometrics']);
    expect(visitTakes(catalogue.visitRule('S11'))).toEqual(['originals']);
    expect(visitTakes(catalogue.visitRule('S01'))).toEqual(['biometrics', 'originals']);
    expect(visitTakes({ required: true })).toEqual(['biometrics', 'originals']);
    expect(visitTakes(catalogue.visitRule('S13'))).toEqual([]);
  });

  it('gives the form questions of a ground, with conditions on earlier answers', () => {
    const family = catalogue.questionsFor('S01', 'family').map((q) => q.id);
    expect(family.slice(0, 3)).toEqual(['given-names', 'surname', 'date-of-birth']);
    expect(family).toContain('sponsor-relationship');
    expect(family).not.toContain('mediation-letter-number');
    const arrival = catalogue
      .questionsFor('S10', 'ukraine-war')
      .find((q) => q.id === 'arrival-date')!;
    expect(isQuestionShown(arrival, { 'has-permit': 'yes' })).toBe(false);
    expect(isQuestionShown(arrival, { 'has-permit': 'no' })).toBe(true);
  });
});

describe('the finder', () => {
  const outcomes = catalogue.finderOutcomes();

  it('reaches every service, and every result names a real ground', () => {
    const reached = new Set(outcomes.flatMap((o) => (o.kind === 'result' ? [o.service] : [])));
    expect([...reached].sort()).toEqual(
      catalogue
        .listServices()
        .map((s) => s.id)
        .sort(),
    );
    for (const o of outcomes)
      if (o.kind === 'result' && o.ground)
        expect(catalogue.getGround(o.service, o.ground)).toBeTruthy();
  });

  it('explains where to go when nothing fits', () => {
    const none = outcomes.filter((o) => o.kind === 'none');
    expect(none.length).toBeGreaterThan(0);
    expect(catalogue.finderStep(['foreigner', 'short-visit'])).toMatchObject({ kind: 'none' });
  });

  it('asks one question at a time and refuses answers that do not fit', () => {
    expect(catalogue.finderStep([])).toMatchObject({ kind: 'question', question: { id: 'who' } });
    expect(catalogue.finderStep(['foreigner', 'work', 'regular'])).toMatchObject({
      kind: 'question',
      question: { id: 'where-now' },
    });
    expect(catalogue.finderStep(['foreigner', 'work', 'regular', 'abroad'])).toMatchObject({
      kind: 'result',
      service: 'temporary-residence-permit',
      ground: 'work',
    });
    expect(() => catalogue.finderStep(['martian'])).toThrow(
      expect.objectContaining({ code: 'CATALOGUE_FINDER_PATH_INVALID' }),
    );
    expect(() => catalogue.finderStep(['ukraine-war', 'extra'])).toThrow(
      expect.objectContaining({ code: 'CATALOGUE_FINDER_PATH_INVALID' }),
    );
  });
});
