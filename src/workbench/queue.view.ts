import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CASE_STATUSES, DEADLINE_STATES, TRIAGE_TIERS, type QueueQuery } from '../modules/cases';
import { daysBetween } from '../modules/catalogue';
import type { WorkbenchDeps } from './case.pages';

const URGENCIES = ['general', 'urgent', 'next-day', 'same-day'] as const;
/** The triage tier's tag in the queue: enhanced scrutiny stands out (routing, issue 8). */
const TIER_TAG = {
  routine: 'govuk-tag--green',
  standard: 'govuk-tag--blue',
  enhanced: 'govuk-tag--orange',
} as const;

/** The queue's filters from the address bar; anything unknown is ignored (the filter is off). */
const Query = z.object({
  service: z.string().max(80).optional().catch(undefined),
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  urgency: z.enum(URGENCIES).optional().catch(undefined),
  deadline: z.enum(DEADLINE_STATES).optional().catch(undefined),
  who: z.enum(['mine', 'unassigned']).optional().catch(undefined),
  tier: z.enum(TRIAGE_TIERS).optional().catch(undefined),
  after: z.string().max(400).optional().catch(undefined),
});

/** Query string of the filters, for the "next page" and "first page" links. */
const qs = (f: Record<string, string | undefined>) =>
  new URLSearchParams(
    Object.entries(f).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();

/** Everything the queue part of the workbench home shows. */
export async function queueView(req: FastifyRequest, deps: WorkbenchDeps) {
  const { cases, applications, accounts, catalogue } = deps;
  const raw = (req.query ?? {}) as Record<string, unknown>;
  const f = Query.parse(typeof raw === 'object' ? raw : {});
  const query: QueueQuery = {
    serviceId: f.service || undefined,
    status: f.status,
    urgency: f.urgency,
    deadline: f.deadline,
    who: f.who,
    tier: f.tier,
    after: f.after,
  };
  const page = await cases.queues.queue(req.principal, query);
  const names = new Map<string, string>();
  const nameOf = async (id: string | null) => {
    if (!id) return null;
    if (!names.has(id)) names.set(id, (await accounts.repo.findById(id))?.display_name ?? '');
    return names.get(id) ?? null;
  };
  const serviceName = (id: string) => {
    const s = catalogue.findService(id);
    return s ? (s.name[req.lang] ?? s.name.lt) : id;
  };
  const rows = await Promise.all(
    page.rows.map(async (r) => {
      const app = await applications.service
        .getVisible(r.application_id, req.principal)
        .catch(() => undefined);
      const daysLeft = r.deadline_on ? daysBetween(page.today, r.deadline_on) : null;
      return {
        id: r.id,
        reference: app?.reference ?? '—',
        service: serviceName(r.service_id),
        status: r.status,
        urgency: r.urgency,
        deadline: r.deadline_on,
        daysLeft,
        overdue: daysLeft !== null && daysLeft < 0,
        assignee: await nameOf(r.assigned_to),
        tier: r.triage_tier,
        tierTag: r.triage_tier ? TIER_TAG[r.triage_tier] : null,
      };
    }),
  );
  const filters = {
    service: f.service,
    status: f.status,
    urgency: f.urgency,
    deadline: f.deadline,
    who: f.who,
    tier: f.tier,
  };
  return {
    rows,
    counters: page.counters,
    filters,
    nextHref: page.next ? `/workbench?${qs({ ...filters, after: page.next })}` : null,
    firstHref: f.after ? `/workbench?${qs(filters)}` : null,
    noneLeft: (req.query as Record<string, unknown>)['none'] === '1',
    options: {
      services: catalogue
        .listServices()
        .map((s) => ({ value: s.id, text: s.name[req.lang] ?? s.name.lt })),
      statuses: CASE_STATUSES.map((s) => ({ value: s, text: req.t(`workbench.status.${s}`) })),
      urgencies: URGENCIES.map((u) => ({ value: u, text: req.t(`workbench.urgency.${u}`) })),
      deadlines: DEADLINE_STATES.map((d) => ({ value: d, text: req.t(`workbench.deadline.${d}`) })),
      tiers: TRIAGE_TIERS.map((x) => ({ value: x, text: req.t(`processing.tier.${x}`) })),
    },
  };
}
