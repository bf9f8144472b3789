import type { ApplicantPanels } from '../modules/applications';
import type { AuditModule } from '../modules/audit';
import type { CasesModule } from '../modules/cases';
import { applicantEstimateView } from '../modules/estimates';
import { applicantAutomationView } from '../modules/processing';
import { registryApplicantView } from '../modules/registries';
import type { Automation } from './processing.wiring';

const TEMPLATES = [
  'modules/processing/views/_applicant-automation.njk',
  'modules/registries/views/_applicant-checks.njk',
  'modules/estimates/views/_applicant-estimate.njk',
];

/**
 * What the applicant sees of the automation on their application's page (issue 8), in plain
 * language: which automated checks ran and their results, the other institutions' checks (never
 * what a register found), and when to expect a decision. The page has already checked that the
 * reader may see the application; the read of the case's checks is audited as theirs.
 */
export function applicantPanelsFrom(
  automation: Automation,
  cases: Pick<CasesModule, 'repo'>,
  audit: Pick<AuditModule, 'recordRead'>,
): ApplicantPanels {
  return async (applicationId, p) => {
    const c = await cases.repo.findByApplication(applicationId);
    if (!c) return null;
    const steps = await automation.processing.service.latestSteps(c.id);
    const checks = await automation.registries.service.checksOf(c.id);
    const estimate = await automation.estimates.service.forCase(c.id);
    await audit.recordRead({
      actor: p,
      subject: { kind: 'application', id: applicationId },
      purpose: 'own-application',
      fields: ['automated-checks', 'registry-checks'],
    });
    return {
      templates: TEMPLATES,
      model: {
        automation: applicantAutomationView(steps),
        registryChecks: registryApplicantView(checks),
        decisionEstimate: applicantEstimateView(estimate),
      },
    };
  };
}
