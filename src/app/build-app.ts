import path from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import view from '@fastify/view';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import {
  accessPlugin,
  csrfPlugin,
  databaseRateLimitStore,
  registerSecurityHeaders,
  registerUploads,
  type Principal,
  sessionsPlugin,
  sweepSessions,
  type RouteAccess,
} from '../platform/http';
import { loggerOptions } from '../platform/log';
import { buildAssets, viewOptions } from '../platform/views';
import { createAccountsModule, type AccountsModule } from '../modules/accounts';
import { createAppointmentsModule, type AppointmentsModule } from '../modules/appointments';
import { createAuditModule, type AuditModule } from '../modules/audit';
import { createCatalogueModule, type CatalogueModule } from '../modules/catalogue';
import { createDocumentsModule, type DocumentsModule } from '../modules/documents';
import { createPaymentsModule, type PaymentsModule } from '../modules/payments';
import {
  createPartnersModule,
  PARTNER_SECURITY_SCHEMES,
  type PartnersModule,
} from '../modules/partners';
import { createApplicationsModule, type ApplicationsModule } from '../modules/applications';
import {
  createCasesModule,
  createDecisionsModule,
  createContactCentre,
  createProduction,
  createInformationRequests,
  createDeliveryChoiceModule,
  COURIER_FEE_REFERENCE,
  type CasesModule,
  type DecisionsModule,
  type ProductionModule,
} from '../modules/cases';
import { legalTermsFrom, lifecycleRulesFrom } from './cases.wiring';
import { appointmentStaffPortsFrom, visitPortsFrom } from './appointments.wiring';
import { visitNoticePortsFrom } from './visit-notices.wiring';
import { deskPortsFrom } from './desk.wiring';
import { decisionPortsFrom } from './decisions.wiring';
import {
  deliveryChoicePortsFrom,
  productionAdapters,
  productionPortsFrom,
} from './production.wiring';
import { documentTypesFor, informationRequestPorts } from './information-requests.wiring';
import { filingFor } from './filing.wiring';
import { createHoldingsModule, type HoldingsModule } from '../modules/holdings';
import { createPermitsModule, type PermitsModule } from '../modules/permits';
import { createAssistantModule, type AssistantModule } from '../modules/assistant';
import { ownCasePortsFrom } from './assistant-cases.wiring';
import { createAssistantDesk } from './assistant-desk.wiring';
import { createNotificationsModule, type NotificationsModule } from '../modules/notifications';
import {
  createRulesAdminModule,
  createRulesModule,
  type RulesAdminModule,
  type RulesModule,
} from '../modules/rules';
import { parameterResolverFrom } from './rules-parameters';
import { createPersonsModule, type PersonsModule } from '../modules/persons';
import { matchApplicationOnSubmission } from './persons.wiring';
import { createAutomation, runOnAnswer, type Automation } from './processing.wiring';
import { applicantPanelsFrom } from './applicant-panels.wiring';
import { checksBeforeSubmission, recordOnSubmission, snapshotSourcesFrom } from './rules.wiring';
import { branchNamesFrom, notificationPortsFrom, smsFrom } from './notifications.wiring';
import { applicationsForHoldings } from './holdings.wiring';
import { branchesFromAccounts } from './ordering.wiring';
import {
  catalogueForApplications,
  documentsForApplications,
  paymentsForApplications,
  recipientsFromAccounts,
  travelDocumentsFor,
} from './intake.wiring';
import { portalRoutes, portalNavigation } from '../portal';
import { workbenchRoutes, workbenchNavigation } from '../workbench';
import type { AppContext } from './context';
import { ROOT } from './context';
import { registerErrorHandlers } from './error-handler';
import { apiDescriptionTransform } from './openapi';
import { createMetrics } from './metrics';
import { pageContextPlugin } from './page-context';
import { systemRoutes } from './system.routes';

export interface App {
  server: FastifyInstance;
  routes: RouteAccess[];
  modules: {
    accounts: AccountsModule;
    appointments: AppointmentsModule;
    applications: ApplicationsModule;
    audit: AuditModule;
    cases: CasesModule;
    catalogue: CatalogueModule;
    documents: DocumentsModule;
    partners: PartnersModule;
    payments: PaymentsModule;
    holdings: HoldingsModule;
    permits: PermitsModule;
    /** The virtual assistant and its conversations (issue 10). */
    assistant: AssistantModule;
    assistantConversations: ReturnType<typeof createAssistantDesk>['conversations'];
    notifications: NotificationsModule;
    /** Document production and delivery (part of the cases module). */
    production: ProductionModule;
    /** Decisions with four eyes, revocations and letters (part of the cases module). */
    decisions: DecisionsModule;
    /** Rules as code: rule sets, evaluations kept with cases (issue 6). */
    rules: RulesModule;
    /** Rule set versions loaded through the workbench and impact analyses (issue 6). */
    rulesAdmin: RulesAdminModule;
    /** The persons register and identity matching (issue 7). */
    persons: PersonsModule;
    /** Registry checks, triage, decision date estimates and the pipeline (issue 8). */
    registries: Automation['registries'];
    triage: Automation['triage'];
    estimates: Automation['estimates'];
    processing: Automation['processing'];
  };
}

const isApi = (url: string) => url.startsWith('/api/');

/** The composition root: plugins in the order they must run, then every module's routes. */
export async function buildApp(ctx: AppContext): Promise<App> {
  const { config, database, clock } = ctx;
  const server = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { ...loggerOptions(config.LOG_LEVEL) },
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1_048_576,
  }).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);

  const routes: RouteAccess[] = [];
  await server.register(accessPlugin, {
    table: routes,
    fallback: (url) => (url.startsWith('/assets/') ? { who: 'public' } : undefined),
  });
  await server.register(cookie);
  await server.register(formbody);
  await registerUploads(server, { maxFileBytes: config.UPLOAD_MAX_BYTES });
  await registerSecurityHeaders(server, { secure: config.secure });
  const metrics = createMetrics();
  await server.register(metrics.plugin);

  // The country pack is read and validated here: a broken pack stops start-up, naming file and field.
  const catalogue = createCatalogueModule({ clock });
  const audit = createAuditModule({
    db: database.db,
    clock,
    onError: (e) =>
      ctx.logger.error({ err: e }, 'audit chainer failed; retried with the next entry'),
  });
  // Stop linking audit entries before the database closes (the next start links what is left).
  server.addHook('onClose', () => audit.drain());
  const accounts = createAccountsModule({ ...ctx, audit });
  // What applicants are told: inbox, e-mail and SMS from the pack's templates (issue 4 point 8).
  const notifications = createNotificationsModule({
    ...ctx,
    db: database.db,
    audit,
    sms: smsFrom(config, ctx.logger),
    publicUrl: config.publicUrl,
    formsPerMinute: config.RATE_LIMIT_FORMS_PER_MINUTE,
    // Reminders of requests due soon; informationRequests is made below (it needs applications).
    ports: notificationPortsFrom(accounts, () => informationRequests),
  });
  accounts.addAccountNotices(notifications.accountNotices);
  const documents = createDocumentsModule({ ...ctx, audit });
  const partners = createPartnersModule({ ...ctx, audit });
  const payments = createPaymentsModule({ ...ctx, audit });
  const cases = createCasesModule({
    ...ctx,
    db: database.db,
    audit,
    catalogue: lifecycleRulesFrom(catalogue),
    terms: legalTermsFrom(catalogue),
    notify: notifications.notify,
  });
  // Rules as code (issue 6): the pack's rule sets are compiled here; a broken one stops start-up.
  const ruleParameters = parameterResolverFrom(catalogue);
  // Versions staff load through the workbench join the pack's from their effective date.
  const rulesAdmin = createRulesAdminModule({
    db: database.db,
    clock,
    ids: ctx.ids,
    jobs: ctx.jobs,
    audit,
    resolve: ruleParameters,
  });
  // The persons register (issue 7): every submitted application and issued document is matched
  // to a person in its own transaction; grey-band matches wait for an officer's review.
  const persons = createPersonsModule({
    db: database.db,
    clock,
    ids: ctx.ids,
    audit,
    thresholds: { autoLink: config.PERSONS_MATCH_AUTO_LINK, review: config.PERSONS_MATCH_REVIEW },
    staffName: async (id) => (await accounts.repo.findById(id))?.display_name,
  });
  const matchApplication = matchApplicationOnSubmission(persons.service, {
    clock,
    logger: ctx.logger,
  });
  const rules = createRulesModule({
    db: database.db,
    clock,
    ids: ctx.ids,
    audit,
    resolve: ruleParameters,
    extraSets: (trx) => rulesAdmin.loadedSets(trx),
  });
  // The application as the rules read it; appointments is made below (it needs applications).
  const snapshots = snapshotSourcesFrom(catalogue, documents, () => appointments, clock);
  const keepRuleChecks = recordOnSubmission(rules, snapshots, clock, ctx.logger);
  const applications = createApplicationsModule({
    ...ctx,
    db: database.db,
    audit,
    publicUrl: config.publicUrl,
    catalogue: catalogueForApplications(catalogue, clock),
    documents: documentsForApplications(documents),
    payments: paymentsForApplications(payments),
    travelDocuments: travelDocumentsFor(catalogue, clock),
    recipientOf: recipientsFromAccounts(accounts),
    notify: notifications.notify,
    notifyPartner: (partnerId, event, trx) => partners.notifyPartner(partnerId, event, trx),
    // Every submission opens its case and keeps its rule checks, committed with the submission.
    onSubmitted: async (row, trx) => {
      const opened = await cases.service.openCase(row, trx);
      await keepRuleChecks(row, opened.id, trx);
      await matchApplication(row, trx);
      // The automated pipeline (issue 8) runs as a job once the submission commits.
      await automation.processing.service.enqueue(opened.id, 'submitted', trx);
      return opened;
    },
    // "Checks before you submit" on the check page, evaluated for today.
    checksBeforeSubmission: checksBeforeSubmission(rules, snapshots, clock, ctx.logger),
    filing: filingFor(accounts, catalogue),
    branches: branchesFromAccounts(accounts),
    // "Information requested" on the application's page; made below (it needs applications).
    notices: async (id, p) => [
      ...(await informationRequests.notices(id, p)),
      ...(await appointments.notices(id, p)),
      ...(await deliveryChoice.service.notices(id, p)),
    ],
    // Automated checks and the decision date on the application's page (issue 8; made below).
    applicantPanels: (id, p, req) => applicantPanelsFrom(automation, cases, audit)(id, p, req),
    // Photo, signature and documents on record; holdings is made below (it needs applications).
    identityOnRecord: {
      identityOnRecord: (id, on, actor, purpose) =>
        holdings.identityOnRecord(id, on, actor, purpose),
    },
  });
  // Branch calendars and booking (issue 5): the branches pack is validated here too.
  const appointments = createAppointmentsModule({
    ...ctx,
    db: database.db,
    audit,
    holidays: catalogue.pack.holidays,
    ports: visitPortsFrom(applications, catalogue),
    // The branch desk: check-in records the visit on the case (src/app/desk.wiring.ts).
    desk: deskPortsFrom(accounts, applications, catalogue, cases),
    staff: appointmentStaffPortsFrom(accounts, catalogue),
    // Notices of visits (inbox, e-mail, SMS; partners by webhook) and the day-before reminders.
    notices: visitNoticePortsFrom(notifications, applications, partners),
    publicUrl: config.publicUrl,
  });
  // A case withdrawn or decided needs no visit: its booking, held place and place in line end,
  // in the same transaction, and the places go to the next in line.
  cases.service.onClosed((c, trx) => appointments.booking.closeFor(c.application_id, trx));
  // Its rule checks leave impact analysis (only open cases are re-evaluated under a new version).
  cases.service.onClosed((c, trx) => rules.closeFor(c.application_id, trx));
  // What organisations filed for an address is linked to its account once the address is verified.
  accounts.service.onEmailConfirmed((e, trx) =>
    applications.filing.claimForVerifiedEmail(e, trx).then(() => undefined),
  );
  // A paid fee shows on the application's timeline, committed with the payment itself.
  payments.onPaid(async (paid, trx) => {
    if (paid.reference.kind === 'application') {
      await applications.service.recordFeePaid(paid.reference.id, paid.paymentId, trx);
    }
  });
  // Documents people hold: renewals start pre-filled drafts through the applications module.
  const holdings = createHoldingsModule({
    ...ctx,
    audit,
    applications: applicationsForHoldings(applications, catalogue),
    recipientOf: recipientsFromAccounts(accounts),
  });
  accounts.addAccountNotices(holdings.accountNotices);
  // The person an application is for, and whoever filed it, may open its documents.
  documents.service.allowOwnerAccess('application', async (id, actor) =>
    applications.service.canSeeById(id, actor as Principal),
  );
  // Requests for information: the officer asks, the applicant answers in the portal (issue 4).
  const informationRequests = createInformationRequests({
    ...ctx,
    db: database.db,
    audit,
    // An applicant's answer runs the automated pipeline again (issue 8).
    cases: runOnAnswer(cases, (id, trx) =>
      automation.processing.service.enqueue(id, 'information-received', trx),
    ),
    ports: informationRequestPorts(applications, legalTermsFrom(catalogue)),
    documents: documents.service,
    documentTypes: documentTypesFor(catalogue),
    notify: notifications.notify,
  });
  documents.service.allowOwnerAccess('information-request', (id, actor) =>
    informationRequests.mayOpenAnswerDocument(id, actor as Principal),
  );
  // Digital permits (issue 9): a grant issues the credential, a revocation revokes it at once.
  const permits = await createPermitsModule({
    ...ctx,
    audit,
    logger: ctx.logger,
    groundNames: (serviceId, groundId) =>
      catalogue.findService(serviceId)?.grounds.find((g) => g.id === groundId)?.name,
  });
  // Decisions with four eyes and their letters; the letters pack is validated here (start-up).
  const decisions = createDecisionsModule({
    ...ctx,
    db: database.db,
    audit,
    catalogue: lifecycleRulesFrom(catalogue),
    cases,
    ports: decisionPortsFrom(applications, accounts, catalogue, holdings, permits),
    notify: notifications.notify,
  });
  // Registry checks, triage, the decision date estimate and the pipeline (issue 8).
  const automation = createAutomation({
    ctx,
    audit,
    catalogue,
    accounts,
    cases,
    applications,
    rules,
    snapshots,
    persons,
    decisions,
  });
  // Collection or courier, chosen by a permit card's holder after the grant (paid courier fee).
  const deliveryChoice = createDeliveryChoiceModule({
    ...ctx,
    db: database.db,
    audit,
    cases,
    ports: deliveryChoicePortsFrom(applications, accounts, catalogue, payments),
  });
  payments.onPaid(async (paid, trx) => {
    if (paid.reference.kind === COURIER_FEE_REFERENCE) {
      await deliveryChoice.service.courierPaid(paid.reference.id, paid, trx);
    }
  });
  // Document production and delivery: card producer, courier, hand-over (issue 4 point 6).
  const production = createProduction({
    ...ctx,
    db: database.db,
    audit,
    cases,
    notify: notifications.notify,
    branchName: branchNamesFrom(accounts),
    ...productionAdapters(clock, config),
    ...productionPortsFrom(
      applications,
      accounts,
      holdings,
      deliveryChoice,
      persons.service,
      ctx.logger,
    ),
  });

  // The contact centre: search, status and deadline, contact log, messages (issue 4 point 7).
  const contactCentre = createContactCentre({
    ...ctx,
    service: cases.contactCentre,
    // Read with the agent's own rights (staff who passed MFA see every application).
    applicantAccountOf: async (id, p) => {
      const row = await applications.service.getVisible(id, p);
      return row.owner_account_id ?? row.filed_by_account_id ?? undefined;
    },
    notify: notifications.notify,
    serviceName: (serviceId, lang) => {
      const name = catalogue.findService(serviceId)?.name;
      return name?.[lang] ?? name?.lt ?? serviceId;
    },
  });

  // The virtual assistant (issue 10): answers from the catalogue, the FAQ and the applicant's
  // own cases; handoffs go to the contact centre's desk.
  const ownCases = ownCasePortsFrom({
    i18n: ctx.i18n,
    catalogue,
    accounts,
    applications,
    cases,
    estimates: automation.estimates,
    informationRequests,
    payments,
    appointments,
    production,
    audit,
  });
  const assistantDesk = createAssistantDesk({
    ...ctx,
    db: database.db,
    audit,
    jobs: ctx.jobs,
    mail: ctx.mail,
    publicUrl: config.publicUrl,
    notifications,
    staffName: async (id) => (await accounts.repo.findById(id))?.display_name,
    casesOf: async (accountId, lang) =>
      (await ownCases.casesOf(accountId, lang)).map((c) => ({
        reference: c.reference,
        service: c.serviceName,
        status: c.statusLabel,
      })),
    services: (lang) =>
      catalogue.listServices().map((s) => ({ id: s.id, name: s.name[lang] ?? s.name.lt })),
    // `assistant` is made below; publishing happens only once the server runs.
    onFaqPublished: () => assistant.start(),
  });
  const assistant = createAssistantModule({
    db: database.db,
    catalogue,
    i18n: ctx.i18n,
    clock,
    branches: appointments.pack,
    ownCases,
    conversations: assistantDesk.conversations,
    sessionPrincipal: (s) => accounts.principalFor(s),
    portal: {
      secure: config.secure,
      limits: {
        perAddressPerMinute: config.ASSISTANT_QUESTIONS_PER_MINUTE,
        perAccountPerMinute: config.ASSISTANT_QUESTIONS_PER_ACCOUNT_PER_MINUTE,
      },
    },
  });
  await assistant.start();

  await server.register(sessionsPlugin, {
    db: database.db,
    clock,
    secure: config.secure,
    idleMinutes: config.SESSION_IDLE_MINUTES,
    absoluteHours: config.SESSION_ABSOLUTE_HOURS,
  });
  server.decorateRequest('principal', null as never);
  server.addHook('onRequest', async (req) => {
    req.principal = await accounts.principalFor(req.session);
  });
  // On /api/ the session is ignored and an API key decides the principal; partner POSTs are idempotent.
  await server.register(partners.plugin);
  await server.register(pageContextPlugin, {
    i18n: ctx.i18n,
    secure: config.secure,
    navigationFor: (req) =>
      req.url.startsWith('/workbench') ? workbenchNavigation(req) : portalNavigation(req),
  });
  await server.register(rateLimit, {
    global: true,
    max: partners.rateLimitMax,
    keyGenerator: partners.rateLimitKey,
    timeWindow: 60_000,
    // Count before anything else runs, so refused and invalid requests are counted too.
    hook: 'onRequest',
    store: databaseRateLimitStore(database.db) as never,
    allowList: (req) =>
      req.url === '/healthz' || req.url === '/metrics' || req.url.startsWith('/assets/'),
  });
  await server.register(csrfPlugin, { exempt: isApi });
  await server.register(view, viewOptions(ROOT, config.NODE_ENV === 'production'));

  const assets = path.join(ROOT, 'dist', 'assets');
  buildAssets({ root: ROOT, outDir: assets });
  await server.register(fastifyStatic, {
    root: assets,
    prefix: '/assets/',
    maxAge: '1h',
    index: false,
  });

  await server.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vartai public API',
        version: '1.0.0',
        description: 'The public API of Vartai for service providers, employers and registries.',
      },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: PARTNER_SECURITY_SCHEMES },
    },
    transform: apiDescriptionTransform,
    hiddenTag: 'internal',
    hideUntagged: true,
  });

  ctx.jobs.register('platform.sweep', async () => {
    await sweepSessions(database.db, clock, config.SESSION_IDLE_MINUTES);
  });
  ctx.jobs.schedule('platform.sweep', '*/10 * * * *');
  registerErrorHandlers(server, { isApi });
  await server.register(systemRoutes(ctx, metrics.registry));
  await server.register(accounts.routes);
  await server.register(notifications.routes);
  await server.register(catalogue.routes);
  await server.register(documents.routes);
  await server.register(payments.routes);
  await server.register(applications.routes);
  await server.register(informationRequests.routes);
  await server.register(decisions.routes);
  await server.register(production.routes);
  await server.register(deliveryChoice.routes);
  await server.register(appointments.routes);
  await server.register(contactCentre.routes);
  await server.register(holdings.routes);
  await server.register(permits.routes);
  await server.register(assistant.routes);
  await server.register(assistantDesk.deskRoutes);
  await server.register(assistantDesk.accountRoutes);
  await server.register(rulesAdmin.routes);
  await server.register(persons.routes);
  await server.register(automation.triage.routes);
  await server.register(automation.processing.routes);
  await server.register(portalRoutes());
  await server.register(
    workbenchRoutes({
      clock,
      accounts,
      cases,
      applications,
      documents,
      catalogue,
      production: production.service,
      rules,
      automation,
      audit,
      openBookingReports: () => appointments.abuse.openCount(),
    }),
  );
  await server.ready();
  return {
    server: server as unknown as FastifyInstance,
    routes,
    modules: {
      accounts,
      appointments,
      applications,
      audit,
      cases,
      catalogue,
      documents,
      partners,
      payments,
      holdings,
      permits,
      assistant,
      assistantConversations: assistantDesk.conversations,
      notifications,
      production,
      decisions,
      rules,
      rulesAdmin,
      persons,
      registries: automation.registries,
      triage: automation.triage,
      estimates: automation.estimates,
      processing: automation.processing,
    },
  };
}
