/**
 * The API reference as a plain, accessible, bilingual page, built from the live OpenAPI
 * description (`/openapi.json` stays the machine-readable source for tools). Each operation's
 * summary is translated through the `api.op.<operationId>` keys.
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { registerPage } from '../../../platform/ssr/pages.js';

interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: { type?: string; enum?: string[] } }[];
  responses?: Record<string, unknown>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function registerApiDocsPage(app: FastifyInstance, deps: ModuleDeps): void {
  app.get('/docs', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) =>
    reply.redirect(deps.shell.pages.path('portal.api_docs', request.language), 302),
  );

  registerPage(app, deps.shell, {
    id: 'portal.api_docs',
    paths: { en: '/en/api', fr: '/fr/api' },
    access: 'public',
    modified: '2026-11-23',
    handler({ t, href }) {
      const spec = app.swagger() as { paths?: Record<string, Record<string, Operation>> };
      const access = new Map(app.routeTable.map((r) => [`${r.method} ${r.url}`, r.access]));
      const operations = Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
        METHODS.filter((m) => item[m]).map((method) => ({ path, method: method.toUpperCase(), op: item[method]! })),
      );
      const accessLabel = (method: string, path: string) => {
        const value = access.get(`${method} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
        if (!value || value === 'public') return t('apidocs.access_public');
        if (value === 'staff') return t('apidocs.access_staff');
        return value.map((role) => t(`role.${role}`)).join(', ');
      };
      return {
        title: t('apidocs.title'),
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }],
        body: (
          <>
            <p>{t('apidocs.intro')}</p>
            <p>
              <a href="/openapi.json">{t('apidocs.openapi_link')}</a>
            </p>
            <h2>{t('apidocs.auth_heading')}</h2>
            <p>{t('apidocs.auth_text')}</p>
            <pre>
              <code>Authorization: Bearer gt_…</code>
            </pre>
            <h2>{t('apidocs.operations_heading')}</h2>
            {operations.map(({ path, method, op }) => (
              <section key={`${method} ${path}`} aria-labelledby={`op-${op.operationId}`} className="operation">
                <h3 id={`op-${op.operationId}`}>
                  <code>
                    {method} {path}
                  </code>
                </h3>
                <p>{t(`api.op.${op.operationId}`)}</p>
                <dl className="facts">
                  <dt>{t('apidocs.access')}</dt>
                  <dd>{accessLabel(method, path)}</dd>
                  <dt>{t('apidocs.responses')}</dt>
                  <dd>{Object.keys(op.responses ?? {}).join(', ')}</dd>
                </dl>
                {op.parameters && op.parameters.length > 0 ? (
                  <table>
                    <caption>{t('apidocs.parameters')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('apidocs.param_name')}</th>
                        <th scope="col">{t('apidocs.param_in')}</th>
                        <th scope="col">{t('apidocs.param_type')}</th>
                        <th scope="col">{t('apidocs.param_required')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {op.parameters.map((param) => (
                        <tr key={`${param.in}-${param.name}`}>
                          <td>
                            <code>{param.name}</code>
                          </td>
                          <td>{t(`apidocs.in.${param.in}`)}</td>
                          <td>{param.schema?.enum ? param.schema.enum.join(' | ') : (param.schema?.type ?? '')}</td>
                          <td>{param.required ? t('apidocs.yes') : t('apidocs.no')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
              </section>
            ))}
          </>
        ),
      };
    },
  });
}
