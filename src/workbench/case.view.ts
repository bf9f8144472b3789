import type { FastifyRequest } from 'fastify';
import {
  legalClock,
  SIMPLE_ACTIONS,
  type CaseActionRow,
  type CaseRow,
  type Suspension,
} from '../modules/cases';
import { daysBetween, localDate } from '../modules/catalogue';
import { casePanel } from '../modules/rules';
import { isAppError } from '../platform/errors';
import type { WorkbenchDeps } from './case.pages';
import { automationPanels } from './automation.view';

/** The information requests of a case as suspensions of its legal term (request → answer). */
/** What a branch desk recorded with an acceptance (biometrics taken, originals seen), as keys. */
function visitRecorded(a: CaseActionRow): string[] {
  if (a.kind !== 'accepted') return [];
  const d = a.details as Record<string, unknown>;
  return [
    ...(d.biometricsTaken === true ? ['biometrics'] : []),
    ...(d.originalsSeen === true ? ['originals'] : []),
  ];
}

export function suspensionsOf(actions: readonly CaseActionRow[]): Suspension[] {
  const out: Suspension[] = [];
  for (const a of actions) {
    if (a.kind === 'information-requested') out.push({ from: localDate(a.at), to: null });
    const open = out[out.length - 1];
    if (a.kind === 'information-received' && open && open.to === null) open.to = localDate(a.at);
  }
  return out;
}

/** Actions that stop the legal term for good: the decision taking effect, or a withdrawal. */
const STOPPING = ['decided', 'decision-approved', 'withdrawn'];

/**
 * The legal clock as it stood when the term ended (decision or withdrawal): the days left then,
 * and whether the decision came in time. Undefined while the term still runs.
 */
export function stoppedClock<C extends { state: string; status: string }>(
  actions: readonly CaseActionRow[],
  at: (day: string) => C,
): (C & { stoppedOn: string }) | undefined {
  const stop = actions.find((a) => STOPPING.includes(a.kind));
  if (!stop) return undefined;
  const day = localDate(stop.at);
  const c = at(day);
  const late = c.state === 'overdue';
  return {
    ...c,
    stoppedOn: day,
    // Near is a warning for a running term; a decision in time is simply in time.
    state: late ? 'overdue' : 'on-track',
    status: stop.kind === 'withdrawn' ? 'withdrawn' : late ? 'decided-late' : 'decided-in-time',
  };
}

/**
 * The legal clock of a case as the page shows it: computed from the catalogue's term, the start
 * day and the information requests; where the term is unknown, from the cached deadline alone.
 * Once decided (or withdrawn) it shows the term as it stood that day.
 */
function clockOf(deps: WorkbenchDeps, row: CaseRow, actions: CaseActionRow[], today: string) {
  return (
    stoppedClock(actions, (day) => runningClockOf(deps, row, actions, day)) ??
    runningClockOf(deps, row, actions, today)
  );
}

function runningClockOf(
  deps: WorkbenchDeps,
  row: CaseRow,
  actions: CaseActionRow[],
  today: string,
) {
  const suspended = row.status === 'information-requested';
  const fallback = {
    deadline: row.deadline_on,
    daysLeft: row.deadline_on ? daysBetween(today, row.deadline_on) : null,
    state: row.deadline_on && row.deadline_on < today ? 'overdue' : 'on-track',
    status: row.term_starts_on ? (suspended ? 'suspended' : 'running') : 'not-started',
    provisional: false,
  };
  if (!row.term_starts_on || !deps.catalogue.findService(row.service_id)) return fallback;
  let term;
  try {
    term = deps.catalogue.legalTerm({
      serviceId: row.service_id,
      groundId: row.ground_id ?? undefined,
      urgent: row.urgency !== 'general',
      urgency: row.urgency,
    });
  } catch (e) {
    // No term for this ground or urgency level in the pack: show the cached dates.
    if (isAppError(e)) return fallback;
    throw e;
  }
  if (term.amount === 0) return fallback;
  const r = legalClock({
    term: { amount: term.amount, unit: term.unit },
    start: row.term_starts_on,
    suspensions: suspensionsOf(actions),
    holidays: deps.catalogue.pack.holidays,
    today,
  });
  return r.ok ? r.clock : fallback;
}

/** Everything the case page shows; each read of personal data is audited by the module read. */
export async function caseView(req: FastifyRequest, deps: WorkbenchDeps, id: string) {
  const { cases, applications, documents, catalogue, accounts } = deps;
  const p = req.principal;
  const row = await cases.service.getCase(id, p);
  const actions = await cases.service.actionsOf(id, p);
  const notes = await cases.queues.notesOf(id, p);
  const application = await applications.service.getVisible(row.application_id, p);
  const docs = await documents.service.listFor({ kind: 'application', id: application.id });
  await applications.service.recordRead(application, p, 'examination', ['answers', 'documents']);
  const others = application.owner_account_id
    ? (await applications.service.listForAccount(application.owner_account_id)).filter(
        (a) => a.id !== application.id && a.state === 'submitted',
      )
    : [];

  const text = (t: Partial<Record<string, string>> | undefined) => (t ? (t[req.lang] ?? t.lt) : '');
  const questions = application.ground_id
    ? catalogue.questionsFor(application.service_id, application.ground_id)
    : [];
  const answers = questions
    .filter((q) => application.answers[q.id] != null)
    .map((q) => ({ label: text(q.label), value: application.answers[q.id] ?? '' }));
  const names = new Map<string, string>();
  for (const a of [
    row.assigned_to,
    ...actions.map((x) => x.actor_id),
    ...notes.map((n) => n.author_id),
  ]) {
    if (a && !names.has(a)) names.set(a, (await accounts.repo.findById(a))?.display_name ?? '');
  }
  const next = cases.service.nextActions(row, actions);
  const today = localDate(deps.clock.now());
  const service = catalogue.findService(row.service_id);
  const isLead = p.kind === 'staff' && p.roles.includes('team-lead');
  // The rule checks kept on submission (the read is audited by the rules module).
  const kept = deps.rules ? await deps.rules.latestFor(application.id, p) : undefined;
  const branchId = row.branch_id ?? (p.kind === 'staff' ? p.branchId : null);

  return {
    title: req.t('workbench.case.title', { reference: application.reference ?? '' }),
    caseRow: row,
    reference: application.reference,
    serviceName: service ? text(service.name) : row.service_id,
    clock: clockOf(deps, row, actions, today),
    assignee: row.assigned_to ? names.get(row.assigned_to) : null,
    actions: actions.map((a) => ({
      ...a,
      actor: a.actor_id ? names.get(a.actor_id) : null,
      visitRecorded: visitRecorded(a),
    })),
    notes: notes.map((n) => ({ ...n, author: names.get(n.author_id) })),
    answers,
    documents: docs,
    ruleChecks: kept ? casePanel(kept, req.lang) : null,
    ruleChecksShown: Boolean(kept) || Boolean(await deps.rules?.forService(row.service_id)),
    others: others.map((o) => {
      const s = catalogue.findService(o.service_id);
      return { reference: o.reference, service: s ? text(s.name) : o.service_id };
    }),
    // "What you can do": pages of their own, shown only when the lifecycle allows the action now.
    links: [
      next.includes('information-requested') && {
        href: `/workbench/cases/${row.id}/information-request`,
        text: req.t('workbench.case.link.informationRequest'),
      },
      next.includes('decision-proposed') && {
        href: `/workbench/cases/${row.id}/decision`,
        text: req.t('workbench.case.link.decision'),
      },
      (next.includes('decision-returned') || next.includes('revocation-returned')) && {
        href: `/workbench/cases/${row.id}/approval`,
        text: req.t('workbench.case.link.approval'),
      },
      next.includes('revocation-proposed') && {
        href: `/workbench/cases/${row.id}/revocation`,
        text: req.t('revocations.link'),
      },
    ].filter(Boolean),
    // Document production: the order's state, and the two buttons when they apply now.
    production: deps.production ? ((await deps.production.orderOf(id, p)) ?? null) : null,
    mayOrderDocument: Boolean(deps.production) && next.includes('document-ordered'),
    mayIssue: Boolean(deps.production) && next.includes('issued'),
    buttons: SIMPLE_ACTIONS.filter((k) => next.includes(k)).map((k) => ({
      kind: k,
      text: req.t(`workbench.case.action.${k}`),
    })),
    officers:
      isLead && branchId
        ? (await accounts.repo.listStaff(branchId, 'officer')).map((o) => ({
            value: o.id,
            text: o.display_name,
            selected: o.id === row.assigned_to,
          }))
        : null,
    values: {} as Record<string, string>,
    ...(await automationPanels(req, deps, row.id)),
  };
}
