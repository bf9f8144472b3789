import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock, randomIds } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import type { JobQueue } from '../../platform/jobs';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { createAuditModule } from '../audit';
import type { CataloguePort, StoredDocument } from './applications.ports';
import { createApplicationsRepository } from './applications.repository';
import { createApplicationsService, type ApplicationsService } from './applications.service';
import { isValidReference } from './reference-number';

/**
 * The service on a real database, with its neighbours given as plain objects through its ports:
 * one service with a work ground, two questions, a passport and a fee.
 */
const catalogue: CataloguePort = {
  serviceName: (s) => (s === 'trp' ? { lt: 'Leidimas laikinai gyventi' } : undefined),
  groundName: (s, g) => (s === 'trp' && g === 'work' ? { lt: 'Darbas' } : undefined),
  grounds: () => [{ id: 'work', name: { lt: 'Darbas' } }],
  legalTerm: () => ({
    amount: 4,
    unit: 'months',
    startsAt: 'submission',
    deadlineFrom: () => ({ date: '2027-04-01', uncertain: false }),
  }),
  visibleQuestions: (_s, _g, answers) => [
    { id: 'surname', type: 'text', required: true, label: { lt: 'Pavardė' } },
    { id: 'hasFamily', type: 'yes-no', required: true, label: { lt: 'Šeima?' } },
    ...(answers.hasFamily === 'yes'
      ? [{ id: 'familyCount', type: 'number' as const, required: true, label: { lt: 'Kiek?' } }]
      : []),
  ],
  requiredDocuments: () => [{ id: 'passport', name: { lt: 'Pasas' } }],
  fee: (_s, _g, { urgency }) => ({ cents: urgency === 'urgent' ? 24000 : 12000, exemption: null }),
  ordering: {
    urgencyLevels: () => [],
    exemptions: () => [],
    hasDelivery: () => false,
    courier: () => undefined,
    remoteOrder: () => undefined,
  },
};
const documents = new Map<string, StoredDocument[]>();
const paid = new Set<string>();
const enqueued: unknown[] = [];
const jobs = {
  register: () => {},
  schedule: () => {},
  enqueue: async (_t: unknown, name: string, data: object) => void enqueued.push({ name, data }),
  start: async () => {},
  stop: async () => {},
  count: async () => 0,
} as unknown as JobQueue;

let db: TestDatabase;
let service: ApplicationsService;
const ona: Principal = {
  kind: 'applicant',
  accountId: '00000000-0000-4000-8000-00000000000a',
  email: 'ona@x.lt',
  displayName: 'Ona',
};
const other: Principal = {
  kind: 'applicant',
  accountId: '00000000-0000-4000-8000-00000000000b',
  email: 'b@x.lt',
  displayName: 'B',
};

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  const clock = fixedClock('2026-12-04T10:00:00Z');
  service = createApplicationsService({
    repo: createApplicationsRepository(db.db),
    clock,
    ids: randomIds,
    jobs,
    audit: createAuditModule({ db: db.db, clock }),
    catalogue,
    documents: { listFor: async (o) => documents.get(o.id) ?? [] },
    payments: { statusFor: async (r) => (paid.has(r.id) ? 'paid' : 'none') },
  });
});
afterAll(async () => {
  await db?.close();
});

describe('an application from draft to submission', () => {
  it('saves answers page by page, refuses bad ones without saving, and lists what is missing', async () => {
    const app = await service.startDraft({ serviceId: 'trp', by: ona });
    expect(await service.missing(app)).toEqual([{ kind: 'ground' }]);
    await service.chooseGround(app.id, ona, 'work', false);
    expect(await service.saveAnswers(app.id, ona, { surname: '', hasFamily: 'maybe' })).toEqual({
      ok: false,
      problems: { surname: 'required', hasFamily: 'not-an-option' },
    });
    expect(
      await service.saveAnswers(app.id, ona, { surname: ' Onaitė ', hasFamily: 'yes' }),
    ).toEqual({ ok: true });
    const row = await service.getVisible(app.id, ona);
    expect(row.answers).toEqual({ surname: 'Onaitė', hasFamily: 'yes' });
    expect((await service.missing(row)).map((m) => m.kind)).toEqual([
      'answer',
      'document',
      'fee',
      'declaration',
    ]);
  });

  it('submits a complete application once, however often it is asked', async () => {
    const app = await service.startDraft({ serviceId: 'trp', groundId: 'work', by: ona });
    await service.saveAnswers(app.id, ona, { surname: 'Onaitė', hasFamily: 'no' });
    await expect(service.submit(app.id, ona)).rejects.toMatchObject({
      code: 'APPLICATION_INCOMPLETE',
    });
    documents.set(app.id, [{ id: 'd', documentType: 'passport', fileName: 'p.pdf', sizeBytes: 1 }]);
    paid.add(app.id);
    await service.confirmDeclaration(app.id, ona);
    const [a, b] = await Promise.all([service.submit(app.id, ona), service.submit(app.id, ona)]);
    expect(a.reference).toBe(b.reference);
    expect(isValidReference(a.reference!)).toBe(true);
    expect(
      enqueued.filter(
        (j) => (j as { data: { applicationId: string } }).data.applicationId === app.id,
      ),
    ).toHaveLength(1);
    const timeline = await service.timeline(app.id, ona);
    expect(timeline.map((e) => e.action)).toEqual([
      'created',
      'answers-saved',
      'declaration-confirmed',
      'submitted',
    ]);
    await expect(service.saveAnswers(app.id, ona, { surname: 'X' })).rejects.toMatchObject({
      code: 'APPLICATION_NOT_DRAFT',
    });
  });

  it('hides an application from anyone else as "not found"', async () => {
    const app = await service.startDraft({ serviceId: 'trp', by: ona });
    await expect(service.getVisible(app.id, other)).rejects.toMatchObject({
      code: 'APPLICATION_NOT_FOUND',
    });
    await expect(service.saveAnswers(app.id, other, { surname: 'X' })).rejects.toMatchObject({
      code: 'APPLICATION_NOT_FOUND',
    });
    await expect(service.getVisible('not-a-uuid', ona)).rejects.toMatchObject({
      code: 'APPLICATION_NOT_FOUND',
    });
  });

  it('keeps the timeline append-only', async () => {
    await expect(db.executeSql("update application_events set action = 'x'")).rejects.toThrow(
      /append-only/,
    );
  });
});
