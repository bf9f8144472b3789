import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../platform/errors';
import { uploadedFile, type Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import { rulesAdminErrors } from './admin.errors';
import { entryView, reportView, versionView } from './admin.view';
import type { ImpactService } from './impact.service';
import type { VersionsService } from './versions.service';

const V = 'modules/rules/views';
export const RULES_PATH = '/workbench/rules';
/** Who reads rule sets, versions and impact reports: the rules role, and administrators. */
export const RULES_READ_ROLES = ['rules', 'administrator'] as const;
/** Who loads and withdraws versions and runs impact analyses: the rules role only. */
export const RULES_AUTHOR_ROLES = ['rules'] as const;
const readers = { config: { access: { who: 'staff' as const, roles: RULES_READ_ROLES } } };
const authors = { config: { access: { who: 'staff' as const, roles: RULES_AUTHOR_ROLES } } };
type Staff = Extract<Principal, { kind: 'staff' }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A pasted text at the multipart field limit may have been cut (platform/http/uploads.ts). */
const PASTE_MAX_BYTES = 65_536 - 1;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const mayAuthor = (p: Principal) => p.kind === 'staff' && p.roles.includes('rules');

/** An engine or loading error as error-summary lines (every failing test on its own line). */
function errorLines(req: FastifyRequest, e: AppError): { text: string; href: string }[] {
  const lead = req.t(`rules-admin.error.${e.code}`);
  const href = e.code === 'RULES_VERSION_DATE_INVALID' ? '#effectiveFrom' : '#source';
  const failures = e.details?.failures;
  if (Array.isArray(failures))
    return [{ text: lead, href }, ...failures.slice(0, 30).map((f) => ({ text: String(f), href }))];
  return [{ text: `${lead}: ${e.message}`, href }];
}

/**
 * The rules administration pages (issue 6): rule sets and versions, a version's tables as tables,
 * loading a new version (validated before it is scheduled), withdrawing it, and impact analyses.
 * Plain forms with CSRF tokens; no JavaScript.
 */
export function rulesAdminPages(d: {
  versions: VersionsService;
  impact: ImpactService;
  audit: AuditModule;
}) {
  return async (app: FastifyInstance) => {
    app.get(RULES_PATH, readers, async (req, reply) => {
      const sets = await d.versions.overview();
      return reply.page(`${V}/admin-list.njk`, {
        title: req.t('rules-admin.list.title'),
        mayLoad: mayAuthor(req.principal),
        today: d.versions.today(),
        sets: sets.map((s) => ({
          id: s.id,
          title: s.latest.file.title[req.lang],
          service: s.latest.file.service ?? null,
          versions: s.versions.map(entryView),
        })),
      });
    });

    const loadForm = (
      req: FastifyRequest,
      reply: FastifyReply,
      values: { source: string; effectiveFrom: string },
      errors: { text: string; href: string }[] = [],
    ) =>
      reply.page(`${V}/admin-load.njk`, {
        title: req.t('rules-admin.load.title'),
        values,
        errors,
        earliest: d.versions.today(),
      });

    app.get(`${RULES_PATH}/load`, authors, (req, reply) =>
      loadForm(req, reply, { source: '', effectiveFrom: '' }),
    );

    app.post(`${RULES_PATH}/load`, authors, async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const file = uploadedFile(body, 'file');
      const source = file ? file.bytes.toString('utf8') : str(body.source);
      const effectiveFrom = str(body.effectiveFrom).trim();
      const values = { source, effectiveFrom };
      const refuse = (errors: { text: string; href: string }[]) =>
        loadForm(req, reply.status(400), values, errors);
      if (file?.truncated)
        return refuse([{ text: req.t('rules-admin.load.fileTooLarge'), href: '#file' }]);
      if (!file && Buffer.byteLength(source) >= PASTE_MAX_BYTES)
        return refuse([{ text: req.t('rules-admin.load.pasteTooLong'), href: '#source' }]);
      if (!source.trim())
        return refuse([{ text: req.t('rules-admin.load.empty'), href: '#source' }]);
      if (effectiveFrom && !DAY.test(effectiveFrom))
        return refuse([{ text: req.t('rules-admin.load.dateFormat'), href: '#effectiveFrom' }]);
      try {
        const { id } = await d.versions.load({
          text: source,
          ...(effectiveFrom ? { effectiveFrom } : {}),
          by: req.principal as Staff,
        });
        req.ensureSession().data.flash = 'rules-admin.flash.loaded';
        return reply.redirect(`${RULES_PATH}/versions/${id}`);
      } catch (e) {
        if (isAppError(e) && e.code.startsWith('RULES_')) return refuse(errorLines(req, e));
        throw e;
      }
    });

    const loadedVersion = async (req: FastifyRequest) => {
      const id = String((req.params as { vid: string }).vid);
      if (!UUID.test(id)) throw rulesAdminErrors.versionNotFound();
      return { id, ...(await d.versions.get(id)) };
    };

    app.get(`${RULES_PATH}/versions/:vid`, readers, async (req, reply) => {
      const { id, row, set } = await loadedVersion(req);
      const today = d.versions.today();
      const reports = await d.impact.reportsFor(id);
      return reply.page(`${V}/admin-version.njk`, {
        title: req.t('rules-admin.version.title', { id: row.rule_set_id, version: row.version }),
        v: versionView(set, req.lang),
        loaded: {
          id,
          status: row.status,
          loadedAt: row.loaded_at,
          withdrawnAt: row.withdrawn_at,
          withdrawable: row.status === 'scheduled' && row.effective_from > today,
        },
        mayAuthor: mayAuthor(req.principal),
        reports: reports.map((r) => ({
          id: r.id,
          status: r.status,
          forDate: r.for_date,
          requestedAt: r.requested_at,
          cases: r.cases_count,
          changed: r.changed_count,
        })),
      });
    });

    app.post(`${RULES_PATH}/versions/:vid/withdraw`, authors, async (req, reply) => {
      const { id } = await loadedVersion(req);
      await d.versions.withdraw(id, req.principal as Staff);
      req.ensureSession().data.flash = 'rules-admin.flash.withdrawn';
      return reply.redirect(`${RULES_PATH}/versions/${id}`);
    });

    app.post(`${RULES_PATH}/versions/:vid/impact`, authors, async (req, reply) => {
      const { id, row } = await loadedVersion(req);
      const forDate = str((req.body as Record<string, unknown> | undefined)?.forDate).trim();
      const reportId = await d.impact.request(
        id,
        req.principal as Staff,
        DAY.test(forDate) ? forDate : row.effective_from,
      );
      req.ensureSession().data.flash = 'rules-admin.flash.impactQueued';
      return reply.redirect(`${RULES_PATH}/reports/${reportId}`);
    });

    app.get(`${RULES_PATH}/reports/:rid`, readers, async (req, reply) => {
      const id = String((req.params as { rid: string }).rid);
      if (!UUID.test(id)) throw rulesAdminErrors.reportNotFound();
      const report = await d.impact.report(id);
      const { row } = await d.versions.get(report.version_id);
      // The changes name applications (pseudonymous personal data): the read is audited.
      await d.audit.recordRead({
        actor: req.principal,
        subject: { kind: 'rules-impact-report', id },
        purpose: 'rules-impact-analysis',
        fields: ['changes'],
        ip: req.ip,
      });
      return reply.page(`${V}/admin-report.njk`, {
        title: req.t('rules-admin.report.title', { id: row.rule_set_id, version: row.version }),
        r: reportView(report),
        version: { id: row.id, ruleSet: row.rule_set_id, version: row.version },
      });
    });

    app.get(`${RULES_PATH}/:id/:version`, readers, async (req, reply) => {
      const p = req.params as { id: string; version: string };
      const entry = await d.versions.find(String(p.id), String(p.version));
      if (!entry) throw rulesAdminErrors.versionNotFound();
      if (entry.loaded) return reply.redirect(`${RULES_PATH}/versions/${entry.loaded.id}`);
      return reply.page(`${V}/admin-version.njk`, {
        title: req.t('rules-admin.version.title', {
          id: entry.set.file.id,
          version: entry.set.file.version,
        }),
        v: versionView(entry.set, req.lang),
        state: entry.state,
        loaded: null,
        mayAuthor: false,
        reports: [],
      });
    });
  };
}
