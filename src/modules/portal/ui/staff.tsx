/** The staff landing page (what your role can open) and the audit log for administrators. */
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../../../platform/audit.repo.js';
import type { Role } from '../../../platform/auth/roles.js';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { registerPage } from '../../../platform/ssr/pages.js';

/** Staff tools, each with the roles that may open it; a tool appears once its page exists. */
const TOOLS: { key: string; pageId: string; roles: readonly Role[] }[] = [
  { key: 'visits', pageId: 'visits.home', roles: ['reception', 'agent', 'supervisor', 'analyst', 'admin'] },
  { key: 'directory', pageId: 'network.directory', roles: ['reception', 'agent', 'supervisor', 'qa_reviewer', 'analyst', 'admin', 'partner'] },
  { key: 'map', pageId: 'network.map', roles: ['reception', 'agent', 'supervisor', 'qa_reviewer', 'analyst', 'admin', 'partner'] },
  { key: 'coverage', pageId: 'network.coverage', roles: ['analyst', 'supervisor', 'admin', 'partner'] },
  { key: 'reactivation', pageId: 'network.reactivation', roles: ['analyst', 'supervisor', 'admin', 'partner'] },
  { key: 'import', pageId: 'network.import', roles: ['supervisor', 'admin'] },
  { key: 'contact_console', pageId: 'contact.console', roles: ['agent', 'supervisor', 'admin'] },
  { key: 'contact_inquiries', pageId: 'contact.inquiries', roles: ['agent', 'supervisor', 'admin'] },
  { key: 'contact_supervisor', pageId: 'contact.supervisor', roles: ['supervisor', 'analyst', 'admin'] },
  { key: 'cases', pageId: 'cases.inventory', roles: ['agent', 'supervisor', 'admin'] },
  { key: 'delegated', pageId: 'cases.delegated', roles: ['partner'] },
  { key: 'qa', pageId: 'qa.home', roles: ['qa_reviewer', 'supervisor', 'admin'] },
  { key: 'qa_feedback', pageId: 'qa.feedback', roles: ['reception', 'agent', 'supervisor', 'qa_reviewer', 'analyst', 'admin'] },
  { key: 'insights', pageId: 'insights.home', roles: ['analyst', 'supervisor', 'admin'] },
  { key: 'what_if', pageId: 'insights.what_if', roles: ['analyst', 'supervisor', 'admin'] },
  { key: 'audit', pageId: 'portal.audit', roles: ['admin'] },
];

export function registerStaffPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db } = deps.database;

  registerPage(app, deps.shell, {
    id: 'portal.staff',
    paths: { en: '/en/staff', fr: '/fr/personnel' },
    access: 'staff',
    modified: '2026-11-23',
    handler({ t, request, href }) {
      const principal = request.principal!;
      const tools = TOOLS.filter((tool) => tool.roles.includes(principal.role) && deps.shell.pages.has(tool.pageId));
      return {
        title: t('staff.title'),
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }],
        body: (
          <>
            <p>{t('staff.welcome', { name: principal.name, role: t(`role.${principal.role}`) })}</p>
            <h2>{t('staff.tools_heading')}</h2>
            <ul>
              {tools.map((tool) => (
                <li key={tool.key}>
                  <a href={href(tool.pageId)}>{t(`staff.tool.${tool.key}`)}</a>
                </li>
              ))}
            </ul>
          </>
        ),
      };
    },
  });

  registerPage(app, deps.shell, {
    id: 'portal.audit',
    paths: { en: '/en/staff/audit', fr: '/fr/personnel/journal' },
    access: may('platform.audit'),
    modified: '2026-11-23',
    async handler({ t, href, language }) {
      const entries = await listAudit(db, { limit: 100 });
      const format = new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
      return {
        title: t('audit.title'),
        breadcrumbs: [
          { href: href('portal.home'), label: t('shell.home') },
          { href: href('portal.staff'), label: t('staff.title') },
        ],
        body: (
          <>
            <p>{t('audit.intro')}</p>
            <table>
              <caption>{t('audit.caption', { count: entries.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.record')}</th>
                  <th scope="col">{t('audit.from')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <time dateTime={entry.occurred_at.toISOString()}>{format.format(entry.occurred_at)} UTC</time>
                    </td>
                    <td>
                      {t(`audit.actor.${entry.actor_type}`)} {entry.actor_id ?? ''}
                    </td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td>{entry.entity_type ? `${entry.entity_type} ${entry.entity_id ?? ''}` : '—'}</td>
                    <td>{entry.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ),
      };
    },
  });
}
