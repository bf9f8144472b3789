import type { FastifyRequest } from 'fastify';
import { caseEstimateView } from '../modules/estimates';
import { caseProcessingPanel } from '../modules/processing';
import { registryCasePanel } from '../modules/registries';
import { triageCasePanel, TRIAGE_OVERRIDE_ROLES } from '../modules/triage';
import type { MessageValues } from '../platform/i18n';
import type { WorkbenchDeps } from './case.pages';

/**
 * The automation's panels on the case page (issue 8): the pipeline's latest run and a prepared
 * grant, the triage tier and why, the registry checks, and the decision date estimate. Staff
 * who may open the case read them; the read of register facts and triage is audited.
 */
export async function automationPanels(req: FastifyRequest, deps: WorkbenchDeps, caseId: string) {
  const a = deps.automation;
  if (!a) return {};
  const p = req.principal;
  const steps = await a.processing.service.latestSteps(caseId);
  const prepared = Boolean(await a.processing.service.prepared(caseId));
  const checks = await a.registries.service.checksOf(caseId);
  const run = await a.triage.service.latestFor(caseId);
  const overrides = run ? await a.triage.service.overridesOf(caseId) : [];
  const estimate = await a.estimates.service.forCase(caseId);
  await deps.audit?.recordRead({
    actor: p,
    subject: { kind: 'case', id: caseId },
    purpose: 'examination',
    fields: ['registry-checks', 'triage', 'processing'],
  });
  const roles: readonly string[] = TRIAGE_OVERRIDE_ROLES;
  const translate = (key: string, values?: Record<string, unknown>) =>
    req.t(key, values as MessageValues | undefined);
  return {
    processing: caseProcessingPanel(steps, prepared, req.t),
    registryChecks: registryCasePanel(checks),
    triagePanel: run
      ? triageCasePanel(run, overrides.at(-1) ?? null, req.lang, translate, a.triage.criteria)
      : null,
    triageMayOverride: p.kind === 'staff' && p.roles.some((r) => roles.includes(r)),
    caseEstimate: caseEstimateView(estimate),
  };
}
