/** The staff landing page: what your role can open. */
import type { FastifyInstance } from 'fastify';
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
  { key: 'accounts', pageId: 'portal.accounts', roles: may('platform.administer') },
  { key: 'api_tokens', pageId: 'portal.tokens', roles: may('platform.audit') },
  { key: 'audit', pageId: 'portal.audit', roles: may('platform.audit') },
];

export function registerStaffPages(app: FastifyInstance, deps: ModuleDeps): void {
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
}
